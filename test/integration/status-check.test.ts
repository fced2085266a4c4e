// status-check as the runner runs it: the composite action.yml, its inputs pasted into the step's env,
// the script run with sh. A needed job's offline path passes on a fork pull request; with secrets
// missing on any other run it fails, unless allow-offline lists the job.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createJob, type Job } from '../harness/runner';
import { runComposite } from '../harness/composite';

const jobs: Job[] = [];

async function statusCheck(inputs: Record<string, string>) {
  const job = await createJob();
  jobs.push(job);
  return runComposite(job, 'status-check', { inputs });
}

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

const offline = (reason: string, missing: string) => ({
  result: 'success',
  outputs: { mode: 'offline', reason, missing },
});

describe('status-check (composite)', () => {
  it('is green when the offline path is a fork pull request', async () => {
    const result = await statusCheck({
      needs: JSON.stringify({ unit: { result: 'success' }, integration: offline('fork-pull-request', 'A') }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]?.errors).toEqual([]);
    expect(result.stdout).toContain('status-check passed (offline path: integration)');
  });

  it('is red with one line naming the job, the missing secrets and the fix when they are missing on a push', async () => {
    const result = await statusCheck({
      needs: JSON.stringify({ unit: { result: 'success' }, integration: offline('missing-secrets', 'A,B') }),
    });
    expect(result.exitCode).toBe(1);
    expect(result.steps[0]?.errors).toEqual([
      'status-check failed: integration (offline path, but not a pull request from a fork (mode=offline, reason missing-secrets; missing: A, B): ' +
        "add the secrets in the repository or organization settings and pass them in secret-guard's env:, or list integration in allow-offline to accept its offline path)",
    ]);
  });

  it('is green with allow-offline, warning that the online path did not run', async () => {
    const result = await statusCheck({
      needs: JSON.stringify({ unit: { result: 'success' }, integration: offline('missing-secrets', 'A') }),
      'allow-offline': 'integration',
    });
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]?.warnings).toEqual([
      'status-check: offline path accepted by allow-offline on a run that is not a pull request from a fork: integration (their online paths did not run)',
      // These needed jobs hand on no telemetry: a warning, never a failure.
      'status-check: telemetry left out for unit: no telemetry output; integration: no telemetry output',
    ]);
  });

  it("prints the needed jobs' bootstrap telemetry and writes it to the workspace, as the runner runs the step", async () => {
    const telemetry = JSON.stringify({
      v: 1,
      steps: [
        {
          v: 1,
          action: 'cached-tool',
          kit: '1.0.0',
          outcome: 'success',
          ms: { total: 2500 },
          retries: [
            { host: 'get.helm.sh', reason: 'http-503', delayMs: 800 },
            { host: 'get.helm.sh', reason: 'http-503', delayMs: 1600 },
          ],
          bytes: 1048576,
          cache: { hits: 0, misses: 1, restoredBytes: 0, savedBytes: 0 },
          warnings: { retry: 2 },
        },
      ],
    });
    const result = await statusCheck({
      needs: JSON.stringify({ helm: { result: 'success', outputs: { telemetry } } }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.steps[0]?.warnings).toEqual([]);
    expect(result.stdout).toContain(
      '| helm | cached-tool | 2.5 s | get.helm.sh http-503 x2 | 0/1 | 1.0 MiB | 0 B |',
    );
    expect(result.stdout).toContain(
      'bootstrap retries (infrastructure, not tests): get.helm.sh: 2 retries in 1 job (http-503 x2)',
    );
    const file = result.steps[0]?.outputs['telemetry-file'] as string;
    expect(JSON.parse(readFileSync(file, 'utf8')).hosts).toEqual([
      { host: 'get.helm.sh', retries: 2, jobs: ['helm'], reasons: { 'http-503': 2 } },
    ]);
  });
});
