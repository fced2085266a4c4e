// Table 4: save and restore of a generated uv cache through the cache stack our actions use
// (packages/cache → @actions/cache → the real v1 cache server on loopback), against tar with the same
// zstd settings @actions/cache uses, to and from local disk: the physical limit on this machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { startCacheServer } from '../test/harness/cache-server';
import { generateUvCache } from './uv-cache-gen';
import { fmtBytes, fmtMs, fmtRatio, fmtSpread, markdownTable, spread } from './stats';
import type { World } from './world';

/**
 * What @actions/cache 6 runs: with zstd installed, `zstdmt --long=30` to create and `unzstd --long=30`
 * to extract; without it, gzip. The local baseline uses the same, so only the transport differs.
 */
function compression(): { create: string[]; extract: string[]; label: string } {
  if (spawnSync('zstd', ['--version']).status === 0) {
    return {
      create: ['--use-compress-program', 'zstdmt --long=30'],
      extract: ['--use-compress-program', 'unzstd --long=30'],
      label: '`tar` + `zstdmt --long=30`, local disk',
    };
  }
  return {
    create: ['-z'],
    extract: ['-z'],
    label: '`tar -z` (no zstd here, so gzip, as @actions/cache), local disk',
  };
}

export async function cacheTable(
  world: World,
  bundleDir: string,
  sizeMb: number,
  reps: number,
  log: (line: string) => void,
): Promise<{ markdown: string; saveRatio: number; restoreRatio: number }> {
  const codec = compression();
  const work = await mkdtemp(path.join(world.scratch, 'cache-'));
  const server = await startCacheServer({ dir: path.join(work, 'server') });
  try {
    const source = path.join(work, 'source');
    log(`table 4: generating a ${sizeMb} MB uv-cache-like folder`);
    const generated = await generateUvCache(path.join(source, 'payload'), sizeMb * 1024 * 1024);
    const expected = await folderStats(path.join(source, 'payload'));
    const samples = {
      tarSave: [] as number[],
      tarRestore: [] as number[],
      cacheSave: [] as number[],
      cacheRestore: [] as number[],
    };
    let tarArchive = 0;
    let cacheArchive = 0;
    for (let rep = 0; rep < reps; rep++) {
      // Alternate which side goes first, so neither always inherits the other's page cache.
      const sides = rep % 2 === 0 ? (['tar', 'cache'] as const) : (['cache', 'tar'] as const);
      for (const side of sides) {
        const dest = path.join(work, `restored-${side}-${rep}`);
        if (side === 'tar') {
          const archive = path.join(work, `local-${rep}.tar`);
          samples.tarSave.push(
            await timed('tar', ['--posix', '-cf', archive, ...codec.create, '-C', source, 'payload']),
          );
          tarArchive = (await stat(archive)).size;
          await mkdir(dest, { recursive: true });
          samples.tarRestore.push(await timed('tar', ['-xf', archive, ...codec.extract, '-C', dest]));
          await rm(archive, { force: true });
        } else {
          const key = `bench-uv-cache-${process.pid}-${rep}`;
          const saved = await cacheOp(bundleDir, work, server.url, 'save', source, key);
          if (saved.status !== 'saved')
            throw new Error(`cache save: ${saved.status} ${saved.warnings.join('; ')}`);
          samples.cacheSave.push(saved.ms);
          cacheArchive = saved.archiveBytes;
          const restored = await cacheOp(bundleDir, work, server.url, 'restore', dest, key);
          if (restored.status !== 'hit')
            throw new Error(`cache restore: ${restored.status} ${restored.warnings.join('; ')}`);
          samples.cacheRestore.push(restored.ms);
        }
        const got = await folderStats(path.join(dest, 'payload'));
        if (got.files !== expected.files || got.bytes !== expected.bytes) {
          throw new Error(
            `${side} restored ${got.files} files / ${got.bytes} B, expected ${expected.files} / ${expected.bytes}`,
          );
        }
        await rm(dest, { recursive: true, force: true });
      }
    }
    const s = {
      tarSave: spread(samples.tarSave),
      tarRestore: spread(samples.tarRestore),
      cacheSave: spread(samples.cacheSave),
      cacheRestore: spread(samples.cacheRestore),
    };
    const mbps = (ms: number) => `${(generated.bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MiB/s`;
    const saveRatio = s.cacheSave.median / s.tarSave.median;
    const restoreRatio = s.cacheRestore.median / s.tarRestore.median;
    const roundTrip = (s.cacheSave.median + s.cacheRestore.median) / (s.tarSave.median + s.tarRestore.median);
    const rows = [
      [
        'save',
        fmtSpread(s.cacheSave),
        mbps(s.cacheSave.median),
        fmtSpread(s.tarSave),
        mbps(s.tarSave.median),
        fmtRatio(saveRatio),
      ],
      [
        'restore',
        fmtSpread(s.cacheRestore),
        mbps(s.cacheRestore.median),
        fmtSpread(s.tarRestore),
        mbps(s.tarRestore.median),
        fmtRatio(restoreRatio),
      ],
      [
        'save + restore',
        fmtMs(s.cacheSave.median + s.cacheRestore.median),
        '',
        fmtMs(s.tarSave.median + s.tarRestore.median),
        '',
        fmtRatio(roundTrip),
      ],
    ];
    const markdown = [
      `Folder: ${generated.files} files, ${fmtBytes(generated.bytes)} (${generated.largeFiles} incompressible wheels, ${fmtBytes(generated.largeBytes)}; the rest small files averaging ${fmtBytes((generated.bytes - generated.largeBytes) / Math.max(1, generated.files - generated.largeFiles))}). ` +
        `Archive: ${fmtBytes(cacheArchive)} in the cache service, ${fmtBytes(tarArchive)} on disk. n=${reps} each, alternating order.`,
      '',
      markdownTable(
        [
          'operation',
          'cache service (packages/cache, loopback)',
          'throughput',
          codec.label,
          'throughput',
          'cache ÷ tar',
        ],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
    ].join('\n');
    return { markdown, saveRatio, restoreRatio };
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

export async function cacheOp(
  bundleDir: string,
  work: string,
  cacheUrl: string,
  op: 'save' | 'restore',
  root: string,
  key: string,
): Promise<{ status: string; ms: number; warnings: string[]; archiveBytes: number }> {
  const resultFile = path.join(work, `${op}-result.json`);
  const temp = await mkdtemp(path.join(work, 'runner-temp-'));
  try {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: work,
      RUNNER_TEMP: temp,
      ACTIONS_CACHE_URL: cacheUrl,
      ACTIONS_RUNTIME_TOKEN: 'bench-token',
      GITHUB_WORKSPACE: root,
    };
    const { code, stdout } = await exitOf(
      process.execPath,
      [path.join(bundleDir, 'cache-op.mjs'), op, root, key, resultFile],
      env,
    );
    if (code !== 0) throw new Error(`cache-op ${op} exited ${code}`);
    const result = JSON.parse(await readFile(resultFile, 'utf8')) as {
      status: string;
      ms: number;
      warnings: string[];
    };
    // @actions/cache logs the archive it made or fetched: "Cache Size: ~12 MB (12582912 B)".
    const archiveBytes = Number(/Cache Size: ~\d+ MB \((\d+) B\)/.exec(stdout)?.[1] ?? Number.NaN);
    return { ...result, archiveBytes };
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(resultFile, { force: true });
  }
}

async function timed(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const { code } = await exitOf(command, args, process.env);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
  return performance.now() - started;
}

function exitOf(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-64_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) process.stderr.write(stderr);
      resolve({ code, stdout });
    });
  });
}

async function folderStats(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
