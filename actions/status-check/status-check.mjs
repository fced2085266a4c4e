#!/usr/bin/env node
// The final `status-check` job of the tiered workflow: one required check that says whether the run as a
// whole passed. Plain ESM with no dependencies and no build, so it runs with the job image's `node`, as
// `node status-check.mjs` in a job with `if: always()` and `needs:` on every other job, with two env vars:
//   NEEDS_JSON     the toJSON(needs) expression: job name -> { result, outputs }
//   ALLOW_SKIPPED  jobs that may be skipped (conditional jobs such as a push-only job), or `*`
// The file holds no expression syntax, so it can also be pasted into a `run:` block unchanged.
//
// Rules, over each needed job's `result`:
// - failure or cancelled: the run fails.
// - success: passes; a job that exposes a secret-guard mode output (`mode`, or any output named
//   `*-mode`/`*_mode`) set to `offline` took its offline path, which passes too and is noted.
// - skipped: passes when the job is listed in ALLOW_SKIPPED (names separated by spaces, commas or
//   newlines). Otherwise, when another needed job failed or was cancelled, the skip is shown as following
//   from that failure (which already fails the run, so it is not counted twice); when nothing failed it
//   fails the run: a job that was meant to run did not, and a green check must not hide that.
// - anything else (an unknown result, or none): fails, since it cannot be shown to have passed.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const FAILED = new Set(['failure', 'cancelled']);

/** Names separated by spaces, commas or newlines, as the actions' list inputs take them. */
export function parseNames(text) {
  return (text ?? '').split(/[\s,]+/).filter((name) => name !== '');
}

function offlineOutput(outputs) {
  if (!outputs || typeof outputs !== 'object') return undefined;
  for (const [name, value] of Object.entries(outputs)) {
    if (/(^|[-_])mode$/i.test(name) && value === 'offline') return name;
  }
  return undefined;
}

/**
 * @param {Record<string, {result?: string, outputs?: Record<string, string>}>} needs the `needs` context
 * @param {string[]} allowSkipped job names that may be skipped; `*` allows every job
 * @returns {{ ok: boolean, rows: Array<{ job: string, result: string, verdict: 'pass' | 'fail' | 'skipped', note: string }> }}
 */
export function evaluateNeeds(needs, allowSkipped = []) {
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
    if (result === 'success') {
      const output = offlineOutput(entry.outputs);
      return {
        job,
        result,
        verdict: 'pass',
        note: output ? `offline path (${output}=offline${reasonOf(entry.outputs)})` : '',
      };
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

function reasonOf(outputs) {
  const reason = outputs?.reason;
  return typeof reason === 'string' && /^[a-z-]+$/.test(reason) ? `, reason ${reason}` : '';
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

/** The CLI: reads NEEDS_JSON and ALLOW_SKIPPED, prints the table, returns the exit code. */
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
    evaluation = evaluateNeeds(needs, parseNames(env.ALLOW_SKIPPED));
  } catch (error) {
    out(command('error', `status-check: ${error.message}`));
    return 1;
  }
  const unknown = parseNames(env.ALLOW_SKIPPED).filter((name) => name !== '*' && !(name in needs));
  if (unknown.length > 0)
    out(
      command('warning', `status-check: ALLOW_SKIPPED names jobs that are not needed: ${unknown.join(', ')}`),
    );
  const table = formatTable(evaluation.rows);
  printPlain(out, table);
  const failing = evaluation.rows.filter((row) => row.verdict === 'fail');
  const offline = evaluation.rows.filter((row) => row.note.startsWith('offline path')).map((row) => row.job);
  const verdict = evaluation.ok
    ? `status-check passed${offline.length > 0 ? ` (offline path: ${offline.join(', ')})` : ''}`
    : `status-check failed: ${failing.map((row) => `${row.job} (${row.note})`).join(', ')}`;
  if (evaluation.ok) printPlain(out, verdict);
  else out(command('error', verdict));
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(env.GITHUB_STEP_SUMMARY, `### status-check\n\n${table}\n\n${verdict}\n`);
    } catch {
      // A summary that cannot be written is not a failure.
    }
  }
  return evaluation.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
