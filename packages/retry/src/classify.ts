import {
  AttemptTimeoutError,
  HttpError,
  StalledError,
  TransientError,
  TruncatedBodyError,
} from './http-error';

export interface Classification {
  retryable: boolean;
  /** Short words for the log line: "HTTP 503", "connection reset". */
  reason: string;
  /** A wait the server asked for (Retry-After), already parsed and capped. */
  retryAfterMs?: number;
}

/** Socket-level error codes that mean "try again", never "you asked for the wrong thing". */
const TRANSIENT_CODES: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  ESOCKETTIMEDOUT: 'socket timed out',
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'socket error',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed early',
};

/** 408, 429 and 5xx are worth another attempt; every other 4xx is a fact that will not change. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

export function classify(
  error: unknown,
  now: () => number = Date.now,
  maxRetryAfterMs = 60_000,
): Classification {
  if (error instanceof HttpError) {
    const reason = `HTTP ${error.status}`;
    if (!isRetryableStatus(error.status)) return { retryable: false, reason };
    const retryAfterMs = parseRetryAfter(error.retryAfter, now(), maxRetryAfterMs);
    return retryAfterMs === undefined
      ? { retryable: true, reason }
      : { retryable: true, reason, retryAfterMs };
  }
  if (error instanceof AttemptTimeoutError) return { retryable: true, reason: 'attempt timed out' };
  if (error instanceof StalledError) return { retryable: true, reason: error.message };
  if (error instanceof TruncatedBodyError) return { retryable: true, reason: 'truncated body' };
  if (error instanceof TransientError) return { retryable: true, reason: error.reason };
  const code = errorCode(error);
  if (code && TRANSIENT_CODES[code]) return { retryable: true, reason: TRANSIENT_CODES[code] };
  if (error instanceof Error && /socket hang up|aborted|premature close/i.test(error.message)) {
    return { retryable: true, reason: 'connection closed early' };
  }
  return { retryable: false, reason: error instanceof Error ? error.name : 'error' };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause ? errorCode(cause) : undefined;
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3). Negative, unparsable
 * or past values mean "no advice"; huge ones are capped so a bad proxy cannot park a job.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, maxMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  if (ms < 0) return 0;
  return Math.min(ms, maxMs);
}
