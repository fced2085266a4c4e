// Issue 29 on the real Forgejo server and its runner: a job whose node is Node 24 LTS (.tools/node/24, from the npm registry by
// setup-tools, first on the runner's PATH: in host mode the runner runs every node action with the first
// node on the job's PATH, as it runs the job container's own node in container mode). Our actions run
// their bundles on it: setup-prewarmed-runner with node-version-min 24 takes it as it is, secret-guard
// decides, cached-tool installs helm from the loopback mirror, and status-check's plain script judges the
// job from the next one. The rest of the e2e suite runs on the machine's node (Node 20 here).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';
import { NODE_TEST_VERSIONS, nodeVersionsUnavailable, testNode } from '../harness/node-versions';

const unavailable = nodeVersionsUnavailable();
if (unavailable) console.warn(`node24 e2e skipped: ${unavailable}`);
const describeIfNodes = unavailable ? describe.skip : describe;

let stack: Stack;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  if (!unavailable) stack = await startStack({ forgejoServer: true });
}, 120_000);

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describeIfNodes('a job on Node 24 LTS on the real runner', () => {
  it("runs setup-prewarmed-runner (node-version-min 24), secret-guard, cached-tool and status-check on the job's Node 24", async () => {
    const node24 = testNode(24);
    const result = await runWorkflow({
      workflow: workflowPath('node24.yml'),
      project: await stack.newProject('example-project', []),
      runnerDir: await stack.newRunner(),
      vars: stack.vars,
      env: stack.env,
      path: [path.dirname(node24)],
      timeoutMs: 300_000,
    });
    runs.push(result);
    expect(result.errors()).toEqual([]);
    expect(result.job('node24').result).toBe('success');
    expect(result.values['node24.env']).toEqual({
      node: `v${NODE_TEST_VERSIONS[24]}`,
      'node-path': node24,
      installed: '',
      missing: '',
      mode: 'offline',
      'helm-source': 'download',
      'helm-sha256': stack.releases.helm.sha256,
      'helm-says': `v${TOOLCHAIN.helm.version}`,
    });
    // bootstrap.sh found Node 24 on the job's PATH and handed it to the node step, which ran on it (the
    // server shows the composite as one step: its log has both inner steps' lines).
    expect(result.step('node24', 'setup').output.join('\n')).toContain(
      `present: node v${NODE_TEST_VERSIONS[24]} git curl tar`,
    );
    expect(result.output('node24')).toContain(`present: node v${NODE_TEST_VERSIONS[24]} git curl tar`);
    expect(result.job('status').result).toBe('success');
    expect(result.values['status.env']).toEqual({ 'status-node': `v${NODE_TEST_VERSIONS[24]}` });
    expect(result.output('status')).toContain('status-check passed');
  }, 360_000);
});
