import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  redactUrl
} from "./chunk-W565FIO6.mjs";
import {
  ChecksumMismatchError,
  UserError,
  errorMessage,
  hostOf,
  telemetry
} from "./chunk-D754KW5M.mjs";
import {
  HttpClient,
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/disk.ts
import { constants } from "node:fs";
import { access, statfs } from "node:fs/promises";
var DISK_PROBLEMS = {
  EROFS: "is on a read-only file system",
  ENOSPC: "is on a full disk (no space left on the device)",
  EDQUOT: "is over its disk quota",
  EACCES: "is not writable by this user (permission denied)",
  EPERM: "is not writable by this user (operation not permitted)"
};
function diskErrorCode(error) {
  const code = error?.code;
  return typeof code === "string" && code in DISK_PROBLEMS ? code : void 0;
}
__name(diskErrorCode, "diskErrorCode");
var DiskError = class extends UserError {
  constructor(folder, variable, code, detail) {
    super(
      `cannot write to ${variable} (${folder}): it ${DISK_PROBLEMS[code] ?? "cannot be written"} (${detail}); give the runner a writable ${variable} with free space`
    );
    this.folder = folder;
    this.variable = variable;
    this.code = code;
  }
  folder;
  variable;
  code;
  static {
    __name(this, "DiskError");
  }
  name = "DiskError";
};
var FULL_BYTES = 1024 * 1024;
async function diskErrorFor(error, folder, variable) {
  if (error instanceof DiskError) return error;
  const code = diskErrorCode(error);
  if (code) return new DiskError(folder, variable, code, errorMessage(error));
  try {
    await access(folder, constants.W_OK);
  } catch (probe) {
    const probeCode = diskErrorCode(probe);
    if (probeCode) return new DiskError(folder, variable, probeCode, errorMessage(error));
    return error;
  }
  try {
    const stats = await statfs(folder);
    if (Math.min(stats.bavail, stats.bfree) * stats.bsize < FULL_BYTES) {
      return new DiskError(folder, variable, "ENOSPC", errorMessage(error));
    }
  } catch {
  }
  return error;
}
__name(diskErrorFor, "diskErrorFor");

// packages/download/src/timeouts.ts
var DEFAULT_DOWNLOAD_TIMEOUTS = {
  idleTimeoutMs: 3e4,
  attemptTimeoutMs: 10 * 6e4,
  deadlineMs: 20 * 6e4
};
var DOWNLOAD_TIMEOUT_ENV = {
  idleTimeoutMs: "CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS",
  attemptTimeoutMs: "CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS",
  deadlineMs: "CI_KIT_DOWNLOAD_DEADLINE_SECONDS"
};
var MAX_SECONDS = 6 * 60 * 60;
function downloadTimeouts(env = process.env) {
  const timeouts = { ...DEFAULT_DOWNLOAD_TIMEOUTS };
  for (const key of Object.keys(DOWNLOAD_TIMEOUT_ENV)) {
    const name = DOWNLOAD_TIMEOUT_ENV[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const seconds = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || seconds <= 0 || seconds > MAX_SECONDS) {
      throw new UserError(
        `The value '${raw}' is not valid for ${name}. Valid values are: a number of seconds above 0 and up to ${MAX_SECONDS} (e.g. 30 or 0.5)`
      );
    }
    timeouts[key] = Math.round(seconds * 1e3);
  }
  return timeouts;
}
__name(downloadTimeouts, "downloadTimeouts");

// packages/download/src/download.ts
import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";

// packages/retry/src/http-error.ts
var HttpError = class extends Error {
  constructor(status, url, retryAfter) {
    super(`HTTP ${status}${statusText(status)}`);
    this.status = status;
    this.url = url;
    this.retryAfter = retryAfter;
  }
  status;
  url;
  retryAfter;
  static {
    __name(this, "HttpError");
  }
  name = "HttpError";
};
function statusText(status) {
  const texts = {
    403: " Forbidden",
    404: " Not Found",
    408: " Request Timeout",
    429: " Too Many Requests",
    500: " Internal Server Error",
    502: " Bad Gateway",
    503: " Service Unavailable",
    504: " Gateway Timeout"
  };
  return texts[status] ?? "";
}
__name(statusText, "statusText");
var AttemptTimeoutError = class extends Error {
  constructor(ms) {
    super(`no progress for ${Math.round(ms / 1e3)} s (attempt timed out)`);
    this.ms = ms;
  }
  ms;
  static {
    __name(this, "AttemptTimeoutError");
  }
  name = "AttemptTimeoutError";
};
var StalledError = class extends Error {
  constructor(ms) {
    super(`no data for ${formatSeconds(ms)} s (stalled)`);
    this.ms = ms;
  }
  ms;
  static {
    __name(this, "StalledError");
  }
  name = "StalledError";
};
function formatSeconds(ms) {
  return ms < 1e4 ? (ms / 1e3).toFixed(1).replace(/\.0$/, "") : String(Math.round(ms / 1e3));
}
__name(formatSeconds, "formatSeconds");
var TruncatedBodyError = class extends Error {
  constructor(received, expected) {
    super(`body ended after ${received} of ${expected} bytes`);
    this.received = received;
    this.expected = expected;
  }
  received;
  expected;
  static {
    __name(this, "TruncatedBodyError");
  }
  name = "TruncatedBodyError";
};

// packages/retry/src/classify.ts
var TRANSIENT_CODES = {
  ECONNRESET: "connection reset",
  ECONNREFUSED: "connection refused",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection closed",
  ETIMEDOUT: "connection timed out",
  ESOCKETTIMEDOUT: "socket timed out",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed (temporary)",
  ENETUNREACH: "network unreachable",
  EHOSTUNREACH: "host unreachable",
  UND_ERR_SOCKET: "socket error",
  ERR_STREAM_PREMATURE_CLOSE: "connection closed early"
};
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status <= 599;
}
__name(isRetryableStatus, "isRetryableStatus");
function classify(error, now = Date.now, maxRetryAfterMs = 6e4) {
  if (error instanceof HttpError) {
    const reason = `HTTP ${error.status}`;
    if (!isRetryableStatus(error.status)) return { retryable: false, reason };
    const retryAfterMs = parseRetryAfter(error.retryAfter, now(), maxRetryAfterMs);
    return retryAfterMs === void 0 ? { retryable: true, reason } : { retryable: true, reason, retryAfterMs };
  }
  if (error instanceof AttemptTimeoutError) return { retryable: true, reason: "attempt timed out" };
  if (error instanceof StalledError) return { retryable: true, reason: error.message };
  if (error instanceof TruncatedBodyError) return { retryable: true, reason: "truncated body" };
  const code = errorCode(error);
  if (code && TRANSIENT_CODES[code]) return { retryable: true, reason: TRANSIENT_CODES[code] };
  if (error instanceof Error && /socket hang up|aborted|premature close/i.test(error.message)) {
    return { retryable: true, reason: "connection closed early" };
  }
  return { retryable: false, reason: error instanceof Error ? error.name : "error" };
}
__name(classify, "classify");
function errorCode(error) {
  if (typeof error !== "object" || error === null) return void 0;
  const { code, cause } = error;
  if (typeof code === "string") return code;
  return cause ? errorCode(cause) : void 0;
}
__name(errorCode, "errorCode");
function parseRetryAfter(value, nowMs, maxMs) {
  if (value === void 0) return void 0;
  const trimmed = value.trim();
  let ms;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1e3;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return void 0;
    ms = at - nowMs;
  }
  if (ms < 0) return 0;
  return Math.min(ms, maxMs);
}
__name(parseRetryAfter, "parseRetryAfter");

