// Guarantee 1, the download fault matrix: every transient failure class is retried with backoff up to
// the attempts and the deadline; every permanent one fails at once, naming the URL (credentials
// stripped), the status and the next step. The mirror URL carries user:password@ on every row, and no
// row may show the password anywhere (log, outputs, summary, files).
//
// Single faults the integration tests already cover (503 twice, 429 with Retry-After in seconds, reset
// plus truncate, truncate exhausted, wrong bytes, a 404 on the checksum file) are not repeated here as
// such: the rows below add the classes they leave out, the exhaustion and deadline paths, credentials,
// and the same matrix through prepare-python's uv download.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createJob,
  repoRoot,
  runAction,
  spawnAction,
  type ActionResult,
  type Job,
  leftovers,
} from '../harness/runner';
import { startMirror, type Fault, type Mirror } from '../harness/mirror';
import { makeTarGz, sha256Hex } from '../harness/tarball';
import { mirrorTemplate, publishRelease, type PublishedRelease } from '../harness/fixtures';
import { toolsBin } from '../harness/cache-server';
import { needlesFor, scanResult, scanTree } from '../harness/scan';
import { forgedCommands } from '../harness/runner-commands';
import { TOOLCHAIN } from '@ci-kit/tools';
import {
  listTree,
  minimalPath,
  publishTiny,
  re,
  refusingPort,
  tinyInputs,
  withCredentials,
  type TinyRelease,
} from './fixtures';
import { tally } from './tally';

const fixture = path.join(repoRoot, 'test/fixtures/py-app');
const USER = 'ci-mirror-user';
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
/** Short timeouts through the documented env knobs, so a stall costs half a second, not 30. */
const FAST = { CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS: '0.5' };

let mirror: Mirror;
let tiny: TinyRelease;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

const base = () => withCredentials(mirror.url, USER, PASSWORD);
const redactedArchiveUrl = () => new RegExp(`http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+${re(tiny.urlPath)}`);

async function expectNoPassword(job: Job, ...results: ActionResult[]): Promise<void> {
  const needles = needlesFor([PASSWORD]);
  const leaks = [
    ...results.flatMap((r, i) => scanResult(r, needles, `run ${i + 1}`)),
    ...(await scanTree(job.root, needles)),
  ];
  tally.leaks += leaks.length;
  expect(leaks).toEqual([]);
}

beforeAll(async () => {
  mirror = await startMirror();
  tiny = await publishTiny(mirror);
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
});

