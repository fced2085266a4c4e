// The real Forgejo server (v13.0.5, test/harness/forgejo-server.ts) as a driver backend: a workflow run
// is a real push (or a fork's pull request) to a repository of that server, run by a registered
// `forgejo-runner daemon` and read back from the server as a user reads it (job statuses and steps from
// the web UI's job view, each job's log from its download).
//
// One server per test file (started on first use, stopped by stopForgejoServerBench, which the stack's
// stop() calls): the vendored real actions/checkout and actions/cache, and our actions from the lean
// release tree at v1 and v1.0.0. One runner daemon per runner host (the run's runnerDir, its folder:
// tool cache and work folders kept across runs, as on a runner host), registered on first use with the
// run's labels plus a suffix of that host; asking for other labels, PATH, cache server or capacity
// restarts that host's daemon.
//
// What the driver changes in the workflow it pushes (the server has no per-run runner env):
// - the run's env (E2E_OUT and the test's env) becomes the workflow's top-level `env:`, over the
//   workflow's own (a runner env wins over it on act and the stand-in, so the same values win here);
// - `job` (-j on act) keeps that job alone, without its `needs`;
// - `runs-on: self-hosted` becomes `self-hosted-h<n>`, the label of the run's runner host (several hosts
//   may be registered at once: one per runnerDir);
// - every job gets a last step, `if: always()`, that prints `toJSON(steps)` and `toJSON(matrix)` on one
//   line each: the server's log shows step names, not ids, and only some of the `::set-output::` lines
//   (the reporter drops entries while steps run), so step outputs and outcomes are read from there. A
//   cancelled job runs no always() step: its steps then have no outputs here.
// Main steps are the job view's steps by index (step i of the job view is step i of the job's YAML),
// their lines from the job view; Pre and Post steps are read from the job log (`⭐ Run Post <name>` to
// `✅  Success - Post <name>`), matched to the YAML step of that name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startForgejoCacheServer, type ForgejoCacheServer } from '../forgejo-cache';
import {
  haveForgejoServer,
  startForgejoServer,
  type Account,
  type ForgejoServer,
  type Runner,
  type RunResult,
  type WorkClone,
} from '../forgejo-server';
import { goDurationMs } from '../forgejo-server/runs';
import { git } from '../git-server';
import { toolsBin } from '../tools-bin';
import type { BackendRun, JobRecord, LogEntry, Outcome, RunOptions, StepRecord } from '../driver';

export { haveForgejoServer };

/** Whether setup-tools built what a forgejo run needs: the server and the runner. */
export function haveForgejoRunner(): boolean {
  try {
    return haveForgejoServer() && existsSync(toolsBin('forgejo-runner'));
  } catch {
    return false;
  }
}

/** The marker of the line the driver's last step prints: `ci-kit-e2e-steps <toJSON(steps)>`. */
const STEPS_MARK = 'ci-kit-e2e-steps ';
const MATRIX_MARK = 'ci-kit-e2e-matrix ';
const STEPS_STEP_NAME = 'ci-kit-e2e: steps context';
const DEFAULT_JOB_TIMEOUT_MS = 180_000;

interface Daemon {
  key: string;
  runner: Runner;
  ownCache?: ForgejoCacheServer;
  /** What the host's labels end with (`self-hosted-h3`): the driver points `runs-on` at this host. */
  suffix: string;
}

interface RepoState {
  owner: string;
  name: string;
  clone: WorkClone;
  /** What the driver set (name -> value): secrets are write-only on the server. */
  secrets: Map<string, string>;
  vars: Map<string, string>;
  fork?: WorkClone;
  /** Runs of this repository pushed and not yet read back. */
  inFlight: number;
}

interface Bench {
  server: ForgejoServer;
  kitCommit: string;
  scratch: string;
  /** One daemon per runner host (runnerDir), kept running until its settings change. */
  daemons: Map<string, Daemon>;
  repos: Map<string, RepoState>;
  contributor?: Account;
  runners: number;
  pulls: number;
  branches: number;
  /** The tail of the serialized operations (pushes, daemon starts). */
  pushing: Promise<unknown>;
  /** From the first run's request to a bench ready for it (server, vendored actions, kit), in ms. */
  readyMs: number;
}

