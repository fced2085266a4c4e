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
/** Every file below a folder, relative to it ([] when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

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
    expect(existsSync(run2.main.env.UV_CACHE_DIR ?? '')).toBe(true);
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
    // Under its own key: a job that failed never writes the primary key a green run trusts.
    const key = run.main.outputs['cache-key'] ?? '';
    expect(key).toMatch(/-failed_job-[0-9a-f]{10}-[0-9a-f]{64}$/);
    expect(run.post?.stdout).toContain(`uv cache ${key}-failed: saved`);
  });

  it('saves in post when its own install step failed after the restore', async () => {
    const job = await projectJob();
    // A lock naming a wheel that is not there: `uv sync --frozen` fails after the cache was restored.
    await rm(path.join(job.workspace, 'wheels'), { recursive: true });
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'failed-main', retries: '3' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(1);
    expect(run.main.errors[0]).toMatch(/uv sync --frozen' exited with 2: .*Distribution not found/s);
    // A missing file fails the same way every time: one run, no retries.
    expect(run.main.warnings.filter((w) => /attempt \d\/3 failed/.test(w))).toEqual([]);
    expect(run.main.stdout.match(/^\[command\].* sync --frozen$/gm)?.length).toBe(1);
    expect(run.post?.stdout).toMatch(/-failed_main-[0-9a-f]{10}-[0-9a-f]{64}-failed: saved/);
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
      expect(key).toMatch(/-myapp-[0-9a-f]{10}-[0-9a-f]{64}$/);
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
  ])('%s: warns, stays green, and post does not ask the service again', async (name, env) => {
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
    // Post learns from main that the service is down and does not wait on it again.
    expect(run.post?.warnings).toEqual([]);
    expect(run.post?.stdout).toContain('uv cache: not saved (the cache service did not answer the restore');
  });
});

describe('a cache service that accepts connections and never answers', () => {
  it("costs one short probe, not the toolkit's minutes per call, and post does not ask again", async () => {
    const { createServer } = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket); // accepted, never answered
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const job = await projectJob();
      const run = await runMainAndPost(job, 'prepare-python', {
        inputs: { install: 'sync', 'nox-version': 'none' },
        env: { ...cacheEnv(), ACTIONS_CACHE_URL: `http://127.0.0.1:${port}/` },
        ...warmImage,
      });
      expect(run.main.exitCode).toBe(0);
      expect(run.main.warnings).toEqual([
        `cache restore failed, continuing without cache: the cache service at 127.0.0.1:${port} did not answer within 20 s`,
      ]);
      expect(run.post?.warnings).toEqual([]);
      expect(run.post?.stdout).toContain('uv cache: not saved (the cache service did not answer the restore');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 120_000);
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
      path.join(
        job.toolCache,
        'uv',
        TOOLCHAIN.uv.version,
        'x64-linux-glibc',
        `uv-x86_64-unknown-linux-gnu`,
        'uv',
      ),
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
      },
      // pip takes uv from the local wheelhouse (an internal package mirror), never the internet.
      env: { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelhouse },
    });
    expect(result.errors).toEqual([]);
    // Verified against toolchain.json's wheel digests, never installed as whatever the index serves.
    expect(result.stdout).toContain('--require-hashes');
    expect(result.warnings).toEqual([
      expect.stringMatching(/attempt 1\/2 failed: HTTP 502/),
      expect.stringMatching(
        /^uv 0\.8\.24 could not be downloaded \(could not download .*HTTP 502.*\); falling back to pip install uv==0\.8\.24 .*verified against toolchain\.json's wheel digests$/,
      ),
    ]);
    expect(result.outputs['uv-path']).toBe(
      path.join(job.toolCache, 'uv-pip', TOOLCHAIN.uv.version, 'x64', 'bin', 'uv'),
    );
    expect(result.summary).toContain(`${TOOLCHAIN.uv.version} (pip)`);
  });

  it("installs nox into a venv of the job's Python in the tool cache, with hashes, and puts it on PATH", async () => {
    const job = await projectJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: { cache: 'false' },
      env: { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${await onlyUv(job)}:/usr/bin:/bin` },
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs['nox-version']).toBe(TOOLCHAIN.nox.version);
    const [slot] = noxSlots(job);
    expect(slot).toMatch(/^x64-linux-glibc-cpython3\.11-[0-9a-f]{8}$/);
    const noxBin = path.join(job.toolCache, 'nox', TOOLCHAIN.nox.version, slot as string, 'bin');
    expect(result.path).toContain(noxBin);
    expect(readdirSync(noxBin)).toContain('nox');
  });
});

/** A bin folder holding only uv: nox is not on PATH, so prepare-python installs it. */
async function onlyUv(job: Job): Promise<string> {
  const bin = path.join(job.temp, 'only-uv');
  await mkdir(bin, { recursive: true });
  if (!existsSync(path.join(bin, 'uv'))) await symlink(await realpath(toolsBin('uv')), path.join(bin, 'uv'));
  return bin;
}

