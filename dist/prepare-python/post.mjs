import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  decodePlan,
  readInventory,
  removeUnlocked,
  saveKeyFor
} from "../chunks/chunk-IGLLCG7B.mjs";
import "../chunks/chunk-VNNL2D5Y.mjs";
import {
  runPostEntry
} from "../chunks/chunk-5UZCMYYQ.mjs";
import {
  execRunner,
  saveEntry,
  toolkitCacheService
} from "../chunks/chunk-7JFR4UVO.mjs";
import {
  coreLogger,
  errorMessage,
  formatMs,
  writeSummaryTable
} from "../chunks/chunk-PYQVS2IG.mjs";
import {
  __name,
  getInput,
  getState
} from "../chunks/chunk-Q5GJOU3P.mjs";

// actions/prepare-python/src/save-uv-cache.ts
import { readdir as readdir2, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path2 from "node:path";

// actions/prepare-python/src/cache-bytecode.ts
import { readdir } from "node:fs/promises";
import path from "node:path";
var COMPILE_TIMEOUT_MS = 3e5;
async function archiveFolders(uvCacheDir) {
  const buckets = (await readdir(uvCacheDir).catch(() => [])).filter(
    (name) => /^archive-v\d+$/.test(name)
  );
  const folders = [];
  for (const bucket of buckets) {
    for (const entry of await readdir(path.join(uvCacheDir, bucket), { withFileTypes: true })) {
      if (entry.isDirectory() && /^[A-Za-z0-9_-]+$/.test(entry.name))
        folders.push(path.join(bucket, entry.name));
    }
  }
  return folders.sort();
}
__name(archiveFolders, "archiveFolders");
async function needsCompiling(folder) {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  const depth = /* @__PURE__ */ __name((entry) => entry.parentPath.split(path.sep).length, "depth");
  const module = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".py")).sort((a, b) => depth(a) - depth(b))[0];
  if (!module) return false;
  const stem = module.name.slice(0, -".py".length);
  const cached = await readdir(path.join(module.parentPath, "__pycache__")).catch(() => []);
  return !cached.some((name) => name.startsWith(`${stem}.`) && name.endsWith(".pyc"));
}
__name(needsCompiling, "needsCompiling");
async function compileCachedBytecode(uvCacheDir, python, deps) {
  const started = performance.now();
  const folders = await archiveFolders(uvCacheDir);
  const pending = [];
  for (const folder of folders) {
    if (await needsCompiling(path.join(uvCacheDir, folder))) pending.push(folder);
  }
  const already = folders.length - pending.length;
  const done = /* @__PURE__ */ __name((compiled, text) => ({
    compiled,
    already,
    ms: performance.now() - started,
    text
  }), "done");
  if (pending.length === 0)
    return done(0, folders.length === 0 ? "no unpacked wheels to compile" : "bytecode already compiled");
  const signal = AbortSignal.timeout(COMPILE_TIMEOUT_MS);
  const result = await deps.run(
    python,
    ["-m", "compileall", "-qq", "-j", "0", "--invalidation-mode", "checked-hash", "--", ...pending],
    { cwd: uvCacheDir, silent: true, signal }
  ).catch((error) => ({ exitCode: -1, stdout: "", stderr: errorMessage(error) }));
  const took = formatMs(performance.now() - started);
  if (signal.aborted) {
    deps.log.warning(
      `compiling the uv cache's bytecode took over ${formatMs(COMPILE_TIMEOUT_MS)}: saving what was compiled (set cache-bytecode: false to skip it)`
    );
    return done(pending.length, `bytecode compiling stopped after ${took}`);
  }
  if (result.exitCode === 0 || result.exitCode === 1) {
    const skipped = result.exitCode === 1 ? ", some files left as source" : "";
    return done(
      pending.length,
      `bytecode of ${pending.length} unpacked wheel(s) compiled in ${took}${skipped}`
    );
  }
  const why = result.stderr.trim().split("\n").pop() ?? "";
  deps.log.warning(
    `could not compile the uv cache's bytecode with ${python} (exit ${result.exitCode}${why ? `: ${why.slice(0, 300)}` : ""}); saving it without`
  );
  return done(0, "bytecode not compiled");
}
__name(compileCachedBytecode, "compileCachedBytecode");

