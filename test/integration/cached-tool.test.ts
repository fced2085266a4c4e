// cached-tool as users meet it: the bundled action run the way the runner runs it, against a
// loopback mirror that serves helm and kubeconform (built from their Go modules) in the upstream
// file names, layouts and checksum formats, and against the real v1 cache server.
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, runAction, type Job, leftovers } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { mirrorTemplate, publishRelease, writeReleaseDir, type PublishedRelease } from '../harness/fixtures';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';

const linux = { os: 'linux' as const, arch: 'x64' as const };
/** The tool-cache slot of this machine's tools: arch, os and C library (tool-cache.ts entrySlot). */
const SLOT = 'x64-linux-glibc';
const HELM = '3.16.4';
const KUBECONFORM = '0.7.0';

let mirror: Mirror;
let cacheServer: CacheServer;
let helm: PublishedRelease;
const jobs: Job[] = [];

async function newJob(...args: Parameters<typeof createJob>): Promise<Job> {
  const job = await createJob(...args);
  jobs.push(job);
  return job;
}

/** Inputs for helm from the mirror, pinned to the locally built archive as an internal build would be. */
const helmInputs = (extra: Record<string, string> = {}) => ({
  tool: 'helm',
  version: HELM,
  sha256: helm.sha256,
  'download-url': mirrorTemplate('helm', mirror.url),
  cache: 'false',
  ...extra,
});

/** Requests and faults are matched on the whole path; assets are named by their file name. */
const at = (file: string) => new RegExp(`/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const cacheEnv = () => ({ ACTIONS_CACHE_URL: cacheServer.url, ACTIONS_RUNTIME_TOKEN: 'test-token' });
const toolCacheEntries = (job: Job, tool: string) =>
  existsSync(path.join(job.toolCache, tool))
    ? readdirSync(path.join(job.toolCache, tool), { recursive: true })
    : [];

beforeAll(async () => {
  mirror = await startMirror();
  cacheServer = await startCacheServer();
  helm = await publishRelease(mirror, 'helm', HELM, linux, toolsBin('helm'));
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
  await cacheServer?.stop();
});

describe('install from the real archive layouts', () => {
  it('installs helm, puts it on PATH, and the binary runs; the second run takes the tool cache', async () => {
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ version: HELM, sha256: helm.sha256, source: 'download' });
    expect(first.path).toEqual([first.outputs.path]);
    expect(first.outputs.path).toBe(path.join(job.toolCache, 'helm', HELM, SLOT, 'linux-amd64'));
    expect(existsSync(path.join(job.toolCache, 'helm', HELM, `${SLOT}.complete`))).toBe(true);
    const version = spawnSync(path.join(first.outputs.path as string, 'helm'), ['version', '--short'], {
      encoding: 'utf8',
    });
    expect(version.stdout).toContain(`v${HELM}`);
    expect(first.summary).toContain('<td>helm</td><td>3.16.4</td><td>download</td>');

    const second = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({
      source: 'tool-cache',
      sha256: helm.sha256,
      path: first.outputs.path,
    });
    expect(mirror.requestsFor(at(helm.fileName))).toHaveLength(1);
  });

  it('installs kubeconform verified against the published CHECKSUMS when nothing pins its digest', async () => {
    // 0.7.1 is not in toolchain.json, so the digest must come from the release's CHECKSUMS file.
    const release = await publishRelease(mirror, 'kubeconform', '0.7.1', linux, toolsBin('kubeconform'));
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'kubeconform',
        version: '0.7.1',
        'download-url': mirrorTemplate('kubeconform', mirror.url),
        cache: 'false',
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ source: 'download', sha256: release.sha256 });
    expect(mirror.requestsFor(at('CHECKSUMS'))).toHaveLength(1);
    const run = spawnSync(path.join(result.outputs.path as string, 'kubeconform'), ['-v'], {
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toContain('v0.7.0'); // the binary built from the 0.7.0 module
  });

  it("takes helm's digest from its .sha256sum file when the version is not pinned", async () => {
    const release = await publishRelease(mirror, 'helm', '3.17.0', linux, toolsBin('helm'));
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'helm',
        version: '3.17.0',
        'download-url': mirrorTemplate('helm', mirror.url),
        cache: 'false',
      },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.sha256).toBe(release.sha256);
    expect(mirror.requestsFor(at(`${release.fileName}.sha256sum`))).toHaveLength(1);
  });

  it('enforces the digest pinned in toolchain.json: a local build of helm 3.16.4 is refused', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { tool: 'helm', 'download-url': mirrorTemplate('helm', mirror.url), cache: 'false' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^sha256 mismatch for ${helm.fileName}: expected fc307327959aa38ed8f9f7e66d45492bb022a66c3e5da6063958254b9767d179, got ${helm.sha256} \\(downloaded from http://127\\.0\\.0\\.1:\\d+/helm/${helm.fileName}\\); `,
        ),
      ),
    ]);
    expect(toolCacheEntries(job, 'helm')).toEqual([]);
  });
});

