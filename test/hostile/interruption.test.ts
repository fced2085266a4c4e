// Guarantee 3: a step killed with SIGKILL (the runner's host lost, the job cancelled hard) at any
// point, then run again on the same runner (same tool cache, same temp): the second run succeeds and
// never takes a half-written tool or cache folder for a complete one.
//
// Kills land at chosen points (mid-download, mid-extraction, mid-restore, mid-save, mid-install) and at
// random moments of a clean run's duration. The random moments come from a seeded generator: the seed is
// in the test name, and HOSTILE_SEED=<n> replays it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import {
  createJob,
  repoRoot,
  runAction,
  spawnAction,
  type ActionResult,
  type Job,
  type RunOptions,
} from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { mirrorTemplate, publishRelease, type PublishedRelease } from '../harness/fixtures';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { startCacheProxy, type CacheProxy } from '../harness/cache-proxy';
import { makeTarGz, pseudoRandomBytes, sha256Hex } from '../harness/tarball';
import { seedCacheEntry } from '../harness/cache-seed';
import { listTree, tinyInputs, TINY_PATH } from './fixtures';
import { tally } from './tally';

const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 100_000);
const RANDOM_KILLS = 6;
const fixture = path.join(repoRoot, 'test/fixtures/py-app');
const wheels = path.join(repoRoot, '.tools/wheels');

/** mulberry32: a small seeded generator, so a failing random kill can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(SEED);

let mirror: Mirror;
let server: CacheServer;
let proxy: CacheProxy;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

type Trigger = { stdout: RegExp; afterMs?: number } | { afterMs: number };

/** Starts the step, kills its whole process group with SIGKILL at the trigger, and waits for it to die. */
async function killAt(job: Job, action: string, opts: RunOptions, trigger: Trigger): Promise<ActionResult> {
  const running = await spawnAction(job, action, opts);
  if ('stdout' in trigger) await running.waitForStdout(trigger.stdout, 30_000);
  if (trigger.afterMs) await new Promise((resolve) => setTimeout(resolve, trigger.afterMs));
  running.kill('SIGKILL');
  const result = await running.result;
  if (result.signal === 'SIGKILL') tally.kills += 1;
  return result;
}

/**
 * Every tool cache entry marked complete holds every file of the release, byte for byte; an unmarked
 * folder is debris no run may use. Returns the complete entries.
 */
function checkToolCache(root: string, expected: Record<string, string>): string[] {
  const complete: string[] = [];
  if (!existsSync(root)) return complete;
  const dirs = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  for (const tool of dirs(root)) {
    for (const version of dirs(path.join(root, tool))) {
      const dir = path.join(root, tool, version);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.complete'))) {
        const entry = path.join(dir, name.replace(/\.complete$/, ''));
        expect(existsSync(entry)).toBe(true);
        for (const [file, sha] of Object.entries(expected)) {
          if (!file.startsWith(`${tool}/`)) continue;
          const full = path.join(entry, file.slice(tool.length + 1));
          expect(existsSync(full) && sha256Hex(readFileSync(full))).toBe(sha);
        }
        complete.push(entry);
      }
    }
  }
  return complete;
}

beforeAll(async () => {
  mirror = await startMirror();
  server = await startCacheServer();
  proxy = await startCacheProxy(server.url);
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
});

