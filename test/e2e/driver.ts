// Runs a workflow on the real runner (nektos/act, the upstream of the Forgejo runner; see README.md
// here for why not forgejo-runner itself) in host mode, and turns its JSON log into something a test
// can assert on: job results, step outcomes and times per stage (Pre/Main/Post), step summaries, and
// the files that jobs wrote into `outDir` (E2E_OUT, given to every step).
//
// Isolation: act runs with an env built from scratch (HOME, XDG dirs and the action/tool cache in a
// per-run folder tree, no proxies, no GitHub token, version check off), in a project folder of its
// own, with explicit -P/--env/--var/-s flags, so neither the developer's ~/.actrc nor their
// environment can change what a job sees. Host mode passes act's own env to every job, so this env is
// also the jobs' env.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toolsBin } from '../support/cache-server';

/** The runs-on label our e2e workflows use; mapped to act's host mode with -P. */
export const HOST_LABEL = 'self-hosted';

export interface RunOptions {
  /** Workflow file (absolute, or relative to the project). */
  workflow: string;
  /** The repository the run is for: act's working directory (-C), a git repository. */
  project: string;
  /** Folder for this runner's persistent state: action clones and RUNNER_TOOL_CACHE (kept across runs). */
  runnerDir: string;
  /** Event name (default: push). */
  event?: string;
  /** Event payload written to a file and passed with -e. */
  eventPayload?: unknown;
  /** Run only this job (-j). */
  job?: string;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Runner-level env (--env): reaches every job and step; ACTIONS_CACHE_URL here replaces act's own cache server. */
  env?: Record<string, string>;
  /** Folders put first on the runner's PATH (host mode: the jobs' PATH too), e.g. a pre-warmed host's tools. */
  path?: string[];
  /**
   * Container mode instead of host mode: every label runs in this image through the Docker API at
   * dockerHost (podman here; see support/podman.ts), on the host network so loopback services are reachable.
   */
  container?: { dockerHost: string; image: string };
  /** Extra runs-on labels to map to host mode (the example workflow says `docker`). */
  hostLabels?: string[];
  /** Where act's built-in cache server keeps its data (used when env has no ACTIONS_CACHE_URL). */
  cacheServerPath?: string;
  /** Parallel jobs (--concurrent-jobs); default 2, the machine's cores. */
  concurrentJobs?: number;
  timeoutMs?: number;
}

export interface LogEntry {
  level: string;
  msg: string;
  time?: string;
  job?: string;
  jobID?: string;
  matrix?: Record<string, unknown>;
  step?: string;
  stepID?: string[];
  stepid?: string[];
  stage?: string;
  stepResult?: string;
  jobResult?: string;
  executionTime?: number;
  raw_output?: boolean;
  command?: string;
  content?: string;
  [key: string]: unknown;
}

export type Outcome = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  /** `Pre`, `Main` or `Post`; `Setup`/`Complete` for act's own job bookkeeping. */
  stage: string;
  /** Step id path: `["guard"]`, or `["setup", "0"]` for a step inside a composite action. */
  id: string[];
  name: string;
  outcome: Outcome;
  /** Wall time in ms (0 for skipped steps). */
  ms: number;
  /** Outputs the step set (GITHUB_OUTPUT), as the runner read them. */
  outputs: Record<string, string>;
  /** The step's own output lines, with its error/warning/notice annotations as `::error::<message>`. */
  output: string[];
  /** The step's annotations (workflow commands error, warning, notice) as `error: <message>`. */
  annotations: string[];
}

export interface JobRecord {
  /** act's name for the job: `<workflow>/<job>` plus `-N` for matrix legs. */
  name: string;
  id: string;
  matrix: Record<string, unknown>;
  result?: Outcome;
  steps: StepRecord[];
  /** Markdown written to GITHUB_STEP_SUMMARY, one entry per step that wrote one. */
  summaries: string[];
  /** First and last log time, for the job's wall time. */
  startedAt?: number;
  endedAt?: number;
  /** Index of the job's first and last entry in the log: act logs in order, so these order jobs. */
  firstEntry: number;
  lastEntry: number;
}

export interface WorkflowRun {
  exitCode: number | null;
  /** Wall time of the whole act run in ms. */
  ms: number;
  entries: LogEntry[];
  /** act's stderr (its own errors, not the jobs'). */
  stderr: string;
  jobs: JobRecord[];
  /** Files the jobs wrote under E2E_OUT: file name -> content. */
  files: Record<string, string>;
  /** Same files parsed as `key=value` lines. */
  values: Record<string, Record<string, string>>;
  /** Path of the raw JSON log (kept until the run's folder is removed). */
  logFile: string;
  /** The job (matrix legs: the first one with this id, or name) or throws with the jobs that exist. */
  job(idOrName: string): JobRecord;
  /** The Main stage of a step in a job, or throws. */
  step(job: string, stepId: string, stage?: string): StepRecord;
  /** The first top-level step of a job (in a stage) whose name contains `text`, or throws. */
  stepNamed(job: string, text: string, stage?: string): StepRecord;
  /** Every `::error::` of the run as `<job>: <message>`: the first thing to show when a run is red. */
  errors(): string[];
  /** Every step output line of a job (all stages), for substring checks. */
  output(job: string): string;
}

