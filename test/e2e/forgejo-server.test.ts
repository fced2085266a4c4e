// The real Forgejo server (v13.0.5) as the test bench (test/harness/forgejo-server.ts): real pushes over
// git HTTP, a fork's pull request opened through the API, an AGit push, cancel-in-progress, the real
// actions/checkout, our actions served by full URL at @v1, and what the server does with matrix outputs
// and results. One server and one runner for the whole file; each test has its own repository.
import { symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { toolsBin } from '../harness/tools-bin';
import {
  haveForgejoServer,
  startForgejoServer,
  type Account,
  type ActionRunInfo,
  type ForgejoServer,
  type RunResult,
} from '../harness/forgejo-server';

const unavailable = haveForgejoServer()
  ? ''
  : 'no .tools/forgejo (run npm run setup-tools: it builds Forgejo v13.0.5)';
if (unavailable) console.log(`forgejo-server e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

const OWNER = 'ops';
const SECRET = 'e2e-api-key-7c4f1a9e';
let server: ForgejoServer;
let kitCommit: string;
const timings: Record<string, number> = {};

/** Fails with the red jobs' last step lines and where their logs are, not just a status. */
function expectJobs(run: RunResult, expected: Record<string, string>): void {
  const got = Object.fromEntries(run.jobs.map((j) => [j.name, j.status]));
  if (JSON.stringify(got) !== JSON.stringify({ ...got, ...expected })) {
    throw new Error(
      `run #${run.run.index_in_repo} of ${run.repo}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}\n` +
        `${run.failures().join('\n') || '(no failed job)'}\nlogs: ${run.logDir}`,
    );
  }
}

/** `uses:` of one of our actions on this server, by full URL as users write it. */
const kit = (action: string, ref = 'v1'): string =>
  `${server.url}/${OWNER}/forgejo-ci-kit/actions/${action}@${ref}`;

/** A repository of the org with these files on main (Actions on), pushed by the admin. */
async function project(name: string, files: Record<string, string>, from?: string): Promise<string> {
  await server.createRepo(OWNER, name);
  const clone = await server.clone(OWNER, name);
  if (from) await clone.copyFrom(from);
  await clone.write(files);
  const sha = clone.commit(`${name}: initial`);
  clone.push(['main']);
  return sha;
}

/** Approves a run waiting for approval, signed in as the admin (a maintainer). */
async function approveIfNeeded(repo: string, run: ActionRunInfo): Promise<boolean> {
  if (!run.need_approval) return false;
  const web = await server.web(server.admin);
  await web.approve(repo, run.index_in_repo);
  return true;
}

