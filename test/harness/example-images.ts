// The job images the example workflow names, made here once per machine (no registry can be reached):
// - `registry.example/ci/python-3.13-uv:1` and `:1-dind`: images/python-ci's base and dind targets
//   built with buildah (overlay, chroot isolation) under the names the template's `container:` lines use,
//   so the template runs with no `container:` rewrite. The install script's downloads come from a
//   loopback mirror (uv, helm, kubeconform built here, Node 24's official archive layout), nox from
//   the wheelhouse setup-tools keeps, served as a package index: the Dockerfile's MIRROR and
//   PYPI_INDEX build args, as an air-gapped build uses them.
// - `docker.io/library/python:3.13-slim`: a Node-less stand-in for python:3.13-slim (the debootstrap'd
//   Debian trixie minbase root of scripts/setup-chroot.sh plus Debian's python3, 3.13), the pre-warmed
//   image's base and what the example project's Dockerfile builds FROM.
//
// They live in a buildah store of their own (.tools/e2e-images: test/integration/image-build.test.ts
// cleans .tools/buildah's containers and dangling images as it ends, which a build running beside it
// would not survive), with the overlay driver (a layer costs only what it changes; with vfs every layer
// and every job container is a full copy of the image: 20-30 s per job container here). podman uses it
// read-only as an additional image store (`startPodman({ storageDriver: 'overlay', imageStore })`):
// nothing is exported or loaded per run, and a job container starts in under a second. A build is redone only when
// its inputs change: the key (a label on each image) hashes the Dockerfile folder, toolchain.json, the
// tool binaries, the Node archive, the nox wheels and the stand-in's root. Cold: a few minutes on 2
// cores (the Debian mirror is reached for python3, git, curl, docker-cli); warm: a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './action-manifest';
import { buildahWith, pythonStandIn } from './buildah';
import { publishRelease } from './fixtures';
import { startMirror } from './mirror';
import { pinnedNodeArchive } from './node-versions';
import { startPackageIndex } from './package-index';

export const BUILDAH_DIR = path.join(repoRoot, '.tools/e2e-images');
/** The store the images are built in and podman reads: `--storage-opt overlay.imagestore=<this>`. */
export const IMAGE_STORE = path.join(BUILDAH_DIR, 'overlay/storage');
export const IMAGE_STORE_DRIVER = 'overlay';
const BUILD_RUN = path.join(BUILDAH_DIR, 'overlay/run');

/** The names the template uses, and the stand-in's. */
export const EXAMPLE_IMAGES = {
  prewarmed: 'registry.example/ci/python-3.13-uv:1',
  dind: 'registry.example/ci/python-3.13-uv:1-dind',
  python: 'docker.io/library/python:3.13-slim',
} as const;

/** The stand-in for python:3.13-slim in this store (image-build.test.ts makes its own in another). */
const STANDIN = 'localhost/ci-kit-e2e/python-standin:trixie';
const KEY_LABEL = 'ci-kit.e2e-key';
const TOOLS = ['uv', 'uvx', 'helm', 'kubeconform'];

const storageArgs = ['--root', IMAGE_STORE, '--runroot', BUILD_RUN, '--storage-driver', IMAGE_STORE_DRIVER];

/** Why the images cannot be made here, or undefined. */
export function exampleImagesUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the images are built as root (buildah with chroot isolation)';
  if (spawnSync('sh', ['-c', 'command -v buildah']).status !== 0)
    return 'buildah is missing (npm run setup-tools installs it on Debian)';
  let filesystems = '';
  try {
    filesystems = readFileSync('/proc/filesystems', 'utf8');
  } catch {
    // not Linux
  }
  if (!/\toverlay$/m.test(filesystems))
    return 'the kernel has no overlay filesystem (the image store uses it)';
  const absent = TOOLS.filter((tool) => !existsSync(path.join(repoRoot, '.tools/bin', tool)));
  if (absent.length > 0) return `${absent.join(', ')} missing from .tools/bin: run npm run setup-tools`;
  return undefined;
}

const { run: buildah, must } = buildahWith(storageArgs, 1_200_000);

async function labelOf(image: string, label: string): Promise<string | undefined> {
  const got = await buildah([
    'inspect',
    '--type',
    'image',
    '--format',
    `{{index .OCIv1.Config.Labels "${label}"}}`,
    image,
  ]);
  return got.code === 0 ? got.output.trim() : undefined;
}

/** The stand-in for python:3.13-slim (buildah.ts), tagged with the name the template uses. */
async function standIn(log: (line: string) => void): Promise<string> {
  const stamp = await pythonStandIn({ run: buildah, must }, STANDIN, log);
  await must(['tag', STANDIN, EXAMPLE_IMAGES.python]);
  return stamp;
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) hashTree(hash, file);
    else hash.update(`${path.relative(repoRoot, file)}\0`).update(readFileSync(file));
  }
}

