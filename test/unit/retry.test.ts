import { describe, expect, it } from '@jest/globals';
import { RecordingLogger } from '../harness/recording-logger';
import {
  AttemptTimeoutError,
  backoffDelay,
  classify,
  HttpError,
  parseRetryAfter,
  retry,
  TruncatedBodyError,
} from '@ci-kit/retry';

/** A fake clock: sleeping advances time instantly and records each wait. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

const failing = (errors: unknown[], value = 'ok') => {
  let calls = 0;
  const fn = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return value;
  };
  return { fn, calls: () => calls };
};

describe('backoffDelay', () => {
  it('doubles the ceiling each attempt and caps it (full jitter scales it)', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 1000, 5000, () => 1))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(backoffDelay(3, 1000, 5000, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, 1000, 5000, () => 0)).toBe(0);
  });
});

describe('retry', () => {
  it('retries transient failures with exponential backoff and logs one line per retry', async () => {
    const clock = fakeClock();
    const log = new RecordingLogger();
    const { fn, calls } = failing([new HttpError(503, 'u'), new HttpError(502, 'u')]);
    const result = await retry(fn, {
      attempts: 4,
      baseDelayMs: 1000,
      what: 'download x',
      log,
      ...clock,
      random: () => 1,
    });
    expect(result).toEqual({ value: 'ok', attempts: 3 });
    expect(calls()).toBe(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(log.lines('warning')).toEqual([
      'download x: attempt 1/4 failed: HTTP 503; retrying in 1.0 s',
      'download x: attempt 2/4 failed: HTTP 502; retrying in 2.0 s',
    ]);
  });

  it('waits exactly what Retry-After asks instead of the backoff', async () => {
    const clock = fakeClock();
    const log = new RecordingLogger();
    const { fn } = failing([new HttpError(429, 'u', '2')]);
    await retry(fn, { attempts: 3, what: 'x', log, ...clock, random: () => 1 });
    expect(clock.sleeps).toEqual([2000]);
    expect(log.lines('warning')[0]).toContain('HTTP 429; retrying in 2.0 s (Retry-After)');
  });

  it('never retries a permanent failure', async () => {
    const clock = fakeClock();
    const { fn, calls } = failing([new HttpError(404, 'u')]);
    await expect(retry(fn, { attempts: 5, what: 'x', log: new RecordingLogger(), ...clock })).rejects.toThrow(
      'HTTP 404',
    );
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('gives up after the configured attempts and says how many it made', async () => {
    const clock = fakeClock();
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { fn, calls } = failing([reset, reset, reset, reset]);
    await expect(retry(fn, { attempts: 3, what: 'x', log: new RecordingLogger(), ...clock })).rejects.toThrow(
      'read ECONNRESET (gave up after 3 attempts)',
    );
    expect(calls()).toBe(3);
  });

  it('stops before a wait that would pass the overall deadline', async () => {
    const clock = fakeClock();
    const { fn, calls } = failing([
      new HttpError(503, 'u'),
      new HttpError(503, 'u'),
      new HttpError(503, 'u'),
    ]);
    await expect(
      retry(fn, {
        attempts: 10,
        baseDelayMs: 4000,
        deadlineMs: 5000,
        what: 'x',
        log: new RecordingLogger(),
        ...clock,
        random: () => 1,
      }),
    ).rejects.toThrow(/deadline/);
    expect(calls()).toBe(2);
    expect(clock.sleeps).toEqual([4000]);
  });

  it('aborts an attempt that runs past its timeout, signals it, and retries', async () => {
    const aborted: unknown[] = [];
    let calls = 0;
    const result = await retry(
      (_attempt, signal) => {
        calls++;
        if (calls > 1) return Promise.resolve('second');
        return new Promise<string>((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted.push(signal.reason);
            reject(signal.reason);
          }),
        );
      },
      { attempts: 2, attemptTimeoutMs: 20, what: 'x', log: new RecordingLogger(), sleep: async () => {} },
    );
    expect(result.value).toBe('second');
    expect(aborted[0]).toBeInstanceOf(AttemptTimeoutError);
  });
});

describe('classify', () => {
  it.each([408, 429, 500, 502, 503, 504])('HTTP %i is transient', (status) => {
    expect(classify(new HttpError(status, 'u')).retryable).toBe(true);
  });
  it.each([400, 401, 403, 404, 410, 422])('HTTP %i is permanent', (status) => {
    expect(classify(new HttpError(status, 'u')).retryable).toBe(false);
  });
  it.each([
    ['ECONNRESET', 'connection reset'],
    ['ECONNREFUSED', 'connection refused'],
    ['ENOTFOUND', 'DNS lookup failed'],
    ['EAI_AGAIN', 'DNS lookup failed (temporary)'],
    ['ETIMEDOUT', 'connection timed out'],
  ])('socket error %s is transient (%s)', (code, reason) => {
    expect(classify(Object.assign(new Error('x'), { code }))).toEqual({ retryable: true, reason });
  });
  it('finds the code on a wrapped cause (undici style)', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(classify(error).retryable).toBe(true);
  });
  it('treats a truncated body and a timed-out attempt as transient', () => {
    expect(classify(new TruncatedBodyError(10, 20))).toEqual({ retryable: true, reason: 'truncated body' });
    expect(classify(new AttemptTimeoutError(1000)).retryable).toBe(true);
  });
  it('never retries an unknown error (a checksum mismatch, a bug)', () => {
    expect(classify(new Error('sha256 mismatch')).retryable).toBe(false);
  });
  it('carries a parsed Retry-After', () => {
    expect(classify(new HttpError(503, 'u', '7')).retryAfterMs).toBe(7000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('reads delay-seconds', () => expect(parseRetryAfter('3', now, 60_000)).toBe(3000));
  it('reads an HTTP date', () =>
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:05 GMT', now, 60_000)).toBe(5000));
  it('caps huge values', () => expect(parseRetryAfter('86400', now, 60_000)).toBe(60_000));
  it('turns a past date into no wait', () =>
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now, 60_000)).toBe(0));
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', now, 60_000)).toBeUndefined();
    expect(parseRetryAfter(undefined, now, 60_000)).toBeUndefined();
  });
});
