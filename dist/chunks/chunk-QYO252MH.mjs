import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  archiveFormatOf,
  describeSniffed,
  diskErrorFor,
  downloadTimeouts,
  downloadVerified,
  extractArchive,
  isInside,
  sniffFormat
} from "./chunk-OOUI75JC.mjs";
import {
  cacheKey,
  readTarMembers,
  restoreEntry,
  saveEntry
} from "./chunk-7JFR4UVO.mjs";
import {
  pinnedSha256
} from "./chunk-HN5E6H3Y.mjs";
import {
  assertDownloadScheme,
  redactUrl,
  siblingUrl
} from "./chunk-22DZBOGL.mjs";
import {
  PhaseTimer,
  UserError,
  telemetry
} from "./chunk-PYQVS2IG.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/install.ts
import { createHash as createHash3 } from "node:crypto";
import { chmod, copyFile, mkdir as mkdir2, mkdtemp, readFile as readFile2, realpath, rm as rm2, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import { existsSync as existsSync3 } from "node:fs";
import path3 from "node:path";

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

// packages/download/src/tool-cache.ts
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
function entrySlot(platform, ...qualifiers) {
  const libc = platform.os === "linux" ? [platform.libc === "musl" ? "musl" : "glibc"] : [];
  return [platform.arch, platform.os, ...libc, ...qualifiers].map((part) => part.replace(/[^A-Za-z0-9._]+/g, "_")).join("-");
}
__name(entrySlot, "entrySlot");
function toolCacheDir(root, entry) {
  return path.join(root, entry.tool, entry.version, entry.slot);
}
__name(toolCacheDir, "toolCacheDir");
function findInToolCache(root, entry) {
  const dir = toolCacheDir(root, entry);
  return existsSync(`${dir}.complete`) && existsSync(dir) ? dir : void 0;
}
__name(findInToolCache, "findInToolCache");
async function installIntoToolCache(root, entry, populate, accept = async () => true) {
  const dir = toolCacheDir(root, entry);
  const parent = path.dirname(dir);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw await diskErrorFor(error, root, "RUNNER_TOOL_CACHE");
  }
  await removeStaleStaging(parent, entry.slot);
  const staging = path.join(parent, `.${entry.slot}.staging-${randomBytes(4).toString("hex")}`);
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
  const trash = path.join(path.dirname(dir), `.${slot}.trash-${randomBytes(4).toString("hex")}`);
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
  for (let current = dir; current.startsWith(root) && current !== root; current = path.dirname(current)) {
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
  for (const name of await readdir(parent)) {
    if (!prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const full = path.join(parent, name);
    const info = await stat(full).catch(() => void 0);
    if (info && Date.now() - info.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true });
  }
}
__name(removeStaleStaging, "removeStaleStaging");

// packages/tools/src/entry-check.ts
import { execFile } from "node:child_process";
import { createHash as createHash2 } from "node:crypto";
import { existsSync as existsSync2 } from "node:fs";
import { lstat, readdir as readdir2, readFile, readlink } from "node:fs/promises";
import path2 from "node:path";
import { promisify } from "node:util";
var RECORD = ".ci-kit-install.json";
var KEPT_DIR = ".ci-kit";
function keptArchive(dir, plan) {
  return path2.join(dir, KEPT_DIR, plan.fileName);
}
__name(keptArchive, "keptArchive");
async function readRecord(dir) {
  try {
    return JSON.parse(await readFile(path2.join(dir, RECORD), "utf8"));
  } catch {
    return void 0;
  }
}
__name(readRecord, "readRecord");
var describe = /* @__PURE__ */ __name((kind) => kind === "symlink" ? "a symbolic link" : kind === "dir" ? "a folder" : `a ${kind}`, "describe");
async function checkEntry(plan, dir, sha256) {
  const binPath = path2.join(dir, plan.binDir);
  const missing = plan.binaries.find((binary) => !existsSync2(path2.join(binPath, binary)));
  if (missing) return { kind: "stale", text: `has no ${path2.posix.join(plan.binDir, missing)}` };
  const record = await readRecord(dir);
  if (record?.sha256 && record.sha256 !== sha256)
    return { kind: "stale", text: `holds sha256 ${record.sha256}, not ${sha256}` };
  if (plan.format === "binary") {
    const [binary] = plan.binaries;
    const file = path2.join(binPath, binary);
    const kind = await kindOnDisk(file);
    if (kind !== "file")
      return {
        kind: "tampered",
        text: `${path2.posix.join(plan.binDir, binary)} is ${describe(kind)}, the pin is a file`
      };
    if (((await lstat(file)).mode & 3072) !== 0)
      return { kind: "tampered", text: `${path2.posix.join(plan.binDir, binary)} is setuid or setgid` };
    const actual = await sha256File(file);
    return actual === sha256 ? void 0 : {
      kind: "tampered",
      text: `${path2.posix.join(plan.binDir, binary)} has sha256 ${actual}, the pin is ${sha256}`
    };
  }
  const kept = keptArchive(dir, plan);
  if (await kindOnDisk(kept) !== "file")
    return {
      kind: "tampered",
      text: "holds no verified archive to check it against (planted, or made by a ci-kit before 2026-12)"
    };
  const keptSha = await sha256File(kept);
  if (keptSha !== sha256)
    return { kind: "tampered", text: `its kept archive has sha256 ${keptSha}, the pin is ${sha256}` };
  const differs = plan.format === "zip" ? await zipBinariesDiffer(plan, dir, kept) : await treeDiffers(dir, kept);
  return differs ? { kind: "tampered", text: differs } : void 0;
}
__name(checkEntry, "checkEntry");
async function kindOnDisk(file) {
  const stats = await lstat(file).catch(() => void 0);
  if (!stats) return "nothing";
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isDirectory()) return "dir";
  if (stats.isFile()) return "file";
  return "special file";
}
__name(kindOnDisk, "kindOnDisk");
function expectedTree(members) {
  const clean = /* @__PURE__ */ __name((name) => name.replace(/^\/+/, "").split("/").filter((part) => part !== "" && part !== ".").join("/"), "clean");
  const tree = /* @__PURE__ */ new Map();
  const byName = new Map(members.map((member) => [clean(member.name), member]));
  for (const member of members) {
    const name = clean(member.name);
    if (name === "" || name.split("/").includes("..")) continue;
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (!tree.has(parent)) tree.set(parent, { type: "dir" });
    }
    if (member.type === "file") tree.set(name, { type: "file", sha256: member.sha256 });
    else if (member.type === "dir") tree.set(name, { type: "dir" });
    else if (member.type === "symlink") tree.set(name, { type: "symlink", linkname: member.linkname });
    else if (member.type === "hardlink") {
      const target = byName.get(clean(member.linkname));
      tree.set(name, { type: "file", sha256: target?.sha256 ?? "" });
    }
  }
  return tree;
}
__name(expectedTree, "expectedTree");
async function treeDiffers(dir, kept) {
  const entries = await readdir2(dir, { recursive: true, withFileTypes: true });
  const hashes = /* @__PURE__ */ new Map();
  let chain = Promise.resolve();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parent = entry.parentPath ?? entry.path;
    const full = path2.join(parent, entry.name);
    const next = chain.then(() => sha256File(full));
    next.catch(() => void 0);
    hashes.set(full, next);
    chain = next.catch(() => void 0);
  }
  const tree = expectedTree(await readTarMembers(kept, { hash: true }));
  const seen = /* @__PURE__ */ new Set();
  const found = entries.map((entry) => {
    const parent = entry.parentPath ?? entry.path;
    return { entry, rel: path2.relative(dir, path2.join(parent, entry.name)).split(path2.sep).join("/") };
  }).filter(({ rel }) => rel !== RECORD && rel !== KEPT_DIR && !rel.startsWith(`${KEPT_DIR}/`)).sort((a, b) => Number(!tree.has(a.rel)) - Number(!tree.has(b.rel)) || a.rel.localeCompare(b.rel));
  for (const { entry, rel } of found) {
    const want = tree.get(rel);
    if (!want) return `holds ${rel}, which the pinned archive does not`;
    seen.add(rel);
    const kind = entry.isSymbolicLink() ? "symlink" : entry.isDirectory() ? "dir" : entry.isFile() ? "file" : "special file";
    if (kind !== want.type)
      return `${rel} is ${describe(kind)}, the pinned archive holds ${describe(want.type)}`;
    const full = path2.join(dir, rel);
    if (kind === "file") {
      if (((await lstat(full)).mode & 3072) !== 0) return `${rel} is setuid or setgid`;
      const actual = await (hashes.get(full) ?? sha256File(full));
      if (actual !== want.sha256)
        return `${rel} has sha256 ${actual}, the pinned archive holds ${want.sha256}`;
    } else if (kind === "symlink") {
      const target = await readlink(full);
      if (target !== want.linkname)
        return `${rel} links to ${target}, the pinned archive to ${want.linkname}`;
    }
  }
  for (const rel of tree.keys()) if (!seen.has(rel)) return `has no ${rel}, which the pinned archive holds`;
  return void 0;
}
__name(treeDiffers, "treeDiffers");
var run = promisify(execFile);
async function zipBinariesDiffer(plan, dir, kept) {
  for (const binary of plan.binaries) {
    const rel = path2.posix.join(plan.binDir, binary);
    const file = path2.join(dir, plan.binDir, binary);
    const kind = await kindOnDisk(file);
    if (kind !== "file") return `${rel} is ${describe(kind)}, the pinned archive holds a file`;
    const { stdout } = await run("unzip", ["-p", kept, rel], {
      encoding: "buffer",
      maxBuffer: 1024 * 1024 * 1024
    });
    const want = createHash2("sha256").update(stdout).digest("hex");
    const actual = await sha256File(file);
    if (actual !== want) return `${rel} has sha256 ${actual}, the pinned archive holds ${want}`;
  }
  return void 0;
}
__name(zipBinariesDiffer, "zipBinariesDiffer");

