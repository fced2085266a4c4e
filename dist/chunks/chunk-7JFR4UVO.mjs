import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  errorMessage,
  infoWithoutCommands,
  mayHoldWorkflowCommand,
  telemetry
} from "./chunk-PYQVS2IG.mjs";
import {
  __name,
  getExecOutput,
  which
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/process.ts
import { spawn } from "node:child_process";
var execRunner = /* @__PURE__ */ __name(async (command, args, options = {}) => {
  if (options.signal) return spawnAbortable(command, args, options, options.signal);
  const guarded = !options.silent && mayHoldWorkflowCommand(`${command} ${args.join(" ")}`);
  if (guarded)
    infoWithoutCommands(`[command]${command} ${args.join(" ")}`, (line) => process.stdout.write(`${line}
`));
  const result = await getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: (options.silent ?? false) || guarded,
    ...guarded ? {
      listeners: {
        stdout: /* @__PURE__ */ __name((data) => process.stdout.write(data), "stdout"),
        stderr: /* @__PURE__ */ __name((data) => process.stderr.write(data), "stderr")
      }
    } : {},
    ...options.cwd ? { cwd: options.cwd } : {},
    ...options.env ? { env: { ...process.env, ...options.env } } : {}
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}, "execRunner");
function spawnAbortable(command, args, options, signal) {
  return new Promise((resolve, reject) => {
    if (!options.silent)
      infoWithoutCommands(
        `[command]${command} ${args.join(" ")}`,
        (line) => process.stdout.write(`${line}
`)
      );
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk.toString("utf8");
      if (!options.silent) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString("utf8");
      if (!options.silent) process.stderr.write(chunk);
    });
    const kill = /* @__PURE__ */ __name(() => {
      try {
        if (child.pid !== void 0) process.kill(-child.pid, "SIGKILL");
      } catch {
      }
    }, "kill");
    signal.addEventListener("abort", kill, { once: true });
    child.once("error", (error) => {
      signal.removeEventListener("abort", kill);
      reject(error);
    });
    child.once("close", (code) => {
      signal.removeEventListener("abort", kill);
      resolve({ exitCode: signal.aborted ? 124 : code ?? 1, stdout, stderr });
    });
  });
}
__name(spawnAbortable, "spawnAbortable");
async function runChecked(runner, command, args, options) {
  const result = await runner(command, args, options);
  if (result.exitCode !== 0) {
    const tail2 = (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n");
    throw new CommandError(`${command} ${args.join(" ")}`, result.exitCode, tail2);
  }
  return result;
}
__name(runChecked, "runChecked");
var CommandError = class extends Error {
  constructor(command, exitCode, tail2) {
    super(`'${command}' exited with ${exitCode}${tail2 ? `: ${tail2}` : ""}`);
    this.command = command;
    this.exitCode = exitCode;
    this.tail = tail2;
  }
  command;
  exitCode;
  tail;
  static {
    __name(this, "CommandError");
  }
  name = "CommandError";
};

// packages/cache/src/probe.ts
import { request } from "node:http";
import { request as requestTls } from "node:https";
var PROBE_TIMEOUT_MS = 2e4;
function probeCacheService(env = process.env, timeoutMs = PROBE_TIMEOUT_MS) {
  const base = env.ACTIONS_CACHE_SERVICE_V2 ? "" : env.ACTIONS_CACHE_URL || "";
  if (!base) return Promise.resolve(void 0);
  const url = new URL(`_apis/artifactcache/cache?keys=ci-kit-probe&version=probe`, base);
  return new Promise((resolve) => {
    const send = url.protocol === "https:" ? requestTls : request;
    const req = send(
      url,
      {
        method: "GET",
        headers: {
          Accept: "application/json;api-version=6.0-preview.1",
          ...env.ACTIONS_RUNTIME_TOKEN ? { Authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` } : {}
        }
      },
      (res) => {
        res.resume();
        resolve(void 0);
      }
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve(`the cache service at ${url.host} did not answer within ${Math.round(timeoutMs / 1e3)} s`);
    }, timeoutMs);
    req.once("close", () => clearTimeout(timer));
    req.once("error", (error) => {
      clearTimeout(timer);
      resolve(`the cache service at ${url.host} cannot be reached (${error.code ?? error.message})`);
    });
    req.end();
  });
}
__name(probeCacheService, "probeCacheService");

// packages/cache/src/service.ts
function cacheServiceAvailable(env) {
  let host = "GITHUB.COM";
  try {
    host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname.trimEnd().toUpperCase();
  } catch {
    host = "";
  }
  const ghes = host !== "GITHUB.COM" && !host.endsWith(".GHE.COM") && !host.endsWith(".LOCALHOST");
  const v2 = !ghes && Boolean(env.ACTIONS_CACHE_SERVICE_V2);
  return v2 ? Boolean(env.ACTIONS_RESULTS_URL) : Boolean(env.ACTIONS_CACHE_URL);
}
__name(cacheServiceAvailable, "cacheServiceAvailable");
var toolkit = /* @__PURE__ */ __name(() => import("./cache-U5WU33LR.mjs"), "toolkit");
var toolkitCacheService = {
  available: /* @__PURE__ */ __name(() => cacheServiceAvailable(process.env), "available"),
  probe: /* @__PURE__ */ __name(() => probeCacheService(), "probe"),
  preload: /* @__PURE__ */ __name(() => void toolkit().catch(() => void 0), "preload"),
  restore: /* @__PURE__ */ __name(async (paths, primaryKey, restoreKeys) => (await toolkit()).restoreCache(paths, primaryKey, restoreKeys), "restore"),
  save: /* @__PURE__ */ __name(async (paths, key) => (await toolkit()).saveCache(paths, key), "save")
};

// packages/cache/src/keys.ts
function cacheKey(...parts2) {
  const key = parts2.filter((part) => part !== "").map((part) => part.replace(/[^A-Za-z0-9._+-]/g, "_")).join("-").toLowerCase();
  if (key.length > 512) throw new Error(`cache key longer than 512 characters: ${key.slice(0, 80)}...`);
  return key;
}
__name(cacheKey, "cacheKey");
function sameKey(matched, primary) {
  return matched.toLowerCase() === primary.toLowerCase();
}
__name(sameKey, "sameKey");

// packages/cache/src/restore-save.ts
import { rm as rm3 } from "node:fs/promises";
import path4 from "node:path";

// packages/cache/src/stable-root.ts
import { mkdir } from "node:fs/promises";
import path from "node:path";
var PAYLOAD = "payload";
var TOOLKIT_TEMP = ".toolkit-temp";
async function withStableRoot(root, fn) {
  await mkdir(path.join(root, TOOLKIT_TEMP), { recursive: true });
  const saved = {
    cwd: process.cwd(),
    workspace: process.env.GITHUB_WORKSPACE,
    temp: process.env.RUNNER_TEMP
  };
  process.chdir(root);
  process.env.GITHUB_WORKSPACE = root;
  process.env.RUNNER_TEMP = path.join(root, TOOLKIT_TEMP);
  try {
    return await fn([PAYLOAD]);
  } finally {
    process.chdir(saved.cwd);
    restoreEnv("GITHUB_WORKSPACE", saved.workspace);
    restoreEnv("RUNNER_TEMP", saved.temp);
  }
}
__name(withStableRoot, "withStableRoot");
function restoreEnv(name, value) {
  if (value === void 0) delete process.env[name];
  else process.env[name] = value;
}
__name(restoreEnv, "restoreEnv");

// packages/cache/src/toolkit-diagnostics.ts
async function captureToolkitDiagnostics(fn) {
  const problems = [];
  let reserveRefused;
  let archiveBytes = 0;
  const original = process.stdout.write.bind(process.stdout);
  const intercept = /* @__PURE__ */ __name((chunk, ...rest) => {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : void 0;
    if (text !== void 0) {
      const kept = [];
      for (const line of text.split(/(?<=\n)/)) {
        const match = /^::(?:error|warning)(?: [^:]*)?::(.*)$/s.exec(line);
        const refusal = /^Failed to save: Unable to reserve cache with key .*? More details: (.*)$/s.exec(
          line
        );
        if (match) problems.push(unescapeCommandData((match[1] ?? "").trim()));
        else if (refusal) reserveRefused = (refusal[1] ?? "").trim();
        else if (!/^Cache restored successfully\s*$/.test(line)) kept.push(line);
        const size = /^(?:Cache Size: ~\d+ MB \((\d+) B\)|::debug::File Size: (\d+))/.exec(line);
        if (size) archiveBytes = Number(size[1] ?? size[2]);
      }
      if (kept.length === 0) return true;
      return original(kept.join(""), ...rest);
    }
    return original(chunk, ...rest);
  }, "intercept");
  process.stdout.write = intercept;
  try {
    const value = await fn();
    return { value, problems, archiveBytes, ...reserveRefused !== void 0 ? { reserveRefused } : {} };
  } finally {
    process.stdout.write = original;
  }
}
__name(captureToolkitDiagnostics, "captureToolkitDiagnostics");
function unescapeCommandData(text) {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
__name(unescapeCommandData, "unescapeCommandData");

// packages/cache/src/stranded.ts
var StrandedError = class extends Error {
  static {
    __name(this, "StrandedError");
  }
  name = "StrandedError";
};
function rejectIfStranded(operation, what) {
  return new Promise((resolve, reject) => {
    const onBeforeExit = /* @__PURE__ */ __name(() => reject(new StrandedError(`${what} stopped making progress (the connection ended mid-response)`)), "onBeforeExit");
    process.once("beforeExit", onBeforeExit);
    operation.then(
      (value) => {
        process.off("beforeExit", onBeforeExit);
        resolve(value);
      },
      (error) => {
        process.off("beforeExit", onBeforeExit);
        reject(error);
      }
    );
  });
}
__name(rejectIfStranded, "rejectIfStranded");

// packages/cache/src/payload.ts
import { copyFile, link, lstat, mkdir as mkdir2, readdir, readlink, rename, rm, symlink } from "node:fs/promises";
import path2 from "node:path";
async function mergeInto(source, target) {
  await mkdir2(path2.dirname(target), { recursive: true });
  try {
    await rename(source, target);
    return;
  } catch (error) {
    const code = error.code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST" && code !== "EXDEV" && code !== "EISDIR") throw error;
  }
  await mergeEntries(source, target);
  await rm(source, { recursive: true, force: true });
}
__name(mergeInto, "mergeInto");
async function mergeEntries(source, target) {
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path2.join(source, entry.name);
    const to = path2.join(target, entry.name);
    const existing = await lstat(to).catch(() => void 0);
    if (!existing) {
      await rename(from, to).catch(async (error) => {
        if (error.code !== "EXDEV") throw error;
        await copyTree(from, to);
      });
    } else if (existing.isDirectory() && entry.isDirectory()) {
      await mergeEntries(from, to);
    }
  }
}
__name(mergeEntries, "mergeEntries");
async function copyTree(source, target) {
  await mkdir2(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path2.join(source, entry.name);
    const to = path2.join(target, entry.name);
    if (entry.isDirectory()) await copyTree(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (entry.isFile()) await link(from, to).catch(() => copyFile(from, to));
  }
}
__name(copyTree, "copyTree");

// packages/cache/src/guarded-restore.ts
import { spawn as spawn3 } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir as mkdir3, readdir as readdir2, readlink as readlink2, rename as rename2, rm as rm2, writeFile } from "node:fs/promises";
import path3 from "node:path";
import { PassThrough } from "node:stream";

// packages/cache/src/tar-read.ts
import { spawn as spawn2 } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
async function sniffCompression(file) {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(6);
    const { bytesRead } = await handle.read(head, 0, 6, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 31 && bytes[1] === 139) return "gzip";
    if (bytes.subarray(0, 4).equals(Buffer.from([40, 181, 47, 253]))) return "zstd";
    if (bytes.equals(Buffer.from([253, 55, 122, 88, 90, 0]))) return "xz";
    return "none";
  } finally {
    await handle.close();
  }
}
__name(sniffCompression, "sniffCompression");
function decompressed(file, compression) {
  if (compression === "none") return { stream: createReadStream(file), done: Promise.resolve() };
  if (compression === "gzip")
    return { stream: createReadStream(file).pipe(createGunzip()), done: Promise.resolve() };
  const [program, args] = compression === "zstd" ? ["zstd", ["-d", "-c", "-q", "--long=30", file]] : ["xz", ["-d", "-c", file]];
  const child = spawn2(program, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => stderr = (stderr + chunk).slice(-500));
  const done = new Promise((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`cannot run ${program}: ${error.message}`)));
    child.once(
      "close",
      (code) => code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}: ${stderr.trim()}`))
    );
  });
  return { stream: child.stdout, done };
}
__name(decompressed, "decompressed");
var BLOCK = 512;
var Reader = class {
  static {
    __name(this, "Reader");
  }
  chunks = [];
  buffered = 0;
  ended = false;
  iterator;
  constructor(stream) {
    this.iterator = stream[Symbol.asyncIterator]();
  }
  async fill(n) {
    while (this.buffered < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }
  /** Exactly n bytes, or fewer at the end of the stream. */
  async take(n) {
    await this.fill(n);
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
  /** Passes n bytes to `each` without holding them all (a 50 MB binary). */
  async stream(n, each) {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      if (this.buffered === 0) break;
      const chunk = await this.take(Math.min(left, this.buffered));
      each(chunk);
      left -= chunk.length;
    }
    return n - left;
  }
  async close() {
    await this.iterator.return?.();
  }
};
function cString(block, start, length) {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}
__name(cString, "cString");
function octal(block, start, length) {
  const field = block.subarray(start, start + length);
  if (((field[0] ?? 0) & 128) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(block, start, length).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`not a tar archive: bad number field '${text.slice(0, 20)}'`);
  return parseInt(text, 8);
}
__name(octal, "octal");
function checksumOk(block) {
  const stored = octal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i] ?? 0;
  return sum === stored;
}
__name(checksumOk, "checksumOk");
function paxRecords(data) {
  const records = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    if (space === -1) break;
    const length = Number(data.subarray(offset, space).toString("latin1"));
    if (!Number.isInteger(length) || length <= 0) throw new Error("not a tar archive: bad pax record");
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return records;
}
__name(paxRecords, "paxRecords");
function typeOf(flag) {
  if (flag === "0" || flag === "\0" || flag === "" || flag === "7") return "file";
  if (flag === "5") return "dir";
  if (flag === "2") return "symlink";
  if (flag === "1") return "hardlink";
  return "other";
}
__name(typeOf, "typeOf");
async function readTarMembers(file, options = {}) {
  const { stream, done } = decompressed(file, await sniffCompression(file));
  const members = [];
  await eachTarMember(stream, done, (member) => members.push(member), options);
  return members;
}
__name(readTarMembers, "readTarMembers");
async function eachTarMember(stream, done, onMember, options = {}) {
  const verdict = done.then(
    () => void 0,
    (error) => error
  );
  const reader = new Reader(stream);
  let stopped;
  try {
    let pax = {};
    let longName;
    let longLink;
    for (; ; ) {
      const block = await reader.take(BLOCK);
      if (block.length === 0) throw new Error("not a tar archive: it ends before its end-of-archive blocks");
      if (block.length < BLOCK) throw new Error("the tar archive is cut short");
      if (block.every((byte) => byte === 0)) break;
      if (!checksumOk(block))
        throw new Error("not a tar archive (or a damaged one): a header checksum is wrong");
      const flag = String.fromCharCode(block[156] ?? 0);
      const size = pax.size !== void 0 ? Number(pax.size) : octal(block, 124, 12);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
        if (size > 1024 * 1024) throw new Error("not a tar archive: an extended header over 1 MiB");
        const data = (await reader.take(padded)).subarray(0, size);
        if (data.length < size) throw new Error("the tar archive is cut short");
        if (flag === "x") pax = { ...pax, ...paxRecords(data) };
        else if (flag === "L") longName = cString(data, 0, data.length);
        else if (flag === "K") longLink = cString(data, 0, data.length);
        continue;
      }
      const prefix = block.subarray(257, 262).toString("latin1") === "ustar" ? cString(block, 345, 155) : "";
      const stored = cString(block, 0, 100);
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${stored}` : stored);
      const linkname = pax.linkpath ?? longLink ?? cString(block, 157, 100);
      const type = typeOf(flag);
      const member = {
        name,
        type,
        linkname: type === "symlink" || type === "hardlink" ? linkname : "",
        size
      };
      const hash = options.hash && type === "file" ? createHash("sha256") : void 0;
      const got = await reader.stream(size, (chunk) => hash?.update(chunk));
      const pad = (await reader.take(padded - size)).length;
      if (got < size || pad < padded - size) throw new Error("the tar archive is cut short");
      if (hash) member.sha256 = hash.digest("hex");
      try {
        onMember(member);
      } catch (error) {
        stopped = error;
        throw error;
      }
      pax = {};
      longName = void 0;
      longLink = void 0;
    }
  } catch (error) {
    stream.destroy();
    if (stopped !== void 0) throw stopped;
    const failed2 = await verdict;
    throw failed2 && !/exited with (null|141)/.test(failed2.message) ? failed2 : error;
  } finally {
    await reader.close();
    stream.destroy();
  }
  const failed = await verdict;
  if (failed && !/EPIPE|Broken pipe|exited with (null|141)/.test(failed.message)) throw failed;
}
__name(eachTarMember, "eachTarMember");

// packages/cache/src/guarded-restore.ts
var GUARD_DIR = ".tar-guard";
var KEPT = ".restored-archive";
var quote = /* @__PURE__ */ __name((value) => `'${value.replace(/'/g, `'\\''`)}'`, "quote");
async function withGuardedTar(root, fn) {
  const guard = path3.join(root, GUARD_DIR);
  const kept = path3.join(root, KEPT);
  await rm2(kept, { force: true });
  await mkdir3(guard, { recursive: true });
  const realTar = await which("tar", true);
  const script = `#!/bin/sh
# ci-kit (packages/cache/src/guarded-restore.ts): the cache toolkit's tar for one restore. It keeps the
# archive for ci-kit to check and extract inside the staging folder, and extracts nothing itself.
archive=''
dir=''
extract=''
prev=''
for arg in "$@"; do
  case $prev in
    -xf) archive=$arg; extract=1 ;;
    -C) dir=$arg ;;
  esac
  prev=$arg
done
if [ -z "$extract" ] || [ "$dir" != ${quote(root)} ]; then exec ${quote(realTar)} "$@"; fi
ln -f -- "$archive" ${quote(kept)} 2>/dev/null || cp -f -- "$archive" ${quote(kept)}
`;
  await writeFile(path3.join(guard, "tar"), script);
  await chmod(path3.join(guard, "tar"), 493);
  const realGtar = process.platform === "darwin" ? await which("gtar", false) : "";
  if (realGtar) {
    await writeFile(
      path3.join(guard, "gtar"),
      script.replace(`exec ${quote(realTar)}`, `exec ${quote(realGtar)}`)
    );
    await chmod(path3.join(guard, "gtar"), 493);
  }
  const savedPath = process.env.PATH;
  process.env.PATH = `${guard}${path3.delimiter}${savedPath ?? ""}`;
  try {
    const value = await fn();
    return { value, ...existsSync(kept) ? { archive: kept } : {} };
  } finally {
    if (savedPath === void 0) delete process.env.PATH;
    else process.env.PATH = savedPath;
    await rm2(guard, { recursive: true, force: true });
  }
}
__name(withGuardedTar, "withGuardedTar");
function shownName(name) {
  const cleaned = name.replace(/[^A-Za-z0-9._/+@=,~-]/g, "?");
  return cleaned.length > 120 ? `${cleaned.slice(0, 117)}...` : cleaned;
}
__name(shownName, "shownName");
function parts(name) {
  return name.split("/").filter((part) => part !== "" && part !== ".");
}
__name(parts, "parts");
function memberProblem(member, links, allowLink) {
  const { name, type, linkname } = member;
  if (name.startsWith("/") || /^[A-Za-z]:[\\/]/.test(name)) return "an absolute name";
  const segments = parts(name);
  if (segments.includes("..") || name.includes("\\")) return "a name that climbs out with ..";
  if (segments[0] !== PAYLOAD) return `a name outside ${PAYLOAD}/`;
  for (let i = 1; i < segments.length; i++)
    if (links.has(segments.slice(0, i).join("/"))) return "a member under a symbolic link";
  if (type === "other") return "a device, fifo or other special file";
  if (type === "hardlink") {
    const target = parts(linkname);
    if (linkname.startsWith("/") || target.includes("..") || target[0] !== PAYLOAD)
      return `a hard link to ${shownName(linkname)}`;
  }
  if (type === "symlink") {
    if (linkname.startsWith("/"))
      return allowLink(linkname) ? void 0 : `a symbolic link to ${shownName(linkname)}`;
    if (parts(linkname).includes("..") || linkname.includes("\\") || linkname === "")
      return `a symbolic link to ${shownName(linkname)}`;
  }
  return void 0;
}
__name(memberProblem, "memberProblem");
function memberCheck(allowLink) {
  const links = /* @__PURE__ */ new Set();
  return (member) => {
    const problem = memberProblem(member, links, allowLink);
    if (problem) return `${shownName(member.name)} (${problem})`;
    if (member.type === "symlink") links.add(parts(member.name).join("/"));
    return void 0;
  };
}
__name(memberCheck, "memberCheck");
var Refused = class extends Error {
  static {
    __name(this, "Refused");
  }
};
var tail = /* @__PURE__ */ __name((text) => text.trim().split("\n").slice(-2).join(" "), "tail");
async function extractGuarded(root, archive, allowLink) {
  const work = path3.join(root, `.restored-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir3(work);
    const realTar = await which("tar", true);
    const compression = await sniffCompression(archive);
    const { stream, done } = decompressed(archive, compression);
    const tar = spawn3(realTar, ["-x", "--no-same-owner", "-C", work, "-f", "-"], {
      stdio: ["pipe", "ignore", "pipe"]
    });
    let stderr = "";
    tar.stderr.setEncoding("utf8").on("data", (chunk) => stderr = (stderr + chunk).slice(-2e3));
    const exited = new Promise((resolve) => {
      tar.once("error", (error) => resolve(error.message));
      tar.once("close", (code2, signal) => resolve(code2 ?? String(signal)));
    });
    tar.stdin.on("error", () => void 0);
    const members = new PassThrough();
    members.on("error", () => void 0);
    stream.pipe(tar.stdin);
    stream.pipe(members);
    const check = memberCheck(allowLink);
    let problem;
    try {
      await eachTarMember(members, done, (member) => {
        const refused = check(member);
        if (refused) throw new Refused(refused);
      });
    } catch (error) {
      problem = error instanceof Refused ? { kind: "refused", text: `it holds ${error.message}` } : { kind: "damaged", text: `its archive cannot be read (${error.message})` };
    }
    stream.unpipe(members);
    if (problem) {
      tar.kill();
      stream.destroy();
      await exited;
      return problem;
    }
    const code = await exited;
    if (code !== 0)
      return { kind: "damaged", text: `tar could not extract it (${tail(stderr) || `exit ${code}`})` };
    const escaping = await linkLeaving(path3.join(work, PAYLOAD), allowLink);
    if (escaping) return { kind: "refused", text: `it holds ${escaping}` };
    if (existsSync(path3.join(work, PAYLOAD)))
      await rename2(path3.join(work, PAYLOAD), path3.join(root, PAYLOAD));
    else await mkdir3(path3.join(root, PAYLOAD));
    return void 0;
  } finally {
    await rm2(work, { recursive: true, force: true });
    await rm2(archive, { force: true });
  }
}
__name(extractGuarded, "extractGuarded");
async function linkLeaving(payload, allowLink) {
  if (!existsSync(payload)) return void 0;
  for (const entry of await readdir2(payload, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) continue;
    const parent = entry.parentPath ?? entry.path;
    const link2 = path3.join(parent, entry.name);
    const target = await readlink2(link2);
    const resolved = path3.resolve(parent, target);
    const relative = path3.relative(payload, resolved);
    const inside = relative === "" || !relative.startsWith("..") && !path3.isAbsolute(relative);
    if (!inside && !(path3.isAbsolute(target) && allowLink(target)))
      return `${shownName(path3.relative(payload, link2))} (a symbolic link to ${shownName(target)})`;
  }
  return void 0;
}
__name(linkLeaving, "linkLeaving");

// packages/cache/src/restore-save.ts
var warned = /* @__PURE__ */ new WeakSet();
function warnOnce(log, message) {
  if (warned.has(log)) {
    log.info(`${message} (the cache service already failed in this step)`);
    return;
  }
  warned.add(log);
  log.warning(message);
}
__name(warnOnce, "warnOnce");
async function restoreEntry(call, key, restoreKeys = [], options = {}) {
  if (!call.service.available()) return { status: "unavailable" };
  const payloadDir = path4.join(call.root, PAYLOAD);
  const unreachable = await call.service.probe?.();
  if (unreachable) {
    warnOnce(call.log, `cache restore failed, continuing without cache: ${unreachable}`);
    return { status: "failed", problem: unreachable, serviceDown: true };
  }
  try {
    await rm3(payloadDir, { recursive: true, force: true });
    const {
      value: { value: matchedKey, archive },
      problems,
      archiveBytes
    } = await captureToolkitDiagnostics(
      () => withStableRoot(
        call.root,
        (paths) => withGuardedTar(
          call.root,
          () => rejectIfStranded(call.service.restore(paths, key, restoreKeys), "the cache restore")
        )
      )
    );
    if (problems.length > 0) {
      if (archive) await rm3(archive, { force: true });
      return await failedRestore(call, payloadDir, problems.join("; "));
    }
    telemetry.cacheRestore(matchedKey !== void 0 && sameKey(matchedKey, key), archiveBytes);
    if (matchedKey === void 0) return { status: "miss" };
    if (!archive) return await failedRestore(call, payloadDir, `the entry ${matchedKey} gave no archive`);
    const refusal = await extractGuarded(call.root, archive, options.allowLink ?? (() => false));
    if (refusal?.kind === "damaged") return await failedRestore(call, payloadDir, refusal.text);
    if (refusal) {
      await rm3(payloadDir, { recursive: true, force: true });
      warnOnce(
        call.log,
        `cache entry ${shownName(matchedKey)} refused, continuing without it: ${refusal.text}; nothing from it was used`
      );
      return { status: "miss", problem: refusal.text };
    }
    const into = options.into && path4.resolve(options.into) !== path4.resolve(payloadDir) ? options.into : "";
    if (into) await mergeInto(payloadDir, into);
    return {
      status: sameKey(matchedKey, key) ? "hit" : "partial",
      matchedKey,
      payloadDir: into || payloadDir
    };
  } catch (error) {
    return failedRestore(call, payloadDir, errorMessage(error));
  }
}
__name(restoreEntry, "restoreEntry");
async function failedRestore(call, payloadDir, problem) {
  await rm3(payloadDir, { recursive: true, force: true });
  warnOnce(call.log, `cache restore failed, continuing without cache: ${problem}`);
  return {
    status: "failed",
    problem,
    .../getCacheEntry failed/.test(problem) ? { serviceDown: true } : {}
  };
}
__name(failedRestore, "failedRestore");
async function saveEntry(call, key, options = {}) {
  if (!call.service.available()) return { status: "unavailable" };
  const payloadDir = path4.join(call.root, PAYLOAD);
  const staged = options.from !== void 0 && path4.resolve(options.from) !== path4.resolve(payloadDir);
  try {
    if (staged) {
      await rm3(payloadDir, { recursive: true, force: true });
      await copyTree(options.from, payloadDir);
    }
    const {
      value: id,
      problems,
      archiveBytes,
      reserveRefused
    } = await captureToolkitDiagnostics(
      () => withStableRoot(call.root, (paths) => rejectIfStranded(call.service.save(paths, key), "the cache save"))
    );
    if (problems.length > 0) {
      const problem2 = problems.join("; ");
      warnOnce(call.log, `cache save failed (the job is not affected): ${problem2}`);
      return { status: "failed", problem: problem2 };
    }
    if (id !== -1) {
      telemetry.cacheSave(archiveBytes);
      return { status: "saved" };
    }
    if (reserveRefused !== void 0 && /already exists?\b/i.test(reserveRefused))
      return { status: "exists" };
    const given = reserveRefused && reserveRefused !== "undefined" ? reserveRefused : "";
    const problem = reserveRefused === void 0 ? "the cache toolkit saved nothing and gave no reason" : given ? `the cache service refused to reserve the key: ${given}` : "the cache service refused to reserve the key and gave no reason (an HTTP 404 answers so: is ACTIONS_CACHE_URL a cache service?)";
    warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
    return { status: "failed", problem };
  } catch (error) {
    const problem = errorMessage(error);
    warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
    return { status: "failed", problem };
  } finally {
    if (staged) await rm3(payloadDir, { recursive: true, force: true });
  }
}
__name(saveEntry, "saveEntry");

export {
  execRunner,
  runChecked,
  cacheKey,
  PAYLOAD,
  readTarMembers,
  restoreEntry,
  saveEntry,
  toolkitCacheService
};