describe('cached-tool: every transient failure is retried, then the install succeeds', () => {
  const rows: Array<[string, Fault[], RegExp]> = [
    ['500', [{ status: 500 }], /HTTP 500/],
    ['502', [{ status: 502 }], /HTTP 502/],
    ['503', [{ status: 503 }], /HTTP 503/],
    ['504', [{ status: 504 }], /HTTP 504/],
    ['408', [{ status: 408 }], /HTTP 408/],
    ['429 without Retry-After', [{ status: 429 }], /HTTP 429; retrying in \d+\.\d s$/],
    ['connection reset before any byte', [{ kind: 'refuse' }], /connection reset|connection closed early/],
    [
      'connection reset mid-body',
      [{ kind: 'reset' }],
      /connection reset|connection closed early|truncated body/,
    ],
    ['premature end of body', [{ kind: 'truncate' }], /truncated body/],
    ['stall mid-body past the idle timeout', [{ kind: 'stall' }], /no data for 0\.5 s \(stalled\)/],
    [
      'no answer at all past the idle timeout',
      [{ kind: 'delay', ms: 5000 }],
      /no data for 0\.5 s \(stalled\)/,
    ],
    [
      'three different faults in a row',
      [{ status: 503 }, { kind: 'reset' }, { status: 429 }],
      /HTTP 503|connection|truncated|HTTP 429/,
    ],
  ];

  it.each(rows)('%s', async (_name, faults, reason) => {
    mirror.script(tiny.urlPath, faults);
    tally.faults += faults.length;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256, { retries: String(faults.length + 1) }),
      env: FAST,
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toHaveLength(faults.length);
    result.warnings.forEach((warning, i) => {
      expect(warning).toMatch(
        new RegExp(
          `^download ${redactedArchiveUrl().source}: attempt ${i + 1}/${faults.length + 1} failed: `,
        ),
      );
      expect(warning).toMatch(reason);
    });
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(faults.length + 1);
    expect(result.outputs.source).toBe('download');
    const ran = spawnSync(path.join(result.outputs.path as string, 'mytool'), { encoding: 'utf8' });
    expect(ran.stdout.trim()).toBe('mytool 1.0.0');
    expect(forgedCommands(result.stdout)).toEqual([]);
    await expectNoPassword(job, result);
  });

  it('a slow host that keeps sending is not cut off (no retry, no warning)', async () => {
    mirror.script(tiny.urlPath, [{ kind: 'stall', ms: 300 }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      env: FAST,
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
  });

  it('connection refused, then the mirror comes back', async () => {
    const port = await refusingPort(Number(new URL(mirror.url).port));
    try {
      const job = await newJob();
      const running = await spawnAction(job, 'cached-tool', {
        inputs: tinyInputs(withCredentials(`http://127.0.0.1:${port.port}`, USER, PASSWORD), tiny.sha256, {
          retries: '4',
        }),
        env: FAST,
      });
      await running.waitForStdout(/attempt 1\/4 failed: connection refused/);
      tally.faults += 1;
      await port.open();
      const result = await running.result;
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.warnings[0]).toMatch(
        /^download http:\/\/\*\*\*@127\.0\.0\.1:\d+\/.*: attempt 1\/4 failed: connection refused; retrying in/,
      );
      expect(mirror.requestsFor(tiny.urlPath).length).toBeGreaterThanOrEqual(1);
      await expectNoPassword(job, result);
    } finally {
      await port.close();
    }
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const at = new Date(Date.now() + 2500).toUTCString();
    mirror.script(tiny.urlPath, [{ status: 429, retryAfter: at }]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      env: FAST,
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(/HTTP 429; retrying in \d\.\d s \(Retry-After\)$/),
    ]);
    const [limited, served] = mirror.requestsFor(tiny.urlPath);
    // HTTP dates have one-second resolution: the wait is at least the whole seconds left.
    expect((served?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('a stall mid-body past the per-attempt time limit (a trickle that never ends) is cut and retried', async () => {
    mirror.script(tiny.urlPath, [{ kind: 'stall', ms: 3000 }]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      // The body would finish after 3 s: the attempt limit (1 s) cuts it first.
      env: { CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS: '10', CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: '1' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([expect.stringMatching(/attempt 1\/3 failed: attempt timed out/)]);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(2);
  });
});

describe('cached-tool: transient failures that never stop end after the attempts or the deadline', () => {
  const hint =
    'the server or the network kept failing; retry the job, raise retries, or point url at a mirror';

  it.each([
    [
      'HTTP 503 on every attempt',
      () => base(),
      [{ status: 503 }, { status: 503 }] as Fault[],
      /HTTP 503 Service Unavailable/,
    ],
    [
      'a stall on every attempt',
      () => base(),
      [{ kind: 'stall' }, { kind: 'stall' }] as Fault[],
      /no data for 0\.5 s \(stalled\)/,
    ],
    [
      'DNS failure (a .invalid host)',
      () => `http://${USER}:${PASSWORD}@mirror.invalid`,
      [] as Fault[],
      /ENOTFOUND|DNS/,
    ],
    [
      'connection refused',
      () => `http://${USER}:${PASSWORD}@127.0.0.1:9`,
      [] as Fault[],
      /ECONNREFUSED|refused/,
    ],
  ])(
    '%s: gives up after 2 attempts, naming the URL without credentials',
    async (_name, url, faults, reason) => {
      mirror.script(tiny.urlPath, faults);
      tally.faults += Math.max(2, faults.length);
      const job = await newJob();
      const result = await runAction(job, 'cached-tool', {
        inputs: tinyInputs(url(), tiny.sha256, { retries: '2' }),
        env: FAST,
      });
      expect(result.exitCode).toBe(1);
      expect(result.warnings).toEqual([expect.stringMatching(/attempt 1\/2 failed: /)]);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors;
      expect(error).toMatch(/^could not download mytool-linux-x64\.tar\.gz from http:\/\/\*\*\*@/);
      expect(error).toMatch(reason);
      expect(error).toContain('(gave up after 2 attempts)');
      expect(error).toContain(hint);
      expect(listTree(job.toolCache)).toEqual([]);
      expect(leftovers(listTree(job.temp))).toEqual([]);
      await expectNoPassword(job, result);
    },
  );

  it('the deadline: a Retry-After that would run past it ends the retries at once', async () => {
    mirror.script(tiny.urlPath, [{ status: 503 }, { status: 429, retryAfter: '30' }]);
    tally.faults += 2;
    const job = await newJob();
    const started = Date.now();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256, { retries: '10' }),
      env: { ...FAST, CI_KIT_DOWNLOAD_DEADLINE_SECONDS: '5' },
    });
    expect(result.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /HTTP 429 Too Many Requests \(gave up after 2 attempts; the 5 s deadline leaves no time\)/,
      ),
    ]);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(2);
  });
});

