// helm-deps as users meet it: the bundled action run the way the runner runs it, on a real chart whose
// Chart.lock was made by helm against a loopback chart repository (real archives made by `helm package`
// and an index.yaml by `helm repo index`, served by the fault-injecting mirror), and the signed Forgejo
// cache stack. Cold, warm, a changed lock, a flaky repository, and bytes that are not the index's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, runAction, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { sha256Hex } from '../harness/tarball';

let mirror: Mirror;
let cacheServer: CacheServer;
let sandbox: string;
/** The app chart with Chart.lock pinning lib 1.0.0 (charts/ removed: what a checkout has). */
let app: string;
/** The same app with a second dependency, lib2 0.2.0: another Chart.lock. */
let appTwo: string;
const jobs: Job[] = [];

const helm = toolsBin('helm');
const helmEnv = () => ({
  HELM_CACHE_HOME: path.join(sandbox, 'helm-cache'),
  HELM_CONFIG_HOME: path.join(sandbox, 'helm-config'),
  HELM_DATA_HOME: path.join(sandbox, 'helm-data'),
});
// Asynchronous: the mirror answers from this process, so a blocking call would starve it.
const runHelm = (args: string[]) =>
  promisify(execFile)(helm, args, { env: { ...process.env, ...helmEnv() } });

/** A library chart of its own name and version, packaged by helm into the repository folder. */
async function packageChart(repo: string, name: string, version: string): Promise<void> {
  const dir = path.join(sandbox, 'src', name);
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  writeFileSync(
    path.join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\ntype: library\n`,
  );
  writeFileSync(
    path.join(dir, 'templates', '_helpers.tpl'),
    `{{- define "${name}.name" -}}${name}{{- end -}}\n`,
  );
  await runHelm(['package', dir, '--destination', repo]);
}

/** An application chart depending on `deps`, locked by `helm dependency update` against the repository. */
async function lockedApp(name: string, deps: Array<[string, string]>): Promise<string> {
  const dir = path.join(sandbox, name, 'app');
  mkdirSync(path.join(dir, 'templates'), { recursive: true });
  const list = deps
    .map(
      ([dep, version]) => `  - name: ${dep}\n    version: ${version}\n    repository: ${mirror.url}/charts`,
    )
    .join('\n');
  writeFileSync(
    path.join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n${list}\n`,
  );
  writeFileSync(
    path.join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
  );
  await runHelm(['dependency', 'update', dir]);
  rmSync(path.join(dir, 'charts'), { recursive: true, force: true });
  return dir;
}

async function jobWith(chart: string): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  await cp(chart, path.join(job.workspace, 'app'), { recursive: true });
  return job;
}

const runDeps = (job: Job, inputs: Record<string, string> = {}) =>
  runAction(job, 'helm-deps', {
    inputs: { chart: 'app', retries: '4', ...inputs },
    env: {
      ...helmEnv(),
      ACTIONS_CACHE_URL: cacheServer.url,
      ACTIONS_RUNTIME_TOKEN: 'test-token',
      PATH: `${path.dirname(helm)}:/usr/bin:/bin`,
    },
    path: [],
  });
const archives = (job: Job) => readdirSync(path.join(job.workspace, 'app', 'charts')).sort();
const chartRequests = () => mirror.requests.filter((r) => r.path.startsWith('/charts/'));

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(tmpdir(), 'ci-kit-helm-deps-'));
  mirror = await startMirror();
  cacheServer = await startCacheServer();
  const repo = path.join(sandbox, 'repo');
  mkdirSync(repo);
  await packageChart(repo, 'lib', '1.0.0');
  await packageChart(repo, 'lib2', '0.2.0');
  await runHelm(['repo', 'index', repo, '--url', `${mirror.url}/charts`]);
  mirror.addDir(repo, '/charts');
  app = await lockedApp('one', [['lib', '1.0.0']]);
  appTwo = await lockedApp('two', [
    ['lib', '1.0.0'],
    ['lib2', '0.2.0'],
  ]);
  mirror.reset();
}, 60_000);

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
  await cacheServer?.stop();
  await rm(sandbox, { recursive: true, force: true });
});