/** The nox entries in the job's tool cache (their slot names), markers left out. */
function noxSlots(job: Job): string[] {
  const dir = path.join(job.toolCache, 'nox', TOOLCHAIN.nox.version);
  return existsSync(dir)
    ? readdirSync(dir).filter((name) => !name.endsWith('.complete') && !name.startsWith('.'))
    : [];
}

describe('nox from the tool cache', () => {
  it('an entry whose nox does not run here is moved aside and replaced, not trusted', async () => {
    const job = await projectJob();
    const env = { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${await onlyUv(job)}:/usr/bin:/bin` };
    const first = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect(first.errors).toEqual([]);
    const entry = path.join(job.toolCache, 'nox', TOOLCHAIN.nox.version, noxSlots(job)[0] as string);
    // The complete entry breaks (its venv's interpreter went away, say): nox no longer runs.
    await writeFile(path.join(entry, 'bin/nox'), '#!/opt/other-image/python3\n', { mode: 0o755 });
    const second = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect(second.errors).toEqual([]);
    // Since issue 28 item 2 the venv is compared with the pinned wheels before it runs: a rewritten
    // bin/nox is named (test/hostile/tool-cache-trust.test.ts has the hostile cases).
    expect(second.warnings).toEqual([
      expect.stringContaining(
        `tool cache entry ${entry} is not the pinned nox ${TOOLCHAIN.nox.version}: bin/nox is not the script uv writes`,
      ),
    ]);
    const { spawnSync } = await import('node:child_process');
    const healed = spawnSync(path.join(entry, 'bin/nox'), ['--version'], { encoding: 'utf8' });
    expect([healed.status, `${healed.stdout}${healed.stderr}`.trim()]).toEqual([0, TOOLCHAIN.nox.version]);
  });

  it('jobs on two interpreters sharing one tool cache keep an entry each, and each takes its own next time', async () => {
    const job = await projectJob();
    const env = { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${await onlyUv(job)}:/usr/bin:/bin` };
    // /usr/bin's python3 (what uv finds on this PATH), then this machine's other 3.11, named by a file.
    const other = (await import('node:child_process'))
      .execFileSync('python3', ['-c', 'import os,sys;print(os.path.realpath(sys.executable))'], {
        encoding: 'utf8',
      })
      .trim();
    await writeFile(path.join(job.workspace, '.python-version'), `${other}\n`);
    const onSystem = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    await rm(path.join(job.workspace, '.python-version'));
    const onOther = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect([onSystem.errors, onOther.errors]).toEqual([[], []]);
    expect(onSystem.outputs['python-version']).not.toBe(onOther.outputs['python-version']);
    expect(noxSlots(job)).toHaveLength(2);
    const again = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect(again.stdout).toContain(`nox ${TOOLCHAIN.nox.version} from the tool cache`);
    expect(noxSlots(job)).toHaveLength(2);
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
      `install: sync needs ${path.join(job.workspace, 'uv.lock')} (or one in a uv workspace root above it, up to the workspace), which does not exist; run 'uv lock' in the project and commit uv.lock`,
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

describe('the restored cache is the one uv uses', () => {
  it('a UV_CACHE_DIR that exists before the step gets the entry, and keeps what it held', async () => {
    // Unpruned, so the entry holds the project's wheel: the restore is seen in the folder.
    const inputs = {
      install: 'sync',
      'nox-version': 'none',
      'cache-suffix': 'own-dir',
      'prune-cache': 'false',
    };
    const cold = await projectJob();
    const coldDir = path.join(cold.temp, 'uv-cache');
    await mkdir(coldDir, { recursive: true });
    const run1 = await runMainAndPost(cold, 'prepare-python', {
      inputs,
      env: { ...cacheEnv(), UV_CACHE_DIR: coldDir },
      ...warmImage,
    });
    expect(run1.post?.stdout).toMatch(/: saved/);

    // The image made the folder and left a file in it: the restore must still land there.
    const warm = await projectJob();
    const warmDir = path.join(warm.temp, 'uv-cache');
    await mkdir(warmDir, { recursive: true });
    await writeFile(path.join(warmDir, 'from-the-image'), 'kept');
    // The same inputs: install mode and prune-cache are part of the key.
    const run2 = await runAction(warm, 'prepare-python', {
      inputs,
      env: { ...cacheEnv(), UV_CACHE_DIR: warmDir },
      ...warmImage,
    });
    expect(run2.outputs['cache-hit']).toBe('true');
    expect(run2.env.UV_CACHE_DIR).toBe(warmDir);
    expect(filesUnder(warmDir).some((f) => f.includes('tinylib'))).toBe(true);
    expect(await readFile(path.join(warmDir, 'from-the-image'), 'utf8')).toBe('kept');
  });

  it('two prepare-python steps in one job keep their own caches and save their own folders', async () => {
    const job = await projectJob();
    const first = await runAction(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'step-one' },
      env: cacheEnv(),
      ...warmImage,
    });
    const firstDir = first.env.UV_CACHE_DIR ?? '';
    const before = filesUnder(firstDir);
    expect(before.some((f) => f.includes('tinylib'))).toBe(true);
    // The second step sees what the first exported, as the runner passes it on.
    const second = await runAction(job, 'prepare-python', {
      inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'step-two' },
      env: { ...cacheEnv(), ...first.env },
      ...warmImage,
    });
    expect(second.exitCode).toBe(0);
    expect(second.env.UV_CACHE_DIR).not.toBe(firstDir);
    expect(filesUnder(firstDir)).toEqual(before);
    const firstPlan = JSON.parse(first.state['ci-kit-prepare-python'] ?? '{}') as { uvCacheDir: string };
    const secondPlan = JSON.parse(second.state['ci-kit-prepare-python'] ?? '{}') as { uvCacheDir: string };
    expect(firstPlan.uvCacheDir).toBe(firstDir);
    expect(secondPlan.uvCacheDir).toBe(second.env.UV_CACHE_DIR);
  });

  it('cache-suffix keeps a separate cache: another suffix never restores it as a fallback', async () => {
    const job1 = await projectJob();
    const run1 = await runMainAndPost(job1, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'docs' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run1.post?.stdout).toMatch(/: saved/);
    const job2 = await projectJob();
    const run2 = await runAction(job2, 'prepare-python', {
      inputs: { install: 'none', 'nox-version': 'none', 'cache-suffix': 'lint' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run2.outputs).toMatchObject({ 'cache-hit': 'false', 'cache-matched-key': '' });
  });
});

describe('when post saves', () => {
  it('save-cache: auto does not save on pull_request_target, and says so in the log and the summary', async () => {
    const job = await projectJob();
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'prt' },
      env: { ...cacheEnv(), GITHUB_EVENT_NAME: 'pull_request_target' },
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.stdout).toContain(
      'uv cache: not saved (save-cache: auto does not save on pull_request_target',
    );
    expect(run.post?.summary).toContain('not saved: save-cache: auto does not save on pull_request_target');
  });

  it.each(['issue_comment', 'pull_request_review'])(
    'save-cache: auto does not save on %s (it may run untrusted code, and on Forgejo it writes the shared cache)',
    async (event) => {
      const job = await projectJob();
      const run = await runMainAndPost(job, 'prepare-python', {
        inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': `ev-${event}` },
        env: { ...cacheEnv(), GITHUB_EVENT_NAME: event },
        ...warmImage,
      });
      expect(run.main.exitCode).toBe(0);
      expect(run.post?.stdout).toContain(`uv cache: not saved (save-cache: auto does not save on ${event}`);
    },
  );

  it('prune-cache: false saves every wheel, unpruned', async () => {
    const job = await projectJob();
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'unpruned', 'prune-cache': 'false' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run.post?.stdout).not.toContain('cache prune');
    expect(run.post?.stdout).toMatch(/: saved .* \(unpruned; /);
  });

  it('a runner without a cache service compiles no bytecode: nothing would be saved', async () => {
    const job = await projectJob();
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'no-service' },
      ...warmImage,
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.stdout).toContain('not saved: no cache service on this runner');
    const uvCache = run.main.env.UV_CACHE_DIR ?? '';
    const files = readdirSync(uvCache, { recursive: true }).map(String);
    expect(files.some((file) => file.endsWith('.py'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.pyc'))).toEqual([]);
  });

  it('cache-bytecode: false saves the cache as uv left it, under a key of its own', async () => {
    const job = await projectJob();
    const inputs = { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'no-pyc' };
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { ...inputs, 'cache-bytecode': 'false' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(run.post?.stdout).toMatch(/: saved .* \(every wheel kept\)/);
    expect(run.post?.stdout).not.toContain('bytecode');
    const again = await runAction(await projectJob(), 'prepare-python', {
      inputs,
      env: cacheEnv(),
      ...warmImage,
    });
    expect(again.outputs['cache-hit']).toBe('false');
    expect(again.outputs['cache-key']).not.toBe(run.main.outputs['cache-key']);
  });
});

describe('Python as uv resolves it for the project', () => {
  const systemPython = '/usr/bin/python3.11';
  const versionOf = async (python: string) => {
    const { execFileSync } = await import('node:child_process');
    return execFileSync(python, ['-c', 'import platform; print(platform.python_version())'], {
      encoding: 'utf8',
    }).trim();
  };
  const itWithTwoPythons = existsSync(systemPython) ? it : it.skip;

  itWithTwoPythons('a .python-version in working-directory decides, as it does for uv sync', async () => {
    const job = await projectJob();
    const app = path.join(job.workspace, 'app');
    await mkdir(app);
    for (const file of ['pyproject.toml', 'uv.lock', 'wheels'])
      await cp(path.join(job.workspace, file), path.join(app, file), { recursive: true });
    await writeFile(path.join(app, '.python-version'), `${systemPython}\n`);
    const fromPath = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false' },
      ...warmImage,
    });
    const inApp = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false', 'working-directory': 'app' },
      ...warmImage,
    });
    const pinned = await versionOf(systemPython);
    expect(fromPath.outputs['python-version']).not.toBe(pinned); // the two interpreters differ here
    expect(inApp.errors).toEqual([]);
    expect(inApp.outputs['python-version']).toBe(pinned);

    const fromFile = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false', 'python-version-file': 'app/.python-version' },
      ...warmImage,
    });
    expect(fromFile.stdout).toContain('from app/.python-version');
    expect(fromFile.outputs['python-version']).toBe(pinned);
    expect(fromFile.env.UV_PYTHON).toBe(systemPython);
  });
});