let bench: Promise<Bench> | undefined;

/** The test file's name (jest), for the kept logs' folder: .tmp/e2e-logs/<name>/. */
function benchName(): string {
  const state = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.();
  // Outside jest (the bench): one folder per process, as several may run at once.
  if (!state?.testPath) return `driver-pid${process.pid}`;
  return `driver-${path.basename(state.testPath).replace(/\.test\.[cm]?[jt]s$/, '')}`;
}

/** The bench of this test file (or process): started on first use. */
export function forgejoServerBench(): Promise<Bench> {
  bench ??= (async () => {
    const started = Date.now();
    if (!haveForgejoServer()) {
      throw new Error('no .tools/forgejo: run npm run setup-tools (it builds Forgejo v13.0.5)');
    }
    const server = await startForgejoServer({ name: benchName() });
    try {
      // Independent (two organizations): published side by side.
      const [, kitCommit] = await Promise.all([server.publishVendoredActions(), server.publishKit()]);
      const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-server-runs-'));
      const readyMs = Date.now() - started;
      return {
        server,
        kitCommit,
        scratch,
        daemons: new Map(),
        repos: new Map(),
        runners: 0,
        pulls: 0,
        branches: 0,
        pushing: Promise.resolve(),
        readyMs,
      };
    } catch (err) {
      await server.stop();
      throw err;
    }
  })();
  return bench;
}

/** The bench's server URL and the commit our actions' tags point at there (starts the bench). */
export async function forgejoServerKit(): Promise<{ url: string; commit: string }> {
  const b = await forgejoServerBench();
  return { url: b.server.url, commit: b.kitCommit };
}

/**
 * A folder's files (not a git repository) as a public repository of the bench's server, main and these
 * tags, Actions off: actions a test serves beside the kit. Resolves with the commit.
 */
export async function publishOnForgejoServer(
  owner: string,
  repo: string,
  folder: string,
  tags: string[],
): Promise<string> {
  const b = await forgejoServerBench();
  return b.server.publishFolder(owner, repo, folder, { tags, actions: false });
}

/** Stops the bench (server, runner, caches) if one was started; logs stay in .tmp/e2e-logs/. */
export async function stopForgejoServerBench(): Promise<void> {
  const current = bench;
  bench = undefined;
  if (!current) return;
  const b = await current.catch(() => undefined);
  if (!b) return;
  const started = Date.now();
  for (const dir of [...b.daemons.keys()]) await stopDaemon(b, dir);
  await b.server.stop();
  await rm(b.scratch, { recursive: true, force: true });
  if (process.env.CI_KIT_E2E_TIMINGS) {
    process.stderr.write(
      `Forgejo server bench ${b.server.logDir}: ready in ${b.readyMs} ms, stopped in ${Date.now() - started} ms\n`,
    );
  }
}

async function stopDaemon(b: Bench, dir: string): Promise<void> {
  const daemon = b.daemons.get(dir);
  b.daemons.delete(dir);
  if (!daemon) return;
  await daemon.runner.stop();
  await daemon.ownCache?.stop();
}

/**
 * The runner daemon of this run's runner host (runnerDir): started (registered) on first use, and again
 * when the run asks for other labels, PATH, cache server, capacity or timeout. Its labels are the run's
 * with a suffix of this host (`self-hosted-h3`), so that runs on several hosts at once each go to theirs.
 */
async function daemonFor(b: Bench, opts: RunOptions, labels: string[]): Promise<Daemon> {
  return serialized(b, () => startDaemon(b, opts, labels));
}

/** Runs `fn` after every earlier call on this bench has settled (pushes, daemon starts). */
function serialized<T>(b: Bench, fn: () => Promise<T>): Promise<T> {
  const next = b.pushing.then(fn, fn);
  b.pushing = next.catch(() => undefined);
  return next;
}

