// Writes an entry straight into a cache service with @actions/cache, the way a job of another
// workflow (or an attacker who can write to the cache) would: any files, under any key. The paths are
// saved as our actions save them (the one relative path `payload` under a root that is the workspace,
// see packages/cache/src/stable-root.ts), so the entry has the version our restores ask for.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './action-manifest';

const SCRIPT = `
const cache = await import(process.env.CI_KIT_CACHE_MODULE);
const id = await cache.saveCache(['payload'], process.env.CI_KIT_KEY);
if (id === -1) { console.error('not saved'); process.exit(1); }
console.log(id);
`;

/**
 * Runs `script` in a node of its own in `root` (the caller made `root/temp`), with the environment a job
 * step has for the cache service, `CI_KIT_KEY` and `extra`; resolves to the entry id it prints last.
 */
async function runAsJob(
  root: string,
  cacheUrl: string,
  key: string,
  script: string,
  extra: Record<string, string>,
): Promise<number> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ACTIONS_CACHE_URL: cacheUrl,
    ACTIONS_RUNTIME_TOKEN: 'test-token',
    GITHUB_SERVER_URL: 'https://forge.invalid',
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: path.join(root, 'temp'),
    CI_KIT_KEY: key,
    ...extra,
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`seeding cache key ${key} failed (${code}): ${out}`);
  return Number(out.trim().split('\n').pop());
}

/** Saves `files` (paths relative to the payload folder) under `key`; resolves to the entry id. */
export async function seedCacheEntry(
  cacheUrl: string,
  key: string,
  files: Record<string, Buffer | string>,
): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'ci-kit-seed-'));
  try {
    for (const [name, body] of Object.entries(files)) {
      const file = path.join(root, 'payload', name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
    }
    await mkdir(path.join(root, 'temp'));
    return await runAsJob(root, cacheUrl, key, SCRIPT, {
      CI_KIT_CACHE_MODULE: pathToFileURL(path.join(repoRoot, 'node_modules/@actions/cache/lib/cache.js'))
        .href,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const ARCHIVE_SCRIPT = `
const base = process.env.CI_KIT_CACHE_LIB;
const http = await import(base + '/internal/cacheHttpClient.js');
const utils = await import(base + '/internal/cacheUtils.js');
const fs = await import('node:fs');
const compressionMethod = await utils.getCompressionMethod();
const cacheSize = fs.statSync(process.env.CI_KIT_ARCHIVE).size;
const reserved = await http.reserveCache(process.env.CI_KIT_KEY, ['payload'], { compressionMethod, cacheSize });
const id = reserved?.result?.cacheId;
if (!id) { console.error('not reserved: ' + JSON.stringify(reserved?.error?.message ?? reserved?.statusCode)); process.exit(1); }
await http.saveCache(id, process.env.CI_KIT_ARCHIVE, '', {});
console.log(id);
`;

/**
 * Uploads an archive made by hand (`archive`, compressed as the toolkit on this machine compresses:
 * zstd when zstd is on PATH, else gzip) under `key`, with the version our restores ask for: what a
 * job that can write the cache service can plant, absolute names, `..` and links included.
 */
export async function seedCacheArchive(cacheUrl: string, key: string, archive: string): Promise<number> {
  const root = await mkdtemp(path.join(tmpdir(), 'ci-kit-seed-'));
  try {
    await mkdir(path.join(root, 'temp'));
    return await runAsJob(root, cacheUrl, key, ARCHIVE_SCRIPT, {
      CI_KIT_ARCHIVE: archive,
      CI_KIT_CACHE_LIB: pathToFileURL(path.join(repoRoot, 'node_modules/@actions/cache/lib')).href,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
