// The three job shapes of tables 1, 2 and 6, each run in host mode through the test harness:
//  - ours: setup-prewarmed-runner (bootstrap.sh, then its node step), prepare-python (install: sync),
//    secret-guard, cached-tool helm, cached-tool kubeconform, then prepare-python's post step; on the
//    pre-warmed image (warm) or on a bare runner (cold: empty tool cache, empty cache service);
//  - the seed's original job: pip install uv nox (no cache), helm and kubeconform by plain download
//    (one attempt, no checksum), uv sync with an empty cache. Its apt-get phase is measured apart
//    (apt-once.ts): it needs the Debian mirror.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { createJob, repoRoot, type JobOptions } from '../test/harness/runner';
import { actionDirOf, loadActionManifest } from '../test/harness/action-manifest';
import { mirrorTemplate } from '../test/harness/fixtures';
import { JobFlow, StepFailed } from './flow';
import { cachedToolInputs, version, type World } from './world';

export const STEP = {
  bootstrap: 'bootstrap.sh',
  spr: 'setup-prewarmed-runner',
  prepare: 'prepare-python',
  guard: 'secret-guard',
  helm: 'cached-tool helm',
  kubeconform: 'cached-tool kubeconform',
  post: 'prepare-python (post)',
} as const;

export const OUR_STEPS = [
  STEP.bootstrap,
  STEP.spr,
  STEP.prepare,
  STEP.guard,
  STEP.helm,
  STEP.kubeconform,
  STEP.post,
] as const;

export const SEED_STEP = {
  pip: 'pip install uv nox',
  helm: 'curl + tar helm',
  kubeconform: 'curl + tar kubeconform',
  sync: 'uv sync (no cache)',
} as const;

/**
 * - warm: the pre-warmed image on a runner that keeps its tool cache (host or persistent runner);
 * - warm-ephemeral: the image in a fresh container (empty tool cache), the runner's cache warm;
 * - cold: a bare runner, empty tool cache, empty cache service: everything from the mirror;
 * - cold-ephemeral: a bare runner again, but the cache service kept what `cold` saved.
 */
export type OurFlavor = 'warm' | 'warm-ephemeral' | 'cold' | 'cold-ephemeral';

export interface OurJobOptions {
  world: World;
  flavor: OurFlavor;
  cacheUrl: string;
  /** A tool cache kept from job to job (the warm runner's); default: a fresh one. */
  toolCache?: string;
}

const SECRETS = { OPENAI_API_KEY: 'sk-bench-0000000000000000', ANTHROPIC_API_KEY: 'sk-ant-bench-00000000' };

function commonEnv(world: World, cacheUrl: string | undefined): Record<string, string | undefined> {
  return {
    ...(cacheUrl ? { ACTIONS_CACHE_URL: cacheUrl, ACTIONS_RUNTIME_TOKEN: 'bench-token' } : {}),
    // The wheelhouse stands in for an internal package index: nothing reaches PyPI.
    UV_FIND_LINKS: world.wheelhouse,
    UV_OFFLINE: '1',
    UV_NO_PROGRESS: '1',
  };
}

/** The bundle of dist/ (or --dist) for an action; `script` makes the harness skip action.yml... */
export function bundle(world: World, action: string, entry: 'main' | 'post' = 'main'): string {
  return path.join(world.dist, action, `${entry}.mjs`);
}

/** ...so the input defaults the runner would fill in from action.yml are added here. */
export function withDefaults(action: string, inputs: Record<string, string>): Record<string, string> {
  return { ...loadActionManifest(actionDirOf(action))?.inputDefaults, ...inputs };
}

async function projectJob(world: World, opts: JobOptions = {}) {
  const job = await createJob(opts);
  await cp(world.project, job.workspace, { recursive: true });
  return job;
}

