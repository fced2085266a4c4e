// Every leg's telemetry, failed legs included, as the real bundles and status-check's script hand it on
// (docs/telemetry.md, "Every leg"): two legs of a matrix job run secret-guard's bundle, one of them
// failing, each with its own Forgejo runtime token; the server keeps each leg's record as an artifact of
// the run. Then status-check, with its own runtime token and the job token, reads the legs from the task
// list and their records from the artifacts, while `needs` holds what the real server gives for a
// matrix whose last leg failed: no outputs at all. The server is a loopback stand-in for the routes of
// Forgejo v13 involved (test/harness/actions-artifacts-stub.ts); the real-server proof is an e2e test.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { runComposite } from '../harness/composite';
import { createJob, repoRoot, runAction, type Job } from '../harness/runner';
import { runtimeToken, startArtifactsStub, type ArtifactsStub } from '../harness/actions-artifacts-stub';

const RUN_ID = 7;
const RUN_NUMBER = 42;
const JOB_TOKEN = 'job-token-5b0c9e7f3a21';
const jobs: Job[] = [];
const stubs: ArtifactsStub[] = [];

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, 'dist/secret-guard/main.mjs'))) {
    throw new Error('dist/secret-guard/main.mjs is missing: run `npm run build` first');
  }
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

describe('every leg of a matrix job reaches status-check', () => {
  it('shows each leg, the failed one included, when needs holds no output of the matrix job', async () => {
    const created = '2026-12-05T08:00:00Z';
    const stub = await startArtifactsStub({
      jobToken: JOB_TOKEN,
      run: { id: RUN_ID, index_in_repo: RUN_NUMBER, created, status: 'running' },
      tasks: [
        { id: 123, name: 'tier1 (lint)', status: 'success', run_number: RUN_NUMBER, created_at: created },
        {
          id: 124,
          name: 'tier1 (typecheck)',
          status: 'failure',
          run_number: RUN_NUMBER,
          created_at: created,
        },
        { id: 131, name: 'status-check', status: 'running', run_number: RUN_NUMBER, created_at: created },
      ],
    });
    stubs.push(stub);
    const server = {
      GITHUB_SERVER_URL: stub.url,
      GITHUB_REPOSITORY: 'ops/example-project',
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_RUN_NUMBER: String(RUN_NUMBER),
      ACTIONS_RUNTIME_URL: `${stub.url}/api/actions_pipeline/`,
    };
    const leg = (task: number) => ({
      ...server,
      GITHUB_JOB: 'tier1',
      ACTIONS_RUNTIME_TOKEN: runtimeToken({ TaskID: task, RunID: RUN_ID, JobID: task + 1000 }),
    });

    const passed = await runAction(await newJob(), 'secret-guard', {
      inputs: { secrets: 'API_KEY' },
      env: { ...leg(123), API_KEY: 'sk-present' },
    });
    expect(passed.exitCode).toBe(0);
    const failed = await runAction(await newJob(), 'secret-guard', {
      inputs: { secrets: 'API_KEY', 'on-missing': 'fail' },
      env: { ...leg(124), API_KEY: '' },
    });
    expect(failed.exitCode).toBe(1);
    expect(stub.files.map((file) => `${file.name}/${file.path} ${file.confirmed}`)).toEqual([
      'ci-kit-telemetry-123/step-001.json true',
      'ci-kit-telemetry-124/step-001.json true',
    ]);

    const statusCheckToken = runtimeToken({ TaskID: 131, RunID: RUN_ID, JobID: 1131 });
    const result = await runComposite(await newJob(), 'status-check', {
      // What the real server hands on for a matrix job whose last leg failed: no outputs.
      inputs: { needs: JSON.stringify({ tier1: { result: 'failure', outputs: {} } }), token: JOB_TOKEN },
      env: { ...server, GITHUB_JOB: 'status-check', ACTIONS_RUNTIME_TOKEN: statusCheckToken },
    });
    expect(result.exitCode).toBe(1);
    expect(result.steps[0]?.errors).toEqual([
      'status-check failed: tier1 (failed: tier1 (typecheck) failure (2 legs: 1 passed))',
    ]);
    expect(result.steps[0]?.warnings).toEqual([]);
    expect(result.stdout).toContain('leg telemetry: 2 records read from the artifacts of this run');
    expect(result.stdout).toMatch(
      /\| tier1 \(lint\) \| secret-guard \| \d+\.\d s \| - \| - \| 0 B \| 0 B \|/,
    );
    expect(result.stdout).toMatch(
      /\| tier1 \(typecheck\) \| secret-guard \(failed: user-error\) \| \d+\.\d s \| - \| - \| 0 B \| 0 B \|/,
    );
    for (const secret of [JOB_TOKEN, statusCheckToken, leg(123).ACTIONS_RUNTIME_TOKEN]) {
      expect(result.stdout + result.stderr + passed.stdout + failed.stdout).not.toContain(secret);
    }
  });
});
