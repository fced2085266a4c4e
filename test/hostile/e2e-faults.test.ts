// Guarantee 9: the download-fault and cache-down guarantees hold through the real runner on the real
// Forgejo server (a registered forgejo-runner daemon in host mode; test/harness/driver.ts), with the
// actions resolved as remote actions at a tag from that server. Checked: each job's outcome, each step's
// annotations as the server's log shows them, and every job's whole log (no password), the step outputs
// the runner accepted and the folders our actions put on PATH.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pathToFileURL } from 'node:url';
import { cacheKey } from '@ci-kit/cache';
import { TOOLCHAIN } from '@ci-kit/tools';
import { repoRoot } from '../harness/runner';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { startStack, type Stack } from '../harness/stack';
import { withCredentials } from './fixtures';
import { tally } from './tally';

const workflow = path.join(repoRoot, 'test/hostile/workflows/faults.yml');
const PASSWORD = `e2e-pw-${randomBytes(10).toString('hex')}`;
let stack: Stack;
let project: string;
let run: WorkflowRun;
let runnerDir: string;

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  project = await stack.newProject('hostile-project', [path.join(repoRoot, 'test/fixtures/py-app')]);
  const kubeconform = new URL(stack.releases.kubeconform.archiveUrl).pathname;
  stack.mirror.script(kubeconform, [
    { status: 503 },
    { kind: 'reset' },
    { status: 429, retryAfter: '1' },
    { kind: 'stall' },
  ]);
  tally.faults += 4 + 1 + 3;
  run = await runWorkflow({
    workflow,
    project,
    runnerDir: (runnerDir = await stack.newRunner('hostile')),
    vars: {
      ...stack.vars,
      MIRROR_WITH_PASSWORD: withCredentials(stack.mirror.url, 'ci', PASSWORD),
      DEAD_CACHE_URL: 'http://127.0.0.1:9/0123456789abcdef0123456789abcdef/',
      HELM_VERSION: TOOLCHAIN.helm.version,
      // What cached-tool restores helm's archive under (install.ts), and the version @actions/cache
      // asks for (the one relative path `payload`, zstd): the poisoned-remote-entry job saves there.
      POISON_KEY: cacheKey(
        'ci-kit-tool',
        'helm',
        TOOLCHAIN.helm.version,
        'linux',
        'x64',
        stack.releases.helm.sha256,
      ),
      CACHE_VERSION: (
        (await import(
          pathToFileURL(path.join(repoRoot, 'node_modules/@actions/cache/lib/internal/cacheUtils.js')).href
        )) as { getCacheVersion(paths: string[], method: string): string }
      ).getCacheVersion(['payload'], 'zstd-without-long'),
    },
    env: stack.env,
    concurrentJobs: 2,
    timeoutMs: 240_000,
  });
}, 300_000);

afterAll(async () => {
  if (run) await removeRun(run);
  await stack?.stop();
});

describe('download faults through the real runner', () => {
  it('transient faults: retried with one warning each, then installed and on PATH', () => {
    expect(run.job('transient').result).toBe('success');
    const step = run.step('transient', 'tool');
    expect(step.outcome).toBe('success');
    const warnings = step.annotations.filter((a) => a.startsWith('warning: '));
    expect(warnings).toEqual([
      expect.stringMatching(/attempt 1\/6 failed: HTTP 503; retrying/),
      expect.stringMatching(/attempt 2\/6 failed: (connection reset|connection closed early|truncated body)/),
      expect.stringMatching(/attempt 3\/6 failed: HTTP 429; retrying in 1\.0 s \(Retry-After\)/),
      expect.stringMatching(/attempt 4\/6 failed: no data for 1 s \(stalled\)/),
    ]);
    for (const warning of warnings) expect(warning).toContain('http://***@127.0.0.1:');
    expect(run.values['transient.env']).toMatchObject({
      source: 'download',
      says: `v${TOOLCHAIN.kubeconform.version}`,
    });
  });

  it('a permanent fault (404): the job fails at once, the error names the URL without the password', () => {
    expect(run.job('permanent').result).toBe('failure');
    const step = run.step('permanent', 'tool');
    expect(step.outcome).toBe('failure');
    const errors = step.annotations.filter((a) => a.startsWith('error: '));
    expect(errors).toEqual([
      expect.stringMatching(
        /^error: could not download helm-v3\.99\.0-linux-amd64\.tar\.gz from http:\/\/\*\*\*@127\.0\.0\.1:\d+\/helm\/helm-v3\.99\.0-linux-amd64\.tar\.gz: HTTP 404 Not Found; check that the version exists/,
      ),
    ]);
    expect(step.annotations.filter((a) => a.startsWith('warning: '))).toEqual([]);
    expect(stack.mirror.requestsFor('/helm/helm-v3.99.0-linux-amd64.tar.gz')).toHaveLength(1);
    expect(run.values['permanent.env']).toBeUndefined();
  });
});

