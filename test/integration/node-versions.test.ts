// Every bundle we ship, run as the runner runs it, on each Node a job image really has: Debian trixie's
// 20, the LTS 24 (what bootstrap.sh and the image install), the current 26. The Forgejo runner runs a
// node action with the job container's own node whatever runs.using says, so a bundle that only works
// on one of them breaks real jobs. The rest of the suite runs on the tests' node; this file runs each
// action once per version with a realistic input set (real helm, uv, Python, the v1 cache server, the
// fault-injecting mirror), status-check's plain script (with its telemetry module), and bootstrap.sh's
// node detection (found, too old for node-version-min, and Node 24 installed from the verified archive).
// Why this split and not the whole suite three times: docs/testing.md.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { createJob, repoRoot, runAction, runMainAndPost, type Job } from '../harness/runner';
import { runComposite } from '../harness/composite';
import { BOOTSTRAP_COMMANDS } from '../harness/node-tarball';
import { startMirror, type Mirror } from '../harness/mirror';
import { mirrorTemplate, publishRelease, type PublishedRelease } from '../harness/fixtures';
import { startCacheServer, toolsBin, type CacheServer } from '../harness/cache-server';
import { toolchainPinning } from '../harness/node-tarball';
import {
  NODE_MAJORS,
  NODE_TEST_VERSIONS,
  nodeVersionsUnavailable,
  pinnedNodeArchive,
  testNode,
  type NodeArchive,
  type NodeMajor,
} from '../harness/node-versions';

const unavailable = nodeVersionsUnavailable();
if (unavailable) console.warn(`node-versions tests skipped: ${unavailable}`);
const describeIfNodes = unavailable ? describe.skip : describe;

const toolsDir = path.dirname(toolsBin('uv'));
const helmBin = toolsBin('helm');
const wheelhouse = path.join(repoRoot, '.tools/wheels');
const SECRET = 'sk-node-versions-4f1e9a7c2b';

let sandbox: string;
let mirror: Mirror;
let cacheServer: CacheServer;
let helm: PublishedRelease;
let chart: string;
let archive: NodeArchive;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}
const cacheEnv = () => ({ ACTIONS_CACHE_URL: cacheServer.url, ACTIONS_RUNTIME_TOKEN: 'test-token' });
const helmEnv = () => ({
  HELM_CACHE_HOME: path.join(sandbox, 'helm-cache'),
  HELM_CONFIG_HOME: path.join(sandbox, 'helm-config'),
  HELM_DATA_HOME: path.join(sandbox, 'helm-data'),
});

// Asynchronous: the mirror answers from this process, so a blocking call would starve it.
const runHelm = (args: string[]) =>
  promisify(execFile)(helmBin, args, { env: { ...process.env, ...helmEnv() } });

/** A chart depending on a library chart, locked by helm against the mirror's chart repository. */
async function lockedChart(): Promise<string> {
  const run = runHelm;
  const lib = path.join(sandbox, 'src', 'lib');
  mkdirSync(path.join(lib, 'templates'), { recursive: true });
  writeFileSync(path.join(lib, 'Chart.yaml'), 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n');
  writeFileSync(path.join(lib, 'templates', '_h.tpl'), '{{- define "lib.name" -}}lib{{- end -}}\n');
  const repo = path.join(sandbox, 'repo');
  mkdirSync(repo);
  await run(['package', lib, '--destination', repo]);
  await run(['repo', 'index', repo, '--url', `${mirror.url}/charts`]);
  mirror.addDir(repo, '/charts');
  const app = path.join(sandbox, 'app');
  mkdirSync(path.join(app, 'templates'), { recursive: true });
  writeFileSync(
    path.join(app, 'Chart.yaml'),
    `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: ${mirror.url}/charts\n`,
  );
  await run(['dependency', 'update', app]);
  await rm(path.join(app, 'charts'), { recursive: true, force: true });
  return app;
}

beforeAll(async () => {
  if (unavailable) return;
  sandbox = await mkdtemp(path.join(tmpdir(), 'ci-kit-node-versions-'));
  mirror = await startMirror();
  cacheServer = await startCacheServer();
  helm = await publishRelease(mirror, 'helm', TOOLCHAIN.helm.version, { os: 'linux', arch: 'x64' }, helmBin);
  archive = pinnedNodeArchive();
  mirror.addFile(`/dist${archive.urlPath}`, archive.body);
  chart = await lockedChart();
  mirror.reset();
}, 120_000);

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror?.reset();
});