// packages/tools/src/install.ts
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
  const expected = await timer.time("checksum", () => inTemp(options, () => expectedDigest(options)));
  const cached = await timer.time("tool cache", () => fromToolCache(options, entry, expected.sha256));
  if (cached) {
    log.info(`${plan.tool} ${plan.version} found in the tool cache: ${cached.binPath}`);
    return {
      binPath: cached.binPath,
      sha256: expected.sha256,
      sha256Source: expected.source,
      source: "tool-cache",
      downloadAttempts: 0,
      timer
    };
  }
  const work = await mkdtemp(path3.join(options.tempDir, `ci-kit-${plan.tool}-`)).catch(async (error) => {
    throw await diskErrorFor(error, options.tempDir, "RUNNER_TEMP");
  });
  try {
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
      expected.sha256 || `unverified-${createHash3("sha256").update(redactUrl(plan.url)).digest("hex").slice(0, 16)}`
    );
    const archive = path3.join(work, "payload", plan.fileName);
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
      await rm2(path3.dirname(archive), { recursive: true, force: true });
      await mkdir2(path3.dirname(archive), { recursive: true });
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
    } else if (options.remoteCache && source === "download" && options.saveBlocked) {
      log.info(`remote cache save skipped: ${options.saveBlocked}`);
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
async function fromToolCache(options, entry, sha256) {
  const dir = findInToolCache(options.toolCacheRoot, entry);
  if (!dir) return void 0;
  if (!sha256) {
    options.log.info(
      `tool cache entry ${dir} not taken from the tool cache: nothing pins its sha256 (verify: false), so nothing can tell it from a planted one; reinstalling`
    );
    return void 0;
  }
  const verdict = await checkEntry(options.plan, dir, sha256);
  if (verdict?.kind === "stale") {
    options.log.info(`tool cache entry ${dir} ${verdict.text}: reinstalling (the entry is replaced)`);
    return void 0;
  }
  if (verdict) {
    options.log.warning(
      `tool cache entry ${dir} is not the pinned ${options.plan.tool} ${options.plan.version}: ${verdict.text}; not used, replaced by a fresh verified install`
    );
    return void 0;
  }
  return { binPath: path3.join(dir, options.plan.binDir) };
}
__name(fromToolCache, "fromToolCache");
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
  const dir = await mkdtemp(path3.join(options.tempDir, "ci-kit-checksum-"));
  try {
    const file = path3.join(dir, "checksum");
    await downloadVerified({
      url,
      dest: file,
      what: checksumFileName,
      attempts: options.attempts,
      log: options.log,
      urlKnob: options.plan.urlKnob,
      ...options.timeouts
    });
    const digest = parseChecksumFile(await readFile2(file, "utf8"), options.plan.fileName);
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
  if (!existsSync3(archive)) {
    log.warning(`remote cache entry holds no ${path3.basename(archive)}; downloading instead`);
    return false;
  }
  if (!expected) return true;
  const actual = await sha256File(archive);
  if (actual === expected) return true;
  log.warning(
    `remote cache entry for ${path3.basename(archive)} has sha256 ${actual}, expected ${expected}; downloading instead`
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
      if (plan.format !== "binary") {
        await mkdir2(path3.join(staging, KEPT_DIR));
        await copyFile(archive, keptArchive(staging, plan));
      }
      await writeFile2(
        path3.join(staging, RECORD),
        JSON.stringify({ sha256, url: redactUrl(plan.url), fileName: plan.fileName })
      );
    },
    // Another job may have placed the same tool meanwhile (kept), or a stale entry is there (replaced).
    async (placed) => Boolean(sha256) && await checkEntry(plan, placed, sha256) === void 0
  );
  return path3.join(dir, plan.binDir);
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
  await mkdir2(path3.join(staging, plan.binDir), { recursive: true });
  await copyFile(file, path3.join(staging, plan.binDir, binary));
}
__name(placeBareBinary, "placeBareBinary");
async function makeExecutable(plan, staging, binary) {
  const file = path3.join(staging, plan.binDir, binary);
  if (!existsSync3(file)) {
    throw new UserError(
      `${plan.fileName} does not contain ${path3.posix.join(plan.binDir, binary)}; check the archive layout of ${redactUrl(plan.url)} (archive-path/binary inputs for custom tools)`
    );
  }
  const real = await realpath(file);
  if (!isInside(await realpath(staging), real) || !(await stat2(real)).isFile()) {
    throw new UserError(
      `${path3.posix.join(plan.binDir, binary)} in ${plan.fileName} is not a file inside the archive; refused`
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
        `${input}: unknown placeholder ${whole} in '${redactUrl(template)}'; use {version}, {os}, {arch} or {file}`
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
  entrySlot,
  findInToolCache,
  installIntoToolCache,
  installTool,
  renderUrlTemplate,
  validateUrlTemplate,
  planPinnedTool
};
