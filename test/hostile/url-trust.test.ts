// Issue 28, items 1 and 4, on the bundles run as a runner runs them: a URL is data, never a path and
// never a leak. A custom tool's file name comes from the URL's last segment, so a `..%2F` there must be
// refused before anything is written or removed; `%zz` is an error naming the input. Mirror credentials
// (`user:password@` in `url`, `download-url`, `uv-download-url`, CI_KIT_DOWNLOAD_MIRROR) go to that
// origin as `Authorization: Basic`, never to another one a redirect points at; a 401 says the mirror
// refused them; and no URL we print shows the password or a query-string token.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, leftovers, repoRoot, runAction, type ActionResult, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { mirrorTemplate, publishRelease, type PublishedRelease } from '../harness/fixtures';
import { toolsBin } from '../harness/cache-server';
import { needlesFor, scanResult, scanTree } from '../harness/scan';
import { TOOLCHAIN } from '@ci-kit/tools';
import { publishTiny, tinyInputs, withCredentials, type TinyRelease } from './fixtures';
import { tally } from './tally';

const USER = 'ci-mirror-user';
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

let mirror: Mirror;
/** Another origin (another port): where a redirect may send a download, and credentials must not go. */
let other: Mirror;
let tiny: TinyRelease;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

/** No secret in anything the step printed, output, exported, summarised, or left in its folders. */
async function expectNoneOf(secrets: string[], job: Job, ...results: ActionResult[]): Promise<void> {
  const needles = needlesFor(secrets);
  const leaks = [
    ...results.flatMap((r, i) => scanResult(r, needles, `run ${i + 1}`)),
    ...(await scanTree(job.root, needles)),
  ];
  tally.leaks += leaks.length;
  expect(leaks).toEqual([]);
}

beforeAll(async () => {
  mirror = await startMirror();
  other = await startMirror();
  tiny = await publishTiny(mirror);
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
  other.reset();
});

afterAll(async () => {
  await mirror?.stop();
  await other?.stop();
});

describe('item 1: a file name from a URL is a name, never a path', () => {
  // The job's root holds RUNNER_TEMP (temp/) and, beside it, a folder of someone else's.
  const plant = (job: Job) => {
    const victim = path.join(job.root, 'victim');
    mkdirSync(victim, { recursive: true });
    writeFileSync(path.join(victim, 'keep.txt'), 'not yours\n');
    writeFileSync(path.join(job.root, 'beside-temp.txt'), 'not yours either\n');
    return victim;
  };

  it.each([
    ['..%2F..%2F..%2Fvictim%2Fmytool.tar.gz', '../../../victim/mytool.tar.gz'],
    ['..%2F..%2F..%2Fmytool.tar.gz', '../../../mytool.tar.gz'],
    ['..%5C..%5Cmytool.tar.gz', '..\\..\\mytool.tar.gz'],
    ['%2E%2E%2F%2E%2E%2Fmytool.tar.gz', '../../mytool.tar.gz'],
    ['mytool%00.tar.gz', 'mytool\u0000.tar.gz'],
  ])(
    'a last segment %s is refused naming the input, and nothing outside RUNNER_TEMP is touched',
    async (segment, decoded) => {
      tally.hostileInputs++;
      const job = await newJob();
      const victim = plant(job);
      // Served, so that only our own check can stop it (the mirror decodes paths too).
      mirror.addFile(`/r/${decoded}`, tiny.body);
      const result = await runAction(job, 'cached-tool', {
        inputs: { ...tinyInputs(mirror.url, tiny.sha256), url: `${mirror.url}/r/${segment}` },
      });
      expect(result.exitCode).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/^url: /);
      expect(result.errors[0]).toContain('is not a file name');
      expect(result.errors[0]).not.toMatch(/URI malformed|at .*\.mjs/);
      expect(readdirSync(victim)).toEqual(['keep.txt']);
      expect(existsSync(path.join(job.root, 'beside-temp.txt'))).toBe(true);
      expect(existsSync(job.temp)).toBe(true);
      expect(leftovers(readdirSync(job.temp))).toEqual([]);
      expect(existsSync(path.join(job.root, 'mytool.tar.gz'))).toBe(false);
      expect(mirror.requests).toEqual([]);
    },
  );

  it('%zz in the URL is one error naming the input, not a bare "URI malformed"', async () => {
    tally.hostileInputs++;
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...tinyInputs(mirror.url, tiny.sha256), url: `${mirror.url}/r/mytool%zz.tar.gz` },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^url: the last segment 'mytool%zz\.tar\.gz' of 'http:\/\/127\.0\.0\.1:\d+\/r\/mytool%zz\.tar\.gz' is not valid percent-encoding/,
      ),
    ]);
    expect(mirror.requests).toEqual([]);
  });

  it('an ordinary encoded name (a space, a plus) still installs', async () => {
    const job = await newJob();
    mirror.addFile('/r/my tool+1.tar.gz', tiny.body);
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...tinyInputs(mirror.url, tiny.sha256), url: `${mirror.url}/r/my%20tool+1.tar.gz` },
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs.source).toBe('download');
  });
});

