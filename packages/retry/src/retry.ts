import { telemetry, type Logger } from '@ci-kit/runner';
import { classify, type Classification } from './classify';
import { AttemptTimeoutError } from './http-error';

export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  /** First backoff ceiling; doubles each attempt (full jitter picks a wait in [0, ceiling]). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** No attempt starts after this much time has passed since the first one. */
  deadlineMs?: number;
  /** Each attempt is aborted (and counts as transient) after this long. */
  attemptTimeoutMs?: number;
  /** Cap for a server's Retry-After. */
  maxRetryAfterMs?: number;
  /** What is being tried, for log lines: "download helm-v3.16.4-linux-amd64.tar.gz". */
  what: string;
  /** Who failed, for the step's telemetry: a host[:port] (hostOf), or what a command talks to. */
  host?: string;
  log: Logger;
  classify?: (error: unknown) => Classification;
  // Ports for tests: a fake clock and a fixed random source make timing assertions exact.
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface RetryResult<T> {
  value: T;
  /** Attempts used, 1 when the first one worked. */
  attempts: number;
}

/** Attempt n gets a signal that aborts when its time is up. */
export type Attempt<T> = (attempt: number, signal: AbortSignal) => Promise<T>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

export async function retry<T>(fn: Attempt<T>, options: RetryOptions): Promise<RetryResult<T>> {
  const {
    attempts,
    baseDelayMs = 1000,
    maxDelayMs = 30_000,
    deadlineMs = Number.POSITIVE_INFINITY,
    attemptTimeoutMs,
    maxRetryAfterMs = 60_000,
    what,
    log,
    sleep = defaultSleep,
    now = Date.now,
    random = Math.random,
  } = options;
  const classifyError = options.classify ?? ((error: unknown) => classify(error, now, maxRetryAfterMs));
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await withAttemptTimeout(fn, attempt, attemptTimeoutMs);
      return { value, attempts: attempt };
    } catch (error) {
      const verdict = classifyError(error);
      if (!verdict.retryable || attempt >= attempts) throw annotate(error, attempt, verdict);
      const wait = verdict.retryAfterMs ?? backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      if (now() - started + wait > deadlineMs) {
        throw annotate(
          error,
          attempt,
          verdict,
          `the ${Math.round(deadlineMs / 1000)} s deadline leaves no time`,
        );
      }
      const advice = verdict.retryAfterMs === undefined ? '' : ' (Retry-After)';
      telemetry.retry(options.host ?? 'unknown', verdict.reason, verdict.retryAfterMs !== undefined, wait);
      log.warning(
        `${what}: attempt ${attempt}/${attempts} failed: ${verdict.reason}; retrying in ${(wait / 1000).toFixed(1)} s${advice}`,
      );
      await sleep(wait);
    }
  }
}

async function withAttemptTimeout<T>(
  fn: Attempt<T>,
  attempt: number,
  timeoutMs: number | undefined,
): Promise<T> {
  const controller = new AbortController();
  if (timeoutMs === undefined) return fn(attempt, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AttemptTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([fn(attempt, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The final error says how many attempts were made, so "failed" never hides the retries. */
function annotate(error: unknown, attempt: number, verdict: Classification, why?: string): Error {
  const base = error instanceof Error ? error : new Error(String(error));
  if (!verdict.retryable) return base;
  const tail = why ? `; ${why}` : '';
  base.message = `${base.message} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}${tail})`;
  return base;
}
