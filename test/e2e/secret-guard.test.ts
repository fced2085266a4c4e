// Scenario 3 on the real runner: secret-guard's outputs drive `if:` expressions, job outputs and needs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forgejoForkPullRequest } from '../fixtures/pull-request-events';
import { removeRun, runWorkflow, type RunOptions, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const workflow = workflowPath('secret-guard.yml');
const SECRETS = { OPENAI_API_KEY: 'sk-e2e-openai-5f3a9c1d7e', ANTHROPIC_API_KEY: 'sk-ant-e2e-8b2d4f6a0c' };
let stack: Stack;
let project: string;
let runner: string;
const runs: WorkflowRun[] = [];

async function run(opts: Omit<RunOptions, 'workflow' | 'project' | 'runnerDir'>): Promise<WorkflowRun> {
  const result = await runWorkflow({
    workflow,
    project,
    runnerDir: runner,
    vars: stack.vars,
    env: stack.env,
    ...opts,
  });
  runs.push(result);
  return result;
}

beforeAll(async () => {
  stack = await startStack();
  project = await stack.newProject('example-project', []);
  runner = await stack.newRunner();
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describe('secret-guard on the real runner', () => {
  it('with the secrets given, the online step runs and no value reaches the log or an output', async () => {
    const result = await run({ secrets: SECRETS });
    expect(result.errors()).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.values['integration.env']).toEqual({
      path: 'online',
      mode: 'online',
      available: 'true',
      present: 'OPENAI_API_KEY,ANTHROPIC_API_KEY',
      missing: '',
      fork: 'false',
      reason: 'all-present',
      event: 'push',
      // From the project's origin on the loopback forge.
      repository: 'ops/example-project',
    });
    expect(result.step('integration', '1').outcome).toBe('success');
    expect(result.step('integration', '2').outcome).toBe('skipped');
    // Job outputs through needs.
    expect(result.values['report.env']).toEqual({
      mode: 'online',
      reason: 'all-present',
      'integration-result': 'success',
    });
    // secret-guard masked both values; every log line and every file a job wrote is clean. (act's JSON
    // logger keeps the raw `::add-mask::<value>` command in the entry's `arg`/`raw` fields, next to a
    // masked message: a runner-side leak of act's --json mode, so those two fields are left out here.)
    const masks = result.entries.filter((e) => e.command === 'add-mask');
    expect(masks.map((e) => e.arg).sort()).toEqual(Object.values(SECRETS).sort());
    const visible = result.entries.map(({ arg: _arg, raw: _raw, ...rest }) => rest);
    const everything = JSON.stringify(visible) + JSON.stringify(result.files);
    for (const value of Object.values(SECRETS)) expect(everything.includes(value)).toBe(false);
  });

  it('on a pull request from a fork, without secrets, the offline step runs and the job is green', async () => {
    const result = await run({ event: 'pull_request', eventPayload: forgejoForkPullRequest });
    expect(result.exitCode).toBe(0);
    expect(result.job('integration').result).toBe('success');
    expect(result.values['integration.env']).toMatchObject({
      path: 'offline',
      mode: 'offline',
      available: 'false',
      missing: 'OPENAI_API_KEY,ANTHROPIC_API_KEY',
      fork: 'true',
      reason: 'fork-pull-request',
      event: 'pull_request',
    });
    expect(result.step('integration', '1').outcome).toBe('skipped');
    expect(result.step('integration', '2').outcome).toBe('success');
    expect(result.values['report.env']).toEqual({
      mode: 'offline',
      reason: 'fork-pull-request',
      'integration-result': 'success',
    });
  });

  it('without secrets on a push (not configured), the job is green on the offline path', async () => {
    const result = await run({});
    expect(result.exitCode).toBe(0);
    expect(result.values['integration.env']).toMatchObject({
      path: 'offline',
      fork: 'false',
      reason: 'missing-secrets',
    });
  });
});
