// secret-guard as the runner runs it: the bundle (npm run build) in a fresh env, secrets in the step's env,
// event payloads on disk. The leak scan reads back every byte the step wrote.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createJob,
  repoRoot,
  runAction,
  type ActionResult,
  type Job,
  type RunOptions,
} from '../harness/runner';
import * as events from '../fixtures/pull-request-events';
import { secretValues } from '../harness/hostile-values';

const jobs: Job[] = [];
let lastJob: Job;

async function guard(opts: RunOptions): Promise<ActionResult> {
  lastJob = await createJob();
  jobs.push(lastJob);
  return withoutTelemetry(await runAction(lastJob, 'secret-guard', opts));
}

/** Every run sets its telemetry (docs/telemetry.md): checked here once, then left out of what tests compare. */
function withoutTelemetry(result: ActionResult): ActionResult {
  const telemetry = JSON.parse(result.outputs.telemetry ?? '{}') as {
    v?: number;
    steps?: Array<{ action: string }>;
  };
  expect([telemetry.v, telemetry.steps?.at(-1)?.action]).toEqual([1, 'secret-guard']);
  delete result.outputs.telemetry;
  return result;
}

beforeAll(() => {
  if (!existsSync(path.join(repoRoot, 'dist/secret-guard/main.mjs'))) {
    throw new Error('dist/secret-guard/main.mjs is missing: run `npm run build` first');
  }
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

const OUTPUT_NAMES = ['available', 'fork', 'missing', 'mode', 'present', 'reason'];

describe('secret-guard (bundled)', () => {
  it('is online when every secret is present', async () => {
    const result = await guard({
      inputs: { secrets: 'OPENAI_API_KEY ANTHROPIC_API_KEY' },
      env: { OPENAI_API_KEY: 'sk-one', ANTHROPIC_API_KEY: 'sk-two' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.problems).toEqual([]);
    expect(result.outputs).toEqual({
      mode: 'online',
      available: 'true',
      present: 'OPENAI_API_KEY,ANTHROPIC_API_KEY',
      missing: '',
      fork: 'false',
      reason: 'all-present',
    });
    expect(result.masks).toEqual(['sk-one', 'sk-two']);
    expect(result.summary).toContain(
      '<tr><td>OPENAI_API_KEY</td><td>yes</td></tr><tr><td>ANTHROPIC_API_KEY</td><td>yes</td></tr>',
    );
    expect(result.summary).toContain('Mode **online** (require: all, reason: `all-present`)');
  });

  it('is offline with missing-secrets when one is missing', async () => {
    const result = await guard({ inputs: { secrets: 'A, B' }, env: { A: 'value-a' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      mode: 'offline',
      available: 'false',
      present: 'A',
      missing: 'B',
      reason: 'missing-secrets',
    });
    expect(result.stdout).toContain(
      "B: missing: not in this step's environment (pass it in the step's env: as B: ${{ secrets.B }})",
    );
    expect(result.summary).toContain('<tr><td>B</td><td>no</td></tr>');
  });

  it('counts empty and whitespace-only values as missing, and masks no whitespace', async () => {
    const result = await guard({
      inputs: { secrets: 'EMPTY BLANK REAL' },
      env: { EMPTY: '', BLANK: ' \t\n  ', REAL: 'r' },
    });
    expect(result.outputs).toMatchObject({
      mode: 'offline',
      present: 'REAL',
      missing: 'EMPTY,BLANK',
      reason: 'missing-secrets',
    });
    expect(result.masks).toEqual(['r']);
    expect(result.stdout).toContain(
      'EMPTY: missing: empty (not configured in the repository/organization settings, or empty)',
    );
    expect(result.stdout).toContain('BLANK: missing: whitespace only');
  });

  it('masks a multi-line JSON secret whole and by its lines, never its braces or short punctuation lines', async () => {
    // A service-account key pasted as a secret: registering `{` or `}` would turn every brace in the rest
    // of the job's log into ***.
    const key = [
      '{',
      '  "type": "service_account",',
      '  "private_key_id": "0123456789abcdef",',
      '  "nested": {',
      '    "a": 1',
      '  },',
      '  "k": [',
      '  ]',
      '}',
    ].join('\n');
    const result = await guard({ inputs: { secrets: 'SA_KEY SHORT' }, env: { SA_KEY: key, SHORT: 'ab' } });
    expect(result.outputs).toMatchObject({ mode: 'online', present: 'SA_KEY,SHORT' });
    expect(result.masks).toContain(key);
    expect(result.masks).toContain('"private_key_id": "0123456789abcdef",');
    expect(result.masks).toContain('  "type": "service_account",');
    expect(result.masks).toContain('"a": 1');
    // A short value is still masked whole: it is the secret.
    expect(result.masks).toContain('ab');
    for (const inert of ['{', '}', '},', ']', '  },', '  ]']) expect(result.masks).not.toContain(inert);
  });

  it('with require: any is online when one is present', async () => {
    const result = await guard({ inputs: { secrets: 'A B', require: 'any' }, env: { B: 'b' } });
    expect(result.outputs).toMatchObject({
      mode: 'online',
      available: 'true',
      present: 'B',
      missing: 'A',
      reason: 'missing-secrets',
    });
    const none = await guard({ inputs: { secrets: 'A B', require: 'any' }, env: {} });
    expect(none.outputs).toMatchObject({ mode: 'offline', available: 'false', present: '', missing: 'A,B' });
  });

  it.each([
    [
      'Forgejo',
      'forgejo',
      events.forgejoForkPullRequest,
      'head repository alice/example-project differs from base ops/example-project',
    ],
    ['Forgejo AGit-flow', 'forgejo', events.forgejoAgitPullRequest, 'AGit-flow pull request'],
    [
      'Forgejo v16 AGit (flow 1, head.label set)',
      'forgejo',
      events.forgejoV16AgitPullRequest,
      'AGit pull request (pull_request.flow: 1, pushed to refs/for/<branch>/<topic>), treated as a fork',
    ],
    [
      'GitHub',
      'github',
      events.githubForkPullRequest,
      'head repository alice/example-project differs from base ops/example-project',
    ],
    [
      'GitHub deleted-fork',
      'github',
      events.githubDeletedFork,
      'the head repository of the pull request no longer exists (a deleted fork)',
    ],
  ] as const)('takes the offline path on a %s fork pull request', async (_label, runner, payload, why) => {
    const result = await guard({
      runner,
      inputs: { secrets: 'OPENAI_API_KEY ANTHROPIC_API_KEY' },
      // What `${{ secrets.X }}` gives a fork pull request: an empty string.
      env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' },
      event: { name: 'pull_request', payload },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({
      mode: 'offline',
      available: 'false',
      present: '',
      missing: 'OPENAI_API_KEY,ANTHROPIC_API_KEY',
      fork: 'true',
      reason: 'fork-pull-request',
    });
    expect(result.stdout).toContain(`Event: ${why}`);
    expect(result.stdout).toContain(
      'OPENAI_API_KEY: missing: empty (secrets are not given to pull requests from forks)',
    );
    expect(result.summary).toContain('Mode **offline** (require: all, reason: `fork-pull-request`)');
  });

  it.each([
    ['Forgejo', events.forgejoSameRepoPullRequest],
    ['GitHub', events.githubSameRepoPullRequest],
  ])('does not take a %s same-repository pull request for a fork', async (_label, payload) => {
    const result = await guard({
      inputs: { secrets: 'A' },
      env: { A: '' },
      event: { name: 'pull_request', payload },
    });
    expect(result.outputs).toMatchObject({ mode: 'offline', fork: 'false', reason: 'missing-secrets' });
    expect(result.stdout).toContain('Event: pull request within ops/example-project');
  });

  it('handles a push event', async () => {
    const result = await guard({
      inputs: { secrets: 'A' },
      env: { A: 'a' },
      event: { name: 'push', payload: events.pushEvent },
    });
    expect(result.outputs).toMatchObject({ mode: 'online', fork: 'false', reason: 'all-present' });
    expect(result.stdout).toContain('Event: not a pull request event (push)');
  });

  it('survives a missing event payload file', async () => {
    const result = await guard({
      inputs: { secrets: 'A' },
      env: { A: 'a', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/nonexistent/event.json' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ mode: 'online', fork: 'false' });
  });

  it('reports a name listed twice once', async () => {
    const result = await guard({ inputs: { secrets: 'A\nB,A A' }, env: { A: 'a', B: 'b' } });
    expect(result.outputs).toMatchObject({ present: 'A,B', missing: '' });
    expect(result.stdout).toContain('A is listed more than once; checked once');
    expect(result.summary.match(/<td>A<\/td>/g)).toHaveLength(1);
  });

  it('with on-missing: fail fails the step naming the missing secrets and how to pass them', async () => {
    const result = await guard({
      inputs: { secrets: 'A B C', 'on-missing': 'fail' },
      env: { A: 'a', B: '' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'Missing secrets (unset, empty or whitespace only): B, C. Each must be configured in the repository/organization ' +
        'settings (an unconfigured secret reads as empty) and passed to this step through env:. ' +
        "Not in this step's environment: C; pass each in the step's env:, e.g. C: ${{ secrets.C }}.",
    ]);
    // The outputs are still there for `if: failure()` steps.
    expect(result.outputs).toMatchObject({ mode: 'offline', missing: 'B,C' });
  });

  it('with on-missing: fail on a fork pull request names the fork as the cause', async () => {
    const result = await guard({
      inputs: { secrets: 'A', 'on-missing': 'fail' },
      env: { A: '' },
      event: { name: 'pull_request', payload: events.forgejoForkPullRequest },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'Missing secrets: A. This run is a pull request from a fork, and secrets are not given to pull requests ' +
        'from forks; use on-missing: offline to take the offline path on such runs.',
    ]);
  });

  it.each([
    [
      { secrets: 'GOOD bad-name' },
      "The value 'bad-name' is not valid for 'secrets'. Valid values are: environment variable names",
    ],
    [{ secrets: '9LIVES' }, "The value '9LIVES' is not valid for 'secrets'"],
    [
      // Present in every Forgejo job (the job token), fork pull requests included: never guardable.
      { secrets: 'A FORGEJO_TOKEN' },
      "The value 'FORGEJO_TOKEN' is not valid for 'secrets'. Valid values are: names of secrets you configure; Forgejo reserves FORGEJO_TOKEN for the automatic job token",
    ],
    [{ secrets: '' }, 'secrets: required'],
    [
      { secrets: 'A', require: 'most' },
      "The value 'most' is not valid for 'require'. Valid values are: all, any",
    ],
    [
      { secrets: 'A', 'on-missing': 'ignore' },
      "The value 'ignore' is not valid for 'on-missing'. Valid values are: offline, fail",
    ],
  ])('fails on bad inputs %j with one line, before reading any value', async (inputs, message) => {
    const result = await guard({ inputs, env: { A: 'never-read-value', GOOD: 'never-read-value' } });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(message);
    expect(result.masks).toEqual([]);
    expect(result.outputs).toEqual({});
    expect(result.stdout).not.toContain('never-read-value');
  });
});

/** Every file under dir, raw: the command files, the summary, anything else the step left behind. */
async function readTree(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await readTree(full)));
    else if (entry.isFile()) out.push({ file: full, text: await readFile(full, 'utf8') });
  }
  return out;
}

describe('secret-guard leak scan', () => {
  const token = (label: string): string => `${label}-${randomBytes(12).toString('hex')}`;

  it('never shows a value (nor any line of one) in stdout, stderr, outputs, env, state, path or summary', async () => {
    const job = await createJob();
    jobs.push(job);
    const pwned = path.join(job.temp, 'pwned');
    // The shared hard-to-mask values, plus two aimed at this action's outputs and HTML summary.
    const secrets: Record<string, string> = {
      ...secretValues(pwned),
      SECRET_INJECT_OUTPUT: `${token('inject')}\nmode=online\navailable=true\nforged=1`,
      SECRET_HTML: `<img src=x onerror=alert(1)>|${token('pipe')}|</td>`,
    };
    const names = [...Object.keys(secrets), 'SECRET_NOT_SET'];
    const result = await runAction(job, 'secret-guard', {
      inputs: { secrets: names.join('\n') },
      env: secrets,
      event: { name: 'pull_request', payload: events.forgejoForkPullRequest },
    });

    expect(result.exitCode).toBe(0);
    expect(result.problems).toEqual([]);

    // 1. The injection attempts forged nothing: SECRET_NOT_SET keeps the run offline, and only the six
    //    declared outputs exist, with the values the action computed (and its telemetry, which holds
    //    no value: the scan below reads it too).
    expect(Object.keys(result.outputs).sort()).toEqual([...OUTPUT_NAMES, 'telemetry']);
    expect(withoutTelemetry({ ...result, outputs: { ...result.outputs } }).outputs).toEqual({
      mode: 'offline',
      available: 'false',
      present: Object.keys(secrets).join(','),
      missing: 'SECRET_NOT_SET',
      fork: 'true',
      reason: 'fork-pull-request',
    });
    expect(result.env).toEqual({});
    expect(result.state).toEqual({});
    expect(result.path).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(existsSync(pwned)).toBe(false);

    // 2. add-mask comes first, before any other line, and registers each value and each line of one.
    const lines = result.stdout.split('\n');
    const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    expect(firstOther).toBeGreaterThan(0);
    expect(lines.slice(firstOther).some((line) => line.startsWith('::add-mask::'))).toBe(false);
    expect(result.masks.length).toBe(firstOther);
    const needles = new Set<string>();
    for (const value of Object.values(secrets)) {
      expect(result.masks).toContain(value);
      needles.add(value);
      for (const line of value.split(/\r\n|\r|\n/)) {
        // Lines too short or only punctuation to be secret are not masked on their own (masks.ts).
        if (line.trim().length < 4 || !/[^\p{P}\p{S}\p{Z}\s]/u.test(line)) {
          expect(result.masks).not.toContain(line.trim());
          continue;
        }
        expect(result.masks).toContain(line);
        expect(result.masks).toContain(line.trim());
        needles.add(line);
        needles.add(line.trim());
      }
    }
    // The fixed armour lines of the key are masked too (per line), but are not secret on their own:
    // they are not searched for below so the scan stays meaningful.
    needles.delete('-----BEGIN OPENSSH PRIVATE KEY-----');
    needles.delete('-----END OPENSSH PRIVATE KEY-----');
    needles.delete('mode=online');
    needles.delete('available=true');
    needles.delete('forged=1');
    needles.delete('online');
    needles.delete('EOF');
    needles.delete('mode<<EOF');
    needles.delete('ghadelimiter_x');

    // 3. The scan: everything printed after the add-mask block, and every file the job holds, raw.
    const printed = lines.slice(firstOther).join('\n');
    const files = await readTree(job.root);
    const commandFiles = files.filter((f) => /\/steps\/[^/]+\/(output|env|path|state|summary)$/.test(f.file));
    expect(commandFiles.map((f) => path.basename(f.file)).sort()).toEqual([
      'env',
      'output',
      'path',
      'state',
      'summary',
    ]);
    const haystacks = [
      { where: 'stdout (after add-mask)', text: printed },
      { where: 'stderr', text: result.stderr },
      ...files.map((f) => ({ where: path.relative(job.root, f.file), text: f.text })),
    ];
    const leaks: string[] = [];
    for (const { where, text } of haystacks) {
      for (const needle of needles) {
        if (text.includes(needle)) leaks.push(`${where}: ${JSON.stringify(needle.slice(0, 40))}`);
      }
    }
    expect(leaks).toEqual([]);
    // Nothing stray either: the injection lines did not reach the output file as lines of their own.
    const outputFile = commandFiles.find((f) => f.file.endsWith('/output'))?.text ?? '';
    expect(outputFile.split('\n')).not.toContain('mode=online');
    expect(outputFile.split('\n')).not.toContain('forged=1');
  });
});
