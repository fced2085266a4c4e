// Guarantee 2 (cache trouble is one warning, never a failure, and a damaged restore leaves nothing
// behind) and guarantee 7's second half (what comes out of the remote cache is verified again), against
// the real v1 cache server, with a fault-injecting proxy in front of it for what the server's own
// --fail-status cannot do: one kind of request only, slowness, damaged archives.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { cacheKey } from '@ci-kit/cache';
import { createJob, repoRoot, runAction, runMainAndPost, type Job, leftovers } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { startCacheProxy, type CacheFault, type CacheProxy } from '../harness/cache-proxy';
import { seedCacheEntry } from '../harness/cache-seed';
import { makeTarGz } from '../harness/tarball';
import { listTree, publishTinyAt, tinyInputs, type TinyRelease } from './fixtures';
import { tally } from './tally';

const fixture = path.join(repoRoot, 'test/fixtures/py-app');
const warmImage = [path.dirname(toolsBin('uv'))];
const DOWN = 'http://127.0.0.1:9/0123456789abcdef0123456789abcdef/';

let server: CacheServer;
let proxy: CacheProxy;
let mirror: Mirror;
const jobs: Job[] = [];
let labels = 0;

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

const cacheEnv = (url = proxy.url) => ({ ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: 'test-token' });

/**
 * What our actions leave in RUNNER_TEMP (the toolkit's own save leaves a `<uuid>/manifest.txt`, which
 * nothing reads again and the runner removes with the job).
 */
const oursIn = (dir: string) =>
  leftovers(listTree(dir)).filter((entry) => !/^[0-9a-f-]{36}(\/manifest\.txt)?$/.test(entry));

/** A tiny tool of its own, so no other test's cache entry can answer for it. */
async function freshTool(): Promise<TinyRelease & { base: string }> {
  return publishTinyAt(mirror, `t${++labels}`);
}

function toolKey(release: TinyRelease): string {
  return cacheKey('ci-kit-tool', 'mytool', '1.0.0', 'linux', 'x64', release.sha256);
}

beforeAll(async () => {
  server = await startCacheServer();
  proxy = await startCacheProxy(server.url);
  mirror = await startMirror();
});

afterEach(async () => {
  proxy.setFaults([]);
  proxy.requests.length = 0;
  mirror.reset();
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  await mirror?.stop();
});