afterAll(async () => {
  await mirror?.stop();
  await cacheServer?.stop();
  if (sandbox) await rm(sandbox, { recursive: true, force: true });
});

/**
 * What node itself printed on stderr: `(node:123) DeprecationWarning: ...` and the like. A version that
 * deprecates an API a bundle calls says so there long before it removes it; uv's own lines are not it.
 */
const nodeWarnings = (stderr: string | undefined): string[] =>
  (stderr ?? '').split('\n').filter((line) => /^\(node:\d+\)|\b[A-Z]\w*Warning\b/.test(line));

describeIfNodes.each(NODE_MAJORS.map((major) => [major]))('on Node %i', (major: NodeMajor) => {
  const node = testNode(major);
  const version = NODE_TEST_VERSIONS[major];

  it('is the version setup-tools installed', () => {
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${version}`);
  });

  it('secret-guard: online with the secrets, offline naming the missing one, no value printed', async () => {
    const job = await newJob();
    const online = await runAction(job, 'secret-guard', {
      node,
      inputs: { secrets: 'OPENAI_API_KEY' },
      env: { OPENAI_API_KEY: SECRET },
    });
    expect([online.exitCode, online.errors, nodeWarnings(online.stderr)]).toEqual([0, [], []]);
    expect(online.outputs).toMatchObject({ mode: 'online', reason: 'all-present' });
    // Only in the mask command the runner consumes (it never shows that line).
    const shown = (online.stdout + online.stderr)
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(SECRET);
    const offline = await runAction(job, 'secret-guard', {
      node,
      inputs: { secrets: 'OPENAI_API_KEY ANTHROPIC_API_KEY' },
      env: { OPENAI_API_KEY: SECRET },
    });
    expect(offline.exitCode).toBe(0);
    expect(offline.outputs).toMatchObject({
      mode: 'offline',
      reason: 'missing-secrets',
      missing: 'ANTHROPIC_API_KEY',
    });
  });

  it('cached-tool: helm downloaded, verified and cached; the next job takes it from the cache', async () => {
    const inputs = {
      tool: 'helm',
      version: TOOLCHAIN.helm.version,
      sha256: helm.sha256,
      'download-url': mirrorTemplate('helm', mirror.url),
      cache: 'true',
    };
    const first = await runAction(await newJob(), 'cached-tool', { node, inputs, env: cacheEnv() });
    expect([first.exitCode, first.errors, nodeWarnings(first.stderr)]).toEqual([0, [], []]);
    expect(first.outputs).toMatchObject({ version: TOOLCHAIN.helm.version, sha256: helm.sha256 });
    expect(['download', 'remote-cache']).toContain(first.outputs.source);
    const helmPath = path.join(first.outputs.path ?? '', 'helm');
    expect(execFileSync(helmPath, ['version', '--short'], { encoding: 'utf8' })).toContain(
      `v${TOOLCHAIN.helm.version}`,
    );
    const second = await runAction(await newJob(), 'cached-tool', { node, inputs, env: cacheEnv() });
    expect([second.exitCode, second.outputs.source]).toEqual([0, 'remote-cache']);
  });

  it("helm-deps: the chart's locked dependency from the repository, checked against index.yaml", async () => {
    const job = await newJob();
    await cp(chart, path.join(job.workspace, 'app'), { recursive: true });
    const result = await runAction(job, 'helm-deps', {
      node,
      inputs: { chart: 'app', cache: 'false' },
      env: { ...helmEnv(), ...cacheEnv(), PATH: `${path.dirname(helmBin)}:/usr/bin:/bin` },
      path: [],
    });
    expect([result.exitCode, result.errors, nodeWarnings(result.stderr)]).toEqual([0, [], []]);
    expect(result.outputs).toMatchObject({ downloaded: '1' });
    expect(existsSync(path.join(job.workspace, 'app/charts/lib-1.0.0.tgz'))).toBe(true);
  });

  it('prepare-python: uv sync of a locked project, the uv cache saved by the post step', async () => {
    const job = await newJob();
    await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
    const run = await runMainAndPost(job, 'prepare-python', {
      node,
      inputs: { install: 'sync', 'nox-version': 'none', 'cache-suffix': `node${major}` },
      env: { ...cacheEnv(), UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1' },
      path: [toolsDir],
      timeoutMs: 120_000,
    });
    expect([run.main.exitCode, run.main.errors, nodeWarnings(run.main.stderr)]).toEqual([0, [], []]);
    expect(run.main.outputs).toMatchObject({ 'uv-version': TOOLCHAIN.uv.version, 'cache-hit': 'false' });
    expect(existsSync(path.join(job.workspace, '.venv/lib'))).toBe(true);
    expect([run.post?.exitCode, run.post?.errors, nodeWarnings(run.post?.stderr)]).toEqual([0, [], []]);
    expect(run.post?.stdout).toMatch(/uv cache .*: saved/);
  }, 180_000);

  it('setup-prewarmed-runner (composite): bootstrap.sh finds this node, the node step checks every tool', async () => {
    const job = await newJob();
    const result = await runComposite(job, 'setup-prewarmed-runner', {
      // The job image's node first, then the pinned tools (a host that has them all).
      path: [toolsDir, path.dirname(node)],
      inputs: { tools: 'node git curl tar uv nox helm kubeconform', 'node-version-min': String(major) },
      env: { CI_KIT_IMAGE_MANIFEST: path.join(sandbox, 'no-manifest.json') },
      timeoutMs: 60_000,
    });
    expect([result.exitCode, result.steps.flatMap((step) => step.errors), result.stderr]).toEqual([
      0,
      [],
      '',
    ]);
    expect(result.steps[0]?.outputs).toMatchObject({ installed: '', node });
    expect(result.stdout).toContain(`present: node v${version} git curl tar`);
    expect(result.steps[1]?.outputs).toMatchObject({ prewarmed: 'true', missing: '', installed: '' });
    expect(result.stdout).toMatch(new RegExp(`node ${version.replace(/\./g, '\\.')}, git `));
  });

  it("status-check's plain script (and its telemetry module): green, red, and the telemetry table", async () => {
    const telemetry = JSON.stringify({
      v: 1,
      steps: [
        {
          v: 1,
          action: 'cached-tool',
          kit: '1.0.0',
          outcome: 'success',
          ms: { total: 2500 },
          retries: [{ host: 'get.helm.sh', reason: 'http-503', delayMs: 800 }],
          bytes: 1048576,
          cache: { hits: 0, misses: 1, restoredBytes: 0, savedBytes: 0 },
          warnings: { retry: 1 },
        },
      ],
    });
    const green = await runComposite(await newJob(), 'status-check', {
      path: [path.dirname(node)],
      inputs: { needs: JSON.stringify({ helm: { result: 'success', outputs: { telemetry } } }) },
    });
    expect([green.exitCode, green.steps[0]?.errors, nodeWarnings(green.stderr)]).toEqual([0, [], []]);
    expect(green.stdout).toContain(
      '| helm | cached-tool | 2.5 s | get.helm.sh http-503 x1 | 0/1 | 1.0 MiB | 0 B |',
    );
    expect(existsSync(green.steps[0]?.outputs['telemetry-file'] ?? '')).toBe(true);

    const red = await runComposite(await newJob(), 'status-check', {
      path: [path.dirname(node)],
      inputs: { needs: JSON.stringify({ unit: { result: 'failure' } }) },
    });
    expect(red.exitCode).toBe(1);
    expect(red.steps[0]?.errors.join('\n')).toMatch(/status-check failed: unit/);
  });
});

/** Commands bootstrap.sh uses, as symlinks, so a test decides exactly what "exists" (no apt-get here). */
const BASE_COMMANDS = [...BOOTSTRAP_COMMANDS, 'curl'];

interface Bootstrap {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
}

/** bootstrap.sh with PATH = the base commands plus `node` -> nodeBin (none when undefined). */
async function bootstrap(nodeBin: string | undefined, env: Record<string, string>): Promise<Bootstrap> {
  const dir = await mkdtemp(path.join(sandbox, 'bootstrap-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  for (const command of BASE_COMMANDS) {
    symlinkSync(
      execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim(),
      path.join(bin, command),
    );
  }
  if (nodeBin) symlinkSync(nodeBin, path.join(bin, 'node'));
  // An action checkout whose toolchain.json pins the archive the mirror serves.
  const actionDir = path.join(dir, 'checkout', 'actions', 'setup-prewarmed-runner');
  mkdirSync(actionDir, { recursive: true });
  writeFileSync(
    path.join(actionDir, 'bootstrap.sh'),
    readFileSync(path.join(repoRoot, 'actions/setup-prewarmed-runner/bootstrap.sh')),
  );
  writeFileSync(path.join(dir, 'checkout', 'toolchain.json'), toolchainPinning(archive.sha256));
  const output = path.join(dir, 'output');
  writeFileSync(output, '');
  chmodSync(output, 0o644);
  const child = spawn('/bin/sh', [path.join(actionDir, 'bootstrap.sh')], {
    env: {
      PATH: bin,
      HOME: dir,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_OUTPUT: output,
      GITHUB_PATH: path.join(dir, 'path'),
      RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
      CI_KIT_TOOLS: 'node',
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist`,
      ...env,
    },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code, stdout, outputs };
}

describeIfNodes("bootstrap.sh's node detection on Node 20, 24 and 26", () => {
  it.each(NODE_MAJORS.map((major) => [major]))(
    'takes Node %i as it is with the default node-version-min (20): nothing installed',
    async (major) => {
      const run = await bootstrap(testNode(major as NodeMajor), {});
      expect([run.code, run.stdout]).toEqual([
        0,
        expect.stringContaining(`present: node v${NODE_TEST_VERSIONS[major as NodeMajor]}`),
      ]);
      expect(run.outputs.installed).toBe('');
      expect(run.outputs.node).toMatch(/\/bin\/node$/);
      expect(mirror.requests).toEqual([]);
    },
  );

  it('with node-version-min 24, Node 20 is too old: one clear line when install-missing is false', async () => {
    const run = await bootstrap(testNode(20), {
      CI_KIT_NODE_VERSION_MIN: '24',
      CI_KIT_INSTALL_MISSING: 'false',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`node v${NODE_TEST_VERSIONS[20]} is older than node-version-min 24`);
    expect(run.stdout).toContain(
      '::error::setup-prewarmed-runner: node 24 or newer is missing and install-missing is false; the next step needs it',
    );
  });

  it('with node-version-min 24 and Node 20: installs Node 24 LTS from the verified archive, and it runs', async () => {
    const run = await bootstrap(testNode(20), { CI_KIT_NODE_VERSION_MIN: '24' });
    expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
    expect(run.outputs.installed).toBe('node:tarball');
    expect(run.outputs.node).toMatch(
      new RegExp(`/node/${archive.version.replace(/\./g, '\\.')}/x64/bin/node$`),
    );
    expect(
      execFileSync(run.outputs.node ?? '', ['-e', 'console.log(process.version)'], { encoding: 'utf8' }),
    ).toBe(`v${archive.version}\n`);
    expect(mirror.requestsFor(`/dist${archive.urlPath}`)).toHaveLength(1);
  });

  it('with node-version-min 24 and Node 26: 26 is newer, so it is used as it is', async () => {
    const run = await bootstrap(testNode(26), { CI_KIT_NODE_VERSION_MIN: '24' });
    expect([run.code, run.outputs.installed]).toEqual([0, '']);
    expect(run.stdout).toContain(`present: node v${NODE_TEST_VERSIONS[26]}`);
  });

  it('refuses a node-version-min it cannot honour or read, naming the input', async () => {
    const above = await bootstrap(undefined, { CI_KIT_NODE_VERSION_MIN: '26' });
    expect(above.code).toBe(1);
    expect(above.stdout).toContain(
      `node-version-min is 26, but the Node this action installs is ${archive.version} (toolchain.json)`,
    );
    for (const bad of ['18', '024', '24.1', 'latest', '100']) {
      const run = await bootstrap(testNode(24), { CI_KIT_NODE_VERSION_MIN: bad });
      expect([bad, run.code, run.stdout.trim()]).toEqual([
        bad,
        1,
        `::error::setup-prewarmed-runner: The value '${bad}' is not valid for 'node-version-min'. Valid values are: a Node major version from 20 to 99 (e.g. 20 or 24)`,
      ]);
    }
  });
});
