import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import {
  ChecksumMismatchError,
  diskErrorCode,
  errorMessage,
  hostOf,
  telemetry,
  UserError,
  type Logger,
} from '@ci-kit/runner';
import { HttpError, retry, TransientError } from '@ci-kit/retry';
import { sniffFormat } from './extract';
import { fetchToFile, type FetchResult } from './fetch';
import { DEFAULT_DOWNLOAD_TIMEOUTS } from './timeouts';
import { hasCredentials, redactUrl, redactUrlsIn } from './url';

export interface DownloadOptions {
  url: string;
  /** Final path; it only ever holds a complete file whose digest was checked (when one is expected). */
  dest: string;
  /** Lowercase hex; undefined only on the explicit `verify: false` path. */
  expectedSha256?: string;
  /** What the file is, for messages: "helm-v3.16.4-linux-amd64.tar.gz". */
  what: string;
  attempts: number;
  log: Logger;
  /** The input or variable that sets where the file comes from, named in the error's hint. */
  urlKnob: string;
  idleTimeoutMs?: number;
  attemptTimeoutMs?: number;
  deadlineMs?: number;
}

export interface DownloadResult {
  sha256: string;
  bytes: number;
  attempts: number;
}

/**
 * Downloads with retries into `<dest>.<random>.part`, verifies the digest, and only then renames
 * the file to `dest`. A mismatch is never retried (the mirror serves those bytes on purpose or is
 * compromised) and leaves nothing behind.
 */
export async function downloadVerified(options: DownloadOptions): Promise<DownloadResult> {
  const part = `${options.dest}.${randomBytes(4).toString('hex')}.part`;
  try {
    const { value, attempts } = await retryDownload(options, part);
    if (options.expectedSha256 && value.sha256 !== options.expectedSha256) {
      throw new ChecksumMismatchError(
        options.what,
        options.expectedSha256,
        value.sha256,
        redactUrl(options.url),
      );
    }
    await rename(part, options.dest);
    telemetry.download(value.bytes);
    return { ...value, attempts };
  } finally {
    await rm(part, { force: true });
  }
}

async function retryDownload(options: DownloadOptions, part: string) {
  let htmlPages = 0;
  try {
    return await retry(
      async (_attempt, signal) => {
        await rm(part, { force: true });
        const result = await fetchToFile(options.url, part, {
          signal,
          idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.idleTimeoutMs,
        });
        const page = await htmlInstead(result, part, options.expectedSha256);
        if (page === undefined) return result;
        // A captive portal or an expired sign-in may let the next request through: one more attempt.
        if (++htmlPages === 1) throw new TransientError(`${page} instead of the file`);
        throw new UserError(
          `could not download ${options.what} from ${redactUrl(options.url)}: the server sent ${page} instead of the file, twice: a login page, a captive portal or a proxy's error page; check that the runner can reach ${options.urlKnob} without signing in`,
        );
      },
      {
        attempts: options.attempts,
        attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.attemptTimeoutMs,
        deadlineMs: options.deadlineMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.deadlineMs,
        what: `download ${redactUrl(options.url)}`,
        host: hostOf(options.url),
        log: options.log,
      },
    );
  } catch (error) {
    // The disk, not the server: the caller names the folder (see diskErrorFor).
    if (error instanceof UserError || diskErrorCode(error)) throw error;
    throw new DownloadError(
      options.what,
      redactUrl(options.url),
      error,
      options.urlKnob,
      hasCredentials(options.url),
    );
  }
}

/**
 * `an HTML page (text/html)` when the server answered 200 with a web page instead of the file: its
 * first bytes are HTML, or it says text/html and its bytes are not the pinned ones. The right bytes
 * are the right file whatever their Content-Type, and a file we have no digest for is only taken for
 * a page by its bytes.
 */
async function htmlInstead(result: FetchResult, file: string, expectedSha256?: string) {
  if (expectedSha256 !== undefined && result.sha256 === expectedSha256) return undefined;
  const saysHtml = /^\s*text\/html\b/i.test(result.contentType ?? '');
  const looksHtml = (await sniffFormat(file).catch(() => 'other')) === 'html';
  if (looksHtml || (saysHtml && expectedSha256 !== undefined))
    return saysHtml ? 'an HTML page (text/html)' : 'an HTML page';
  return undefined;
}

/**
 * A download that failed for good: says what, from where, why, and what to do next, naming the knob
 * the user really has (`download-url`, `uv-download-url`, `CI_KIT_DOWNLOAD_MIRROR`, `url`).
 */
export class DownloadError extends UserError {
  constructor(what: string, url: string, cause: unknown, urlKnob: string, withCredentials = false) {
    const status = cause instanceof HttpError ? cause.status : undefined;
    const hint =
      status === 401 && withCredentials
        ? `the mirror refused the credentials in ${urlKnob}; check the user and token there (a secret) and that they may read this file`
        : status === 401
          ? `the mirror asks for credentials: put them in ${urlKnob} as https://<user>:<token>@host/..., from a secret`
          : status === 404 || status === 403
            ? `check that the version exists and that ${urlKnob} points at a folder holding this file`
            : `the server or the network kept failing; retry the job, raise retries, or point ${urlKnob} at a mirror`;
    // A cause's own words may quote a URL (a socket error, a tool): never with a secret in it.
    super(`could not download ${what} from ${url}: ${redactUrlsIn(errorMessage(cause))}; ${hint}`);
  }
}
