// The example tiered workflow (examples/workflows/python-ci.yml) on the real Forgejo server: the bench of
// forgejo-server.ts plus the release mirror (helm, kubeconform, uv, our builds pinned by sha256, handed
// to the workflow as repository variables) and the example project as `ops/example-project`, whose
// pushes to main run the workflow. actions/checkout and actions/cache are the real ones.
//
// Two ways to run the jobs:
// - `containers` (the default where podman works): as users run the template. The runner is registered
//   with the label `docker:docker://python:3.13-slim` on podman's Docker API (host network: jobs reach
//   the server, the mirror and the cache on 127.0.0.1), and every job runs in the `container:` image the
//   template names, built here under that very name (test/harness/example-images.ts): the pre-warmed
//   image (base target) and its dind target, whose docker job builds for real through the host's daemon
//   (podman's socket mounted into the job container, DOCKER_BUILDKIT=0 in the runner's envs, as
//   images/python-ci/README.md tells a runner admin).
// - host mode: the jobs run on this machine, `container:` removed, the pre-warmed image stood in for by
//   a pre-warmed host (the tools at the pinned versions on the runner's PATH and the image manifest).
// Shared by test/e2e/example-workflow-server.test.ts and the demo (test/e2e/demo-server.ts).
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TOOLCHAIN } from '@ci-kit/tools';
import { repoRoot } from './action-manifest';
import { hostRunnableExample, type HostWorkflow } from './example-workflow';
import { publishRelease, type PublishedRelease } from './fixtures';
import { startForgejoServer, type ForgejoServer, type RunResult, type WorkClone } from './forgejo-server';
import { startMirror, type Mirror } from './mirror';
import { containerModeUnavailable, startPodman, type Podman } from './podman';
import { hostPlatform } from './stack';
import { toolsBin } from './tools-bin';
import {
  EXAMPLE_IMAGES,
  IMAGE_STORE,
  IMAGE_STORE_DRIVER,
  ensureExampleImages,
  exampleImagesUnavailable,
} from './example-images';

export const EXAMPLE_REPO = { owner: 'ops', repo: 'example-project' };
const WORKFLOW_FILE = '.forgejo/workflows/ci.yml';

export interface ExampleRun {
  result: RunResult;
  /** Files the jobs wrote under E2E_OUT (the example project's nox sessions write `<session>.env`). */
  files: Record<string, string>;
  values: Record<string, Record<string, string>>;
  /** The pushed commit. */
  sha: string;
  /** From the push to the last job done, in ms. */
  ms: number;
}

/** Why the template cannot run in containers here, or undefined when it can. */
export function containersUnavailable(): string | undefined {
  return containerModeUnavailable() ?? exampleImagesUnavailable();
}

export interface ExampleBench {
  /** How the jobs run: in containers (podman's Docker API) or on this machine. */
  mode: 'containers' | 'host';
  server: ForgejoServer;
  /** Container mode: the podman serving the Docker API. */
  podman?: Podman;
  /** Container mode: how long making sure the images were current took, and whether it built them. */
  images?: { ms: number; built: boolean };
  mirror: Mirror;
  releases: { helm: PublishedRelease; kubeconform: PublishedRelease; uv: PublishedRelease };
  kitCommit: string;
  /** The host-mode workflow and its list of rewrites. */
  workflow: HostWorkflow;
  /** The image manifest of the pre-warmed host (host mode), or the pre-warmed image's name. */
  manifest: string;
  /** One line per thing the runner host is given (the demo prints them). */
  setup: string[];
  /**
   * Pushes a commit to main (the first one holds the project and the workflow) and waits for its run.
   * `failSession`: the workflow's top-level env sets E2E_FAIL_SESSION, whose nox session then fails.
   */
  run(opts?: { failSession?: string; timeoutMs?: number }): Promise<ExampleRun>;
  stop(): Promise<void>;
}

function parseKeyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return values;
}

/**
 * Starts everything; `name` names the kept log folder (.tmp/e2e-logs/<name>/). `mode`: containers by
 * default where podman and buildah work (containersUnavailable() says why not), else host mode.
 * `log`: progress lines (a cold image build takes minutes).
 */
