// Guarantee 5: no action prints, outputs, summarises, saves into its state or into a cache key (or a
// cache entry) a secret value it can see, whatever the value holds: lines, %, ::, shell metacharacters,
// 48 KiB of base64. The secrets are where a workflow puts them: in the job's env (every step sees them),
// in the cache token, in a proxy URL, in the userinfo of a mirror URL. The scan reads every byte each
// step printed or wrote, every file under the job's folders, and every entry in the cache server.
//
// secret-guard's own reading of values is covered in depth by test/integration/secret-guard.test.ts;
// here it runs once more with values it was not asked about, next to the other actions.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createJob,
  repoRoot,
  runAction,
  runMainAndPost,
  type ActionResult,
  type Job,
} from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { needlesFor, scanResult, scanTree, type Leak } from '../harness/scan';
import { forgedCommands } from '../harness/runner-commands';
import { NOT_SECRET_LINES, secretValues } from '../harness/hostile-values';
import { runComposite } from '../harness/composite';
import { publishTiny, tinyInputs, withCredentials, type TinyRelease } from './fixtures';
import { tally } from './tally';

let mirror: Mirror;
let server: CacheServer;
let tiny: TinyRelease;
let canaryDir: string;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

/** One set of secrets per test: fresh random tokens, so a hit can only be a leak. */
function secretsFor(canary: string) {
  const values = secretValues(canary);
  const token = `tok-${randomBytes(16).toString('hex')}`;
  const proxyPassword = `proxy-${randomBytes(12).toString('hex')}`;
  const mirrorPassword = `mirror-${randomBytes(12).toString('hex')}`;
  tally.hostileInputs += Object.keys(values).length + 3;
  return {
    values,
    token,
    proxyPassword,
    mirrorPassword,
    env: {
      ...values,
      ACTIONS_CACHE_URL: server.url,
      ACTIONS_RUNTIME_TOKEN: token,
      HTTPS_PROXY: `http://ci:${proxyPassword}@127.0.0.1:9`,
      HTTP_PROXY: `http://ci:${proxyPassword}@127.0.0.1:9`,
      NO_PROXY: '127.0.0.1,localhost',
    },
    needles: needlesFor([...Object.values(values), token, proxyPassword, mirrorPassword], NOT_SECRET_LINES),
  };
}

/** Every cache entry the server holds, unpacked, scanned like the job's folders. */
async function scanCacheServer(needles: ReturnType<typeof needlesFor>): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(server.dir);
  const out = await mkdtemp(path.join(tmpdir(), 'ci-kit-cache-scan-'));
  try {
    for (const [i, file] of files.entries()) {
      const dest = path.join(out, String(i));
      await mkdir(dest);
      const untar = spawnSync('tar', ['-xf', file, '-C', dest, '--use-compress-program', 'unzstd'], {
        stdio: 'ignore',
      });
      if (untar.status !== 0) await cp(file, path.join(dest, path.basename(file)));
    }
    leaks.push(...(await scanTree(out, needles)));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return leaks;
}

async function scanAll(
  job: Job,
  needles: ReturnType<typeof needlesFor>,
  results: ActionResult[],
): Promise<Leak[]> {
  return [
    ...results.flatMap((r, i) => scanResult(r, needles, `step ${i + 1}`)),
    ...(await scanTree(job.root, needles)),
  ];
}

beforeAll(async () => {
  mirror = await startMirror();
  server = await startCacheServer();
  tiny = await publishTiny(mirror);
  canaryDir = await mkdtemp(path.join(tmpdir(), 'ci-kit-canary-'));
});

afterEach(async () => {
  mirror.reset();
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  await mirror?.stop();
  await server?.stop();
  await rm(canaryDir, { recursive: true, force: true });
});

