import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  diskErrorFor,
  downloadTimeouts,
  downloadVerified
} from "./chunk-FNWWGSQW.mjs";
import {
  cacheKey,
  execRunner,
  restoreEntry,
  saveEntry
} from "./chunk-NK2DXZIW.mjs";
import {
  pinnedSha256
} from "./chunk-25RTBLRE.mjs";
import {
  assertDownloadScheme,
  redactUrl,
  siblingUrl
} from "./chunk-W565FIO6.mjs";
import {
  PhaseTimer,
  UserError,
  telemetry
} from "./chunk-D754KW5M.mjs";
import {
  require_semver
} from "./chunk-BKXCGHDO.mjs";
import {
  __name,
  __toESM,
  debug,
  exec,
  isDebug,
  mkdirP,
  which
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/install.ts
import { createHash as createHash2 } from "node:crypto";
import { chmod, copyFile, mkdir as mkdir2, mkdtemp, readFile, realpath, rm as rm2, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import { existsSync as existsSync2 } from "node:fs";
import path4 from "node:path";

// packages/download/src/checksum.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
var HEX64 = /^[0-9a-f]{64}$/;
function isSha256(value) {
  return HEX64.test(value);
}
__name(isSha256, "isSha256");
function parseChecksumFile(text, fileName) {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  const only = lines.length === 1 ? lines[0] : void 0;
  if (only !== void 0 && isSha256(only.toLowerCase())) return only.toLowerCase();
  for (const line of lines) {
    const match = /^([0-9a-fA-F]{64})\s+[*]?(.+)$/.exec(line);
    if (!match) continue;
    const [, digest, name] = match;
    if (name === fileName || name.split("/").pop() === fileName) return digest.toLowerCase();
  }
  return void 0;
}
__name(parseChecksumFile, "parseChecksumFile");
async function sha256File(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}
__name(sha256File, "sha256File");

// packages/download/src/extract.ts
import { open } from "node:fs/promises";

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as crypto from "crypto";

// node_modules/@actions/tool-cache/lib/manifest.js
var semver = __toESM(require_semver(), 1);

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as path from "path";
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
      dest = path.join(_getTempDirectory(), crypto.randomUUID());
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

// packages/download/src/links.ts
import { readdir, readlink } from "node:fs/promises";
import path2 from "node:path";
function isInside(root, target) {
  const relative = path2.relative(root, target);
  return relative === "" || !relative.startsWith("..") && !path2.isAbsolute(relative);
}
__name(isInside, "isInside");
async function assertNoEscapingLinks(root, what) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const parent = entry.parentPath ?? entry.path;
    const link = path2.join(parent, entry.name);
    const target = path2.resolve(parent, await readlink(link));
    if (!isInside(root, target)) {
      throw new UserError(
        `${what} holds a symbolic link that points outside the archive (${path2.relative(root, link)} -> ${await readlink(link)}); refused: nothing from it was installed`
      );
    }
  }
}
__name(assertNoEscapingLinks, "assertNoEscapingLinks");

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

