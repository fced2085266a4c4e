// Runs a workflow on a real runner and turns its log into something a test can assert on: job results,
// step outcomes and times per stage (Pre/Main/Post), step outputs and annotations, the files that jobs
// wrote into `outDir` (E2E_OUT, given to every step), and each job's log.
//
// Two backends (runners/): a real Forgejo server (v13.0.5) with a registered `forgejo-runner daemon`
// (the default: what Forgejo users run; runners/forgejo-server.ts), and nektos/act, the runner the
// Forgejo runner is forked from (the GitHub-parity check). Both runners are driven in an env built from
// scratch (HOME, XDG dirs and the tool cache in a per-runner folder tree, no proxies, no tokens), so
// neither the developer's config nor their environment can change what a job sees. Host mode passes the
// runner's env to every job, so this env is also the jobs' env.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { actBinary, runOnAct } from './runners/act';
import { runOnForgejoServer } from './runners/forgejo-server';

/** The runs-on label our e2e workflows use; mapped to host mode (or the container image). */
export const HOST_LABEL = 'self-hosted';

export type RunnerKind = 'forgejo' | 'act';

/** The runners, as the output names them. */
export const RUNNER_NAMES: Record<RunnerKind, string> = {
  forgejo: 'Forgejo v13 server + forgejo-runner daemon',
  act: 'nektos/act',
};

export interface RunOptions {
  /** Which backend: `forgejo` (default: the real Forgejo server and its runner) or `act`. */
  runner?: RunnerKind;
  /** Workflow file (absolute, or relative to the project). */
  workflow: string;
  /**
   * The repository the run is for, a git repository: act's working directory (-C); on forgejo its
   * committed tree is pushed to the server's repository named by its origin (`ops/<name>`).
   */
  project: string;
  /** Folder for this runner's persistent state: action clones and RUNNER_TOOL_CACHE (kept across runs). */
  runnerDir: string;
  /**
   * Event name (default: push). On forgejo: push (a push to main) or pull_request (a real fork's pull
   * request, opened by a collaborator with write access, so it runs without approval).
   */
  event?: string;
  /** act: the event payload, written to a file and passed with -e (the server makes its own). */
  eventPayload?: unknown;
  /** Run only this job (act: -j; forgejo: the pushed workflow keeps that job alone, without needs). */
  job?: string;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /**
   * Env for every job and step (act: --env; forgejo: the pushed workflow's top-level `env:`, over the
   * workflow's own). GITHUB_SERVER_URL names the forge on act (the server sets its own). On act only,
   * ACTIONS_CACHE_URL replaces its own cache server.
   */
  env?: Record<string, string>;
  /** Folders put first on the runner's PATH (host mode: the jobs' PATH too), e.g. a pre-warmed host's tools. */
  path?: string[];
  /**
   * Container mode instead of host mode: every label runs in this image through the Docker API at
   * dockerHost (podman here; see support/podman.ts), on the host network so loopback services are reachable.
   */
  container?: {
    dockerHost: string;
    image: string;
    /** Mount that Docker API into job containers (the runner's `container.docker_host`): a docker job builds through it. */
    mountDockerHost?: boolean;
  };
  /** Extra runs-on labels to map to host mode (the example workflow says `docker`). */
  hostLabels?: string[];
  /**
   * forgejo: a cache server shared by several runners (`cache.external_server` and its secret); by
   * default each runner has its own, with its data in runnerDir (kept across runs).
   */
  cacheServer?: { url: string; secret: string };
  /** Parallel jobs (act: --concurrent-jobs; forgejo: the runner's capacity); default 2, the cores. */
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
  /** Time of the step's first log entry (ms since the epoch). */
  startedAt?: number;
  /** Outputs the step set (GITHUB_OUTPUT), as the runner read them. */
  outputs: Record<string, string>;
  /** The step's own output lines, with its error/warning/notice annotations as `::error::<message>`. */
  output: string[];
  /** The step's annotations (workflow commands error, warning, notice) as `error: <message>`. */
  annotations: string[];
}

export interface JobRecord {
  /** The job's name: the server's (`name:` or id, legs as `tier1 (lint)`); act's `<workflow>/<job>-N`. */
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
  /** Index of the job's first and last entry in its log. */
  firstEntry: number;
  lastEntry: number;
  /** The job's log file: on forgejo the server's log of the job (kept); on act the whole run's log. */
  log?: string;
}

/** What a runner backend hands back. */
export interface BackendRun {
  runner: RunnerKind;
  exitCode: number | null;
  entries: LogEntry[];
  stderr: string;
  logFile: string;
  jobs: JobRecord[];
}

export interface WorkflowRun {
  runner: RunnerKind;
  exitCode: number | null;
  /** Wall time of the whole act run in ms. */
  ms: number;
  entries: LogEntry[];
  /** The runner's stderr (its own errors, not the jobs'). */
  stderr: string;
  jobs: JobRecord[];
  /** Files the jobs wrote under E2E_OUT: file name -> content. */
  files: Record<string, string>;
  /** Same files parsed as `key=value` lines. */
  values: Record<string, Record<string, string>>;
  /** Path of the runner's own log (kept until the run's folder is removed). */
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
  /** For every red job: its first error lines and the path of its kept log (empty when green). */
  failures(): string[];
}

export async function runWorkflow(opts: RunOptions): Promise<WorkflowRun> {
  const runDir = await mkdtemp(path.join(tmpdir(), 'ci-kit-run-'));
  const home = path.join(opts.runnerDir, 'home');
  const outDir = path.join(runDir, 'out');
  await Promise.all([mkdir(home, { recursive: true }), mkdir(outDir, { recursive: true })]);
  const labels = [HOST_LABEL, ...(opts.hostLabels ?? [])];
  const runner = opts.runner ?? 'forgejo';
  const started = Date.now();
  const backends = { act: runOnAct, forgejo: runOnForgejoServer };
  const backend = await backends[runner](opts, { runDir, outDir, home }, labels);
  const ms = Date.now() - started;
  const { exitCode, entries, stderr, logFile, jobs } = backend;
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
    runner,
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
    failures() {
      return jobs
        .filter((job) => job.result === 'failure')
        .map((job) => {
          const errors = job.steps.flatMap((step) => step.annotations.filter((a) => a.startsWith('error: ')));
          const failed = job.steps.find((step) => step.outcome === 'failure');
          const lines = errors.length > 0 ? errors.slice(0, 3) : (failed?.output.slice(-5) ?? []);
          const where = failed ? ` (step ${failed.stage}:${failed.name.split('\n')[0]})` : '';
          return [
            `${job.name}: failed${where}`,
            ...lines.map((l) => `    ${l}`),
            `    log: ${job.log ?? logFile}`,
          ].join('\n');
        });
    },
  };
}

/** Removes what runWorkflow left in tmp for one run (the log goes with it). */
export async function removeRun(run: WorkflowRun): Promise<void> {
  await rm(path.dirname(run.logFile), { recursive: true, force: true });
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
        startedAt: at,
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
      // act reports the step's time; the Forgejo runner does not, so it is the span of the step's entries.
      if (typeof entry.executionTime === 'number') step.ms = Math.round(entry.executionTime / 1e6);
      else if (at !== undefined && step.startedAt !== undefined) step.ms = at - step.startedAt;
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

/** Whether scripts/setup-tools.sh has built act (e2e tests need it). */
export function haveAct(): boolean {
  try {
    return existsSync(actBinary());
  } catch {
    return false;
  }
}