describe('sync the way the project asks', () => {
  it('locked: true fails on a stale lock that --frozen would take', async () => {
    const job = await projectJob();
    const pyproject = path.join(job.workspace, 'pyproject.toml');
    await writeFile(
      pyproject,
      (await readFile(pyproject, 'utf8')).replace('version = "0.1.0"', 'version = "0.2.0"'),
    );
    const frozen = await runAction(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', cache: 'false' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(frozen.errors).toEqual([]);
    const locked = await runAction(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', cache: 'false', locked: 'true' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(locked.exitCode).toBe(1);
    expect(locked.errors[0]).toMatch(/uv sync --locked' exited with \d+: .*needs to be updated/s);
  });

  it('sync-args reach uv sync, and UV_PROJECT_ENVIRONMENT is the environment activated', async () => {
    const job = await projectJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        install: 'sync',
        'nox-version': 'none',
        cache: 'false',
        'sync-args': '--no-install-project\n--inexact',
      },
      env: { ...cacheEnv(), UV_PROJECT_ENVIRONMENT: 'envs/ci' },
      ...warmImage,
    });
    expect(result.errors).toEqual([]);
    expect(result.stdout).toContain('sync --frozen --no-install-project --inexact');
    expect(result.env.VIRTUAL_ENV).toBe(path.join(job.workspace, 'envs/ci'));
    expect(existsSync(path.join(job.workspace, 'envs/ci/pyvenv.cfg'))).toBe(true);
    expect(existsSync(path.join(job.workspace, '.venv'))).toBe(false);
  });

  it('activate-environment: false leaves later steps alone; true with install: none makes a venv', async () => {
    const job = await projectJob();
    const off = await runAction(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', cache: 'false', 'activate-environment': 'false' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(off.errors).toEqual([]);
    expect(off.env.VIRTUAL_ENV).toBeUndefined();
    const other = await projectJob();
    const on = await runAction(other, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false', 'activate-environment': 'true' },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(on.errors).toEqual([]);
    expect(on.env.VIRTUAL_ENV).toBe(path.join(other.workspace, '.venv'));
    expect(existsSync(path.join(other.workspace, '.venv/pyvenv.cfg'))).toBe(true);
  });
});

describe('a uv workspace member', () => {
  it("syncs from the member's folder with the workspace root's lock, into the root's environment", async () => {
    const job = await createJob();
    jobs.push(job);
    await cp(path.join(repoRoot, 'test/fixtures/uv-workspace'), job.workspace, { recursive: true });
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        install: 'sync',
        'nox-version': 'none',
        cache: 'false',
        'working-directory': 'packages/member',
      },
      env: cacheEnv(),
      ...warmImage,
    });
    expect(result.errors).toEqual([]);
    expect(result.env.VIRTUAL_ENV).toBe(path.join(job.workspace, '.venv'));
    const { execFileSync } = await import('node:child_process');
    const check = execFileSync(
      path.join(job.workspace, '.venv/bin/python'),
      ['-c', 'import tinylib; print(tinylib.greet())'],
      {
        encoding: 'utf8',
      },
    );
    expect(check.trim()).toBe('hello from tinylib');
  });
});

