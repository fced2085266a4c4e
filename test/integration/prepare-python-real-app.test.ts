// prepare-python on a realistic project (issue 26): test/fixtures/real-app, 39 packages with compiled
// wheels (pydantic-core, cryptography, greenlet, orjson…), served by a loopback package index that can
// fail on demand, with the real uv, the real interpreter and Forgejo's own cache server behind the
// runner's signing proxy. Every job is a fresh runner (its own temp, tool cache and workspace).
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, runAction, runMainAndPost, type Job } from '../harness/runner';
import { startCacheStack, type CacheStack } from '../harness/forgejo-cache';
import { toolsBin } from '../harness/tools-bin';
import {
  materializeRealApp,
  realAppUnavailable,
  startPackageIndex,
  type PackageIndex,
  type RealAppLock,
} from '../harness/package-index';

const skip = realAppUnavailable();
const describeIf = skip ? describe.skip : describe;
if (skip) console.warn(`prepare-python on the realistic fixture: skipped: ${skip}`);

/** Installed by the default sync (runtime + dev group) and by --all-groups --all-extras. */
const DEFAULT_PACKAGES = 39;
const ALL_PACKAGES = 43;

let index: PackageIndex;
let stack: CacheStack;
let runs = 0;
const jobs: Job[] = [];

/** A fresh runner with the fixture checked out at the workspace root and its own cache run. */
async function appJob(lock: RealAppLock = 'current'): Promise<{ job: Job; env: Record<string, string> }> {
  const job = await createJob();
  jobs.push(job);
  const app = materializeRealApp({ lock, indexUrl: index.url, parent: job.root });
  await cp(app.dir, job.workspace, { recursive: true });
  app.cleanup();
  runs += 1;
  const env = {
    ACTIONS_CACHE_URL: await stack.newRun({ repo: 'ops/real-app', runNumber: String(runs) }),
    ACTIONS_RUNTIME_TOKEN: 'unused-by-forgejo',
    // The project's index, as a team's uv config would name it; never a real registry.
    UV_DEFAULT_INDEX: index.simpleUrl,
    UV_PYTHON_DOWNLOADS: 'never',
  };
  return { job, env };
}

/** uv and nox already on PATH at the pinned versions: the pre-warmed image. */
const image = { path: [path.dirname(toolsBin('uv'))] };
const sync = (extra: Record<string, string> = {}) => ({
  inputs: { install: 'sync', 'nox-version': 'none', ...extra },
  timeoutMs: 180_000,
});

/** The size post reports for the entry it saved, in bytes. */
function savedBytes(stdout: string | undefined): number {
  const match = /: saved ([\d.]+) (KiB|MiB)/.exec(stdout ?? '');
  if (!match) throw new Error(`post saved nothing:\n${stdout}`);
  return Number(match[1]) * (match[2] === 'MiB' ? 1024 * 1024 : 1024);
}

