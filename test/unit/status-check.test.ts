import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aggregateLegs,
  evaluateNeeds,
  formatTable,
  legsByJob,
  lookUpLegs,
  main,
  parseNames,
  type Leg,
} from '../../actions/status-check/status-check.mjs';
import * as forgejo from '../fixtures/forgejo-tasks';

const script = fileURLToPath(new URL('../../actions/status-check/status-check.mjs', import.meta.url));

const ok = { result: 'success', outputs: {} };

describe('evaluateNeeds', () => {
  it('passes when every needed job succeeded', () => {
    const evaluation = evaluateNeeds({ lint: ok, unit: ok });
    expect(evaluation.ok).toBe(true);
    expect(evaluation.rows.map((row) => row.verdict)).toEqual(['pass', 'pass']);
  });

  it.each(['failure', 'cancelled'])('fails when a needed job ended with %s', (result) => {
    const evaluation = evaluateNeeds({ lint: ok, unit: { result, outputs: {} } });
    expect(evaluation.ok).toBe(false);
    expect(evaluation.rows.find((row) => row.job === 'unit')).toMatchObject({ verdict: 'fail', result });
  });

  it('passes a job that took the offline path on a fork pull request, and says so', () => {
    const evaluation = evaluateNeeds({
      unit: ok,
      integration: { result: 'success', outputs: { mode: 'offline', reason: 'fork-pull-request' } },
      e2e: { result: 'success', outputs: { 'secret-mode': 'offline', 'secret-reason': 'fork-pull-request' } },
      online: { result: 'success', outputs: { mode: 'online' } },
    });
    expect(evaluation.ok).toBe(true);
    const notes = Object.fromEntries(evaluation.rows.map((row) => [row.job, row.note]));
    expect(notes).toEqual({
      e2e: 'offline path (secret-mode=offline, reason fork-pull-request)',
      integration: 'offline path (mode=offline, reason fork-pull-request)',
      online: '',
      unit: '',
    });
  });

  // A secret deleted on the default branch must not leave the required check green forever.
  it('fails an offline path with secrets missing outside a fork, naming the secrets and the fix', () => {
    const evaluation = evaluateNeeds({
      unit: ok,
      integration: {
        result: 'success',
        outputs: { mode: 'offline', reason: 'missing-secrets', missing: 'OPENAI_API_KEY,GOOGLE_API_KEY' },
      },
    });
    expect(evaluation.ok).toBe(false);
    expect(evaluation.rows[0]).toEqual({
      job: 'integration',
      result: 'success',
      verdict: 'fail',
      note:
        'offline path, but not a pull request from a fork (mode=offline, reason missing-secrets; missing: OPENAI_API_KEY, GOOGLE_API_KEY): ' +
        "add the secrets in the repository or organization settings and pass them in secret-guard's env:, " +
        'or list integration in allow-offline to accept its offline path',
    });
  });

  it('fails an offline path with no reason beside it: a fork cannot be told from missing secrets', () => {
    const evaluation = evaluateNeeds({ e2e: { result: 'success', outputs: { 'secret-mode': 'offline' } } });
    expect(evaluation.ok).toBe(false);
    expect(evaluation.rows[0]?.note).toBe(
      "offline path with no reason to tell a fork pull request from missing secrets (secret-mode=offline): expose secret-guard's " +
        'reason and missing as the job outputs secret-reason and secret-missing, or list e2e in allow-offline to accept its offline path',
    );
  });

  it('fails a job when any of its guards is offline for missing secrets', () => {
    const evaluation = evaluateNeeds({
      deploy: {
        result: 'success',
        outputs: {
          a_mode: 'offline',
          a_reason: 'fork-pull-request',
          b_mode: 'offline',
          b_reason: 'missing-secrets',
          b_missing: 'B',
        },
      },
    });
    expect(evaluation.rows[0]).toMatchObject({ verdict: 'fail' });
    expect(evaluation.rows[0]?.note).toMatch(
      /^offline path, but not a pull request from a fork \(b_mode=offline, reason missing-secrets; missing: B\)/,
    );
  });

  it('passes the offline path of a job listed in allow-offline (or *), whatever the reason', () => {
    const needs = {
      integration: {
        result: 'success',
        outputs: { mode: 'offline', reason: 'missing-secrets', missing: 'A' },
      },
      e2e: { result: 'success', outputs: { mode: 'offline' } },
    };
    expect(evaluateNeeds(needs, [], ['integration']).rows).toEqual([
      expect.objectContaining({ job: 'e2e', verdict: 'fail' }),
      {
        job: 'integration',
        result: 'success',
        verdict: 'pass',
        note: 'offline path (mode=offline, reason missing-secrets, allowed by allow-offline)',
      },
    ]);
    expect(evaluateNeeds(needs, [], ['*']).ok).toBe(true);
  });

  it("never prints output values that are not shaped like secret-guard's", () => {
    const note = evaluateNeeds({
      x: {
        result: 'success',
        outputs: { mode: 'offline', reason: 'missing-secrets\n::set-output', missing: 'A\nB' },
      },
    }).rows[0]?.note;
    expect(note).not.toContain('set-output');
    expect(note).not.toContain('A\nB');
  });

  it('does not take an output that merely contains "mode" for a secret-guard mode', () => {
    const evaluation = evaluateNeeds({
      build: { result: 'success', outputs: { modes: 'offline', model: 'offline' } },
    });
    expect(evaluation.rows[0]?.note).toBe('');
  });

  it('passes a skipped job listed as allowed to skip', () => {
    const evaluation = evaluateNeeds({ unit: ok, 'push-validation': { result: 'skipped', outputs: {} } }, [
      'push-validation',
    ]);
    expect(evaluation.ok).toBe(true);
    expect(evaluation.rows[0]).toMatchObject({
      job: 'push-validation',
      verdict: 'pass',
      note: 'allowed to skip',
    });
  });

  it('allows every skip with *', () => {
    expect(evaluateNeeds({ a: { result: 'skipped' }, b: ok }, ['*']).ok).toBe(true);
  });

  it('fails a skipped job nobody allowed when nothing else failed: a job meant to run did not', () => {
    const evaluation = evaluateNeeds({ unit: ok, docker: { result: 'skipped', outputs: {} } });
    expect(evaluation.ok).toBe(false);
    expect(evaluation.rows[0]).toMatchObject({
      job: 'docker',
      verdict: 'fail',
      note: 'skipped, and not listed in ALLOW_SKIPPED',
    });
  });

  it('shows a skip after an upstream failure as following from it, counted once', () => {
    const evaluation = evaluateNeeds({
      lint: ok,
      unit: { result: 'failure', outputs: {} },
      integration: { result: 'skipped', outputs: {} },
      e2e: { result: 'skipped', outputs: {} },
    });
    expect(evaluation.ok).toBe(false);
    expect(evaluation.rows.filter((row) => row.verdict === 'fail').map((row) => row.job)).toEqual(['unit']);
    expect(evaluation.rows.find((row) => row.job === 'e2e')).toMatchObject({
      verdict: 'skipped',
      note: 'after unit failed or was cancelled',
    });
  });

  it('fails an unknown or absent result', () => {
    expect(evaluateNeeds({ a: { result: 'neutral' } }).rows[0]).toMatchObject({
      verdict: 'fail',
      note: 'unknown result',
    });
    expect(evaluateNeeds({ a: {} }).rows[0]).toMatchObject({ result: '(none)', verdict: 'fail' });
    expect(evaluateNeeds({ a: undefined }).ok).toBe(false);
  });

  it('refuses an empty or malformed needs context', () => {
    expect(() => evaluateNeeds({})).toThrow('NEEDS_JSON has no jobs');
    expect(() => evaluateNeeds([] as never)).toThrow('NEEDS_JSON must be the JSON of the needs context');
    expect(() => evaluateNeeds(null as never)).toThrow('NEEDS_JSON must be the JSON of the needs context');
  });
});

