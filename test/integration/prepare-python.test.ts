// prepare-python with real uv, real Python, a real locked project and the real v1 cache server.
// The project's only dependency is a wheel inside it, so `uv sync --frozen` needs no index; nox
// comes from the local wheelhouse that scripts/setup-tools.sh keeps (UV_FIND_LINKS + UV_NO_INDEX,
// as on an air-gapped runner with a wheel mirror).
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, repoRoot, runAction, runMainAndPost, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { mirrorTemplate, publishRelease, type PublishedRelease } from '../harness/fixtures';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { startCacheStack } from '../harness/forgejo-cache';
import { TOOLCHAIN } from '@ci-kit/tools';

const fixture = path.join(repoRoot, 'test/fixtures/py-app');
const toolsDir = path.dirname(toolsBin('uv'));
const wheelhouse = path.join(repoRoot, '.tools/wheels');

let mirror: Mirror;
let cacheServer: CacheServer;
let uvRelease: PublishedRelease;
const jobs: Job[] = [];

async function projectJob(...args: Parameters<typeof createJob>): Promise<Job> {
  const job = await createJob(...args);
  jobs.push(job);
  await cp(fixture, job.workspace, { recursive: true });
  return job;
}

const cacheEnv = () => ({
  ACTIONS_CACHE_URL: cacheServer.url,
  ACTIONS_RUNTIME_TOKEN: 'test-token',
  UV_FIND_LINKS: wheelhouse,
  UV_OFFLINE: '1',
});
/** The pre-warmed image: uv and nox already on PATH at the pinned versions. */
const warmImage = { path: [toolsDir] };

beforeAll(async () => {
  mirror = await startMirror();
  cacheServer = await startCacheServer();
  uvRelease = await publishRelease(
    mirror,
    'uv',
    TOOLCHAIN.uv.version,
    { os: 'linux', arch: 'x64' },
    toolsBin('uv'),
    {
      uvxPath: toolsBin('uvx'),
    },
  );
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
  await cacheServer.setFailStatus(0);
});

afterAll(async () => {
  await mirror?.stop();
  await cacheServer?.stop();
});

describe('the uv cache across runs', () => {
  it('cold run saves in post; a fresh runner restores it exactly and skips the save; a new lock falls back and saves anew', async () => {
    const inputs = { install: 'sync', 'nox-version': 'none' };
    const cold = await projectJob();
    const run1 = await runMainAndPost(cold, 'prepare-python', { inputs, env: cacheEnv(), ...warmImage });
    expect(run1.main.exitCode).toBe(0);
    expect(run1.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': '',
      'uv-version': TOOLCHAIN.uv.version,
    });
    expect(run1.main.env.VIRTUAL_ENV).toBe(path.join(cold.workspace, '.venv'));
    expect(existsSync(path.join(cold.workspace, '.venv/lib'))).toBe(true);
    expect(run1.post?.exitCode).toBe(0);
    expect(run1.post?.stdout).toMatch(new RegExp(`uv cache ${run1.main.outputs['cache-key']}: saved`));
    expect(run1.post?.summary).toContain('saved');

    // A fresh runner: every folder differs from the saving runner's.
    const warm = await projectJob();
    expect(warm.temp).not.toBe(cold.temp);
    const run2 = await runMainAndPost(warm, 'prepare-python', { inputs, env: cacheEnv(), ...warmImage });
    expect(run2.main.exitCode).toBe(0);
    expect(run2.main.outputs['cache-key']).toBe(run1.main.outputs['cache-key']);
    expect(run2.main.outputs).toMatchObject({
      'cache-hit': 'true',
      'cache-matched-key': run1.main.outputs['cache-key'],
    });
    expect(existsSync(path.join(warm.temp, 'ci-kit-uv-cache/payload'))).toBe(true);
    expect(run2.post?.stdout).toContain('uv cache: not saved (exact cache hit)');

    // A changed lockfile: new key, the old entry restores as the fallback, a new entry is saved.
    const changed = await projectJob();
    const lock = path.join(changed.workspace, 'uv.lock');
    await writeFile(lock, `${await readFile(lock, 'utf8')}\n# changed\n`);
    const run3 = await runMainAndPost(changed, 'prepare-python', { inputs, env: cacheEnv(), ...warmImage });
    expect(run3.main.exitCode).toBe(0);
    expect(run3.main.outputs['cache-key']).not.toBe(run1.main.outputs['cache-key']);
    expect(run3.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': run1.main.outputs['cache-key'],
    });
    expect(run3.post?.stdout).toMatch(/: saved/);
  });

  it('saves in post when the job failed after prepare-python', async () => {
    const job = await projectJob();
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'failed-job' },
      env: cacheEnv(),
      jobStatus: 'failure',
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.stdout).toMatch(/-failed-job: saved/);
  });

  it('saves in post when its own install step failed after the restore', async () => {
    const job = await projectJob();
    // A lock naming a wheel that is not there: `uv sync --frozen` fails after the cache was restored.
    await rm(path.join(job.workspace, 'wheels'), { recursive: true });
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'failed-main', retries: '1' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors[0]).toMatch(/uv sync --frozen' exited with 2: .*Distribution not found/s);
    expect(run.post?.stdout).toMatch(/-failed-main: saved/);
  });
});

