// Scenario 4 on the real Forgejo server and its runner: setup-prewarmed-runner (a composite:
// bootstrap.sh, then node) on a pre-warmed host. Only the real runner runs the composite's steps through `sh` with the env: it maps,
// which is where inputs can get lost (an env name with a dash does not survive dash, Debian's sh).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

let stack: Stack;
const runs: WorkflowRun[] = [];

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describe('setup-prewarmed-runner on the real runner', () => {
  it('takes the fast path on a pre-warmed host; strict fails off the image', async () => {
    const host = await stack.prewarmedHost();
    const result = await runWorkflow({
      workflow: workflowPath('setup-prewarmed-runner.yml'),
      project: await stack.newProject('example-project', []),
      runnerDir: await stack.newRunner(),
      vars: stack.vars,
      env: { ...stack.env, ...host.env },
      path: host.path,
    });
    runs.push(result);
    // The one expected error is the off-image strict step's, checked below.
    expect(result.errors().filter((e) => !e.includes('not on the pre-warmed image'))).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.values['fast-path.env']).toEqual({
      prewarmed: 'true',
      installed: '',
      missing: '',
      'image-version': 'e2e-host',
    });
    // Both composite steps ran (the server shows the composite as one step; its log has both), and the
    // shell step's outputs reached the node step: its telemetry carries the bootstrap's record.
    const setup = result.step('fast-path', 'setup');
    expect(setup.outcome).toBe('success');
    expect(setup.output.join('\n')).toMatch(/setup-prewarmed-runner: bootstrap: present: node v\d+/);
    expect(setup.output.join('\n')).toMatch(/pre-warmed \(image e2e-host\): node /);
    expect(setup.outputs.telemetry).toContain('"action":"setup-prewarmed-runner/bootstrap"');
    // Nothing was downloaded: the fast path only reads the manifest and checks versions.
    expect(stack.mirror.requests).toHaveLength(0);

    expect(result.values['strict.env']).toEqual({
      'on-image': 'success',
      'on-image-prewarmed': 'true',
      'off-image': 'failure',
      'off-image-conclusion': 'success',
    });
    expect(result.output('strict')).toMatch(
      /strict: this job is not on the pre-warmed image: .*no image manifest/,
    );
  });
});
