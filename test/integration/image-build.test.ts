// The real images/python-ci/Dockerfile built with buildah (no Docker engine here: vfs storage,
// chroot isolation, storage under .tools/buildah), on a stand-in for python:3.13-slim that cannot
// be pulled here: the debootstrap'd Debian trixie minbase of scripts/setup-chroot.sh plus Debian's
// python3. The install script's downloads go to the loopback mirror (the MIRROR build arg) serving
// uv, helm and kubeconform built from .tools/bin in their upstream layouts, and Node 24 as an archive
// in the official layout made from the npm package's binary (test/harness/node-versions.ts), pinned
// through the same build args scripts/image-build-args.mjs generates; nox comes from the package index. Then the
// image's smoke test and setup-prewarmed-runner's fast path run inside the result. Needs root and
// buildah; takes a few minutes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { publishRelease, type PublishedRelease } from '../harness/fixtures';
import { pinnedNodeArchive, type NodeArchive } from '../harness/node-versions';
import { containerModeUnavailable, startPodman } from '../harness/podman';
import { startStack, workflowPath } from '../harness/stack';
import { removeRun, runWorkflow } from '../harness/driver';
import { buildahWith, pythonStandIn, type BuildahRun } from '../harness/buildah';
import { startPackageIndex, type PackageIndex } from '../harness/package-index';
import { EXAMPLE_LABELS, EXAMPLE_WORKFLOW, hostRunnable } from '../harness/example-workflow';
import { parse, stringify } from 'yaml';

const STORAGE = path.join(repoRoot, '.tools/buildah');
const STANDIN = 'localhost/ci-kit-test/python-standin:trixie';
const IMAGE = 'localhost/ci-kit-test/python-ci';
const TOOLS = ['uv', 'uvx', 'helm', 'kubeconform'].map((tool) => path.join(repoRoot, '.tools/bin', tool));

function cannotBuild(): string | undefined {
  if (process.getuid?.() !== 0) return 'image builds need root (buildah with chroot isolation)';
  if (spawnSync('sh', ['-c', 'command -v buildah']).status !== 0)
    return 'buildah is missing (apt-get install buildah)';
  const absent = TOOLS.filter((tool) => !existsSync(tool));
  if (absent.length > 0) return `${absent.join(', ')} missing: run npm run setup-tools`;
  return undefined;
}
const reason = cannotBuild();
if (reason) console.warn(`image build tests skipped: ${reason}`);
const describeIfBuildah = reason ? describe.skip : describe;

const storageArgs = [
  '--root',
  path.join(STORAGE, 'storage'),
  '--runroot',
  path.join(STORAGE, 'run'),
  '--storage-driver',
  'vfs',
];

const { run: buildah, must } = buildahWith(storageArgs, 900_000);

/**
 * nox and its dependencies as wheels: the wheelhouse scripts/setup-tools.sh keeps (the versions the
 * nox lock in toolchain.json names; pure-Python wheels, so the image's Python 3.13 takes the same
 * files), served on loopback by the package index harness as PEP 503 HTML pages: the image's
 * PYPI_INDEX build arg, as an air-gapped build uses it. The image installs them with
 * --require-hashes, so a wheel the lock does not name fails it.
 */
async function startNoxIndex(noxVersion: string): Promise<PackageIndex> {
  const dir = path.join(repoRoot, '.tools/wheels');
  if (!existsSync(path.join(dir, `nox-${noxVersion}-py3-none-any.whl`))) {
    throw new Error(`no nox ${noxVersion} wheel in ${dir}: run sh scripts/setup-tools.sh`);
  }
  return startPackageIndex({ dir, format: 'html' });
}

let scratch: string;
let context: string;
let mirror: Mirror;
let noxIndex: PackageIndex;
let releases: Record<'uv' | 'helm' | 'kubeconform', PublishedRelease>;
let nodeArchive: NodeArchive;

/** scripts/image-build-args.mjs's args, the sha256 ones replaced by the fixtures' (what differs here). */
function buildArgs(overrides: Record<string, string> = {}): string[] {
  const generated = JSON.parse(
    spawnSync(process.execPath, [path.join(repoRoot, 'scripts/image-build-args.mjs'), '--json'], {
      encoding: 'utf8',
    }).stdout,
  ) as Record<string, string>;
  const args: Record<string, string> = {
    ...generated,
    NODE_SHA256_AMD64: nodeArchive.sha256,
    UV_SHA256_AMD64: releases.uv.sha256,
    HELM_SHA256_AMD64: releases.helm.sha256,
    KUBECONFORM_SHA256_AMD64: releases.kubeconform.sha256,
    BASE_IMAGE: STANDIN,
    MIRROR: mirror.url,
    PYPI_INDEX: noxIndex.simpleUrl,
    TARGETARCH: 'amd64',
    ...overrides,
  };
  return Object.entries(args).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
}

