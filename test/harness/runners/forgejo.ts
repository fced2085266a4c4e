// The Forgejo runner (v12, built from its source by setup-tools), on its daemon job path: ci-kit-forgejo
// (test/harness/forgejo-runner/run.go) hands each job to run.NewRunner(...).Run(task) as a Forgejo
// server hands tasks to `forgejo-runner daemon`. So every job meets what it meets on a real Forgejo
// instance: the automatic token (FORGEJO_TOKEN, GITEA_TOKEN, GITHUB_TOKEN), the cache through the
// runner's per-job signing proxy to a `forgejo-runner cache-server` with a secret (the set-up of
// runners sharing an external cache server), the write-isolation key of pull requests, and the runner's
// own checkout (actions/checkout really runs: the loopback forge serves a stand-in for it).
// docs/testing.md says why this path and not `forgejo-runner exec`.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toolsBin } from '../cache-server';
import { startForgejoCacheServer } from '../forgejo-cache';
import { git } from '../git-server';
import {
  collectJobs,
  parseLog,
  type BackendRun,
  type JobRecord,
  type Outcome,
  type RunOptions,
} from '../driver';
import { runGroup, runnerEnv } from './process';

interface TaskRecord {
  id: number;
  job: string;
  name: string;
  matrix: Record<string, unknown> | null;
  result: string;
  outputs: Record<string, string> | null;
  jsonLog: string;
  textLog: string;
}

/** Whether setup-tools built the runner and our driver of it. */
export function haveForgejoRunner(): boolean {
  return ['forgejo-runner', 'ci-kit-forgejo'].every((tool) => {
    try {
      return existsSync(toolsBin(tool));
    } catch {
      return false;
    }
  });
}

/** `owner/repo` of the project on the loopback forge (its origin remote). */
function repositoryOf(project: string): string {
  const origin = git(['-C', project, 'remote', 'get-url', 'origin']);
  const match = /\/([^/]+)\/([^/]+?)(?:\.git)?$/.exec(new URL(origin).pathname);
  if (!match) throw new Error(`cannot tell owner/repo from the origin of ${project}: ${origin}`);
  return `${match[1]}/${match[2]}`;
}

/** The ref a Forgejo server gives the run: pull requests run on refs/pull/N/head. */
function refOf(opts: RunOptions): string {
  if (opts.ref) return opts.ref;
  const payload = (opts.eventPayload ?? {}) as { number?: number; pull_request?: { number?: number } };
  const pr = payload.pull_request?.number ?? payload.number;
  if (opts.event?.startsWith('pull_request') && pr !== undefined) return `refs/pull/${pr}/head`;
  return 'refs/heads/main';
}

export async function runOnForgejo(
  opts: RunOptions,
  dirs: { runDir: string; outDir: string; home: string },
  labels: string[],
): Promise<BackendRun> {
  const { runDir, outDir, home } = dirs;
  const { GITHUB_SERVER_URL: serverUrl, ACTIONS_CACHE_URL: cacheUrl, ...env } = { ...opts.env };
  if (!serverUrl) throw new Error('runOnForgejo: env.GITHUB_SERVER_URL (the forge) is required');
  if (cacheUrl) {
    throw new Error(
      'runOnForgejo: the runner sets ACTIONS_CACHE_URL itself (its per-job proxy); pass cacheServer instead',
    );
  }
  // The runner host's cache server, kept with the runner's other state, unless the test shares one.
  const ownCache = opts.cacheServer
    ? undefined
    : await startForgejoCacheServer({
        dir: path.join(opts.runnerDir, 'cache-server'),
        secret: 'ci-kit-e2e-runner-cache-secret',
      });
  const cache = opts.cacheServer ?? ownCache;
  try {
    const platform = opts.container ? `docker://${opts.container.image}` : 'host';
    const spec = {
      workflow: path.resolve(opts.project, opts.workflow),
      event: opts.event ?? 'push',
      eventPayload: opts.eventPayload ?? {},
      repository: repositoryOf(opts.project),
      ref: refOf(opts),
      sha: git(['-C', opts.project, 'rev-parse', 'HEAD']),
      actor: 'ci-kit-e2e',
      serverUrl,
      secrets: opts.secrets ?? {},
      vars: opts.vars ?? {},
      env: { E2E_OUT: outDir, ...env },
      labels: labels.map((label) => `${label}:${platform}`),
      runnerDir: opts.runnerDir,
      cache: cache ? { server: cache.url, secret: cache.secret } : null,
      capacity: opts.concurrentJobs ?? 2,
      outDir: path.join(runDir, 'tasks'),
      job: opts.job ?? '',
      dockerHost: opts.container?.dockerHost ?? '',
      network: opts.container ? 'host' : '',
      timeoutSeconds: Math.ceil((opts.timeoutMs ?? 180_000) / 1000),
    };
    const specFile = path.join(runDir, 'spec.json');
    await writeFile(specFile, JSON.stringify(spec, null, 2));
    const driverEnv = runnerEnv(home);
    if (opts.container) driverEnv.DOCKER_HOST = opts.container.dockerHost;
    if (opts.path?.length) driverEnv.PATH = [...opts.path, driverEnv.PATH].join(path.delimiter);
    const { exitCode, stderr } = await runGroup(toolsBin('ci-kit-forgejo'), ['run', '--spec', specFile], {
      cwd: opts.project,
      env: driverEnv,
      timeoutMs: (opts.timeoutMs ?? 180_000) + 30_000, // the runner's own job timeout fires first
      what: `forgejo-runner (logs: ${spec.outDir})`,
    });
    if (exitCode !== 0) throw new Error(`ci-kit-forgejo run failed (${exitCode}): ${stderr}`);
    const tasks = JSON.parse(await readFile(path.join(spec.outDir, 'tasks.json'), 'utf8')) as TaskRecord[];
    const entries = [];
    const jobs: JobRecord[] = [];
    for (const task of tasks) {
      const taskEntries = task.jsonLog ? parseLog(await readFile(task.jsonLog, 'utf8')) : [];
      // The name the Forgejo web UI shows (jobparser's: matrix legs as `tier1 (lint)`), unique per task;
      // the runner's own `job` field is `<workflow>/<job>` for every leg alike.
      const name = task.name || task.job;
      for (const entry of taskEntries) if (entry.job) entry.job = name;
      entries.push(...taskEntries);
      const job = collectJobs(taskEntries)[0] ?? emptyJob(task);
      job.id = task.job;
      job.matrix = task.matrix ?? {};
      job.result = task.result as Outcome;
      job.outputs = task.outputs ?? {};
      job.log = task.textLog || undefined;
      jobs.push(job);
    }
    const green = tasks.every((task) => task.result === 'success' || task.result === 'skipped');
    return {
      runner: 'forgejo',
      exitCode: green ? 0 : 1,
      entries,
      stderr,
      logFile: path.join(spec.outDir, 'runner.log'),
      jobs,
    };
  } finally {
    await ownCache?.stop();
  }
}

function emptyJob(task: TaskRecord): JobRecord {
  return { name: task.name, id: task.job, matrix: {}, steps: [], summaries: [], firstEntry: 0, lastEntry: 0 };
}