async function startDaemon(b: Bench, opts: RunOptions, labels: string[]): Promise<Daemon> {
  const platform = opts.container ? `docker://${opts.container.image}` : 'host';
  const wanted = {
    labels,
    platform,
    path: opts.path ?? [],
    dockerHost: opts.container?.dockerHost ?? '',
    mountDockerHost: opts.container?.mountDockerHost ?? false,
    cache: opts.cacheServer ?? null,
    capacity: opts.concurrentJobs ?? 2,
    timeoutSeconds: Math.ceil((opts.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) / 1000),
  };
  const key = JSON.stringify(wanted);
  const current = b.daemons.get(opts.runnerDir);
  if (current?.key === key) return current;
  await stopDaemon(b, opts.runnerDir);
  // The runner host's own cache server, its data kept with the host's other state, unless the test
  // shares one between hosts.
  const ownCache = opts.cacheServer
    ? undefined
    : await startForgejoCacheServer({
        dir: path.join(opts.runnerDir, 'cache-server'),
        secret: 'ci-kit-e2e-runner-cache-secret',
      });
  const cache = opts.cacheServer ?? ownCache;
  const n = ++b.runners;
  const suffix = `-h${n}`;
  try {
    const runner = await b.server.startRunner({
      name: `${path.basename(opts.runnerDir)}-${n}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
      dir: opts.runnerDir,
      labels: labels.map((label) => `${label}${suffix}:${platform}`),
      capacity: wanted.capacity,
      path: wanted.path,
      cache: cache ? { url: cache.url, secret: cache.secret } : false,
      dockerHost: wanted.dockerHost || undefined,
      mountDockerHost: wanted.mountDockerHost,
      timeoutSeconds: wanted.timeoutSeconds,
    });
    const daemon = { key, runner, ownCache, suffix };
    b.daemons.set(opts.runnerDir, daemon);
    return daemon;
  } catch (err) {
    await ownCache?.stop();
    throw err;
  }
}

/** `owner/repo` of the project (its origin remote's last two path parts). */
function repositoryOf(project: string): { owner: string; name: string } {
  const origin = git(['-C', project, 'remote', 'get-url', 'origin']);
  const match = /\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(new URL(origin).pathname);
  if (!match) throw new Error(`cannot tell owner/repo from the origin of ${project}: ${origin}`);
  return { owner: match[1] as string, name: match[2] as string };
}

async function repoFor(b: Bench, project: string): Promise<RepoState> {
  const { owner, name } = repositoryOf(project);
  const full = `${owner}/${name}`;
  const known = b.repos.get(full);
  if (known) return known;
  await b.server.createOrg(owner).catch(() => undefined); // `ops` exists already (the kit's org)
  await b.server.createRepo(owner, name);
  const state: RepoState = {
    owner,
    name,
    clone: await b.server.clone(owner, name),
    secrets: new Map(),
    vars: new Map(),
    inFlight: 0,
  };
  b.repos.set(full, state);
  return state;
}

/** The repository's secrets and variables become exactly the run's (only what changed is sent). */
async function syncSettings(b: Bench, repo: RepoState, opts: RunOptions): Promise<void> {
  const { api } = b.server;
  const base = `/repos/${repo.owner}/${repo.name}/actions`;
  const sync = async (
    have: Map<string, string>,
    want: Record<string, string>,
    kind: 'secrets' | 'variables',
  ): Promise<void> => {
    for (const name of [...have.keys()].filter((n) => !(n in want))) {
      await api.request('DELETE', `${base}/${kind}/${name}`);
      have.delete(name);
    }
    for (const [name, value] of Object.entries(want)) {
      if (have.get(name) === value) continue;
      if (kind === 'secrets') await api.setSecret(repo.owner, repo.name, name, value);
      else await api.setVariable(repo.owner, repo.name, name, value);
      have.set(name, value);
    }
  };
  await sync(repo.secrets, opts.secrets ?? {}, 'secrets');
  await sync(repo.vars, opts.vars ?? {}, 'variables');
}

/** The project's committed tree (HEAD) in `clone`'s work tree, replacing what was there. */
function fillTree(
  clone: WorkClone,
  project: string,
  workflowFile: string,
  workflow: string | undefined,
): void {
  clone.git(['rm', '-r', '-q', '--ignore-unmatch', '--', '.']);
  const archive = spawnSync('git', ['-C', project, 'archive', '--format=tar', 'HEAD'], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0)
    throw new Error(`git archive HEAD in ${project} failed: ${String(archive.stderr)}`);
  const tar = spawnSync('tar', ['-x', '-C', clone.dir], { input: archive.stdout });
  if (tar.status !== 0) throw new Error(`tar -x into ${clone.dir} failed: ${String(tar.stderr)}`);
  // Only the run's workflow: the server runs every file in .forgejo/workflows.
  spawnSync('rm', ['-rf', path.join(clone.dir, '.forgejo/workflows')]);
  if (workflow !== undefined) {
    const target = path.join(clone.dir, '.forgejo/workflows', workflowFile);
    spawnSync('mkdir', ['-p', path.dirname(target)]);
    spawnSync('sh', ['-c', 'cat > "$1"', 'sh', target], { input: workflow });
  }
}

/** The workflow as the driver pushes it (see the file's comment). */
export function prepareWorkflow(
  text: string,
  opts: { env: Record<string, string>; job?: string; labels?: string[]; suffix?: string },
): string {
  const doc = parse(text) as {
    env?: Record<string, string>;
    jobs?: Record<string, { needs?: unknown; steps?: unknown[]; 'runs-on'?: unknown }>;
  };
  if (!doc?.jobs) throw new Error('the workflow has no jobs');
  doc.env = { ...doc.env, ...opts.env };
  if (opts.job) {
    const job = doc.jobs[opts.job];
    if (!job)
      throw new Error(`no job ${opts.job} in the workflow; jobs: ${Object.keys(doc.jobs).join(', ')}`);
    delete job.needs;
    doc.jobs = { [opts.job]: job };
  }
  const labels = new Set(opts.labels ?? []);
  const onHost = (label: unknown): unknown =>
    typeof label === 'string' && labels.has(label) ? `${label}${opts.suffix ?? ''}` : label;
  for (const job of Object.values(doc.jobs)) {
    if (opts.suffix && job['runs-on'] !== undefined) {
      const runsOn = job['runs-on'];
      job['runs-on'] = Array.isArray(runsOn) ? runsOn.map(onHost) : onHost(runsOn);
    }
    if (!Array.isArray(job.steps)) continue; // a reusable workflow's call
    job.steps.push({
      name: STEPS_STEP_NAME,
      if: 'always()',
      shell: 'sh',
      env: { CI_KIT_E2E_STEPS: '${{ toJSON(steps) }}', CI_KIT_E2E_MATRIX: '${{ toJSON(matrix) }}' },
      run:
        `printf '${STEPS_MARK}%s\\n' "$(printf '%s' "$CI_KIT_E2E_STEPS" | tr -d '\\n')"\n` +
        `printf '${MATRIX_MARK}%s\\n' "$(printf '%s' "$CI_KIT_E2E_MATRIX" | tr -d '\\n')"\n`,
    });
  }
  return stringify(doc, { lineWidth: 0 });
}

interface YamlStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
}

interface YamlJob {
  name?: string;
  steps?: YamlStep[];
}

/** The name a runner shows for a step: its name, else what it uses, else its script. */
function displayName(step: YamlStep): string {
  return String(step.name ?? step.uses ?? step.run ?? '').trim();
}

const LINE = /^(\S+Z) (.*)$/;

function splitLog(log: string): { time?: number; msg: string }[] {
  return log
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const m = LINE.exec(line);
      return m ? { time: Date.parse(m[1] as string), msg: m[2] as string } : { msg: line };
    });
}

const ANNOTATION = /^::(error|warning|notice)(?:\s[^:]*)?::(.*)$/;

function newStep(stage: string, id: string, name: string): StepRecord {
  return { stage, id: [id], name, outcome: 'success', ms: 0, outputs: {}, output: [], annotations: [] };
}

function addLine(step: StepRecord, msg: string): void {
  step.output.push(msg);
  const a = ANNOTATION.exec(msg);
  if (a) step.annotations.push(`${a[1] as string}: ${a[2] as string}`);
}

function lastJson(lines: { msg: string }[], mark: string): Record<string, unknown> | undefined {
  for (const { msg } of [...lines].reverse()) {
    if (!msg.startsWith(mark)) continue;
    try {
      return JSON.parse(msg.slice(mark.length)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The workflow's job id for a job name the server shows (`name:` or id; legs as `tier1 (lint)`). */
function jobIdOf(jobs: Record<string, YamlJob>, shown: string): string {
  const ids = Object.keys(jobs);
  const display = (id: string): string => String(jobs[id]?.name ?? id);
  return (
    ids.find((id) => display(id) === shown) ??
    ids.find((id) => shown.startsWith(`${display(id)} (`)) ??
    ids.find((id) => id === shown) ??
    shown
  );
}

const OUTCOMES = new Set(['success', 'failure', 'skipped', 'cancelled']);

/** One job of the run, as the driver's JobRecord. */
async function readJob(
  b: Bench,
  run: RunResult,
  index: number,
  jobs: Record<string, YamlJob>,
  entries: LogEntry[],
): Promise<JobRecord> {
  const shown = run.jobs[index];
  if (!shown) throw new Error(`no job ${index} in run #${run.run.index_in_repo}`);
  const id = jobIdOf(jobs, shown.name);
  const yamlSteps = jobs[id]?.steps ?? [];
  const lines = splitLog(shown.log);
  const stepsJson = (lastJson(lines, STEPS_MARK) ?? {}) as Record<
    string,
    { outputs?: Record<string, string>; outcome?: string; conclusion?: string }
  >;
  // The Forgejo runner's `toJSON(matrix)` of a job without a matrix is `{"Matrix": {}}`.
  const printed = lastJson(lines, MATRIX_MARK) ?? {};
  const matrix = (Object.keys(printed).join() === 'Matrix' ? printed.Matrix : printed) as Record<
    string,
    unknown
  >;
  const times = lines.map((l) => l.time).filter((t): t is number => t !== undefined);
  const record: JobRecord = {
    name: shown.name,
    id,
    matrix: matrix && typeof matrix === 'object' ? matrix : {},
    result: (OUTCOMES.has(shown.status) ? shown.status : 'failure') as Outcome,
    steps: [],
    summaries: lines
      .filter((l) => /^\s*⚙\s+Summary - /.test(l.msg))
      .map((l) => l.msg.replace(/^\s*⚙\s+Summary - /, '').replace(/\\n/g, '\n')),
    startedAt: times[0],
    endedAt: times.at(-1),
    firstEntry: entries.length,
    lastEntry: entries.length + lines.length - 1,
    log: shown.logFile,
  };
  for (const line of lines) entries.push({ level: 'info', msg: line.msg, job: shown.name, jobID: id });

  // Main steps: the job view's steps 1..n are the YAML's steps (0 is "Set up job", then the driver's
  // own last step and "Complete job").
  const ownSteps = yamlSteps.length;
  if (shown.steps.length >= ownSteps + 2 && ownSteps > 0) {
    const web = await b.server.web();
    const wanted = Array.from({ length: ownSteps }, (_, k) => k + 1);
    const view = await web.jobView(run.repo, run.run.index_in_repo, index, wanted);
    for (const [k, yamlStep] of yamlSteps.entries()) {
      const stepId = yamlStep.id ?? String(k);
      const viewStep = shown.steps[k + 1];
      const step = newStep('Main', stepId, viewStep?.summary ?? displayName(yamlStep));
      const fromContext = stepsJson[stepId];
      const status = viewStep?.status ?? '';
      step.outcome = (OUTCOMES.has(status) ? status : (fromContext?.outcome ?? 'failure')) as Outcome;
      step.ms = viewStep ? goDurationMs(viewStep.duration) || 0 : 0;
      step.outputs = { ...fromContext?.outputs };
      const stepLines = view.logs.stepsLog.find((s) => s.step === k + 1)?.lines ?? [];
      const first = stepLines[0]?.timestamp;
      if (first !== undefined) step.startedAt = first < 1e12 ? Math.round(first * 1000) : first;
      for (const { message } of stepLines) {
        if (/^⭐ Run Main /.test(message) && step.output.length === 0) continue;
        addLine(step, message);
      }
      record.steps.push(step);
    }
  }

  // Pre and Post steps: from the job log, matched to the YAML step with that name.
  const taken = new Set<string>();
  let current: StepRecord | undefined;
  for (const line of lines) {
    const start = /^⭐ Run (Pre|Main|Post) (.*)$/.exec(line.msg);
    const end = /^\s*(✅|❌)\s+(Success|Failure) - (Pre|Main|Post) (.*?)$/.exec(line.msg);
    if (start) {
      const stage = start[1] as string;
      const name = (start[2] as string).trim();
      if (stage === 'Main') {
        // A composite's inner steps log `⭐ Run Main` inside a Pre or Post step too: only a top-level
        // step's name ends the segment.
        if (yamlSteps.some((s) => displayName(s) === name)) current = undefined;
        else if (current) addLine(current, line.msg);
        continue;
      }
      const candidates = yamlSteps
        .map((s, k) => ({ s, k }))
        .filter(({ s, k }) => displayName(s) === name && !taken.has(`${stage}:${k}`));
      const pick = stage === 'Post' ? candidates.at(-1) : candidates[0];
      if (!pick) {
        current = undefined;
        continue;
      }
      taken.add(`${stage}:${pick.k}`);
      current = newStep(stage, pick.s.id ?? String(pick.k), name);
      current.startedAt = line.time;
      record.steps.push(current);
      continue;
    }
    if (end && current && end[3] === current.stage) {
      current.outcome = end[2] === 'Success' ? 'success' : 'failure';
      if (line.time !== undefined && current.startedAt !== undefined)
        current.ms = line.time - current.startedAt;
      current = undefined;
      continue;
    }
    if (/^🏁/.test(line.msg)) {
      current = undefined;
      continue;
    }
    if (current) addLine(current, line.msg);
  }
  return record;
}

/** A fork's pull request with the project's tree and the workflow; resolves with its head commit. */
async function openForkPullRequest(
  b: Bench,
  repo: RepoState,
  project: string,
  workflowFile: string,
  workflow: string,
): Promise<string> {
  const { server } = b;
  if (!b.contributor) b.contributor = await server.createUser('contributor');
  const contributor = b.contributor;
  if (!repo.fork) {
    // The base needs a main branch to fork: the project without workflows (no run).
    if (!repo.clone.git(['branch', '--list', 'main']).stdout) {
      fillTree(repo.clone, project, workflowFile, undefined);
      repo.clone.commit('the project, before the fork');
      repo.clone.push(['main']);
    }
    // A collaborator with write: a first-time contributor's runs would wait for approval.
    await server.api.addCollaborator(repo.owner, repo.name, contributor.username, 'write');
    const asContributor = server.api.as(contributor);
    await asContributor.fork(repo.owner, repo.name);
    // The fork's own pushes must not run its copy of the workflow.
    await asContributor.setActions(contributor.username, repo.name, false);
    repo.fork = await server.clone(contributor.username, repo.name, contributor);
    repo.fork.git(['remote', 'add', 'upstream', repo.clone.remote]);
  }
  const fork = repo.fork;
  const branch = `pr-${++b.pulls}`;
  fork.git(['fetch', '--quiet', 'upstream', 'main']);
  fork.git(['checkout', '--quiet', '-B', branch, 'FETCH_HEAD']);
  fillTree(fork, project, workflowFile, workflow);
  const sha = fork.commit(`a change from a fork (${branch})`);
  fork.push([branch]);
  await server.api.as(contributor).openPullRequest(repo.owner, repo.name, {
    head: `${contributor.username}:${branch}`,
    title: `A change from a fork (${branch})`,
  });
  return sha;
}

export async function runOnForgejoServer(
  opts: RunOptions,
  dirs: { runDir: string; outDir: string; home: string },
  labels: string[],
): Promise<BackendRun> {
  const {
    GITHUB_SERVER_URL: _forge,
    ACTIONS_CACHE_URL: cacheUrl,
    ...env
  } = {
    ...opts.env,
  };
  if (cacheUrl) {
    throw new Error(
      'the Forgejo runner sets ACTIONS_CACHE_URL itself (its per-job proxy): pass cacheServer instead',
    );
  }
  const b = await forgejoServerBench();
  const daemon = await daemonFor(b, opts, labels);
  const workflowPath = path.resolve(opts.project, opts.workflow);
  const workflowFile = path.basename(workflowPath);
  const text = spawnSync('cat', [workflowPath], { encoding: 'utf8' });
  if (text.status !== 0) throw new Error(`cannot read the workflow ${workflowPath}: ${text.stderr}`);
  const workflow = prepareWorkflow(text.stdout, {
    env: { E2E_OUT: dirs.outDir, ...env },
    job: opts.job,
    labels,
    suffix: daemon.suffix,
  });
  const event = opts.event ?? 'push';
  if (event !== 'push' && event !== 'pull_request') {
    throw new Error(`the real-server driver makes push and (fork) pull_request events, not ${event}`);
  }
  // One push at a time per bench: runs that overlap (several hosts at once) share the repository's
  // clone. The server reads secrets and variables when a job starts, so overlapping runs must agree on
  // them.
  const { repo, sha } = await serialized(b, async () => {
    const repo = await repoFor(b, opts.project);
    await syncSettings(b, repo, opts);
    if (event === 'pull_request') {
      return { repo, sha: await openForkPullRequest(b, repo, opts.project, workflowFile, workflow) };
    }
    // A newer push to a ref cancels the older unfinished run of the same workflow on it (Forgejo
    // v13.0.4+): a run that overlaps another of this repository goes to a branch of its own.
    const branch = repo.inFlight > 0 ? `e2e-run-${++b.branches}` : 'main';
    repo.clone.git(['checkout', '--quiet', '-B', branch, ...(branch === 'main' ? [] : ['main'])]);
    fillTree(repo.clone, opts.project, workflowFile, workflow);
    const sha = repo.clone.commit(`e2e run of ${workflowFile}`);
    repo.clone.push([branch], { force: branch !== 'main' });
    if (branch !== 'main') repo.clone.git(['checkout', '--quiet', 'main']);
    return { repo, sha };
  });
  repo.inFlight++;
  const full = `${repo.owner}/${repo.name}`;
  const found = await b.server.findRun({ repo: full, headSha: sha, event, workflow: workflowFile });
  if (found.need_approval) {
    const web = await b.server.web(b.server.admin);
    await web.approve(full, found.index_in_repo);
  }
  let run: RunResult;
  try {
    run = await b.server.readRun(full, found, (opts.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) + 60_000);
  } finally {
    repo.inFlight--;
  }
  const jobs = ((parse(workflow) as { jobs?: Record<string, YamlJob> }).jobs ?? {}) as Record<
    string,
    YamlJob
  >;
  // The driver's own last step is not one of the job's steps.
  for (const job of Object.values(jobs)) {
    if (Array.isArray(job.steps) && job.steps.at(-1)?.name === STEPS_STEP_NAME) job.steps.pop();
  }
  const entries: LogEntry[] = [];
  const records: JobRecord[] = [];
  for (let i = 0; i < run.jobs.length; i++) records.push(await readJob(b, run, i, jobs, entries));
  const green = records.every((j) => j.result === 'success' || j.result === 'skipped');
  // removeRun removes this file's folder (the run's temp folder); the job logs stay in run.logDir.
  const logFile = path.join(dirs.runDir, 'run.log');
  await writeFile(
    logFile,
    `run #${run.run.index_in_repo} of ${full}; logs kept in ${run.logDir}\n${run.logs()}`,
  );
  return {
    runner: 'forgejo',
    exitCode: green ? 0 : 1,
    entries,
    stderr: run.failures().join('\n'),
    logFile,
    jobs: records,
  };
}
