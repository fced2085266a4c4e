// status-check's second table: where the needed jobs' bootstrap time went and which hosts made them
// retry, from the `telemetry` job outputs our actions fill (schema v1, packages/runner/src/telemetry.ts).
// Plain JS with no dependencies, like status-check.mjs. Bad or missing telemetry is a warning, never a
// failure: this table informs, the other one decides.

const SCHEMA = 1;
/** Telemetry's error classes (packages/runner/src/telemetry.ts ErrorClass); anything else is dropped. */
const ERROR_CLASSES = new Set(['user-error', 'infrastructure']);

/** A number for a table, or 0 for anything that is not a finite, non-negative number. */
function count(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Only words and host[:port] characters reach the table: a job output is text anyone could set. */
function word(value) {
  return typeof value === 'string' ? value.replace(/[^A-Za-z0-9._:/ (),-]/g, '_').slice(0, 80) : 'unknown';
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
      // user-error or infrastructure: who can fix the failure (an input, or the network/disk/service).
      error: step.outcome === 'failure' && ERROR_CLASSES.has(step.error) ? step.error : undefined,
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
 * Every needed job's telemetry, summed per job (per leg where the legs' records were read) and action,
 * with the retries counted by host and reason across the run. A job whose legs kept records as
 * artifacts (readLegTelemetry) gets one entry per leg, named from the server's task list (`legs`, from
 * status-check's lookUpLegs) or `<job> #<task id>`; a leg of the list without a record is a problem
 * line. Any other job is read from its `telemetry` output (or `<prefix>-telemetry`): for a matrix job
 * that is the last leg's only.
 * @param {Record<string, {result?: string, outputs?: Record<string, string>}>} needs
 * @param {{ records: Array<{job: string, task: number, steps: unknown[]}>, legs?: Record<string, Array<{id: number, name: string, status: string}>> }} [legData]
 */
export function aggregateTelemetry(needs, legData = undefined) {
  const jobs = [];
  const problems = [];
  for (const [job, value] of Object.entries(needs ?? {})) {
    if (value?.result === 'skipped') continue;
    const legs = legData?.legs?.[job] ?? [];
    // With the task list at hand, only this attempt's legs count (a rerun leg is a new task).
    const records = (legData?.records ?? []).filter(
      (record) => record.job === job && (legs.length === 0 || legs.some((leg) => leg.id === record.task)),
    );
    if (records.length > 0) {
      const named = records
        .map((record) => ({
          name: legs.find((leg) => leg.id === record.task)?.name ?? `${job} #${record.task}`,
          record,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const { name, record } of named) {
        jobs.push({
          job: word(name),
          steps: parseJobTelemetry(JSON.stringify({ v: SCHEMA, steps: record.steps })).steps,
        });
      }
      for (const leg of legs) {
        if (!records.some((record) => record.task === leg.id)) {
          problems.push(`${word(leg.name)}: no telemetry record (leg ${word(leg.status)})`);
        }
      }
      continue;
    }
    const outputs = value?.outputs ?? {};
    const key = Object.keys(outputs).find((name) => name === 'telemetry' || name.endsWith('-telemetry'));
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
        `| ${word(job)} | ${step.action}${step.outcome === 'failure' ? ` (failed${step.error ? `: ${step.error}` : ''})` : ''} | ${formatSeconds(step.ms)} | ${describeRetries(step.retries)} | ${lookups === 0 ? '-' : `${step.hits}/${lookups}`} | ${formatBytes(step.bytes)} | ${formatBytes(step.cacheBytes)} |`,
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

/** The artifact name each leg keeps its record under (packages/runner/src/leg-telemetry.ts). */
const LEG_ARTIFACT = /^ci-kit-telemetry-(\d{1,15})$/;
const LEG_FILE = /\/step-(\d{1,6})\.json$/;
const MAX_LEGS = 500;
const MAX_RECORD_BYTES = 1024 * 1024;
const LEG_TIMEOUT_MS = 30_000;

function httpUrl(text) {
  try {
    const url = new URL(text ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** TaskID and RunID of a Forgejo runtime token (read, not verified: the server verifies it). */
function runtimeClaims(token) {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const id = (value) => (Number.isSafeInteger(value) && value > 0 ? value : 0);
    return id(claims?.TaskID) && id(claims?.RunID)
      ? { taskId: claims.TaskID, runId: claims.RunID }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every leg's record, from the run's artifacts (`ci-kit-telemetry-<task id>`, the highest
 * `step-<n>.json` of each), read with this job's ACTIONS_RUNTIME_TOKEN through the same API the legs
 * kept them with. Never throws: a problem is one line in `note`, and each job's output is used instead.
 * @returns {Promise<{ records: Array<{v: 1, job: string, task: number, steps: unknown[]}>, note: string }>}
 */
export async function readLegTelemetry(env, fetchImpl = globalThis.fetch) {
  const notRead = (why) => ({
    records: [],
    note: `leg telemetry: not read (${why}); each job's telemetry output is used`,
  });
  if (env.FORGEJO_ACTIONS !== 'true' && env.GITEA_ACTIONS !== 'true') return notRead('not a Forgejo run');
  const token = env.ACTIONS_RUNTIME_TOKEN;
  const claims = runtimeClaims(token);
  if (!claims) return notRead('ACTIONS_RUNTIME_TOKEN is not a Forgejo task token');
  const runtime = httpUrl(env.ACTIONS_RUNTIME_URL);
  if (!runtime) return notRead('ACTIONS_RUNTIME_URL is not an http(s) URL');
  const origins = new Set([runtime.origin, httpUrl(env.GITHUB_SERVER_URL)?.origin].filter(Boolean));
  const signal = globalThis.AbortSignal.timeout(LEG_TIMEOUT_MS);
  /** undefined for a URL on another host: the server builds these from its ROOT_URL, the token goes nowhere else. */
  const get = async (url) => {
    const target = httpUrl(url);
    if (!target || !origins.has(target.origin)) return undefined;
    return fetchImpl(target.href, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json;api-version=6.0-preview' },
      redirect: 'error',
      signal,
    });
  };
  const collection = `${runtime.href.replace(/\/?$/, '/')}_apis/pipelines/workflows/${claims.runId}/artifacts`;
  let listed;
  try {
    const response = await get(`${collection}?api-version=6.0-preview`);
    if (!response) return notRead('ACTIONS_RUNTIME_URL is not an http(s) URL');
    if (response.status === 404) {
      await response.body?.cancel();
      return { records: [], note: 'leg telemetry: no records among the artifacts of this run' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return notRead(`the run's artifacts answered HTTP ${response.status}`);
    }
    listed = await response.json();
  } catch (error) {
    return notRead(`the run's artifacts could not be listed: ${word(String(error?.message ?? error))}`);
  }
  const artifacts = (Array.isArray(listed?.value) ? listed.value : [])
    .filter((item) => typeof item?.name === 'string' && LEG_ARTIFACT.test(item.name))
    .slice(0, MAX_LEGS);
  if (artifacts.length === 0) {
    return { records: [], note: 'leg telemetry: no records among the artifacts of this run' };
  }
  let unreadable = 0;
  /** One leg's newest record, or undefined when it cannot be read or is not ours. */
  const readOne = async (item) => {
    const task = Number(LEG_ARTIFACT.exec(item.name)[1]);
    const where = httpUrl(item.fileContainerResourceUrl);
    if (!where) return undefined;
    where.searchParams.set('itemPath', item.name);
    const listing = await get(where.href);
    if (!listing?.ok) return undefined;
    const files = (await listing.json())?.value;
    let newest;
    for (const file of Array.isArray(files) ? files : []) {
      const n = LEG_FILE.exec(typeof file?.path === 'string' ? file.path : '')?.[1];
      if (n !== undefined && (!newest || Number(n) > newest.n))
        newest = { n: Number(n), url: file.contentLocation };
    }
    if (!newest) return undefined;
    const content = await get(newest.url);
    if (!content?.ok) return undefined;
    const text = await content.text();
    if (text.length > MAX_RECORD_BYTES) return undefined;
    const record = JSON.parse(text);
    if (
      record?.v !== SCHEMA ||
      record.task !== task ||
      typeof record.job !== 'string' ||
      !Array.isArray(record.steps)
    ) {
      return undefined;
    }
    return { v: SCHEMA, job: record.job, task, steps: record.steps };
  };
  const records = [];
  // A few at a time: a run has tens of legs, the server answers each in milliseconds.
  for (let i = 0; i < artifacts.length; i += 4) {
    const batch = await Promise.allSettled(artifacts.slice(i, i + 4).map(readOne));
    for (const outcome of batch) {
      if (outcome.status === 'fulfilled' && outcome.value) records.push(outcome.value);
      else unreadable += 1;
    }
  }
  records.sort((a, b) => a.task - b.task);
  const more = unreadable > 0 ? `; ${unreadable} could not be read` : '';
  return {
    records,
    note: `leg telemetry: ${records.length} record${records.length === 1 ? '' : 's'} read from the artifacts of this run${more}`,
  };
}