describe('cached-tool: the remote cache service in trouble', () => {
  const rows: Array<[string, CacheFault[] | 'down', RegExp | undefined]> = [
    ['down (connection refused)', 'down', /^cache restore failed, continuing without cache: /],
    [
      'HTTP 500 on every request',
      [{ on: 'any', status: 500 }],
      /^cache restore failed, continuing without cache: /,
    ],
    [
      'an HTML 502 page from a reverse proxy',
      [{ on: 'any', status: 502, html: true }],
      /^cache restore failed/,
    ],
    ['slow (every request 1 s late)', [{ on: 'any', delayMs: 1000 }], undefined],
    [
      'HTTP 500 on upload only',
      [{ on: 'upload', status: 500 }],
      /^cache save failed \(the job is not affected\): /,
    ],
    // @actions/http-client waits forever on a JSON answer cut off mid-body; Node then exits 13 with
    // no message unless packages/cache notices the stranded call (stranded.ts).
    [
      'the lookup answer cut off mid-body',
      [{ on: 'lookup', cut: true }],
      /^cache restore failed, continuing without cache: /,
    ],
    [
      'the reserve answer cut off mid-body',
      [{ on: 'reserve', cut: true }],
      /^cache save failed \(the job is not affected\): .*stopped making progress/,
    ],
    [
      '409 "already exists" on reserve',
      [{ on: 'reserve', status: 409, message: 'Cache already exists. Scope: refs/heads/main, Key: x' }],
      undefined,
    ],
  ];

  it.each(rows)('%s: installs from the download, at most one warning', async (_name, faults, warning) => {
    const tool = await freshTool();
    if (faults !== 'down') proxy.setFaults(faults);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(faults === 'down' ? DOWN : proxy.url),
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.source).toBe('download');
    expect(result.warnings).toEqual(warning ? [expect.stringMatching(warning)] : []);
    expect(spawnSync(path.join(result.outputs.path as string, 'mytool')).status).toBe(0);
    expect(oursIn(job.temp)).toEqual([]);
  });

  it('slow service: the entry it saved is restored by the next runner', async () => {
    const tool = await freshTool();
    proxy.setFaults([{ on: 'any', delayMs: 500 }]);
    const first = await runAction(await newJob(), 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(first.outputs.source).toBe('download');
    mirror.reset();
    const second = await runAction(await newJob(), 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(second.warnings).toEqual([]);
    expect(second.outputs.source).toBe('remote-cache');
    expect(mirror.requests).toEqual([]);
  });
});

describe('cached-tool: a damaged or poisoned remote cache entry is never used', () => {
  it.each([
    ['truncated download', { on: 'download', damage: 'truncate', keep: 0.5 }],
    ['archive cut short (matching length)', { on: 'download', damage: 'short', keep: 0.6 }],
    ['corrupt bytes', { on: 'download', damage: 'corrupt', keep: 0.3 }],
    ['stalled download', { on: 'download', damage: 'stall', keep: 0.3 }],
  ] as Array<[string, CacheFault]>)('%s: one warning, then a verified download', async (_name, fault) => {
    const tool = await freshTool();
    const inputs = tinyInputs(tool.base, tool.sha256, { cache: 'true' });
    const seeded = await runAction(await newJob(), 'cached-tool', { inputs, env: cacheEnv() });
    expect(seeded.outputs.source).toBe('download');
    mirror.reset();

    proxy.setFaults([fault]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs, env: cacheEnv() });
    expect(proxy.requests.filter((r) => r.fault)).toHaveLength(1);
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^cache restore failed, continuing without cache: /),
    ]);
    expect(result.outputs.source).toBe('download');
    expect(mirror.requestsFor(tool.urlPath)).toHaveLength(1);
    expect(
      spawnSync(path.join(result.outputs.path as string, 'mytool'), { encoding: 'utf8' }).stdout,
    ).toContain('1.0.0');
    expect(oursIn(job.temp)).toEqual([]);
  });

  it('an entry holding other bytes under the right key is re-verified, refused and replaced by a download', async () => {
    const tool = await freshTool();
    const evil = await makeTarGz([
      { path: 'tool-bin/mytool', body: '#!/bin/sh\necho poisoned\n', mode: 0o755 },
    ]);
    await seedCacheEntry(server.url, toolKey(tool), { [tool.fileName]: evil });
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^remote cache entry for ${tool.fileName} has sha256 [0-9a-f]{64}, expected ${tool.sha256}; downloading instead$`,
        ),
      ),
    ]);
    expect(result.outputs).toMatchObject({ source: 'download', sha256: tool.sha256 });
    const ran = spawnSync(path.join(result.outputs.path as string, 'mytool'), { encoding: 'utf8' });
    expect(ran.stdout).not.toContain('poisoned');
    expect(mirror.requestsFor(tool.urlPath)).toHaveLength(1);
  });

  it('an entry under the right key without the archive is a miss, not a failure', async () => {
    const tool = await freshTool();
    await seedCacheEntry(server.url, toolKey(tool), { 'unrelated.txt': 'not the archive\n' });
    const result = await runAction(await newJob(), 'cached-tool', {
      inputs: tinyInputs(tool.base, tool.sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.source).toBe('download');
    expect(result.warnings).toEqual([
      expect.stringMatching(/remote cache entry holds no mytool-linux-x64\.tar\.gz/),
    ]);
  });
});

describe('prepare-python: the uv cache in trouble', () => {
  async function projectJob(): Promise<Job> {
    const job = await newJob();
    await cp(fixture, job.workspace, { recursive: true });
    return job;
  }
  const offline = { UV_OFFLINE: '1', UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels') };
  /** Every staging folder of the job's steps (ci-kit-uv-cache-*), where a restore lands by default. */
  const payloadOf = (job: Job) => job.temp;

  it.each([
    // down (connection refused) is in test/integration/prepare-python.test.ts, with the same assertions.
    // Post learns from main that the service failed the lookup and does not ask it again.
    ['HTTP 500 on every request', [{ on: 'any', status: 500 }], 'restore', undefined],
    ['slow (every request 0.5 s late)', [{ on: 'any', delayMs: 500 }], undefined, undefined],
    ['HTTP 500 on commit only', [{ on: 'commit', status: 500 }], undefined, 'save'],
    [
      '409 "already exists" on reserve',
      [{ on: 'reserve', status: 409, message: 'Cache already exists. Scope: refs/heads/main, Key: x' }],
      undefined,
      undefined,
    ],
  ] as Array<[string, CacheFault[] | 'down', string | undefined, string | undefined]>)(
    '%s: main and post stay green, one warning each at most',
    async (name, faults, mainWarns, postWarns) => {
      if (faults !== 'down') proxy.setFaults(faults);
      tally.faults += 1;
      const job = await projectJob();
      const run = await runMainAndPost(job, 'prepare-python', {
        inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': `svc-${name.length}-${labels++}` },
        env: { ...offline, ...cacheEnv(faults === 'down' ? DOWN : proxy.url) },
        path: warmImage,
      });
      expect(run.main.errors).toEqual([]);
      expect(run.main.exitCode).toBe(0);
      expect(run.main.warnings).toEqual(mainWarns ? [expect.stringMatching(/^cache restore failed/)] : []);
      expect(run.post?.errors).toEqual([]);
      expect(run.post?.exitCode).toBe(0);
      expect(run.post?.warnings).toEqual(postWarns ? [expect.stringMatching(/^cache save failed/)] : []);
      if (name.startsWith('409'))
        expect(run.post?.stdout).toContain('not saved: another job saved this key first');
      if (name.startsWith('slow')) expect(run.post?.stdout).toMatch(/: saved /);
      if (name.startsWith('HTTP 500 on every'))
        expect(run.post?.stdout).toContain('not saved (the cache service did not answer the restore');
    },
  );

  describe('a damaged archive on restore', () => {
    let seededKey = '';
    /** 40 marker files of 24 KiB each (incompressible): an archive of many zstd blocks, cut anywhere. */
    const markers = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `marker-${String(i).padStart(2, '0')}.bin`,
        randomBytes(24 * 1024),
      ]),
    );
    const markersIn = (dir: string) =>
      listTree(dir).filter((entry) => path.basename(entry).startsWith('marker-'));

    beforeAll(async () => {
      // A real run names the key; then an entry of our own making is saved under it (the newest entry wins).
      const job = await projectJob();
      const run = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'damage' },
        env: { ...offline, ...cacheEnv() },
        path: warmImage,
      });
      seededKey = run.outputs['cache-key'] as string;
    });

    // Again before each test: a post step that saved after a failed restore made a newer entry.
    beforeEach(async () => {
      await seedCacheEntry(server.url, seededKey, markers);
    });

    it('control: the intact entry restores exactly', async () => {
      const job = await projectJob();
      const result = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'damage' },
        env: { ...offline, ...cacheEnv() },
        path: warmImage,
      });
      expect(result.outputs).toMatchObject({ 'cache-hit': 'true', 'cache-matched-key': seededKey });
      expect(markersIn(payloadOf(job))).toHaveLength(40);
    });

    it.each([
      ['truncated download', { on: 'download', damage: 'truncate', keep: 0.5 }],
      ['archive cut short (matching length)', { on: 'download', damage: 'short', keep: 0.7 }],
      ['corrupt bytes', { on: 'download', damage: 'corrupt', keep: 0.5 }],
      ['stalled download', { on: 'download', damage: 'stall', keep: 0.5 }],
    ] as Array<[string, CacheFault]>)(
      '%s: one warning, no cache-hit, and no partial uv cache left for uv to use',
      async (_name, fault) => {
        proxy.setFaults([fault]);
        tally.faults += 1;
        const job = await projectJob();
        // install: none, so nothing but the restore could have put files into the uv cache folder.
        const inputs = { install: 'none', 'nox-version': 'none', 'cache-suffix': 'damage' };
        const env = { ...offline, ...cacheEnv() };
        const main = await runAction(job, 'prepare-python', { inputs, env, path: warmImage });
        expect(proxy.requests.filter((r) => r.fault)).toHaveLength(1);
        expect(main.errors).toEqual([]);
        expect(main.exitCode).toBe(0);
        expect(main.warnings).toEqual([
          expect.stringMatching(/^cache restore failed, continuing without cache: /),
        ]);
        expect(main.outputs).toMatchObject({ 'cache-hit': 'false', 'cache-matched-key': '' });
        // Checked before the post step, which would prune and save the folder.
        expect(markersIn(payloadOf(job))).toEqual([]);
        proxy.setFaults([]);
        const post = await runAction(job, 'prepare-python', {
          entry: 'post',
          inputs,
          env: { ...env, ...main.env },
          state: main.state,
          path: [...warmImage, ...main.path],
        });
        expect(post.exitCode).toBe(0);
        expect(post.warnings).toEqual([]);
      },
    );

    it('control: an archive cut short really does extract part of itself before tar fails', async () => {
      // Shows the hazard the previous rows guard against is real: tar writes files until the cut.
      if (!proxy.lastArchive()) {
        await runAction(await projectJob(), 'prepare-python', {
          inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'damage' },
          env: { ...offline, ...cacheEnv() },
          path: warmImage,
        });
      }
      const archive = proxy.lastArchive();
      expect(archive).toBeDefined();
      const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-cut-'));
      try {
        const cut = path.join(dir, 'cut.tzst');
        await writeFile(cut, (archive as Buffer).subarray(0, Math.floor((archive as Buffer).length * 0.7)));
        const out = path.join(dir, 'out');
        await mkdir(out);
        // -C out with payload/ inside the archive: the markers land in out/payload.
        spawnSync('tar', ['-xf', cut, '-P', '-C', out, '--use-compress-program', 'unzstd']);
        const tar = spawnSync('tar', ['-tf', cut, '--use-compress-program', 'unzstd']);
        expect(tar.status).not.toBe(0);
        const extracted = markersIn(path.join(out, 'payload'));
        expect(extracted.length).toBeGreaterThan(0);
        expect(extracted.length).toBeLessThan(40);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('a user-chosen UV_CACHE_DIR is left alone by a failed restore', async () => {
      proxy.setFaults([{ on: 'download', damage: 'short', keep: 0.7 }]);
      const job = await projectJob();
      const own = path.join(job.root, 'my-uv-cache');
      const result = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'damage' },
        env: { ...offline, ...cacheEnv(), UV_CACHE_DIR: own },
        path: warmImage,
      });
      expect(result.exitCode).toBe(0);
      expect(result.warnings).toHaveLength(1);
      expect(markersIn(own)).toEqual([]);
      expect(markersIn(payloadOf(job))).toEqual([]);
      expect(await readFile(path.join(job.workspace, 'uv.lock'), 'utf8')).toBe(
        await readFile(path.join(fixture, 'uv.lock'), 'utf8'),
      );
    });
  });
});
