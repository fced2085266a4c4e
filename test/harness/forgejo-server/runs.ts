// Reading a workflow run back from the server, as a user would: the run (REST API: status, event,
// payload, approval), every job's status and steps (the web UI's job view: jobs that never started,
// skipped or blocked ones, have no task and so no entry in /actions/tasks), and each started job's log
// (the web UI's download), kept in a folder. A red job brings its failed step's last lines.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRunInfo, ForgejoApi } from './api';
import type { ViewStep, WebSession } from './web';

/** How many lines of a failed step a failure report shows. */
export const FAILED_STEP_LINES = 40;

const DONE = new Set(['success', 'failure', 'cancelled', 'skipped']);

export interface JobResult {
  /** The job's index in the run (the web UI's `jobs/{index}`). */
  index: number;
  /** The name the server gives it: the job's `name:` or id; matrix legs as `tier1 (lint)`. */
  name: string;
  status: string;
  /** The job's duration as the server says it (a Go duration: `12.3s`, `1m2s`). */
  duration: string;
  steps: ViewStep[];
  /** The whole log ('' when the job never started). */
  log: string;
  /** Where the log is kept (undefined when the job never started). */
  logFile?: string;
  /** The failed step's name and its last lines, for a red job. */
  failedStep?: { name: string; lines: string[] };
}

export interface RunResult {
  run: ActionRunInfo;
  /** `owner/repo` */
  repo: string;
  status: string;
  /** The event payload the run was given (`github.event`). */
  payload: Record<string, unknown>;
  jobs: JobResult[];
  /** Folder of this run's job logs. */
  logDir: string;
  /** From when the run was found to when every job was done, in ms. */
  ms: number;
  /** The job with this exact name, or throws listing the jobs. */
  job(name: string): JobResult;
  /** Lines `<name>: <status>` for every job, in the run's order. */
  summary(): string;
  /** For every failed job: the failed step's last lines and where the whole log is kept. */
  failures(): string[];
  /** Every job's log, concatenated with a header per job. */
  logs(): string;
}

