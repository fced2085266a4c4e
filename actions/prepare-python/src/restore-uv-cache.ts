import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { restoreEntry, type RestoreReport } from '@ci-kit/cache';
import { errorMessage, type Platform } from '@ci-kit/runner';
import type { PreparePythonInputs } from './inputs';
import { Outputs } from './names';
import { encodePlan, State, type PostPlan } from './state';
import { saveBlockedBy } from './save-policy';
import {
  cacheVariant,
  hashDependencyFiles,
  matchDependencyFiles,
  NO_FILES_MARKER,
  uvCacheKeys,
} from './cache-key';
import { findLock } from './install-deps';
import { lockedPackages } from './lock-packages';
import { wheelEntries, writeInventory } from './prune-unused';
import { relinkArchives } from './relink-archives';
import type { Deps } from './run';

export interface CacheContext {
  platform: Platform;
  /** The interpreter's key tag (python.ts abiTag): `py3.13`, `py3.13t`. */
  python: string;
  /** The Python request the job made ('' when uv reads the project's own). */
  pythonRequest: string;
  /** The interpreter itself: post compiles the cached packages' bytecode with it. */
  pythonPath: string;
  workspace: string;
  projectDir: string;
  stagingRoot: string;
  uvCacheDir: string;
  uv: string;
}

export interface UvCacheRestore {
  report: RestoreReport;
  key: string;
}

/** The inventory a fallback restore leaves for post (prune-unused.ts); never saved with the entry. */
const INVENTORY = 'restored-wheels.json';

/**
 * Restores the uv cache and tells post what to do with it. The key names everything that changes what
 * the job puts in the cache (the lock, the interpreter's ABI, the install mode and sync arguments, the
 * prune mode, the Python request, whether bytecode is cached), so `cache-hit: true` means the entry
 * serves this very job.
 */
export async function restoreUvCache(
  inputs: PreparePythonInputs,
  deps: Deps,
  ctx: CacheContext,
): Promise<UvCacheRestore> {
  const files = await matchDependencyFiles(inputs.cacheDependencyGlob, ctx.workspace, deps.log);
  if (files.length === 0) {
    deps.log.warning(
      `cache-dependency-glob matched no file in ${ctx.workspace} (${inputs.cacheDependencyGlob.join(', ')}); the cache key uses '${NO_FILES_MARKER}'`,
    );
  } else {
    deps.log.info(`cache key from ${files.length} file(s): ${files.join(', ')}`);
  }
  const hash = files.length === 0 ? NO_FILES_MARKER : await hashDependencyFiles(files, ctx.workspace);
  const variant = cacheVariant({
    install: inputs.install,
    syncArgs: inputs.syncArgs,
    prune: inputs.pruneCache,
    pythonRequest: ctx.pythonRequest,
    bytecode: inputs.cacheBytecode,
  });
  deps.log.info(`cache variant ${variant.id}: ${variant.description}`);
  const { key, restoreKeys } = uvCacheKeys(
    ctx.platform,
    deps.system(),
    ctx.python,
    hash,
    inputs.cacheSuffix,
    variant.id,
  );
  deps.commands.setOutput(Outputs.CacheKey, key);

  let report: RestoreReport = { status: 'miss' };
  if (inputs.cache) {
    report = await restoreEntry(
      { service: deps.cacheService, log: deps.log, root: ctx.stagingRoot },
      key,
      restoreKeys,
      // uv links its wheel entries to `<its cache folder>/archive-vN/<id>` by absolute path: those
      // links are kept (they name the saving runner's folder); any other link out refuses the entry.
      {
        into: ctx.uvCacheDir,
        allowLink: (target) =>
          /^\/(?:[^/]+\/)*archive-v\d+\/[A-Za-z0-9_-]+$/.test(target) && !target.split('/').includes('..'),
      },
    );
  }
  if (report.status === 'hit' || report.status === 'partial') {
    const relinked = await relinkArchives(ctx.uvCacheDir).catch(() => 0);
    if (relinked > 0)
      deps.log.info(`pointed ${relinked} restored wheel link(s) at this runner's uv cache folder`);
  }
  const hit = report.status === 'hit';
  deps.commands.setOutput(Outputs.CacheHit, String(hit));
  deps.commands.setOutput(Outputs.CacheMatchedKey, report.matchedKey ?? '');
  deps.log.info(describeRestore(report, key));

  const skipReason = !inputs.cache
    ? 'cache: false'
    : hit
      ? 'exact cache hit'
      : report.serviceDown
        ? 'the cache service did not answer the restore (see the warning above)'
        : saveBlockedBy(inputs.saveCache, deps.env.GITHUB_EVENT_NAME ?? '', deps.env.GITHUB_REF ?? '');
  if (skipReason && inputs.cache && !hit)
    deps.log.info(`the post step will not save the uv cache: ${skipReason}`);
  const inventoryFile =
    !skipReason && report.status === 'partial' && inputs.pruneCache === 'unused'
      ? await recordFallback(files, ctx).catch((error: unknown) => {
          deps.log.info(`the post step keeps every restored wheel: ${errorMessage(error)}`);
          return undefined;
        })
      : undefined;
  const plan: PostPlan = {
    save: skipReason === undefined,
    ...(skipReason ? { skipReason } : {}),
    key,
    matchedKey: report.matchedKey ?? '',
    stagingRoot: ctx.stagingRoot,
    uvCacheDir: ctx.uvCacheDir,
    uv: ctx.uv,
    prune: inputs.pruneCache,
    ...(inventoryFile ? { inventoryFile } : {}),
    ...(inputs.cacheBytecode ? { python: ctx.pythonPath } : {}),
  };
  deps.commands.saveState(State.Plan, encodePlan(plan));
  return { report, key };
}

/**
 * After a fallback restore: which wheel entries came from the older entry, and what the project's locks
 * pin now, so post can drop the old lock's leftovers. The locks: those the dependency glob matched,
 * else the one that governs the project.
 */
async function recordFallback(files: string[], ctx: CacheContext): Promise<string | undefined> {
  const locks = files
    .filter((file) => path.basename(file) === 'uv.lock')
    .map((file) => path.join(ctx.workspace, file));
  if (locks.length === 0) {
    const governing = findLock(ctx.projectDir, ctx.workspace);
    if (governing) locks.push(governing);
  }
  if (locks.length === 0) return undefined;
  const locked = new Set<string>();
  for (const lock of locks) {
    for (const pin of lockedPackages(await readFile(lock, 'utf8'))) locked.add(pin);
  }
  const file = path.join(ctx.stagingRoot, INVENTORY);
  await writeInventory(file, { entries: await wheelEntries(ctx.uvCacheDir), locked: [...locked] });
  return file;
}

export function describeRestore(report: RestoreReport, key: string): string {
  switch (report.status) {
    case 'hit':
      return `hit: ${key}`;
    case 'partial':
      return `restored fallback ${report.matchedKey} (primary ${key} missed)`;
    case 'miss':
      return `miss: ${key}`;
    case 'unavailable':
      return 'no cache service on this runner';
    case 'failed':
      return `restore failed: ${report.problem}`;
  }
}
