// Guarantee 7 (concurrency): jobs on one runner share its tool cache, and jobs everywhere share the cache
// service. Several cached-tool runs installing the same tool into the same tool cache at once all
// succeed with the same, complete tool; several jobs saving the same cache key at once against the real
// cache server all stay green (at most one warning each), and the entry that wins restores whole.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, repoRoot, runAction, type ActionResult, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { makeTarGz, pseudoRandomBytes, sha256Hex } from '../harness/tarball';
import { listTree, tinyInputs, TINY_PATH } from './fixtures';
import { tally } from './tally';

const ROUNDS = Number(process.env.HOSTILE_ROUNDS ?? 4);
const PARALLEL = 4;

let mirror: Mirror;
let server: CacheServer;
let sha256 = '';
const filler = pseudoRandomBytes(8 * 1024 * 1024, 'concurrency');
const jobs: Job[] = [];

async function newJob(shared?: Partial<Job>): Promise<Job> {
  const job = await createJob(shared);
  jobs.push(job);
  return job;
}

beforeAll(async () => {
  mirror = await startMirror();
  server = await startCacheServer();
  const body = await makeTarGz([
    { path: 'tool-bin/mytool', body: '#!/bin/sh\necho "shared 1.0.0"\n', mode: 0o755 },
    { path: 'tool-bin/FILLER', body: filler },
  ]);
  sha256 = sha256Hex(body);
  mirror.addFile(TINY_PATH, body);
});

afterEach(async () => {
  mirror.reset();
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  await mirror?.stop();
  await server?.stop();
});

/** The tool-cache entry (tool/version/slot) a run's `path` output lies in: the folder above tool-bin. */
function entryOf(toolCache: string, result: ActionResult): string {
  return path.relative(toolCache, path.dirname(result.outputs.path as string));
}

function expectOneCompleteTool(toolCache: string, results: ActionResult[]): void {
  for (const result of results) {
    expect({ errors: result.errors, exit: result.exitCode }).toEqual({ errors: [], exit: 0 });
    const ran = spawnSync(path.join(result.outputs.path as string, 'mytool'), { encoding: 'utf8' });
    expect(ran.stdout.trim()).toBe('shared 1.0.0');
  }
  const entries = listTree(toolCache);
  const entry = entryOf(toolCache, results[0] as ActionResult);
  expect(entry).toMatch(/^mytool\/1\.0\.0\/x64-linux-glibc-src[0-9a-f]{8}$/);
  expect(entries.filter((e) => e.endsWith('.complete'))).toEqual([`${entry}.complete`]);
  expect(entries.filter((e) => e.includes('.staging-') || e.includes('.trash-'))).toEqual([]);
  const filled = readFileSync(path.join(toolCache, entry, 'tool-bin/FILLER'));
  expect(sha256Hex(filled)).toBe(sha256Hex(filler));
}

describe('one runner, one tool cache, several jobs at once', () => {
  it(`${PARALLEL} cached-tool runs install the same tool together, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const first = await newJob();
      const others = await Promise.all(
        Array.from({ length: PARALLEL - 1 }, () => newJob({ toolCache: first.toolCache })),
      );
      const results = await Promise.all(
        [first, ...others].map((job) =>
          runAction(job, 'cached-tool', { inputs: tinyInputs(mirror.url, sha256) }),
        ),
      );
      tally.faults += 1;
      expectOneCompleteTool(first.toolCache, results);
      expect(results.filter((r) => r.outputs.source === 'download').length).toBeGreaterThanOrEqual(1);
    }
  }, 90_000);

  it('a run that finds the tool while another replaces it still gets a whole tool', async () => {
    const first = await newJob();
    const seeded = await runAction(first, 'cached-tool', { inputs: tinyInputs(mirror.url, sha256) });
    expect(seeded.exitCode).toBe(0);
    // Drop the marker: the next runs see debris and reinstall, while a reader may look at the same time.
    const marker = path.join(first.toolCache, `${entryOf(first.toolCache, seeded)}.complete`);
    const { rm } = await import('node:fs/promises');
    await rm(marker);
    const others = await Promise.all(
      Array.from({ length: PARALLEL }, () => newJob({ toolCache: first.toolCache })),
    );
    const results = await Promise.all(
      others.map((job) => runAction(job, 'cached-tool', { inputs: tinyInputs(mirror.url, sha256) })),
    );
    expectOneCompleteTool(first.toolCache, results);
    expect(existsSync(marker)).toBe(true);
  });
});

describe('the cache service, several jobs saving the same key at once', () => {
  const cacheEnv = () => ({ ACTIONS_CACHE_URL: server.url, ACTIONS_RUNTIME_TOKEN: 'test-token' });

  it(`${PARALLEL} cached-tool runs on fresh runners save the same tool key together`, async () => {
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, async () =>
        runAction(await newJob(), 'cached-tool', {
          inputs: tinyInputs(mirror.url, sha256, { cache: 'true' }),
          env: cacheEnv(),
        }),
      ),
    );
    tally.faults += 1;
    for (const result of results) {
      expect({ exit: result.exitCode, errors: result.errors }).toEqual({ exit: 0, errors: [] });
      expect(result.warnings.length).toBeLessThanOrEqual(1);
    }
    mirror.reset();
    const fresh = await runAction(await newJob(), 'cached-tool', {
      inputs: tinyInputs(mirror.url, sha256, { cache: 'true' }),
      env: cacheEnv(),
    });
    expect(fresh.outputs.source).toBe('remote-cache');
    expect(fresh.warnings).toEqual([]);
    expect(mirror.requests).toEqual([]);
  });

  it(`${PARALLEL} prepare-python post steps save the same uv cache key together`, async () => {
    const warm = [path.dirname(toolsBin('uv'))];
    const env = { ...cacheEnv(), UV_OFFLINE: '1' };
    const inputs = { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'together' };
    const project = async () => {
      const job = await newJob();
      await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
      return job;
    };
    const prepared = await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        const job = await project();
        const main = await runAction(job, 'prepare-python', { inputs, env, path: warm });
        expect(main.exitCode).toBe(0);
        return { job, main };
      }),
    );
    const keys = new Set(prepared.map((p) => p.main.outputs['cache-key']));
    expect(keys.size).toBe(1);
    // All post steps at once.
    const posts = await Promise.all(
      prepared.map(({ job, main }) =>
        runAction(job, 'prepare-python', {
          entry: 'post',
          inputs,
          state: main.state,
          env: { ...env, ...main.env },
          path: [...warm, ...main.path],
        }),
      ),
    );
    tally.faults += 1;
    for (const post of posts) {
      expect({ exit: post.exitCode, errors: post.errors }).toEqual({ exit: 0, errors: [] });
      expect(post.warnings.length).toBeLessThanOrEqual(1);
      expect(post.stdout).toMatch(/uv cache \S+: (saved|not saved)/);
    }
    expect(posts.some((post) => /: saved /.test(post.stdout))).toBe(true);
    // The entry that won restores whole on a fresh runner.
    const fresh = await project();
    const again = await runAction(fresh, 'prepare-python', { inputs, env, path: warm });
    expect(again.outputs['cache-hit']).toBe('true');
    expect(again.exitCode).toBe(0);
  });
});