/** Waits for the web view to show a job of the run as running. */
async function waitForRunning(repo: string, run: ActionRunInfo, timeoutMs = 60_000): Promise<void> {
  const web = await server.web();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await web.jobView(repo, run.index_in_repo, 0);
    if (view.state.run.jobs.some((j) => j.status === 'running')) return;
    if (Date.now() > deadline)
      throw new Error(
        `run #${run.index_in_repo} of ${repo} never ran a job: ${JSON.stringify(view.state.run.jobs)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Date.now() - started;
  }
}

describeIf('the real Forgejo server', () => {
  beforeAll(async () => {
    const started = Date.now();
    server = await startForgejoServer({ name: 'forgejo-server' });
    timings['server answers, admin and token'] = server.startMs;
    await server.createOrg(OWNER);
    await server.publishVendoredActions();
    kitCommit = await server.publishKit();
    // A pre-warmed host: uv, uvx and nox at the pinned versions on the runner's PATH; Python packages
    // from the wheelhouse setup-tools keeps, never from an index.
    const bin = path.join(server.logDir, 'prewarmed-bin');
    await mkdir(bin, { recursive: true });
    for (const tool of ['uv', 'uvx', 'nox']) {
      await symlink(toolsBin(tool), path.join(bin, tool)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
    }
    await server.startRunner({
      name: 'host-runner',
      labels: ['self-hosted:host', 'docker:host'],
      capacity: 2,
      path: [bin],
      env: {
        UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels'),
        UV_OFFLINE: '1',
        UV_NO_PROGRESS: '1',
        PIP_NO_INDEX: '1',
      },
    });
    timings['bench ready (server, actions, kit, runner)'] = Date.now() - started;
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    console.log(
      `forgejo-server e2e timings (ms):\n${Object.entries(timings)
        .map(([name, ms]) => `  ${name}: ${ms}`)
        .join('\n')}\nlogs kept in ${server?.logDir ?? '.tmp/e2e-logs/forgejo-server'}`,
    );
  });

  it('a push runs the real actions/checkout@v4 and prepare-python by full URL @v1 (and ours @v1.0.0, @sha): green, log readable', async () => {
    await timed('a. push: checkout + prepare-python', async () => {
      const workflow = `name: checkout
on: push
jobs:
  build:
    runs-on: self-hosted
    steps:
      - uses: actions/checkout@v4
      - id: python
        uses: ${kit('prepare-python')}
        with:
          install: sync
          nox-version: none
      - name: Use the environment
        run: |
          test -f uv.lock
          uv run --frozen python -c 'import tinylib; print("tinylib-ok")'
          echo "cache-hit=\${{ steps.python.outputs.cache-hit }} sha=$GITHUB_SHA repo=$GITHUB_REPOSITORY"
  pinned:
    runs-on: self-hosted
    steps:
      # The immutable tag and the commit sha (the supply-chain pin the template's header recommends).
      - id: tag
        uses: ${kit('secret-guard', 'v1.0.0')}
        with:
          secrets: NOT_CONFIGURED
      - id: commit
        uses: ${kit('secret-guard', kitCommit)}
        with:
          secrets: NOT_CONFIGURED
      - run: echo "pinned tag=\${{ steps.tag.outputs.reason }} commit=\${{ steps.commit.outputs.reason }}"
`;
      const sha = await project(
        'checkout-demo',
        { '.forgejo/workflows/ci.yml': workflow },
        path.join(repoRoot, 'test/fixtures/py-app'),
      );
      const run = await server.waitForRun({ repo: `${OWNER}/checkout-demo`, headSha: sha, event: 'push' });
      expectJobs(run, { build: 'success', pinned: 'success' });
      expect(run.job('pinned').log).toContain('pinned tag=missing-secrets commit=missing-secrets');
      const log = run.job('build').log;
      expect(log).toContain('tinylib-ok');
      expect(log).toContain(`sha=${sha} repo=${OWNER}/checkout-demo`);
      expect(log).toContain('cache-hit=false');
      // The real checkout ran (it fetches over git with the job token), not a copy of a folder.
      expect(log).toMatch(/Fetching the repository|git.*fetch/);
      expect(run.job('build').steps.map((s) => s.status)).not.toContain('failure');
      expect(kitCommit).toMatch(/^[0-9a-f]{40}$/);
    });
  });

  it('matrix outputs: needs keeps the last leg (by name) only; results follow the server rules', async () => {
    await timed('b. matrix outputs and results', async () => {
      const workflow = `name: matrix
on: push
jobs:
  legs:
    runs-on: self-hosted
    strategy:
      matrix:
        leg: [a, b]
    outputs:
      telemetry: \${{ steps.t.outputs.telemetry }}
    steps:
      - id: t
        run: |
          # leg a finishes last: what needs gets is the last leg by order, not by time.
          if [ "\${{ matrix.leg }}" = a ]; then sleep 4; fi
          echo "telemetry=leg-\${{ matrix.leg }}" >> "$GITHUB_OUTPUT"
  failing-first:
    runs-on: self-hosted
    strategy:
      fail-fast: false
      matrix:
        leg: [ok, bad]
    outputs:
      telemetry: \${{ steps.t.outputs.telemetry }}
    steps:
      - id: t
        run: echo "telemetry=leg-\${{ matrix.leg }}" >> "$GITHUB_OUTPUT"
      - run: test "\${{ matrix.leg }}" != bad
  failing-last:
    runs-on: self-hosted
    strategy:
      fail-fast: false
      matrix:
        leg: [ok, z-bad]
    outputs:
      telemetry: \${{ steps.t.outputs.telemetry }}
    steps:
      - id: t
        run: echo "telemetry=leg-\${{ matrix.leg }}" >> "$GITHUB_OUTPUT"
      - run: test "\${{ matrix.leg }}" != z-bad
  matrix-if:
    runs-on: self-hosted
    if: matrix.leg != 'skip'
    strategy:
      matrix:
        leg: [run, skip]
    steps:
      - run: echo "leg \${{ matrix.leg }} ran"
  report:
    needs: [legs, failing-first, failing-last, matrix-if]
    if: always()
    runs-on: self-hosted
    steps:
      - run: |
          echo "matrix-if-result=\${{ needs.matrix-if.result }}"
          echo "legs-telemetry=[\${{ needs.legs.outputs.telemetry }}] legs-result=\${{ needs.legs.result }}"
          echo "failing-first-telemetry=[\${{ needs.failing-first.outputs.telemetry }}] result=\${{ needs.failing-first.result }}"
          echo "failing-last-telemetry=[\${{ needs.failing-last.outputs.telemetry }}] result=\${{ needs.failing-last.result }}"
`;
      const sha = await project('matrix', { '.forgejo/workflows/matrix.yml': workflow });
      const run = await server.waitForRun({ repo: `${OWNER}/matrix`, headSha: sha, event: 'push' });
      expectJobs(run, {
        'legs (a)': 'success',
        'legs (b)': 'success',
        'failing-first (bad)': 'failure',
        'failing-first (ok)': 'success',
        'failing-last (ok)': 'success',
        'failing-last (z-bad)': 'failure',
        report: 'success',
      });
      // A job-level `if:` may not read `matrix` (the runner's schema check): every leg fails before its
      // first step, so a leg cannot be skipped on its own.
      expect(run.job('matrix-if (run)').status).toBe('failure');
      expect(run.job('matrix-if (skip)').log).toContain('Unknown Variable Access matrix');
      // The server orders the legs by name (jobparser sorts them), whatever the matrix order says.
      expect(run.jobs.map((j) => j.name).filter((n) => n.startsWith('failing-first'))).toEqual([
        'failing-first (bad)',
        'failing-first (ok)',
      ]);
      const log = run.job('report').log;
      // Two legs wrote `telemetry`: needs sees the last leg's (by name; leg a finished last) only.
      expect(log).toContain('legs-telemetry=[leg-b] legs-result=success');
      // A failed leg sends no outputs. First by name: the next leg's value stands. Last by name: the
      // server keeps the last leg's keys, none, and nothing arrives. The result is failure either way.
      expect(log).toContain('failing-first-telemetry=[leg-ok] result=failure');
      expect(log).toContain('failing-last-telemetry=[] result=failure');
      expect(log).toContain('matrix-if-result=failure');
      expect(run.failures().join('\n')).toContain('failing-last (z-bad): failed in step');
    });
  });

  describe('pull requests', () => {
    let contributor: Account;
    const repo = `${OWNER}/guarded`;
    const guardWorkflow = (event = 'pull_request'): string => `name: guard-${event}
on: ${event}
jobs:
  guard:
    runs-on: self-hosted
    steps:
      - id: guard
        uses: ${kit('secret-guard')}
        with:
          secrets: API_KEY
        env:
          API_KEY: \${{ secrets.API_KEY }}
      - run: |
          echo "guard mode=\${{ steps.guard.outputs.mode }} reason=\${{ steps.guard.outputs.reason }} fork=\${{ steps.guard.outputs.fork }}"
          echo "var=\${{ vars.SOME_VAR }} event=$GITHUB_EVENT_NAME ref=$GITHUB_REF"
          echo "head-label=[\${{ github.event.pull_request.head.label }}] flow=[\${{ github.event.pull_request.flow }}]"
`;

    beforeAll(async () => {
      await project('guarded', {
        '.forgejo/workflows/guard.yml': guardWorkflow(),
        // pull_request_target runs the base branch's workflow in the base repository's context.
        '.forgejo/workflows/guard-target.yml': guardWorkflow('pull_request_target'),
      });
      await server.api.setSecret(OWNER, 'guarded', 'API_KEY', SECRET);
      await server.api.setVariable(OWNER, 'guarded', 'SOME_VAR', 'visible');
      contributor = await server.createUser('contributor');
      // A first-time contributor's fork pull request waits for approval; a collaborator's does not.
      await server.api.addCollaborator(OWNER, 'guarded', contributor.username, 'write');
    }, 60_000);

    it("a fork's pull request runs without secrets (secret-guard offline, fork-pull-request); its pull_request_target run has them", async () => {
      await timed('c. fork pull request', async () => {
        const asContributor = server.api.as(contributor);
        await asContributor.fork(OWNER, 'guarded');
        // The fork's own pushes must not run its copy of the workflow.
        await asContributor.setActions(contributor.username, 'guarded', false);
        const fork = await server.clone(contributor.username, 'guarded', contributor);
        fork.git(['checkout', '--quiet', '-b', 'fix']);
        await fork.write({ 'CHANGE.md': 'a fix from a fork\n' });
        const sha = fork.commit('a fix from a fork');
        fork.push(['fix']);
        const pr = await asContributor.openPullRequest(OWNER, 'guarded', {
          head: `${contributor.username}:fix`,
          title: 'A fix from a fork',
        });
        const found = await server.findRun({
          repo,
          headSha: sha,
          event: 'pull_request',
          workflow: 'guard.yml',
        });
        expect(found.is_fork_pull_request).toBe(true);
        expect(await approveIfNeeded(repo, found)).toBe(false);
        const run = await server.readRun(repo, found);
        expectJobs(run, { guard: 'success' });
        const log = run.job('guard').log;
        expect(log).toContain('guard mode=offline reason=fork-pull-request fork=true');
        expect(log).toContain(`var=visible event=pull_request ref=refs/pull/${pr.number}/head`);
        expect(log).not.toContain(SECRET);
        const payload = run.payload as { pull_request?: { head?: { label?: string } } };
        console.log(`fork PR payload head.label: ${JSON.stringify(payload.pull_request?.head?.label)}`);

        // The same pull request's pull_request_target run: the base's context, with its secrets (masked).
        const target = await server.waitForRun({
          repo,
          headSha: sha,
          event: 'pull_request_target',
          workflow: 'guard-target.yml',
        });
        expectJobs(target, { guard: 'success' });
        const targetLog = target.job('guard').log;
        const targetLine = /guard mode=\S+ reason=\S+ fork=\S+/.exec(targetLog)?.[0];
        console.log(
          `fork PR, pull_request_target: secret-guard said: ${targetLine}; ${/event=\S+ ref=\S+/.exec(targetLog)?.[0]}`,
        );
        expect(targetLine).toBe('guard mode=online reason=all-present fork=false');
        expect(targetLog).not.toContain(SECRET);
      });
    });

    it('an AGit push (refs/for/main/<topic>) is a pull request with flow 1, run as from a fork', async () => {
      await timed('d. AGit pull request', async () => {
        // A user with read access only: AGit is how they propose a change without a fork. Their first
        // run waits for a maintainer's approval, given through the web route.
        const agit = await server.createUser('agit-user');
        const clone = await server.clone(OWNER, 'guarded', agit);
        await clone.write({ 'AGIT.md': 'a change proposed with AGit\n' });
        const sha = clone.commit('a change proposed with AGit');
        const said = clone.push(['HEAD:refs/for/main/agit-topic'], {
          options: ['title=An AGit change', 'description=proposed with AGit'],
        });
        const prs = await server.api.pullRequests(OWNER, 'guarded');
        const pr = prs.find((p) => p.head.sha === sha);
        expect(pr).toBeDefined();
        const found = await server.findRun({
          repo,
          headSha: sha,
          event: 'pull_request',
          workflow: 'guard.yml',
        });
        const approved = await approveIfNeeded(repo, found);
        const run = await server.readRun(repo, found);
        const payload = run.payload as { pull_request?: { flow?: number; head?: { label?: string } } };
        expect(payload.pull_request?.flow).toBe(1);
        expectJobs(run, { guard: 'success' });
        const log = run.job('guard').log;
        const guardLine = /guard mode=\S+ reason=\S+ fork=\S+/.exec(log)?.[0];
        console.log(
          `AGit: is_fork_pull_request=${found.is_fork_pull_request} need_approval=${found.need_approval} approved=${approved}; ` +
            `secret-guard said: ${guardLine}; head.label=${JSON.stringify(payload.pull_request?.head?.label)}; push said: ${said
              .split('\n')
              .filter((l) => l.includes('remote:'))
              .join(' | ')}`,
        );
        expect(log).toContain('flow=[1]');
        expect(log).not.toContain(SECRET);
        expect(guardLine).toBe('guard mode=offline reason=fork-pull-request fork=true');
      });
    });
  });

  it('cancel-in-progress: a second push to a pull request cancels the older run; the newer is green', async () => {
    await timed('e. cancel-in-progress', async () => {
      const workflow = `name: cancel
on: pull_request
concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  work:
    runs-on: self-hosted
    steps:
      - uses: actions/checkout@v4
      - run: |
          echo "working on \${{ github.event.pull_request.head.sha }}"
          if [ -f slow ]; then echo "slow step started"; sleep 90; fi
          echo "work done"
      - if: always()
        run: echo "always-step-ran"
`;
      const repo = `${OWNER}/cancel`;
      await project('cancel', { '.forgejo/workflows/cancel.yml': workflow });
      const clone = await server.clone(OWNER, 'cancel');
      clone.git(['checkout', '--quiet', '-b', 'feature']);
      await clone.write({ slow: 'the first run sleeps\n' });
      const first = clone.commit('slow');
      clone.push(['feature']);
      await server.api.openPullRequest(OWNER, 'cancel', { head: 'feature', title: 'cancel test' });
      const older = await server.findRun({ repo, headSha: first, event: 'pull_request' });
      await waitForRunning(repo, older);
      clone.git(['rm', '--quiet', 'slow']);
      const second = clone.commit('fast');
      clone.push(['feature']);
      const newer = await server.findRun({ repo, headSha: second, event: 'pull_request' });
      const [olderRun, newerRun] = await Promise.all([
        server.readRun(repo, older),
        server.readRun(repo, newer),
      ]);
      expect(olderRun.status).toBe('cancelled');
      expectJobs(olderRun, { work: 'cancelled' });
      expectJobs(newerRun, { work: 'success' });
      expect(newerRun.job('work').log).toContain('work done');
      // The runner killed the step: no `if: always()` step ran in the cancelled run.
      expect(olderRun.job('work').log).toContain('slow step started');
      expect(olderRun.job('work').log).not.toContain('always-step-ran');
    });
  });
});