describe('item 4: mirror credentials are sent to their origin only, and never printed', () => {
  const auth = (match: string | RegExp) => mirror.requireBasicAuth(match, USER, PASSWORD);

  it('cached-tool url: user:password@ reaches an authenticated mirror as Authorization: Basic', async () => {
    auth(/^\/releases\//);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(withCredentials(mirror.url, USER, PASSWORD), tiny.sha256),
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs.source).toBe('download');
    expect(mirror.requestsFor(tiny.urlPath).map((r) => [r.status, r.authorization])).toEqual([[200, BASIC]]);
    await expectNoneOf([PASSWORD], job, result);
  });

  it('cached-tool download-url (a named tool): the same', async () => {
    const release: PublishedRelease = await publishRelease(
      mirror,
      'kubeconform',
      TOOLCHAIN.kubeconform.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('kubeconform'),
    );
    auth(new URL(release.archiveUrl).pathname);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'kubeconform',
        'download-url': withCredentials(mirrorTemplate('kubeconform', mirror.url), USER, PASSWORD),
        sha256: release.sha256,
        cache: 'false',
        retries: '1',
      },
    });
    expect(result.errors).toEqual([]);
    expect(mirror.requestsFor(new URL(release.archiveUrl).pathname).map((r) => r.status)).toEqual([200]);
    await expectNoneOf([PASSWORD], job, result);
  });

  it('prepare-python uv-download-url: the same', async () => {
    const uv = await publishRelease(
      mirror,
      'uv',
      TOOLCHAIN.uv.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('uv'),
      { uvxPath: toolsBin('uvx') },
    );
    const uvPath = new URL(uv.archiveUrl).pathname;
    auth(uvPath);
    const job = await newJob();
    await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        'nox-version': 'none',
        cache: 'false',
        'uv-download-url': withCredentials(mirrorTemplate('uv', mirror.url), USER, PASSWORD),
        'uv-sha256': uv.sha256,
      },
      env: { UV_OFFLINE: '1' },
    });
    expect(mirror.requestsFor(uvPath).map((r) => [r.status, r.authorization])).toEqual([[200, BASIC]]);
    expect(result.errors).toEqual([]);
    await expectNoneOf([PASSWORD], job, result);
  });

  it('CI_KIT_DOWNLOAD_MIRROR (setup-prewarmed-runner): the credentials reach the mirror', async () => {
    // The bundle pins upstream digests, which a locally built archive cannot match: the step fails on
    // the checksum, which it only reaches with the bytes the authenticated mirror gave it.
    const release = await publishRelease(
      mirror,
      'kubeconform',
      TOOLCHAIN.kubeconform.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('kubeconform'),
    );
    const archivePath = new URL(release.archiveUrl).pathname;
    auth(archivePath);
    const job = await newJob();
    const result = await runAction(job, 'setup-prewarmed-runner', {
      inputs: { tools: 'kubeconform', 'install-missing': 'true', strict: 'false' },
      env: {
        CI_KIT_DOWNLOAD_MIRROR: withCredentials(mirror.url, USER, PASSWORD),
        CI_KIT_IMAGE_MANIFEST: path.join(job.root, 'no-manifest-here.json'),
        ACTIONS_CACHE_URL: undefined,
        PATH: '/usr/bin:/bin',
      },
    });
    expect(mirror.requestsFor(archivePath).map((r) => [r.status, r.authorization])).toEqual([[200, BASIC]]);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/HTTP 401/);
    await expectNoneOf([PASSWORD], job, result);
  });

  it('wrong credentials: one request, and a 401 hint that names the input holding them', async () => {
    auth(/^\/releases\//);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(withCredentials(mirror.url, USER, 'not-the-password'), tiny.sha256),
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^could not download .* from http:\/\/\*\*\*@127\.0\.0\.1:\d+\/releases\/.*: HTTP 401; the mirror refused the credentials in url/,
      ),
    ]);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
    await expectNoneOf(['not-the-password'], job, result);
  });

  it('no credentials at all: the 401 hint says how to give them', async () => {
    auth(/^\/releases\//);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: tinyInputs(mirror.url, tiny.sha256) });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(/HTTP 401; the mirror asks for credentials: put them in url/);
  });

  it('a redirect to another origin gets the file without the credentials; one on the same origin keeps them', async () => {
    // Same origin: /releases/... -> /moved/... (relative Location), both behind the password.
    auth(/^\/(releases|moved)\//);
    mirror.addFile(`/moved/${tiny.fileName}`, tiny.body);
    mirror.redirect(tiny.urlPath, `../../moved/${tiny.fileName}`);
    const job = await newJob();
    const same = await runAction(job, 'cached-tool', {
      inputs: tinyInputs(withCredentials(mirror.url, USER, PASSWORD), tiny.sha256),
    });
    expect(same.errors).toEqual([]);
    expect(mirror.requests.map((r) => [r.path, r.status, r.authorization])).toEqual([
      [tiny.urlPath, 302, BASIC],
      [`/moved/${tiny.fileName}`, 200, BASIC],
    ]);

    // Another origin (a CDN behind the mirror): the file comes, the password does not go there.
    mirror.reset();
    auth(/^\/releases\//);
    other.addFile(`/cdn/${tiny.fileName}`, tiny.body);
    mirror.redirect(tiny.urlPath, `${other.url}/cdn/${tiny.fileName}?X-Amz-Signature=sig-${PASSWORD}`);
    const second = await newJob();
    const cross = await runAction(second, 'cached-tool', {
      inputs: tinyInputs(withCredentials(mirror.url, USER, PASSWORD), tiny.sha256),
    });
    expect(cross.errors).toEqual([]);
    expect(mirror.requests.map((r) => [r.status, r.authorization])).toEqual([[302, BASIC]]);
    expect(other.requests.map((r) => [r.path, r.status, r.authorization])).toEqual([
      [`/cdn/${tiny.fileName}`, 200, undefined],
    ]);
    await expectNoneOf([PASSWORD], second, cross);
  });

  it('an input refused before any work (an unknown placeholder) names the URL without the password', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'helm',
        'download-url': `${withCredentials(mirror.url, USER, PASSWORD)}/{nope}/{file}?token=${PASSWORD}`,
      },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^download-url: unknown placeholder \{nope\} in 'http:\/\/\*\*\*@127\.0\.0\.1:\d+\/\{nope\}\/\{file\}\?token=\*\*\*'/,
      ),
    ]);
    await expectNoneOf([PASSWORD], job, result);
  });

  it('a redirect to file:// is refused: a mirror cannot make us read a file of the runner', async () => {
    tally.hostileInputs++;
    mirror.redirect(tiny.urlPath, 'file:///etc/hostname');
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: tinyInputs(mirror.url, tiny.sha256) });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/redirected from http: to file:\/\/\/etc\/hostname; refused/),
    ]);
    expect(mirror.requestsFor(tiny.urlPath)).toHaveLength(1);
  });

  it('query-string tokens are printed as *** in every warning and error', async () => {
    const secrets = {
      token: `t-${randomBytes(6).toString('hex')}`,
      access_token: `a-${randomBytes(6).toString('hex')}`,
      'X-Amz-Signature': `s-${randomBytes(6).toString('hex')}`,
      'X-Amz-Credential': `c-${randomBytes(6).toString('hex')}`,
      sig: `g-${randomBytes(6).toString('hex')}`,
    };
    const query = new URLSearchParams({ ...secrets, 'X-Amz-Expires': '600' }).toString();
    mirror.script(tiny.urlPath, [{ status: 503 }, { status: 404 }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...tinyInputs(mirror.url, tiny.sha256), url: `${mirror.url}${tiny.urlPath}?${query}` },
    });
    expect(result.exitCode).toBe(1);
    expect(result.warnings).toEqual([expect.stringContaining('token=***&access_token=***')]);
    expect(result.errors).toEqual([
      expect.stringContaining(
        `${tiny.urlPath}?token=***&access_token=***&X-Amz-Signature=***&X-Amz-Credential=***&sig=***&X-Amz-Expires=600`,
      ),
    ]);
    await expectNoneOf(Object.values(secrets), job, result);
  });
});
