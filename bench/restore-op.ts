// One restore of a uv cache entry through packages/cache, exactly as prepare-python makes it (restoreEntry
// with uv's absolute archive links allowed, into root/payload), in a process of its own like an action
// step, with the time split where it goes: loading @actions/cache, our probe of the service, the
// toolkit's restoreCache (lookup, download, its tar call, which our guard turns into a hard link), and
// what is ours after it (one decompression feeding both our member check and `tar -x`, checking the
// links, renames). Then, on hard links to the very archive the toolkit downloaded, that pass alone, and
// for reference its two halves each alone (reading every member; `tar -x --zstd`).
//   node restore-op.mjs <root> <key> <result.json>
// packages/cache is read, never changed: the parts are timed from outside.
import { execFile } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { RecordingLogger } from '../test/harness/recording-logger';
import {
  extractGuarded,
  probeCacheService,
  readTarMembers,
  restoreEntry,
  sniffCompression,
  type CacheService,
} from '@ci-kit/cache';

const run = promisify(execFile);
const [root, key, resultFile] = process.argv.slice(2);
if (!root || !key || !resultFile) {
  console.error('usage: restore-op.mjs <root> <key> <result.json>');
  process.exit(2);
}
/** Where withGuardedTar keeps the archive the toolkit downloaded (guarded-restore.ts's KEPT). */
const KEPT = path.join(root, '.restored-archive');
/** prepare-python's (restore-uv-cache.ts): uv links wheel entries to `<cache>/archive-vN/<id>`. */
const uvLink = (target: string): boolean =>
  /^\/(?:[^/]+\/)*archive-v\d+\/[A-Za-z0-9_-]+$/.test(target) && !target.split('/').includes('..');

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};

const work = await mkdtemp(path.join(path.dirname(root), 'restore-parts-'));
const copy = path.join(work, 'archive');
const ms: Record<string, number> = {};
try {
  // prepare-python preloads the toolkit while uv looks for Python; here its load is its own line.
  const [toolkit, importMs] = await time(() => import('@actions/cache'));
  ms.import = importMs;
  const service: CacheService = {
    available: () => true,
    probe: async () => {
      const [problem, probeMs] = await time(() => probeCacheService());
      ms.probe = probeMs;
      return problem;
    },
    restore: async (paths, primary, restoreKeys) => {
      const [matched, toolkitMs] = await time(() => toolkit.restoreCache(paths, primary, restoreKeys));
      ms.toolkit = toolkitMs;
      // The guard kept the downloaded archive; a second link to it outlives extractGuarded's rm.
      await link(KEPT, copy).catch(() => undefined);
      return matched;
    },
    save: () => Promise.resolve(-1),
  };
  const log = new RecordingLogger();
  const [report, totalMs] = await time(() =>
    restoreEntry({ service, log, root }, key, [], { into: path.join(root, 'payload'), allowLink: uvLink }),
  );
  ms.total = totalMs;
  // Since the process started (performance's time origin): node's start-up, the bundle, the restore.
  ms.sinceStart = performance.now();
  if (report.status !== 'hit')
    throw new Error(`restore: ${report.status} ${log.lines('warning').join('; ')}`);
  ms.ours = totalMs - (ms.toolkit ?? 0) - (ms.probe ?? 0);

  // Our parts alone, on the same archive (now in the page cache, as it was for restoreEntry).
  const archiveBytes = (await stat(copy)).size;
  const guardedRoot = path.join(work, 'guarded');
  await mkdir(guardedRoot);
  const single = path.join(work, 'archive-for-guarded');
  await link(copy, single);
  const [problem, guardedMs] = await time(() => extractGuarded(guardedRoot, single, uvLink));
  if (problem) throw new Error(`extractGuarded: ${problem.text}`);
  ms.guarded = guardedMs;
  await rm(guardedRoot, { recursive: true, force: true });
  const [members, listMs] = await time(() => readTarMembers(copy));
  ms.list = listMs;
  const dest = path.join(work, 'x');
  await mkdir(dest);
  const compression = await sniffCompression(copy);
  const flag = compression === 'zstd' ? ['--zstd'] : compression === 'gzip' ? ['-z'] : [];
  const [, extractMs] = await time(() =>
    run('tar', ['-x', ...flag, '--no-same-owner', '-C', dest, '-f', copy], { maxBuffer: 4 * 1024 * 1024 }),
  );
  ms.extract = extractMs;
  // extractGuarded's linkLeaving: every entry read back, every symbolic link's target read.
  const [, walkMs] = await time(async () => {
    for (const entry of await readdir(dest, { recursive: true, withFileTypes: true })) {
      if (entry.isSymbolicLink()) await readlink(path.join(entry.parentPath, entry.name));
    }
  });
  ms.walk = walkMs;
  const [, rmMs] = await time(() => rm(dest, { recursive: true, force: true }));
  ms.rm = rmMs;
  await writeFile(
    resultFile,
    JSON.stringify({ status: report.status, ms, archiveBytes, members: members.length, compression }),
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
process.exit(0);
