import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { HttpClient } from '@actions/http-client';
import { diskErrorCode, UserError } from '@ci-kit/runner';
import { HttpError, StalledError, TruncatedBodyError } from '@ci-kit/retry';
import { redactUrl } from './url';

export interface FetchResult {
  bytes: number;
  sha256: string;
  /** The response's Content-Type, when the server sent one. */
  contentType?: string;
}

export interface FetchOptions {
  signal: AbortSignal;
  /** No byte for this long aborts the attempt (a stalled server), in ms. */
  idleTimeoutMs: number;
}

/** Redirects followed per attempt, as a browser or curl would; more is a loop. */
const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * `user:password@` of a URL as what the HTTP client never does with it: an `Authorization: Basic`
 * header, for that origin only, and the URL without it (the client drops userinfo, so an
 * authenticated mirror would only ever see anonymous requests).
 */
export function credentialsOf(url: string): { url: string; origin: string; authorization?: string } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, origin: parsed.origin };
  const user = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.href,
    origin: parsed.origin,
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * One attempt: streams `url` into `dest` while hashing it, so the bytes are read once.
 * Errors are typed for the retry classifier: HttpError for statuses, TruncatedBodyError when the
 * body is shorter than Content-Length, socket errors as they come.
 *
 * Redirects are followed here, not by the HTTP client: credentials from the URL go only to the URL's own
 * origin (scheme, host and port; the client would keep them for another port or scheme of the same
 * host), a relative Location works, and https is never downgraded.
 */
export async function fetchToFile(url: string, dest: string, options: FetchOptions): Promise<FetchResult> {
  if (url.startsWith('file:')) return copyLocalFile(url, dest);
  // http-client honours HTTP(S)_PROXY and NO_PROXY, which self-hosted runners behind proxies need.
  const client = new HttpClient('forgejo-ci-kit', [], {
    allowRetries: false,
    allowRedirects: false,
    keepAlive: false,
    socketTimeout: options.idleTimeoutMs,
  });
  try {
    const message = await follow(client, url, options);
    // http-client only half-closes the socket when it goes idle after the headers; a server that ignores
    // that would hold the body open until the attempt's time limit. End it here, as a stall.
    message.setTimeout(options.idleTimeoutMs, () => message.destroy(new StalledError(options.idleTimeoutMs)));
    const abort = () => message.destroy(options.signal.reason as Error);
    if (options.signal.aborted) abort();
    options.signal.addEventListener('abort', abort, { once: true });
    const status = message.statusCode ?? 0;
    if (status < 200 || status > 299) {
      message.resume();
      const retryAfter = message.headers['retry-after'];
      throw new HttpError(status, redactUrl(url), Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    }
    const expected = Number(message.headers['content-length'] ?? Number.NaN);
    const hasher = new HashingCounter();
    try {
      await pipeline(message, hasher.stream, createWriteStream(dest));
    } catch (error) {
      // A stall, or a disk that cannot take the bytes: not a short body from the server.
      if (error instanceof StalledError || diskErrorCode(error)) throw error;
      if (Number.isFinite(expected) && hasher.bytes < expected)
        throw new TruncatedBodyError(hasher.bytes, expected);
      throw error;
    }
    if (Number.isFinite(expected) && hasher.bytes !== expected)
      throw new TruncatedBodyError(hasher.bytes, expected);
    const contentType = message.headers['content-type'];
    return { ...hasher.result(), ...(contentType ? { contentType } : {}) };
  } finally {
    client.dispose();
  }
}

/** GETs `url`, following redirects; the answer that is not a redirect, body unread. */
async function follow(client: HttpClient, url: string, options: FetchOptions): Promise<IncomingMessage> {
  const { url: anonymous, origin, authorization } = credentialsOf(url);
  let current = new URL(anonymous);
  for (let hop = 0; ; hop++) {
    const headers = authorization && current.origin === origin ? { authorization } : {};
    const response = await client.get(current.href, headers).catch((error: unknown) => {
      // http-client's own socket timeout (no answer at all) is a plain Error; it is a stall like any other.
      if (error instanceof Error && /^Request timeout/.test(error.message))
        throw new StalledError(options.idleTimeoutMs);
      throw error;
    });
    const message = response.message;
    const location = message.headers.location;
    if (!REDIRECTS.has(message.statusCode ?? 0) || !location) return message;
    message.resume();
    const next = nextHop(current, location, url);
    if (hop >= MAX_REDIRECTS) {
      throw new UserError(
        `${redactUrl(url)} redirected more than ${MAX_REDIRECTS} times (last to ${redactUrl(next.href)}); fix the mirror or point the URL at the file itself`,
      );
    }
    current = next;
  }
}

/** Where a redirect leads: http(s) only, never from https to http, and never with userinfo of its own. */
function nextHop(current: URL, location: string, original: string): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new UserError(`${redactUrl(original)} redirected to '${redactUrl(location)}', which is not a URL`);
  }
  if (
    !['http:', 'https:'].includes(next.protocol) ||
    (current.protocol === 'https:' && next.protocol !== 'https:')
  ) {
    throw new UserError(
      `${redactUrl(original)} redirected from ${current.protocol} to ${redactUrl(next.href)}; refused (a download may only be redirected to https, or from http to http)`,
    );
  }
  next.username = '';
  next.password = '';
  return next;
}

/** file:// mirrors serve air-gapped runners: same hashing, no network. */
async function copyLocalFile(url: string, dest: string): Promise<FetchResult> {
  const source = fileURLToPath(url);
  const hasher = new HashingCounter();
  try {
    await pipeline(createReadStream(source), hasher.stream, createWriteStream(dest));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(
        `${source} does not exist in the file:// mirror; put the release file there or fix the URL`,
      );
    }
    throw error;
  }
  return hasher.result();
}

/** A pass-through that hashes and counts what flows to disk, so a file is read exactly once. */
class HashingCounter {
  bytes = 0;
  private readonly hash = createHash('sha256');
  readonly stream = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => {
      this.bytes += chunk.length;
      this.hash.update(chunk);
      callback(null, chunk);
    },
  });
  result(): FetchResult {
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