async function build(
  target: 'base' | 'dind',
  tag: string,
  overrides: Record<string, string> = {},
): Promise<BuildahRun> {
  return buildah([
    'bud',
    '--isolation',
    'chroot',
    '--pull-never',
    ...buildArgs(overrides),
    '--target',
    target,
    '-t',
    tag,
    '-f',
    path.join(context, 'images/python-ci/Dockerfile'),
    context,
  ]);
}

/** Runs a command in a throwaway container of `image`. */
async function inImage(
  image: string,
  command: string,
  env: Record<string, string> = {},
): Promise<BuildahRun> {
  const ctr = await must(['from', '--pull-never', image]);
  try {
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    return await buildah(['run', '--isolation', 'chroot', ...envArgs, ctr, '--', 'sh', '-c', command]);
  } finally {
    await buildah(['rm', ctr]);
  }
}

describeIfBuildah('images/python-ci built with buildah', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-image-'));
    // The build context holds only what the Dockerfile copies (the repository root has node_modules).
    context = path.join(scratch, 'context');
    mkdirSync(path.join(context, 'images'), { recursive: true });
    cpSync(path.join(repoRoot, 'images/python-ci'), path.join(context, 'images/python-ci'), {
      recursive: true,
    });
    mirror = await startMirror();
    const linux = { os: 'linux' as const, arch: 'x64' as const };
    const version = (tool: string) =>
      (
        JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as Record<
          string,
          { version: string }
        >
      )[tool]?.version as string;
    releases = {
      uv: await publishRelease(mirror, 'uv', version('uv'), linux, realpathSync(TOOLS[0] as string), {
        uvxPath: realpathSync(TOOLS[1] as string),
      }),
      helm: await publishRelease(mirror, 'helm', version('helm'), linux, TOOLS[2] as string),
      kubeconform: await publishRelease(
        mirror,
        'kubeconform',
        version('kubeconform'),
        linux,
        TOOLS[3] as string,
      ),
    };
    nodeArchive = pinnedNodeArchive();
    mirror.addFile(`/dist${nodeArchive.urlPath}`, nodeArchive.body);
    noxIndex = await startNoxIndex(version('nox'));
    await pythonStandIn({ run: buildah, must }, STANDIN);
  }, 900_000);

  afterAll(async () => {
    for (const tag of [`${IMAGE}:base`, `${IMAGE}:dind`, `${IMAGE}:bad`]) await buildah(['rmi', '-f', tag]);
    await buildah(['rm', '--all']);
    // Untagged stage images would pile up in the vfs store (each a full copy of the root).
    await buildah(['rmi', '--prune']);
    await mirror?.stop();
    await noxIndex?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }, 120_000);

  it('builds the base target, verified, with its manifest, labels and a passing smoke test', async () => {
    const built = await build('base', `${IMAGE}:base`);
    expect([built.code, built.code === 0 ? '' : built.output]).toEqual([0, '']);
    expect(built.output).toContain(`verified ${releases.helm.fileName} (${releases.helm.sha256})`);
    expect(built.output).toContain(`verified ${nodeArchive.file} (${nodeArchive.sha256})`);
    expect(mirror.requestsFor(`/dist${nodeArchive.urlPath}`)).toHaveLength(1);
    expect(built.output).toContain('smoke-test: all tools match /etc/forgejo-ci-kit/toolchain.json');
    for (const file of Object.values(releases).map((r) => r.fileName))
      expect(mirror.requestsFor(new RegExp(`/${file}$`))).toHaveLength(1);

    const smoke = await inImage(`${IMAGE}:base`, 'sh /usr/local/lib/forgejo-ci-kit/smoke-test.sh');
    console.log(smoke.output);
    expect(smoke.code).toBe(0);

    const manifest = JSON.parse(
      (await inImage(`${IMAGE}:base`, 'cat /etc/forgejo-ci-kit/toolchain.json')).output,
    ) as Record<string, { version: string; target?: string }>;
    const args = JSON.parse(
      spawnSync(process.execPath, [path.join(repoRoot, 'scripts/image-build-args.mjs'), '--json'], {
        encoding: 'utf8',
      }).stdout,
    ) as Record<string, string>;
    expect(manifest.uv?.version).toBe(args.UV_VERSION);
    // Node 24 LTS from the official archive, not Debian's 20.
    expect(manifest.node).toMatchObject({ version: args.NODE_VERSION, source: 'official' });
    expect(args.NODE_VERSION).toMatch(/^24\./);
    expect((await inImage(`${IMAGE}:base`, 'node --version')).output.trim()).toBe(`v${args.NODE_VERSION}`);
    expect(manifest.helm?.version).toBe(args.HELM_VERSION);
    expect(manifest.image).toMatchObject({ version: args.IMAGE_VERSION, target: 'base' });

    const inspected = JSON.parse(await must(['inspect', '--type', 'image', `${IMAGE}:base`])) as {
      OCIv1: { config: { Labels: Record<string, string> } };
    };
    const labels = inspected.OCIv1.config.Labels;
    expect(labels['org.opencontainers.image.version']).toBe(args.IMAGE_VERSION);
  }, 600_000);

  it('passes setup-prewarmed-runner on the fast path inside the image', async () => {
    // The action as a job checks it out: dist, the action folder and toolchain.json.
    const ctr = await must(['from', '--pull-never', `${IMAGE}:base`]);
    try {
      await must(['copy', ctr, path.join(repoRoot, 'dist'), '/action/dist']);
      await must([
        'copy',
        ctr,
        path.join(repoRoot, 'actions/setup-prewarmed-runner'),
        '/action/actions/setup-prewarmed-runner',
      ]);
      await must(['copy', ctr, path.join(repoRoot, 'toolchain.json'), '/action/toolchain.json']);
      const run = await buildah([
        'run',
        '--isolation',
        'chroot',
        ctr,
        '--',
        'sh',
        '-c',
        [
          'set -e',
          'export GITHUB_ACTION_PATH=/action/actions/setup-prewarmed-runner GITHUB_OUTPUT=/tmp/out RUNNER_TEMP=/tmp RUNNER_TOOL_CACHE=/tmp/tc',
          ': > /tmp/out',
          'sh "$GITHUB_ACTION_PATH/bootstrap.sh"',
          'env INPUT_TOOLS="node git curl tar uv nox helm kubeconform" INPUT_INSTALL-MISSING=true INPUT_STRICT=true CI_KIT_DOWNLOAD_MIRROR=http://127.0.0.1:9 node "$GITHUB_ACTION_PATH/../../dist/setup-prewarmed-runner/main.mjs"',
        ].join('\n'),
      ]);
      console.log(run.output);
      expect([run.code, run.code === 0 ? '' : run.output]).toEqual([0, '']);
      expect(run.output).toContain('installed: nothing');
      expect(run.output).toMatch(/::set-output name=prewarmed::true|pre-warmed \(image/);
    } finally {
      await buildah(['rm', ctr]);
    }
  }, 600_000);

  const itInContainers = containerModeUnavailable() ? it.skip : it;
  itInContainers(
    'runs a container job on forgejo-runner on the fast path, with no request',
    async () => {
      // The image as a runner admin ships it: pushed to an archive, loaded into the Docker API's store.
      const archive = path.join(scratch, 'python-ci-base.tar');
      await must(['push', '--quiet', `${IMAGE}:base`, `docker-archive:${archive}:${IMAGE}:base`]);
      const podman = await startPodman();
      const stack = await startStack();
      try {
        await podman.load(archive);
        const result = await runWorkflow({
          workflow: workflowPath('container-prewarmed.yml'),
          project: await stack.newProject('example-project', []),
          runnerDir: await stack.newRunner(),
          vars: stack.vars,
          env: stack.env,
          container: { ...podman, image: `${IMAGE}:base` },
          timeoutMs: 300_000,
        });
        try {
          expect(result.errors()).toEqual([]);
          expect(result.job('prewarmed').result).toBe('success');
          expect(result.step('prewarmed', 'setup').outputs).toMatchObject({
            prewarmed: 'true',
            missing: '',
            installed: '',
          });
          expect(result.step('prewarmed', 'guard').outputs).toMatchObject({ mode: 'offline' });
          // The fast path: no release file was asked for (the job's mirror is a closed port anyway).
          expect(stack.mirror.requests).toHaveLength(0);
          expect(result.output('prewarmed')).toMatch(/^v24\./m);
        } finally {
          await removeRun(result);
        }
      } finally {
        await stack.stop();
        await podman.stop();
      }
    },
    600_000,
  );

  it('builds the dind target with the Docker CLI and buildx', async () => {
    const built = await build('dind', `${IMAGE}:dind`);
    expect([built.code, built.code === 0 ? '' : built.output]).toEqual([0, '']);
    const smoke = await inImage(`${IMAGE}:dind`, 'sh /usr/local/lib/forgejo-ci-kit/smoke-test.sh');
    expect(smoke.code).toBe(0);
    expect(smoke.output).toMatch(/smoke-test: docker +present +ok/);
  }, 600_000);

  itInContainers(
    "runs the template's docker job on forgejo-runner in the dind image: it builds through the host's daemon",
    async () => {
      // The runner admin's set-up from images/python-ci/README.md: the host's daemon (podman's Docker
      // API here) mounted into job containers (the runner's container.docker_host), and DOCKER_BUILDKIT=0
      // in the runner's envs (podman serves the classic build API, not BuildKit's). The job is the
      // template's own docker job; the project's Dockerfile builds FROM python:3.13-slim, which is the
      // stand-in base loaded under that name (no registry here).
      const dind = path.join(scratch, 'python-ci-dind.tar');
      const base = path.join(scratch, 'python-standin.tar');
      await must(['push', '--quiet', `${IMAGE}:dind`, `docker-archive:${dind}:${IMAGE}:dind`]);
      await must(['push', '--quiet', STANDIN, `docker-archive:${base}:docker.io/library/python:3.13-slim`]);
      const podman = await startPodman();
      const stack = await startStack();
      const workdir = await mkdtemp(path.join(tmpdir(), 'ci-kit-docker-job-'));
      try {
        await podman.load(dind);
        await podman.load(base);
        const example = parse(
          hostRunnable(
            readFileSync(EXAMPLE_WORKFLOW, 'utf8'),
            stack.git.url,
            'examples/workflows/python-ci.yml',
            { dockerEngine: true },
          ).yaml,
        ) as { jobs: Record<string, Record<string, unknown>> };
        const job = example.jobs.docker as Record<string, unknown>;
        delete job.needs;
        const workflow = path.join(workdir, 'docker-job.yml');
        writeFileSync(workflow, stringify({ name: 'docker-job', on: 'push', jobs: { docker: job } }));
        const result = await runWorkflow({
          workflow,
          project: await stack.newProject('example-project', [
            path.join(repoRoot, 'test/fixtures/py-app'),
            path.join(repoRoot, 'test/e2e/fixtures/example-project'),
          ]),
          runnerDir: await stack.newRunner(),
          vars: stack.vars,
          env: { ...stack.env, DOCKER_BUILDKIT: '0' },
          container: { ...podman, image: `${IMAGE}:dind`, mountDockerHost: true },
          hostLabels: EXAMPLE_LABELS,
          timeoutMs: 300_000,
        });
        try {
          expect(result.errors()).toEqual([]);
          expect(result.job('docker').result).toBe('success');
          // On the image's fast path: the dind target's manifest, nothing installed.
          expect(result.step('docker', 'setup').outputs).toMatchObject({ prewarmed: 'true', installed: '' });
          expect(result.output('docker')).toMatch(/built sha256:[0-9a-f]{64} \(\d+ bytes\)/);
          // The image is in the host's daemon, and it holds what the Dockerfile copies.
          const listed = await podman.podman(['run', '--rm', '--network', 'none', 'app:ci', 'ls', '/app']);
          expect(listed.split(/\s+/).filter(Boolean).sort()).toEqual([
            'app',
            'pyproject.toml',
            'uv.lock',
            'wheels',
          ]);
        } finally {
          await removeRun(result);
        }
      } finally {
        await stack.stop();
        await podman.stop();
        await rm(workdir, { recursive: true, force: true });
      }
    },
    900_000,
  );

  it('fails the build when a download does not match its pinned sha256', async () => {
    const pinned = 'ab'.repeat(32);
    const built = await build('base', `${IMAGE}:bad`, { HELM_SHA256_AMD64: pinned });
    expect(built.code).not.toBe(0);
    expect(built.output).toContain(
      `sha256 mismatch for ${releases.helm.fileName}: expected ${pinned}, got ${releases.helm.sha256}`,
    );
  }, 600_000);
});