describe('helm-deps', () => {
  it('cold: downloads what Chart.lock pins, checked against index.yaml; warm: the cache, no request', async () => {
    const cold = await runDeps(await jobWith(app));
    expect(cold.errors).toEqual([]);
    expect(cold.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '1' });
    expect(cold.stdout).toMatch(
      /lib 1\.0\.0: http:\/\/127\.0\.0\.1:\d+\/charts\/lib-1\.0\.0\.tgz \(sha256 [0-9a-f]{12}… from index\.yaml\)/,
    );
    expect(chartRequests().map((r) => r.path)).toEqual(['/charts/index.yaml', '/charts/lib-1.0.0.tgz']);

    mirror.reset();
    const job = await jobWith(app);
    const warm = await runDeps(job);
    expect(warm.errors).toEqual([]);
    expect(warm.outputs).toMatchObject({ 'cache-hit': 'true', downloaded: '0' });
    expect(chartRequests()).toEqual([]);
    expect(archives(job)).toEqual(['lib-1.0.0.tgz']);
  });

  it('a changed Chart.lock is another key: the new set is downloaded, not the old one restored', async () => {
    await runDeps(await jobWith(app));
    mirror.reset();
    const job = await jobWith(appTwo);
    const result = await runDeps(job);
    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '2' });
    expect(archives(job)).toEqual(['lib-1.0.0.tgz', 'lib2-0.2.0.tgz']);
  });

  it('retries a flaky repository (503 on the index, 503 and a reset on the archive) and gets there', async () => {
    mirror.script('/charts/index.yaml', [{ status: 503 }]);
    mirror.script('/charts/lib-1.0.0.tgz', [{ status: 503 }, { kind: 'reset' }]);
    const result = await runDeps(await jobWith(app), { cache: 'false' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^chart repository http:\/\/127\.0\.0\.1:\d+\/charts is plain http/),
      expect.stringMatching(/download .*index\.yaml: attempt 1\/4 failed: HTTP 503/),
      expect.stringMatching(/download .*lib-1\.0\.0\.tgz: attempt 1\/4 failed: HTTP 503/),
      expect.stringMatching(
        /download .*lib-1\.0\.0\.tgz: attempt 2\/4 failed: (connection reset|connection closed early|truncated)/,
      ),
    ]);
    expect(result.outputs.downloaded).toBe('1');
  });

  it('refuses an archive whose bytes are not the ones index.yaml names, and leaves none in charts/', async () => {
    mirror.script('/charts/lib-1.0.0.tgz', [{ kind: 'wrong-bytes' }]);
    const job = await jobWith(app);
    const result = await runDeps(job, { cache: 'false' });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toMatch(/sha256 mismatch for lib-1\.0\.0\.tgz/);
    expect(existsSync(path.join(job.workspace, 'app/charts/lib-1.0.0.tgz'))).toBe(false);
  });

  it('a chart with no dependencies needs no Chart.lock: nothing to install', async () => {
    const job = await jobWith(app);
    rmSync(path.join(job.workspace, 'app', 'Chart.lock'));
    writeFileSync(
      path.join(job.workspace, 'app', 'Chart.yaml'),
      'apiVersion: v2\nname: app\nversion: 0.1.0\n',
    );
    const result = await runDeps(job);
    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '0' });
    expect(result.stdout).toContain('app: Chart.yaml declares no dependencies: nothing to install');
    expect(chartRequests()).toEqual([]);
  });

  it('a chart with dependencies but without Chart.lock is one clear error', async () => {
    const job = await jobWith(app);
    rmSync(path.join(job.workspace, 'app', 'Chart.lock'));
    const result = await runDeps(job);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'chart: app/Chart.lock does not exist; run helm dependency update in the chart and commit Chart.lock (helm-deps installs what it locks)',
    ]);
    expect(readFileSync(path.join(job.workspace, 'app', 'Chart.yaml'), 'utf8')).toContain('dependencies');
  });
});

describe('helm-deps: save-cache (the one save policy, packages/cache/src/save-policy.ts)', () => {
  const runOn = (job: Job, event: string, inputs: Record<string, string> = {}) =>
    runAction(job, 'helm-deps', {
      inputs: { chart: 'app', retries: '4', ...inputs },
      env: {
        ...helmEnv(),
        ACTIONS_CACHE_URL: cacheServer.url,
        ACTIONS_RUNTIME_TOKEN: 'test-token',
        GITHUB_EVENT_NAME: event,
        GITHUB_REF: 'refs/heads/main',
        PATH: `${path.dirname(helm)}:/usr/bin:/bin`,
      },
      path: [],
    });

  it('auto does not save on issue_comment; never does not save; always does', async () => {
    // appTwo's Chart.lock is a key of its own; earlier tests may have saved it, so a fresh lock here.
    const chart = await lockedApp('save-policy', [['lib2', '0.2.0']]);
    const comment = await runOn(await jobWith(chart), 'issue_comment');
    expect(comment.errors).toEqual([]);
    expect(comment.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '1' });
    expect(comment.stdout).toContain('not saved: save-cache: auto does not save on issue_comment');
    const never = await runOn(await jobWith(chart), 'push', { 'save-cache': 'never' });
    expect(never.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '1' });
    expect(never.stdout).toContain('not saved: save-cache: never');
    const always = await runOn(await jobWith(chart), 'pull_request_target', { 'save-cache': 'always' });
    expect(always.outputs).toMatchObject({ 'cache-hit': 'false', downloaded: '1' });
    const warm = await runOn(await jobWith(chart), 'push');
    expect(warm.outputs).toMatchObject({ 'cache-hit': 'true', downloaded: '0' });
  });
});

