// status-check as the runner runs it: the composite action.yml, its inputs pasted into the step's env,
// the script run with sh. A needed job's offline path passes on a fork pull request; with secrets
// missing on any other run it fails, unless allow-offline lists the job.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createJob, type Job } from '../harness/runner';
import { runComposite } from '../harness/composite';
import * as forgejo from '../fixtures/forgejo-tasks';

const jobs: Job[] = [];
const servers: Server[] = [];

async function statusCheck(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const job = await createJob();
  jobs.push(job);
  return runComposite(job, 'status-check', { inputs, env });
}

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

/**
 * A loopback stand-in for the two Forgejo v13 REST routes status-check reads (the shapes of
 * test/fixtures/forgejo-tasks.ts, from v13.0.5's structs), recording each request's Authorization.
 */
async function forgejoApi(opts: { tasksStatus?: number } = {}) {
  const requests: Array<{ url: string; authorization: string }> = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ url: url.pathname + url.search, authorization: request.headers.authorization ?? '' });
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const repo = `/api/v1/repos/${forgejo.SERVER_REPO}`;
    if (url.pathname === `${repo}/actions/runs/${forgejo.RUN_ID}`) return json(200, forgejo.run);
    if (url.pathname === `${repo}/actions/tasks` && !opts.tasksStatus) {
      const limit = Math.min(Number(url.searchParams.get('limit') || 30), 50);
      return json(
        200,
        forgejo.page(forgejo.templateRunTasks(), Number(url.searchParams.get('page') || 1), limit),
      );
    }
    return json(opts.tasksStatus ?? 404, { message: "The target couldn't be found.", url: '', errors: [] });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const env = {
    GITHUB_SERVER_URL: `http://127.0.0.1:${port}`,
    GITHUB_REPOSITORY: forgejo.SERVER_REPO,
    GITHUB_RUN_ID: String(forgejo.RUN_ID),
    GITHUB_RUN_NUMBER: String(forgejo.RUN_NUMBER),
  };
  return { requests, env };
}

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

describe('status-check (composite) with the legs from the server', () => {
  const TOKEN = 'job-token-6f1d2c3b4a5e';
  const needs = JSON.stringify({ prepare: { result: 'success' }, tier1: { result: 'failure' } });

  it('lists every leg of the matrix job with the job token and names each failed leg', async () => {
    const api = await forgejoApi();
    const result = await statusCheck({ needs, token: TOKEN }, api.env);
    expect(result.exitCode).toBe(1);
    expect(result.steps[0]?.errors).toEqual([
      'status-check failed: tier1 (failed: tier1 (typecheck) failure, tier1 (unit_tests) failure (5 legs: 3 passed))',
    ]);
    expect(result.stdout).toContain(
      [
        "legs: read from the server's task list (run 42)",
        '| job | leg | status |',
        '| --- | --- | --- |',
        '| tier1 | tier1 (lint) | success |',
        '| tier1 | tier1 (quality) | success |',
        '| tier1 | tier1 (security) | success |',
        '| tier1 | tier1 (typecheck) | failure |',
        '| tier1 | tier1 (unit_tests) | failure |',
      ].join('\n'),
    );
    // The job token went to the server, in every request, and nowhere else.
    expect(api.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(api.requests.map((request) => request.authorization))).toEqual(
      new Set([`token ${TOKEN}`]),
    );
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('says in one line that the legs were not read on a server without the task list, and judges on needs', async () => {
    const api = await forgejoApi({ tasksStatus: 404 });
    const result = await statusCheck({ needs, token: TOKEN }, api.env);
    expect(result.exitCode).toBe(1);
    expect(result.steps[0]?.errors).toEqual(['status-check failed: tier1 (failed)']);
    expect(result.stdout).toContain(
      'legs: not read (GET /api/v1/repos/ops/example-project/actions/tasks answered HTTP 404: a server without this API, or a token that cannot see the repository)',
    );
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
