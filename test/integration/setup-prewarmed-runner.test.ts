// setup-prewarmed-runner's node step as the runner runs it (the composite hands it INPUT_* and the
// bootstrap outputs through env:), against fake tools on PATH (tiny sh scripts that print what the
// real ones print) and a loopback mirror.
//
// Checksums: the action trusts only the sha256 pinned in the toolchain.json bundled into it, as it
// must, and locally built archives cannot match upstream's digests. So the install tests run a
// variant bundle built from the same sources with the same esbuild settings, whose toolchain.json pins
// the fixture archives (or pins nothing, to exercise the published-checksum-file fallback), while the
// real dist bundle is run against the mirror to show it refuses those same archives. No runtime knob
// can swap the pins.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import {
  createJob,
  repoRoot,
  runAction,
  type ActionResult,
  type Job,
  type RunOptions,
  leftovers,
} from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { publishRelease, type PublishedRelease } from '../harness/fixtures';
import { toolsBin } from '../harness/tools-bin';

const ACTION = 'setup-prewarmed-runner';
const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as Record<
  string,
  { version: string; sha256?: Record<string, string> }
>;
const V = Object.fromEntries(Object.entries(toolchain).map(([tool, pin]) => [tool, pin.version])) as Record<
  string,
  string
>;
const linux = { os: 'linux' as const, arch: 'x64' as const };
const IMAGE_VERSION = '1.4.2';

let scratch: string;
let mirror: Mirror;
let helm: PublishedRelease;
let kubeconform: PublishedRelease;
/** Variant bundles: toolchain.json pinning the fixture archives, and pinning no helm digest at all. */
let pinnedToFixtures: string;
let noHelmPin: string;
const jobs: Job[] = [];

/** What each fake tool prints for its version command (nox on stderr, as the real one). */
const VERSION_OUTPUT: Record<string, string> = {
  node: `echo v${V.node}`,
  git: "echo 'git version 2.47.3'",
  curl: "echo 'curl 8.14.1 (x86_64-pc-linux-gnu) libcurl/8.14.1'",
  uv: `echo 'uv ${V.uv} (d5b8a2ba1 2025-10-01)'`,
  nox: `echo ${V.nox} >&2`,
  helm: `echo 'v${V.helm}+g7877b45'`,
  kubeconform: `echo v${V.kubeconform}`,
};

function script(file: string, body: string): string {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The real uv: the fake one answers the version probe, and hands every other command to it. */
const realUv = realpathSync(toolsBin('uv'));

/**
 * A PATH of fake tools; `overrides` replaces a tool's version line, `null` leaves it out. tar, gzip
 * and python3 are the real ones (the install pipeline extracts with them, nox's venv is made of the
 * job's python3). The fake uv records its calls and runs the real uv for everything but --version,
 * so nox really installs (from the local wheelhouse, offline).
 */
function fakeTools(overrides: Record<string, string | null> = {}): string {
  const dir = path.join(scratch, `bin-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  for (const [tool, line] of Object.entries({ ...VERSION_OUTPUT, ...overrides })) {
    if (line === null) continue;
    const body =
      tool === 'uv'
        ? `if [ "$1" != --version ]; then\n  echo "$@" >> "${dir}/uv-calls"\n  exec "${realUv}" "$@"\nfi\n${line}`
        : line;
    script(path.join(dir, tool), body);
  }
  // realpath and dirname: a relocatable venv's entry point (nox) finds its python with them.
  for (const real of ['tar', 'gzip', 'python3', 'realpath', 'dirname']) {
    if (overrides[real] === null) continue;
    // python3 by its real file: pyenv's shim on PATH is a bash script, and this PATH has no bash.
    const found =
      real === 'python3'
        ? execFileSync('python3', ['-c', 'import os,sys;print(os.path.realpath(sys.executable))'], {
            encoding: 'utf8',
          }).trim()
        : execFileSync('sh', ['-c', `command -v ${real}`], { encoding: 'utf8' }).trim();
    if (!existsSync(path.join(dir, real))) symlinkSync(found, path.join(dir, real));
  }
  return dir;
}

function writeManifest(extra: Record<string, unknown> = {}): string {
  const file = path.join(scratch, `manifest-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...toolchain, image: { version: IMAGE_VERSION, target: 'base' }, ...extra }),
  );
  return file;
}