export interface RunFilter {
  /** `owner/repo` */
  repo: string;
  /** The commit the run is for (the pushed head; for a pull request its head commit). */
  headSha?: string;
  event?: string;
  /** The workflow file name (`ci.yml`). */
  workflow?: string;
  /** Runs to ignore (ids), e.g. runs seen before the push. */
  exclude?: number[];
  timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The head commit a run was for: the pushed commit, or a pull request's head (its payload says). */
export function headShaOf(run: ActionRunInfo): string[] {
  const shas = [run.commit_sha];
  try {
    const payload = JSON.parse(run.event_payload || '{}') as {
      pull_request?: { head?: { sha?: string } };
      after?: string;
    };
    if (payload.pull_request?.head?.sha) shas.push(payload.pull_request.head.sha);
    if (payload.after) shas.push(payload.after);
  } catch {
    // the server's payload; not ours to validate
  }
  return shas;
}

/** Polls the runs list until a run matching `filter` exists; resolves with the newest one. */
export async function findRun(api: ForgejoApi, filter: RunFilter): Promise<ActionRunInfo> {
  const [owner = '', repo = ''] = filter.repo.split('/');
  const deadline = Date.now() + (filter.timeoutMs ?? 30_000);
  for (;;) {
    // Filtered here, not with ?event=: a run's `event` is the webhook's (`pull_request_sync` for a push
    // to a pull request), its `trigger_event` the workflow's (`pull_request`).
    const runs = await api.runs(owner, repo);
    const match = runs.find(
      (run) =>
        (!filter.event || run.trigger_event === filter.event || run.event === filter.event) &&
        (!filter.headSha || headShaOf(run).includes(filter.headSha)) &&
        (!filter.workflow || run.workflow_id === filter.workflow) &&
        !(filter.exclude ?? []).includes(run.id),
    );
    if (match) return match;
    if (Date.now() > deadline) {
      const seen = runs.map(
        (r) =>
          `#${r.index_in_repo} ${r.event}/${r.trigger_event} ${r.workflow_id} ${headShaOf(r)
            .map((s) => s.slice(0, 8))
            .join('/')} ${r.status}`,
      );
      throw new Error(
        `no run of ${filter.repo} for ${JSON.stringify({ ...filter, repo: undefined })} after ${filter.timeoutMs ?? 30_000} ms; runs: ${seen.join('; ') || 'none'}`,
      );
    }
    await sleep(500);
  }
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

/**
 * Waits until every job of the run is done (the web UI's `done`: the run's status can be final while a
 * job still runs), then reads each job's steps and log back and keeps the logs in
 * `logDir/<repo>/run-<n>/`.
 */
export async function readRun(
  api: ForgejoApi,
  web: WebSession,
  repo: string,
  run: ActionRunInfo,
  opts: { logDir: string; timeoutMs?: number },
): Promise<RunResult> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const index = run.index_in_repo;
  let view = await web.jobView(repo, index, 0);
  while (!view.state.run.done) {
    if (Date.now() - started > timeoutMs) {
      const jobs = view.state.run.jobs.map((j) => `${j.name}: ${j.status}`).join(', ');
      throw new Error(
        `run #${index} of ${repo} not done after ${timeoutMs} ms (${jobs}); logs so far: ${opts.logDir}`,
      );
    }
    await sleep(1000);
    view = await web.jobView(repo, index, 0);
  }
  const ms = Date.now() - started;
  const [owner = '', name = ''] = repo.split('/');
  const final = (await api.runs(owner, name)).find((r) => r.id === run.id) ?? run;
  const logDir = path.join(opts.logDir, safeName(repo), `run-${index}`);
  await mkdir(logDir, { recursive: true });
  const jobs: JobResult[] = [];
  for (const [i, job] of view.state.run.jobs.entries()) {
    const jobView = await web.jobView(repo, index, i);
    const steps = jobView.state.currentJob.steps;
    const log = (await web.jobLog(repo, index, i)) ?? '';
    let logFile: string | undefined;
    if (log) {
      logFile = path.join(logDir, `${i}-${safeName(job.name)}.log`);
      await writeFile(logFile, log);
    }
    const result: JobResult = {
      index: i,
      name: job.name,
      status: job.status,
      duration: job.duration,
      steps,
      log,
      logFile,
    };
    const failed = steps.findIndex((step) => step.status === 'failure');
    if (job.status === 'failure' && failed >= 0) {
      const withLines = await web.jobView(repo, index, i, [failed]);
      const lines = withLines.logs.stepsLog.find((s) => s.step === failed)?.lines.map((l) => l.message) ?? [];
      result.failedStep = {
        name: steps[failed]?.summary ?? `step ${failed}`,
        lines: lines.slice(-FAILED_STEP_LINES),
      };
    }
    jobs.push(result);
  }
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(final.event_payload || '{}') as Record<string, unknown>;
  } catch {
    // kept empty: the payload is the server's
  }
  await writeFile(
    path.join(logDir, 'run.json'),
    JSON.stringify(
      { run: { ...final, event_payload: undefined }, payload, jobs: jobs.map(({ log: _l, ...j }) => j) },
      null,
      2,
    ),
  );
  return {
    run: final,
    repo,
    status: final.status,
    payload,
    jobs,
    logDir,
    ms,
    job(jobName) {
      const job = jobs.find((j) => j.name === jobName);
      if (!job)
        throw new Error(
          `no job ${jobName} in run #${index} of ${repo}; jobs: ${jobs.map((j) => j.name).join(', ')}`,
        );
      return job;
    },
    summary() {
      return jobs.map((j) => `${j.name}: ${j.status}`).join('\n');
    },
    failures() {
      return jobs
        .filter((j) => j.status === 'failure')
        .map((j) => {
          const head = `${j.name}: failed${j.failedStep ? ` in step "${j.failedStep.name}"` : ''}`;
          const lines = (j.failedStep?.lines ?? []).map((l) => `    ${l}`);
          return [head, ...lines, `    whole log: ${j.logFile ?? '(the job never started)'}`].join('\n');
        });
    },
    logs() {
      return jobs.map((j) => `===== ${j.name} (${j.status})\n${j.log}`).join('\n');
    },
  };
}

export function isDone(status: string): boolean {
  return DONE.has(status);
}

/** Milliseconds of a Go duration string (`1h2m3.5s`, `350ms`, `0s`); NaN when it is not one. */
export function goDurationMs(text: string): number {
  const units: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    µs: 0.001,
    us: 0.001,
    ns: 1e-6,
  };
  const parts = [...text.matchAll(/([0-9.]+)(h|ms|m|s|µs|us|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return Number.NaN;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] as string] ?? Number.NaN), 0);
}
