// Runs a bundled action the way the Forgejo (or GitHub) runner does: `node <script>` in a fresh env with
// INPUT_* variables and fresh file-command files per step (runner-env.ts), then reads everything the step
// told the runner (workflow-commands.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  actionDirOf,
  JOB_STATUS,
  loadActionManifest,
  postWouldRun,
  repoRoot,
  type Entry,
} from './action-manifest';
import { buildStepEnv } from './runner-env';
import {
  parseKeyValueFile,
  parsePathFile,
  summarizeCommands,
  type CommandSummary,
} from './workflow-commands';

export { repoRoot };

export interface JobDirs {
  /** RUNNER_TEMP */
  temp: string;
  /** RUNNER_TOOL_CACHE */
  toolCache: string;
  /** GITHUB_WORKSPACE, also the step's cwd */
  workspace: string;
  /** HOME */
  home: string;
}

/** Give a directory of another job to share it (a warm tool cache, a checked-out workspace). */
export type JobOptions = Partial<JobDirs>;

export class Job implements JobDirs {
  readonly children = new Set<ChildProcess>();
  private steps = 0;

  constructor(
    /** Everything this job created lives under root; shared directories given in JobOptions do not. */
    readonly root: string,
    readonly temp: string,
    readonly toolCache: string,
    readonly workspace: string,
    readonly home: string,
  ) {}