describe('the remote cache', () => {
  it('restores on a fresh runner (other tool cache, temp and workspace) without touching the mirror', async () => {
    const saver = await newJob();
    const saved = await runAction(saver, 'cached-tool', {
      inputs: helmInputs({ cache: 'true' }),
      env: cacheEnv(),
    });
    expect(saved.exitCode).toBe(0);
    expect(saved.outputs.source).toBe('download');
    expect(saved.warnings).toEqual([]);

    mirror.reset();
    const fresh = await newJob();
    expect(fresh.toolCache).not.toBe(saver.toolCache);
    const restored = await runAction(fresh, 'cached-tool', {
      inputs: helmInputs({ cache: 'true' }),
      env: cacheEnv(),
    });
    expect(restored.exitCode).toBe(0);
    expect(restored.outputs).toMatchObject({ source: 'remote-cache', sha256: helm.sha256 });
    expect(mirror.requests).toEqual([]);
    const version = spawnSync(path.join(restored.outputs.path as string, 'helm'), ['version', '--short'], {
      encoding: 'utf8',
    });
    expect(version.stdout).toContain(`v${HELM}`);
  });

  it('goes on with a warning when the cache service answers 500', async () => {
    await cacheServer.setFailStatus(500);
    try {
      const job = await newJob();
      const result = await runAction(job, 'cached-tool', {
        inputs: helmInputs({ cache: 'true' }),
        env: cacheEnv(),
      });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.source).toBe('download');
      expect(result.errors).toEqual([]);
      expect(result.warnings.length).toBeGreaterThanOrEqual(1);
      expect(result.warnings.every((w) => /^cache (restore|save) failed/.test(w))).toBe(true);
    } finally {
      await cacheServer.setFailStatus(0);
    }
  });
});