/** The project's own tests, with the environment prepare-python activated; Python may write bytecode. */
function projectTests(job: Job): { status: number | null; output: string } {
  const { PYTHONDONTWRITEBYTECODE: _, ...env } = process.env;
  const run = spawnSync(
    path.join(job.workspace, '.venv/bin/python'),
    ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
    {
      cwd: job.workspace,
      encoding: 'utf8',
      env,
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/**
 * The compiled bytecode of a package in the job's environment: each pyc's inode and PEP 552 flags
 * (3: checked-hash, as post compiles the cache; 0: timestamp, as Python writes on import).
 */
function bytecode(job: Job, pkg: string): Map<string, { ino: number; flags: number }> {
  const [lib] = readdirSync(path.join(job.workspace, '.venv/lib'));
  const dir = path.join(job.workspace, '.venv/lib', lib ?? '', 'site-packages', pkg, '__pycache__');
  const found = new Map<string, { ino: number; flags: number }>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const file = path.join(dir, name);
    found.set(name, { ino: statSync(file).ino, flags: readFileSync(file).readUInt32LE(4) });
  }
  return found;
}

describeIf('prepare-python on a realistic locked project', () => {
  beforeAll(async () => {
    // One index for the whole file: uv keys its wheel cache by the index URL, port included.
    index = await startPackageIndex();
    stack = await startCacheStack({ repo: 'ops/real-app' });
  });
  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
    await index.up();
    index.reset();
  });
  afterAll(async () => {
    await index?.stop();
    await stack?.stop();
  });

  it('with the defaults, a warm job installs every package from the cache: no index request, green with the index down', async () => {
    const cold = await appJob();
    const run1 = await runMainAndPost(cold.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'defaults' }),
      env: cold.env,
      ...image,
    });
    expect(run1.main.exitCode).toBe(0);
    expect(run1.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'packages-downloaded': String(DEFAULT_PACKAGES),
      'packages-from-cache': '0',
    });
    expect(index.fileRequests).toHaveLength(DEFAULT_PACKAGES);
    // Every wheel is kept: the entry is megabytes, not the kilobytes `uv cache prune --ci` leaves.
    expect(savedBytes(run1.post?.stdout)).toBeGreaterThan(20 * 1024 * 1024);

    index.reset();
    const warm = await appJob();
    const run2 = await runMainAndPost(warm.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'defaults' }),
      env: warm.env,
      ...image,
    });
    expect(run2.main.exitCode).toBe(0);
    expect(run2.main.outputs).toMatchObject({
      'cache-hit': 'true',
      'packages-from-cache': String(DEFAULT_PACKAGES),
      'packages-downloaded': '0',
    });
    expect(run2.main.stdout).toContain(
      `${DEFAULT_PACKAGES} packages installed, all from the uv cache (nothing downloaded)`,
    );
    expect(index.requests).toEqual([]);
    // cache-bytecode: the environment came with the packages' compiled bytecode (checked-hash), and the
    // tests' imports used it: Python rewrote none of it.
    expect(run1.post?.stdout).toMatch(/bytecode of \d+ unpacked wheel\(s\) compiled in /);
    const compiled = bytecode(warm.job, 'pydantic');
    expect(compiled.size).toBeGreaterThan(10);
    expect([...compiled.values()].every(({ flags }) => flags === 3)).toBe(true);
    expect(projectTests(warm.job)).toMatchObject({ status: 0 });
    expect(bytecode(warm.job, 'pydantic')).toEqual(compiled);
    // The restored links name this runner's folder, not the saving runner's (uv cache prune reads them).
    const uvCache = run2.main.env.UV_CACHE_DIR ?? '';
    const links = readdirSync(path.join(uvCache, 'wheels-v5'), {
      recursive: true,
      withFileTypes: true,
    }).filter((entry) => entry.isSymbolicLink());
    expect(links.length).toBeGreaterThan(0);
    for (const link of links)
      expect(readlinkSync(path.join(link.parentPath, link.name)).startsWith(`${uvCache}/archive-v`)).toBe(
        true,
      );

    // The index is down: the warm job does not notice.
    await index.down();
    const offline = await appJob();
    const run3 = await runAction(offline.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'defaults' }),
      env: offline.env,
      ...image,
    });
    expect(run3.exitCode).toBe(0);
    expect(run3.outputs['packages-downloaded']).toBe('0');
    expect(projectTests(offline.job).status).toBe(0);
  });

  it('prune-cache: true (the old default) saves kilobytes, and its warm job downloads every package again', async () => {
    const cold = await appJob();
    const run1 = await runMainAndPost(cold.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'ci-pruned', 'prune-cache': 'true' }),
      env: cold.env,
      ...image,
    });
    expect(savedBytes(run1.post?.stdout)).toBeLessThan(1024 * 1024);
    index.reset();
    const warm = await appJob();
    const run2 = await runAction(warm.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'ci-pruned', 'prune-cache': 'true' }),
      env: warm.env,
      ...image,
    });
    // "hit", yet nothing useful was in it: what issue 26 found with the old defaults.
    expect(run2.outputs).toMatchObject({
      'cache-hit': 'true',
      'packages-downloaded': String(DEFAULT_PACKAGES),
    });
    expect(index.fileRequests).toHaveLength(DEFAULT_PACKAGES);
  });

  it('switching prune-cache starts a new entry instead of exact-hitting the one saved the other way', async () => {
    const first = await appJob();
    const run1 = await runMainAndPost(first.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'switch', 'prune-cache': 'true' }),
      env: first.env,
      ...image,
    });
    expect(run1.post?.stdout).toMatch(/: saved/);
    const second = await appJob();
    const run2 = await runMainAndPost(second.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'switch' }),
      env: second.env,
      ...image,
    });
    expect(run2.main.outputs['cache-key']).not.toBe(run1.main.outputs['cache-key']);
    expect(run2.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': run1.main.outputs['cache-key'],
    });
    expect(savedBytes(run2.post?.stdout)).toBeGreaterThan(20 * 1024 * 1024);
  });

  it('after a lock bump the fallback serves the unchanged wheels, and the new entry holds this lock only (within 1.2x a fresh one)', async () => {
    const old = await appJob('old');
    const run1 = await runMainAndPost(old.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'bump' }),
      env: old.env,
      ...image,
    });
    expect(run1.post?.stdout).toMatch(/: saved/);

    index.reset();
    const bumped = await appJob('current');
    const run2 = await runMainAndPost(bumped.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'bump' }),
      env: bumped.env,
      ...image,
    });
    expect(run2.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': run1.main.outputs['cache-key'],
    });
    const downloaded = Number(run2.main.outputs['packages-downloaded']);
    expect(downloaded).toBeGreaterThan(0);
    expect(downloaded).toBeLessThan(DEFAULT_PACKAGES / 2);
    expect(index.fileRequests).toHaveLength(downloaded);
    expect(run2.post?.stdout).toMatch(
      /dropped 10 package version\(s\) the fallback entry held and this lock does not pin \(10 unpacked archive\(s\)\): .*pydantic-core==/,
    );
    const afterBump = savedBytes(run2.post?.stdout);

    const fresh = await appJob('current');
    const run3 = await runMainAndPost(fresh.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'bump-fresh' }),
      env: fresh.env,
      ...image,
    });
    const freshBytes = savedBytes(run3.post?.stdout);
    expect(afterBump / freshBytes).toBeLessThanOrEqual(1.2);

    // And the bumped entry serves the next run of the new lock completely.
    index.reset();
    const next = await appJob('current');
    const run4 = await runAction(next.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'bump' }),
      env: next.env,
      ...image,
    });
    expect(run4.outputs).toMatchObject({ 'cache-hit': 'true', 'packages-downloaded': '0' });
    expect(index.requests).toEqual([]);
  });

  it('a job with other sync-args keeps its own entry: its first run starts from the default job’s, its second downloads nothing', async () => {
    const base = await appJob();
    const run1 = await runMainAndPost(base.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'groups' }),
      env: base.env,
      ...image,
    });
    expect(run1.post?.stdout).toMatch(/: saved/);

    index.reset();
    const docs = await appJob();
    const all = { 'cache-suffix': 'groups', 'sync-args': '--all-groups --all-extras' };
    const run2 = await runMainAndPost(docs.job, 'prepare-python', { ...sync(all), env: docs.env, ...image });
    expect(run2.main.outputs['cache-key']).not.toBe(run1.main.outputs['cache-key']);
    expect(run2.main.outputs).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': run1.main.outputs['cache-key'],
      'packages-downloaded': String(ALL_PACKAGES - DEFAULT_PACKAGES),
    });
    expect(run2.post?.stdout).toMatch(/: saved/);

    index.reset();
    const again = await appJob();
    const run3 = await runAction(again.job, 'prepare-python', { ...sync(all), env: again.env, ...image });
    expect(run3.outputs).toMatchObject({
      'cache-hit': 'true',
      'packages-downloaded': '0',
      'packages-from-cache': String(ALL_PACKAGES),
    });
    expect(index.requests).toEqual([]);
  });

  it('a cold job rides out 503s and a reset from the index (uv retries each request: UV_HTTP_RETRIES from retries)', async () => {
    index.script(/pydantic_core-.*\.whl$/, [{ status: 503 }, { kind: 'reset' }]);
    index.script(/cryptography-.*\.whl$/, [{ status: 503 }]);
    const cold = await appJob();
    const run = await runAction(cold.job, 'prepare-python', {
      ...sync({ 'cache-suffix': 'faults', cache: 'false' }),
      env: cold.env,
      ...image,
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['packages-downloaded']).toBe(String(DEFAULT_PACKAGES));
    expect(index.fileRequests.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(2);
    expect(projectTests(cold.job).status).toBe(0);
  });
});
