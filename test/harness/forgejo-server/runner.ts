// A `forgejo-runner daemon` (v12, .tools/bin/forgejo-runner) registered on the test server, as an
// installation runs one: its own folder and config file (capacity, labels, runner env, the `cache:`
// section pointing at a shared `forgejo-runner cache-server` with its secret), a process group of its
// own, and its log kept with the test's logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { toolsBin } from '../tools-bin';
import { runGroup, runnerEnv } from '../runners/process';

const READY_TIMEOUT_MS = 30_000;

export interface RunnerOptions {
  /** Runner name on the server (unique per server). */
  name: string;
  /**
   * runs-on labels, e.g. `docker:host` or `self-hosted:host` (host mode), or
   * `self-hosted:docker://<image>` (container mode, with `dockerHost`).
   */
  labels: string[];
  /** Jobs at once; default 2 (the machine's cores). */
  capacity?: number;
  /** The runner's `runner.envs`: reach every job and step. */
  env?: Record<string, string>;
  /** Folders put first on the daemon's PATH (host mode: the jobs' PATH too). */
  path?: string[];
  /** The shared cache server (`cache.external_server`) and its secret. */
  cache?: { url: string; secret: string };
  /** Container mode: the Docker API socket (podman) and the job network. */
  dockerHost?: string;
  /**
   * Container mode: mount the Docker API socket into job containers (`container.docker_host` set to
   * it: /var/run/docker.sock inside), as a runner admin does for jobs that build images.
   */
  mountDockerHost?: boolean;
  /** Container mode: `container.options` for every job container (e.g. `--volume /x:/x`). */
  containerOptions?: string;
  /** Container mode: `container.valid_volumes` (what `containerOptions` may mount). */
  validVolumes?: string[];
  /** Job timeout in seconds (runner.timeout); default 600. */
  timeoutSeconds?: number;
}

export interface Runner {
  name: string;
  dir: string;
  log: string;
  stop(): Promise<void>;
}

/** The config file of a runner (YAML, the keys of `forgejo-runner generate-config`). */
function runnerConfig(dir: string, opts: RunnerOptions): string {
  const config = {
    log: { level: 'info', job_level: 'info' },
    runner: {
      file: path.join(dir, '.runner'),
      capacity: opts.capacity ?? 2,
      envs: opts.env ?? {},
      timeout: `${opts.timeoutSeconds ?? 600}s`,
      shutdown_timeout: '3s',
      insecure: false,
      fetch_timeout: '5s',
      fetch_interval: '1s',
      report_interval: '1s',
      labels: opts.labels,
    },
    cache: opts.cache
      ? {
          enabled: true,
          external_server: opts.cache.url,
          secret: opts.cache.secret,
          // The address the per-job proxy advertises in ACTIONS_CACHE_URL (it listens on every interface).
          host: '127.0.0.1',
          dir: path.join(dir, 'cache'),
        }
      : { enabled: false },
    container: {
      network: opts.dockerHost ? 'host' : '',
      docker_host: opts.dockerHost && opts.mountDockerHost ? opts.dockerHost : '-',
      force_pull: false,
      options: opts.containerOptions ?? '',
      valid_volumes: opts.validVolumes ?? [],
    },
    host: { workdir_parent: path.join(dir, 'act') },
  };
  return stringify(config);
}

async function waitForLine(child: ChildProcess, log: string, pattern: RegExp): Promise<void> {
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `forgejo-runner daemon not ready after ${READY_TIMEOUT_MS} ms (log: ${log}): ${seen.slice(-1500)}`,
          ),
        ),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `forgejo-runner daemon exited (${code ?? signal}) before ready (log: ${log}): ${seen.slice(-1500)}`,
        ),
      );
    });
  });
}

/** Where registration tokens come from: the server's CLI; `renew` asks the server again. */
export type RegistrationTokens = (renew: boolean) => Promise<string>;

const REGISTER_ATTEMPTS = 3;
const REGISTER_PAUSE_MS = 1_000;

/**
 * Whether a failed `forgejo-runner register` is worth another attempt, the token asked again: the server
 * could not find or no longer accepts the token, or did not answer. Once, on a loaded CI machine, the
 * server answered "registration token not found" for a token its CLI had printed a moment before; a
 * runner admin would register again, and so does the bench (a wrong label or config is not retried).
 */
export function registerMayRetry(output: string): boolean {
  return /registration token (not found|has been invalidated)|connection refused|unavailable|deadline exceeded|database is locked/i.test(
    output,
  );
}

/**
 * Registers a runner with a registration token from the server's CLI and starts its daemon; resolves
 * once it declared its labels to the server.
 */
export async function startRunner(
  serverUrl: string,
  tokens: RegistrationTokens,
  dir: string,
  logDir: string,
  opts: RunnerOptions,
): Promise<Runner> {
  const bin = toolsBin('forgejo-runner');
  const home = path.join(dir, 'home');
  await mkdir(home, { recursive: true });
  await mkdir(logDir, { recursive: true });
  const config = path.join(dir, 'config.yml');
  await writeFile(config, runnerConfig(dir, opts));
  const env = runnerEnv(home);
  if (opts.path?.length) env.PATH = [...opts.path, env.PATH].join(path.delimiter);
  if (opts.dockerHost) env.DOCKER_HOST = opts.dockerHost;
  const attempts: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const registered = await runGroup(
      bin,
      [
        'register',
        '--no-interactive',
        '--instance',
        serverUrl,
        '--token',
        await tokens(attempt > 1),
        '--name',
        opts.name,
        '--labels',
        opts.labels.join(','),
        '--config',
        config,
      ],
      { cwd: dir, env, timeoutMs: 30_000, what: 'forgejo-runner register' },
    );
    if (registered.exitCode === 0) break;
    const output = `${registered.stderr}${registered.stdout}`;
    attempts.push(`attempt ${attempt} (exit ${registered.exitCode}): ${output}`);
    if (attempt >= REGISTER_ATTEMPTS || !registerMayRetry(output)) {
      const serverLog = path.join(logDir, 'server', 'gitea.log');
      const logTail = await readFile(serverLog, 'utf8').then(
        (text) => text.trimEnd().split('\n').slice(-20).join('\n'),
        () => '(none)',
      );
      throw new Error(
        `forgejo-runner register failed ${attempt} time(s); the server's log: ${serverLog}\n${attempts.join('\n')}\nits last lines:\n${logTail}`,
      );
    }
    console.warn(
      `forgejo-runner register of ${opts.name}: attempt ${attempt} failed, asking the server for its token again`,
    );
    await new Promise((resolve) => setTimeout(resolve, REGISTER_PAUSE_MS));
  }
  const log = path.join(logDir, `runner-${opts.name}.log`);
  const out = createWriteStream(log);
  const child = spawn(bin, ['daemon', '--config', config], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  let stopping: Promise<void> | undefined;
  // Idempotent: a driver may stop a runner host before the bench stops every runner.
  const stop = (): Promise<void> => (stopping ??= stopDaemon());
  const stopDaemon = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 8_000);
      await exited;
      clearTimeout(timer);
    }
    // Job processes it started in host mode live in its group: end any straggler.
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // none left
    }
    out.end();
  };
  try {
    await waitForLine(child, log, /declared successfully/);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name: opts.name, dir, log, stop };
}