  async newStepDir(label: string): Promise<string> {
    const dir = path.join(this.root, 'steps', `${++this.steps}-${label.replace(/[^\w.-]/g, '_')}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Kills steps still running (their whole process group), then removes what this job created. */
  async cleanup(): Promise<void> {
    for (const child of this.children) killGroup(child, 'SIGKILL');
    await Promise.all(
      [...this.children].map((child) => new Promise((resolve) => child.once('close', resolve))),
    );
    await rm(this.root, { recursive: true, force: true });
  }
}

export async function createJob(opts: JobOptions = {}): Promise<Job> {
  const root = await mkdtemp(path.join(tmpdir(), 'ci-kit-job-'));
  const dir = async (given: string | undefined, name: string): Promise<string> => {
    if (given) return given;
    const created = path.join(root, name);
    await mkdir(created, { recursive: true });
    return created;
  };
  return new Job(
    root,
    await dir(opts.temp, 'temp'),
    await dir(opts.toolCache, 'tool-cache'),
    await dir(opts.workspace, 'workspace'),
    await dir(opts.home, 'home'),
  );
}

export interface RunOptions {
  entry?: Entry;
  /** Values as a workflow's `with:` would give them; action.yml defaults fill in the rest. */
  inputs?: Record<string, string | number | boolean>;
  /** Overrides or extends the runner's env; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Exported as STATE_<name>: how the runner feeds the post step what main saved. */
  state?: Record<string, string>;
  /** GITHUB_PATH lines of earlier steps, in the order they were written (the last one ends up first). */
  path?: string[];
  event?: { name?: string; payload?: unknown };
  /** `forgejo` (default) also sets FORGEJO_* twins and FORGEJO_ACTIONS; `github` looks like github.com. */
  runner?: 'forgejo' | 'github';
  /** Default 60 s; on expiry the step's process group is killed and the promise rejects. */
  timeoutMs?: number;
  /** Run this file instead of what action.yml names, ignoring action.yml (to test the harness itself). */
  script?: string;
  /** Where action.yml is (default actions/<action>); a test can point at a throwaway action. */
  actionDir?: string;
  /** Fill unset inputs from action.yml defaults, as the runner does (default true). */
  inputDefaults?: boolean;
  /** What `${{ job.status }}` is for this step (default success): the runner evaluates it per step. */
  jobStatus?: 'success' | 'failure';
  /**
   * The node that runs the bundle, as a job image's own node (default: env CI_KIT_TEST_NODE, else the
   * node running the tests). Another one than the tests' also goes first on the step's PATH, where the
   * Forgejo runner finds it (test/harness/node-versions.ts has Node 20, 24 and 26).
   */
  node?: string;
}

export interface ActionResult extends CommandSummary {
  script: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  state: Record<string, string>;
  summary: string;
  /** Malformed file-command lines (a real runner would fail the step on them). */
  problems: string[];
  durationMs: number;
}

export class ActionTimeoutError extends Error {
  constructor(
    readonly script: string,
    readonly timeoutMs: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`${script} did not finish within ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
    this.name = 'ActionTimeoutError';
  }
}

export interface RunningAction {
  child: ChildProcess;
  result: Promise<ActionResult>;
  /** Signals the step's whole process group (default SIGKILL, like a runner losing its host). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves once stdout matches, e.g. to interrupt a step mid-download. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

const FILE_COMMANDS = {
  GITHUB_OUTPUT: 'output',
  GITHUB_ENV: 'env',
  GITHUB_PATH: 'path',
  GITHUB_STATE: 'state',
  GITHUB_STEP_SUMMARY: 'summary',
} as const;

/** After the step exits, a grandchild still holding stdout open gets this long before we stop reading. */
const STDIO_GRACE_MS = 2000;

export async function runAction(job: Job, action: string, opts: RunOptions = {}): Promise<ActionResult> {
  return (await spawnAction(job, action, opts)).result;
}

export async function spawnAction(job: Job, action: string, opts: RunOptions = {}): Promise<RunningAction> {
  const entry = opts.entry ?? 'main';
  const manifest = opts.script ? undefined : loadActionManifest(opts.actionDir ?? actionDirOf(action));
  const script =
    opts.script ?? manifest?.scripts[entry] ?? path.join(repoRoot, 'dist', action, `${entry}.mjs`);
  if (!existsSync(script)) {
    throw new Error(`${script} does not exist: build the bundles first (npm run build)`);
  }
  const stepDir = await job.newStepDir(`${action}-${entry}`);
  const files: Record<string, string> = {};
  for (const [variable, name] of Object.entries(FILE_COMMANDS)) {
    files[variable] = path.join(stepDir, name);
    // @actions/core refuses to append to a file that does not exist, as the runner always creates them.
    await writeFile(files[variable], '');
  }
  const eventPath = path.join(stepDir, 'event.json');
  await writeFile(eventPath, JSON.stringify(opts.event?.payload ?? {}));

  const defaults = Object.fromEntries(
    Object.entries(manifest?.inputDefaults ?? {}).map(([name, value]) => [
      name,
      value.trim() === JOB_STATUS ? (opts.jobStatus ?? 'success') : value,
    ]),
  );
  const env = buildStepEnv(job, action, opts, files, eventPath, defaults);
  const node = opts.node ?? (process.env.CI_KIT_TEST_NODE || process.execPath);
  if (node !== process.execPath) env.PATH = [path.dirname(node), env.PATH].join(path.delimiter);
  const started = Date.now();
  const child = spawn(node, [script], {
    cwd: job.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout or a kill takes the tools it spawned (tar, uv) down with it.
    detached: true,
  });
  job.children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const timeoutMs = opts.timeoutMs ?? 60_000;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>(
    (resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child, 'SIGKILL');
      }, timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        job.children.delete(child);
        reject(error);
      });
      child.once('exit', () => {
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, STDIO_GRACE_MS).unref();
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        job.children.delete(child);
        resolve({ code, signal, timedOut });
      });
    },
  );

  const result = closed.then(async ({ code, signal, timedOut }) => {
    if (timedOut) throw new ActionTimeoutError(script, timeoutMs, stdout, stderr);
    const read = (variable: string): Promise<string> => readFile(files[variable] ?? '', 'utf8');
    const outputs = parseKeyValueFile(await read('GITHUB_OUTPUT'));
    const exported = parseKeyValueFile(await read('GITHUB_ENV'));
    const state = parseKeyValueFile(await read('GITHUB_STATE'));
    return {
      script,
      exitCode: code,
      signal,
      stdout,
      stderr,
      outputs: outputs.values,
      env: exported.values,
      path: parsePathFile(await read('GITHUB_PATH')),
      state: state.values,
      summary: await read('GITHUB_STEP_SUMMARY'),
      problems: [...outputs.problems, ...exported.problems, ...state.problems],
      durationMs: Date.now() - started,
      ...summarizeCommands(stdout),
    };
  });
  // Callers that only kill the step may never await the result; its rejection must not go unhandled.
  result.catch(() => undefined);

  return {
    child,
    result,
    kill: (signal = 'SIGKILL') => killGroup(child, signal),
    waitForStdout: (pattern, waitMs = timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const check = (): boolean => {
          const match = pattern.exec(stdout);
          if (match) {
            finish();
            resolve(match[0]);
          }
          return Boolean(match);
        };
        const onClose = (): void => {
          if (check()) return;
          finish();
          reject(new Error(`step ended before stdout matched ${pattern}\n${stdout}`));
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`stdout did not match ${pattern} within ${waitMs} ms\n${stdout}`));
        }, waitMs);
        const finish = (): void => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('close', onClose);
        };
        if (check()) return;
        // Listeners run in order, so the collector above has appended the chunk before check() reads it.
        child.stdout?.on('data', check);
        child.once('close', onClose);
      }),
  };
}

