import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateNeeds, formatTable, main, parseNames } from '../../actions/status-check/status-check.mjs';

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
