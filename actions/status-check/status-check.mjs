#!/usr/bin/env node
// The final `status-check` job of the tiered workflow: one required check that says whether the run as a
// whole passed. Plain ESM with no dependencies and no build, so it runs with the job image's `node`, as
// `node status-check.mjs` in a job with `if: always()` and `needs:` on every other job, with three env vars:
//   NEEDS_JSON     the toJSON(needs) expression: job name -> { result, outputs }
//   ALLOW_SKIPPED  jobs that may be skipped (conditional jobs such as a push-only job), or `*`
//   ALLOW_OFFLINE  jobs whose offline path passes whatever its reason (secrets not configured), or `*`
//   TELEMETRY_FILE where to write the needed jobs' bootstrap telemetry as JSON (relative to the workspace)
//   STATUS_CHECK_TOKEN the job token (input `token`), to read this run's legs from the server; never printed
// Then a second table from the jobs' `telemetry` outputs (telemetry.mjs): time, retries by host and
// reason, cache use per job and action of ours; it informs and never decides.
//
// Matrix jobs, as the Forgejo server hands them on (v13.0.5: models/actions/run_job.go
// AggregateJobStatus, services/actions/context.go FindTaskNeeds): needs.<job>.result is success when
// every leg succeeded or was skipped, skipped when all were, else cancelled when a leg was cancelled
// (even beside a failed one), else failure; needs.<job>.outputs are the last leg's keys only, and a
// failed leg sends none. So `needs` cannot say which leg failed. On Forgejo the script reads every leg
// of this run from the server's task list (GET /api/v1/repos/{repo}/actions/tasks with the job token,
// which any job's token may read: it gets read access to its own repository, write outside forks) and
// names each failed leg; where that list cannot be read (GitHub, an older server, no token) it says so
// in one line and judges on `needs` alone.
//
// Rules, over each needed job's `result`:
// - failure or cancelled: the run fails.
// - success: passes, unless the job exposes a secret-guard mode output (`mode`, or any output named
//   `*-mode`/`*_mode`) set to `offline`: it took its offline path, which passes only when the guard's
//   reason beside it (`reason`, `*-reason`, `*_reason`) is `fork-pull-request`, or when the job is
//   listed in ALLOW_OFFLINE. A job sees its needs only through job outputs, so the reason must be one.
//   Otherwise a secret deleted on the default branch would leave the required check green forever:
//   `missing-secrets` (or no reason at all) fails, naming the missing secrets (`missing` beside it).
// - skipped: passes when the job is listed in ALLOW_SKIPPED (names separated by spaces, commas or
//   newlines). Otherwise, when another needed job failed or was cancelled, the skip is shown as following
//   from that failure (which already fails the run, so it is not counted twice); when nothing failed it
//   fails the run: a job that was meant to run did not, and a green check must not hide that.
// - anything else (an unknown result, or none): fails, since it cannot be shown to have passed.
import { randomUUID } from 'node:crypto';
import { appendFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  aggregateTelemetry,
  formatTelemetryTable,
  readLegTelemetry,
  telemetryVerdict,
} from './telemetry.mjs';

const FAILED = new Set(['failure', 'cancelled']);

/** Names separated by spaces, commas or newlines, as the actions' list inputs take them. */
export function parseNames(text) {
  return (text ?? '').split(/[\s,]+/).filter((name) => name !== '');
}

/** The reason a fork pull request gets: the one offline path that passes without ALLOW_OFFLINE. */
const FORK_REASON = 'fork-pull-request';

/**
 * Every secret-guard mode output set to offline, with the guard's `reason` and `missing` that sit
 * beside it under the same prefix (`mode`/`reason`, `guard-mode`/`guard-reason`, `a_mode`/`a_reason`).
 * Only values shaped like secret-guard's are kept: outputs are the needed job's text, printed below.
 */
function offlineGuards(outputs) {
  if (!outputs || typeof outputs !== 'object') return [];
  const guards = [];
  for (const [name, value] of Object.entries(outputs)) {
    const match = /^(.*?)mode$/i.exec(name);
    if (!match || !/(^|[-_])$/.test(match[1]) || value !== 'offline') continue;
    const beside = (suffix) => outputs[`${match[1]}${suffix}`];
    const reason = beside('reason');
    const missing = beside('missing');
    guards.push({
      output: name,
      prefix: match[1],
      reason: typeof reason === 'string' && /^[a-z-]+$/.test(reason) ? reason : undefined,
      missing: typeof missing === 'string' && /^[A-Za-z0-9_,]+$/.test(missing) ? missing.split(',') : [],
    });
  }
  return guards;
}

