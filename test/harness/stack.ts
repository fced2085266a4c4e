// Everything an e2e run needs around the runner, all on 127.0.0.1:
// - a release mirror (test/harness/mirror.ts) serving helm, kubeconform and uv archives in their
//   upstream layouts, packed around the real binaries that scripts/setup-tools.sh built;
// - a git host (git-server.ts) serving this repository, as it is on disk now, as ops/forgejo-ci-kit
//   with the tags users pin (v1, and an immutable v1.0.0), and the workflow's own project;
// - per-runner folders (tool cache, action clones, act's cache server data) that survive between
//   runs of the same "runner", so a second run is a warm run.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOOLCHAIN } from '@ci-kit/tools';
import { repoRoot } from './runner';
import { startMirror, type Mirror } from './mirror';
import { publishRelease, type FixturePlatform, type PublishedRelease } from './fixtures';
import { toolsBin } from './cache-server';
import { startForgejoCacheServer, type ForgejoCacheServer } from './forgejo-cache';
import { git, publishWorkTree, startGitServer, type GitServer } from './git-server';
import { forgejoServerBench, stopForgejoServerBench } from './runners/forgejo-server';

/** Where the kit is published on the loopback forge: `uses: ops/forgejo-ci-kit/actions/<name>@v1`. */
export const KIT_OWNER = 'ops';
export const KIT_REPO = 'forgejo-ci-kit';
/** The release tags the e2e commit gets: the moving major tag and an immutable one. */
export const KIT_TAGS = ['v1', 'v1.0.0'];

/** The tags of the actions/checkout stand-in (fixtures/actions-checkout) on the loopback forge. */
const CHECKOUT_TAGS = ['v4', 'v5', 'v6'];

/** This folder: the e2e workflows, fixtures and tests. */
export const E2E_DIR = path.join(repoRoot, 'test/e2e');
export const workflowPath = (name: string): string => path.join(E2E_DIR, 'workflows', name);