describe('the uv cache on Forgejo, which lowercases keys', () => {
  it('cache-suffix: MyApp hits exactly on the second run, and post does not save again', async () => {
    // Its own stack: every key in it is one this test saved. Each run gets its own ACTIONS_CACHE_URL
    // through the signing proxy, as two runs of one repository do.
    const stack = await startCacheStack({ repo: 'ops/py-app' });
    try {
      const inputs = { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'MyApp' };
      const env = (url: string) => ({ ...cacheEnv(), ACTIONS_CACHE_URL: url });
      const first = await projectJob();
      const run1 = await runMainAndPost(first, 'prepare-python', {
        inputs,
        env: env(stack.url),
        ...warmImage,
      });
      expect(run1.main.exitCode).toBe(0);
      const key = run1.main.outputs['cache-key'] ?? '';
      // What the server stores: the key is the same whichever way it was spelled.
      expect(key).toMatch(/-myapp$/);
      expect(run1.post?.stdout).toContain(`uv cache ${key}: saved`);

      const second = await projectJob();
      const url2 = await stack.newRun({ repo: 'ops/py-app', runNumber: '2' });
      const run2 = await runMainAndPost(second, 'prepare-python', { inputs, env: env(url2), ...warmImage });
      expect(run2.main.exitCode).toBe(0);
      expect(run2.main.outputs).toMatchObject({
        'cache-key': key,
        'cache-hit': 'true',
        'cache-matched-key': key,
      });
      expect(run2.post?.stdout).toContain('uv cache: not saved (exact cache hit)');
    } finally {
      await stack.stop();
    }
  });
});

describe('cache service trouble is a warning, never a failure', () => {
  it.each([
    ['refused', () => ({ ...cacheEnv(), ACTIONS_CACHE_URL: 'http://127.0.0.1:9/' })],
    ['HTTP 500', () => cacheEnv()],
  ])('%s: warns, stays green, and post reports the failed save', async (name, env) => {
    if (name === 'HTTP 500') await cacheServer.setFailStatus(500);
    const job = await projectJob();
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none' },
      env: env(),
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.main.errors).toEqual([]);
    expect(run.main.warnings).toEqual([
      expect.stringMatching(/^cache restore failed, continuing without cache: /),
    ]);
    expect(run.main.outputs['cache-hit']).toBe('false');
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.errors).toEqual([]);
    expect(run.post?.warnings).toEqual([
      expect.stringMatching(/^cache save failed \(the job is not affected\): /),
    ]);
  });
});

