// setup-prewarmed-runner (composite: bootstrap.sh, then the node step) under hostile conditions, both
// steps rendered from action.yml and run as the runner runs them (test/harness/composite.ts): hostile
// and invalid input values (guarantees 6 and 8), secrets in the job's env (5), and download faults on
// its install path (1). The jobs ask only for tools this machine has or that come from the loopback
// mirror, so nothing here reaches apt or the internet.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { createJob, repoRoot, type Job } from '../harness/runner';
import { runComposite, type CompositeResult } from '../harness/composite';
import { startMirror, type Mirror } from '../harness/mirror';
import { publishRelease } from '../harness/fixtures';
import { toolsBin } from '../harness/cache-server';
import { injectionValues, NOT_SECRET_LINES, secretValues } from '../harness/hostile-values';
import { forgedCommands } from '../harness/runner-commands';
import { needlesFor, scanText, scanTree } from '../harness/scan';
import { pool, withCredentials } from './fixtures';
import { tally } from './tally';

const ACTION = 'setup-prewarmed-runner';
const OUTPUTS = ['prewarmed', 'installed', 'missing', 'image-version', 'telemetry'];
const STACK = /\n\s+at .+[(:]\d+/;
let mirror: Mirror;
let sandbox: string;
let canary: string;

beforeAll(async () => {
  mirror = await startMirror();
  sandbox = await mkdtemp(path.join(tmpdir(), 'ci-kit-spr-'));
  canary = path.join(sandbox, 'pwned');
});

afterAll(async () => {
  await mirror?.stop();
  await rm(sandbox, { recursive: true, force: true });
});

const present = !existsSync(path.join(repoRoot, 'actions', ACTION, 'action.yml')) ? describe.skip : describe;

/** The system tools only: this machine has them, so a valid run installs nothing. */
const SYSTEM = { tools: 'node git curl tar' };

async function composite(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<{ job: Job; result: CompositeResult }> {
  const job = await createJob();
  const result = await runComposite(job, ACTION, {
    inputs,
    env: { CI_KIT_IMAGE_MANIFEST: path.join(sandbox, 'no-manifest.json'), ...env },
    timeoutMs: 60_000,
  });
  return { job, result };
}

function expectContained(result: CompositeResult, label: string): void {
  const context = { label, stdout: result.stdout.slice(-1500) };
  expect({ ...context, canary: existsSync(canary) }).toEqual({ ...context, canary: false });
  expect({ ...context, forged: existsSync('/tmp/forged') }).toEqual({ ...context, forged: false });
  expect({ ...context, commands: forgedCommands(result.stdout) }).toEqual({ ...context, commands: [] });
  for (const [name, value] of Object.entries(result.outputs)) {
    expect({ ...context, name, known: OUTPUTS.includes(name), lines: value.split('\n').length }).toEqual({
      ...context,
      name,
      known: true,
      lines: 1,
    });
  }
  for (const step of result.steps) {
    expect({ ...context, step: step.id, problems: step.problems }).toEqual({
      ...context,
      step: step.id,
      problems: [],
    });
    expect({
      ...context,
      step: step.id,
      path: step.path.filter((p) => !p.startsWith('/tmp/ci-kit-job-')),
    }).toEqual({
      ...context,
      step: step.id,
      path: [],
    });
    expect({ ...context, step: step.id, env: Object.keys(step.env) }).toEqual({
      ...context,
      step: step.id,
      env: [],
    });
  }
  expect({ ...context, stack: STACK.test(result.stdout + result.stderr) }).toEqual({
    ...context,
    stack: false,
  });
  const errors = result.steps.flatMap((s) => s.errors);
  if (result.exitCode !== 0) expect({ ...context, errors: errors.length }).toEqual({ ...context, errors: 1 });
}

present('setup-prewarmed-runner', () => {
  it('a valid run on this machine (control): nothing missing, no error', async () => {
    const { job, result } = await composite(SYSTEM);
    try {
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ missing: '', installed: '' });
      expectContained(result, 'control');
    } finally {
      await job.cleanup();
    }
  });

  /** Runs every input with each of `values`; returns the failed checks (all of them, not just the first). */
  async function hostileMatrix(values: Array<[string, string]>): Promise<string[]> {
    const cases = ['tools', 'install-missing', 'strict', 'apt-retries'].flatMap((input) =>
      values.map(([kind, value]) => [input, kind, value] as const),
    );
    const failures: string[] = [];
    await pool(
      4,
      cases.map(([input, kind, value]) => async () => {
        const { job, result } = await composite({ ...SYSTEM, [input]: value });
        try {
          tally.hostileInputs += 1;
          expectContained(result, `${input}=${kind}`);
          // Nothing that starts a command or names a file is a valid value of any of these inputs.
          expect({ input, kind, exit: result.exitCode }).toEqual({ input, kind, exit: 1 });
        } catch (error) {
          failures.push((error as Error).message.split('\n').slice(0, 14).join('\n'));
        } finally {
          await job.cleanup();
        }
      }),
    );
    return failures;
  }
  const all = () => Object.entries(injectionValues(canary)).filter(([kind]) => kind !== 'long');
  const multiLine = ([, value]: [string, string]) => /[\r\n]/.test(value);

  it('every input, every single-line hostile value: nothing runs, nothing is forged', async () => {
    expect(await hostileMatrix(all().filter((entry) => !multiLine(entry)))).toEqual([]);
  }, 120_000);

  // bootstrap.sh's fail() once printed bad input values as they were: a newline in one started a line
  // the runner read as a workflow command of its own (::set-output, ::add-path::, ::save-state).
  it('every input, every multi-line hostile value: nothing forged (bootstrap.sh fail())', async () => {
    expect(await hostileMatrix(all().filter(multiLine))).toEqual([]);
  }, 120_000);

  it('every bad value (empty, blank, wrong type, out of range, unknown) is one error line naming the input', async () => {
    const bad: Record<string, string[]> = {
      tools: ['python', 'node,python', 'NODE', 'node git docker'],
      'install-missing': ['', '  ', 'yes', '1', 'ture', ' on '],
      strict: ['', '  ', 'no', '0', 'truefalse'],
      'apt-retries': ['-1', '21', 'five', '1.5', '99999999999999999999'],
    };
    const cases = Object.entries(bad).flatMap(([input, values]) =>
      values.map((value) => [input, value] as const),
    );
    await pool(
      4,
      cases.map(([input, value]) => async () => {
        const { job, result } = await composite({ ...SYSTEM, [input]: value });
        try {
          tally.hostileInputs += 1;
          const errors = result.steps.flatMap((s) => s.errors);
          const context = { input, value, stdout: result.stdout.slice(-800) };
          expect({ ...context, exit: result.exitCode, errors: errors.length }).toEqual({
            ...context,
            exit: 1,
            errors: 1,
          });
          expect({ ...context, names: errors[0]?.includes(`'${input}'`) }).toEqual({
            ...context,
            names: true,
          });
          expect({ ...context, stack: STACK.test(result.stdout + result.stderr) }).toEqual({
            ...context,
            stack: false,
          });
        } finally {
          await job.cleanup();
        }
      }),
    );
  }, 60_000);

  it('an empty apt-retries means its default', async () => {
    const { job, result } = await composite({ ...SYSTEM, 'apt-retries': '' });
    try {
      expect({ exit: result.exitCode, errors: result.steps.flatMap((s) => s.errors) }).toEqual({
        exit: 0,
        errors: [],
      });
    } finally {
      await job.cleanup();
    }
  });

  it('secrets in the job env never show in its output, outputs, summaries or files', async () => {
    const values = secretValues(canary);
    tally.hostileInputs += Object.keys(values).length;
    const { job, result } = await composite({ ...SYSTEM, strict: 'false' }, values);
    try {
      expect(result.exitCode).toBe(0);
      const needles = needlesFor(Object.values(values), NOT_SECRET_LINES);
      const texts = [
        result.stdout,
        result.stderr,
        JSON.stringify(result.outputs),
        ...result.steps.map((s) => s.summary),
      ];
      const leaks = [
        ...texts.flatMap((text, i) => scanText(`text ${i}`, text, needles)),
        ...(await scanTree(job.root, needles)),
      ];
      tally.leaks += leaks.length;
      expect(leaks).toEqual([]);
      expect(existsSync(canary)).toBe(false);
    } finally {
      await job.cleanup();
    }
  });

  it('a download fault on its install path is retried; a checksum mismatch names the URL without the password', async () => {
    // The real bundle pins upstream digests, which our locally built archive cannot match: the install
    // path fails for good on the checksum, after retrying the transient fault before it.
    const password = `spr-${randomBytes(8).toString('hex')}`;
    const release = await publishRelease(
      mirror,
      'kubeconform',
      TOOLCHAIN.kubeconform.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('kubeconform'),
    );
    const archivePath = new URL(release.archiveUrl).pathname;
    mirror.script(archivePath, [{ status: 503 }]);
    tally.faults += 2;
    const { job, result } = await composite(
      { tools: 'node kubeconform' },
      { CI_KIT_DOWNLOAD_MIRROR: withCredentials(mirror.url, 'ci', password), PATH: `/usr/bin:/bin` },
    );
    try {
      expect(result.exitCode).toBe(1);
      const check = result.steps.find((s) => s.id === 'check');
      expect(check?.warnings).toEqual([
        expect.stringMatching(/attempt 1\/6 failed: HTTP 503; retrying/),
        expect.stringMatching(
          /^could not install kubeconform: sha256 mismatch for kubeconform-linux-amd64\.tar\.gz: .*\(downloaded from http:\/\/\*\*\*@127\.0\.0\.1:\d+\//,
        ),
      ]);
      expect(check?.errors).toHaveLength(1);
      expect(check?.errors[0]).toMatch(/kubeconform/);
      expect(result.stdout).not.toContain(password);
      expect(mirror.requestsFor(archivePath)).toHaveLength(2);
    } finally {
      await job.cleanup();
    }
  });
});