export interface MainAndPostOptions extends Omit<RunOptions, 'entry' | 'state'> {
  /** Extra options for the post step only. */
  post?: Omit<RunOptions, 'entry' | 'state'>;
  /** Pretend a later step failed (the job's status decides post-if; main failing also fails the job). */
  jobStatus?: 'success' | 'failure';
}

export interface MainAndPostResult {
  main: ActionResult;
  /** undefined when the action has no post step or its post-if would skip it. */
  post: ActionResult | undefined;
}

/**
 * main, then post as the runner chains them: same inputs, main's state as STATE_*, and main's GITHUB_ENV
 * and GITHUB_PATH in effect (they apply to every later step, post steps included).
 */
export async function runMainAndPost(
  job: Job,
  action: string,
  opts: MainAndPostOptions = {},
): Promise<MainAndPostResult> {
  const { post: postOpts, jobStatus, ...common } = opts;
  const main = await runAction(job, action, { ...common, entry: 'main' });
  const status = main.exitCode === 0 && jobStatus !== 'failure' ? 'success' : 'failure';
  const manifest = common.script ? undefined : loadActionManifest(common.actionDir ?? actionDirOf(action));
  // An action.yml without `post:` has no post step; without an action.yml, the dist file is tried.
  if (manifest && !manifest.scripts.post) return { main, post: undefined };
  if (!postWouldRun(manifest?.postIf ?? 'always()', status)) return { main, post: undefined };
  const post = await runAction(job, action, {
    ...common,
    ...postOpts,
    entry: 'post',
    jobStatus: status,
    state: main.state,
    env: { ...common.env, ...main.env, ...postOpts?.env },
    path: [...(common.path ?? []), ...main.path, ...(postOpts?.path ?? [])],
  });
  return { main, post };
}

/** Signals the group even when the leader has exited: tools it left behind are still in it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has already exited.
  }
}

/**
 * The job's records our steps leave in RUNNER_TEMP on purpose: telemetry (packages/runner/src/telemetry.ts)
 * and the versions verified for later steps (packages/tools/src/verified.ts).
 */
export const JOB_RECORDS = /^ci-kit-(telemetry|verified)-[^/]*\.jsonl$/;

/** What a folder holds besides the job's records: what "nothing left behind" is checked on. */
export function leftovers(entries: string[]): string[] {
  return entries.filter((entry) => !JOB_RECORDS.test(entry));
}
