// The example tiered workflow on the real Forgejo server (test/harness/example-bench.ts): pushes to
// ops/example-project run it; the server schedules the jobs (needs, the tier-1 matrix, `if: always()`),
// the real actions/checkout and actions/cache run, our actions come from the lean release tree at @v1
// by full URL. Green on the offline path (no secrets); red when a tier-1 session fails, with tier 2
// skipped and status-check saying why. The same runs as example-workflow.test.ts (the server stand-in),
// which stays until this one has proven itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startExampleBench, type ExampleBench, type ExampleRun } from '../harness/example-bench';
import { haveForgejoServer } from '../harness/forgejo-server';

const TIER2 = ['integration', 'e2e', 'docker', 'helm', 'coverage', 'push-validation'];
const SESSIONS = ['lint', 'typecheck', 'security', 'quality', 'unit_tests'];

const unavailable = haveForgejoServer() ? '' : 'no .tools/forgejo (run npm run setup-tools)';
if (unavailable) console.log(`example-workflow-server e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

let bench: ExampleBench;
const timings: Record<string, number> = {};

/** Every job's status, or a failure that shows the red jobs' last lines and where their logs are. */
function statuses(run: ExampleRun): Record<string, string> {
  return Object.fromEntries(run.result.jobs.map((j) => [j.name, j.status]));
}

function explain(run: ExampleRun): string {
  return `${run.result.summary()}\n${run.result.failures().join('\n')}\nlogs: ${run.result.logDir}`;
}

describeIf('the example tiered workflow on the real Forgejo server', () => {
  beforeAll(async () => {
    const started = Date.now();
    bench = await startExampleBench({ name: 'example-workflow-server' });
    timings['bench ready'] = Date.now() - started;
    timings['server answers'] = bench.server.startMs;
  }, 180_000);

  afterAll(async () => {
    await bench?.stop();
    console.log(
      `example-workflow-server timings (ms): ${JSON.stringify(timings)}\nrewrites of the template (${bench?.workflow.changes.length}):\n` +
        (bench?.workflow.changes ?? []).map((c) => `  - ${c}`).join('\n'),
    );
  });

  it('is green on the offline path, with real checkout and cache, and status-check passes', async () => {
    const run = await bench.run();
    timings['green run'] = run.ms;
    const expected = Object.fromEntries(run.result.jobs.map((j) => [j.name, 'success']));
    if (JSON.stringify(statuses(run)) !== JSON.stringify(expected)) throw new Error(explain(run));
    const names = run.result.jobs.map((j) => j.name);
    expect(names).toEqual(
      expect.arrayContaining(['prepare', ...SESSIONS.map((s) => `tier1 (${s})`), ...TIER2, 'status-check']),
    );
    for (const session of SESSIONS)
      expect(`${session}: ${run.values[`${session}.env`]?.result}`).toBe(`${session}: passed`);
    expect(run.values['integration_tests.env']).toMatchObject({ mode: 'offline-fixtures' });
    expect(run.values['e2e_tests.env']).toMatchObject({ mode: 'mock-creds' });
    expect(run.values['coverage.env']?.covered).toMatch(/app/);
    // The offline push validation talked to the server through the credentials checkout left.
    expect(run.result.job('push-validation').log).toContain('read-only smoke test passed');
    // The helm job ran real helm and kubeconform (our builds, from the mirror), and the real actions/cache.
    const helm = run.result.job('helm').log;
    expect(helm).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(helm).toMatch(/Valid: 1, Invalid: 0, Errors: 0, Skipped: 0/);
    expect(helm).toMatch(/Cache not found for input keys: kubeconform-schemas-1\.31\.0/);
    // status-check saw each guard's reason through needs, and passed the offline paths (allow-offline).
    const verdict = run.result.job('status-check').log;
    for (const id of ['integration', 'e2e', 'push-validation']) {
      expect(verdict).toContain(
        `| ${id} | success | pass | offline path (mode=offline, reason missing-secrets, allowed by allow-offline) |`,
      );
    }
  });

  it('is red when a tier-1 session fails: tier 2 is skipped and status-check says why', async () => {
    const run = await bench.run({ failSession: 'lint' });
    timings['red run'] = run.ms;
    const got = statuses(run);
    expect(got['tier1 (lint)']).toBe('failure');
    expect(run.values['lint.env']?.result).toBe('failed-on-purpose');
    for (const session of SESSIONS.filter((s) => s !== 'lint')) {
      expect(`${session}: ${got[`tier1 (${session})`]} ${run.values[`${session}.env`]?.result}`).toBe(
        `${session}: success passed`,
      );
    }
    for (const id of TIER2) expect(`${id}: ${got[id]}`).toBe(`${id}: skipped`);
    expect(got['status-check']).toBe('failure');
    expect(run.result.job('status-check').log).toMatch(/status-check failed: tier1 \(failed/);
    // The red job's report: its failed step's last lines and where the whole log is.
    const report = run.result.failures().join('\n');
    expect(report).toContain('tier1 (lint): failed in step');
    expect(report).toContain('failing on purpose');
    expect(report).toContain(run.result.job('tier1 (lint)').logFile ?? 'no log file');
  });
});