/**
 * needs.<job>.result of a matrix job from its legs' statuses: the server's rule (Forgejo v13.0.5,
 * models/actions/run_job.go AggregateJobStatus).
 */
export function aggregateLegs(statuses) {
  if (statuses.length === 0) return 'unknown';
  if (statuses.every((status) => status === 'skipped')) return 'skipped';
  if (statuses.every((status) => status === 'success' || status === 'skipped')) return 'success';
  for (const status of ['cancelled', 'failure', 'running', 'waiting', 'blocked']) {
    if (statuses.includes(status)) return status;
  }
  return 'unknown';
}

/** The statuses a task can have (models/actions/status.go); anything else is shown as unknown. */
const TASK_STATUSES = new Set([
  'success',
  'failure',
  'cancelled',
  'skipped',
  'waiting',
  'running',
  'blocked',
]);

/**
 * A task name for the log and a table cell: a job's name is the workflow author's text (a fork's pull
 * request can set it), so only plain characters stay (no `|`, `:`, newline, backquote) and it is cut short.
 */
function legName(name) {
  return name.replace(/[^A-Za-z0-9 ._,()/+=@#-]/g, '_').slice(0, 120);
}

/**
 * This run's legs of each needed job, from the server's task list: a task belongs to job `tier1` when
 * its name is `tier1`, or `tier1 (<matrix values>)` (the name the server gives a leg of a job without
 * a `name:` of its own; a job with one is listed under that name and is not matched). A rerun job has a
 * task per attempt: the newest (highest id) is kept. Legs are sorted by name.
 * @param {Array<{id?: number, name?: string, status?: string, run_number?: number}>} tasks
 * @returns {Record<string, Array<{id: number, name: string, status: string}>>}
 */
export function legsByJob(tasks, runNumber, jobs) {
  const result = Object.fromEntries(jobs.map((job) => [job, []]));
  const seen = new Set();
  const newestFirst = tasks
    .filter((task) => task && typeof task.name === 'string' && task.run_number === runNumber)
    .sort((a, b) => (Number(b.id) || 0) - (Number(a.id) || 0));
  for (const task of newestFirst) {
    if (seen.has(task.name)) continue;
    seen.add(task.name);
    const job = jobs.find((name) => task.name === name || task.name.startsWith(`${name} (`));
    if (job === undefined) continue;
    result[job].push({
      id: Number(task.id) || 0,
      name: legName(task.name),
      status: TASK_STATUSES.has(task.status) ? task.status : 'unknown',
    });
  }
  for (const legs of Object.values(result))
    legs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return result;
}

/** A job with legs of its own name plus matrix values (or more than one): a matrix job. */
function matrixLegs(job, legs) {
  if (!Array.isArray(legs) || legs.length === 0) return undefined;
  return legs.length > 1 || legs[0].name !== job ? legs : undefined;
}

/** `4 legs: 1 passed, 1 skipped` */
function countLegs(legs) {
  const passed = legs.filter((leg) => leg.status === 'success').length;
  const skipped = legs.filter((leg) => leg.status === 'skipped').length;
  return `${legs.length} leg${legs.length === 1 ? '' : 's'}: ${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** The note of a failed or cancelled matrix job: each leg that did not pass, by name. */
function failedMatrixNote(result, legs) {
  const label = result === 'failure' ? 'failed' : 'cancelled';
  const bad = legs.filter((leg) => leg.status !== 'success' && leg.status !== 'skipped');
  const counts = countLegs(legs);
  const aggregate = aggregateLegs(legs.map((leg) => leg.status));
  if (bad.length === 0 || aggregate !== result) {
    return `${label} (${counts}; the legs found add up to ${aggregate}: legs that never reached a runner have no task)`;
  }
  const both =
    result === 'cancelled' && legs.some((leg) => leg.status === 'failure')
      ? '; a matrix job with a cancelled leg is cancelled, even beside a failed one'
      : '';
  return `${label}: ${bad.map((leg) => `${leg.name} ${leg.status}`).join(', ')} (${counts}${both})`;
}

/** The verdict for a job that succeeded: pass, unless an offline path is not explained by a fork. */
function successRow(job, result, outputs, allowOffline) {
  const guards = offlineGuards(outputs);
  if (guards.length === 0) return { job, result, verdict: 'pass', note: '' };
  const describe = (list) =>
    list
      .map((guard) => `${guard.output}=offline${guard.reason ? `, reason ${guard.reason}` : ''}`)
      .join('; ');
  const unexplained = guards.filter((guard) => guard.reason !== FORK_REASON);
  if (unexplained.length === 0 || allowOffline) {
    const allowed = unexplained.length > 0 ? ', allowed by allow-offline' : '';
    return { job, result, verdict: 'pass', note: `offline path (${describe(guards)}${allowed})` };
  }
  const orAllow = `or list ${job} in allow-offline to accept its offline path`;
  if (unexplained.some((guard) => guard.reason === undefined)) {
    return {
      job,
      result,
      verdict: 'fail',
      note: `offline path with no reason to tell a fork pull request from missing secrets (${describe(unexplained)}): expose secret-guard's reason and missing as the job outputs ${unexplained[0].prefix}reason and ${unexplained[0].prefix}missing, ${orAllow}`,
    };
  }
  const missing = [...new Set(unexplained.flatMap((guard) => guard.missing))];
  const which = missing.length > 0 ? `; missing: ${missing.join(', ')}` : '';
  return {
    job,
    result,
    verdict: 'fail',
    note: `offline path, but not a pull request from a fork (${describe(unexplained)}${which}): add the secrets in the repository or organization settings and pass them in secret-guard's env:, ${orAllow}`,
  };
}