describe('the cache service down, through the real runner', () => {
  it('cached-tool and prepare-python (main and post) stay green with one warning each', () => {
    expect(run.job('cache-down').result).toBe('success');
    const tool = run.step('cache-down', 'tool');
    expect(tool.outcome).toBe('success');
    expect(tool.annotations).toEqual([
      expect.stringMatching(/^warning: cache restore failed, continuing without cache: /),
    ]);
    const main = run.step('cache-down', 'python');
    expect(main.outcome).toBe('success');
    expect(main.annotations).toEqual([
      expect.stringMatching(/^warning: cache restore failed, continuing without cache: /),
    ]);
    const post = run.step('cache-down', 'python', 'Post');
    expect(post.outcome).toBe('success');
    // Post learns from main that the service is down: no second wait on it, no second warning.
    expect(post.annotations).toEqual([]);
    expect(post.output.join('\n')).toContain('not saved (the cache service did not answer the restore');
    expect(run.values['cache-down.env']).toMatchObject({
      'helm-source': 'download',
      'cache-hit': 'false',
      tinylib: 'hello from tinylib',
    });
  });
});

describe('a poisoned tool-cache entry, through the real runner', () => {
  it('the next cached-tool step warns once, naming the entry, and installs the pinned helm afresh', () => {
    expect(run.job('poisoned-tool-cache').result).toBe('success');
    const step = run.step('poisoned-tool-cache', 'tool');
    expect(step.outcome).toBe('success');
    expect(step.annotations).toEqual([
      expect.stringMatching(
        /^warning: tool cache entry \S+\/helm\/[\d.]+\/\S+ is not the pinned helm [\d.]+: linux-amd64\/helm has sha256 [0-9a-f]{64}, the pinned archive holds [0-9a-f]{64}; not used, replaced by a fresh verified install$/,
      ),
    ]);
    expect(run.values['poisoned-tool-cache.env']).toMatchObject({ source: 'download' });
    expect(run.values['poisoned-tool-cache.env']?.says).not.toContain('poisoned');
  });
});

describe('a poisoned remote cache entry, through the real runner', () => {
  it('cached-tool refuses it before anything of it is written, warns once and downloads', () => {
    expect(run.job('poisoned-remote-entry').result).toBe('success');
    expect(run.values['poisoned-remote-entry.env']?.planted).toMatch(/^\d+$/);
    const step = run.step('poisoned-remote-entry', 'tool');
    expect(step.outcome).toBe('success');
    expect(step.annotations).toEqual([
      expect.stringMatching(
        /^warning: cache entry \S+ refused, continuing without it: it holds \S*planted-by-cache-entry \(an absolute name\); nothing from it was used$/,
      ),
    ]);
    expect(run.values['poisoned-remote-entry.env']).toMatchObject({ source: 'download' });
    // The absolute name aimed at E2E_OUT: nothing was written there.
    expect(run.values['planted-by-cache-entry']).toBeUndefined();
  });
});

describe("the server's job logs", () => {
  it('hold no password, accept only well-formed outputs, put only runner folders on PATH, and only the expected error', () => {
    // Every line of every job's log as the server keeps it (a Forgejo user reads the same).
    const printed = run.entries.map((e) => e.msg);
    expect(printed.length).toBeGreaterThan(20);
    expect(
      printed.filter((line) => line.includes(PASSWORD) || line.includes(encodeURIComponent(PASSWORD))),
    ).toEqual([]);
    // The step outputs the runner accepted (the steps context of every job).
    const steps = run.jobs.flatMap((job) => job.steps.filter((step) => step.stage === 'Main'));
    const outputs = steps.flatMap((step) => Object.keys(step.outputs));
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.filter((name) => !/^[a-z0-9-]+$/.test(name))).toEqual([]);
    // What cached-tool put on PATH (its `path` output, the folder it adds) only points into this runner
    // host's folders. (The server's log does not show GITHUB_PATH additions as act's JSON log did.)
    const paths = steps.map((step) => step.outputs.path).filter((dir): dir is string => !!dir);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((dir) => !dir.startsWith(`${runnerDir}/`))).toEqual([]);
    expect(run.errors()).toEqual([expect.stringMatching(/permanent.*could not download helm-v3\.99\.0/)]);
  });
});
