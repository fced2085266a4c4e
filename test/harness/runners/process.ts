// What both runner backends need around the runner process: an env built from scratch (so neither the
// developer's config nor their environment changes what a job sees: in host mode the runner's env is
// the jobs' env) and a spawn that kills the whole process group on timeout and at the end.
import { spawn } from 'node:child_process';
import path from 'node:path';

/** An env for the runner (and so for every host-mode job) built from scratch. */
export function runnerEnv(home: string): Record<string, string> {
  const keep = ['PATH', 'LANG', 'TZ', 'PYENV_ROOT', 'TERM'];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  // A runner has no node_modules/.bin of ours on PATH.
  env.PATH = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(path.delimiter)
    .filter(
      (dir) => dir !== '' && !dir.includes(`node_modules${path.sep}.bin`) && !dir.endsWith('node-gyp-bin'),
    )
    .join(path.delimiter);
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    // act asks api.nektosact.com for version notices unless this is set.
    ACT_DISABLE_VERSION_CHECK: '1',
    // Nothing may leave the machine: no proxy, and git must not prompt for credentials.
    NO_PROXY: '*',
    GIT_TERMINAL_PROMPT: '0',
  };
}

export interface Finished {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the runner in a process group of its own: a timeout kills it and every job process it started,
 * and stragglers (a job's background process) die with the run.
 */
export async function runGroup(
  bin: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number; what: string },
): Promise<Finished> {
  const child = spawn(bin, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, opts.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  killGroup(child.pid);
  if (timedOut) {
    throw new Error(`${opts.what} timed out after ${opts.timeoutMs} ms\n${tail(stderr + stdout)}`);
  }
  return { exitCode, stdout, stderr };
}

export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function tail(text: string, max = 4000): string {
  return text.length > max ? `...${text.slice(-max)}` : text;
}