export async function ourJob(opts: OurJobOptions): Promise<JobFlow> {
  const { world, flavor } = opts;
  const onImage = flavor === 'warm' || flavor === 'warm-ephemeral';
  const job = await projectJob(world, opts.toolCache ? { toolCache: opts.toolCache } : {});
  const flow = new JobFlow(
    job,
    {
      ...commonEnv(world, opts.cacheUrl),
      CI_KIT_IMAGE_MANIFEST: onImage ? world.manifest : path.join(world.scratch, 'no-image-manifest.json'),
      CI_KIT_DOWNLOAD_MIRROR: world.mirror.url,
    },
    onImage ? [world.imageBin] : [],
  );
  try {
    const sprInputs = {
      tools: 'node git curl tar uv nox helm kubeconform',
      'install-missing': 'true',
      strict: 'false',
      'apt-retries': '5',
    };
    const boot = await flow.shell(STEP.bootstrap, 'sh "$GITHUB_ACTION_PATH/bootstrap.sh"', {
      action: STEP.spr,
      env: {
        GITHUB_ACTION_PATH: path.join(repoRoot, 'actions/setup-prewarmed-runner'),
        CI_KIT_TOOLS: sprInputs.tools,
        CI_KIT_INSTALL_MISSING: sprInputs['install-missing'],
        CI_KIT_STRICT: sprInputs.strict,
        CI_KIT_APT_RETRIES: sprInputs['apt-retries'],
      },
    });
    const spr = await flow.node(STEP.spr, 'setup-prewarmed-runner', {
      // On the image nothing is installed, so the committed bundle runs; off the image it must
      // accept the locally built archives, which only a variant with those pins does (world.ts).
      script: onImage ? bundle(world, 'setup-prewarmed-runner') : world.sprVariant,
      inputs: { tools: sprInputs.tools, 'install-missing': 'true', strict: 'false' },
      env: {
        CI_KIT_NODE: boot.outputs.node,
        CI_KIT_BOOTSTRAP_INSTALLED: boot.outputs.installed,
        CI_KIT_BOOTSTRAP_SECONDS: boot.outputs.seconds,
      },
    });
    const prepareInputs = {
      install: 'sync',
      'uv-download-url': mirrorTemplate('uv', world.mirror.url),
      'uv-sha256': world.releases.uv.sha256,
    };
    const prepare = await flow.node(STEP.prepare, 'prepare-python', {
      script: bundle(world, 'prepare-python'),
      inputs: withDefaults('prepare-python', prepareInputs),
    });
    await flow.node(STEP.guard, 'secret-guard', {
      script: bundle(world, 'secret-guard'),
      inputs: withDefaults('secret-guard', { secrets: 'OPENAI_API_KEY ANTHROPIC_API_KEY' }),
      env: SECRETS,
    });
    const tools = [];
    for (const [label, tool] of [
      [STEP.helm, 'helm'],
      [STEP.kubeconform, 'kubeconform'],
    ] as const) {
      tools.push(
        await flow.node(label, 'cached-tool', {
          script: bundle(world, 'cached-tool'),
          inputs: withDefaults('cached-tool', cachedToolInputs(tool, world.releases[tool], world.mirror.url)),
        }),
      );
    }
    const post = await flow.node(STEP.post, 'prepare-python', {
      entry: 'post',
      script: bundle(world, 'prepare-python', 'post'),
      inputs: withDefaults('prepare-python', prepareInputs),
      state: prepare.state,
    });

    // A warm number measured on a path that was not warm would be worse than none.
    const expect = (ok: boolean, what: string) => {
      if (!ok) throw new StepFailed(flavor, `expected ${what}`);
    };
    const cacheHit = prepare.outputs['cache-hit'];
    if (onImage) {
      expect(spr.outputs.prewarmed === 'true', `prewarmed=true, got ${JSON.stringify(spr.outputs)}`);
      const source = flavor === 'warm' ? 'tool-cache' : 'remote-cache';
      for (const result of tools) {
        expect(
          result.outputs.source === source,
          `cached-tool source ${source}, got ${result.outputs.source}`,
        );
      }
      expect(cacheHit === 'true', `a uv cache hit, got ${cacheHit}`);
    } else {
      expect(spr.outputs.prewarmed === 'false', 'prewarmed=false on a bare runner');
      const installed = (spr.outputs.installed ?? '').split(',').sort().join(',');
      expect(
        installed === 'helm,kubeconform,nox,uv',
        `spr to install uv, nox, helm, kubeconform, got ${installed}`,
      );
      if (flavor === 'cold') {
        expect(cacheHit === 'false', `a uv cache miss, got ${cacheHit}`);
        expect(/: saved /.test(post.stdout), 'the post step to save the uv cache');
        expect(/ from download on PATH/.test(spr.stdout), 'downloads in setup-prewarmed-runner');
      } else {
        expect(cacheHit === 'true', `a uv cache hit, got ${cacheHit}`);
        expect(
          / from remote-cache on PATH/.test(spr.stdout),
          'remote-cache restores in setup-prewarmed-runner',
        );
      }
    }
    return flow;
  } finally {
    await job.cleanup();
  }
}

/** The seed's job after its apt-get step: what .forgejo/workflows/ci.yml did on python:3.13-slim. */
export async function seedJob(world: World): Promise<JobFlow> {
  const job = await projectJob(world);
  const flow = new JobFlow(job, commonEnv(world, undefined));
  try {
    await flow.shell(
      SEED_STEP.pip,
      [
        'set -eu',
        // --target: the system site-packages of python:3.13-slim without touching this machine's.
        `"${world.pipPython}" -m pip install --quiet --disable-pip-version-check --no-input --no-cache-dir` +
          ` --no-index --find-links "${world.wheelhouse}" --target "$RUNNER_TEMP/site"` +
          ` "uv==${version('uv')}" "nox==${version('nox')}"`,
        'echo "$RUNNER_TEMP/site/bin" >> "$GITHUB_PATH"',
      ].join('\n'),
    );
    for (const [label, tool, inner] of [
      [SEED_STEP.helm, 'helm', 'linux-amd64/helm'],
      [SEED_STEP.kubeconform, 'kubeconform', 'kubeconform'],
    ] as const) {
      const release = world.releases[tool];
      const url = mirrorTemplate(tool, world.mirror.url)
        .replace('{version}', version(tool))
        .replace('{file}', release.fileName);
      await flow.shell(
        label,
        [
          'set -eu',
          `mkdir -p "$RUNNER_TEMP/bin" "$RUNNER_TEMP/${tool}"`,
          // As the seed did: one attempt, no --retry, no checksum.
          `curl -fsSL -o "$RUNNER_TEMP/${tool}.tar.gz" "${url}"`,
          `tar -xzf "$RUNNER_TEMP/${tool}.tar.gz" -C "$RUNNER_TEMP/${tool}"`,
          `mv "$RUNNER_TEMP/${tool}/${inner}" "$RUNNER_TEMP/bin/${tool}"`,
          'echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"',
        ].join('\n'),
      );
    }
    await flow.shell(SEED_STEP.sync, 'UV_CACHE_DIR="$RUNNER_TEMP/uv-cache" uv sync --frozen --quiet');
    return flow;
  } finally {
    await job.cleanup();
  }
}
