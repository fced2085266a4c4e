// Every leg of a matrix job on the real Forgejo server (v13.0.5, test/harness/forgejo-server.ts), as
// issue 27 asks: a three-leg matrix job whose middle leg fails after our step ran, then status-check.
// It proves on the server itself what the loopback tests prove against a stand-in of its routes:
// - status-check lists the legs from GET /actions/tasks with the job token and names the failed leg,
//   while `needs` gives the matrix job's aggregate result and the last leg's outputs only;
// - each leg's step of ours keeps its telemetry as an artifact of the run (ACTIONS_RUNTIME_TOKEN), and
//   status-check reads all three back, the failed leg's included;
// - no token reaches a log.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { haveForgejoServer, startForgejoServer, type ForgejoServer } from '../harness/forgejo-server';

const unavailable = haveForgejoServer()
  ? ''
  : 'no .tools/forgejo (run npm run setup-tools: it builds Forgejo v13.0.5)';
if (unavailable) console.log(`forgejo-matrix-legs e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

const OWNER = 'ops';
let server: ForgejoServer;

describeIf('matrix legs on the real Forgejo server', () => {
  beforeAll(async () => {
    server = await startForgejoServer({ name: 'forgejo-matrix-legs' });
    await server.createOrg(OWNER);
    await server.publishKit();
    await server.startRunner({ name: 'legs-runner', labels: ['docker:host'], capacity: 2 });
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('status-check names the failed leg and shows the telemetry of all three legs', async () => {
    const kit = (action: string): string => `${server.url}/${OWNER}/forgejo-ci-kit/actions/${action}@v1`;
    const workflow = `name: legs
on: [push]
jobs:
  tier1:
    runs-on: docker
    strategy:
      fail-fast: false
      matrix:
        leg: [a, b, c]
    outputs:
      telemetry: \${{ steps.guard.outputs.telemetry }}
    steps:
      - uses: ${kit('secret-guard')}
        id: guard
        with:
          secrets: API_KEY
        env:
          API_KEY: sk-e2e-7d1f0b
      - run: test "\${{ matrix.leg }}" != b
  status-check:
    if: always()
    needs: [tier1]
    runs-on: docker
    steps:
      - uses: ${kit('status-check')}
        with:
          needs: \${{ toJSON(needs) }}
`;
    await server.createRepo(OWNER, 'legs');
    const clone = await server.clone(OWNER, 'legs');
    await clone.write({ '.forgejo/workflows/legs.yml': workflow });
    const sha = clone.commit('legs: a three-leg matrix, one failing');
    clone.push(['main']);
    const run = await server.waitForRun({
      repo: `${OWNER}/legs`,
      headSha: sha,
      event: 'push',
      timeoutMs: 300_000,
    });
    const statuses = Object.fromEntries(run.jobs.map((job) => [job.name, job.status]));
    expect(statuses).toEqual({
      'tier1 (a)': 'success',
      'tier1 (b)': 'failure',
      'tier1 (c)': 'success',
      'status-check': 'failure',
    });
    const log = run.job('status-check').log;
    const n = run.run.index_in_repo;
    const context = `\n--- status-check log (${run.logDir}) ---\n${log}`;
    const expectIn = (text: string) => {
      if (!log.includes(text)) throw new Error(`status-check's log lacks: ${text}${context}`);
    };
    expectIn(`legs: read from the server's task list (run ${n})`);
    expectIn('| tier1 | tier1 (a) | success |');
    expectIn('| tier1 | tier1 (b) | failure |');
    expectIn('| tier1 | tier1 (c) | success |');
    expectIn('status-check failed: tier1 (failed: tier1 (b) failure (3 legs: 2 passed))');
    expectIn('leg telemetry: 3 records read from the artifacts of this run');
    for (const leg of ['a', 'b', 'c']) {
      expect(log).toMatch(new RegExp(`\\| tier1 \\(${leg}\\) \\| secret-guard \\| \\d+\\.\\d s \\|`));
    }
    expect(log).not.toContain('telemetry left out');
    // The job token and runtime token are never printed (the runner masks registered secrets as ***).
    expect(run.logs()).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
  }, 420_000);
});
