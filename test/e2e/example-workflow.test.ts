// Scenario 5 on the real runner: the example tiered workflow (examples/workflows/python-ci.yml, made
// host-runnable by support/example-workflow.ts) on the example project, on a pre-warmed host. Green on
// the offline path (no secrets); red when a tier-1 job fails, with tier 2 skipped and status-check still
// running (if: always()) to say so.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { removeRun, runWorkflow, type JobRecord, type RunOptions, type WorkflowRun } from '../harness/driver';
import { EXAMPLE_LABELS, hostRunnableExample } from '../harness/example-workflow';
import { E2E_DIR, startStack, type Stack } from '../harness/stack';
import { formatRunSummary } from './summary';

const TIER2 = ['integration', 'e2e', 'docker', 'helm', 'coverage', 'push-validation'];
const SESSIONS = ['lint', 'typecheck', 'security', 'quality', 'unit_tests'];

let stack: Stack;
let scratch: string;
let workflow: string;
let project: string;
let runner: string;
let host: { path: string[]; env: Record<string, string> };
const runs: WorkflowRun[] = [];

async function run(env: Record<string, string> = {}): Promise<WorkflowRun> {
  const opts: RunOptions = {
    workflow,
    project,
    runnerDir: runner,
    vars: stack.vars,
    env: { ...stack.env, ...host.env, ...env },
    path: host.path,
    hostLabels: EXAMPLE_LABELS,
    timeoutMs: 240_000,
  };
  const result = await runWorkflow(opts);
  runs.push(result);
  return result;
}

const byId = (result: WorkflowRun, id: string): JobRecord[] => result.jobs.filter((job) => job.id === id);

beforeAll(async () => {
  stack = await startStack();
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-e2e-example-'));
  workflow = path.join(scratch, 'python-ci.yml');
  await writeFile(workflow, (await hostRunnableExample(stack.git.url)).yaml);
  project = await stack.newProject('example-project', [
    path.join(repoRoot, 'test/fixtures/py-app'),
    path.join(E2E_DIR, 'fixtures/example-project'),
  ]);
  runner = await stack.newRunner();
  host = await stack.prewarmedHost();
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await rm(scratch, { recursive: true, force: true });
  await stack?.stop();
});

describe('the example tiered workflow on the real runner', () => {
  it('is green on the offline path, in needs order, with real helm and kubeconform', async () => {
    const result = await run();
    expect(result.errors()).toEqual([]);
    expect(result.exitCode).toBe(0);
    for (const job of result.jobs) expect(`${job.name}: ${job.result}`).toBe(`${job.name}: success`);

    // needs order: prepare, then every tier-1 leg, then tier 2, then status-check (by the log's times).
    const prepare = result.job('prepare');
    const tier1 = byId(result, 'tier1');
    expect(tier1.map((job) => job.matrix.session).sort()).toEqual([...SESSIONS].sort());
    const tier2 = TIER2.map((id) => result.job(id));
    const status = result.job('status-check');
    const started = (job: JobRecord): number => job.startedAt ?? Number.NaN;
    const ended = (job: JobRecord): number => job.endedAt ?? Number.NaN;
    for (const leg of tier1) expect(started(leg)).toBeGreaterThanOrEqual(ended(prepare));
    const lastTier1 = Math.max(...tier1.map(ended));
    for (const job of tier2) expect(started(job)).toBeGreaterThanOrEqual(lastTier1);
    expect(started(status)).toBeGreaterThanOrEqual(Math.max(...tier2.map(ended)));

    // Every job got the fast path of the pre-warmed host; tier 1 restored what prepare saved.
    for (const job of [prepare, ...tier1, ...tier2]) {
      const setup = result.stepNamed(job.name, '/actions/setup-prewarmed-runner@');
      expect(`${job.name}: ${setup.outputs.prewarmed}`).toBe(`${job.name}: true`);
    }
    for (const leg of tier1) {
      const python = result.stepNamed(leg.name, '/actions/prepare-python@');
      expect(`${leg.name}: ${python.outputs['cache-hit']}`).toBe(`${leg.name}: true`);
    }
    for (const session of SESSIONS) expect(result.values[`${session}.env`]?.result).toBe('passed');

    // Secret-dependent jobs took their offline path, and status-check is green with them.
    for (const id of ['integration', 'e2e', 'push-validation']) {
      expect(result.step(id, 'guard').outputs).toMatchObject({ mode: 'offline', reason: 'missing-secrets' });
    }
    expect(result.values['integration_tests.env']).toMatchObject({ mode: 'offline-fixtures' });
    expect(result.values['e2e_tests.env']).toMatchObject({ mode: 'mock-creds' });
    expect(result.output('push-validation')).toContain('read-only smoke test passed');
    expect(result.values['coverage.env']?.covered).toMatch(/app/);

    // The helm job ran real helm and kubeconform (our builds, from the mirror) on the chart.
    const helm = result.output('helm');
    expect(helm).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(helm).toMatch(/Valid: 1, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(result.stepNamed('status-check', '/actions/status-check@').outcome).toBe('success');
    // status-check saw each guard's reason through the job outputs, and passed the offline paths only
    // because the template lists those jobs in allow-offline (a push gets secrets, unlike a fork).
    const verdict = result.output('status-check');
    for (const id of ['integration', 'e2e', 'push-validation'])
      expect(verdict).toContain(
        `| ${id} | success | pass | offline path (mode=offline, reason missing-secrets, allowed by allow-offline) |`,
      );
    expect(verdict).toContain('offline path accepted by allow-offline');

    // The demo's summary of this run (npm run demo prints the same table).
    const summary = formatRunSummary(result, 'green run');
    expect(summary).toMatch(/^green run: green in /);
    expect(summary).toMatch(/\ntier1 \(lint\) +success .*uv cache: hit/);
    expect(summary).toMatch(/\nhelm +success .*helm: download, kubeconform: download/);
  });

  it('is red when a tier-1 job fails: tier 2 is skipped and status-check says why', async () => {
    const result = await run({ E2E_FAIL_SESSION: 'lint' });
    expect(result.exitCode).not.toBe(0);
    const lint = byId(result, 'tier1').find((job) => job.matrix.session === 'lint');
    expect(lint && result.stepNamed(lint.name, 'nox -s').outcome).toBe('failure');
    expect(result.values['lint.env']?.result).toBe('failed-on-purpose');
    // The other legs ran to the end (fail-fast: false) and their sessions passed.
    for (const session of SESSIONS.filter((s) => s !== 'lint')) {
      expect(result.values[`${session}.env`]?.result).toBe('passed');
    }
    for (const id of TIER2) expect(result.job(id).result).toBe('skipped');
    const status = result.job('status-check');
    expect(status.result).toBe('failure');
    expect(result.output('status-check')).toMatch(/status-check failed: tier1 \(failed\)/);
  });
});