/** What the images are made of: a new key means a new build. */
function buildKey(standInStamp: string, nodeSha: string): string {
  const hash = createHash('sha256');
  hashTree(hash, path.join(repoRoot, 'images/python-ci'));
  hash.update(readFileSync(path.join(repoRoot, 'toolchain.json')));
  for (const tool of TOOLS) hash.update(readFileSync(realpathSync(path.join(repoRoot, '.tools/bin', tool))));
  hash.update(nodeSha).update(standInStamp);
  for (const wheel of readdirSync(path.join(repoRoot, '.tools/wheels')).sort()) hash.update(wheel);
  return hash.digest('hex').slice(0, 16);
}

/** One maker at a time per machine (two e2e files may start at once): a lock folder, waited on. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(BUILDAH_DIR, 'e2e-images.lock');
  mkdirSync(BUILDAH_DIR, { recursive: true });
  const deadline = Date.now() + 1_800_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest build is a leftover of a killed run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 1_800_000) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} held for 30 minutes: remove it if no build runs`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export interface ExampleImages {
  /** Whether anything was built now (false: every image was current). */
  built: boolean;
  ms: number;
  key: string;
}

/**
 * Makes sure the three images are in buildah's store and current; builds what is missing or stale.
 * `log` gets one line per thing it does (the demo prints them: a cold build takes minutes).
 */
export async function ensureExampleImages(
  log: (line: string) => void = () => undefined,
): Promise<ExampleImages> {
  const started = Date.now();
  return withLock(async () => {
    const stamp = await standIn(log);
    const node = pinnedNodeArchive();
    const key = buildKey(stamp, node.sha256);
    const current = await Promise.all(
      [EXAMPLE_IMAGES.prewarmed, EXAMPLE_IMAGES.dind].map(
        async (image) => (await labelOf(image, KEY_LABEL)) === key,
      ),
    );
    if (current.every(Boolean)) return { built: false, ms: Date.now() - started, key };

    log(
      `building images/python-ci (base and dind) with buildah, key ${key}; once per machine, a few minutes`,
    );
    const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-images-'));
    const mirror = await startMirror();
    // nox and its dependencies from the wheelhouse, the image's PYPI_INDEX (PEP 503 pages, as pip reads them).
    const index = await startPackageIndex({ dir: path.join(repoRoot, '.tools/wheels'), format: 'html' });
    try {
      const context = path.join(scratch, 'context');
      mkdirSync(path.join(context, 'images'), { recursive: true });
      cpSync(path.join(repoRoot, 'images/python-ci'), path.join(context, 'images/python-ci'), {
        recursive: true,
      });
      const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as Record<
        string,
        { version: string }
      >;
      const linux = { os: 'linux' as const, arch: 'x64' as const };
      const bin = (tool: string): string => realpathSync(path.join(repoRoot, '.tools/bin', tool));
      const uv = await publishRelease(mirror, 'uv', toolchain.uv!.version, linux, bin('uv'), {
        uvxPath: bin('uvx'),
      });
      const helm = await publishRelease(mirror, 'helm', toolchain.helm!.version, linux, bin('helm'));
      const kubeconform = await publishRelease(
        mirror,
        'kubeconform',
        toolchain.kubeconform!.version,
        linux,
        bin('kubeconform'),
      );
      mirror.addFile(`/dist${node.urlPath}`, node.body);
      const generated = JSON.parse(
        spawnSync(process.execPath, [path.join(repoRoot, 'scripts/image-build-args.mjs'), '--json'], {
          encoding: 'utf8',
        }).stdout,
      ) as Record<string, string>;
      const args: Record<string, string> = {
        ...generated,
        NODE_SHA256_AMD64: node.sha256,
        UV_SHA256_AMD64: uv.sha256,
        HELM_SHA256_AMD64: helm.sha256,
        KUBECONFORM_SHA256_AMD64: kubeconform.sha256,
        BASE_IMAGE: STANDIN,
        MIRROR: mirror.url,
        PYPI_INDEX: index.simpleUrl,
        TARGETARCH: 'amd64',
      };
      const buildArgs = Object.entries(args).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
      for (const [target, tag] of [
        ['base', EXAMPLE_IMAGES.prewarmed],
        ['dind', EXAMPLE_IMAGES.dind],
      ] as const) {
        const t0 = Date.now();
        // --layers: the dind build reuses the base stage's layers instead of running it again.
        await must([
          'bud',
          '--isolation',
          'chroot',
          '--pull-never',
          '--layers',
          ...buildArgs,
          '--label',
          `${KEY_LABEL}=${key}`,
          '--target',
          target,
          '-t',
          tag,
          '-f',
          path.join(context, 'images/python-ci/Dockerfile'),
          context,
        ]);
        log(`built ${tag} (${target} target) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
      // Older builds, untagged now, and the cached stage layers would pile up in the store.
      await buildah(['rmi', '--prune']);
      return { built: true, ms: Date.now() - started, key };
    } finally {
      await Promise.allSettled([mirror.stop(), index.stop()]);
      await rm(scratch, { recursive: true, force: true });
    }
  });
}
