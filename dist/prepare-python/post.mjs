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
import { readdir, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
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
  const bytes = await folderSize(plan.uvCacheDir).catch(() => 0);
  const report = await saveEntry({ service: deps.cacheService, log: deps.log, root: plan.stagingRoot }, key, {
    from: plan.uvCacheDir
  });
  const ms = performance.now() - started;
  const result = report.status === "saved" ? `saved ${formatBytes(bytes)} in ${formatMs(ms)} (${pruned})` : report.status === "exists" ? "not saved: another job saved this key first" : report.status === "unavailable" ? "not saved: no cache service on this runner" : `not saved: ${report.problem}`;
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
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
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
