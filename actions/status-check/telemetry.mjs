// status-check's second table: where the needed jobs' bootstrap time went and which hosts made them
// retry, from the `telemetry` job outputs our actions fill (schema v1, packages/runner/src/telemetry.ts).
// Plain JS with no dependencies, like status-check.mjs. Bad or missing telemetry is a warning, never a
// failure: this table informs, the other one decides.

const SCHEMA = 1;

/** A number for a table, or 0 for anything that is not a finite, non-negative number. */
function count(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Only words and host[:port] characters reach the table: a job output is text anyone could set. */
function word(value) {
  return typeof value === 'string' ? value.replace(/[^A-Za-z0-9._:/ -]/g, '_').slice(0, 80) : 'unknown';
}

/** The steps of one job's telemetry output, or a problem saying why there are none. */
export function parseJobTelemetry(text) {
  if (text === undefined || text === '') return { steps: [], problem: 'no telemetry output' };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { steps: [], problem: 'telemetry is not JSON' };
  }
  if (!value || value.v !== SCHEMA || !Array.isArray(value.steps)) {
    return { steps: [], problem: `telemetry is not schema v${SCHEMA} ({"v":1,"steps":[...]})` };
  }
  const steps = value.steps
    .filter((step) => step && typeof step === 'object' && typeof step.action === 'string')
    .map((step) => ({
      action: word(step.action),
      outcome: step.outcome === 'failure' ? 'failure' : 'success',
      ms: count(step.ms?.total),
      retries: (Array.isArray(step.retries) ? step.retries : []).map((retry) => ({
        host: word(retry?.host),
        reason: word(retry?.reason),
        delayMs: count(retry?.delayMs),
      })),
      bytes: count(step.bytes),
      hits: count(step.cache?.hits),
      misses: count(step.cache?.misses),
      cacheBytes: count(step.cache?.restoredBytes) + count(step.cache?.savedBytes),
      warnings: Object.values(step.warnings ?? {}).reduce((sum, n) => sum + count(n), 0),
    }));
  return { steps };
}

/**
 * Every needed job's telemetry, read from its `telemetry` output (or `<prefix>-telemetry`), summed per
 * job and action, with the retries counted by host and reason across the run.
 */
export function aggregateTelemetry(needs) {
  const jobs = [];
  const problems = [];
  for (const [job, value] of Object.entries(needs ?? {})) {
    const outputs = value?.outputs ?? {};
    const key = Object.keys(outputs).find((name) => name === 'telemetry' || name.endsWith('-telemetry'));
    if (value?.result === 'skipped') continue;
    const { steps, problem } = parseJobTelemetry(key ? outputs[key] : undefined);
    if (problem) problems.push(`${job}: ${problem}`);
    jobs.push({ job, steps });
  }
  const byHost = new Map();
  for (const { job, steps } of jobs) {
    for (const step of steps) {
      for (const retry of step.retries) {
        const entry = byHost.get(retry.host) ?? {
          host: retry.host,
          retries: 0,
          jobs: new Set(),
          reasons: {},
        };
        entry.retries += 1;
        entry.jobs.add(job);
        entry.reasons[retry.reason] = (entry.reasons[retry.reason] ?? 0) + 1;
        byHost.set(retry.host, entry);
      }
    }
  }
  const hosts = [...byHost.values()]
    .map((entry) => ({ ...entry, jobs: [...entry.jobs].sort() }))
    .sort((a, b) => b.retries - a.retries || a.host.localeCompare(b.host));
  return { v: SCHEMA, jobs, hosts, problems };
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `127.0.0.1:8080 http-503 x2` for a step's retries, `-` for none. */
function describeRetries(retries) {
  const counted = new Map();
  for (const { host, reason } of retries)
    counted.set(`${host} ${reason}`, (counted.get(`${host} ${reason}`) ?? 0) + 1);
  return counted.size === 0 ? '-' : [...counted].map(([what, n]) => `${what} x${n}`).join(', ');
}

/** The markdown table, one row per job and action: readable in the log, rendered in the summary. */
export function formatTelemetryTable(aggregate) {
  const lines = [
    '| job | action | time | retries | cache hits | downloaded | cache bytes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { job, steps } of aggregate.jobs) {
    for (const step of steps) {
      const lookups = step.hits + step.misses;
      lines.push(
        `| ${word(job)} | ${step.action}${step.outcome === 'failure' ? ' (failed)' : ''} | ${formatSeconds(step.ms)} | ${describeRetries(step.retries)} | ${lookups === 0 ? '-' : `${step.hits}/${lookups}`} | ${formatBytes(step.bytes)} | ${formatBytes(step.cacheBytes)} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * One line a reader can act on: which hosts made jobs retry (the infrastructure, not the tests), or
 * that none did. `127.0.0.1:8080: 2 retries in 1 job (http-503 x2)`.
 */
export function telemetryVerdict(aggregate) {
  if (aggregate.hosts.length === 0) return 'bootstrap: no retries';
  const parts = aggregate.hosts.map((host) => {
    const reasons = Object.entries(host.reasons)
      .map(([reason, n]) => `${reason} x${n}`)
      .join(', ');
    const jobs = host.jobs.length;
    return `${host.host}: ${host.retries} retr${host.retries === 1 ? 'y' : 'ies'} in ${jobs} job${jobs === 1 ? '' : 's'} (${reasons})`;
  });
  return `bootstrap retries (infrastructure, not tests): ${parts.join('; ')}`;
}
