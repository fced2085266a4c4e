import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  execRunner
} from "./chunk-7JFR4UVO.mjs";
import {
  hasCredentials,
  redactUrl,
  redactUrlsIn
} from "./chunk-22DZBOGL.mjs";
import {
  ChecksumMismatchError,
  UserError,
  errorMessage,
  hostOf,
  telemetry
} from "./chunk-PYQVS2IG.mjs";
import {
  require_semver
} from "./chunk-BKXCGHDO.mjs";
import {
  HttpClient,
  __name,
  __toESM,
  debug,
  exec,
  isDebug,
  mkdirP,
  which
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

// packages/download/src/links.ts
import { readdir, readlink } from "node:fs/promises";
import path from "node:path";
function isInside(root, target) {
  const relative = path.relative(root, target);
  return relative === "" || !relative.startsWith("..") && !path.isAbsolute(relative);
}
__name(isInside, "isInside");
async function assertNoEscapingLinks(root, what) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const parent = entry.parentPath ?? entry.path;
    const link = path.join(parent, entry.name);
    const target = path.resolve(parent, await readlink(link));
    if (!isInside(root, target)) {
      throw new UserError(
        `${what} holds a symbolic link that points outside the archive (${path.relative(root, link)} -> ${await readlink(link)}); refused: nothing from it was installed`
      );
    }
  }
}
__name(assertNoEscapingLinks, "assertNoEscapingLinks");

// packages/download/src/extract.ts
import { open } from "node:fs/promises";

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as crypto from "crypto";

