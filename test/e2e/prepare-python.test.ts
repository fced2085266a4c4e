// Scenario 2 on the real Forgejo server and its runner: prepare-python's main and post steps on a
// locked project, with the runner host's cache server, then one cache server shared by two runner
// hosts; on act, the cache service handed to the runner through --env ACTIONS_CACHE_URL (our loopback
// ci-kit-cache-server).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { repoRoot } from '../harness/runner';
import { startCacheServer } from '../harness/cache-server';
import { removeRun, runWorkflow, type RunOptions, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const workflow = workflowPath('prepare-python.yml');
let stack: Stack;
let project: string;
const runs: WorkflowRun[] = [];

async function run(opts: Omit<RunOptions, 'workflow' | 'project'>): Promise<WorkflowRun> {
  const result = await runWorkflow({
    workflow,
    project,
    vars: stack.vars,
    ...opts,
    env: { ...stack.env, ...opts.env },
  });
  runs.push(result);
  return result;
}

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  project = await stack.newProject('example-project', [path.join(repoRoot, 'test/fixtures/py-app')]);
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describe('prepare-python on the real runner', () => {
  it('cold run saves the uv cache in post (also for a failed job); the warm run hits it', async () => {
    const runner = await stack.newRunner();
    const cold = await run({ runnerDir: runner });
    // fails-after-prepare fails on purpose, so the run as a whole is red.
    expect(cold.exitCode).not.toBe(0);
    expect(cold.job('sync').result).toBe('success');
    expect(cold.job('fails-after-prepare').result).toBe('failure');

    const sync = cold.values['sync.env'];
    expect(sync).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': '',
      'uv-version': TOOLCHAIN.uv.version,
      'nox-version': TOOLCHAIN.nox.version,
    });
    expect(sync?.['cache-key']).toMatch(/^ci-kit-uv-linux-/);
    // The node action saw the runner's per-job cache proxy (`<proxy>/<run id>/`, on loopback), which
    // signs for the runner host's cache server; and Forgejo's runtime token (the v1 cache API needs none).
    expect(sync?.['actions-cache-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{8}\/$/);
    expect(sync?.['actions-runtime-token']).toBe('set');
    // The project's environment is ready for later steps.
    expect(cold.step('sync', '2').outcome).toBe('success');
    expect(cold.output('sync')).toMatch(/tinylib from .*\.venv/);
    // The post step ran after the job's steps and saved.
    const post = cold.step('sync', 'python', 'Post');
    expect(post.outcome).toBe('success');
    expect(post.output.join('\n')).toContain(`uv cache ${sync?.['cache-key']}: saved`);

    // The failed job: its post step still ran (post-if: always()) and saved; `if: always()` ran too.
    const failed = cold.values['fails-after-prepare.env'];
    expect(failed).toMatchObject({ 'cache-hit': 'false', 'always-ran': 'true' });
    expect(failed?.reached).toBeUndefined();
    expect(cold.step('fails-after-prepare', '3').outcome).toBe('failure');
    expect(cold.step('fails-after-prepare', '4').outcome).toBe('skipped');
    const failedPost = cold.step('fails-after-prepare', 'python', 'Post');
    expect(failedPost.outcome).toBe('success');
    // The runner gave the post step the job's status: the entry goes under <key>-failed.
    const failedKey = `${failed?.['cache-key']}-failed`;
    expect(failed?.['cache-key']).toMatch(/-failed_job-[0-9a-f]{10}-[0-9a-f]{64}$/);
    expect(failedPost.output.join('\n')).toContain(`the job is failure: saving under ${failedKey}`);
    expect(failedPost.output.join('\n')).toContain(`uv cache ${failedKey}: saved`);

    const warm = await run({ runnerDir: runner });
    expect(warm.job('sync').result).toBe('success');
    expect(warm.values['sync.env']).toMatchObject({
      'cache-hit': 'true',
      'cache-key': sync?.['cache-key'],
      'cache-matched-key': sync?.['cache-key'],
    });
    expect(warm.step('sync', 'python', 'Post').output.join('\n')).toContain('not saved (exact cache hit)');
    // What the failed job saved is there for its next run, as a fallback, never as an exact hit.
    expect(warm.values['fails-after-prepare.env']).toMatchObject({
      'cache-hit': 'false',
      'cache-matched-key': failedKey,
    });
  });

  it('two runner hosts with one external cache server: the second host restores what the first saved', async () => {
    const cacheServer = await stack.sharedCacheServer();
    const cold = await run({ runnerDir: await stack.newRunner('host-a'), cacheServer, job: 'sync' });
    expect(cold.exitCode).toBe(0);
    expect(cold.values['sync.env']?.['cache-hit']).toBe('false');
    // Each job talks to its own runner's signing proxy, never to the server itself.
    expect(cold.values['sync.env']?.['actions-cache-url']).not.toContain(cacheServer.url);
    expect(await readdir(cacheServer.dir)).not.toHaveLength(0);

    const warm = await run({ runnerDir: await stack.newRunner('host-b'), cacheServer, job: 'sync' });
    expect(warm.exitCode).toBe(0);
    expect(warm.values['sync.env']?.['cache-hit']).toBe('true');
  });

  it('act: --env ACTIONS_CACHE_URL replaces its cache service (GitHub protocol, no signing)', async () => {
    const cacheServer = await startCacheServer();
    try {
      const runner = await stack.newRunner();
      const env = { ACTIONS_CACHE_URL: cacheServer.url };
      const cold = await run({ runner: 'act', runnerDir: runner, env, job: 'sync' });
      expect(cold.exitCode).toBe(0);
      expect(cold.values['sync.env']).toMatchObject({
        'cache-hit': 'false',
        'actions-cache-url': cacheServer.url,
      });
      expect(await readdir(path.join(cacheServer.dir, 'cache'))).not.toHaveLength(0);
      // act started no cache server of its own: it would have created its default data folder.
      expect(existsSync(path.join(runner, 'home/.cache/actcache'))).toBe(false);

      // A different runner (its own folders) with the same external cache service: an exact hit.
      const warm = await run({ runner: 'act', runnerDir: await stack.newRunner(), env, job: 'sync' });
      expect(warm.exitCode).toBe(0);
      expect(warm.values['sync.env']?.['cache-hit']).toBe('true');
    } finally {
      await cacheServer.stop();
    }
  });
});