export async function startExampleBench(opts: {
  name: string;
  capacity?: number;
  mode?: 'containers' | 'host';
  log?: (line: string) => void;
}): Promise<ExampleBench> {
  const mode = opts.mode ?? (containersUnavailable() ? 'host' : 'containers');
  let images: ExampleBench['images'];
  if (mode === 'containers') {
    const why = containersUnavailable();
    if (why) throw new Error(`the example cannot run in containers here: ${why} (use host mode)`);
    images = await ensureExampleImages(opts.log);
  }
  const server = await startForgejoServer({ name: opts.name });
  const mirror = await startMirror();
  let podman: Podman | undefined;
  try {
    const platform = hostPlatform();
    const [helm, kubeconform, uv] = await Promise.all([
      publishRelease(mirror, 'helm', TOOLCHAIN.helm.version, platform, toolsBin('helm')),
      publishRelease(mirror, 'kubeconform', TOOLCHAIN.kubeconform.version, platform, toolsBin('kubeconform')),
      publishRelease(mirror, 'uv', TOOLCHAIN.uv.version, platform, toolsBin('uv'), {
        uvxPath: toolsBin('uvx'),
      }),
    ]);
    await server.publishVendoredActions();
    const kitCommit = await server.publishKit();
    await server.createRepo(EXAMPLE_REPO.owner, EXAMPLE_REPO.repo);
    const vars = {
      MIRROR: mirror.url,
      HELM_SHA256: helm.sha256,
      KUBECONFORM_SHA256: kubeconform.sha256,
      UV_SHA256: uv.sha256,
    };
    for (const [name, value] of Object.entries(vars)) {
      await server.api.setVariable(EXAMPLE_REPO.owner, EXAMPLE_REPO.repo, name, value);
    }

    const outDir = path.join(server.logDir, 'e2e-out');
    await mkdir(outDir, { recursive: true });
    let manifest: string;
    const setup: string[] = [];
    if (mode === 'containers') {
      podman = await startPodman({
        storageDriver: IMAGE_STORE_DRIVER,
        imageStore: IMAGE_STORE,
        minbase: false,
      });
      manifest = `${EXAMPLE_IMAGES.prewarmed}:/etc/forgejo-ci-kit/toolchain.json`;
      await server.startRunner({
        name: 'example-runner',
        labels: [`docker:docker://${EXAMPLE_IMAGES.python}`],
        capacity: opts.capacity ?? 2,
        dockerHost: podman.dockerHost,
        mountDockerHost: true,
        // The nox sessions write what they did to E2E_OUT, where the tests read it.
        containerOptions: `--volume ${outDir}:${outDir}`,
        validVolumes: [outDir],
        env: { E2E_OUT: outDir, DOCKER_BUILDKIT: '0' },
      });
      setup.push(
        `podman ${podman.dockerHost} (Docker API, ${IMAGE_STORE_DRIVER}, host network), images read from ${IMAGE_STORE}`,
        `label docker:docker://${EXAMPLE_IMAGES.python}; container.network: host; container.docker_host: the podman socket (mounted in job containers); envs DOCKER_BUILDKIT=0`,
        `images ${EXAMPLE_IMAGES.prewarmed} and ${EXAMPLE_IMAGES.dind} (images/python-ci built with buildah), ${EXAMPLE_IMAGES.python} (Debian trixie minbase + python3, no Node)${images?.built ? `: built now in ${(images.ms / 1000).toFixed(0)} s` : ': current'}`,
      );
    } else {
      // The pre-warmed host: the tools at the pinned versions, and the image manifest.
      const host = path.join(server.logDir, 'prewarmed-host');
      const bin = path.join(host, 'bin');
      manifest = path.join(host, 'etc/forgejo-ci-kit/toolchain.json');
      await mkdir(bin, { recursive: true });
      await mkdir(path.dirname(manifest), { recursive: true });
      for (const tool of ['uv', 'uvx', 'nox', 'helm', 'kubeconform']) {
        await symlink(toolsBin(tool), path.join(bin, tool)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      }
      const toolchain = JSON.parse(await readFile(path.join(repoRoot, 'toolchain.json'), 'utf8')) as object;
      await writeFile(manifest, JSON.stringify({ ...toolchain, image: { version: 'e2e-host' } }, null, 2));
      await server.startRunner({
        name: 'example-runner',
        labels: ['docker:host'],
        capacity: opts.capacity ?? 2,
        path: [bin],
        env: {
          CI_KIT_IMAGE_MANIFEST: manifest,
          E2E_OUT: outDir,
          // An air-gapped runner with a wheel mirror: nox and the project's packages come from the
          // wheelhouse that setup-tools keeps, never from an index.
          UV_FIND_LINKS: path.join(repoRoot, '.tools/wheels'),
          UV_OFFLINE: '1',
          UV_NO_PROGRESS: '1',
          PIP_NO_INDEX: '1',
        },
      });
      setup.push(`pre-warmed host: uv, nox, helm, kubeconform on PATH, image manifest ${manifest}`);
    }
    const workflow = await hostRunnableExample(server.url, {
      actionsCache: true,
      containers: mode === 'containers',
    });
    let clone: WorkClone | undefined;

    return {
      mode,
      server,
      podman,
      images,
      setup,
      mirror,
      releases: { helm, kubeconform, uv },
      kitCommit,
      workflow,
      manifest,
      async run(runOpts = {}) {
        const started = Date.now();
        for (const file of await readdir(outDir)) await rm(path.join(outDir, file), { force: true });
        if (!clone) {
          clone = await server.clone(EXAMPLE_REPO.owner, EXAMPLE_REPO.repo);
          await clone.copyFrom(path.join(repoRoot, 'test/fixtures/py-app'));
          await clone.copyFrom(path.join(repoRoot, 'test/e2e/fixtures/example-project'));
        }
        const failing = runOpts.failSession
          ? workflow.yaml.replace(/^jobs:$/m, `env:\n  E2E_FAIL_SESSION: ${runOpts.failSession}\njobs:`)
          : workflow.yaml;
        await clone.write({ [WORKFLOW_FILE]: failing });
        const sha = clone.commit(
          runOpts.failSession ? `fail ${runOpts.failSession} on purpose` : 'run the example',
        );
        clone.push(['main']);
        const found = await server.findRun({
          repo: `${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}`,
          headSha: sha,
          event: 'push',
        });
        const result = await server.readRun(
          `${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}`,
          found,
          runOpts.timeoutMs ?? 600_000,
        );
        const files: Record<string, string> = {};
        const values: Record<string, Record<string, string>> = {};
        for (const name of await readdir(outDir)) {
          const text = await readFile(path.join(outDir, name), 'utf8');
          files[name] = text;
          values[name] = parseKeyValues(text);
        }
        return { result, files, values, sha, ms: Date.now() - started };
      },
      async stop() {
        await Promise.allSettled([server.stop(), mirror.stop()]);
        await podman?.stop();
      },
    };
  } catch (err) {
    await Promise.allSettled([server.stop(), mirror.stop()]);
    await podman?.stop();
    throw err;
  }
}
