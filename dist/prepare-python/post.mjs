import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  execRunner
} from "../chunks/chunk-MGTFDMIW.mjs";
import {
  coreLogger,
  runPostEntry
} from "../chunks/chunk-ALWAJQSR.mjs";
import {
  PAYLOAD,
  saveEntry,
  toolkitCacheService
} from "../chunks/chunk-RERKPBEB.mjs";
import {
  __name,
  formatMs,
  getState,
  writeSummaryTable
} from "../chunks/chunk-L6KRIO4D.mjs";

// actions/prepare-python/src/post-run.ts
import { cp, readdir, rm, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
var defaultPostDeps = /* @__PURE__ */ __name(() => ({
  log: coreLogger,
  run: execRunner,
  cacheService: toolkitCacheService,
  state: /* @__PURE__ */ __name((name) => getState(name), "state")
}), "defaultPostDeps");
async function post(overrides = {}) {
  const deps = { ...defaultPostDeps(), ...overrides };
  const raw = deps.state("ci-kit-prepare-python" /* Plan */);
  if (!raw) {
    deps.log.info("uv cache: nothing to save (the main step stopped before the cache was set up)");
    return;
  }
  const plan = JSON.parse(raw);
  if (!plan.save) {
    deps.log.info(`uv cache: not saved (${plan.skipReason})`);
    await writeSummaryTable(
      "prepare-python: uv cache",
      ["key", "result"],
      [[plan.key, `not saved: ${plan.skipReason}`]]
    );
    return;
  }
  if (!existsSync(plan.uvCacheDir)) {
    deps.log.info(`uv cache: not saved (${plan.uvCacheDir} does not exist: nothing was cached)`);
    return;
  }
  const started = performance.now();
  const prune = await deps.run(plan.uv, ["cache", "prune", "--ci"], {
    env: { UV_CACHE_DIR: plan.uvCacheDir }
  });
  if (prune.exitCode !== 0)
    deps.log.warning(`uv cache prune --ci failed (saving unpruned): ${prune.stderr.trim()}`);
  const payload = path.join(plan.cacheRoot, PAYLOAD);
  if (path.resolve(payload) !== path.resolve(plan.uvCacheDir)) {
    await rm(payload, { recursive: true, force: true });
    await cp(plan.uvCacheDir, payload, { recursive: true, verbatimSymlinks: true });
  }
  const bytes = await folderSize(payload).catch(() => 0);
  const report = await saveEntry(
    { service: deps.cacheService, log: deps.log, root: plan.cacheRoot },
    plan.key
  );
  const ms = performance.now() - started;
  const result = report.status === "saved" ? `saved ${formatBytes(bytes)} in ${formatMs(ms)}` : report.status === "exists" ? "not saved: another job saved this key first" : report.status === "unavailable" ? "not saved: no cache service on this runner" : `not saved: ${report.problem}`;
  deps.log.info(`uv cache ${plan.key}: ${result}`);
  await writeSummaryTable("prepare-python: uv cache", ["key", "result"], [[plan.key, result]]);
}
__name(post, "post");
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
await runPostEntry(() => post());