async function newJob(...args: Parameters<typeof createJob>): Promise<Job> {
  const job = await createJob(...args);
  jobs.push(job);
  return job;
}

interface Scenario {
  bin: string;
  manifest?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** A variant bundle instead of dist (inputs then need no action.yml defaults: all are given). */
  script?: string;
}

async function runSetup(job: Job, scenario: Scenario): Promise<ActionResult> {
  const options: RunOptions = {
    inputs: {
      tools: 'node git curl tar uv nox helm kubeconform',
      'install-missing': 'true',
      strict: 'false',
      ...scenario.inputs,
    },
    env: {
      PATH: scenario.bin,
      CI_KIT_IMAGE_MANIFEST: scenario.manifest ?? path.join(scratch, 'no-manifest-here.json'),
      // Any download goes to the loopback mirror, whose request log shows whether the network was used.
      CI_KIT_DOWNLOAD_MIRROR: mirror.url,
      ACTIONS_CACHE_URL: undefined,
      ...scenario.env,
    },
    ...(scenario.script ? { script: scenario.script } : {}),
  };
  const result = await runAction(job, ACTION, options);
  // Every run sets its telemetry (docs/telemetry.md), checked here once; the tests look at the rest.
  const telemetry = JSON.parse(result.outputs.telemetry ?? '{}') as {
    v?: number;
    steps?: Array<{ action: string }>;
  };
  expect([telemetry.v, telemetry.steps?.at(-1)?.action]).toEqual([1, 'setup-prewarmed-runner']);
  delete result.outputs.telemetry;
  return result;
}

/** The action bundled as scripts/build.mjs does, but with another toolchain.json compiled in. */
async function variantBundle(name: string, pins: Record<string, unknown>): Promise<string> {
  const dir = path.join(scratch, name);
  const toolchainFile = path.join(scratch, `${name}-toolchain.json`);
  writeFileSync(toolchainFile, JSON.stringify(pins));
  await build({
    entryPoints: { main: path.join(repoRoot, 'actions', ACTION, 'src', 'main.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __ciKitCreateRequire } from 'node:module';\nconst require = __ciKitCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'swap-toolchain',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /(^|\/)toolchain\.json$/ }, () => ({ path: toolchainFile }));
        },
      },
    ],
  });
  return path.join(dir, 'main.mjs');
}