/**
 * @param {Record<string, {result?: string, outputs?: Record<string, string>}>} needs the `needs` context
 * @param {string[]} allowSkipped job names that may be skipped; `*` allows every job
 * @param {string[]} allowOffline job names whose offline path passes whatever its reason; `*` for every job
 * @param {Record<string, Array<{id: number, name: string, status: string}>>} [legs] each job's legs (legsByJob)
 * @returns {{ ok: boolean, rows: Array<{ job: string, result: string, verdict: 'pass' | 'fail' | 'skipped', note: string, legs?: string }> }}
 */
export function evaluateNeeds(needs, allowSkipped = [], allowOffline = [], legs = undefined) {
  if (!needs || typeof needs !== 'object' || Array.isArray(needs)) {
    throw new Error(
      'NEEDS_JSON must be the JSON of the needs context: an object of job name to {result, outputs}',
    );
  }
  const jobs = Object.keys(needs).sort();
  if (jobs.length === 0) {
    throw new Error('NEEDS_JSON has no jobs: give the status-check job `needs:` on every job it vouches for');
  }
  const allowAll = allowSkipped.includes('*');
  const allowed = new Set(allowSkipped);
  const failed = jobs.filter((job) => FAILED.has(needs[job]?.result));
  const rows = jobs.map((job) => {
    const entry = needs[job] ?? {};
    const result = typeof entry.result === 'string' ? entry.result : '(none)';
    const matrix = matrixLegs(job, legs?.[job]);
    if (FAILED.has(result)) {
      const note = matrix ? failedMatrixNote(result, matrix) : result === 'failure' ? 'failed' : 'cancelled';
      return { job, result, verdict: 'fail', note };
    }
    if (result === 'success') {
      const row = successRow(
        job,
        result,
        entry.outputs,
        allowOffline.includes('*') || allowOffline.includes(job),
      );
      if (!matrix) return row;
      const aggregate = aggregateLegs(matrix.map((leg) => leg.status));
      const differs = aggregate === 'success' ? '' : `; the legs found add up to ${aggregate}`;
      return { ...row, legs: `${countLegs(matrix)}${differs}` };
    }
    if (result === 'skipped') {
      if (allowAll || allowed.has(job)) return { job, result, verdict: 'pass', note: 'allowed to skip' };
      if (failed.length > 0) {
        return {
          job,
          result,
          verdict: 'skipped',
          note: `after ${failed.join(', ')} failed or was cancelled`,
        };
      }
      return { job, result, verdict: 'fail', note: 'skipped, and not listed in ALLOW_SKIPPED' };
    }
    return { job, result, verdict: 'fail', note: 'unknown result' };
  });
  return { ok: rows.every((row) => row.verdict !== 'fail'), rows };
}

