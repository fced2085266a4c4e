// Bootstrap telemetry on the real Forgejo server and its runner: the release mirror answers 503 twice for helm in one job, and
// status-check's table (in its log, as Forgejo shows no step summary) and its JSON file show exactly
// those two retries, for that host, in that job; a clean run on a fresh runner shows none.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { removeRun, runWorkflow, type RunOptions, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const workflow = workflowPath('telemetry.yml');
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

interface Aggregate {
  jobs: Array<{
    job: string;
    steps: Array<{ action: string; retries: Array<{ host: string; reason: string }> }>;
  }>;
  hosts: Array<{ host: string; retries: number; jobs: string[]; reasons: Record<string, number> }>;
  problems: string[];
}

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  project = await stack.newProject('telemetry-project', []);
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
});

describe('bootstrap telemetry on the real runner', () => {
  it('two 503s for helm in one job show as exactly those two retries, for that host, in that job', async () => {
    const mirrorHost = new URL(stack.mirror.url).host;
    const helmArchive = new URL(stack.releases.helm.archiveUrl).pathname;
    stack.mirror.script(helmArchive, [{ status: 503 }, { status: 503 }]);

    const faulty = await run({ runnerDir: await stack.newRunner() });
    expect(faulty.failures()).toEqual([]);
    expect(faulty.exitCode).toBe(0);
    const log = faulty.output('status');
    expect(log).toContain('bootstrap telemetry (per job and action of forgejo-ci-kit):');
    expect(log).toMatch(
      new RegExp(
        `\\| helm \\| cached-tool \\| [\\d.]+ s \\| ${mirrorHost.replace(/\./g, '\\.')} http-503 x2 \\|`,
      ),
    );
    expect(log).toMatch(/\| kubeconform \| cached-tool \| [\d.]+ s \| - \|/);
    expect(log).toContain(
      `bootstrap retries (infrastructure, not tests): ${mirrorHost}: 2 retries in 1 job (http-503 x2)`,
    );
    const aggregate = JSON.parse(faulty.files['telemetry.json'] ?? '{}') as Aggregate;
    expect(aggregate.hosts).toEqual([
      { host: mirrorHost, retries: 2, jobs: ['helm'], reasons: { 'http-503': 2 } },
    ]);
    expect(aggregate.problems).toEqual([]);
    // Hosts only: the mirror's URL path never reaches the record.
    expect(faulty.files['telemetry.json']).not.toContain('/helm/');

    const clean = await run({ runnerDir: await stack.newRunner() });
    expect(clean.exitCode).toBe(0);
    expect(clean.output('status')).toContain('bootstrap: no retries');
    expect((JSON.parse(clean.files['telemetry.json'] ?? '{}') as Aggregate).hosts).toEqual([]);
  });
});
