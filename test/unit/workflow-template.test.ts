// The tiered template's graph is its promise (heavy jobs wait for tier 1; one status check that
// the offline path satisfies), so it is asserted here, not just linted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string[] | string;
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const root = path.resolve(import.meta.dirname, '../..');
const workflow = parse(readFileSync(path.join(root, 'examples/workflows/python-ci.yml'), 'utf8')) as Workflow;
const jobs = workflow.jobs;
const needsOf = (name: string) => [jobs[name]?.needs ?? []].flat();
const TIER1 = 'tier1';
const HEAD = ['prepare', TIER1, 'status-check'];
const tier2 = Object.keys(jobs).filter((name) => !HEAD.includes(name));

describe('examples/workflows/python-ci.yml', () => {
  it('cancels superseded runs of the same ref', () => {
    expect(workflow.concurrency).toEqual({ group: 'ci-${{ github.ref }}', 'cancel-in-progress': true });
  });

  it('runs tier 1 as one matrix of the cheap checks, fail-fast off, after the cache is warmed', () => {
    const tier1 = jobs[TIER1] as Job;
    expect(tier1.strategy?.['fail-fast']).toBe(false);
    expect(tier1.strategy?.matrix?.session).toEqual([
      'lint',
      'typecheck',
      'security',
      'quality',
      'unit_tests',
    ]);
    expect(needsOf(TIER1)).toEqual(['prepare']);
    expect(
      jobs.prepare?.steps.some(
        (s) => s.uses?.includes('/actions/prepare-python@') && s.with?.install === 'sync',
      ),
    ).toBe(true);
  });

  it('gates every tier-2 job on tier 1', () => {
    expect(tier2.sort()).toEqual(['coverage', 'docker', 'e2e', 'helm', 'integration', 'push-validation']);
    for (const name of tier2) expect([name, needsOf(name)]).toEqual([name, expect.arrayContaining([TIER1])]);
  });

  it('gives every secret-dependent job an online and an offline path from secret-guard', () => {
    for (const name of ['integration', 'e2e', 'push-validation']) {
      const steps = jobs[name]?.steps ?? [];
      const guard = steps.find((s) => s.uses?.includes('/actions/secret-guard@'));
      expect(guard?.id).toBe('guard');
      expect(steps.filter((s) => s.if === "steps.guard.outputs.mode == 'online'")).toHaveLength(1);
      expect(steps.filter((s) => s.if === "steps.guard.outputs.mode == 'offline'")).toHaveLength(1);
    }
    expect(JSON.stringify(jobs.integration)).toContain('--offline-fixtures');
    expect(JSON.stringify(jobs.e2e)).toContain('--mock-creds');
  });

  it("gives status-check each guard's mode, reason and missing, and guards push on a token of one's own", () => {
    for (const name of ['integration', 'e2e', 'push-validation']) {
      expect([name, (jobs[name] as Job & { outputs?: unknown }).outputs]).toEqual([
        name,
        {
          mode: '${{ steps.guard.outputs.mode }}',
          reason: '${{ steps.guard.outputs.reason }}',
          missing: '${{ steps.guard.outputs.missing }}',
          telemetry: expect.stringMatching(/^\$\{\{ steps\.(python|guard)\.outputs\.telemetry \}\}$/),
        },
      ]);
    }
    // FORGEJO_TOKEN is in every job, read-only on fork pull requests: a guard on it is always online.
    const push = jobs['push-validation']?.steps.find((s) => s.id === 'guard');
    expect(push?.with?.secrets).toBe('PUSH_TOKEN');
    expect(JSON.stringify(jobs['push-validation'])).not.toMatch(/FORGEJO_TOKEN|GITHUB_TOKEN/);
    // The template's choice: these offline paths stand in while the secrets are not configured.
    expect(jobs['status-check']?.steps[0]?.with?.['allow-offline']).toBe('integration e2e push-validation');
  });

  it("hands every job's bootstrap telemetry to status-check through a job output of the step of ours that runs last", () => {
    for (const [name, job] of Object.entries(jobs)) {
      if (name === 'status-check') continue;
      const ref = /^\$\{\{ steps\.([a-z]+)\.outputs\.telemetry \}\}$/.exec(
        String((job as Job & { outputs?: Record<string, string> }).outputs?.telemetry),
      )?.[1];
      const ours = job.steps.filter((s) => /forgejo-ci-kit\/actions\//.test(s.uses ?? ''));
      // prepare-python's post step runs after every other step; else the last step of ours.
      const last = ours.find((s) => /prepare-python@/.test(s.uses ?? '')) ?? ours[ours.length - 1];
      expect([name, ref]).toEqual([name, last?.id]);
    }
  });

  it('ends with a status check that always runs and needs every other job', () => {
    const check = jobs['status-check'] as Job;
    expect(check.if).toBe('always()');
    expect(needsOf('status-check').sort()).toEqual(
      Object.keys(jobs)
        .filter((n) => n !== 'status-check')
        .sort(),
    );
    expect(check.steps[0]?.uses).toMatch(/\/actions\/status-check@v1$/);
    expect(check.steps[0]?.with?.needs).toBe('${{ toJSON(needs) }}');
  });

  it('references our actions by full URL at a pinned tag', () => {
    const ours = Object.values(jobs)
      .flatMap((job) => job.steps)
      .map((s) => s.uses ?? '')
      .filter((uses) => uses.includes('forgejo-ci-kit'));
    expect(ours.length).toBeGreaterThan(10);
    for (const uses of ours)
      expect(uses).toMatch(/^https:\/\/[^/]+\/[^/]+\/forgejo-ci-kit\/actions\/[a-z-]+@v1$/);
  });
});
