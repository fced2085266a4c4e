/** An HTTP answer that was not a success, with what retry decisions need. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly url: string,
    /** The raw Retry-After header, when the server sent one. */
    readonly retryAfter?: string,
  ) {
    super(`HTTP ${status}${statusText(status)}`);
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    403: ' Forbidden',
    404: ' Not Found',
    408: ' Request Timeout',
    429: ' Too Many Requests',
    500: ' Internal Server Error',
    502: ' Bad Gateway',
    503: ' Service Unavailable',
    504: ' Gateway Timeout',
  };
  return texts[status] ?? '';
}

/** One attempt ran past its time limit (a stalled body, a server that never answers). */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AttemptTimeoutError';
  constructor(readonly ms: number) {
    super(`no progress for ${Math.round(ms / 1000)} s (attempt timed out)`);
  }
}

/** No byte arrived for this long: a server that accepted the request and then went silent. */
export class StalledError extends Error {
  override readonly name = 'StalledError';
  constructor(readonly ms: number) {
    super(`no data for ${formatSeconds(ms)} s (stalled)`);
  }
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1).replace(/\.0$/, '') : String(Math.round(ms / 1000));
}

/**
 * Something a caller knows may pass on another attempt, with the words for the retry's log line: an
 * HTML page served with 200 instead of a file (a captive portal that lets the next request through).
 */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The body ended before Content-Length said it would. */
export class TruncatedBodyError extends Error {
  override readonly name = 'TruncatedBodyError';
  constructor(
    readonly received: number,
    readonly expected: number,
  ) {
    super(`body ended after ${received} of ${expected} bytes`);
  }
}