// Issue 28, item 6: Chart.lock and index.yaml come from the repository under test and from the chart
// repository, so their fields are data: a name or version is never a path, an index cannot send us to
// a file of the runner, and a plain-http repository is not silent.
describe('helm-deps: Chart.lock and index.yaml are data, never paths', () => {
  /** A Chart.lock of one dependency, exactly as given (helm checks its digest only in helm's own commands). */
  const lockOf = (name: string, version: string, repository: string) =>
    `dependencies:\n- name: ${JSON.stringify(name)}\n  repository: ${repository}\n  version: ${JSON.stringify(version)}\ndigest: sha256:${'0'.repeat(64)}\ngenerated: "2026-01-01T00:00:00Z"\n`;
  /** An index.yaml at /<where>/ listing `name` `version` with the real lib archive's digest at `url`. */
  const publishIndex = (where: string, name: string, version: string, url: string, digest?: string) => {
    const lib = mirror.getFile('/charts/lib-1.0.0.tgz') as Buffer;
    mirror.addFile(
      `/${where}/index.yaml`,
      `apiVersion: v1\nentries:\n  ${JSON.stringify(name)}:\n  - name: ${JSON.stringify(name)}\n    version: ${JSON.stringify(version)}\n    digest: ${digest ?? sha256Hex(lib)}\n    urls:\n    - ${JSON.stringify(url)}\n`,
    );
    return `${mirror.url}/${where}`;
  };
  const withLock = async (lock: string) => {
    const job = await jobWith(app);
    writeFileSync(path.join(job.workspace, 'app', 'Chart.lock'), lock);
    return job;
  };

  it.each([
    ['name', '../../../escaped', '1.0.0', 'escaped-1.0.0.tgz'],
    ['version', 'lib', '1.0.0/../../../../escaped', 'escaped.tgz'],
    ['name', 'lib\\..\\x', '1.0.0', undefined],
  ])(
    'a Chart.lock %s that is a path (%s %s) is refused before any request, and nothing is written outside charts/',
    async (field, name, version, escaped) => {
      const repo = publishIndex('evil', name, version, `${mirror.url}/charts/lib-1.0.0.tgz`);
      const job = await withLock(lockOf(name, version, repo));
      const result = await runDeps(job, { cache: 'false' });
      expect(result.exitCode).toBe(1);
      expect(result.errors).toEqual([
        expect.stringMatching(
          new RegExp(`^app/Chart\\.lock: dependency 1 has ${field} '.*', which is not a chart ${field}`),
        ),
      ]);
      if (escaped) expect(existsSync(path.join(job.root, escaped))).toBe(false);
      expect(readdirSync(job.root).sort()).toEqual(['home', 'steps', 'temp', 'tool-cache', 'workspace']);
      expect(chartRequests()).toEqual([]);
      expect(mirror.requests.filter((r) => r.path.startsWith('/evil/'))).toEqual([]);
    },
  );

  it.each([
    ['file://', () => `file://${path.join(sandbox, 'repo', 'lib-1.0.0.tgz')}`],
    ['ftp://', () => 'ftp://127.0.0.1/lib-1.0.0.tgz'],
  ])(
    "refuses an index whose urls[0] is %s (the runner's own files are not a chart repository)",
    async (_scheme, url) => {
      const repo = publishIndex('other-scheme', 'lib', '1.0.0', url());
      const job = await withLock(lockOf('lib', '1.0.0', repo));
      const result = await runDeps(job, { cache: 'false' });
      expect(result.exitCode).toBe(1);
      expect(result.errors).toEqual([
        expect.stringMatching(
          /index\.yaml: lib 1\.0\.0 is at '[a-z]+:\/\/.*', which is not an http\(s\) URL; refusing it/,
        ),
      ]);
      expect(existsSync(path.join(job.workspace, 'app', 'charts', 'lib-1.0.0.tgz'))).toBe(false);
    },
  );

  it('warns once per plain-http repository that the digest comes over the same channel as the archive', async () => {
    const result = await runDeps(await jobWith(appTwo), { cache: 'false' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^chart repository http:\/\/127\.0\.0\.1:\d+\/charts is plain http: .*serve it over https/,
      ),
    ]);
  });

  it('user:password@ in the repository is sent as Authorization to it, and never printed', async () => {
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    mirror.requireBasicAuth(/^\/charts\//, 'ci', password);
    const repository = `${mirror.url.replace('http://', `http://ci:${password}@`)}/charts`;
    const job = await withLock(lockOf('lib', '1.0.0', repository));
    const result = await runDeps(job, { cache: 'false' });
    expect(chartRequests().map((r) => [r.path, r.status])).toEqual([
      ['/charts/index.yaml', 200],
      ['/charts/lib-1.0.0.tgz', 200],
    ]);
    expect(result.errors).toEqual([]);
    expect(`${result.stdout}${result.stderr}${result.summary}`).not.toContain(password);
    expect(result.stdout).toMatch(/lib 1\.0\.0: http:\/\/\*\*\*@127\.0\.0\.1:\d+\/charts\/lib-1\.0\.0\.tgz/);
  });
});
