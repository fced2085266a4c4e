// The example tiered workflow on the real Forgejo server (test/harness/example-bench.ts): pushes to
// ops/example-project run it; the server schedules the jobs (needs, the tier-1 matrix, `if: always()`),
// the real actions/checkout and actions/cache run, our actions come from the lean release tree at @v1
// by full URL. In containers as users run it where podman and buildah work (the template's own
// `container:` images, the docker job building through podman's Docker API), else in host mode;
// CI_KIT_E2E_EXAMPLE_MODE=host|containers chooses. Green on the offline path (no secrets), status-check
// showing all five tier-1 legs and every job's telemetry; red when a tier-1 session fails, with tier 2
// skipped and status-check naming the failed leg. The same runs as example-workflow.test.ts (the server
// stand-in), which stays until this one has proven itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  containersUnavailable,
  startExampleBench,
  type ExampleBench,
  type ExampleRun,
} from '../harness/example-bench';
import { groupedChanges } from '../harness/example-workflow';
import { haveForgejoServer } from '../harness/forgejo-server';

const TIER2 = ['integration', 'e2e', 'docker', 'helm', 'coverage', 'push-validation'];
const SESSIONS = ['lint', 'typecheck', 'security', 'quality', 'unit_tests'];

const unavailable = haveForgejoServer() ? '' : 'no .tools/forgejo (run npm run setup-tools)';
if (unavailable) console.log(`example-workflow-server e2e skipped: ${unavailable}`);
const requested = process.env.CI_KIT_E2E_EXAMPLE_MODE;
if (requested && requested !== 'host' && requested !== 'containers') {
  throw new Error(`CI_KIT_E2E_EXAMPLE_MODE=${requested}: use host or containers`);
}
const noContainers = containersUnavailable();
const mode: 'host' | 'containers' =
  (requested as 'host' | 'containers' | undefined) ?? (noContainers ? 'host' : 'containers');
if (mode === 'host' && !requested) console.log(`example-workflow-server in host mode: ${noContainers}`);
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

/** status-check's log without the time stamps. */
function statusCheckLog(run: ExampleRun): string {
  return run.result
    .job('status-check')
    .log.split('\n')
    .map((line) => line.replace(/^\S+Z /, ''))
    .join('\n');
}

/** The jobs (and legs) named in status-check's telemetry table. */
function telemetryJobs(log: string): string[] {
  const jobs = new Set<string>();
  for (const m of log.matchAll(
    /^\| ([^|]+?) \| (setup-prewarmed-runner|prepare-python|cached-tool|helm-deps|secret-guard)[^|]* \| /gm,
  ))
    jobs.add(m[1] as string);
  return [...jobs].sort();
}

describeIf('the example tiered workflow on the real Forgejo server', () => {
  beforeAll(async () => {
    const started = Date.now();
    bench = await startExampleBench({
      name: 'example-workflow-server',
      mode,
      log: (line) => console.log(line),
    });
    timings['bench ready'] = Date.now() - started;
    timings['server answers'] = bench.server.startMs;
    if (bench.images) timings[bench.images.built ? 'images built' : 'images checked'] = bench.images.ms;
  }, 1_800_000);

  afterAll(async () => {
    await bench?.stop();
    console.log(
      `example-workflow-server (${mode}) timings (ms): ${JSON.stringify(timings)}\nrewrites of the template (${bench?.workflow.changes.length}):\n` +
        groupedChanges(bench?.workflow.changes ?? [], bench?.server.url ?? '')
          .map((c) => `  - ${c}`)
          .join('\n'),
    );
  });

  it('is green on the offline path, with real checkout and cache; status-check shows all five legs', async () => {
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
    // The docker job: a real build through the host's daemon in containers, a Dockerfile check in host mode.
    const docker = run.result.job('docker').log;
    if (mode === 'containers') expect(docker).toMatch(/built sha256:[0-9a-f]{64} \(\d+ bytes\)/);
    else expect(docker).toContain('Dockerfile present');
    // status-check saw each guard's reason through needs, and passed the offline paths (allow-offline).
    const verdict = statusCheckLog(run);
    for (const id of ['integration', 'e2e', 'push-validation']) {
      expect(verdict).toContain(
        `| ${id} | success | pass | offline path (mode=offline, reason missing-secrets, allowed by allow-offline) |`,
      );
    }
    // All five tier-1 legs: in the verdict, in the legs table read from the server, and in the telemetry
    // (one record per job and leg that ran: every job but status-check itself).
    expect(verdict).toContain('| tier1 | success | pass | 5 legs: 5 passed |');
    expect(verdict).toContain('| job | leg | status |');
    for (const session of SESSIONS) expect(verdict).toContain(`| tier1 | tier1 (${session}) | success |`);
    const records = run.result.jobs.filter((j) => j.name !== 'status-check').length;
    expect(verdict).toMatch(new RegExp(`^leg telemetry: ${records} records read`, 'm'));
    expect(telemetryJobs(verdict)).toEqual(
      run.result.jobs
        .map((j) => j.name)
        .filter((name) => name !== 'status-check')
        .sort(),
    );
  }, 900_000);

  it('is red when a tier-1 session fails: tier 2 is skipped and status-check names the failed leg', async () => {
    const run = await bench.run({ failSession: 'lint' });
    timings['red run'] = run.ms;
    const got = statuses(run);
    // Every job as expected, or the failure shows each red job's last lines and where its log is.
    const expected: Record<string, string> = {
      prepare: 'success',
      ...Object.fromEntries(SESSIONS.map((s) => [`tier1 (${s})`, s === 'lint' ? 'failure' : 'success'])),
      ...Object.fromEntries(TIER2.map((id) => [id, 'skipped'])),
      'status-check': 'failure',
    };
    const sorted = (o: Record<string, string>): string => JSON.stringify(Object.entries(o).sort());
    if (sorted(got) !== sorted(expected)) throw new Error(`expected ${sorted(expected)}\n${explain(run)}`);
    expect(run.values['lint.env']?.result).toBe('failed-on-purpose');
    for (const session of SESSIONS.filter((s) => s !== 'lint')) {
      expect(`${session}: ${run.values[`${session}.env`]?.result}`).toBe(`${session}: passed`);
    }
    // status-check names the failed leg, in its verdict and in the legs table, and the failed leg's
    // telemetry is there beside the others (prepare and the five legs ran).
    const verdict = statusCheckLog(run);
    expect(verdict).toContain('status-check failed: tier1 (failed: tier1 (lint) failure (5 legs: 4 passed))');
    expect(verdict).toContain('| tier1 | tier1 (lint) | failure |');
    for (const session of SESSIONS.filter((s) => s !== 'lint'))
      expect(verdict).toContain(`| tier1 | tier1 (${session}) | success |`);
    expect(verdict).toMatch(/^leg telemetry: 6 records read/m);
    expect(telemetryJobs(verdict)).toEqual(['prepare', ...SESSIONS.map((s) => `tier1 (${s})`)].sort());
    // The red job's report: its failed step's last lines and where the whole log is.
    const report = run.result.failures().join('\n');
    expect(report).toContain('tier1 (lint): failed in step');
    expect(report).toContain('failing on purpose');
    expect(report).toContain(run.result.job('tier1 (lint)').logFile ?? 'no log file');
  }, 900_000);
});