describe('cached-tool: permanent failures fail at once, naming the URL, the status and the next step', () => {
  it.each([
    [404, /HTTP 404 Not Found; check that the version exists/],
    [403, /HTTP 403 Forbidden; check that the version exists/],
  ] as const)('HTTP %s: one request, one error line', async (status, message) => {
    mirror.script(tiny.urlPath, [{ status }]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      env: FAST,
    });
    expect(result.exitCode).toBe(1);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
    expect(result.warnings).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      new RegExp(`^could not download mytool-linux-x64\\.tar\\.gz from ${redactedArchiveUrl().source}: `),
    );
    expect(result.errors[0]).toMatch(message);
    expect(listTree(job.toolCache)).toEqual([]);
    await expectNoPassword(job, result);
  });

  it('checksum mismatch: one request, both digests, the URL and what to do', async () => {
    mirror.script(tiny.urlPath, [{ kind: 'wrong-bytes' }]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      env: FAST,
    });
    expect(result.exitCode).toBe(1);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error).toMatch(
      new RegExp(
        `^sha256 mismatch for mytool-linux-x64\\.tar\\.gz: expected ${tiny.sha256}, got [0-9a-f]{64}`,
      ),
    );
    expect(error).toMatch(redactedArchiveUrl());
    expect(error).toMatch(/sha256 input|pin/);
    expect(listTree(job.toolCache)).toEqual([]);
    expect(leftovers(listTree(job.temp))).toEqual([]);
    await expectNoPassword(job, result);
  });

  it('an archive without the expected binary: the URL, what is missing and what to check', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256, { binary: 'othertool' }),
      env: FAST,
    });
    tally.faults += 1;
    expect(result.exitCode).toBe(1);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('mytool-linux-x64.tar.gz does not contain tool-bin/othertool');
    expect(result.errors[0]).toMatch(redactedArchiveUrl());
    expect(result.errors[0]).toMatch(/archive-path|binary/);
    expect(listTree(job.toolCache)).toEqual([]);
    await expectNoPassword(job, result);
  });

  it('a named tool whose archive lacks the binary (kubeconform layout changed upstream)', async () => {
    const body = await makeTarGz([{ path: 'README.md', body: 'no binary here\n' }]);
    const file = 'kubeconform-linux-amd64.tar.gz';
    mirror.addFile(`/kc/v0.0.1/${file}`, body);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'kubeconform',
        version: '0.0.1',
        sha256: sha256Hex(body),
        'download-url': `${base()}/kc/v{version}/{file}`,
        cache: 'false',
      },
      env: FAST,
    });
    tally.faults += 1;
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining(`${file} does not contain kubeconform`)]);
    expect(result.errors[0]).toMatch(
      /http:\/\/\*\*\*@127\.0\.0\.1:\d+\/kc\/v0\.0\.1\/kubeconform-linux-amd64\.tar\.gz/,
    );
    await expectNoPassword(job, result);
  });
});

describe('prepare-python: the same guarantees on the uv download', () => {
  let uv: PublishedRelease;
  let noPython: string;
  const uvPath = () => `/astral-sh/uv/releases/download/${TOOLCHAIN.uv.version}/${uv.fileName}`;

  beforeAll(async () => {
    uv = await publishRelease(
      mirror,
      'uv',
      TOOLCHAIN.uv.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('uv'),
      {
        uvxPath: toolsBin('uvx'),
      },
    );
    const job = await createJob();
    jobs.push(job);
    noPython = await minimalPath(path.join(job.root, 'min-bin'));
  });

  const uvInputs = (extra: Record<string, string> = {}) => ({
    'nox-version': 'none',
    cache: 'false',
    'uv-download-url': withCredentials(mirrorTemplate('uv', mirror.url), USER, PASSWORD),
    'uv-sha256': uv.sha256,
    ...extra,
  });

  it.each([
    ['503', [{ status: 503 }] as Fault[]],
    ['stall mid-body', [{ kind: 'stall' }] as Fault[]],
    ['no answer', [{ kind: 'delay', ms: 5000 }] as Fault[]],
    ['429 Retry-After 1', [{ status: 429, retryAfter: '1' }] as Fault[]],
  ])(
    '%s: retried, then uv is installed',
    async (_name, faults) => {
      mirror.script(uvPath(), faults);
      tally.faults += faults.length;
      const job = await newJob();
      await cp(fixture, job.workspace, { recursive: true });
      const result = await runAction(job, 'prepare-python', {
        inputs: uvInputs(),
        env: { ...FAST, UV_OFFLINE: '1' },
      });
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.warnings).toEqual([
        expect.stringMatching(
          new RegExp(`^download http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+${re(uvPath())}: attempt 1/3 failed: `),
        ),
      ]);
      expect(result.outputs['uv-version']).toBe(TOOLCHAIN.uv.version);
      await expectNoPassword(job, result);
    },
    60_000,
  );

  it('404 with no pip to fall back on: fails at once naming the URL without credentials', async () => {
    mirror.script(uvPath(), [{ status: 404 }]);
    tally.faults += 1;
    const job = await newJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: uvInputs(),
      env: { ...FAST, PATH: noPython },
    });
    expect(result.exitCode).toBe(1);
    expect(mirror.requestsFor(uvPath())).toHaveLength(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^could not download ${re(uv.fileName)} from http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+${re(uvPath())}: HTTP 404 Not Found; check`,
        ),
      ),
    ]);
    await expectNoPassword(job, result);
  });
});

describe('the timeout knobs', () => {
  it.each([
    ['CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS', 'soon'],
    ['CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS', '-1'],
    ['CI_KIT_DOWNLOAD_DEADLINE_SECONDS', '0'],
  ])('%s=%s is one clear error naming the variable', async (name, value) => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(base(), tiny.sha256),
      env: { [name]: value },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining(`'${value}' is not valid for ${name}`)]);
    expect(result.stderr).toBe('');
    expect(mirror.requests).toEqual([]);
  });
});