// actions/prepare-python/src/save-uv-cache.ts
var defaultPostDeps = /* @__PURE__ */ __name(() => ({
  log: coreLogger,
  run: execRunner,
  cacheService: toolkitCacheService,
  state: /* @__PURE__ */ __name((name) => getState(name), "state"),
  jobStatus: /* @__PURE__ */ __name(() => getInput("job-status").trim().toLowerCase(), "jobStatus")
}), "defaultPostDeps");
async function saveUvCache(overrides = {}) {
  const deps = { ...defaultPostDeps(), ...overrides };
  const plan = decodePlan(deps.state("ci-kit-prepare-python" /* Plan */));
  if (!plan) {
    deps.log.info("uv cache: nothing to save (the main step stopped before the cache was set up)");
    return;
  }
  const summary = /* @__PURE__ */ __name((key2, result2) => writeSummaryTable("prepare-python: uv cache", ["key", "result"], [[key2, result2]]), "summary");
  if (!plan.save) {
    deps.log.info(`uv cache: not saved (${plan.skipReason})`);
    await summary(plan.key, `not saved: ${plan.skipReason}`);
    return;
  }
  if (!existsSync(plan.uvCacheDir)) {
    deps.log.info(`uv cache: not saved (${plan.uvCacheDir} does not exist: nothing was cached)`);
    return;
  }
  const jobStatus = deps.jobStatus();
  const key = saveKeyFor(plan.key, jobStatus);
  if (key !== plan.key)
    deps.log.info(`the job is ${jobStatus}: saving under ${key}, never the primary key a green run writes`);
  const started = performance.now();
  const pruned = await pruneBeforeSave(plan, deps);
  const bytecode = plan.python && deps.cacheService.available() ? `; ${(await compileCachedBytecode(plan.uvCacheDir, plan.python, deps)).text}` : "";
  const bytes = await folderSize(plan.uvCacheDir).catch(() => 0);
  const report = await saveEntry({ service: deps.cacheService, log: deps.log, root: plan.stagingRoot }, key, {
    from: plan.uvCacheDir
  });
  const ms = performance.now() - started;
  const result = report.status === "saved" ? `saved ${formatBytes(bytes)} in ${formatMs(ms)} (${pruned}${bytecode})` : report.status === "exists" ? "not saved: another job saved this key first" : report.status === "unavailable" ? "not saved: no cache service on this runner" : `not saved: ${report.problem}`;
  deps.log.info(`uv cache ${key}: ${result}`);
  await summary(key, result);
}
__name(saveUvCache, "saveUvCache");
async function pruneBeforeSave(plan, deps) {
  const uvEnv = { env: { UV_CACHE_DIR: plan.uvCacheDir } };
  if (plan.prune === "false") return "unpruned";
  if (plan.prune === "true") {
    const prune = await deps.run(plan.uv, ["cache", "prune", "--ci"], uvEnv);
    if (prune.exitCode === 0) return "pruned with uv cache prune --ci";
    deps.log.warning(`uv cache prune --ci failed (saving unpruned): ${prune.stderr.trim()}`);
    return "unpruned: uv cache prune --ci failed";
  }
  const inventory = plan.inventoryFile ? await readInventory(plan.inventoryFile) : void 0;
  if (!inventory) return "every wheel kept";
  const result = await removeUnlocked(plan.uvCacheDir, inventory).catch((error) => {
    deps.log.warning(
      `could not drop the fallback's unlocked wheels (saving them too): ${errorMessage(error)}`
    );
    return { removed: 0, archives: 0, pins: [] };
  });
  if (result.removed === 0) return "every wheel kept: the fallback held nothing this lock does not use";
  const shown = result.pins.slice(0, 10).join(", ") + (result.pins.length > 10 ? ", \u2026" : "");
  deps.log.info(
    `dropped ${result.pins.length} package version(s) the fallback entry held and this lock does not pin (${result.archives} unpacked archive(s)): ${shown}`
  );
  return `every wheel this lock uses kept, ${result.pins.length} old package version(s) dropped`;
}
__name(pruneBeforeSave, "pruneBeforeSave");
async function folderSize(dir) {
  let total = 0;
  for (const entry of await readdir2(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path2.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
__name(folderSize, "folderSize");
function formatBytes(bytes) {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
__name(formatBytes, "formatBytes");

// actions/prepare-python/src/post.ts
await runPostEntry(() => saveUvCache(), "prepare-python/post");
