import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  errorMessage,
  telemetry
} from "./chunk-D754KW5M.mjs";
import {
  __name,
  getExecOutput
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/process.ts
import { spawn } from "node:child_process";
var execRunner = /* @__PURE__ */ __name(async (command, args, options = {}) => {
  if (options.signal) return spawnAbortable(command, args, options, options.signal);
  const result = await getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: options.silent ?? false,
    ...options.cwd ? { cwd: options.cwd } : {},
    ...options.env ? { env: { ...process.env, ...options.env } } : {}
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}, "execRunner");
function spawnAbortable(command, args, options, signal) {
  return new Promise((resolve, reject) => {
    if (!options.silent) process.stdout.write(`[command]${command} ${args.join(" ")}
`);
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
    const tail = (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n");
    throw new CommandError(`${command} ${args.join(" ")}`, result.exitCode, tail);
  }
  return result;
}
__name(runChecked, "runChecked");
var CommandError = class extends Error {
  constructor(command, exitCode, tail) {
    super(`'${command}' exited with ${exitCode}${tail ? `: ${tail}` : ""}`);
    this.command = command;
    this.exitCode = exitCode;
    this.tail = tail;
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
function cacheKey(...parts) {
  const key = parts.filter((part) => part !== "").map((part) => part.replace(/[^A-Za-z0-9._+-]/g, "_")).join("-").toLowerCase();
  if (key.length > 512) throw new Error(`cache key longer than 512 characters: ${key.slice(0, 80)}...`);
  return key;
}
__name(cacheKey, "cacheKey");
function sameKey(matched, primary) {
  return matched.toLowerCase() === primary.toLowerCase();
}
__name(sameKey, "sameKey");

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

// packages/cache/src/restore-save.ts
import { rm as rm2 } from "node:fs/promises";
import path3 from "node:path";

// packages/cache/src/toolkit-diagnostics.ts
async function captureToolkitDiagnostics(fn) {
  const problems = [];
  let archiveBytes = 0;
  const original = process.stdout.write.bind(process.stdout);
  const intercept = /* @__PURE__ */ __name((chunk, ...rest) => {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : void 0;
    if (text !== void 0) {
      const kept = [];
      for (const line of text.split(/(?<=\n)/)) {
        const match = /^::(?:error|warning)(?: [^:]*)?::(.*)$/s.exec(line);
        if (match) problems.push(unescapeCommandData((match[1] ?? "").trim()));
        else kept.push(line);
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
    return { value, problems, archiveBytes };
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
  const payloadDir = path3.join(call.root, PAYLOAD);
  const unreachable = await call.service.probe?.();
  if (unreachable) {
    warnOnce(call.log, `cache restore failed, continuing without cache: ${unreachable}`);
    return { status: "failed", problem: unreachable, serviceDown: true };
  }
  try {
    await rm2(payloadDir, { recursive: true, force: true });
    const {
      value: matchedKey,
      problems,
      archiveBytes
    } = await captureToolkitDiagnostics(
      () => withStableRoot(
        call.root,
        (paths) => rejectIfStranded(call.service.restore(paths, key, restoreKeys), "the cache restore")
      )
    );
    if (problems.length > 0) return await failedRestore(call, payloadDir, problems.join("; "));
    telemetry.cacheRestore(matchedKey !== void 0 && sameKey(matchedKey, key), archiveBytes);
    if (matchedKey === void 0) return { status: "miss" };
    const into = options.into && path3.resolve(options.into) !== path3.resolve(payloadDir) ? options.into : "";
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
  await rm2(payloadDir, { recursive: true, force: true });
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
  const payloadDir = path3.join(call.root, PAYLOAD);
  const staged = options.from !== void 0 && path3.resolve(options.from) !== path3.resolve(payloadDir);
  try {
    if (staged) {
      await rm2(payloadDir, { recursive: true, force: true });
      await copyTree(options.from, payloadDir);
    }
    const {
      value: id,
      problems,
      archiveBytes
    } = await captureToolkitDiagnostics(
      () => withStableRoot(call.root, (paths) => rejectIfStranded(call.service.save(paths, key), "the cache save"))
    );
    if (problems.length > 0) {
      const problem = problems.join("; ");
      warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
      return { status: "failed", problem };
    }
    if (id !== -1) {
      telemetry.cacheSave(archiveBytes);
      return { status: "saved" };
    }
    return { status: "exists" };
  } catch (error) {
    const problem = errorMessage(error);
    warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
    return { status: "failed", problem };
  } finally {
    if (staged) await rm2(payloadDir, { recursive: true, force: true });
  }
}
__name(saveEntry, "saveEntry");

export {
  execRunner,
  runChecked,
  cacheKey,
  PAYLOAD,
  restoreEntry,
  saveEntry,
  toolkitCacheService
};
