import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import {
  ChecksumMismatchError,
  errorClassOf,
  hostOf,
  reasonKind,
  recordStep,
  runtimeClaims,
  TelemetryRecorder,
  telemetryFile,
  uploadLegTelemetry,
  UserError,
  warningKind,
  type StepTelemetry,
} from '@ci-kit/runner';
import {
  aggregateTelemetry,
  formatTelemetryTable,
  parseJobTelemetry,
  readLegTelemetry,
  telemetryVerdict,
} from '../../actions/status-check/telemetry.mjs';
import { runtimeToken, startArtifactsStub, type ArtifactsStub } from '../harness/actions-artifacts-stub';

const scratch = mkdtempSync(path.join(tmpdir(), 'ci-kit-telemetry-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the step record', () => {
  it('names hosts without user info, path or query', () => {
    expect(hostOf('https://user:secret@mirror.example:8443/helm/x.tar.gz?token=abc')).toBe(
      'mirror.example:8443',
    );
    expect(hostOf('file:///srv/mirror/x.tar.gz')).toBe('file');
    expect(hostOf('not a url')).toBe('unknown');
  });

  it.each([
    ['HTTP 503 Service Unavailable', false, 'http-503'],
    ['HTTP 429 Too Many Requests', true, 'http-429-retry-after'],
    ['HTTP 429 Too Many Requests', false, 'http-429'],
    ['no data for 30 s (stalled)', false, 'stall'],
    ['no progress for 600 s (attempt timed out)', false, 'timeout'],
    ['connection reset', false, 'reset'],
    ['connect ECONNREFUSED 127.0.0.1:9', false, 'refused'],
    ['getaddrinfo ENOTFOUND mirror.invalid', false, 'dns'],
    ['body ended after 10 of 20 bytes', false, 'truncated'],
    ['exit 2 (a network failure)', false, 'network'],
  ])('files the retry reason %j as %s', (reason, retryAfter, kind) => {
    expect(reasonKind(reason, retryAfter)).toBe(kind);
  });

  it('counts warnings by kind', () => {
    expect(warningKind('download x: attempt 1/4 failed: HTTP 503; retrying in 1.0 s')).toBe('retry');
    expect(warningKind('cache restore failed, continuing without cache: down')).toBe('cache');
    expect(warningKind('http://m/x is plain http and nothing pins the sha256 of x')).toBe('insecure-mirror');
  });

  it('snapshots phases, retries, bytes and cache use', () => {
    const recorder = new TelemetryRecorder();
    recorder.retry('mirror.example', 'HTTP 503 Service Unavailable', false, 812.4);
    recorder.download(1000);
    recorder.download(24);
    recorder.cacheRestore(true, 4096);
    recorder.cacheRestore(false);
    recorder.cacheSave(2048);
    recorder.warning('download x: attempt 1/4 failed: HTTP 503');
    recorder.timePhasesWith({ phases: [{ name: 'uv', ms: 12.6 }] });
    const step = recorder.snapshot('prepare-python', '1.2.3', 'success');
    expect(step).toMatchObject({
      v: 1,
      action: 'prepare-python',
      kit: '1.2.3',
      outcome: 'success',
      retries: [{ host: 'mirror.example', reason: 'http-503', delayMs: 812 }],
      bytes: 1024,
      cache: { hits: 1, misses: 1, restoredBytes: 4096, savedBytes: 2048 },
      warnings: { retry: 1 },
    });
    expect(step.ms.uv).toBe(13);
    expect(step.ms.total).toBeGreaterThanOrEqual(0);
  });

  it('says who can fix a failed step: user-error or infrastructure, never on a green one', () => {
    expect(new TelemetryRecorder().snapshot('cached-tool', '1', 'failure', 'user-error').error).toBe(
      'user-error',
    );
    expect(new TelemetryRecorder().snapshot('cached-tool', '1', 'failure', 'infrastructure').error).toBe(
      'infrastructure',
    );
    expect(new TelemetryRecorder().snapshot('cached-tool', '1', 'success', 'user-error')).not.toHaveProperty(
      'error',
    );
    expect(errorClassOf(new UserError('bad input'))).toBe('user-error');
    expect(errorClassOf(new ChecksumMismatchError('helm', 'a', 'b'))).toBe('user-error');
    expect(errorClassOf(new Error('connection reset'))).toBe('infrastructure');
  });

  it("hands on the job's records so far: each step's output holds the earlier steps and itself", () => {
    const env = { RUNNER_TEMP: scratch, GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'helm job' };
    const first = new TelemetryRecorder().snapshot('setup-prewarmed-runner', '1', 'success');
    const second = new TelemetryRecorder().snapshot('cached-tool', '1', 'failure');
    expect(recordStep(first, env).steps.map((s) => s.action)).toEqual(['setup-prewarmed-runner']);
    expect(recordStep(second, env).steps.map((s) => s.action)).toEqual([
      'setup-prewarmed-runner',
      'cached-tool',
    ]);
    expect(telemetryFile(env)).toBe(path.join(scratch, 'ci-kit-telemetry-7-1-helm_job.jsonl'));
    expect(
      readFileSync(telemetryFile(env) as string, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(2);
    // Another job of the same run keeps a file of its own.
    expect(recordStep(first, { ...env, GITHUB_JOB: 'lint' }).steps).toHaveLength(1);
  });
});

const step = (action: string, extra: Partial<StepTelemetry> = {}): StepTelemetry => ({
  v: 1,
  action,
  kit: '1.0.0',
  outcome: 'success',
  ms: { total: 1500 },
  retries: [],
  bytes: 0,
  cache: { hits: 0, misses: 0, restoredBytes: 0, savedBytes: 0 },
  warnings: {},
  ...extra,
});
const output = (...steps: StepTelemetry[]) => JSON.stringify({ v: 1, steps });

describe("status-check's telemetry table", () => {
  const retry = (host: string, reason: string) => ({ host, reason: reason as 'http-503', delayMs: 1000 });

  it('shows each job and action with its retries by host and reason, and a verdict naming the host', () => {
    const aggregate = aggregateTelemetry({
      helm: {
        result: 'success',
        outputs: {
          telemetry: output(
            step('setup-prewarmed-runner'),
            step('cached-tool', {
              retries: [retry('mirror.example', 'http-503'), retry('mirror.example', 'http-503')],
              bytes: 2 * 1024 * 1024,
            }),
          ),
        },
      },
      lint: {
        result: 'success',
        outputs: {
          telemetry: output(
            step('prepare-python', { cache: { hits: 1, misses: 0, restoredBytes: 3072, savedBytes: 0 } }),
          ),
        },
      },
    });
    const table = formatTelemetryTable(aggregate);
    expect(table.split('\n')).toEqual([
      '| job | action | time | retries | cache hits | downloaded | cache bytes |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| helm | setup-prewarmed-runner | 1.5 s | - | - | 0 B | 0 B |',
      '| helm | cached-tool | 1.5 s | mirror.example http-503 x2 | - | 2.0 MiB | 0 B |',
      '| lint | prepare-python | 1.5 s | - | 1/1 | 0 B | 3.0 KiB |',
    ]);
    expect(telemetryVerdict(aggregate)).toBe(
      'bootstrap retries (infrastructure, not tests): mirror.example: 2 retries in 1 job (http-503 x2)',
    );
    expect(aggregate.hosts).toEqual([
      { host: 'mirror.example', retries: 2, jobs: ['helm'], reasons: { 'http-503': 2 } },
    ]);
  });

  it('says so when nothing retried', () => {
    const aggregate = aggregateTelemetry({
      a: { result: 'success', outputs: { telemetry: output(step('x')) } },
    });
    expect(telemetryVerdict(aggregate)).toBe('bootstrap: no retries');
    expect(aggregate.problems).toEqual([]);
  });

  it('turns missing or malformed telemetry into problems (warnings), never a throw; skipped jobs are left out', () => {
    const aggregate = aggregateTelemetry({
      none: { result: 'success', outputs: {} },
      garbage: { result: 'success', outputs: { telemetry: '{not json' } },
      old: { result: 'success', outputs: { telemetry: '{"v":0,"steps":[]}' } },
      skipped: { result: 'skipped', outputs: {} },
    });
    expect(aggregate.problems).toEqual([
      'none: no telemetry output',
      'garbage: telemetry is not JSON',
      'old: telemetry is not schema v1 ({"v":1,"steps":[...]})',
    ]);
    expect(aggregate.jobs.map((job) => job.job)).toEqual(['none', 'garbage', 'old']);
  });

  it('keeps hostile text out of the table: only words and host characters', () => {
    const parsed = parseJobTelemetry(
      output(step('x\n::set-output name=a::b|<script>', { retries: [retry('h\n##[add-path]/x', 'r|x')] })),
    );
    const table = formatTelemetryTable({
      v: 1,
      jobs: [{ job: 'j', steps: parsed.steps }],
      hosts: [],
      problems: [],
    });
    expect(table).not.toMatch(/\n::|\n##\[|<script>/);
    expect(table.split('\n')).toHaveLength(3);
  });
});

// Every leg, failed legs included: each step of ours keeps the job's record so far as an artifact of the
// run (one per leg, named by its task id); status-check reads them all (docs/telemetry.md, "Every leg").
describe('every leg as an artifact of the run', () => {
  const stubs: ArtifactsStub[] = [];
  afterEach(async () => {
    await Promise.all(stubs.splice(0).map((stub) => stub.close()));
  });
  const RUN = 7;
  const legEnv = (stub: ArtifactsStub, task: number, job = 'tier1') => ({
    FORGEJO_ACTIONS: 'true',
    GITHUB_SERVER_URL: stub.url,
    GITHUB_JOB: job,
    ACTIONS_RUNTIME_URL: `${stub.url}/api/actions_pipeline/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken({ TaskID: task, RunID: RUN, JobID: task + 1000 }),
  });
  const record = (...steps: StepTelemetry[]) => ({ v: 1 as const, steps });

  it('reads the task, run and job ids from a Forgejo runtime token, and nothing from anything else', () => {
    expect(runtimeClaims(runtimeToken({ TaskID: 123, RunID: 7, JobID: 55 }))).toEqual({
      taskId: 123,
      runId: 7,
      jobId: 55,
    });
    for (const token of [undefined, '', 'test-token', 'token', 'a.b.c', 'x.eyJUYXNrSUQiOiIxIn0.y']) {
      expect(runtimeClaims(token)).toBeUndefined();
    }
  });

  it('keeps the record as ci-kit-telemetry-<task>/step-<n>.json with POST, PUT and PATCH, as the server takes them', async () => {
    const stub = await startArtifactsStub();
    stubs.push(stub);
    const env = legEnv(stub, 123);
    const result = await uploadLegTelemetry(record(step('setup-prewarmed-runner'), step('cached-tool')), env);
    expect(result).toEqual({ uploaded: true, artifact: 'ci-kit-telemetry-123/step-002.json' });
    expect(stub.requests.map((request) => request.method)).toEqual(['POST', 'PUT', 'PATCH']);
    expect(stub.requests[0]?.url).toBe(
      '/api/actions_pipeline/_apis/pipelines/workflows/7/artifacts?api-version=6.0-preview',
    );
    expect(stub.requests[2]?.url).toBe(
      '/api/actions_pipeline/_apis/pipelines/workflows/7/artifacts?api-version=6.0-preview&artifactName=ci-kit-telemetry-123',
    );
    expect(stub.requests[1]?.url).toMatch(
      /^\/api\/actions_pipeline\/_apis\/pipelines\/workflows\/7\/artifacts\/[0-9a-f]{32}\/upload\?retentionDays=3&itemPath=ci-kit-telemetry-123%2Fstep-002.json$/,
    );
    expect(new Set(stub.requests.map((request) => request.authorization))).toEqual(
      new Set([`Bearer ${env.ACTIONS_RUNTIME_TOKEN}`]),
    );
    expect(stub.files).toHaveLength(1);
    expect(stub.files[0]).toMatchObject({
      name: 'ci-kit-telemetry-123',
      path: 'step-002.json',
      confirmed: true,
    });
    expect(JSON.parse(stub.files[0]?.content.toString('utf8') ?? '')).toEqual({
      v: 1,
      job: 'tier1',
      task: 123,
      steps: [step('setup-prewarmed-runner'), step('cached-tool')],
    });
  });

  it.each([
    ['on GitHub', { FORGEJO_ACTIONS: undefined }, 'not a Forgejo run'],
    [
      'under forgejo-runner exec or act (no task token)',
      { ACTIONS_RUNTIME_TOKEN: 'token' },
      'ACTIONS_RUNTIME_TOKEN is not a Forgejo task token',
    ],
    ['when turned off', { CI_KIT_TELEMETRY_ARTIFACTS: 'false' }, 'turned off'],
    [
      'without a runtime URL',
      { ACTIONS_RUNTIME_URL: undefined },
      'ACTIONS_RUNTIME_URL is not an http(s) URL',
    ],
  ])('uploads nothing %s', async (_label, change, why) => {
    const stub = await startArtifactsStub();
    stubs.push(stub);
    const result = await uploadLegTelemetry(record(step('x')), { ...legEnv(stub, 1), ...change });
    expect(result).toEqual({ uploaded: false, why });
    expect(stub.requests).toEqual([]);
  });

  it('never fails and never waits long when the server is gone', async () => {
    const stub = await startArtifactsStub();
    const env = legEnv(stub, 1);
    await stub.close();
    const started = Date.now();
    const result = await uploadLegTelemetry(record(step('x')), env);
    expect(result.uploaded).toBe(false);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it("reads every leg's newest record back with status-check's own token, failed legs included", async () => {
    const stub = await startArtifactsStub();
    stubs.push(stub);
    await uploadLegTelemetry(record(step('setup-prewarmed-runner')), legEnv(stub, 123));
    await uploadLegTelemetry(
      record(step('setup-prewarmed-runner'), step('prepare-python')),
      legEnv(stub, 123),
    );
    await uploadLegTelemetry(
      record(step('setup-prewarmed-runner'), step('prepare-python', { outcome: 'failure' })),
      legEnv(stub, 124),
    );
    await uploadLegTelemetry(record(step('cached-tool')), legEnv(stub, 125, 'helm'));
    const read = await readLegTelemetry(legEnv(stub, 131, 'status-check'));
    expect(read.note).toBe('leg telemetry: 3 records read from the artifacts of this run');
    expect(
      read.records.map((leg) => [
        leg.job,
        leg.task,
        (leg.steps as StepTelemetry[]).map((s) => `${s.action}:${s.outcome}`).join(' '),
      ]),
    ).toEqual([
      ['tier1', 123, 'setup-prewarmed-runner:success prepare-python:success'],
      ['tier1', 124, 'setup-prewarmed-runner:success prepare-python:failure'],
      ['helm', 125, 'cached-tool:success'],
    ]);
  });

  it('says why when there are no records to read, and reads nothing without a task token', async () => {
    const stub = await startArtifactsStub();
    stubs.push(stub);
    expect(await readLegTelemetry(legEnv(stub, 131, 'status-check'))).toEqual({
      records: [],
      note: 'leg telemetry: no records among the artifacts of this run',
    });
    const requests = stub.requests.length;
    expect(await readLegTelemetry({ ...legEnv(stub, 131), ACTIONS_RUNTIME_TOKEN: 'token' })).toEqual({
      records: [],
      note: "leg telemetry: not read (ACTIONS_RUNTIME_TOKEN is not a Forgejo task token); each job's telemetry output is used",
    });
    expect(stub.requests.length).toBe(requests);
  });

  it('shows one row per leg, named from the task list, with the failed leg, and the job output for jobs without records', () => {
    const aggregate = aggregateTelemetry(
      {
        prepare: { result: 'success', outputs: { telemetry: output(step('prepare-python')) } },
        tier1: { result: 'failure', outputs: {} },
      },
      {
        records: [
          { v: 1, job: 'tier1', task: 123, steps: [step('prepare-python')] },
          {
            v: 1,
            job: 'tier1',
            task: 124,
            steps: [step('prepare-python', { outcome: 'failure', error: 'infrastructure' })],
          },
          // An earlier attempt of tier1 (lint), rerun since as task 123: left out.
          { v: 1, job: 'tier1', task: 101, steps: [step('prepare-python', { outcome: 'failure' })] },
        ],
        legs: {
          tier1: [
            { id: 123, name: 'tier1 (lint)', status: 'success' },
            { id: 124, name: 'tier1 (typecheck)', status: 'failure' },
            { id: 125, name: 'tier1 (quality)', status: 'cancelled' },
          ],
        },
      },
    );
    expect(formatTelemetryTable(aggregate).split('\n').slice(2)).toEqual([
      '| prepare | prepare-python | 1.5 s | - | - | 0 B | 0 B |',
      '| tier1 (lint) | prepare-python | 1.5 s | - | - | 0 B | 0 B |',
      '| tier1 (typecheck) | prepare-python (failed: infrastructure) | 1.5 s | - | - | 0 B | 0 B |',
    ]);
    expect(aggregate.problems).toEqual(['tier1 (quality): no telemetry record (leg cancelled)']);
  });
});