describe('uv and nox installs', () => {
  it('downloads uv from the mirror with retries when it is not on PATH, verifying the pinned sha256', async () => {
    mirror.script(new RegExp(`/${uvRelease.fileName}$`), [{ status: 503 }, { kind: 'reset' }]);
    const job = await projectJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        'nox-version': 'none',
        cache: 'false',
        'uv-download-url': mirrorTemplate('uv', mirror.url),
        'uv-sha256': uvRelease.sha256,
      },
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(/attempt 1\/3 failed: HTTP 503/),
      expect.stringMatching(/attempt 2\/3 failed: (connection reset|connection closed early|truncated body)/),
    ]);
    expect(result.outputs['uv-path']).toBe(
      path.join(job.toolCache, 'uv', TOOLCHAIN.uv.version, 'x64', `uv-x86_64-unknown-linux-gnu`, 'uv'),
    );
    expect(result.path).toContain(path.dirname(result.outputs['uv-path'] as string));
    expect(result.summary).toContain(`${TOOLCHAIN.uv.version} (download)`);
  });

  it('refuses a uv archive whose digest differs from the pin, without falling back to pip', async () => {
    const job = await projectJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false', 'uv-download-url': mirrorTemplate('uv', mirror.url) },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(
      /^sha256 mismatch for uv-x86_64-unknown-linux-gnu\.tar\.gz: expected db8179ff/,
    );
    expect(result.stdout).not.toContain('pip install');
  });

  it('falls back to pip install uv when every download attempt failed, and says so', async () => {
    mirror.script(new RegExp(`/${uvRelease.fileName}$`), [{ status: 502 }, { status: 502 }]);
    const job = await projectJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        'nox-version': 'none',
        cache: 'false',
        retries: '2',
        'uv-download-url': mirrorTemplate('uv', mirror.url),
        'uv-sha256': uvRelease.sha256,
      },
      // pip takes uv from the local wheelhouse (an internal package mirror), never the internet.
      env: { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelhouse },
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/attempt 1\/2 failed: HTTP 502/),
      expect.stringMatching(
        /^uv 0\.8\.24 could not be downloaded \(could not download .*HTTP 502.*\); falling back to pip install uv==0\.8\.24/,
      ),
    ]);
    expect(result.outputs['uv-path']).toBe(
      path.join(job.toolCache, 'uv-pip', TOOLCHAIN.uv.version, 'x64', 'bin', 'uv'),
    );
    expect(result.summary).toContain(`${TOOLCHAIN.uv.version} (pip)`);
  });

  it('installs nox with uv tool install into the tool cache and puts it on PATH', async () => {
    const job = await projectJob();
    // uv on PATH, nox not: a bin folder holding only uv.
    const bin = path.join(job.temp, 'only-uv');
    await mkdir(bin);
    await symlink(await realpath(toolsBin('uv')), path.join(bin, 'uv'));
    const result = await runAction(job, 'prepare-python', {
      inputs: { cache: 'false' },
      env: { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${bin}:/usr/bin:/bin` },
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs['nox-version']).toBe(TOOLCHAIN.nox.version);
    const noxBin = path.join(job.toolCache, 'ci-kit-uv-tools', 'bin');
    expect(result.path).toContain(noxBin);
    expect(readdirSync(noxBin)).toContain('nox');
  });
});

describe('install modes', () => {
  it('install: sync without uv.lock fails with the uv lock hint', async () => {
    const job = await projectJob();
    await rm(path.join(job.workspace, 'uv.lock'));
    const result = await runAction(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', cache: 'false' },
      ...warmImage,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      `install: sync needs ${path.join(job.workspace, 'uv.lock')}, which does not exist; run 'uv lock' in the project and commit uv.lock`,
    ]);
  });

  it('install: system puts the locked set into the interpreter without resolving', async () => {
    const job = await projectJob();
    // A venv stands in for the system interpreter (we must not write into the machine's Python).
    const { execFileSync } = await import('node:child_process');
    const venv = path.join(job.temp, 'system-python');
    execFileSync(toolsBin('uv'), ['venv', venv], { env: { ...process.env, UV_OFFLINE: '1' } });
    const result = await runAction(job, 'prepare-python', {
      inputs: { install: 'system', 'nox-version': 'none', cache: 'false' },
      env: { UV_PYTHON: path.join(venv, 'bin/python'), UV_OFFLINE: '1', UV_BREAK_SYSTEM_PACKAGES: '1' },
      ...warmImage,
    });
    expect(result.errors).toEqual([]);
    const check = execFileSync(
      path.join(venv, 'bin/python'),
      ['-c', 'import tinylib; print(tinylib.greet())'],
      { encoding: 'utf8' },
    );
    expect(check.trim()).toBe('hello from tinylib');
  });
});
