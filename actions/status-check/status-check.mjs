#!/usr/bin/env node
// The final `status-check` job of the tiered workflow: one required check that says whether the run as a
// whole passed. Plain ESM with no dependencies and no build, so it runs with the job image's `node`, as
// `node status-check.mjs` in a job with `if: always()` and `needs:` on every other job, with three env vars:
//   NEEDS_JSON     the toJSON(needs) expression: job name -> { result, outputs }
//   ALLOW_SKIPPED  jobs that may be skipped (conditional jobs such as a push-only job), or `*`
//   ALLOW_OFFLINE  jobs whose offline path passes whatever its reason (secrets not configured), or `*`
//   TELEMETRY_FILE where to write the needed jobs' bootstrap telemetry as JSON (relative to the workspace)
// Then a second table from the jobs' `telemetry` outputs (telemetry.mjs): time, retries by host and
// reason, cache use per job and action of ours; it informs and never decides.
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
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aggregateTelemetry, formatTelemetryTable, telemetryVerdict } from './telemetry.mjs';

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
 * @returns {{ ok: boolean, rows: Array<{ job: string, result: string, verdict: 'pass' | 'fail' | 'skipped', note: string }> }}
 */
export function evaluateNeeds(needs, allowSkipped = [], allowOffline = []) {
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
    if (FAILED.has(result))
      return { job, result, verdict: 'fail', note: result === 'failure' ? 'failed' : 'cancelled' };
    if (result === 'success')
      return successRow(job, result, entry.outputs, allowOffline.includes('*') || allowOffline.includes(job));
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
  for (const row of rows) lines.push(`| ${row.job} | ${row.result} | ${row.verdict} | ${row.note} |`);
  return lines.join('\n');
}

/** A line the runner would read as a workflow command (`::set-output ...`, Azure-style `##[...]`). */
const COMMAND_LINE = /^(::|##\[)/m;

/**
 * Prints text holding job names and results from NEEDS_JSON. A name with a newline and `::set-output`
 * after it would be a command for the runner; such text goes out between `::stop-commands::<token>`
 * and `::<token>::`, printed and never run. Text without such a line is printed as it is.
 */
function printPlain(out, text) {
  if (!COMMAND_LINE.test(text)) {
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

/** The CLI: reads NEEDS_JSON, ALLOW_SKIPPED and ALLOW_OFFLINE, prints the table, returns the exit code. */
export function main(env = process.env, out = console.log) {
  let needs;
  try {
    needs = JSON.parse(env.NEEDS_JSON ?? '');
  } catch {
    out('::error::status-check: NEEDS_JSON is not set or not JSON; set it to the toJSON(needs) expression');
    return 1;
  }
  let evaluation;
  try {
    evaluation = evaluateNeeds(needs, parseNames(env.ALLOW_SKIPPED), parseNames(env.ALLOW_OFFLINE));
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
  const bootstrap = reportTelemetry(needs, env, out);
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
function reportTelemetry(needs, env, out) {
  const aggregate = aggregateTelemetry(needs);
  const table = formatTelemetryTable(aggregate);
  const verdict = telemetryVerdict(aggregate);
  out('bootstrap telemetry (per job and action of forgejo-ci-kit):');
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