describe('no unverified uv', () => {
  it('with uv-sha256 there is no pip fallback: pip could only install other bytes', async () => {
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
      env: { PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheelhouse },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(/HTTP 502/);
    expect(result.stdout).toContain('no pip fallback for uv 0.8.24: uv-sha256 pins an archive');
    expect(result.stdout).not.toContain('pip install');
  });
});

describe('Python found once per runner', () => {
  it("a second job on the same tool cache does not start the interpreter for uv's query again", async () => {
    // The job's Python is a venv's, whose site-packages holds a .pth that counts every start with
    // site (uv's query; our own version probe runs with -S and is not counted). A wrapper script
    // would not do: uv never caches what it learns from a script.
    const first = await projectJob();
    const bin = await onlyUv(first);
    const counter = path.join(first.root, 'python-starts');
    const venv = path.join(first.root, 'python');
    const { execFileSync } = await import('node:child_process');
    execFileSync('python3', ['-m', 'venv', '--without-pip', venv]);
    const [lib] = readdirSync(path.join(venv, 'lib'));
    await writeFile(
      path.join(venv, 'lib', lib as string, 'site-packages', 'count-starts.pth'),
      `import os; open(${JSON.stringify(counter)}, "a").write("start\\n")\n`,
    );
    const env = { PATH: `${venv}/bin:${bin}:/usr/bin:/bin`, UV_PYTHON_DOWNLOADS: 'never' };
    const inputs = { cache: 'false', 'nox-version': 'none' };
    const starts = async () =>
      existsSync(counter) ? (await readFile(counter, 'utf8')).split('\n').length - 1 : 0;

    const one = await runAction(first, 'prepare-python', { inputs, env });
    expect(one.errors).toEqual([]);
    const afterFirst = await starts();
    expect(afterFirst).toBeGreaterThan(0);

    const second = await projectJob({ toolCache: first.toolCache });
    const two = await runAction(second, 'prepare-python', { inputs, env });
    expect(two.errors).toEqual([]);
    expect(two.outputs['python-version']).toBe(one.outputs['python-version']);
    expect(await starts()).toBe(afterFirst);
  });
});