const rowOf = (summary: string, tool: string): string =>
  summary.split('\n').find((line) => line.includes(`<td>${tool}</td>`)) ?? '';

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-prewarmed-'));
  mirror = await startMirror();
  const helmBinary = existsSync(path.join(repoRoot, '.tools/bin/helm'))
    ? path.join(repoRoot, '.tools/bin/helm')
    : script(path.join(scratch, 'helm-binary'), VERSION_OUTPUT.helm as string);
  helm = await publishRelease(mirror, 'helm', V.helm as string, linux, helmBinary);
  kubeconform = await publishRelease(
    mirror,
    'kubeconform',
    V.kubeconform as string,
    linux,
    script(path.join(scratch, 'kubeconform-binary'), VERSION_OUTPUT.kubeconform as string),
  );
  const fixturePins = structuredClone(toolchain);
  fixturePins.helm!.sha256 = { [helm.fileName]: helm.sha256 };
  fixturePins.kubeconform!.sha256 = { [kubeconform.fileName]: kubeconform.sha256 };
  pinnedToFixtures = await variantBundle('pinned-to-fixtures', fixturePins);
  const noPins = structuredClone(toolchain);
  delete noPins.helm!.sha256;
  noHelmPin = await variantBundle('no-helm-pin', noPins);
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('on the pre-warmed image', () => {
  it('takes the fast path: every tool at its pin, no network, well under a second', async () => {
    const job = await newJob();
    const result = await runSetup(job, { bin: fakeTools(), manifest: writeManifest() });

    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({
      prewarmed: 'true',
      installed: '',
      missing: '',
      'image-version': IMAGE_VERSION,
    });
    expect(mirror.requests).toEqual([]);
    expect(result.path).toEqual([]);
    expect(result.warnings).toEqual([]);
    for (const tool of ['node', 'git', 'curl', 'tar', 'uv', 'nox', 'helm', 'kubeconform']) {
      expect([tool, rowOf(result.summary, tool)]).toEqual([
        tool,
        expect.stringContaining('<td>present</td>'),
      ]);
    }
    expect(rowOf(result.summary, 'helm')).toContain(`<td>${V.helm}</td><td>${V.helm}</td>`);
    expect(result.summary).toContain(`Image ${IMAGE_VERSION}`);
    expect(result.stdout).toMatch(/pre-warmed \(image 1\.4\.2\): node [\d.]+, .* checked in \d+ ms/);
    // The whole step, node start-up included, as the runner sees it.
    console.log(
      `setup-prewarmed-runner fast path: ${result.durationMs} ms (${result.stdout.match(/checked in [^,;]+/)?.[0]})`,
    );
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("reads nox's version from its venv's metadata instead of starting Python", async () => {
    // A venv laid out as uv makes it: bin/python, the console script whose shebang names it, and
    // nox's dist-info. The script would leave a marker if it ever ran, so the test sees the probe skip it.
    const venv = path.join(scratch, `nox-venv-${Math.random().toString(36).slice(2)}`);
    const [pythonFile, minor] = execFileSync(
      'python3',
      ['-c', 'import os,sys;print(os.path.realpath(sys.executable));print(sys.version_info[1])'],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n') as [string, string];
    const distInfo = path.join(venv, 'lib', `python3.${minor}`, 'site-packages', `nox-${V.nox}.dist-info`);
    mkdirSync(distInfo, { recursive: true });
    writeFileSync(path.join(distInfo, 'METADATA'), `Metadata-Version: 2.4\nName: nox\nVersion: ${V.nox}\n`);
    mkdirSync(path.join(venv, 'bin'));
    symlinkSync(pythonFile, path.join(venv, 'bin', 'python'));
    const marker = path.join(venv, 'nox-ran');
    writeFileSync(
      path.join(venv, 'bin', 'nox'),
      [
        `#!${venv}/bin/python`,
        'import sys',
        `open(${JSON.stringify(marker)}, "w").write("ran")`,
        `print(${JSON.stringify(V.nox)}, file=sys.stderr)`,
        'sys.exit(0)',
        'from nox.__main__ import main',
        '',
      ].join('\n'),
    );
    chmodSync(path.join(venv, 'bin', 'nox'), 0o755);

    const job = await newJob();
    const result = await runSetup(job, {
      bin: `${fakeTools({ nox: null })}${path.delimiter}${path.join(venv, 'bin')}`,
      manifest: writeManifest(),
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.prewarmed).toBe('true');
    expect(rowOf(result.summary, 'nox')).toContain(`<td>${V.nox}</td><td>${V.nox}</td><td>present</td>`);
    expect(existsSync(marker)).toBe(false);
  });

  it("reads helm's version from what an earlier job on this runner read, until the file changes", async () => {
    // helm behind a counter: `helm version` is the slow probe, run once per runner and file.
    const bin = fakeTools();
    const runs = path.join(bin, 'helm-runs');
    const body = `echo run >> "${runs}"\n${VERSION_OUTPUT.helm}`;
    script(path.join(bin, 'helm'), body);
    const count = () => (existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').length - 1 : 0);
    const first = await newJob();
    const scenario = { bin, manifest: writeManifest(), inputs: { tools: 'helm' } };
    for (const job of [first, await newJob({ toolCache: first.toolCache })]) {
      const result = await runSetup(job, scenario);
      expect([result.exitCode, result.outputs.prewarmed]).toEqual([0, 'true']);
      expect(rowOf(result.summary, 'helm')).toContain(`<td>${V.helm}</td><td>${V.helm}</td><td>present</td>`);
    }
    expect(count()).toBe(1);
    // Another job on another runner (its own tool cache) runs it; so does this runner once helm changed.
    await runSetup(await newJob(), scenario);
    expect(count()).toBe(2);
    script(path.join(bin, 'helm'), `${body}\n# rebuilt`);
    await runSetup(await newJob({ toolCache: first.toolCache }), scenario);
    expect(count()).toBe(3);
  });

  it('passes strict mode', async () => {
    const job = await newJob();
    const result = await runSetup(job, {
      bin: fakeTools(),
      manifest: writeManifest(),
      inputs: { strict: 'true' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.prewarmed).toBe('true');
  });

  it('only checks the tools asked for', async () => {
    const job = await newJob();
    const result = await runSetup(job, { bin: fakeTools({ helm: null }), inputs: { tools: 'uv, nox' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      prewarmed: 'true',
      installed: '',
      missing: '',
      'image-version': '',
    });
    expect(rowOf(result.summary, 'helm')).toBe('');
    expect(result.summary).toContain('this job is not on the pre-warmed image');
  });
});

describe('a job that is not on the image', () => {
  it('reports a wrong version without installing when install-missing is false', async () => {
    const job = await newJob();
    const result = await runSetup(job, {
      bin: fakeTools({ uv: "echo 'uv 0.8.0'" }),
      manifest: writeManifest(),
      inputs: { 'install-missing': 'false' },
    });

    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({
      prewarmed: 'false',
      installed: '',
      missing: 'uv',
      'image-version': IMAGE_VERSION,
    });
    expect(result.warnings).toEqual([
      `uv is 0.8.0, expected ${V.uv}; not installed (install-missing: false)`,
    ]);
    expect(rowOf(result.summary, 'uv')).toContain(
      `<td>${V.uv}</td><td>0.8.0</td><td>not installed (install-missing: false)</td>`,
    );
    expect(mirror.requests).toEqual([]);
  });

  it('installs a missing helm from the mirror, verified, and finds it in the tool cache next time', async () => {
    const job = await newJob();
    mirror.script(`/helm/${helm.fileName}`, [{ status: 503 }]);
    const bin = fakeTools({ helm: null });
    const result = await runSetup(job, { bin, script: pinnedToFixtures });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({
      prewarmed: 'false',
      installed: 'helm',
      missing: '',
      'image-version': '',
    });
    const helmDir = path.join(job.toolCache, 'helm', V.helm as string, 'x64-linux-glibc', 'linux-amd64');
    expect(result.path).toEqual([helmDir]);
    expect(existsSync(path.join(job.toolCache, 'helm', V.helm as string, 'x64-linux-glibc.complete'))).toBe(
      true,
    );
    expect(rowOf(result.summary, 'helm')).toContain(
      `<td>${V.helm}</td><td>${V.helm}</td><td>installed (download)</td>`,
    );
    expect(result.stdout).toContain(`sha256 ${helm.sha256.slice(0, 12)}… (toolchain)`);
    // One 503, then the file: the shared pipeline's retries.
    expect(mirror.requestsFor(`/helm/${helm.fileName}`).map((r) => r.status)).toEqual([503, 200]);
    expect(result.warnings.some((w) => /attempt 1\/6 failed: HTTP 503/.test(w))).toBe(true);

    // Same runner, next job: the tool cache has it; nothing is downloaded.
    mirror.reset();
    const next = await newJob({ toolCache: job.toolCache });
    const again = await runSetup(next, { bin, script: pinnedToFixtures });
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ installed: 'helm', missing: '' });
    expect(rowOf(again.summary, 'helm')).toContain('installed (tool-cache)');
    expect(mirror.requests).toEqual([]);
  });

  it('takes the checksum from the published checksum file when the toolchain pins none', async () => {
    const job = await newJob();
    const result = await runSetup(job, { bin: fakeTools({ helm: null }), script: noHelmPin });

    expect(result.exitCode).toBe(0);
    expect(result.outputs.installed).toBe('helm');
    expect(mirror.requestsFor(`/helm/${helm.fileName}.sha256sum`)).toHaveLength(1);
    expect(result.stdout).toContain(`sha256 ${helm.sha256.slice(0, 12)}… (checksum-file)`);
  });

  it('installs kubeconform and nox (with uv) in one go, and fixes a wrong version', async () => {
    const job = await newJob();
    const bin = fakeTools({ kubeconform: "echo 'v0.6.7'", nox: null });
    const result = await runSetup(job, {
      bin,
      script: pinnedToFixtures,
      // nox and its dependencies from the local wheelhouse (an internal wheel mirror), never the index.
      env: { UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels'), UV_OFFLINE: '1' },
    });

    if (result.exitCode !== 0) console.log(result.stdout, result.stderr);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ prewarmed: 'false', installed: 'nox,kubeconform', missing: '' });
    // A relocatable venv of the job's python3, filled from toolchain.json's lock with --require-hashes.
    const calls = readFileSync(path.join(bin, 'uv-calls'), 'utf8').trim().split('\n');
    expect(calls).toEqual([
      expect.stringMatching(
        /^venv --quiet --relocatable --no-project --allow-existing --python \/\S+ \S+\.staging-/,
      ),
      expect.stringMatching(
        /^pip install --quiet --python \S+\/bin\/python --require-hashes -r \S+nox-requirements\.txt$/,
      ),
    ]);
    const noxSlots = readdirSync(path.join(job.toolCache, 'nox', V.nox as string));
    const noxSlot = noxSlots.find((name) => !name.endsWith('.complete')) as string;
    expect(noxSlot).toMatch(/^x64-linux-glibc-cpython3\.\d+-[0-9a-f]{8}$/);
    const noxDir = path.join(job.toolCache, 'nox', V.nox as string, noxSlot);
    expect(result.path).toEqual([
      path.join(noxDir, 'bin'),
      path.join(job.toolCache, 'kubeconform', V.kubeconform as string, 'x64-linux-glibc'),
    ]);
    expect(existsSync(`${noxDir}.complete`)).toBe(true);
    expect(rowOf(result.summary, 'kubeconform')).toContain(
      `<td>${V.kubeconform}</td><td>${V.kubeconform}</td><td>installed (download)</td>`,
    );
    expect(rowOf(result.summary, 'nox')).toContain('installed (uv)');
  });

  it('refuses archives that do not match the pins of the real bundle', async () => {
    const job = await newJob();
    const result = await runSetup(job, { bin: fakeTools({ kubeconform: null }), manifest: writeManifest() });

    expect(result.exitCode).toBe(1);
    expect(result.outputs).toEqual({
      prewarmed: 'false',
      installed: '',
      missing: 'kubeconform',
      'image-version': IMAGE_VERSION,
    });
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kubeconform: sha256 mismatch for ${kubeconform.fileName}: expected ${toolchain.kubeconform?.sha256?.[kubeconform.fileName]}, got ${kubeconform.sha256}\\b`,
        ),
      ),
    ]);
    expect(rowOf(result.summary, 'kubeconform')).toContain('install failed');
    // Nothing half-installed is left for a later run to trust.
    expect(existsSync(path.join(job.toolCache, 'kubeconform'))).toBe(false);
    expect(leftovers(readdirSync(job.temp))).toEqual([]);
  });

  it('strict mode fails at once, naming what is wrong, and downloads nothing', async () => {
    const job = await newJob();
    const result = await runSetup(job, {
      bin: fakeTools({ helm: null, uv: "echo 'uv 0.8.0'" }),
      inputs: { strict: 'true' },
      env: { CI_KIT_BOOTSTRAP_INSTALLED: 'git:apt' },
    });

    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      `strict: this job is not on the pre-warmed image: uv is 0.8.0, expected ${V.uv}; helm is missing (expected ${V.helm}); ` +
        `git had to be installed by bootstrap; no image manifest at ${path.join(scratch, 'no-manifest-here.json')} ` +
        '(run the job in the forgejo-ci-kit python-ci image, or set strict: false to install what is missing)',
    ]);
    expect(result.outputs).toMatchObject({ prewarmed: 'false', missing: 'uv,helm' });
    expect(mirror.requests).toEqual([]);
  });

  it('reports what bootstrap.sh installed, and is not pre-warmed then', async () => {
    const job = await newJob();
    const result = await runSetup(job, {
      bin: fakeTools(),
      manifest: writeManifest(),
      env: { CI_KIT_BOOTSTRAP_INSTALLED: 'node:apt git:apt', CI_KIT_BOOTSTRAP_SECONDS: '9' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ prewarmed: 'false', installed: 'node,git', missing: '' });
    expect(rowOf(result.summary, 'git')).toContain('installed (apt, bootstrap)');
    expect(result.summary).toContain('bootstrap.sh installed node, git in 9 s.');
  });

  it('rejects a bad input before doing anything, with the accepted names', async () => {
    const job = await newJob();
    const result = await runSetup(job, { bin: fakeTools(), inputs: { tools: 'node pip' } });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      "The value 'pip' is not valid for 'tools'. Valid values are: node, git, curl, tar, uv, nox, helm, kubeconform",
    ]);
    expect(result.outputs).toEqual({});
  });

  it('rejects a mirror that is not an http(s) or file URL', async () => {
    const job = await newJob();
    const result = await runSetup(job, {
      bin: fakeTools(),
      env: { CI_KIT_DOWNLOAD_MIRROR: 'ftp://mirror.invalid/' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain("CI_KIT_DOWNLOAD_MIRROR: scheme 'ftp:'");
  });
});
