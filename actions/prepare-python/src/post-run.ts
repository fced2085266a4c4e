import { cp, readdir, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import {
  coreLogger,
  execRunner,
  formatMs,
  writeSummaryTable,
  type Logger,
  type ProcessRunner,
} from '@ci-kit/runner';
import { PAYLOAD, saveEntry, toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { State, type PostPlan } from './names';

export interface PostDeps {
  log: Logger;
  run: ProcessRunner;
  cacheService: CacheService;
  state: (name: string) => string;
}

const defaultPostDeps = (): PostDeps => ({
  log: coreLogger,
  run: execRunner,
  cacheService: toolkitCacheService,
  state: (name) => core.getState(name),
});

/** Runs on success and failure alike (post-if: always()): a red job still leaves a warm cache. */
export async function post(overrides: Partial<PostDeps> = {}): Promise<void> {
  const deps = { ...defaultPostDeps(), ...overrides };
  const raw = deps.state(State.Plan);
  if (!raw) {
    deps.log.info('uv cache: nothing to save (the main step stopped before the cache was set up)');
    return;
  }
  const plan = JSON.parse(raw) as PostPlan;
  if (!plan.save) {
    deps.log.info(`uv cache: not saved (${plan.skipReason})`);
    await writeSummaryTable(
      'prepare-python: uv cache',
      ['key', 'result'],
      [[plan.key, `not saved: ${plan.skipReason}`]],
    );
    return;
  }
  if (!existsSync(plan.uvCacheDir)) {
    deps.log.info(`uv cache: not saved (${plan.uvCacheDir} does not exist: nothing was cached)`);
    return;
  }
  const started = performance.now();
  // --ci keeps what is expensive to rebuild (wheels built from source) and drops what is cheap to
  // download again, so the entry stays small.
  const prune = await deps.run(plan.uv, ['cache', 'prune', '--ci'], {
    env: { UV_CACHE_DIR: plan.uvCacheDir },
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
    plan.key,
  );
  const ms = performance.now() - started;
  const result =
    report.status === 'saved'
      ? `saved ${formatBytes(bytes)} in ${formatMs(ms)}`
      : report.status === 'exists'
        ? 'not saved: another job saved this key first'
        : report.status === 'unavailable'
          ? 'not saved: no cache service on this runner'
          : `not saved: ${report.problem}`;
  deps.log.info(`uv cache ${plan.key}: ${result}`);
  await writeSummaryTable('prepare-python: uv cache', ['key', 'result'], [[plan.key, result]]);
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