// packages/download/src/tool-cache.ts
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir as readdir2, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path3 from "node:path";
function entrySlot(platform, ...qualifiers) {
  const libc = platform.os === "linux" ? [platform.libc === "musl" ? "musl" : "glibc"] : [];
  return [platform.arch, platform.os, ...libc, ...qualifiers].map((part) => part.replace(/[^A-Za-z0-9._]+/g, "_")).join("-");
}
__name(entrySlot, "entrySlot");
function toolCacheDir(root, entry) {
  return path3.join(root, entry.tool, entry.version, entry.slot);
}
__name(toolCacheDir, "toolCacheDir");
function findInToolCache(root, entry) {
  const dir = toolCacheDir(root, entry);
  return existsSync(`${dir}.complete`) && existsSync(dir) ? dir : void 0;
}
__name(findInToolCache, "findInToolCache");
async function installIntoToolCache(root, entry, populate, accept = async () => true) {
  const dir = toolCacheDir(root, entry);
  const parent = path3.dirname(dir);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw await diskErrorFor(error, root, "RUNNER_TOOL_CACHE");
  }
  await removeStaleStaging(parent, entry.slot);
  const staging = path3.join(parent, `.${entry.slot}.staging-${randomBytes(4).toString("hex")}`);
  let done = false;
  try {
    await mkdir(staging);
    await populate(staging);
    await placeEntry(root, entry, staging, accept);
    done = true;
    return dir;
  } catch (error) {
    throw await diskErrorFor(error, root, "RUNNER_TOOL_CACHE");
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!done) await removeEmptyParents(parent, root);
  }
}
__name(installIntoToolCache, "installIntoToolCache");
var PLACE_ATTEMPTS = 5;
async function placeEntry(root, entry, staging, accept) {
  const dir = toolCacheDir(root, entry);
  const acceptedInPlace = /* @__PURE__ */ __name(async () => findInToolCache(root, entry) !== void 0 && await accept(dir), "acceptedInPlace");
  for (let attempt = 1; ; attempt++) {
    if (await acceptedInPlace()) return;
    await rm(`${dir}.complete`, { force: true });
    await moveAside(dir, entry.slot);
    try {
      await rename(staging, dir);
      await writeFile(`${dir}.complete`, "");
      return;
    } catch (error) {
      const code = error.code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST" || attempt >= PLACE_ATTEMPTS) throw error;
      if (await waitFor(acceptedInPlace, 2e3)) return;
    }
  }
}
__name(placeEntry, "placeEntry");
async function moveAside(dir, slot) {
  const trash = path3.join(path3.dirname(dir), `.${slot}.trash-${randomBytes(4).toString("hex")}`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}
__name(moveAside, "moveAside");
async function waitFor(condition, ms) {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}
__name(waitFor, "waitFor");
async function removeEmptyParents(dir, root) {
  for (let current = dir; current.startsWith(root) && current !== root; current = path3.dirname(current)) {
    const removed = await rmdir(current).then(
      () => true,
      () => false
    );
    if (!removed) return;
  }
}
__name(removeEmptyParents, "removeEmptyParents");
async function removeStaleStaging(parent, slot, maxAgeMs = 60 * 6e4) {
  const prefixes = [`.${slot}.staging-`, `.${slot}.trash-`];
  for (const name of await readdir2(parent)) {
    if (!prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const full = path3.join(parent, name);
    const info2 = await stat(full).catch(() => void 0);
    if (info2 && Date.now() - info2.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true });
  }
}
__name(removeStaleStaging, "removeStaleStaging");

// packages/tools/src/install.ts
var RECORD = ".ci-kit-install.json";
async function installTool(given) {
  const timer = new PhaseTimer();
  try {
    return await install(given, timer);
  } finally {
    for (const { name, ms } of timer.phases) telemetry.phase(`${given.plan.tool} ${name}`, ms);
  }
}
__name(installTool, "installTool");
async function install(given, timer) {
  const timeouts = downloadTimeouts();
  const options = { ...given, timeouts };
  const { plan, log } = options;
  const entry = {
    tool: plan.tool,
    version: plan.version,
    slot: entrySlot(plan.platform, ...plan.slotQualifiers ?? [])
  };
  const cached = await timer.time("tool cache", () => fromToolCache(options, entry));
  if (cached) {
    log.info(`${plan.tool} ${plan.version} found in the tool cache: ${cached.binPath}`);
    return { ...cached, source: "tool-cache", downloadAttempts: 0, timer };
  }
  const work = await mkdtemp(path4.join(options.tempDir, `ci-kit-${plan.tool}-`)).catch(async (error) => {
    throw await diskErrorFor(error, options.tempDir, "RUNNER_TEMP");
  });
  try {
    const expected = await timer.time("checksum", () => inTemp(options, () => expectedDigest(options)));
    if (expected.source === "checksum-file" || expected.source === "none") warnAboutPlainHttp(options);
    const key = cacheKey(
      "ci-kit-tool",
      plan.tool,
      plan.version,
      plan.platform.os,
      plan.platform.arch,
      // The digest makes the key name the bytes. Without one (verify: false) the URL has to: two tools
      // whose names and versions join to the same words (x-1.0.0 at 2.0.0, x at 1.0.0-2.0.0), or one
      // tool from two mirrors, must never restore each other's unverified archive.
      expected.sha256 || `unverified-${createHash2("sha256").update(redactUrl(plan.url)).digest("hex").slice(0, 16)}`
    );
    const archive = path4.join(work, "payload", plan.fileName);
    const call = { service: options.cacheService, log, root: work };
    let remoteRestore;
    let serviceDown = false;
    let source = "download";
    let downloadAttempts = 0;
    if (options.remoteCache) {
      const restored = await timer.time("remote cache restore", () => restoreEntry(call, key));
      remoteRestore = restored.status;
      serviceDown = restored.serviceDown ?? false;
      if (restored.status === "hit" && await restoredArchiveIsGood(archive, expected.sha256, log))
        source = "remote-cache";
    }
    if (source === "download") {
      await rm2(path4.dirname(archive), { recursive: true, force: true });
      await mkdir2(path4.dirname(archive), { recursive: true });
      log.info(`downloading ${redactUrl(plan.url)}`);
      const result = await timer.time(
        "download",
        () => inTemp(
          options,
          () => downloadVerified({
            url: plan.url,
            dest: archive,
            expectedSha256: expected.sha256 || void 0,
            what: plan.fileName,
            attempts: options.attempts,
            log,
            urlKnob: plan.urlKnob,
            ...timeouts
          })
        )
      );
      downloadAttempts = result.attempts;
      if (!expected.sha256)
        log.warning(`${plan.fileName} was not verified (verify: false); its sha256 is ${result.sha256}`);
      expected.sha256 ||= result.sha256;
    }
    const binPath = await timer.time(
      "extract",
      () => installFromArchive(options, entry, archive, expected.sha256)
    );
    let remoteSave;
    if (options.remoteCache && source === "download" && serviceDown) {
      log.info(
        "remote cache save skipped: the cache service did not answer the lookup (see the warning above)"
      );
      remoteSave = "failed";
    } else if (options.remoteCache && source === "download") {
      remoteSave = (await timer.time("remote cache save", () => saveEntry(call, key))).status;
    }
    return {
      binPath,
      sha256: expected.sha256,
      sha256Source: expected.source,
      source,
      downloadAttempts,
      timer,
      ...remoteRestore ? { remoteRestore } : {},
      ...remoteSave ? { remoteSave } : {}
    };
  } finally {
    await rm2(work, { recursive: true, force: true });
  }
}
__name(install, "install");
function warnAboutPlainHttp({ plan, log }) {
  if (!/^http:/i.test(plan.url)) return;
  log.warning(
    `${redactUrl(plan.url)} is plain http and nothing pins the sha256 of ${plan.fileName}: the archive and its checksum come over one unauthenticated channel, so anyone on the network path could replace both. Pin the digest (sha256 input) or serve ${plan.urlKnob} over https`
  );
}
__name(warnAboutPlainHttp, "warnAboutPlainHttp");
async function inTemp(options, fn) {
  try {
    return await fn();
  } catch (error) {
    throw await diskErrorFor(error, options.tempDir, "RUNNER_TEMP");
  }
}
__name(inTemp, "inTemp");
async function fromToolCache(options, entry) {
  const dir = findInToolCache(options.toolCacheRoot, entry);
  if (!dir) return void 0;
  const problem = await entryProblem(options.plan, dir, options.plan.sha256);
  if (problem) {
    options.log.info(`tool cache entry ${dir} ${problem}: reinstalling (the entry is replaced)`);
    return void 0;
  }
  const record = await readRecord(dir);
  return {
    binPath: path4.join(dir, options.plan.binDir),
    sha256: record?.sha256 ?? "",
    sha256Source: "recorded"
  };
}
__name(fromToolCache, "fromToolCache");
async function entryProblem(plan, dir, sha256) {
  const binPath = path4.join(dir, plan.binDir);
  const missing = plan.binaries.find((binary) => !existsSync2(path4.join(binPath, binary)));
  if (missing) return `has no ${path4.posix.join(plan.binDir, missing)}`;
  const record = await readRecord(dir);
  if (sha256 && record?.sha256 && record.sha256 !== sha256)
    return `holds sha256 ${record.sha256}, not ${sha256}`;
  return void 0;
}
__name(entryProblem, "entryProblem");
async function readRecord(dir) {
  try {
    return JSON.parse(await readFile(path4.join(dir, RECORD), "utf8"));
  } catch {
    return void 0;
  }
}
__name(readRecord, "readRecord");
async function expectedDigest(options) {
  const { plan } = options;
  if (plan.sha256) return { sha256: plan.sha256, source: plan.sha256Source ?? "input" };
  if (plan.checksumFileName) {
    const checksumUrl = plan.checksumUrl ?? siblingUrl(plan.url, plan.checksumFileName);
    const digest = await fetchPublishedDigest(options, checksumUrl, plan.checksumFileName);
    if (digest) return { sha256: digest, source: "checksum-file" };
  }
  if (!options.verify) return { sha256: "", source: "none" };
  throw new UserError(
    `no checksum for ${plan.fileName}: pass its sha256 in the 'sha256' input, or set 'verify: false' to install it unverified`
  );
}
__name(expectedDigest, "expectedDigest");
async function fetchPublishedDigest(options, url, checksumFileName) {
  const dir = await mkdtemp(path4.join(options.tempDir, "ci-kit-checksum-"));
  try {
    const file = path4.join(dir, "checksum");
    await downloadVerified({
      url,
      dest: file,
      what: checksumFileName,
      attempts: options.attempts,
      log: options.log,
      urlKnob: options.plan.urlKnob,
      ...options.timeouts
    });
    const digest = parseChecksumFile(await readFile(file, "utf8"), options.plan.fileName);
    if (!digest) {
      throw new UserError(`${redactUrl(url)} lists no sha256 for ${options.plan.fileName}`);
    }
    options.log.info(`sha256 of ${options.plan.fileName} from ${redactUrl(url)}: ${digest}`);
    return digest;
  } catch (error) {
    if (!options.verify) {
      options.log.warning(
        `no checksum file at ${redactUrl(url)} (${error.message}); verify is false`
      );
      return void 0;
    }
    throw error;
  } finally {
    await rm2(dir, { recursive: true, force: true });
  }
}
__name(fetchPublishedDigest, "fetchPublishedDigest");
async function restoredArchiveIsGood(archive, expected, log) {
  if (!existsSync2(archive)) {
    log.warning(`remote cache entry holds no ${path4.basename(archive)}; downloading instead`);
    return false;
  }
  if (!expected) return true;
  const actual = await sha256File(archive);
  if (actual === expected) return true;
  log.warning(
    `remote cache entry for ${path4.basename(archive)} has sha256 ${actual}, expected ${expected}; downloading instead`
  );
  return false;
}
__name(restoredArchiveIsGood, "restoredArchiveIsGood");
async function installFromArchive(options, entry, archive, sha256) {
  const { plan } = options;
  const dir = await installIntoToolCache(
    options.toolCacheRoot,
    entry,
    async (staging) => {
      if (plan.format === "binary") await placeBareBinary(plan, archive, staging);
      else await extractArchive(archive, plan.format, staging, plan.fileName);
      for (const binary of plan.binaries) await makeExecutable(plan, staging, binary);
      await writeFile2(
        path4.join(staging, RECORD),
        JSON.stringify({ sha256, url: redactUrl(plan.url), fileName: plan.fileName })
      );
    },
    // Another job may have placed the same tool meanwhile (kept), or a stale entry is there (replaced).
    async (placed) => await entryProblem(plan, placed, sha256) === void 0
  );
  return path4.join(dir, plan.binDir);
}
__name(installFromArchive, "installFromArchive");
async function placeBareBinary(plan, file, staging) {
  const found = await sniffFormat(file);
  if (found !== "other") {
    throw new UserError(
      `${plan.fileName} was declared a bare binary but starts like ${describeSniffed(found)}; set archive-format to its format, or check ${plan.urlKnob}`
    );
  }
  const [binary] = plan.binaries;
  await mkdir2(path4.join(staging, plan.binDir), { recursive: true });
  await copyFile(file, path4.join(staging, plan.binDir, binary));
}
__name(placeBareBinary, "placeBareBinary");
async function makeExecutable(plan, staging, binary) {
  const file = path4.join(staging, plan.binDir, binary);
  if (!existsSync2(file)) {
    throw new UserError(
      `${plan.fileName} does not contain ${path4.posix.join(plan.binDir, binary)}; check the archive layout of ${redactUrl(plan.url)} (archive-path/binary inputs for custom tools)`
    );
  }
  const real = await realpath(file);
  if (!isInside(await realpath(staging), real) || !(await stat2(real)).isFile()) {
    throw new UserError(
      `${path4.posix.join(plan.binDir, binary)} in ${plan.fileName} is not a file inside the archive; refused`
    );
  }
  await chmod(real, 493);
}
__name(makeExecutable, "makeExecutable");

// packages/tools/src/definitions.ts
var exe = /* @__PURE__ */ __name((platform, name) => platform.os === "windows" ? `${name}.exe` : name, "exe");
var goArch = /* @__PURE__ */ __name((platform) => platform.arch === "x64" ? "amd64" : "arm64", "goArch");
var goArchive = /* @__PURE__ */ __name((platform) => platform.os === "windows" ? "zip" : "tar.gz", "goArchive");
var helm = {
  name: "helm",
  // Binaries are only on get.helm.sh; GitHub releases carry signatures.
  upstreamUrl: "https://get.helm.sh/{file}",
  fileName: /* @__PURE__ */ __name((version, p) => `helm-v${version}-${p.os}-${goArch(p)}.${goArchive(p)}`, "fileName"),
  binDir: /* @__PURE__ */ __name((_version, p) => `${p.os}-${goArch(p)}`, "binDir"),
  binaries: /* @__PURE__ */ __name((p) => [exe(p, "helm")], "binaries"),
  checksumFile: /* @__PURE__ */ __name((fileName) => `${fileName}.sha256sum`, "checksumFile"),
  osWord: /* @__PURE__ */ __name((p) => p.os, "osWord"),
  archWord: goArch,
  versionArgs: ["version", "--short"]
};
var kubeconform = {
  name: "kubeconform",
  upstreamUrl: "https://github.com/yannh/kubeconform/releases/download/v{version}/{file}",
  fileName: /* @__PURE__ */ __name((_version, p) => `kubeconform-${p.os}-${goArch(p)}.${goArchive(p)}`, "fileName"),
  binDir: /* @__PURE__ */ __name(() => "", "binDir"),
  binaries: /* @__PURE__ */ __name((p) => [exe(p, "kubeconform")], "binaries"),
  checksumFile: /* @__PURE__ */ __name(() => "CHECKSUMS", "checksumFile"),
  osWord: /* @__PURE__ */ __name((p) => p.os, "osWord"),
  archWord: goArch,
  versionArgs: ["-v"]
};
function uvTriple(p) {
  const cpu = p.arch === "x64" ? "x86_64" : "aarch64";
  if (p.os === "darwin") return `${cpu}-apple-darwin`;
  if (p.os === "windows") return `${cpu}-pc-windows-msvc`;
  return `${cpu}-unknown-linux-${p.libc}`;
}
__name(uvTriple, "uvTriple");
var uv = {
  name: "uv",
  upstreamUrl: "https://github.com/astral-sh/uv/releases/download/{version}/{file}",
  fileName: /* @__PURE__ */ __name((_version, p) => `uv-${uvTriple(p)}.${p.os === "windows" ? "zip" : "tar.gz"}`, "fileName"),
  // The Windows zip has no top folder.
  binDir: /* @__PURE__ */ __name((_version, p) => p.os === "windows" ? "" : `uv-${uvTriple(p)}`, "binDir"),
  binaries: /* @__PURE__ */ __name((p) => [exe(p, "uv"), exe(p, "uvx")], "binaries"),
  checksumFile: /* @__PURE__ */ __name((fileName) => `${fileName}.sha256`, "checksumFile"),
  osWord: /* @__PURE__ */ __name((p) => p.os, "osWord"),
  archWord: /* @__PURE__ */ __name((p) => p.arch === "x64" ? "x86_64" : "aarch64", "archWord"),
  versionArgs: ["--version"]
};
var TOOL_DEFINITIONS = {
  helm,
  kubeconform,
  uv
};

// packages/tools/src/template.ts
var PLACEHOLDER = /\{([a-z]+)\}/g;
function renderUrlTemplate(template, values, input) {
  return template.replace(PLACEHOLDER, (whole, name) => {
    if (!(name in values)) {
      throw new UserError(
        `${input}: unknown placeholder ${whole} in '${template}'; use {version}, {os}, {arch} or {file}`
      );
    }
    return encodeURIComponent(values[name]);
  });
}
__name(renderUrlTemplate, "renderUrlTemplate");
function validateUrlTemplate(template, input) {
  renderUrlTemplate(template, { version: "x", os: "x", arch: "x", file: "x" }, input);
  assertDownloadScheme(template.replace(PLACEHOLDER, "x"), input);
}
__name(validateUrlTemplate, "validateUrlTemplate");

// packages/tools/src/plan.ts
function planFromDefinition(definition, options) {
  const { version, platform } = options;
  const fileName = definition.fileName(version, platform);
  const values = {
    version,
    file: fileName,
    os: definition.osWord(platform),
    arch: definition.archWord(platform)
  };
  const url = renderUrlTemplate(
    options.downloadUrl || definition.upstreamUrl,
    values,
    options.downloadUrlInput
  );
  const checksumFileName = definition.checksumFile(fileName);
  const format = archiveFormatOf(fileName);
  if (!format) throw new Error(`${definition.name}: no archive format for ${fileName}`);
  return {
    tool: definition.name,
    version,
    platform,
    fileName,
    url,
    urlKnob: options.downloadUrlInput,
    format,
    binDir: definition.binDir(version, platform),
    binaries: definition.binaries(platform),
    checksumFileName,
    ...options.sha256 ? { sha256: options.sha256, sha256Source: options.sha256Source } : {}
  };
}
__name(planFromDefinition, "planFromDefinition");
function planPinnedTool(tool, options) {
  const { sha256Input, ...rest } = options;
  const definition = TOOL_DEFINITIONS[tool];
  const pinned = sha256Input ?? pinnedSha256(tool, options.version, definition.fileName(options.version, options.platform));
  return planFromDefinition(definition, {
    ...rest,
    ...pinned ? { sha256: pinned, sha256Source: sha256Input ? "input" : "toolchain" } : {}
  });
}
__name(planPinnedTool, "planPinnedTool");

export {
  sha256File,
  ARCHIVE_FORMATS,
  archiveFormatOf,
  entrySlot,
  findInToolCache,
  installIntoToolCache,
  installTool,
  renderUrlTemplate,
  validateUrlTemplate,
  planPinnedTool
};