/** act, as built by scripts/setup-tools.sh. */
export function actBinary(): string {
  return toolsBin('act');
}

/** An env for act (and so for every host-mode job) built from scratch. */
function baseEnv(home: string): Record<string, string> {
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

export async function runWorkflow(opts: RunOptions): Promise<WorkflowRun> {
  const runDir = await mkdtemp(path.join(tmpdir(), 'ci-kit-act-run-'));
  const home = path.join(opts.runnerDir, 'home');
  const outDir = path.join(runDir, 'out');
  await Promise.all([mkdir(home, { recursive: true }), mkdir(outDir, { recursive: true })]);
  const logFile = path.join(runDir, 'act.jsonl');

  const args = [
    opts.event ?? 'push',
    '--workflows',
    opts.workflow,
    '--directory',
    opts.project,
    '--json',
    '--verbose',
  ];
  const platform = opts.container ? opts.container.image : '-self-hosted';
  for (const label of [HOST_LABEL, ...(opts.hostLabels ?? [])])
    args.push('--platform', `${label}=${platform}`);
  if (opts.container) {
    // The image is local (never pulled); no Docker socket inside jobs; host network for 127.0.0.1
    // services; containers removed also after a failed job (act keeps them otherwise).
    args.push('--pull=false', '--container-daemon-socket', '-', '--network', 'host', '--rm');
  }
  // Every job runs on this host; RUNNER_TOOL_CACHE is <action-cache-path>/tool_cache in host mode, so a
  // fixed path here is what makes the tool cache survive from one run to the next, as on a real runner.
  args.push('--action-cache-path', path.join(opts.runnerDir, 'act'));
  args.push('--concurrent-jobs', String(opts.concurrentJobs ?? 2));
  // Use exactly the secrets, vars and env given here: no .secrets/.vars/.env/.input from the project.
  for (const [flag, name] of [
    ['--secret-file', '.secrets'],
    ['--var-file', '.vars'],
    ['--env-file', '.env'],
    ['--input-file', '.input'],
  ] as const) {
    args.push(flag, path.join(runDir, `none${name}`));
  }
  // An explicit (empty) token: act would otherwise run `gh auth token` to find one.
  const secrets = { GITHUB_TOKEN: '', ...opts.secrets };
  for (const [name, value] of Object.entries(secrets)) args.push('--secret', `${name}=${value}`);
  for (const [name, value] of Object.entries(opts.vars ?? {})) args.push('--var', `${name}=${value}`);
  const env: Record<string, string> = { E2E_OUT: outDir, ...opts.env };
  for (const [name, value] of Object.entries(env)) args.push('--env', `${name}=${value}`);
  if (env.GITHUB_SERVER_URL) {
    // act clones `owner/repo` actions from GITHUB_SERVER_URL; --github-instance (its host) is what act
    // matches the project's origin URL against for GITHUB_REPOSITORY (else it is the whole URL).
    args.push('--github-instance', new URL(env.GITHUB_SERVER_URL).host);
  }
  if (!env.ACTIONS_CACHE_URL) {
    // act's built-in cache server (the same artifactcache code as ci-kit-cache-server), on loopback.
    args.push('--cache-server-addr', '127.0.0.1');
    args.push('--cache-server-path', opts.cacheServerPath ?? path.join(opts.runnerDir, 'cache-server'));
  }
  // The artifact server stays off (no --artifact-server-path): nothing here uploads artifacts.
  if (opts.eventPayload !== undefined) {
    const eventFile = path.join(runDir, 'event.json');
    await writeFile(eventFile, JSON.stringify(opts.eventPayload));
    args.push('--eventpath', eventFile);
  }
  if (opts.job) args.push('--job', opts.job);

  const actEnv = baseEnv(home);
  if (opts.container) actEnv.DOCKER_HOST = opts.container.dockerHost;
  if (opts.path?.length) actEnv.PATH = [...opts.path, actEnv.PATH].join(path.delimiter);
  const started = Date.now();
  const child = spawn(actBinary(), args, {
    cwd: opts.project,
    env: actEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: a timeout kills act and every job process it started
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timeoutMs = opts.timeoutMs ?? 180_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  killGroup(child.pid); // stragglers (a job's background process) die with the run
  const ms = Date.now() - started;
  await writeFile(logFile, stdout);
  if (timedOut) {
    throw new Error(`act timed out after ${timeoutMs} ms; log: ${logFile}\n${tail(stderr + stdout)}`);
  }

  const entries = parseLog(stdout + '\n' + stderr);
  const jobs = collectJobs(entries);
  const files: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  for (const name of await readdir(outDir)) {
    const text = await readFile(path.join(outDir, name), 'utf8');
    files[name] = text;
    values[name] = parseKeyValues(text);
  }
  const find = (idOrName: string): JobRecord => {
    const job = jobs.find((j) => j.id === idOrName) ?? jobs.find((j) => j.name === idOrName);
    if (!job) throw new Error(`no job ${idOrName} in this run; jobs: ${jobs.map((j) => j.name).join(', ')}`);
    return job;
  };
  return {
    exitCode,
    ms,
    entries,
    stderr,
    jobs,
    files,
    values,
    logFile,
    job: find,
    step(jobId, stepId, stage = 'Main') {
      const job = find(jobId);
      const step = job.steps.find((s) => s.stage === stage && s.id.join('/') === stepId);
      if (!step) {
        const have = job.steps.map((s) => `${s.stage}:${s.id.join('/')}`).join(', ');
        throw new Error(`no ${stage} step ${stepId} in job ${job.name}; steps: ${have}`);
      }
      return step;
    },
    stepNamed(jobId, text, stage = 'Main') {
      const job = find(jobId);
      const step = job.steps.find((s) => s.stage === stage && s.id.length === 1 && s.name.includes(text));
      if (!step) {
        const have = job.steps.map((s) => `${s.stage}:${s.name.slice(0, 60)}`).join(', ');
        throw new Error(
          `no ${stage} step named like ${JSON.stringify(text)} in job ${job.name}; steps: ${have}`,
        );
      }
      return step;
    },
    errors() {
      return jobs.flatMap((job) =>
        job.steps.flatMap((step) =>
          step.annotations.filter((a) => a.startsWith('error: ')).map((a) => `${job.name}: ${a.slice(7)}`),
        ),
      );
    },
    output(jobId) {
      return find(jobId)
        .steps.flatMap((s) => s.output)
        .join('\n');
    },
  };
}

/** Removes what runWorkflow left in tmp for one run (the log goes with it). */
export async function removeRun(run: WorkflowRun): Promise<void> {
  await rm(path.dirname(run.logFile), { recursive: true, force: true });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function parseLog(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      // a step's own output is inside "msg"; anything else that is not JSON is not ours to parse
    }
  }
  return entries;
}

function stageOf(entry: LogEntry): string {
  if (entry.stage) return entry.stage;
  const id = entry.stepid?.[0] ?? '';
  if (id === '--setup-job') return 'Setup';
  if (id === '--complete-job') return 'Complete';
  return 'Main';
}

export function collectJobs(entries: LogEntry[]): JobRecord[] {
  const jobs = new Map<string, JobRecord>();
  for (const [index, entry] of entries.entries()) {
    if (!entry.job) continue;
    const name = entry.job.trim();
    let job = jobs.get(name);
    if (!job) {
      job = {
        name,
        id: entry.jobID ?? name,
        matrix: entry.matrix ?? {},
        steps: [],
        summaries: [],
        firstEntry: index,
        lastEntry: index,
      };
      jobs.set(name, job);
    }
    job.lastEntry = index;
    const at = entry.time ? Date.parse(entry.time) : undefined;
    if (at !== undefined) {
      job.startedAt ??= at;
      job.endedAt = at;
    }
    if (entry.jobResult) job.result = entry.jobResult as Outcome;
    if (entry.command === 'summary' && entry.content) job.summaries.push(entry.content);

    const id = entry.stepID ?? entry.stepid;
    if (!id) continue;
    const stage = stageOf(entry);
    const key = (s: StepRecord): boolean => s.stage === stage && s.id.join('/') === id.join('/');
    let step = [...job.steps].reverse().find(key);
    const starts = entry.msg.startsWith('\u2B50 Run ');
    if (starts || (!step && entry.stepResult === 'skipped')) {
      step = {
        stage,
        id,
        name: entry.step ?? '',
        outcome: 'success',
        ms: 0,
        output: [],
        annotations: [],
        outputs: {},
      };
      job.steps.push(step);
    }
    if (!step) continue;
    if (entry.raw_output) step.output.push(entry.msg.replace(/\n$/, ''));
    if (entry.command === 'set-output' && typeof entry.name === 'string')
      step.outputs[entry.name] = String(entry.arg ?? '');
    if (entry.command === 'error' || entry.command === 'warning' || entry.command === 'notice') {
      step.annotations.push(`${entry.command}: ${String(entry.arg ?? '')}`);
      step.output.push(`::${entry.command}::${String(entry.arg ?? '')}`);
    }
    if (entry.stepResult) {
      step.outcome = entry.stepResult as Outcome;
      if (typeof entry.executionTime === 'number') step.ms = Math.round(entry.executionTime / 1e6);
    }
  }
  return [...jobs.values()];
}

function parseKeyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return values;
}

function tail(text: string): string {
  return text.length > 4000 ? `...${text.slice(-4000)}` : text;
}

/** Whether scripts/setup-tools.sh has built act (e2e tests need it). */
export function haveAct(): boolean {
  try {
    return existsSync(actBinary());
  } catch {
    return false;
  }
}