describe('save-cache: the one save policy (packages/cache/src/save-policy.ts)', () => {
  it('auto does not save on issue_comment or pull_request_target; always does; never does not; a bad value is one error', async () => {
    // A cache server of its own: what these runs save must not warm the other tests' keys.
    const server = await startCacheServer();
    try {
      const env = (event: string) => ({
        ACTIONS_CACHE_URL: server.url,
        ACTIONS_RUNTIME_TOKEN: 'test-token',
        GITHUB_EVENT_NAME: event,
        GITHUB_REF: 'refs/heads/main',
      });
      const fresh = async (event: string, saveCache?: string) =>
        runAction(await newJob(), 'cached-tool', {
          inputs: helmInputs({ cache: 'true', ...(saveCache ? { 'save-cache': saveCache } : {}) }),
          env: env(event),
        });
      for (const event of ['issue_comment', 'pull_request_target']) {
        const run = await fresh(event);
        expect(run.errors).toEqual([]);
        expect(run.outputs.source).toBe('download');
        expect(run.stdout).toContain(`remote cache save skipped: save-cache: auto does not save on ${event}`);
      }
      const never = await fresh('push', 'never');
      expect(never.stdout).toContain('remote cache save skipped: save-cache: never');
      // Nothing was saved: a fresh runner downloads again.
      expect((await fresh('push', 'never')).outputs.source).toBe('download');
      // always saves even on issue_comment, and the next fresh runner restores it.
      const always = await fresh('issue_comment', 'always');
      expect(always.stdout).not.toContain('remote cache save skipped');
      expect((await fresh('push')).outputs.source).toBe('remote-cache');

      const bad = await fresh('push', 'sometimes');
      expect(bad.exitCode).toBe(1);
      expect(bad.errors).toEqual([
        "The value 'sometimes' is not valid for 'save-cache'. Valid values are: auto, always, never",
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe('faults on the download', () => {
  it('an HTML page served with 200 for a pinned file is retried once, then named as a login or captive page', async () => {
    // Once: a portal that lets the next request through.
    mirror.script(at(helm.fileName), [{ kind: 'html' }]);
    const once = await runAction(await newJob(), 'cached-tool', { inputs: helmInputs() });
    expect(once.errors).toEqual([]);
    expect(once.outputs).toMatchObject({ source: 'download', sha256: helm.sha256 });
    expect(once.warnings).toEqual([
      expect.stringMatching(/attempt 1\/\d+ failed: an HTML page \(text\/html\) instead of the file/),
    ]);
    expect(mirror.requestsFor(at(helm.fileName))).toHaveLength(2);

    // Always: one retry, then an error that says what the page is, not "update the pinned sha256".
    mirror.reset();
    mirror.script(at(helm.fileName), [
      { kind: 'html' },
      { kind: 'html' },
      { kind: 'html' },
      { kind: 'html' },
    ]);
    const always = await runAction(await newJob(), 'cached-tool', { inputs: helmInputs({ retries: '6' }) });
    expect(always.exitCode).toBe(1);
    expect(mirror.requestsFor(at(helm.fileName))).toHaveLength(2);
    expect(always.errors).toHaveLength(1);
    expect(always.errors[0]).toMatch(
      new RegExp(
        `^could not download ${helm.fileName.replace(/\./g, '\\.')} from http://127\\.0\\.0\\.1:\\d+/.*: the server sent an HTML page \\(text/html\\) instead of the file, twice: a login page, a captive portal or a proxy's error page; check that the runner can reach download-url without signing in`,
      ),
    );
    expect(always.errors[0]).not.toContain('update the pinned sha256');
  });

  it('retries 503, 503 and succeeds, logging each retry', async () => {
    mirror.script(at(helm.fileName), [{ status: 503 }, { status: 503 }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(/attempt 1\/6 failed: HTTP 503; retrying in/),
      expect.stringMatching(/attempt 2\/6 failed: HTTP 503; retrying in/),
    ]);
    expect(mirror.requestsFor(at(helm.fileName)).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('waits what 429 Retry-After asks', async () => {
    mirror.script(at(helm.fileName), [{ status: 429, retryAfter: '2' }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([expect.stringMatching(/HTTP 429; retrying in 2\.0 s \(Retry-After\)/)]);
    const [limited, served] = mirror.requestsFor(at(helm.fileName));
    expect((served?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('retries a connection reset and a truncated body', async () => {
    mirror.script(at(helm.fileName), [{ kind: 'reset' }, { kind: 'truncate' }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[1]).toContain('truncated body');
  });

  it('fails on a truncated body when no attempt is left, and leaves nothing in the tool cache', async () => {
    mirror.script(at(helm.fileName), [{ kind: 'truncate' }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: helmInputs({ retries: '1' }) });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /could not download helm-v3\.16\.4-linux-amd64\.tar\.gz from http:\/\/127\.0\.0\.1:\d+\/helm\/.*: body ended after \d+ of \d+ bytes/,
    );
    expect(toolCacheEntries(job, 'helm')).toEqual([]);
    expect(leftovers(readdirSync(job.temp))).toEqual([]);
  });

  it('never retries or accepts wrong bytes: fails naming both digests, leaves nothing behind', async () => {
    mirror.script(at(helm.fileName), [{ kind: 'wrong-bytes' }]);
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs: helmInputs() });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^sha256 mismatch for ${helm.fileName}: expected ${helm.sha256}, got [0-9a-f]{64} \\(downloaded from `,
        ),
      ),
    ]);
    expect(mirror.requestsFor(at(helm.fileName))).toHaveLength(1);
    expect(toolCacheEntries(job, 'helm')).toEqual([]);
    expect(leftovers(readdirSync(job.temp))).toEqual([]);
  });

  it('fails at once on 404 with the URL and the next step', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: helmInputs({ version: '3.99.0', sha256: '' }),
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(
      /could not download .*sha256sum from http:\/\/127\.0\.0\.1:\d+\/helm\/helm-v3\.99\.0-linux-amd64\.tar\.gz\.sha256sum: HTTP 404 Not Found; check that the version exists/,
    );
    expect(result.warnings).toEqual([]);
  });
});

describe('inputs', () => {
  it.each([
    [
      { tool: 'kubectl' },
      "The value 'kubectl' is not valid for 'tool'. Valid values are: helm, kubeconform, uv, custom",
    ],
    [
      { tool: 'helm', version: '3.x' },
      "version: '3.x' is not a valid version; use an exact version such as 3.16.4",
    ],
    [
      { tool: 'helm', 'download-url': 'ftp://mirror/{file}' },
      "download-url: scheme 'ftp:' of 'ftp://mirror/x' is not supported; use http://, https:// or file://",
    ],
  ])('%j fails with one clear line', async (inputs, message) => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', { inputs });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([message]);
    expect(mirror.requests).toEqual([]);
  });
});

describe('air-gapped runners', () => {
  it('installs from a file:// mirror folder with no network at all', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-file-mirror-'));
    try {
      const release = await writeReleaseDir(dir, 'kubeconform', KUBECONFORM, linux, toolsBin('kubeconform'));
      const job = await newJob();
      const result = await runAction(job, 'cached-tool', {
        inputs: {
          tool: 'kubeconform',
          sha256: release.sha256,
          'download-url': `${pathToFileURL(dir).href}/yannh/kubeconform/releases/download/v{version}/{file}`,
          cache: 'false',
        },
        // No proxy, no resolvable host: anything that tried the network would fail.
        env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' },
      });
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ source: 'download', sha256: release.sha256 });
      expect(existsSync(path.join(result.outputs.path as string, 'kubeconform'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('custom tools', () => {
  it('installs a binary from an archive folder given by archive-path', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'custom',
        version: HELM,
        url: `${mirror.url}/helm/helm-v{version}-linux-amd64.tar.gz`,
        'archive-path': 'linux-amd64',
        binary: 'helm',
        sha256: helm.sha256,
        cache: 'false',
      },
    });
    expect(result.exitCode).toBe(0);
    // A custom tool's slot also names its source (a hash of the URL template).
    expect(path.relative(job.toolCache, result.outputs.path as string)).toMatch(
      new RegExp(`^helm/${HELM.replace(/\./g, '\\.')}/${SLOT}-src[0-9a-f]{8}/linux-amd64$`),
    );
  });

  it('names the missing binary when the archive layout differs', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: {
        tool: 'custom',
        version: HELM,
        url: `${mirror.url}/helm/helm-v{version}-linux-amd64.tar.gz`,
        binary: 'helm',
        sha256: helm.sha256,
        cache: 'false',
      },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain('helm-v3.16.4-linux-amd64.tar.gz does not contain helm');
    expect(toolCacheEntries(job, 'helm')).toEqual([]);
  });
});
