// Scenario 1 on the real Forgejo server and its runner: cached-tool resolved as a remote action at a tag
// (from the server itself, its DEFAULT_ACTIONS_URL), installing real helm and kubeconform builds from the
// loopback mirror; warm runs take them from the runner host's tool cache, and a fresh runner host sharing
// the cache server takes them from the remote cache.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { removeRun, runWorkflow, type RunOptions, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const workflow = workflowPath('cached-tool.yml');
let stack: Stack;
let project: string;
const runs: WorkflowRun[] = [];

async function run(opts: Omit<RunOptions, 'workflow' | 'project'>): Promise<WorkflowRun> {
  const result = await runWorkflow({
    workflow,
    project,
    vars: stack.vars,
    env: stack.env,
    ...opts,
  });
  runs.push(result);
  return result;
}

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  project = await stack.newProject('example-project', []);
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describe('cached-tool on the real runner', () => {
  it('downloads helm and kubeconform from the mirror, then takes them from the tool cache and the remote cache', async () => {
    const runner = await stack.newRunner();
    const cacheServer = await stack.sharedCacheServer();
    const archive = (tool: 'helm' | 'kubeconform'): string =>
      new URL(stack.releases[tool].archiveUrl).pathname;

    const cold = await run({ runnerDir: runner, cacheServer });
    expect(cold.errors()).toEqual([]);
    expect(cold.exitCode).toBe(0);
    expect(cold.job('tools').result).toBe('success');
    expect(cold.values['tools.env']).toMatchObject({
      'helm-source': 'download',
      'helm-version': TOOLCHAIN.helm.version,
      'helm-sha256': stack.releases.helm.sha256,
      'helm-says': `v${TOOLCHAIN.helm.version}`,
      'kubeconform-source': 'download',
      'kubeconform-says': `v${TOOLCHAIN.kubeconform.version}`,
    });
    const toolCache = cold.values['tools.env']?.['tool-cache'] ?? '';
    expect(toolCache.startsWith(runner)).toBe(true);
    expect(cold.values['tools.env']?.['helm-on-path']).toBe(
      path.join(cold.values['tools.env']?.['helm-path'] ?? '', 'helm'),
    );
    expect(cold.output('tools')).toMatch(/Valid: 0, Invalid: 0, Errors: 0, Skipped: 1/);
    expect(stack.mirror.requestsFor(archive('helm'))).toHaveLength(1);
    expect(stack.mirror.requestsFor(archive('kubeconform'))).toHaveLength(1);
    // The action came from the server at the tag (the runner clones it over git HTTP: its log says so).
    const step = cold.step('tools', 'helm');
    expect(step.name).toBe('ops/forgejo-ci-kit/actions/cached-tool@v1');
    expect(
      cold.entries.some((e) =>
        /git (clone|fetch) 'http:\/\/127\.0\.0\.1:\d+\/ops\/forgejo-ci-kit' # ref=v1$/.test(e.msg),
      ),
    ).toBe(true);
    // The step summary does not reach the server's log (Forgejo shows none); what it says is in the log.
    expect(step.output.join('\n')).toContain(`helm ${TOOLCHAIN.helm.version} from download on PATH at`);

    // Same runner again: both tools from its tool cache, nothing downloaded.
    stack.mirror.reset();
    const warm = await run({ runnerDir: runner, cacheServer });
    expect(warm.exitCode).toBe(0);
    expect(warm.values['tools.env']).toMatchObject({
      'helm-source': 'tool-cache',
      'kubeconform-source': 'tool-cache',
      'helm-says': `v${TOOLCHAIN.helm.version}`,
      'tool-cache': toolCache,
    });
    expect(stack.mirror.requests).toHaveLength(0);

    // An ephemeral runner: empty tool cache, but the same cache server (shared by both runner hosts).
    const fresh = await run({ runnerDir: await stack.newRunner('ephemeral'), cacheServer });
    expect(fresh.exitCode).toBe(0);
    expect(fresh.values['tools.env']).toMatchObject({
      'helm-source': 'remote-cache',
      'kubeconform-source': 'remote-cache',
      'kubeconform-says': `v${TOOLCHAIN.kubeconform.version}`,
    });
    expect(stack.mirror.requests).toHaveLength(0);
  });
});