describe('a shared tool cache written by another user', () => {
  it("a find cache uv cannot use is not 'Python missing': the job goes on with the machine's Python", async () => {
    // A root job made the folder; this job cannot use it. As root here, a `.lock` that is a folder
    // makes uv fail the same way ("failed to open file …/.lock"), whatever the permissions.
    const job = await projectJob();
    const uid = process.getuid?.() ?? 'user';
    for (const name of ['ci-kit-uv-python-find', `ci-kit-uv-python-find-${uid}`])
      await mkdir(path.join(job.toolCache, name, '.lock'), { recursive: true });
    const run = await runAction(job, 'prepare-python', {
      inputs: { cache: 'false', 'nox-version': 'none' },
      env: { UV_PYTHON_DOWNLOADS: 'never' },
      ...warmImage,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('asking again without it');
    expect(run.stdout).not.toContain('installing it with uv');
    expect(run.outputs['python-version']).toMatch(/^3\.\d+\.\d+/);
  });
});

describe('versions checked once per job', () => {
  it('prepare-python trusts the uv setup-prewarmed-runner checked in this job, and checks again once the file changed', async () => {
    // uv on PATH behind a wrapper that counts its version checks; every other command goes to the real uv.
    const job = await projectJob();
    const bin = path.join(job.temp, 'counted-uv');
    await mkdir(bin, { recursive: true });
    const counter = path.join(job.temp, 'uv-version-runs');
    const realUv = await realpath(toolsBin('uv'));
    const body = `#!/bin/sh\n[ "$1" != --version ] || echo run >> "${counter}"\nexec "${realUv}" "$@"\n`;
    await writeFile(path.join(bin, 'uv'), body, { mode: 0o755 });
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    const runs = async () =>
      existsSync(counter) ? (await readFile(counter, 'utf8')).split('\n').length - 1 : 0;

    const setup = await runAction(job, 'setup-prewarmed-runner', {
      inputs: { tools: 'uv', 'install-missing': 'false', strict: 'false' },
      env,
    });
    expect(setup.errors).toEqual([]);
    expect(await runs()).toBe(1);

    const inputs = { cache: 'false', 'nox-version': 'none' };
    const prepare = await runAction(job, 'prepare-python', { inputs, env });
    expect(prepare.errors).toEqual([]);
    expect(prepare.outputs['uv-version']).toBe(TOOLCHAIN.uv.version);
    expect(prepare.stdout).toContain(
      `uv ${TOOLCHAIN.uv.version} is already on PATH at ${bin}/uv (checked by an earlier step`,
    );
    expect(await runs()).toBe(1);

    await writeFile(path.join(bin, 'uv'), `${body}# changed\n`);
    const again = await runAction(job, 'prepare-python', { inputs, env });
    expect(again.errors).toEqual([]);
    expect(again.stdout).not.toContain('checked by an earlier step');
    expect(await runs()).toBe(2);
  });

  it('prepare-python trusts the nox setup-prewarmed-runner checked in this job, and checks again once the file changed', async () => {
    // nox on PATH behind a wrapper that counts its runs: the pre-warmed image's nox, observed.
    const job = await projectJob();
    const bin = await onlyUv(job);
    const counter = path.join(job.temp, 'nox-runs');
    const wrapper = path.join(bin, 'nox');
    const realNox = await realpath(toolsBin('nox'));
    await writeFile(wrapper, `#!/bin/sh\necho run >> "${counter}"\nexec "${realNox}" "$@"\n`, {
      mode: 0o755,
    });
    const env = { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${bin}:/usr/bin:/bin` };
    const runs = async () =>
      existsSync(counter) ? (await readFile(counter, 'utf8')).split('\n').length - 1 : 0;

    const setup = await runAction(job, 'setup-prewarmed-runner', {
      inputs: { tools: 'nox', 'install-missing': 'false', strict: 'false' },
      env,
    });
    expect(setup.errors).toEqual([]);
    expect(await runs()).toBe(1);

    const prepare = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect(prepare.errors).toEqual([]);
    expect(prepare.outputs['nox-version']).toBe(TOOLCHAIN.nox.version);
    expect(prepare.stdout).toContain('checked by an earlier step of ours in this job');
    expect(await runs()).toBe(1);

    // The same path, other bytes: the record no longer holds, so nox runs again (and is the pin still).
    await writeFile(wrapper, `#!/bin/sh\necho run >> "${counter}"\nexec "${realNox}" "$@"\n# changed\n`);
    const again = await runAction(job, 'prepare-python', { inputs: { cache: 'false' }, env });
    expect(again.errors).toEqual([]);
    expect(again.stdout).not.toContain('checked by an earlier step');
    expect(await runs()).toBe(2);
  });
});
