// Guarantee 8: every input of every action, fed an empty value, whitespace, the wrong type, a value out
// of range or an unknown enum value, fails the step before any work with exactly one error line that
// names the input (and what it accepts), and no stack trace anywhere. An empty or blank optional input
// means its default, which is checked too (it must not fail).
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, repoRoot, runAction, type ActionResult } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { toolsBin } from '../harness/cache-server';
import { runComposite } from '../harness/composite';
import { pool, publishTiny, tinyInputs, type TinyRelease } from './fixtures';
import { tally } from './tally';

let mirror: Mirror;
let tiny: TinyRelease;

beforeAll(async () => {
  mirror = await startMirror();
  tiny = await publishTiny(mirror);
});

afterAll(async () => {
  await mirror?.stop();
});

/** input -> values that must be refused naming that input. */
type Bad = Record<string, string[]>;

const BOOLEAN = ['', '   ', 'yes', '1', 'on', 'ture', 'true false'];
const ATTEMPTS = ['', '  ', 'three', '0', '21', '-1', '1.5', '1e1', '0x3', '4 '.repeat(3)];
const SHA = ['abc', 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `${'a'.repeat(64)}\n`.repeat(2)];

const STACK = /\n\s+at .+[(:]\d+/;

function expectOneClearError(result: ActionResult, input: string, value: string): void {
  const context = { input, value: value.slice(0, 80), stdout: result.stdout.slice(-1500) };
  expect({ ...context, exit: result.exitCode }).toEqual({ ...context, exit: 1 });
  expect({ ...context, errors: result.errors.length }).toEqual({ ...context, errors: 1 });
  const [error = ''] = result.errors;
  const names = new RegExp(`'${input}'|^${input}:|\\b${input}\\b`);
  expect({ ...context, error, namesInput: names.test(error) }).toEqual({
    ...context,
    error,
    namesInput: true,
  });
  // What is accepted: "Valid values are ...", "use ...", "required (...)".
  expect({ ...context, error, says: /Valid values are|use |required|without|inside/.test(error) }).toEqual({
    ...context,
    error,
    says: true,
  });
  expect({ ...context, stack: STACK.test(result.stdout) || STACK.test(result.stderr) }).toEqual({
    ...context,
    stack: false,
  });
  expect({ ...context, stderr: result.stderr }).toEqual({ ...context, stderr: '' });
}

async function refuseAll(
  action: string,
  base: Record<string, string>,
  bad: Bad,
  opts: { env?: Record<string, string>; path?: string[]; project?: boolean } = {},
): Promise<void> {
  const cases = Object.entries(bad).flatMap(([input, values]) =>
    values.map((value) => [input, value] as const),
  );
  await pool(
    4,
    cases.map(([input, value]) => async () => {
      const job = await createJob();
      try {
        if (opts.project)
          await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
        const before = mirror.requests.length;
        const result = await runAction(job, action, {
          inputs: { ...base, [input]: value },
          ...(opts.env ? { env: opts.env } : {}),
          ...(opts.path ? { path: opts.path } : {}),
        });
        tally.hostileInputs += 1;
        expectOneClearError(result, input, value);
        // Refused before any work: nothing was downloaded.
        expect({ input, value, requests: mirror.requests.length - before }).toEqual({
          input,
          value,
          requests: 0,
        });
      } finally {
        await job.cleanup();
      }
    }),
  );
}

describe('cached-tool', () => {
  const base = () => tinyInputs(mirror.url, tiny.sha256, { retries: '1' });

  it('refuses every bad value with one line naming the input', async () => {
    await refuseAll('cached-tool', base(), {
      tool: ['', '   ', 'kubectl', 'HELM', 'helm kubeconform', '1'],
      version: ['', '  ', 'latest', '3.x', '1.2', '1.2.3.4', '>=1.0.0', 'v'],
      sha256: SHA,
      url: ['', '  ', 'not a url', 'ftp://host/{file}', 'http://host/{nope}'],
      'archive-path': ['../x', 'a/../../b', '..'],
      binary: ['', '   ', 'a/b', '.hidden', '../mytool', 'my tool'],
      retries: ATTEMPTS,
      cache: BOOLEAN,
      verify: BOOLEAN,
    });
    await refuseAll(
      'cached-tool',
      { tool: 'helm', cache: 'false' },
      { 'download-url': ['not a url', 'ftp://host/{file}', 'http://host/{nope}', 'mailto:x@{version}'] },
    );
  }, 90_000);

  it('an empty or blank optional input means its default', async () => {
    const job = await createJob();
    try {
      const result = await runAction(job, 'cached-tool', {
        inputs: { ...base(), 'download-url': '  ', 'archive-path': ' tool-bin ' },
      });
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
    } finally {
      await job.cleanup();
    }
  });
});

describe('prepare-python', () => {
  const warm = { path: [path.dirname(toolsBin('uv'))], env: { UV_OFFLINE: '1' }, project: true };

  it('refuses every bad value with one line naming the input', async () => {
    await refuseAll(
      'prepare-python',
      { 'nox-version': 'none', cache: 'false' },
      {
        'uv-version': ['latest', '0.8', '0.8.x', ' v ', '>=0.8.0'],
        'nox-version': ['latest', '2026', '2026.x', 'None', 'nox==2026.10.20'],
        'python-version': ['latest', '3.12; rm -rf /', '3.12 3.13', '>=3.12', '../python'],
        'working-directory': ['..', '../x', 'a/../../b', '/'],
        install: ['', '  ', 'pip', 'SYNC', 'sync system', 'true'],
        cache: BOOLEAN,
        'cache-suffix': ['a b', 'a/b', 'a,b', 'ü', 'x'.repeat(10) + '\n' + 'y'],
        retries: ATTEMPTS,
        'uv-download-url': ['not a url', 'ftp://host/{file}', 'http://host/{nope}'],
        'uv-sha256': SHA,
      },
      warm,
    );
  }, 90_000);

  it('an empty or blank optional input means its default', async () => {
    const job = await createJob();
    try {
      await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
      const result = await runAction(job, 'prepare-python', {
        inputs: {
          'uv-version': ' ',
          'nox-version': 'none',
          'python-version': '',
          'working-directory': '  ',
          'cache-suffix': '',
          'uv-download-url': '',
          'uv-sha256': ' ',
          cache: 'false',
        },
        ...warm,
      });
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
    } finally {
      await job.cleanup();
    }
  });
});

describe('secret-guard', () => {
  it('refuses every bad value with one line naming the input', async () => {
    await refuseAll(
      'secret-guard',
      { secrets: 'A_SECRET' },
      {
        secrets: ['', '   ', '\n,\n', '1ABC', 'A-B', 'A.B', '$A', 'A=B', 'ü'],
        require: ['', ' ', 'some', 'ALL', 'all any', 'none'],
        'on-missing': ['', ' ', 'error', 'FAIL', 'skip'],
      },
      { env: { A_SECRET: 'x' } },
    );
  });
});

describe('status-check (composite)', () => {
  it.each([
    ['needs', ''],
    ['needs', '   '],
    ['needs', 'not json'],
    ['needs', '[]'],
    ['needs', '{}'],
    ['needs', '"success"'],
    ['needs', 'null'],
  ])('%s=%j: one error line naming NEEDS_JSON / needs', async (_input, value) => {
    const job = await createJob();
    try {
      const result = await runComposite(job, 'status-check', { inputs: { needs: value } });
      tally.hostileInputs += 1;
      const step = result.steps[0];
      expect(result.exitCode).toBe(1);
      expect(step?.errors).toHaveLength(1);
      expect(step?.errors[0]).toMatch(/NEEDS_JSON|needs/);
      expect(STACK.test(result.stdout + result.stderr)).toBe(false);
    } finally {
      await job.cleanup();
    }
  });
});