// node_modules/@actions/tool-cache/lib/manifest.js
var semver = __toESM(require_semver(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as path2 from "path";
var semver2 = __toESM(require_semver(), 1);
import { ok } from "assert";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  __name(adopt, "adopt");
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    __name(fulfilled, "fulfilled");
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    __name(rejected, "rejected");
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    __name(step, "step");
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var IS_WINDOWS = process.platform === "win32";
var IS_MAC = process.platform === "darwin";
function extractZip(file, dest) {
  return __awaiter(this, void 0, void 0, function* () {
    if (!file) {
      throw new Error("parameter 'file' is required");
    }
    dest = yield _createExtractFolder(dest);
    if (IS_WINDOWS) {
      yield extractZipWin(file, dest);
    } else {
      yield extractZipNix(file, dest);
    }
    return dest;
  });
}
__name(extractZip, "extractZip");
function extractZipWin(file, dest) {
  return __awaiter(this, void 0, void 0, function* () {
    const escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, "");
    const escapedDest = dest.replace(/'/g, "''").replace(/"|\n|\r/g, "");
    const pwshPath = yield which("pwsh", false);
    if (pwshPath) {
      const pwshCommand = [
        `$ErrorActionPreference = 'Stop' ;`,
        `try { Add-Type -AssemblyName System.IO.Compression.ZipFile } catch { } ;`,
        `try { [System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`,
        `catch { if (($_.Exception.GetType().FullName -eq 'System.Management.Automation.MethodException') -or ($_.Exception.GetType().FullName -eq 'System.Management.Automation.RuntimeException') ){ Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force } else { throw $_ } } ;`
      ].join(" ");
      const args = [
        "-NoLogo",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        pwshCommand
      ];
      debug(`Using pwsh at path: ${pwshPath}`);
      yield exec(`"${pwshPath}"`, args);
    } else {
      const powershellCommand = [
        `$ErrorActionPreference = 'Stop' ;`,
        `try { Add-Type -AssemblyName System.IO.Compression.FileSystem } catch { } ;`,
        `if ((Get-Command -Name Expand-Archive -Module Microsoft.PowerShell.Archive -ErrorAction Ignore)) { Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force }`,
        `else {[System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`
      ].join(" ");
      const args = [
        "-NoLogo",
        "-Sta",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        powershellCommand
      ];
      const powershellPath = yield which("powershell", true);
      debug(`Using powershell at path: ${powershellPath}`);
      yield exec(`"${powershellPath}"`, args);
    }
  });
}
__name(extractZipWin, "extractZipWin");
function extractZipNix(file, dest) {
  return __awaiter(this, void 0, void 0, function* () {
    const unzipPath = yield which("unzip", true);
    const args = [file];
    if (!isDebug()) {
      args.unshift("-q");
    }
    args.unshift("-o");
    yield exec(`"${unzipPath}"`, args, { cwd: dest });
  });
}
__name(extractZipNix, "extractZipNix");
function _createExtractFolder(dest) {
  return __awaiter(this, void 0, void 0, function* () {
    if (!dest) {
      dest = path2.join(_getTempDirectory(), crypto.randomUUID());
    }
    yield mkdirP(dest);
    return dest;
  });
}
__name(_createExtractFolder, "_createExtractFolder");
function _getTempDirectory() {
  const tempDirectory = process.env["RUNNER_TEMP"] || "";
  ok(tempDirectory, "Expected RUNNER_TEMP to be defined");
  return tempDirectory;
}
__name(_getTempDirectory, "_getTempDirectory");

// packages/download/src/extract.ts
var ARCHIVE_FORMATS = ["tar.gz", "tar.xz", "tar.zst", "zip", "binary"];
var BY_EXTENSION = [
  [/\.(tar\.gz|tgz)$/i, "tar.gz"],
  [/\.(tar\.xz|txz)$/i, "tar.xz"],
  [/\.(tar\.zst|tzst)$/i, "tar.zst"],
  [/\.zip$/i, "zip"],
  [/\.exe$/i, "binary"]
];
function archiveFormatOf(fileName) {
  return BY_EXTENSION.find(([pattern]) => pattern.test(fileName))?.[1];
}
__name(archiveFormatOf, "archiveFormatOf");
var MAGIC = [
  ["tar.gz", Buffer.from([31, 139])],
  ["tar.xz", Buffer.from([253, 55, 122, 88, 90, 0])],
  ["tar.zst", Buffer.from([40, 181, 47, 253])],
  ["zip", Buffer.from("PK", "latin1")]
];
async function sniffFormat(file) {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const match = MAGIC.find(([, magic]) => bytes.subarray(0, magic.length).equals(magic));
    if (match) return match[0];
    return /^\s*<(!doctype|html)/i.test(bytes.toString("latin1")) ? "html" : "other";
  } finally {
    await handle.close();
  }
}
__name(sniffFormat, "sniffFormat");
var TAR_FLAGS = {
  "tar.gz": { flag: "-z" },
  "tar.xz": { flag: "-J", needs: "xz" },
  "tar.zst": { flag: "--zstd", needs: "zstd" }
};
async function extractArchive(file, format, dest, what) {
  const found = await sniffFormat(file);
  if (found !== format) {
    throw new UserError(
      `${what} is not a ${format} archive: it starts like ${describeSniffed(found)}; check the URL, or set archive-format`
    );
  }
  if (format === "zip" && process.platform !== "win32" && !await which("unzip", false)) {
    throw new UserError(
      "extracting a zip archive needs 'unzip' on PATH, and there is none; install it in the job image (Debian: apt-get install unzip)"
    );
  }
  try {
    if (format === "zip") await extractZip(file, dest);
    else await extractTar(file, format, dest);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`could not extract ${what}: ${error.message}; the archive may be corrupt`);
  }
  await assertNoEscapingLinks(dest, what);
}
__name(extractArchive, "extractArchive");
function describeSniffed(found) {
  if (found === "html") return "an HTML page (an error page served as the file?)";
  if (found === "other") return "no archive format we know";
  return `a ${found} archive`;
}
__name(describeSniffed, "describeSniffed");
async function extractTar(file, format, dest) {
  const { flag, needs } = TAR_FLAGS[format];
  const args = ["-x", flag, "--no-same-owner", "-C", dest, "-f", file];
  const result = await execRunner("tar", args);
  if (result.exitCode === 0) return;
  if (needs && /cannot exec|not found|no such file/i.test(result.stderr)) {
    throw new UserError(
      `extracting a ${format} archive needs '${needs}' on PATH, and tar could not run it; install it in the job image (Debian: apt-get install ${needs === "xz" ? "xz-utils" : needs})`
    );
  }
  throw new Error(
    `tar exited with ${result.exitCode}: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`
  );
}
__name(extractTar, "extractTar");

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
var TransientError = class extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
  reason;
  static {
    __name(this, "TransientError");
  }
  name = "TransientError";
};
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
  if (error instanceof TransientError) return { retryable: true, reason: error.reason };
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
var MAX_REDIRECTS = 10;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function credentialsOf(url) {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, origin: parsed.origin };
  const user = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = "";
  parsed.password = "";
  return {
    url: parsed.href,
    origin: parsed.origin,
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`
  };
}
__name(credentialsOf, "credentialsOf");
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
__name(safeDecode, "safeDecode");
async function fetchToFile(url, dest, options) {
  if (url.startsWith("file:")) return copyLocalFile(url, dest);
  const client = new HttpClient("forgejo-ci-kit", [], {
    allowRetries: false,
    allowRedirects: false,
    keepAlive: false,
    socketTimeout: options.idleTimeoutMs
  });
  try {
    const message = await follow(client, url, options);
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
    const contentType = message.headers["content-type"];
    return { ...hasher.result(), ...contentType ? { contentType } : {} };
  } finally {
    client.dispose();
  }
}
__name(fetchToFile, "fetchToFile");
async function follow(client, url, options) {
  const { url: anonymous, origin, authorization } = credentialsOf(url);
  let current = new URL(anonymous);
  for (let hop = 0; ; hop++) {
    const headers = authorization && current.origin === origin ? { authorization } : {};
    const response = await client.get(current.href, headers).catch((error) => {
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
        `${redactUrl(url)} redirected more than ${MAX_REDIRECTS} times (last to ${redactUrl(next.href)}); fix the mirror or point the URL at the file itself`
      );
    }
    current = next;
  }
}
__name(follow, "follow");
function nextHop(current, location, original) {
  let next;
  try {
    next = new URL(location, current);
  } catch {
    throw new UserError(`${redactUrl(original)} redirected to '${redactUrl(location)}', which is not a URL`);
  }
  if (!["http:", "https:"].includes(next.protocol) || current.protocol === "https:" && next.protocol !== "https:") {
    throw new UserError(
      `${redactUrl(original)} redirected from ${current.protocol} to ${redactUrl(next.href)}; refused (a download may only be redirected to https, or from http to http)`
    );
  }
  next.username = "";
  next.password = "";
  return next;
}
__name(nextHop, "nextHop");
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
  let htmlPages = 0;
  try {
    return await retry(
      async (_attempt, signal) => {
        await rm(part, { force: true });
        const result = await fetchToFile(options.url, part, {
          signal,
          idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUTS.idleTimeoutMs
        });
        const page = await htmlInstead(result, part, options.expectedSha256);
        if (page === void 0) return result;
        if (++htmlPages === 1) throw new TransientError(`${page} instead of the file`);
        throw new UserError(
          `could not download ${options.what} from ${redactUrl(options.url)}: the server sent ${page} instead of the file, twice: a login page, a captive portal or a proxy's error page; check that the runner can reach ${options.urlKnob} without signing in`
        );
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
    throw new DownloadError(
      options.what,
      redactUrl(options.url),
      error,
      options.urlKnob,
      hasCredentials(options.url)
    );
  }
}
__name(retryDownload, "retryDownload");
async function htmlInstead(result, file, expectedSha256) {
  if (expectedSha256 !== void 0 && result.sha256 === expectedSha256) return void 0;
  const saysHtml = /^\s*text\/html\b/i.test(result.contentType ?? "");
  const looksHtml = await sniffFormat(file).catch(() => "other") === "html";
  if (looksHtml || saysHtml && expectedSha256 !== void 0)
    return saysHtml ? "an HTML page (text/html)" : "an HTML page";
  return void 0;
}
__name(htmlInstead, "htmlInstead");
var DownloadError = class extends UserError {
  static {
    __name(this, "DownloadError");
  }
  constructor(what, url, cause, urlKnob, withCredentials = false) {
    const status = cause instanceof HttpError ? cause.status : void 0;
    const hint = status === 401 && withCredentials ? `the mirror refused the credentials in ${urlKnob}; check the user and token there (a secret) and that they may read this file` : status === 401 ? `the mirror asks for credentials: put them in ${urlKnob} as https://<user>:<token>@host/..., from a secret` : status === 404 || status === 403 ? `check that the version exists and that ${urlKnob} points at a folder holding this file` : `the server or the network kept failing; retry the job, raise retries, or point ${urlKnob} at a mirror`;
    super(`could not download ${what} from ${url}: ${redactUrlsIn(errorMessage(cause))}; ${hint}`);
  }
};

export {
  DiskError,
  diskErrorFor,
  AttemptTimeoutError,
  retry,
  isInside,
  ARCHIVE_FORMATS,
  archiveFormatOf,
  sniffFormat,
  extractArchive,
  describeSniffed,
  downloadTimeouts,
  downloadVerified
};
