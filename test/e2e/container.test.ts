// Container mode, as users run it: jobs in a container without Node, through the runner's Docker backend
// (podman here), the runner a registered daemon of the real Forgejo server (container-server.test.ts
// runs the same on a bench of its own, with the real actions/checkout). It needs podman and runc (npm run setup-tools installs them on Debian) and root; the
// minbase root comes from scripts/setup-chroot.sh (run here when missing), and its bootstrap installs
// packages from the Debian mirror (about 45 s in all).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { containerModeUnavailable, startPodman, type Podman } from '../harness/podman';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const unavailable = containerModeUnavailable();
if (unavailable) console.log(`container-mode e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

let stack: Stack;
let podman: Podman;
const runs: WorkflowRun[] = [];

describeIf('container mode on the real runner (podman)', () => {
  beforeAll(async () => {
    const made = spawnSync('sh', [path.join(repoRoot, 'scripts/setup-chroot.sh')], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (made.status !== 0) throw new Error(`scripts/setup-chroot.sh failed:\n${made.stderr}`);
    stack = await startStack({ forgejoServer: true });
    podman = await startPodman();
  }, 600_000);

  afterAll(async () => {
    await Promise.all(runs.map(removeRun));
    await podman?.stop();
    await stack?.stop();
  });

  it('a node action fails in a bare image; after setup-prewarmed-runner it runs', async () => {
    const result = await runWorkflow({
      workflow: workflowPath('container.yml'),
      project: await stack.newProject('example-project', []),
      runnerDir: await stack.newRunner(),
      vars: stack.vars,
      env: stack.env,
      container: podman,
      timeoutMs: 300_000,
    });
    runs.push(result);

    // The seed's failure, for real: the runner execs `node` in the job container, which has none.
    expect(result.job('bare').result).toBe('failure');
    expect(result.output('bare')).toContain('no node in this image');
    expect(result.step('bare', 'guard').outcome).toBe('failure');
    expect(result.entries.some((e) => e.msg.includes('exec: "node": executable file not found'))).toBe(true);

    // The same action after bootstrap.sh installed Node from the Debian mirror.
    expect(result.errors().filter((e) => e.startsWith('container/bootstrapped'))).toEqual([]);
    expect(result.job('bootstrapped').result).toBe('success');
    expect(result.step('bootstrapped', 'setup').outputs).toMatchObject({ prewarmed: 'false', missing: '' });
    expect(result.step('bootstrapped', 'setup').outputs.installed).toMatch(/node/);
    expect(result.step('bootstrapped', 'guard').outputs).toMatchObject({
      mode: 'offline',
      reason: 'missing-secrets',
    });
    expect(result.output('bootstrapped')).toMatch(/^v20\./m);
  }, 300_000);
});
