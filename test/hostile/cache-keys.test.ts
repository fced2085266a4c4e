// Guarantee 7 (cache poisoning): an entry written under one key is never restored as a hit for another
// lockfile or another tool. Key derivation is checked with inputs built to look alike (swapped contents,
// moved files, names that join to the same words), and, through the bundle, two unverified tools whose
// names and versions join to the same words must not get each other's archive from the remote cache.
// (A poisoned entry under the right key is in cache-faults.test.ts: it is re-verified and refused.)
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cacheKey } from '@ci-kit/cache';
import {
  hashDependencyFiles,
  matchDependencyFiles,
  uvCacheKeys,
} from '../../actions/prepare-python/src/cache-key';
import { createJob, runAction, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, type CacheServer } from '../harness/cache-server';
import { makeTarGz } from '../harness/tarball';
import { tally } from './tally';

const linux = { os: 'linux' as const, arch: 'x64' as const, libc: 'gnu' as const };

describe('uv cache keys', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'ci-kit-keys-'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  async function keyOf(files: Record<string, string>, python = '3.13', suffix = ''): Promise<string> {
    await rm(workspace, { recursive: true, force: true });
    for (const [name, body] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
      await writeFile(path.join(workspace, name), body);
    }
    const matched = await matchDependencyFiles(['**/uv.lock', '**/pyproject.toml'], workspace);
    tally.hostileInputs += 1;
    return uvCacheKeys(
      linux,
      'debian-13-glibc2.41',
      `py${python}`,
      await hashDependencyFiles(matched, workspace),
      suffix,
      'v0a1b2c3d4',
    ).key;
  }

  it('look-alike inputs never share a key', async () => {
    const keys = [
      await keyOf({ 'uv.lock': 'A', 'pyproject.toml': 'B' }),
      await keyOf({ 'uv.lock': 'B', 'pyproject.toml': 'A' }), // contents swapped
      await keyOf({ 'app/uv.lock': 'A', 'pyproject.toml': 'B' }), // lockfile moved
      await keyOf({ 'uv.lock': 'AB', 'pyproject.toml': '' }), // content moved across the boundary
      await keyOf({ 'uv.lock': 'A\0pyproject.toml', 'pyproject.toml': 'B' }), // a separator in content
      await keyOf({ 'a/uv.lock': 'A', 'b/uv.lock': 'B' }),
      await keyOf({ 'a/uv.lock': 'B', 'b/uv.lock': 'A' }),
      await keyOf({ 'uv.lock': 'A', 'pyproject.toml': 'B' }, '3.1'),
      await keyOf({ 'uv.lock': 'A', 'pyproject.toml': 'B' }, '3.13', 'gpu'),
      await keyOf({ 'uv.lock': 'A', 'pyproject.toml': 'B', '.venv/uv.lock': 'ignored?' }), // .venv is excluded
    ];
    // The last one equals the first: files the job itself makes (.venv) never change the key.
    expect(keys[9]).toBe(keys[0]);
    expect(new Set(keys.slice(0, 9)).size).toBe(9);
    // Same files, found in another order: the same key on every machine.
    expect(await keyOf({ 'b/uv.lock': 'B', 'a/uv.lock': 'A' })).toBe(keys[5]);
  });

  it('a restore key of one Python version never matches another (3.1 is not a prefix of 3.13)', () => {
    const py31 = uvCacheKeys(linux, 'debian-13-glibc2.41', 'py3.1', 'a'.repeat(64), '', 'v0a1b2c3d4');
    const py313 = uvCacheKeys(linux, 'debian-13-glibc2.41', 'py3.13', 'a'.repeat(64), '', 'v0a1b2c3d4');
    const py313t = uvCacheKeys(linux, 'debian-13-glibc2.41', 'py3.13t', 'a'.repeat(64), '', 'v0a1b2c3d4');
    for (const [a, b] of [
      [py31, py313],
      [py313, py31],
      [py313, py313t],
      [py313t, py313],
    ] as const) {
      for (const prefix of a.restoreKeys) expect([a.key, b.key.startsWith(prefix)]).toEqual([a.key, false]);
    }
  });

  it('characters outside the key alphabet cannot make two parts collide silently into another key shape', () => {
    // cacheKey replaces what the toolkit cannot take; the parts our actions pass are validated first
    // (cache-suffix: letters, digits, . _ + -), so this only documents the mapping.
    expect(cacheKey('a', 'b c')).toBe('a-b_c');
    expect(cacheKey('a', 'b,c')).toBe('a-b_c');
  });
});

describe('tool keys without a checksum (verify: false)', () => {
  let mirror: Mirror;
  let server: CacheServer;
  const jobs: Job[] = [];
  beforeAll(async () => {
    mirror = await startMirror();
    server = await startCacheServer();
  });
  afterAll(async () => {
    await Promise.all(jobs.map((job) => job.cleanup()));
    await mirror?.stop();
    await server?.stop();
  });

  it('x-1.0.0 at 2.0.0 and x at 1.0.0-2.0.0 (the same words once joined) never restore each other', async () => {
    const tool = async (binary: string, says: string) => {
      const body = await makeTarGz([{ path: binary, body: `#!/bin/sh\necho ${says}\n`, mode: 0o755 }]);
      mirror.addFile(`/${says}/t.tar.gz`, body);
      return `${mirror.url}/${says}/t.tar.gz`;
    };
    const env = { ACTIONS_CACHE_URL: server.url, ACTIONS_RUNTIME_TOKEN: 'test-token' };
    const run = async (binary: string, version: string, url: string) => {
      const job = await createJob();
      jobs.push(job);
      return runAction(job, 'cached-tool', {
        inputs: { tool: 'custom', binary, version, url, verify: 'false', cache: 'true' },
        env,
      });
    };
    const first = await run('x-1.0.0', '2.0.0', await tool('x-1.0.0', 'first'));
    expect(first.outputs.source).toBe('download');
    const second = await run('x', '1.0.0-2.0.0', await tool('x', 'second'));
    tally.hostileInputs += 2;
    expect(second.exitCode).toBe(0);
    expect(second.outputs.source).toBe('download');
    const ran = spawnSync(path.join(second.outputs.path as string, 'x'), { encoding: 'utf8' });
    expect(ran.stdout.trim()).toBe('second');
  });
});