describe('no action shows a secret it can see', () => {
  it('cached-tool (download, remote cache save, then a restore on a fresh runner, then a failure)', async () => {
    const canary = path.join(canaryDir, 'cached-tool');
    const s = secretsFor(canary);
    const base = withCredentials(mirror.url, 'ci', s.mirrorPassword);
    const job = await newJob();
    const saved = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base, tiny.sha256, { cache: 'true' }),
      env: s.env,
    });
    expect(saved.exitCode).toBe(0);
    const fresh = await newJob();
    const restored = await runAction(fresh, 'cached-tool', {
      inputs: tinyInputs(base, tiny.sha256, { cache: 'true' }),
      env: s.env,
    });
    expect(restored.outputs.source).toBe('remote-cache');
    mirror.script(tiny.urlPath, [{ status: 503 }, { status: 404 }]);
    const failed = await runAction(await newJob(), 'cached-tool', {
      inputs: tinyInputs(base, tiny.sha256, { cache: 'false' }),
      env: s.env,
    });
    expect(failed.exitCode).toBe(1);
    const leaks = [
      ...(await scanAll(job, s.needles, [saved])),
      ...(await scanAll(fresh, s.needles, [restored, failed])),
      ...(await scanCacheServer(s.needles)),
    ];
    tally.leaks += leaks.length;
    expect(leaks).toEqual([]);
    expect(existsSync(canary)).toBe(false);
    // The toolkit masks the cache download URL (add-mask); nothing else is a command.
    for (const r of [saved, restored, failed])
      expect(forgedCommands(r.stdout, { allowMasks: true })).toEqual([]);
  });

  it('prepare-python main and post (install: sync, cache saved, state written)', async () => {
    const canary = path.join(canaryDir, 'prepare-python');
    const s = secretsFor(canary);
    const job = await newJob();
    await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
    const run = await runMainAndPost(job, 'prepare-python', {
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': 'secrets' },
      env: { ...s.env, UV_OFFLINE: '1' },
      path: [path.dirname(toolsBin('uv'))],
    });
    expect(run.main.exitCode).toBe(0);
    expect(run.post?.stdout).toMatch(/: saved /);
    const results = [run.main, run.post as ActionResult];
    const leaks = [...(await scanAll(job, s.needles, results)), ...(await scanCacheServer(s.needles))];
    tally.leaks += leaks.length;
    expect(leaks).toEqual([]);
    expect(existsSync(canary)).toBe(false);
    // The cache key and the state are built from names and digests only.
    expect(run.main.outputs['cache-key']).toMatch(
      /^ci-kit-uv-linux-x64-[a-z0-9._-]+-py[\d.]+[a-z]*-secrets-[0-9a-f]{10}-[0-9a-f]{64}$/,
    );
    for (const r of results) expect(forgedCommands(r.stdout, { allowMasks: true })).toEqual([]);
  });

  it('secret-guard with values it was not asked about, and with on-missing: fail', async () => {
    const canary = path.join(canaryDir, 'secret-guard');
    const s = secretsFor(canary);
    const job = await newJob();
    const unasked = await runAction(job, 'secret-guard', {
      inputs: { secrets: 'SOME_OTHER_SECRET' },
      env: { ...s.env, SOME_OTHER_SECRET: `other-${randomBytes(8).toString('hex')}` },
    });
    expect(unasked.outputs.mode).toBe('online');
    const failing = await runAction(job, 'secret-guard', {
      inputs: { secrets: `${Object.keys(s.values).join(' ')} NOT_SET_AT_ALL`, 'on-missing': 'fail' },
      env: s.env,
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.errors).toHaveLength(1);
    const leaks = await scanAll(job, s.needles, [unasked, failing]);
    tally.leaks += leaks.length;
    expect(leaks).toEqual([]);
    expect(existsSync(canary)).toBe(false);
    expect(forgedCommands(failing.stdout, { allowMasks: true })).toEqual([]);
  });

  it("status-check (composite) with secrets in the needed jobs' outputs", async () => {
    const canary = path.join(canaryDir, 'status-check');
    const s = secretsFor(canary);
    const job = await newJob();
    const outputs = Object.fromEntries(
      Object.entries(s.values).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const needs = {
      unit: { result: 'success', outputs },
      integration: { result: 'success', outputs: { mode: 'offline', reason: s.values.SECRET_SHELL } },
      // One copy of the values only: a single env variable holds at most 128 KiB on Linux (MAX_ARG_STRLEN).
      lint: { result: 'failure', outputs: { token: s.token } },
    };
    const result = await runComposite(job, 'status-check', {
      inputs: { needs: JSON.stringify(needs) },
      env: s.env,
    });
    expect(result.exitCode).toBe(1);
    const step = result.steps[0];
    const leaks = [
      ...scanResult(
        { ...step, state: {}, script: '', signal: null, durationMs: 0 } as unknown as ActionResult,
        s.needles,
      ),
      ...(await scanTree(path.join(job.root, 'steps'), s.needles)).filter(
        (leak) => !leak.where.endsWith('script.sh'),
      ),
    ];
    tally.leaks += leaks.length;
    expect(leaks).toEqual([]);
    expect(existsSync(canary)).toBe(false);
  });
});
