// Issue 28, items 3 and 8 (docs/guarantees.md, section 10): what a job that can write the cache
// service can plant, restored by the bundles as a runner runs them, against the real v1 cache server;
// and a cache service that refuses a save for any other reason than "already exists" is a warning.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cacheKey } from '@ci-kit/cache';
import { createJob, leftovers, repoRoot, runAction, runMainAndPost, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { startCacheProxy, type CacheFault, type CacheProxy } from '../harness/cache-proxy';
import { seedCacheArchive } from '../harness/cache-seed';
import { listTree, publishTinyAt, tinyInputs, type TinyRelease } from './fixtures';
import { tally } from './tally';

const fixture = path.join(repoRoot, 'test/fixtures/py-app');
const warmImage = [path.dirname(toolsBin('uv'))];
const offline = { UV_OFFLINE: '1', UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels') };

let server: CacheServer;
let proxy: CacheProxy;
let mirror: Mirror;
let scratch: string;
const jobs: Job[] = [];
let labels = 0;

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

const cacheEnv = (url = server.url) => ({ ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: 'test-token' });
const oursIn = (dir: string) =>
  leftovers(listTree(dir)).filter((entry) => !/^[0-9a-f-]{36}(\/manifest\.txt)?$/.test(entry));

async function freshTool(): Promise<TinyRelease & { base: string }> {
  return publishTinyAt(mirror, `trust${++labels}`);
}

const toolKey = (release: TinyRelease) =>
  cacheKey('ci-kit-tool', 'mytool', '1.0.0', 'linux', 'x64', release.sha256);

const hasZstd = spawnSync('zstd', ['--version']).status === 0;

function sh(command: string, args: string[], cwd?: string): void {
  const done = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${done.stderr}`);
}

/** A forged entry's archive: a payload file plus one hostile member, compressed as the toolkit does. */
type Forgery = 'absolute' | 'dotdot' | 'link-then-file' | 'link-out';

/**
 * Builds the forged archive and the victim folder it aims at. `planted` is the file that must never
 * appear (absolute, dotdot, link-then-file); link-out plants only a link to the victim.
 */
async function forge(kind: Forgery): Promise<{ archive: string; victim: string; planted: string }> {
  const dir = await mkdtemp(path.join(scratch, `${kind}-`));
  const victim = path.join(dir, 'victim');
  const src = path.join(dir, 'src');
  await mkdir(victim);
  await mkdir(path.join(src, 'payload'), { recursive: true });
  await writeFile(path.join(src, 'payload', 'innocent.txt'), 'a file that belongs\n');
  await writeFile(path.join(src, 'evil'), '#!/bin/sh\necho planted\n');
  const planted = path.join(victim, `planted-${kind}`);
  const tar = path.join(dir, 'forged.tar');
  sh('tar', ['--posix', '-cf', tar, '-C', src, 'payload']);
  switch (kind) {
    case 'absolute':
      // -P keeps the leading slash in the stored name.
      await writeFile(planted, 'x');
      sh('tar', ['--posix', '-rPf', tar, planted]);
      await rm(planted);
      break;
    case 'dotdot': {
      const climb = `payload/${'../'.repeat(40)}${planted.slice(1)}`;
      sh('tar', ['--posix', '-rPf', tar, '-C', src, '--transform', `s,^evil$,${climb},`, 'evil']);
      break;
    }
    case 'link-then-file':
      await symlink(victim, path.join(src, 'payload', 'link'));
      sh('tar', ['--posix', '-rPf', tar, '-C', src, 'payload/link']);
      sh('tar', [
        '--posix',
        '-rPf',
        tar,
        '-C',
        src,
        '--transform',
        `s,^evil$,payload/link/${path.basename(planted)},`,
        'evil',
      ]);
      break;
    case 'link-out':
      await symlink(victim, path.join(src, 'payload', 'link'));
      sh('tar', ['--posix', '-rPf', tar, '-C', src, 'payload/link']);
      break;
  }
  const archive = `${tar}.${hasZstd ? 'zst' : 'gz'}`;
  if (hasZstd) sh('zstd', ['-q', '-f', '-o', archive, tar]);
  else sh('sh', ['-c', `gzip -c '${tar}' > '${archive}'`]);
  return { archive, victim, planted };
}

const refused = /^cache entry .+ refused, continuing without it: it holds .+; nothing from it was used$/;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-trust-'));
  server = await startCacheServer();
  proxy = await startCacheProxy(server.url);
  mirror = await startMirror();
});

afterEach(async () => {
  proxy.setFaults([]);
  mirror.reset();
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  await mirror?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const forgeries: Forgery[] = ['absolute', 'dotdot', 'link-then-file', 'link-out'];

describe('a forged remote cache entry is refused before anything of it is written (item 3)', () => {
  it.each(forgeries)('cached-tool, %s: one warning, installed from the download', async (kind) => {
    const tool = await freshTool();
    const forged = await forge(kind);
    await seedCacheArchive(server.url, toolKey(tool), forged.archive);
    tally.hostileInputs += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.source).toBe('download');
    expect(existsSync(forged.planted)).toBe(false);
    expect(listTree(forged.victim)).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(refused)]);
    expect(spawnSync(path.join(result.outputs.path as string, 'mytool')).status).toBe(0);
    expect(oursIn(job.temp)).toEqual([]);
  });

  it.each(forgeries)(
    'prepare-python, %s: one warning, no cache-hit, nothing written outside',
    async (kind) => {
      const suffix = `trust-${kind}`;
      const inputs = { install: 'none', 'nox-version': 'none', 'cache-suffix': suffix };
      const env = { ...offline, ...cacheEnv() };
      // A real run names the key; then the forged entry is saved under it.
      const first = await newJob();
      await cp(fixture, first.workspace, { recursive: true });
      const named = await runAction(first, 'prepare-python', { inputs, env, path: warmImage });
      const key = named.outputs['cache-key'] as string;
      expect(key).toMatch(/^ci-kit-uv-/);
      const forged = await forge(kind);
      await seedCacheArchive(server.url, key, forged.archive);
      tally.hostileInputs += 1;
      const job = await newJob();
      await cp(fixture, job.workspace, { recursive: true });
      const main = await runAction(job, 'prepare-python', { inputs, env, path: warmImage });
      expect(main.errors).toEqual([]);
      expect(main.exitCode).toBe(0);
      expect(existsSync(forged.planted)).toBe(false);
      expect(listTree(forged.victim)).toEqual([]);
      expect(main.warnings).toEqual([expect.stringMatching(refused)]);
      expect(main.outputs).toMatchObject({ 'cache-hit': 'false', 'cache-matched-key': '' });
      // Nothing of the entry, not even its innocent file, reached the uv cache folder.
      expect(listTree(job.temp).filter((entry) => entry.endsWith('innocent.txt'))).toEqual([]);
    },
  );
});

describe('a refused save is told apart from "another job saved this key first" (item 8)', () => {
  const rows: Array<[string, CacheFault, RegExp | undefined]> = [
    [
      '409 "already exists"',
      { on: 'reserve', status: 409, message: 'Cache already exists. Scope: refs/heads/main, Key: x' },
      undefined,
    ],
    [
      '403 forbidden',
      { on: 'reserve', status: 403, message: 'token may not write the cache' },
      /refused to reserve .*403|token may not write the cache/,
    ],
    [
      '404 not found',
      { on: 'reserve', status: 404, message: 'no such route' },
      /gave no reason \(an HTTP 404/,
    ],
    ['413 too large', { on: 'reserve', status: 413, message: 'entry too large' }, /entry too large/],
    [
      '400 over the size cap',
      { on: 'reserve', status: 400, message: 'Cache size of ~2 MB is over the data cap limit' },
      /over the data cap/,
    ],
    ['500 on reserve', { on: 'reserve', status: 500 }, /500/],
  ];

  it.each(rows)('cached-tool, %s', async (_name, fault, warning) => {
    const tool = await freshTool();
    proxy.setFaults([fault]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(proxy.url),
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.source).toBe('download');
    if (warning) {
      expect(result.warnings).toEqual([
        expect.stringMatching(/^cache save failed \(the job is not affected\): /),
      ]);
      expect(result.warnings[0]).toMatch(warning);
      expect(result.stdout).not.toContain('another job may be creating this cache');
    } else {
      expect(result.warnings).toEqual([]);
    }
  });

  it.each([
    ['409 "already exists"', { on: 'reserve', status: 409, message: 'Cache already exists. Scope: x' }, true],
    ['403 forbidden', { on: 'reserve', status: 403, message: 'token may not write the cache' }, false],
  ] as Array<[string, CacheFault, boolean]>)('prepare-python post, %s', async (name, fault, exists) => {
    proxy.setFaults([fault]);
    tally.faults += 1;
    const job = await newJob();
    await cp(fixture, job.workspace, { recursive: true });
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: {
        install: 'sync',
        'nox-version': 'none',
        'cache-suffix': `reserve-${name.slice(0, 3)}-${++labels}`,
      },
      env: { ...offline, ...cacheEnv(proxy.url) },
      path: warmImage,
    });
    // The fault is on reserve only: main's lookup (a miss) goes through.
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.exitCode).toBe(0);
    if (exists) {
      expect(run.post?.stdout).toContain('not saved: another job saved this key first');
      expect(run.post?.warnings).toEqual([]);
    } else {
      expect(run.post?.stdout).not.toContain('another job saved this key first');
      expect(run.post?.warnings).toEqual([
        expect.stringMatching(
          /^cache save failed \(the job is not affected\): .*token may not write the cache/,
        ),
      ]);
    }
  });
});
