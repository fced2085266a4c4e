// Everything the job benchmarks share: the loopback release mirror with upstream-size archives, the
// pre-warmed "image" (tools on PATH plus its manifest), the fixture project, and a variant bundle of
// setup-prewarmed-runner whose compiled-in pins match the locally built archives.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as esbuildApi from 'esbuild';
import { repoRoot } from '../test/harness/runner';
import { startMirror, type Mirror } from '../test/harness/mirror';
import {
  buildRelease,
  mirrorTemplate,
  publishBuilt,
  type FixtureTool,
  type ReleaseArchive,
} from '../test/harness/fixtures';
import { toolsBin } from '../test/harness/cache-server';
import { pseudoRandomBytes } from '../test/harness/tarball';

export type Esbuild = typeof esbuildApi;

export const TOOLCHAIN = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as Record<
  string,
  { version: string; sha256?: Record<string, string> }
>;
export const version = (tool: string): string => TOOLCHAIN[tool]?.version ?? '';

export const LINUX_X64 = { os: 'linux', arch: 'x64' } as const;
export const RELEASE_TOOLS: FixtureTool[] = ['uv', 'helm', 'kubeconform'];

/**
 * Upstream archive sizes from ../shared/upstream-facts.md. Only kubeconform's is recorded there;
 * helm and uv are archived from the real binaries built by scripts/setup-tools.sh, unpadded.
 */
export const UPSTREAM_SIZES: Partial<Record<FixtureTool, number>> = { kubeconform: 7_491_807 };

export type Releases = Record<FixtureTool, ReleaseArchive>;

export interface World {
  scratch: string;
  /** A copy of the bundles taken at the start, so a rebuild of dist/ during the run changes nothing. */
  dist: string;
  /** Where that copy came from. */
  distSource: string;
  /** The release mirror (upstream paths), serving full-size archives. */
  mirror: Mirror;
  releases: Releases;
  /** Small archives (same layout) for the fault runs, where the request count matters, not the size. */
  smallReleases: Releases;
  /** setup-prewarmed-runner bundled from its sources with toolchain.json pinning `releases`. */
  sprVariant: string;
  /** The pre-warmed image's PATH: uv, nox, helm, kubeconform (the real ones, from .tools/bin). */
  imageBin: string;
  /**
   * The image's interpreter as a file on PATH (python3 and python, links to the real binary), as
   * python:3.13-slim has it: a machine whose python3 is a version manager's shim script pays that
   * script's start-up on every lookup (uv python find), which no job on the image pays.
   */
  imagePythonBin: string;
  /** The image's manifest (/etc/forgejo-ci-kit/toolchain.json on the image). */
  manifest: string;
  wheelhouse: string;
  project: string;
  /** A Python with pip, standing in for the system pip of python:3.13-slim in the seed's job. */
  pipPython: string;
}

export interface WorldOptions {
  esbuild: Esbuild;
  dist: string;
  log: (line: string) => void;
}

export async function createWorld(opts: WorldOptions): Promise<{ world: World; stop: () => Promise<void> }> {
  for (const action of [
    'cached-tool/main',
    'prepare-python/main',
    'prepare-python/post',
    'secret-guard/main',
  ]) {
    if (!existsSync(path.join(opts.dist, `${action}.mjs`))) {
      throw new Error(`${opts.dist}/${action}.mjs is missing: build the bundles first (npm run build)`);
    }
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-bench-'));
  const dist = path.join(scratch, 'dist');
  await cp(opts.dist, dist, { recursive: true });
  const mirror = await startMirror();
  try {
    opts.log('building upstream-layout release archives (real binaries, upstream sizes where known)');
    const releases = {} as Releases;
    const smallReleases = {} as Releases;
    const small = path.join(scratch, 'small-binary');
    await writeFile(small, pseudoRandomBytes(256 * 1024, 'bench-small-binary'));
    for (const tool of RELEASE_TOOLS) {
      const binary = realpathSync(toolsBin(tool));
      releases[tool] = await buildRelease(tool, version(tool), LINUX_X64, binary, {
        ...(UPSTREAM_SIZES[tool] ? { padTo: UPSTREAM_SIZES[tool] } : {}),
        ...(tool === 'uv' ? { uvxPath: realpathSync(toolsBin('uvx')) } : {}),
      });
      publishBuilt(mirror, releases[tool]);
      smallReleases[tool] = await buildRelease(tool, version(tool), LINUX_X64, small);
    }

    const pins = structuredClone(TOOLCHAIN);
    for (const tool of RELEASE_TOOLS) {
      (pins[tool] as { sha256?: Record<string, string> }).sha256 = {
        [releases[tool].fileName]: releases[tool].sha256,
      };
    }
    const sprVariant = await variantBundle(opts.esbuild, scratch, 'setup-prewarmed-runner', pins);

    const manifest = path.join(scratch, 'image-manifest.json');
    const imageVersion = readFileSync(path.join(repoRoot, 'images/python-ci/VERSION'), 'utf8').trim();
    await writeFile(
      manifest,
      JSON.stringify({ ...TOOLCHAIN, image: { version: imageVersion, target: 'base' } }, null, 2),
    );
    const venvPython = path.join(repoRoot, '.tools/venv/bin/python');
    const imagePythonBin = path.join(scratch, 'image-python-bin');
    await mkdir(imagePythonBin, { recursive: true });
    const realPython = execFileSync(
      'python3',
      ['-c', 'import os, sys; print(os.path.realpath(sys.executable))'],
      {
        encoding: 'utf8',
      },
    ).trim();
    for (const name of ['python3', 'python']) await symlink(realPython, path.join(imagePythonBin, name));
    const world: World = {
      scratch,
      dist,
      distSource: opts.dist,
      mirror,
      releases,
      smallReleases,
      sprVariant,
      imageBin: path.dirname(toolsBin('uv')),
      imagePythonBin,
      manifest,
      wheelhouse: path.join(repoRoot, '.tools/wheels'),
      project: path.join(repoRoot, 'test/fixtures/py-app'),
      pipPython: venvPython,
    };
    return {
      world,
      stop: async () => {
        await mirror.stop();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await mirror.stop();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** Inputs that point cached-tool at the mirror and pin the archive it serves. */
export function cachedToolInputs(
  tool: FixtureTool,
  release: ReleaseArchive,
  mirrorUrl: string,
): Record<string, string> {
  return { tool, sha256: release.sha256, 'download-url': mirrorTemplate(tool, mirrorUrl) };
}

/**
 * An action bundled as scripts/build.mjs bundles it, with another toolchain.json compiled in (the
 * technique of test/integration/setup-prewarmed-runner.test.ts): the only way to make an action
 * that trusts its compiled-in pins accept locally built archives. Same sources, same settings.
 */
async function variantBundle(
  esbuild: Esbuild,
  scratch: string,
  action: string,
  pins: Record<string, unknown>,
): Promise<string> {
  const dir = path.join(scratch, `variant-${action}`);
  const toolchainFile = path.join(scratch, `variant-${action}-toolchain.json`);
  await writeFile(toolchainFile, JSON.stringify(pins));
  await esbuild.build({
    entryPoints: { main: path.join(repoRoot, 'actions', action, 'src', 'main.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __ciKitCreateRequire } from 'node:module';\nconst require = __ciKitCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'swap-toolchain',
        setup(build) {
          build.onResolve({ filter: /(^|\/)toolchain\.json$/ }, () => ({ path: toolchainFile }));
        },
      },
    ],
  });
  return path.join(dir, 'main.mjs');
}
