// Versions one step of ours checked, for the steps of ours after it in the same job: setup-prewarmed-
// runner checks uv and nox, and prepare-python would otherwise run `uv --version` and `nox --version`
// (a Python start-up, about 0.1 s) again. A record holds the file's identity (device, inode, size, mtime of what the path
// resolves to), so a tool replaced or rebuilt after the check is probed again. The records live in a file
// of the job's own in RUNNER_TEMP (jobScopedFile); anything unreadable counts as no record.
//
// The runner's own record (recordOnRunner/versionOnRunner) outlives the job, in the tool cache: there
// setup-prewarmed-runner keeps the versions it had to start a tool to read (`helm version` alone is
// about 30 ms, the slowest of them), so the next job on the runner reads them instead. Its
// identity leaves the device out (a container's overlay root gets a new one per job) and adds the
// ctime, which only the kernel sets: a file rewritten in place with its old size and mtime restored
// still counts as changed.
import { accessSync, appendFileSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { jobScopedFile } from '@ci-kit/runner';

interface VerifiedRecord {
  tool: string;
  path: string;
  version: string;
  identity: string;
}

const verifiedFile = (env: NodeJS.ProcessEnv) => jobScopedFile(env, 'verified', '.jsonl');

type Scope = 'job' | 'runner';

/** What `file` is now: its real path and stat, or undefined when it is gone. */
function identityOf(file: string, scope: Scope = 'job'): { real: string; identity: string } | undefined {
  try {
    const real = realpathSync(file);
    const st = statSync(real);
    const identity =
      scope === 'job'
        ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`
        : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    return { real, identity };
  } catch {
    return undefined;
  }
}

const runnerFile = (env: NodeJS.ProcessEnv) =>
  env.RUNNER_TOOL_CACHE ? path.join(env.RUNNER_TOOL_CACHE, 'ci-kit-verified.jsonl') : undefined;

/** The executable `name` resolves to on `env.PATH`, as a shell would find it; undefined when none. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Records that `file` is `tool` at `version` (best effort: a record that cannot be written is no record). */
export function recordVerified(env: NodeJS.ProcessEnv, tool: string, file: string, version: string): void {
  append(verifiedFile(env), tool, file, version, 'job');
}

/** The version an earlier step of ours verified for `file` in this job, if the file is still the same. */
export function verifiedVersion(env: NodeJS.ProcessEnv, tool: string, file: string): string | undefined {
  return lookup(verifiedFile(env), tool, file, 'job');
}

/** recordVerified for the jobs after this one on the same runner (its tool cache). */
export function recordOnRunner(env: NodeJS.ProcessEnv, tool: string, file: string, version: string): void {
  append(runnerFile(env), tool, file, version, 'runner');
}

/** The version a step of ours read from `file` on this runner before, if the file is still the same. */
export function versionOnRunner(env: NodeJS.ProcessEnv, tool: string, file: string): string | undefined {
  return lookup(runnerFile(env), tool, file, 'runner');
}

function append(target: string | undefined, tool: string, file: string, version: string, scope: Scope): void {
  const now = identityOf(file, scope);
  if (!target || !now) return;
  const record: VerifiedRecord = { tool, path: now.real, version, identity: now.identity };
  try {
    // One short line per write: O_APPEND keeps concurrent jobs' lines whole.
    appendFileSync(target, `${JSON.stringify(record)}\n`);
  } catch {
    // not writable: the next step probes again
  }
}

function lookup(source: string | undefined, tool: string, file: string, scope: Scope): string | undefined {
  const now = identityOf(file, scope);
  if (!source || !now) return undefined;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch {
    return undefined;
  }
  let found: string | undefined;
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as Partial<VerifiedRecord>;
      if (record.tool === tool && record.path === now.real && record.identity === now.identity) {
        found = typeof record.version === 'string' ? record.version : undefined;
      }
    } catch {
      // a torn or foreign line
    }
  }
  return found;
}