describe('parseNames and formatTable', () => {
  it('splits on spaces, commas and newlines', () => {
    expect(parseNames(' a,b\nc  d ')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseNames(undefined)).toEqual([]);
  });
  it('prints a markdown table', () => {
    expect(formatTable([{ job: 'unit', result: 'success', verdict: 'pass', note: '' }])).toBe(
      '| job | result | status | note |\n| --- | --- | --- | --- |\n| unit | success | pass |  |',
    );
  });
});

describe('main', () => {
  const capture = (env: Record<string, string>) => {
    const lines: string[] = [];
    const code = main(env, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  };

  it('exits 0 and names the offline jobs', () => {
    const { code, out } = capture({
      NEEDS_JSON: JSON.stringify({
        unit: ok,
        integration: { result: 'success', outputs: { mode: 'offline', reason: 'fork-pull-request' } },
      }),
    });
    expect(code).toBe(0);
    expect(out).toContain(
      '| integration | success | pass | offline path (mode=offline, reason fork-pull-request) |',
    );
    expect(out).toContain('status-check passed (offline path: integration)');
    // The only warning: these jobs hand on no telemetry (a note, never a failure).
    expect(out.split('\n').filter((line) => line.startsWith('::warning::'))).toEqual([
      '::warning::status-check: telemetry left out for unit: no telemetry output; integration: no telemetry output',
    ]);
  });

  it('exits 1 with one error line naming the job, the missing secrets and the fix', () => {
    const { code, out } = capture({
      NEEDS_JSON: JSON.stringify({
        unit: ok,
        'push-validation': {
          result: 'success',
          outputs: { mode: 'offline', reason: 'missing-secrets', missing: 'PUSH_TOKEN' },
        },
      }),
    });
    expect(code).toBe(1);
    const errors = out.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      '::error::status-check failed: push-validation (offline path, but not a pull request from a fork (mode=offline, reason missing-secrets; missing: PUSH_TOKEN): ' +
        "add the secrets in the repository or organization settings and pass them in secret-guard's env:, or list push-validation in allow-offline to accept its offline path)",
    ]);
  });

  it('exits 0 with ALLOW_OFFLINE, and warns on each such run', () => {
    const { code, out } = capture({
      NEEDS_JSON: JSON.stringify({
        unit: ok,
        integration: {
          result: 'success',
          outputs: { mode: 'offline', reason: 'missing-secrets', missing: 'A' },
        },
      }),
      ALLOW_OFFLINE: 'integration, e2_e',
    });
    expect(code).toBe(0);
    expect(out).toContain('status-check passed (offline path: integration)');
    expect(out).toContain(
      '::warning::status-check: offline path accepted by allow-offline on a run that is not a pull request from a fork: integration (their online paths did not run)',
    );
    expect(out).toContain('::warning::status-check: ALLOW_OFFLINE names jobs that are not needed: e2_e');
  });

  it('exits 1 with one error line naming what failed', () => {
    const { code, out } = capture({
      NEEDS_JSON: JSON.stringify({ unit: { result: 'cancelled' }, lint: { result: 'failure' } }),
    });
    expect(code).toBe(1);
    expect(out).toContain('::error::status-check failed: lint (failed), unit (cancelled)');
  });

  it('exits 1 when NEEDS_JSON is missing or not JSON', () => {
    expect(capture({}).out).toBe(
      '::error::status-check: NEEDS_JSON is not set or not JSON; set it to the toJSON(needs) expression',
    );
    expect(capture({ NEEDS_JSON: '{' }).code).toBe(1);
    expect(capture({ NEEDS_JSON: '{}' }).out).toContain('::error::status-check: NEEDS_JSON has no jobs');
  });

  it('warns about ALLOW_SKIPPED names that are not needed jobs (a typo would hide nothing)', () => {
    const { code, out } = capture({ NEEDS_JSON: JSON.stringify({ unit: ok }), ALLOW_SKIPPED: 'unti, *' });
    expect(code).toBe(0);
    expect(out).toContain('::warning::status-check: ALLOW_SKIPPED names jobs that are not needed: unti');
  });
});