// packages/retry/src/retry.ts
var defaultSleep = /* @__PURE__ */ __name((ms) => new Promise((resolve) => setTimeout(resolve, ms)), "defaultSleep");
function backoffDelay(attempt, baseMs, maxMs, random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}
__name(backoffDelay, "backoffDelay");
async function retry(fn, options) {
  const {
    attempts,
    baseDelayMs = 1e3,
    maxDelayMs = 3e4,
    deadlineMs = Number.POSITIVE_INFINITY,
    attemptTimeoutMs,
    maxRetryAfterMs = 6e4,
    what,
    log,
    sleep = defaultSleep,
    now = Date.now,
    random = Math.random
  } = options;
  const classifyError = options.classify ?? ((error) => classify(error, now, maxRetryAfterMs));
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
          `the ${Math.round(deadlineMs / 1e3)} s deadline leaves no time`
        );
      }
      const advice = verdict.retryAfterMs === void 0 ? "" : " (Retry-After)";
      telemetry.retry(options.host ?? "unknown", verdict.reason, verdict.retryAfterMs !== void 0, wait);
      log.warning(
        `${what}: attempt ${attempt}/${attempts} failed: ${verdict.reason}; retrying in ${(wait / 1e3).toFixed(1)} s${advice}`
      );
      await sleep(wait);
    }
  }
}
__name(retry, "retry");
async function withAttemptTimeout(fn, attempt, timeoutMs) {
  const controller = new AbortController();
  if (timeoutMs === void 0) return fn(attempt, controller.signal);
  let timer;
  const timedOut = new Promise((_, reject) => {
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
__name(withAttemptTimeout, "withAttemptTimeout");
function annotate(error, attempt, verdict, why) {
  const base = error instanceof Error ? error : new Error(String(error));
  if (!verdict.retryable) return base;
  const tail = why ? `; ${why}` : "";
  base.message = `${base.message} (gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}${tail})`;
  return base;
}
__name(annotate, "annotate");

// packages/download/src/fetch.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
async function fetchToFile(url, dest, options) {
  if (url.startsWith("file:")) return copyLocalFile(url, dest);
  const client = new HttpClient("forgejo-ci-kit", [], {
    allowRetries: false,
    keepAlive: false,
    socketTimeout: options.idleTimeoutMs
  });
  try {
    const response = await client.get(url).catch((error) => {
      if (error instanceof Error && /^Request timeout/.test(error.message))
        throw new StalledError(options.idleTimeoutMs);
      throw error;
    });
    const message = response.message;
    message.setTimeout(options.idleTimeoutMs, () => message.destroy(new StalledError(options.idleTimeoutMs)));
    const abort = /* @__PURE__ */ __name(() => message.destroy(options.signal.reason), "abort");
    if (options.signal.aborted) abort();
    options.signal.addEventListener("abort", abort, { once: true });
    const status = message.statusCode ?? 0;
    if (status < 200 || status > 299) {
      message.resume();
      const retryAfter = message.headers["retry-after"];
      throw new HttpError(status, redactUrl(url), Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    }
    const expected = Number(message.headers["content-length"] ?? Number.NaN);
    const hasher = new HashingCounter();
    try {
      await pipeline(message, hasher.stream, createWriteStream(dest));
    } catch (error) {
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
__name(fetchToFile, "fetchToFile");
async function copyLocalFile(url, dest) {
  const source = fileURLToPath(url);
  const hasher = new HashingCounter();
  try {
    await pipeline(createReadStream(source), hasher.stream, createWriteStream(dest));
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new UserError(
        `${source} does not exist in the file:// mirror; put the release file there or fix the URL`
      );
    }
    throw error;
  }
  return hasher.result();
}
__name(copyLocalFile, "copyLocalFile");
var HashingCounter = class {
  static {
    __name(this, "HashingCounter");
  }
  bytes = 0;
  hash = createHash("sha256");
  stream = new Transform({
    transform: /* @__PURE__ */ __name((chunk, _encoding, callback) => {
      this.bytes += chunk.length;
      this.hash.update(chunk);
      callback(null, chunk);
    }, "transform")
  });
  result() {
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }
};

// packages/download/src/download.ts
async function downloadVerified(options) {
  const part = `${options.dest}.${randomBytes(4).toString("hex")}.part`;
  try {
    const { value, attempts } = await retryDownload(options, part);
    if (options.expectedSha256 && value.sha256 !== options.expectedSha256) {
      throw new ChecksumMismatchError(
        options.what,
        options.expectedSha256,
        value.sha256,
        redactUrl(options.url)
      );
    }
    await rename(part, options.dest);
    telemetry.download(value.bytes);
    return { ...value, attempts };
  } finally {
    await rm(part, { force: true });
  }
}
__name(downloadVerified, "downloadVerified");
async function retryDownload(options, part) {
  try {
    return await retry(
      async (_attempt, signal) => {
        await rm(part, { force: true });
        return fetchToFile(options.url, part, {
          signal,
          idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.idleTimeoutMs
        });
      },
      {
        attempts: options.attempts,
        attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.attemptTimeoutMs,
        deadlineMs: options.deadlineMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.deadlineMs,
        what: `download ${redactUrl(options.url)}`,
        host: hostOf(options.url),
        log: options.log
      }
    );
  } catch (error) {
    if (error instanceof UserError || diskErrorCode(error)) throw error;
    throw new DownloadError(options.what, redactUrl(options.url), error, options.urlKnob);
  }
}
__name(retryDownload, "retryDownload");
var DownloadError = class extends UserError {
  static {
    __name(this, "DownloadError");
  }
  constructor(what, url, cause, urlKnob) {
    const status = cause instanceof HttpError ? cause.status : void 0;
    const hint = status === 404 || status === 403 ? `check that the version exists and that ${urlKnob} points at a folder holding this file` : `the server or the network kept failing; retry the job, raise retries, or point ${urlKnob} at a mirror`;
    super(`could not download ${what} from ${url}: ${errorMessage(cause)}; ${hint}`);
  }
};

export {
  DiskError,
  diskErrorFor,
  AttemptTimeoutError,
  retry,
  downloadTimeouts,
  downloadVerified
};
