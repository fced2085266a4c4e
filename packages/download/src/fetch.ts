import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
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
}

export interface FetchOptions {
  signal: AbortSignal;
  /** No byte for this long aborts the attempt (a stalled server), in ms. */
  idleTimeoutMs: number;
}

/**
 * One attempt: streams `url` into `dest` while hashing it, so the bytes are read once.
 * Errors are typed for the retry classifier: HttpError for statuses, TruncatedBodyError when the
 * body is shorter than Content-Length, socket errors as they come.
 */
export async function fetchToFile(url: string, dest: string, options: FetchOptions): Promise<FetchResult> {
  if (url.startsWith('file:')) return copyLocalFile(url, dest);
  // http-client honours HTTP(S)_PROXY and NO_PROXY, which self-hosted runners behind proxies need.
  const client = new HttpClient('forgejo-ci-kit', [], {
    allowRetries: false,
    keepAlive: false,
    socketTimeout: options.idleTimeoutMs,
  });
  try {
    const response = await client.get(url).catch((error: unknown) => {
      // http-client's own socket timeout (no answer at all) is a plain Error; it is a stall like any other.
      if (error instanceof Error && /^Request timeout/.test(error.message))
        throw new StalledError(options.idleTimeoutMs);
      throw error;
    });
    const message = response.message;
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
    return hasher.result();
  } finally {
    client.dispose();
  }
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