describe('status-check.mjs as a command', () => {
  const runScript = (env: Record<string, string>) =>
    spawnSync(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });

  it('runs with plain node, writes the step summary and exits 0 or 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-check-'));
    try {
      const summary = path.join(dir, 'summary');
      writeFileSync(summary, '');
      const pass = runScript({
        NEEDS_JSON: JSON.stringify({ unit: ok, 'push-validation': { result: 'skipped', outputs: {} } }),
        ALLOW_SKIPPED: 'push-validation',
        GITHUB_STEP_SUMMARY: summary,
      });
      expect(pass.stderr).toBe('');
      expect(pass.status).toBe(0);
      expect(readFileSync(summary, 'utf8')).toContain('### status-check\n\n| job | result | status | note |');
      const fail = runScript({ NEEDS_JSON: JSON.stringify({ unit: { result: 'failure', outputs: {} } }) });
      expect(fail.status).toBe(1);
      expect(fail.stdout).toContain('::error::status-check failed: unit (failed)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds no expression syntax, so it can be pasted into a run: block', () => {
    expect(readFileSync(script, 'utf8')).not.toContain('${{');
  });
});

// Matrix jobs as the real server treats them (Forgejo v13.0.5, models/actions/run_job.go
// AggregateJobStatus; services/actions/context.go FindTaskNeeds): needs.<job>.result is success when
// every leg succeeded or was skipped, cancelled wins over failure; the outputs are the last leg's.
describe('aggregateLegs (the server rule for a matrix job)', () => {
  it.each([
    [['success', 'success'], 'success'],
    [['success', 'skipped'], 'success'],
    [['skipped', 'skipped'], 'skipped'],
    [['success', 'failure'], 'failure'],
    [['failure', 'cancelled', 'success'], 'cancelled'],
    [['success', 'running'], 'running'],
    [[], 'unknown'],
  ])('%j is %s', (statuses, result) => {
    expect(aggregateLegs(statuses)).toBe(result);
  });
});

