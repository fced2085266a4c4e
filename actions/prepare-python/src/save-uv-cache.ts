import { readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import {
  coreLogger,
  errorMessage,
  execRunner,
  formatMs,
  writeSummaryTable,
  type Logger,
  type ProcessRunner,
} from '@ci-kit/runner';
import { saveEntry, toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { decodePlan, State, type PostPlan } from './state';
import { readInventory, removeUnlocked } from './prune-unused';
import { saveKeyFor } from './save-policy';
import { compileCachedBytecode } from './cache-bytecode';

export interface PostDeps {
  log: Logger;
  run: ProcessRunner;
  cacheService: CacheService;
  state: (name: string) => string;
  /** The job's status as the runner evaluated the `job-status` input for the post step. */
  jobStatus: () => string;
}

const defaultPostDeps = (): PostDeps => ({
  log: coreLogger,
  run: execRunner,
  cacheService: toolkitCacheService,
  state: (name) => core.getState(name),
  jobStatus: () => core.getInput('job-status').trim().toLowerCase(),
});

/**
 * The post step: saves the uv cache on success and failure alike (post-if: always()), a failed job
 * under its own key (save-policy.ts), so a red job still leaves the next run warm.
 */
export async function saveUvCache(overrides: Partial<PostDeps> = {}): Promise<void> {
  const deps = { ...defaultPostDeps(), ...overrides };
  const plan = decodePlan(deps.state(State.Plan));
  if (!plan) {
    deps.log.info('uv cache: nothing to save (the main step stopped before the cache was set up)');
    return;
  }
  const summary = (key: string, result: string) =>
    writeSummaryTable('prepare-python: uv cache', ['key', 'result'], [[key, result]]);
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
  // Seconds of work for an entry that will be saved: not on a runner without a cache service, where
  // every job would compile again for nothing.
  const bytecode =
    plan.python && deps.cacheService.available()
      ? `; ${(await compileCachedBytecode(plan.uvCacheDir, plan.python, deps)).text}`
      : '';
  const bytes = await folderSize(plan.uvCacheDir).catch(() => 0);
  const report = await saveEntry({ service: deps.cacheService, log: deps.log, root: plan.stagingRoot }, key, {
    from: plan.uvCacheDir,
  });
  const ms = performance.now() - started;
  const result =
    report.status === 'saved'
      ? `saved ${formatBytes(bytes)} in ${formatMs(ms)} (${pruned}${bytecode})`
      : report.status === 'exists'
        ? 'not saved: another job saved this key first'
        : report.status === 'unavailable'
          ? 'not saved: no cache service on this runner'
          : `not saved: ${report.problem}`;
  deps.log.info(`uv cache ${key}: ${result}`);
  await summary(key, result);
}

/** Prunes as `prune-cache` says; returns how, for the result line. Never fails the post step. */
async function pruneBeforeSave(plan: PostPlan, deps: PostDeps): Promise<string> {
  const uvEnv = { env: { UV_CACHE_DIR: plan.uvCacheDir } };
  if (plan.prune === 'false') return 'unpruned';
  if (plan.prune === 'true') {
    // --ci keeps what is expensive to rebuild (wheels built from source) and drops what is cheap to
    // download again: the smallest entry, but a warm job downloads those wheels again.
    const prune = await deps.run(plan.uv, ['cache', 'prune', '--ci'], uvEnv);
    if (prune.exitCode === 0) return 'pruned with uv cache prune --ci';
    deps.log.warning(`uv cache prune --ci failed (saving unpruned): ${prune.stderr.trim()}`);
    return 'unpruned: uv cache prune --ci failed';
  }
  const inventory = plan.inventoryFile ? await readInventory(plan.inventoryFile) : undefined;
  if (!inventory) return 'every wheel kept';
  const result = await removeUnlocked(plan.uvCacheDir, inventory).catch((error: unknown) => {
    deps.log.warning(
      `could not drop the fallback's unlocked wheels (saving them too): ${errorMessage(error)}`,
    );
    return { removed: 0, archives: 0, pins: [] };
  });
  if (result.removed === 0) return 'every wheel kept: the fallback held nothing this lock does not use';
  const shown = result.pins.slice(0, 10).join(', ') + (result.pins.length > 10 ? ', …' : '');
  deps.log.info(
    `dropped ${result.pins.length} package version(s) the fallback entry held and this lock does not pin (${result.archives} unpacked archive(s)): ${shown}`,
  );
  return `every wheel this lock uses kept, ${result.pins.length} old package version(s) dropped`;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
