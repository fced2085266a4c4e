import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What one step of ours spent and met, for status-check's table: phases, retries by host and reason,
 * bytes, cache use, warnings by kind. It travels inside the run (a step output, then a job output),
 * because Forgejo gives a step no jobs API to read it from. Never a secret, a token or a URL: hosts
 * only (host[:port], no user info, no path, no query), reasons as short words.
 */
export const TELEMETRY_SCHEMA = 1;

export type RetryReason =
  | `http-${number}`
  | 'http-429-retry-after'
  | 'reset'
  | 'stall'
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'truncated'
  | 'network'
  | 'other';

export interface RetryRecord {
  host: string;
  reason: RetryReason;
  /** The wait before the next attempt. */
  delayMs: number;
}

export type ErrorClass = 'user-error' | 'infrastructure';

export interface StepTelemetry {
  v: typeof TELEMETRY_SCHEMA;
  /** `cached-tool`, `prepare-python`, `prepare-python/post`, `setup-prewarmed-runner/bootstrap`, ... */
  action: string;
  /** The kit's version (the release tag's, from the bundle). */
  kit: string;
  /** success, or failure when the step failed. */
  outcome: 'success' | 'failure';
  /**
   * Why a failed step failed: `user-error` (an input, a lock, a pin the user can fix: UserError) or
   * `infrastructure` (the network, a disk, a service, after the retries). Absent on success.
   */
  error?: ErrorClass;
  /** Phase name → milliseconds, in the order they ran; `total` is the whole step. */
  ms: Record<string, number>;
  retries: RetryRecord[];
  /** Bytes downloaded from release hosts (not the cache service). */
  bytes: number;
  cache: { hits: number; misses: number; restoredBytes: number; savedBytes: number };
  /** Warning kind → count (retry, cache, insecure-mirror, other). */
  warnings: Record<string, number>;
}

/** The value of every `telemetry` output: the steps of this job so far, this one last. */
export interface JobTelemetry {
  v: typeof TELEMETRY_SCHEMA;
  steps: StepTelemetry[];
}

/** A host for the record: never user info, a path or a query. `file` for file:// mirrors. */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'file' : parsed.host || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A retry's reason (the retry policy's words) as one short word for counting. */
export function reasonKind(reason: string, retryAfter: boolean): RetryReason {
  const status = /\bHTTP (\d{3})\b/.exec(reason)?.[1];
  if (status === '429' && retryAfter) return 'http-429-retry-after';
  if (status) return `http-${Number(status)}`;
  if (/stall|no data for/i.test(reason)) return 'stall';
  if (/timed out|no progress|timeout/i.test(reason)) return 'timeout';
  if (/reset|closed early|socket hang up|EPIPE/i.test(reason)) return 'reset';
  if (/refused/i.test(reason)) return 'refused';
  if (/ENOTFOUND|EAI_AGAIN|DNS|getaddrinfo|resolve/i.test(reason)) return 'dns';
  if (/truncat|body ended|premature/i.test(reason)) return 'truncated';
  if (/network|connection/i.test(reason)) return 'network';
  return 'other';
}

/** A warning's kind, from its text (our messages are stable: docs/troubleshooting.md lists them). */
export function warningKind(message: string): string {
  if (/attempt \d+\/\d+ failed/.test(message)) return 'retry';
  if (/\bcache\b/i.test(message)) return 'cache';
  if (/plain http/.test(message)) return 'insecure-mirror';
  return 'other';
}

/**
 * One recorder per process (an action step is one process): the shared code reports into it where the
 * event happens (a retry, a download, a cache call, a warning) and the entry point writes it out.
 */
export class TelemetryRecorder {
  private readonly retriesSeen: RetryRecord[] = [];
  private readonly phases = new Map<string, number>();
  private readonly warningCounts = new Map<string, number>();
  private downloaded = 0;
  private readonly cacheUse = { hits: 0, misses: 0, restoredBytes: 0, savedBytes: 0 };
  private readonly started = performance.now();

