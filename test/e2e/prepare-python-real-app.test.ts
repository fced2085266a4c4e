// Issue 26's "Done when" on the real Forgejo server: a registered forgejo-runner daemon (host mode) checks
// out the realistic fixture (test/fixtures/real-app, 39 locked packages with compiled wheels, its lock
// naming a loopback package index), runs prepare-python with no cache input set and `install: sync`, then the
// project's tests with `python -m pytest -q` in the environment it activated. The cold job downloads
// every wheel and saves the entry to the runner's cache server; warm jobs on fresh runner hosts that
// share that cache server (nothing of the first host's: no tool cache, no workspace, no uv cache) install
// everything from the restored uv cache with the package index down, and stay green.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { haveForgejoServer } from '../harness/runners/forgejo-server';
import { startStack, workflowPath, type Stack } from '../harness/stack';
import {
  materializeRealApp,
  realAppUnavailable,
  startPackageIndex,
  type PackageIndex,
} from '../harness/package-index';
import type { ForgejoCacheServer } from '../harness/forgejo-cache';

const skip =
  realAppUnavailable() ??
  (haveForgejoServer() ? undefined : 'no .tools/forgejo (npm run setup-tools builds Forgejo v13.0.5)');
const describeIf = skip ? describe.skip : describe;
if (skip) console.warn(`prepare-python on the realistic fixture (e2e): skipped: ${skip}`);

/** What the default sync installs (runtime + dev group): docs/testing.md. */
const DEFAULT_PACKAGES = 39;

const workflow = workflowPath('prepare-python-real-app.yml');
let stack: Stack;
let index: PackageIndex;
let cacheServer: ForgejoCacheServer;
let project: string;
const runs: WorkflowRun[] = [];

/**
 * The stack's runner env minus its offline switches (UV_OFFLINE, PIP_NO_INDEX, the wheelhouse as
 * find-links): here the packages come from the project's index, as on a real runner.
 */
function onlineEnv(): Record<string, string> {
  const offline = new Set(['UV_OFFLINE', 'PIP_NO_INDEX', 'UV_FIND_LINKS']);
  return Object.fromEntries(Object.entries(stack.env).filter(([name]) => !offline.has(name)));
}

/** One run of the `defaults` job on a fresh runner host that uses the shared cache server. */
async function run(label: string): Promise<WorkflowRun> {
  const result = await runWorkflow({
    workflow,
    project,
    runnerDir: await stack.newRunner(label),
    cacheServer,
    vars: { ...stack.vars, PACKAGE_INDEX: index.simpleUrl },
    env: onlineEnv(),
    job: 'defaults',
    timeoutMs: 90_000,
  });
  runs.push(result);
  if (result.exitCode !== 0) throw new Error(`${label} run is red:\n${result.failures().join('\n')}`);
  return result;
}

describeIf('prepare-python with its defaults on the realistic fixture, on forgejo-runner', () => {
  beforeAll(async () => {
    stack = await startStack({ forgejoServer: true });
    // One index for the whole file: uv keys its wheel cache by the index URL, port included.
    index = await startPackageIndex();
    cacheServer = await stack.sharedCacheServer();
    const app = materializeRealApp({ indexUrl: index.url });
    try {
      project = await stack.newProject('real-app', [app.dir]);
    } finally {
      app.cleanup();
    }
  });

  afterAll(async () => {
    await Promise.all(runs.map(removeRun));
    await index?.stop();
    await stack?.stop();
  });

  it('cold: downloads every package, the tests pass, post saves the whole lock; warm on fresh hosts with the index down: green, all from the uv cache, zero index requests', async () => {
    const cold = await run('cold');
    expect(cold.job('defaults').result).toBe('success');
    const coldOut = cold.values['defaults.env'];
    expect(coldOut).toMatchObject({
      'cache-hit': 'false',
      'packages-downloaded': String(DEFAULT_PACKAGES),
      'packages-from-cache': '0',
    });
    // The tests ran with the environment prepare-python activated.
    expect(coldOut?.python).toBe(path.join(coldOut?.['virtual-env'] ?? '?', 'bin/python'));
    expect(cold.stepNamed('defaults', "The project's tests").output.join('\n')).toMatch(/\d+ passed/);
    expect(index.fileRequests).toHaveLength(DEFAULT_PACKAGES);
    const post = cold.step('defaults', 'python', 'Post').output.join('\n');
    const saved = /uv cache (\S+): saved ([\d.]+) MiB/.exec(post);
    expect(saved?.[1]).toBe(coldOut?.['cache-key']);
    // Every wheel kept (prune-cache: unused): tens of MiB, not the kilobytes `uv cache prune --ci` leaves.
    expect(Number(saved?.[2])).toBeGreaterThan(20);

    // The index answers 503 to everything and records it: any request a warm job made would show.
    index.reset();
    await index.down(503);
    const warm = await run('warm-503');
    expect(warm.values['defaults.env']).toMatchObject({
      'cache-hit': 'true',
      'cache-key': coldOut?.['cache-key'],
      'packages-from-cache': String(DEFAULT_PACKAGES),
      'packages-downloaded': '0',
    });
    expect(warm.output('defaults')).toContain(
      `${DEFAULT_PACKAGES} packages installed, all from the uv cache (nothing downloaded)`,
    );
    expect(warm.stepNamed('defaults', "The project's tests").output.join('\n')).toMatch(/\d+ passed/);
    expect(index.requests).toEqual([]);
    expect(warm.step('defaults', 'python', 'Post').output.join('\n')).toContain(
      'not saved (exact cache hit)',
    );

    // The index gone altogether (connections refused), another fresh host: the same.
    await index.up();
    await index.down();
    const offline = await run('warm-down');
    expect(offline.values['defaults.env']).toMatchObject({
      'cache-hit': 'true',
      'packages-from-cache': String(DEFAULT_PACKAGES),
      'packages-downloaded': '0',
    });
    expect(offline.stepNamed('defaults', "The project's tests").output.join('\n')).toMatch(/\d+ passed/);
    await index.up();
  });
});