describe('legsByJob', () => {
  const tasks = forgejo.templateRunTasks() as unknown as Parameters<typeof legsByJob>[0];

  it("keeps this run's legs of each needed job, the newest attempt of each, by name", () => {
    const legs = legsByJob(tasks, forgejo.RUN_NUMBER, ['prepare', 'tier1']);
    expect(legs).toEqual({
      prepare: [{ id: 122, name: 'prepare', status: 'success' }],
      tier1: [
        { id: 130, name: 'tier1 (lint)', status: 'success' },
        { id: 127, name: 'tier1 (quality)', status: 'success' },
        { id: 125, name: 'tier1 (security)', status: 'success' },
        { id: 124, name: 'tier1 (typecheck)', status: 'failure' },
        { id: 128, name: 'tier1 (unit_tests)', status: 'failure' },
      ],
    });
  });

  it('gives a job no legs when the list has none of it (a job with a name: of its own, or never started)', () => {
    expect(legsByJob(tasks, forgejo.RUN_NUMBER, ['helm'])).toEqual({ helm: [] });
  });

  it('never lets a task name reach the log as a workflow command or a table cell', () => {
    const hostile = [forgejo.task(9, 'tier1 (a|b)\n::set-output name=x::y', 'failure')];
    const legs = legsByJob(hostile as never, forgejo.RUN_NUMBER, ['tier1']);
    expect(legs.tier1?.[0]?.name).toBe('tier1 (a_b)___set-output name=x__y');
  });
});

describe('evaluateNeeds with the legs of a matrix job', () => {
  const legs = (statuses: Record<string, string>): Leg[] =>
    Object.entries(statuses).map(([name, status], id) => ({ id, name: `tier1 (${name})`, status }));

  it('names each failed leg of a failed matrix job', () => {
    const evaluation = evaluateNeeds({ tier1: { result: 'failure', outputs: {} } }, [], [], {
      tier1: legs({ lint: 'success', typecheck: 'failure', unit_tests: 'failure', quality: 'skipped' }),
    });
    expect(evaluation.rows[0]).toMatchObject({
      job: 'tier1',
      verdict: 'fail',
      note: 'failed: tier1 (typecheck) failure, tier1 (unit_tests) failure (4 legs: 1 passed, 1 skipped)',
    });
  });

  it('says that cancelled wins over failure for a matrix job, naming both kinds of leg', () => {
    const evaluation = evaluateNeeds({ tier1: { result: 'cancelled', outputs: {} } }, [], [], {
      tier1: legs({ lint: 'cancelled', typecheck: 'failure', unit_tests: 'success' }),
    });
    expect(evaluation.rows[0]?.note).toBe(
      'cancelled: tier1 (lint) cancelled, tier1 (typecheck) failure (3 legs: 1 passed; a matrix job with a cancelled leg is cancelled, even beside a failed one)',
    );
  });

  it('passes a matrix job whose legs succeeded or were skipped, and says how many', () => {
    const evaluation = evaluateNeeds({ tier1: { result: 'success', outputs: {} } }, [], [], {
      tier1: legs({ lint: 'success', typecheck: 'skipped', unit_tests: 'success' }),
    });
    expect(evaluation.ok).toBe(true);
    expect(evaluation.rows[0]).toMatchObject({
      verdict: 'pass',
      note: '',
      legs: '3 legs: 2 passed, 1 skipped',
    });
    expect(formatTable(evaluation.rows)).toContain(
      '| tier1 | success | pass | 3 legs: 2 passed, 1 skipped |',
    );
  });

  it('says when the legs found do not add up to the result needs gives (legs with no task)', () => {
    const evaluation = evaluateNeeds({ tier1: { result: 'failure', outputs: {} } }, [], [], {
      tier1: legs({ lint: 'success' }),
    });
    expect(evaluation.rows[0]?.note).toBe(
      'failed (1 leg: 1 passed; the legs found add up to success: legs that never reached a runner have no task)',
    );
  });

  it('keeps the notes of a job with one leg (no matrix) as they were', () => {
    const evaluation = evaluateNeeds({ unit: { result: 'failure', outputs: {} } }, [], [], {
      unit: [{ id: 1, name: 'unit', status: 'failure' }],
    });
    expect(evaluation.rows[0]?.note).toBe('failed');
  });
});