  retry(host: string, reason: string, retryAfter: boolean, delayMs: number): void {
    this.retriesSeen.push({ host, reason: reasonKind(reason, retryAfter), delayMs: Math.round(delayMs) });
  }
  download(bytes: number): void {
    this.downloaded += bytes;
  }
  cacheRestore(hit: boolean, bytes = 0): void {
    if (hit) this.cacheUse.hits += 1;
    else this.cacheUse.misses += 1;
    this.cacheUse.restoredBytes += bytes;
  }
  cacheSave(bytes: number): void {
    this.cacheUse.savedBytes += bytes;
  }
  warning(message: string): void {
    const kind = warningKind(message);
    this.warningCounts.set(kind, (this.warningCounts.get(kind) ?? 0) + 1);
  }
  phase(name: string, ms: number): void {
    this.phases.set(name, Math.round((this.phases.get(name) ?? 0) + ms));
  }
  /**
   * The step's own PhaseTimer, read when the record is written (so a failed step still reports the
   * phases it ran). Only the step's timer: the installer's nested one would count its time twice.
   */
  timePhasesWith(timer: { phases: ReadonlyArray<{ name: string; ms: number }> }): void {
    this.timer = timer;
  }
  private timer: { phases: ReadonlyArray<{ name: string; ms: number }> } | undefined;

  snapshot(
    action: string,
    kit: string,
    outcome: StepTelemetry['outcome'],
    error?: ErrorClass,
  ): StepTelemetry {
    for (const { name, ms } of this.timer?.phases ?? []) this.phase(name, ms);
    this.timer = undefined;
    return {
      v: TELEMETRY_SCHEMA,
      action,
      kit,
      outcome,
      ...(outcome === 'failure' && error ? { error } : {}),
      ms: { ...Object.fromEntries(this.phases), total: Math.round(performance.now() - this.started) },
      retries: [...this.retriesSeen],
      bytes: this.downloaded,
      cache: { ...this.cacheUse },
      warnings: Object.fromEntries(this.warningCounts),
    };
  }
}

export const telemetry = new TelemetryRecorder();

/**
 * A file of this job's own in RUNNER_TEMP (`ci-kit-<kind>-<run>-<attempt>-<job><ext>`): RUNNER_TEMP is the
 * job's own, and the run, job and attempt in the name keep two jobs apart on a runner that shares it.
 */
export function jobScopedFile(env: NodeJS.ProcessEnv, kind: string, ext: string): string | undefined {
  if (!env.RUNNER_TEMP) return undefined;
  // Per character, as bootstrap.sh does it with tr: both must name the same file.
  const part = (value: string | undefined) => (value || 'x').replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(
    env.RUNNER_TEMP,
    `ci-kit-${kind}-${part(env.GITHUB_RUN_ID)}-${part(env.GITHUB_RUN_ATTEMPT)}-${part(env.GITHUB_JOB)}${ext}`,
  );
}

/** Where a job's steps leave their telemetry records, one JSON line each. */
export const telemetryFile = (env: NodeJS.ProcessEnv): string | undefined =>
  jobScopedFile(env, 'telemetry', '.jsonl');

/** Adds this step's record to the job's file and returns the job's records so far (unreadable lines skipped). */
export function recordStep(step: StepTelemetry, env: NodeJS.ProcessEnv): JobTelemetry {
  const file = telemetryFile(env);
  const earlier: StepTelemetry[] = [];
  if (file) {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const parsed = parseStep(line);
        if (parsed) earlier.push(parsed);
      }
    } catch {
      // No file yet: this is the job's first step of ours.
    }
    try {
      appendFileSync(file, `${JSON.stringify(step)}\n`);
    } catch {
      // Telemetry never fails a step; the output below still holds this step.
    }
  }
  return { v: TELEMETRY_SCHEMA, steps: [...earlier, step] };
}

function parseStep(line: string): StepTelemetry | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as StepTelemetry;
    return value && value.v === TELEMETRY_SCHEMA && typeof value.action === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