export interface Stack {
  mirror: Mirror;
  git: GitServer;
  /** The commit the kit's tags point at. */
  kitCommit: string;
  releases: { helm: PublishedRelease; kubeconform: PublishedRelease; uv: PublishedRelease };
  /** `--var`s for e2e workflows: MIRROR and the sha256 of each locally built archive. */
  vars: Record<string, string>;
  /** `--env` for every run: where remote actions come from, and offline Python packaging. */
  env: Record<string, string>;
  /**
   * One `forgejo-runner cache-server` for several runners (their `cache.external_server`), as an
   * installation that outgrows one runner host sets it up; started on first use, stopped with the stack.
   */
  sharedCacheServer(): Promise<ForgejoCacheServer>;
  /** A fresh runner: its own tool cache, action clones and cache-server data, kept across runs. */
  newRunner(label?: string): Promise<string>;
  /**
   * A pre-warmed host, the host-mode stand-in for the python-ci image: uv, uvx, nox, helm and kubeconform
   * at the pinned versions (scripts/setup-tools.sh's builds) in one folder for PATH, and the image
   * manifest (toolchain.json plus `image`) where CI_KIT_IMAGE_MANIFEST says. node, git, curl and tar are
   * the machine's own.
   */
  prewarmedHost(): Promise<{ path: string[]; env: Record<string, string> }>;
  /** A git repository made from fixture folders, pushed to the loopback forge as origin. */
  newProject(name: string, sources: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Every action's manifest finds its bundles and scripts in the published commit: a dist/ that is being
 * rebuilt (the build empties it first) or was never built, or a lean tree that left something out,
 * would otherwise show up as a confusing "Cannot find module" in some job.
 */
export function assertBundlesPublished(bare: string, commit: string): void {
  const files = new Set(git([`--git-dir=${bare}`, 'ls-tree', '-r', '--name-only', commit]).split('\n'));
  const missing: string[] = [];
  for (const manifest of [...files].filter((file) => /^actions\/[^/]+\/action\.yml$/.test(file))) {
    const text = git([`--git-dir=${bare}`, 'show', `${commit}:${manifest}`]);
    const needed = [
      ...[...text.matchAll(/(?:main|post): '\.\.\/\.\.\/(dist\/[^']+)'/g)].map((m) => m[1] as string),
      ...[...text.matchAll(/\$GITHUB_ACTION_PATH\/([^"\s]+)/g)].map((m) =>
        path.posix.normalize(`${path.posix.dirname(manifest)}/${m[1] as string}`),
      ),
    ];
    missing.push(...needed.filter((file) => !files.has(file)));
  }
  if (missing.length > 0) {
    throw new Error(
      `the published commit lacks ${missing.join(', ')}: run npm run build (and let it finish) first`,
    );
  }
}

/** Publishes a folder (not itself a git repository) as `<owner>/<repo>` on the forge. */
async function publishFolder(
  server: GitServer,
  source: string,
  scratch: string,
  opts: { owner: string; repo: string; tags: string[] },
): Promise<string> {
  const dir = path.join(scratch, `publish-${opts.owner}-${opts.repo}`);
  await cp(source, dir, { recursive: true });
  git(['init', '--quiet', '--initial-branch=main', dir]);
  return publishWorkTree(server, dir, opts);
}

export function hostPlatform(): FixturePlatform {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`e2e runs need Linux or macOS, not ${process.platform}`);
  }
  if (process.arch !== 'x64' && process.arch !== 'arm64') throw new Error(`unsupported arch ${process.arch}`);
  return { os: process.platform, arch: process.arch };
}

/**
 * `forgejoServer: true`: the file runs on the real Forgejo server (runner 'forgejo-server'): its bench
 * (runners/forgejo-server.ts) starts now, beside the stack, instead of at the first run.
 */
export async function startStack(opts: { forgejoServer?: boolean } = {}): Promise<Stack> {
  // Errors surface at the first run that needs the bench (the promise is kept).
  if (opts.forgejoServer) forgejoServerBench().catch(() => undefined);
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-e2e-'));
  const mirror = await startMirror();
  let gitServer: GitServer | undefined;
  try {
    gitServer = await startGitServer();
    const platform = hostPlatform();
    const [helm, kubeconform, uv] = await Promise.all([
      publishRelease(mirror, 'helm', TOOLCHAIN.helm.version, platform, toolsBin('helm')),
      publishRelease(mirror, 'kubeconform', TOOLCHAIN.kubeconform.version, platform, toolsBin('kubeconform')),
      publishRelease(mirror, 'uv', TOOLCHAIN.uv.version, platform, toolsBin('uv'), {
        uvxPath: toolsBin('uvx'),
      }),
    ]);
    // The tags hold the lean release tree, as scripts/release.sh makes them: every e2e run uses that.
    const kitCommit = await publishWorkTree(gitServer, repoRoot, {
      owner: KIT_OWNER,
      repo: KIT_REPO,
      tags: KIT_TAGS,
      tagTreeScript: path.join(repoRoot, 'scripts/lean-tree.sh'),
    });
    assertBundlesPublished(await gitServer.bareRepo(KIT_OWNER, KIT_REPO), kitCommit);
    await publishFolder(gitServer, path.join(E2E_DIR, 'fixtures/actions-checkout'), scratch, {
      owner: 'actions',
      repo: 'checkout',
      tags: CHECKOUT_TAGS,
    });
    const server = gitServer;
    let runners = 0;
    let stopping: Promise<void> | undefined;
    let sharedCache: Promise<ForgejoCacheServer> | undefined;
    return {
      mirror,
      git: server,
      kitCommit,
      releases: { helm, kubeconform, uv },
      vars: {
        MIRROR: mirror.url,
        HELM_SHA256: helm.sha256,
        KUBECONFORM_SHA256: kubeconform.sha256,
        UV_SHA256: uv.sha256,
      },
      env: {
        // act clones `owner/repo` actions from <GITHUB_SERVER_URL>/owner/repo (the Forgejo runner
        // from <DEFAULT_ACTIONS_URL>/owner/repo): our loopback forge.
        GITHUB_SERVER_URL: server.url,
        // An air-gapped runner with a wheel mirror: nox and the project's packages come from the
        // wheelhouse that setup-tools keeps, never from an index.
        UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels'),
        UV_OFFLINE: '1',
        UV_NO_PROGRESS: '1',
        PIP_NO_INDEX: '1',
      },
      sharedCacheServer() {
        sharedCache ??= startForgejoCacheServer({ dir: path.join(scratch, 'shared-cache-server') });
        return sharedCache;
      },
      async newRunner(label = 'runner') {
        const dir = path.join(scratch, `${label}-${++runners}`);
        await mkdir(dir, { recursive: true });
        return dir;
      },
      async prewarmedHost() {
        const dir = path.join(scratch, 'prewarmed-host');
        const bin = path.join(dir, 'bin');
        const manifest = path.join(dir, 'etc/forgejo-ci-kit/toolchain.json');
        await mkdir(bin, { recursive: true });
        await mkdir(path.dirname(manifest), { recursive: true });
        for (const tool of ['uv', 'uvx', 'nox', 'helm', 'kubeconform']) {
          await symlink(toolsBin(tool), path.join(bin, tool)).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'EEXIST') throw err;
          });
        }
        const toolchain = JSON.parse(await readFile(path.join(repoRoot, 'toolchain.json'), 'utf8')) as object;
        await writeFile(manifest, JSON.stringify({ ...toolchain, image: { version: 'e2e-host' } }, null, 2));
        return { path: [bin], env: { CI_KIT_IMAGE_MANIFEST: manifest } };
      },
      async newProject(name, sources) {
        const dir = path.join(scratch, `project-${name}-${++runners}`);
        await mkdir(dir, { recursive: true });
        for (const source of sources) await cp(source, dir, { recursive: true });
        git(['init', '--quiet', '--initial-branch=main', dir]);
        git(['-C', dir, 'remote', 'add', 'origin', server.repoUrl(KIT_OWNER, name)]);
        await publishWorkTree(server, dir, { owner: KIT_OWNER, repo: name, tags: [] });
        // The local repository gets the same commit, so GITHUB_SHA is the commit on the forge. Fetched
        // from the bare repository's folder: a synchronous git over HTTP would block the server that
        // lives in this very process.
        const bare = await server.bareRepo(KIT_OWNER, name);
        git(['-C', dir, 'fetch', '--quiet', bare, 'main:refs/remotes/origin/main']);
        git(['-C', dir, 'reset', '--quiet', 'origin/main']);
        git(['-C', dir, 'branch', '--quiet', '--set-upstream-to=origin/main']);
        return dir;
      },
      stop() {
        stopping ??= (async () => {
          // The real Forgejo server the driver started for this file (if any), with its runner, first.
          await stopForgejoServerBench();
          await Promise.allSettled([mirror.stop(), server.stop(), sharedCache?.then((c) => c.stop())]);
          await rm(scratch, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (err) {
    await Promise.allSettled([mirror.stop(), gitServer?.stop(), stopForgejoServerBench()]);
    await rm(scratch, { recursive: true, force: true });
    throw err;
  }
}