describe(`cached-tool killed with SIGKILL, then run again (seed ${SEED})`, () => {
  const filler = pseudoRandomBytes(24 * 1024 * 1024, 'kill-filler');
  const script = '#!/bin/sh\necho "bigtool 1.0.0"\n';
  /** A 24 MB archive: extraction takes long enough to be killed in the middle of. */
  let sha256 = '';
  let cleanMs = 0;
  const expected = {
    'mytool/tool-bin/mytool': sha256Hex(script),
    'mytool/tool-bin/FILLER': sha256Hex(filler),
  };
  const env = () => ({ ACTIONS_CACHE_URL: proxy.url, ACTIONS_RUNTIME_TOKEN: 'test-token' });
  const inputs = (cache = 'false') => tinyInputs(mirror.url, sha256, { cache });

  beforeAll(async () => {
    const body = await makeTarGz([
      { path: 'tool-bin/mytool', body: script, mode: 0o755 },
      { path: 'tool-bin/FILLER', body: filler },
    ]);
    sha256 = sha256Hex(body);
    mirror.addFile(TINY_PATH, body);
    const started = Date.now();
    const clean = await runAction(await newJob(), 'cached-tool', { inputs: inputs() });
    expect(clean.exitCode).toBe(0);
    cleanMs = Date.now() - started;
  });

  async function rerunAndCheck(job: Job, cache = 'false'): Promise<void> {
    checkToolCache(job.toolCache, expected);
    const again = await runAction(job, 'cached-tool', { inputs: inputs(cache), env: env() });
    expect(again.errors).toEqual([]);
    expect(again.exitCode).toBe(0);
    const ran = spawnSync(path.join(again.outputs.path as string, 'mytool'), { encoding: 'utf8' });
    expect(ran.stdout.trim()).toBe('bigtool 1.0.0');
    expect(checkToolCache(job.toolCache, expected)).toHaveLength(1);
    // And a third run takes the tool cache, as complete.
    const third = await runAction(job, 'cached-tool', { inputs: inputs(cache), env: env() });
    expect(third.outputs.source).toBe('tool-cache');
  }

  it('mid-download', async () => {
    mirror.script(TINY_PATH, [{ kind: 'stall', ms: 5000 }]);
    const job = await newJob();
    await killAt(
      job,
      'cached-tool',
      { inputs: inputs(), env: env() },
      { stdout: /^downloading /m, afterMs: 200 },
    );
    await rerunAndCheck(job);
  });

  it('mid-extraction (tar running)', async () => {
    const job = await newJob();
    await killAt(
      job,
      'cached-tool',
      { inputs: inputs(), env: env() },
      { stdout: /\[command\].*tar -x -z/, afterMs: 50 },
    );
    await rerunAndCheck(job);
  });

  it('mid-save to the remote cache, then mid-restore from it', async () => {
    // Mid-save: the upload hangs; kill. The entry was reserved, never committed.
    proxy.setFaults([{ on: 'upload', delayMs: 5000 }]);
    const saver = await newJob();
    await killAt(
      saver,
      'cached-tool',
      { inputs: inputs('true'), env: env() },
      {
        stdout: /Upload cache/,
        afterMs: 200,
      },
    );
    proxy.setFaults([]);
    await rerunAndCheck(saver, 'true');
    // A fresh runner: no usable entry yet, so it downloads and saves one.
    const second = await runAction(await newJob(), 'cached-tool', { inputs: inputs('true'), env: env() });
    expect(second.outputs.source).toBe('download');
    expect(second.warnings).toEqual([]);

    // Mid-restore: a fresh runner is killed while the archive comes back.
    proxy.setFaults([{ on: 'download', damage: 'stall', keep: 0.5 }]);
    const job = await newJob();
    await killAt(
      job,
      'cached-tool',
      { inputs: inputs('true'), env: env() },
      {
        stdout: /::add-mask::.*artifacts/,
        afterMs: 300,
      },
    );
    proxy.setFaults([]);
    await rerunAndCheck(job, 'true');
  });

  it('at random moments of a clean run', async () => {
    for (let i = 0; i < RANDOM_KILLS; i++) {
      const job = await newJob();
      const at = Math.floor(random() * cleanMs);
      await killAt(job, 'cached-tool', { inputs: inputs(), env: env() }, { afterMs: at });
      await rerunAndCheck(job);
    }
  }, 90_000);
});