/** A markdown table: readable in the log and rendered in the step summary. */
export function formatTable(rows) {
  const lines = ['| job | result | status | note |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const note = [row.note, row.legs].filter((part) => part).join('; ');
    lines.push(`| ${row.job} | ${row.result} | ${row.verdict} | ${note} |`);
  }
  return lines.join('\n');
}

/** Every leg of each matrix job: a table for the log, after the jobs' table. */
export function formatLegs(legs) {
  const lines = ['| job | leg | status |', '| --- | --- | --- |'];
  for (const [job, list] of Object.entries(legs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const matrix = matrixLegs(job, list);
    for (const leg of matrix ?? []) lines.push(`| ${job} | ${leg.name} | ${leg.status} |`);
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

/** Pages of the task list read at most (50 tasks each): a run's tasks are among the newest. */
const MAX_PAGES = 20;
const REQUEST_TIMEOUT_MS = 15_000;

/** One line for the log saying why the legs were not read, and what is judged instead. */
function notRead(why) {
  return {
    note: `legs: not read (${why}); each job is judged on needs alone, where a matrix job's result is the server's aggregate of its legs and its outputs are the last leg's`,
  };
}

/** An error's message for the log: plain characters only, one line, short. */
function plainMessage(error) {
  return String(error?.message ?? error)
    .replace(/[^A-Za-z0-9 ._,()/+=@#:-]/g, '_')
    .slice(0, 200);
}

/**
 * This run's legs of the needed jobs, from the server's task list, read with the job token
 * (STATUS_CHECK_TOKEN, sent as `Authorization: token ...` and never printed). Forgejo's list holds
 * every task of the repository, newest first; it is read page by page until the tasks are older than
 * this run (the run's `created`, GET .../actions/runs/{GITHUB_RUN_ID}), or, when the run record cannot
 * be read, until a page holds none of this run's tasks after some did.
 * @returns {Promise<{ legs?: Record<string, Array<{id: number, name: string, status: string}>>, note: string }>}
 */
export async function lookUpLegs(env, jobs, fetchImpl = globalThis.fetch, limit = 50) {
  if (env.FORGEJO_ACTIONS !== 'true' && env.GITEA_ACTIONS !== 'true') {
    return notRead("not a Forgejo run: the task list is Forgejo's API");
  }
  const token = env.STATUS_CHECK_TOKEN ?? '';
  if (token.trim() === '') return notRead('no token: the token input is empty');
  let server;
  try {
    server = new URL(env.GITHUB_SERVER_URL ?? '');
  } catch {
    server = undefined;
  }
  if (!server || (server.protocol !== 'http:' && server.protocol !== 'https:')) {
    return notRead('GITHUB_SERVER_URL is not an http(s) URL');
  }
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) return notRead('GITHUB_REPOSITORY is not owner/name');
  if (!/^\d+$/.test(env.GITHUB_RUN_NUMBER ?? '')) return notRead('GITHUB_RUN_NUMBER is not a number');
  const runNumber = Number(env.GITHUB_RUN_NUMBER);
  const apiPath = `${server.pathname.replace(/\/$/, '')}/api/v1/repos/${repository}`;
  const get = (suffix) =>
    fetchImpl(`${server.origin}${apiPath}${suffix}`, {
      headers: { Authorization: `token ${token}`, Accept: 'application/json' },
      // A redirect could carry the token elsewhere: none is followed.
      redirect: 'error',
      signal: globalThis.AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  try {
    let runStart;
    if (/^\d+$/.test(env.GITHUB_RUN_ID ?? '')) {
      try {
        const response = await get(`/actions/runs/${env.GITHUB_RUN_ID}`);
        if (response.ok) {
          const run = await response.json();
          if (run?.index_in_repo === runNumber && typeof run.created === 'string') {
            const created = Date.parse(run.created);
            if (Number.isFinite(created)) runStart = created;
          }
        } else await response.body?.cancel();
      } catch {
        // No run record (an older server): the page rule below stops the reading instead.
      }
    }
    const tasks = [];
    let seenOurs = false;
    let cut = false;
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const response = await get(`/actions/tasks?page=${page}&limit=${limit}`);
      if (!response.ok) {
        await response.body?.cancel();
        const why =
          response.status === 401 || response.status === 403
            ? 'the token was refused; give the token input the job token'
            : response.status === 404
              ? 'a server without this API, or a token that cannot see the repository'
              : 'the server could not list its tasks';
        return notRead(`GET ${apiPath}/actions/tasks answered HTTP ${response.status}: ${why}`);
      }
      const body = await response.json();
      const entries = Array.isArray(body?.workflow_runs) ? body.workflow_runs : undefined;
      if (!entries) return notRead(`GET ${apiPath}/actions/tasks answered without a workflow_runs list`);
      const ours = entries.filter((task) => task?.run_number === runNumber);
      tasks.push(...ours);
      if (entries.length < limit) break;
      if (runStart !== undefined) {
        if (entries.some((task) => Date.parse(task?.created_at) < runStart)) break;
      } else if (seenOurs && ours.length === 0) break;
      if (ours.length > 0) seenOurs = true;
      if (page === MAX_PAGES) cut = true;
    }
    const more = cut ? `; only the newest ${MAX_PAGES * limit} tasks were read` : '';
    return {
      legs: legsByJob(tasks, runNumber, jobs),
      note: `legs: read from the server's task list (run ${runNumber})${more}`,
    };
  } catch (error) {
    return notRead(`the server's task list could not be read: ${plainMessage(error)}`);
  }
}

/**
 * Text a runner would read as a workflow command: GitHub's runner acts on `##[name]` anywhere in a line
 * and trims Unicode blanks (U+00A0, U+2000..U+200A, U+3000, ...) before it looks for `::`; act reads both
 * at a line's start. The same pattern as packages/runner's WORKFLOW_COMMAND (logger.ts), copied because
 * this script has no dependencies; test/unit/workflow-command-guard.test.ts keeps the two in step.
 */
export const WORKFLOW_COMMAND = /##\[|^[\s\p{Cc}\p{Cf}\p{Z}]*::/mu;

/** Whether a runner could read a line of `text` as a workflow command. */
export function mayHoldWorkflowCommand(text) {
  return WORKFLOW_COMMAND.test(text);
}

/**
 * Prints text holding job names and results from NEEDS_JSON. A name with a newline and `::set-output`
 * after it would be a command for the runner; such text goes out between `::stop-commands::<token>`
 * and `::<token>::`, printed and never run. Text without such a line is printed as it is.
 */
function printPlain(out, text) {
  if (!mayHoldWorkflowCommand(text)) {
    out(text);
    return;
  }
  const token = `status-check-${randomUUID()}`;
  for (const line of [`::stop-commands::${token}`, text, `::${token}::`]) out(line);
}

/** `::name::message` with the message escaped as @actions/core escapes it (%, CR, LF), so it stays one line. */
function command(name, message) {
  return `::${name}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;
}

/**
 * The verdict: reads NEEDS_JSON, ALLOW_SKIPPED and ALLOW_OFFLINE, prints the tables, returns the exit
 * code. `lookup` is what lookUpLegs found (the legs, and the line saying where they came from), with
 * `telemetry`, what readLegTelemetry read (every leg's record, and its line).
 */
export function main(env = process.env, out = console.log, lookup = undefined) {
  let needs;
  try {
    needs = JSON.parse(env.NEEDS_JSON ?? '');
  } catch {
    out('::error::status-check: NEEDS_JSON is not set or not JSON; set it to the toJSON(needs) expression');
    return 1;
  }
  let evaluation;
  try {
    evaluation = evaluateNeeds(
      needs,
      parseNames(env.ALLOW_SKIPPED),
      parseNames(env.ALLOW_OFFLINE),
      lookup?.legs,
    );
  } catch (error) {
    out(command('error', `status-check: ${error.message}`));
    return 1;
  }
  for (const variable of ['ALLOW_SKIPPED', 'ALLOW_OFFLINE']) {
    const unknown = parseNames(env[variable]).filter((name) => name !== '*' && !(name in needs));
    if (unknown.length > 0)
      out(
        command('warning', `status-check: ${variable} names jobs that are not needed: ${unknown.join(', ')}`),
      );
  }
  const table = formatTable(evaluation.rows);
  printPlain(out, table);
  if (lookup) {
    out(lookup.note);
    const legs = formatLegs(lookup.legs);
    if (legs !== '') printPlain(out, legs);
  }
  // Accepted on purpose, but never silently: secrets missing outside a fork mean an online path that
  // did not run, and a warning on every run keeps that in sight.
  const accepted = evaluation.rows.filter((row) => row.note.endsWith(', allowed by allow-offline)'));
  if (accepted.length > 0)
    out(
      command(
        'warning',
        `status-check: offline path accepted by allow-offline on a run that is not a pull request from a fork: ${accepted.map((row) => row.job).join(', ')} (their online paths did not run)`,
      ),
    );
  const failing = evaluation.rows.filter((row) => row.verdict === 'fail');
  const offline = evaluation.rows.filter((row) => row.note.startsWith('offline path')).map((row) => row.job);
  const verdict = evaluation.ok
    ? `status-check passed${offline.length > 0 ? ` (offline path: ${offline.join(', ')})` : ''}`
    : `status-check failed: ${failing.map((row) => `${row.job} (${row.note})`).join(', ')}`;
  if (evaluation.ok) printPlain(out, verdict);
  else out(command('error', verdict));
  const bootstrap = reportTelemetry(needs, env, out, lookup);
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(
        env.GITHUB_STEP_SUMMARY,
        `### status-check\n\n${table}\n\n${verdict}\n\n#### bootstrap telemetry\n\n${bootstrap.table}\n\n${bootstrap.verdict}\n`,
      );
    } catch {
      // A summary that cannot be written is not a failure.
    }
  }
  return evaluation.ok ? 0 : 1;
}

/**
 * The telemetry table and verdict in the log (Forgejo shows no step summary), the aggregate as a JSON
 * file in the workspace for trends (TELEMETRY_FILE; its path is the `telemetry-file` output). Nothing
 * here can fail the check: bad or missing telemetry and an unwritable file are warnings.
 */
function reportTelemetry(needs, env, out, lookup) {
  const legData = lookup?.telemetry ? { records: lookup.telemetry.records, legs: lookup.legs } : undefined;
  const aggregate = aggregateTelemetry(needs, legData);
  const table = formatTelemetryTable(aggregate);
  const verdict = telemetryVerdict(aggregate);
  out('bootstrap telemetry (per job and action of forgejo-ci-kit):');
  if (lookup?.telemetry) out(lookup.telemetry.note);
  printPlain(out, table);
  printPlain(out, verdict);
  if (aggregate.problems.length > 0) {
    out(command('warning', `status-check: telemetry left out for ${aggregate.problems.join('; ')}`));
  }
  const name = env.TELEMETRY_FILE ?? '';
  if (name !== '') {
    const file = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), name);
    try {
      writeFileSync(file, `${JSON.stringify(aggregate, null, 2)}\n`);
      out(`telemetry written to ${file}`);
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `telemetry-file=${file}\n`);
    } catch (error) {
      out(command('warning', `status-check: could not write ${file}: ${error.message}`));
    }
  }
  return { table, verdict };
}

/** The CLI: the legs from the server first (when it can be asked), then the verdict. */
export async function run(env = process.env, out = console.log, fetchImpl = globalThis.fetch) {
  let jobs = [];
  try {
    const needs = JSON.parse(env.NEEDS_JSON ?? '');
    if (needs && typeof needs === 'object' && !Array.isArray(needs)) jobs = Object.keys(needs);
  } catch {
    // main says what is wrong with NEEDS_JSON.
  }
  if (jobs.length === 0) return main(env, out);
  const [lookup, telemetry] = await Promise.all([
    lookUpLegs(env, jobs, fetchImpl),
    readLegTelemetry(env, fetchImpl),
  ]);
  return main(env, out, { ...lookup, telemetry });
}

/**
 * Whether this file is the script node was started with. Node gives an ES module its real path, so the
 * path on the command line is resolved first: in a job container the runner copies actions under
 * /var/run/act/, and /var/run is a link to /run on Debian. Compared as given, the two never matched
 * there, nothing ran, and the step passed without a word.
 */
function startedAsScript() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (startedAsScript()) {
  process.exitCode = await run();
}
