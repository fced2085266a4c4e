// Scenario 3 on the real Forgejo server: secret-guard's outputs drive `if:` expressions, job outputs and
// needs. Secrets and variables are the repository's (REST API); the fork case is a real fork's pull request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
  stack = await startStack({ forgejoServer: true });
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
    // secret-guard masked both values: no job log line and no file a job wrote holds one (the server's
    // log shows `***` where a value was printed; it never shows an `::add-mask::` argument).
    const everything = JSON.stringify(result.entries) + JSON.stringify(result.files);
    expect(result.entries.length).toBeGreaterThan(0);
    for (const value of Object.values(SECRETS)) expect(everything.includes(value)).toBe(false);
  });

  it('on a pull request from a fork, without secrets, the offline step runs and the job is green', async () => {
    // A real fork's pull request: the server withholds the repository's secrets from it (they are set).
    const result = await run({ event: 'pull_request', secrets: SECRETS });
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