describe('lookUpLegs (the server API with the job token)', () => {
  const TOKEN = 'job-token-0123456789abcdef';
  const forgejoEnv = {
    FORGEJO_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'http://127.0.0.1:3000',
    GITHUB_REPOSITORY: forgejo.SERVER_REPO,
    GITHUB_RUN_ID: String(forgejo.RUN_ID),
    GITHUB_RUN_NUMBER: String(forgejo.RUN_NUMBER),
    STATUS_CHECK_TOKEN: TOKEN,
  };

  /** A fetch that answers as the server would, recording each request. */
  function server(
    tasks = forgejo.templateRunTasks(),
    opts: { tasksStatus?: number; runStatus?: number } = {},
  ) {
    const requests: Array<{ url: string; authorization: string | null }> = [];
    const fetchImpl = async (url: string | URL, init?: RequestInit) => {
      const target = new URL(String(url));
      requests.push({
        url: target.pathname + target.search,
        authorization: new Headers(init?.headers).get('authorization'),
      });
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (target.pathname === `/api/v1/repos/${forgejo.SERVER_REPO}/actions/runs/${forgejo.RUN_ID}`) {
        return opts.runStatus ? json(opts.runStatus, { message: 'no' }) : json(200, forgejo.run);
      }
      if (target.pathname === `/api/v1/repos/${forgejo.SERVER_REPO}/actions/tasks`) {
        if (opts.tasksStatus) return json(opts.tasksStatus, { message: 'not found' });
        const limit = Number(target.searchParams.get('limit'));
        return json(200, forgejo.page(tasks, Number(target.searchParams.get('page')), limit));
      }
      return json(404, { message: 'not found' });
    };
    return { requests, fetchImpl: fetchImpl as typeof fetch };
  }

  it("lists every leg of every needed job of this run with the job token, and stops at the run's start", async () => {
    const { requests, fetchImpl } = server();
    const lookup = await lookUpLegs(forgejoEnv, ['prepare', 'tier1'], fetchImpl, 5);
    expect(lookup.legs?.tier1?.map((leg) => `${leg.name} ${leg.status}`)).toEqual([
      'tier1 (lint) success',
      'tier1 (quality) success',
      'tier1 (security) success',
      'tier1 (typecheck) failure',
      'tier1 (unit_tests) failure',
    ]);
    expect(lookup.note).toBe("legs: read from the server's task list (run 42)");
    expect(requests.map((request) => request.url)).toEqual([
      '/api/v1/repos/ops/example-project/actions/runs/7',
      '/api/v1/repos/ops/example-project/actions/tasks?page=1&limit=5',
      '/api/v1/repos/ops/example-project/actions/tasks?page=2&limit=5',
      '/api/v1/repos/ops/example-project/actions/tasks?page=3&limit=5',
    ]);
    expect(new Set(requests.map((request) => request.authorization))).toEqual(new Set([`token ${TOKEN}`]));
  });

  it("stops after a page without this run's tasks when the run record cannot be read", async () => {
    const { requests, fetchImpl } = server(undefined, { runStatus: 404 });
    const lookup = await lookUpLegs(forgejoEnv, ['tier1'], fetchImpl, 5);
    expect(lookup.legs?.tier1).toHaveLength(5);
    expect(requests.filter((request) => request.url.includes('/tasks'))).toHaveLength(3);
  });

  it.each([
    [
      'an older server without the task list',
      { tasksStatus: 404 },
      "legs: not read (GET /api/v1/repos/ops/example-project/actions/tasks answered HTTP 404: a server without this API, or a token that cannot see the repository); each job is judged on needs alone, where a matrix job's result is the server's aggregate of its legs and its outputs are the last leg's",
    ],
    [
      'a refused token',
      { tasksStatus: 401 },
      "legs: not read (GET /api/v1/repos/ops/example-project/actions/tasks answered HTTP 401: the token was refused; give the token input the job token); each job is judged on needs alone, where a matrix job's result is the server's aggregate of its legs and its outputs are the last leg's",
    ],
  ])('falls back to needs, saying why, on %s', async (_label, opts, note) => {
    const { fetchImpl } = server(undefined, opts);
    const lookup = await lookUpLegs(forgejoEnv, ['tier1'], fetchImpl, 5);
    expect(lookup).toEqual({ note });
  });

  it('falls back to needs when the server cannot be reached, and never prints the token', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const lookup = await lookUpLegs(forgejoEnv, ['tier1'], fetchImpl, 5);
    expect(lookup.note).toMatch(/^legs: not read \(the server's task list could not be read: fetch failed\)/);
    expect(lookup.note).not.toContain(TOKEN);
  });

  it.each([
    [
      'on GitHub',
      { ...forgejoEnv, FORGEJO_ACTIONS: undefined },
      "not a Forgejo run: the task list is Forgejo's API",
    ],
    ['without a token', { ...forgejoEnv, STATUS_CHECK_TOKEN: '' }, 'no token: the token input is empty'],
    [
      'with a server URL that is not http(s)',
      { ...forgejoEnv, GITHUB_SERVER_URL: 'file:///etc' },
      'GITHUB_SERVER_URL is not an http(s) URL',
    ],
  ])('asks nothing %s', async (_label, env, why) => {
    const { requests, fetchImpl } = server();
    const lookup = await lookUpLegs(env, ['tier1'], fetchImpl, 5);
    expect(lookup.legs).toBeUndefined();
    expect(lookup.note).toContain(`legs: not read (${why}`);
    expect(requests).toEqual([]);
  });
});

describe('status-check action.yml', () => {
  it('passes the token input (default: the job token) to the script through env, never on a command line', () => {
    const manifest = readFileSync(
      fileURLToPath(new URL('../../actions/status-check/action.yml', import.meta.url)),
      'utf8',
    );
    expect(manifest).toContain('  token:\n');
    expect(manifest).toContain("    default: '${{ github.token }}'\n");
    expect(manifest).toContain('        STATUS_CHECK_TOKEN: ${{ inputs.token }}\n');
    expect(manifest).toContain('      run: node "$GITHUB_ACTION_PATH/status-check.mjs"\n');
  });
});

describe('main with the legs', () => {
  it('prints every leg, names the failed legs in the error line, and never the token', () => {
    const lines: string[] = [];
    const code = main(
      {
        NEEDS_JSON: JSON.stringify({ prepare: ok, tier1: { result: 'failure', outputs: {} } }),
        STATUS_CHECK_TOKEN: 'tok-secret',
      },
      (line) => lines.push(line),
      {
        note: "legs: read from the server's task list (run 42)",
        legs: {
          prepare: [{ id: 1, name: 'prepare', status: 'success' }],
          tier1: [
            { id: 2, name: 'tier1 (lint)', status: 'success' },
            { id: 3, name: 'tier1 (typecheck)', status: 'failure' },
          ],
        },
      },
    );
    const out = lines.join('\n');
    expect(code).toBe(1);
    expect(out).toContain(
      "legs: read from the server's task list (run 42)\n| job | leg | status |\n| --- | --- | --- |\n| tier1 | tier1 (lint) | success |\n| tier1 | tier1 (typecheck) | failure |",
    );
    expect(out).toContain(
      '::error::status-check failed: tier1 (failed: tier1 (typecheck) failure (2 legs: 1 passed))',
    );
    expect(out).not.toContain('tok-secret');
  });

  it('says why the legs were not read, once', () => {
    const lines: string[] = [];
    main({ NEEDS_JSON: JSON.stringify({ unit: ok }) }, (line) => lines.push(line), {
      note: 'legs: not read (no token: the token input is empty)',
    });
    expect(lines.filter((line) => line.startsWith('legs: '))).toEqual([
      'legs: not read (no token: the token input is empty)',
    ]);
  });
});