describe(`prepare-python killed with SIGKILL, then run again (seed ${SEED})`, () => {
  let uv: PublishedRelease;
  const uvPath = () => `/astral-sh/uv/releases/download/${TOOLCHAIN.uv.version}/${uv.fileName}`;
  const offline = { UV_OFFLINE: '1', UV_FIND_LINKS: wheels };
  const cacheEnv = () => ({ ACTIONS_CACHE_URL: proxy.url, ACTIONS_RUNTIME_TOKEN: 'test-token' });
  let cleanMs = 0;

  beforeAll(async () => {
    uv = await publishRelease(
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

  async function projectJob(): Promise<Job> {
    const job = await newJob();
    await cp(fixture, job.workspace, { recursive: true });
    return job;
  }

  const options = (extra: Record<string, string> = {}): RunOptions => ({
    inputs: {
      install: 'sync',
      'nox-version': 'none',
      'uv-download-url': mirrorTemplate('uv', mirror.url),
      'uv-sha256': uv.sha256,
      ...extra,
    },
    env: { ...offline, ...cacheEnv() },
  });

  /** Runs main and post again on the same runner: both green, the venv works, uv is the real one. */
  async function rerunAndCheck(job: Job, extra: Record<string, string> = {}): Promise<ActionResult> {
    // Every complete entry is whole; the uv ones hold the real uv (a kill mid nox install can leave a
    // complete nox entry beside them, which holds no uv binary).
    const uvEntries = checkToolCache(job.toolCache, {}).filter((entry) =>
      entry.startsWith(path.join(job.toolCache, 'uv') + path.sep),
    );
    for (const entry of uvEntries) {
      const bin = path.join(entry, 'uv-x86_64-unknown-linux-gnu', 'uv');
      expect(sha256Hex(readFileSync(bin))).toBe(sha256Hex(readFileSync(toolsBin('uv'))));
    }
    const opts = options(extra);
    const main = await runAction(job, 'prepare-python', opts);
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    const python = path.join(job.workspace, '.venv/bin/python');
    const check = spawnSync(python, ['-c', 'import tinylib; print(tinylib.greet())'], { encoding: 'utf8' });
    expect(check.stdout.trim()).toBe('hello from tinylib');
    const post = await runAction(job, 'prepare-python', {
      ...opts,
      entry: 'post',
      state: main.state,
      env: { ...opts.env, ...main.env },
      path: main.path,
    });
    expect(post.errors).toEqual([]);
    expect(post.exitCode).toBe(0);
    return main;
  }

  it('mid uv download, mid uv extraction', async () => {
    mirror.script(uvPath(), [{ kind: 'stall', ms: 5000 }]);
    const job = await projectJob();
    const started = Date.now();
    await killAt(job, 'prepare-python', options(), { stdout: /^downloading /m, afterMs: 200 });
    await killAt(job, 'prepare-python', options(), { stdout: /\[command\].*tar -x -z/, afterMs: 30 });
    await rerunAndCheck(job);
    cleanMs = Math.max(1000, (Date.now() - started) / 3);
  });

  it('mid cache restore: a half-extracted uv cache is never used, neither by a hit nor by a miss', async () => {
    // An entry big enough (48 MB of markers) that tar is still writing it when the kill comes.
    const probe = await runAction(await projectJob(), 'prepare-python', {
      ...options({ 'cache-suffix': 'kill-restore', install: 'none' }),
    });
    const key = probe.outputs['cache-key'] as string;
    const markers = Object.fromEntries(
      Array.from({ length: 48 }, (_, i) => [`marker-${i}.bin`, pseudoRandomBytes(1024 * 1024, `m${i}`)]),
    );
    await seedCacheEntry(server.url, key, markers);
    // Each step stages in a folder of its own (ci-kit-uv-cache-*): debris stays in the killed step's.
    const markersIn = (dir: string) => listTree(dir).filter((n) => path.basename(n).startsWith('marker-'));

    const job = await projectJob();
    await killAt(job, 'prepare-python', options({ 'cache-suffix': 'kill-restore', install: 'none' }), {
      stdout: /::group::uv cache[\s\S]*\[command\]\S*tar -xf \S*cache\.tzst/,
      afterMs: 60,
    });
    const debris = markersIn(job.temp).length;
    if (process.env.DEBUG_HOSTILE) console.log(`debris after the kill: ${debris} markers`);

    // A miss on the same runner: the debris must not become the uv cache.
    proxy.setFaults([{ on: 'lookup', status: 204 }]);
    const miss = await runAction(
      job,
      'prepare-python',
      options({ 'cache-suffix': 'kill-restore', install: 'none' }),
    );
    expect(miss.exitCode).toBe(0);
    expect(miss.outputs['cache-matched-key']).toBe('');
    // What uv uses after the miss holds none of it.
    expect({ debris, after: markersIn(miss.env.UV_CACHE_DIR ?? '') }).toEqual({ debris, after: [] });
    proxy.setFaults([]);

    // A hit on the same runner: exactly the entry, whole.
    const hit = await runAction(
      job,
      'prepare-python',
      options({ 'cache-suffix': 'kill-restore', install: 'none' }),
    );
    expect(hit.outputs['cache-hit']).toBe('true');
    expect(markersIn(hit.env.UV_CACHE_DIR ?? '')).toHaveLength(48);
  });

  it('mid uv sync, mid nox install, mid post save', async () => {
    const job = await projectJob();
    await killAt(job, 'prepare-python', options(), { stdout: /\[command\].*sync --frozen/, afterMs: 100 });
    await rerunAndCheck(job);

    const noxJob = await projectJob();
    await killAt(noxJob, 'prepare-python', options({ 'nox-version': TOOLCHAIN.nox.version }), {
      stdout: /\[command\].*pip install .*--require-hashes/,
      afterMs: 400,
    });
    const withNox = await rerunAndCheck(noxJob, { 'nox-version': TOOLCHAIN.nox.version });
    expect(withNox.outputs['nox-version']).toBe(TOOLCHAIN.nox.version);

    const saveJob = await projectJob();
    const main = await runAction(saveJob, 'prepare-python', options({ 'cache-suffix': 'kill-save' }));
    expect(main.exitCode).toBe(0);
    proxy.setFaults([{ on: 'upload', delayMs: 5000 }]);
    await killAt(
      saveJob,
      'prepare-python',
      {
        ...options({ 'cache-suffix': 'kill-save' }),
        entry: 'post',
        state: main.state,
        env: { ...options().env, ...main.env },
      },
      { stdout: /Upload cache/, afterMs: 200 },
    );
    proxy.setFaults([]);
    await rerunAndCheck(saveJob, { 'cache-suffix': 'kill-save' });
  }, 90_000);

  it('at random moments of a clean run', async () => {
    for (let i = 0; i < RANDOM_KILLS / 2; i++) {
      const job = await projectJob();
      await killAt(job, 'prepare-python', options({ 'cache-suffix': `random-${i}` }), {
        afterMs: Math.floor(random() * cleanMs),
      });
      await rerunAndCheck(job, { 'cache-suffix': `random-${i}` });
    }
  }, 90_000);
});
