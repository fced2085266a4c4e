// status-check as the runner runs it: the composite action.yml, its inputs pasted into the step's env,
// the script run with sh. A needed job's offline path passes on a fork pull request; with secrets
// missing on any other run it fails, unless allow-offline lists the job.
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
    ]);
  });
});
