// The example tiered workflow (examples/workflows/python-ci.yml), made runnable on the e2e runner
// (forgejo-runner; act with `forForge` unset), in host mode or (`containers`) in containers as users run
// it. The example itself stays the one source: every change is made here, in code, and listed in the
// header of the generated file (and in test/e2e/README.md), so a reader sees exactly what the e2e run
// differs in from what users copy.
//
// What changes, and why:
// - `container:` goes in host mode only: host mode runs steps on this machine (no container engine);
//   the pre-warmed image is stood in for by a pre-warmed host (the same tools at the pinned versions on
//   PATH, and the image manifest at CI_KIT_IMAGE_MANIFEST). With `containers` it stays: the images are
//   built under the template's own names (test/harness/example-images.ts).
// - `uses: https://forge.example/ops/forgejo-ci-kit/actions/<name>@v1`: forge.example becomes the
//   loopback forge (forgejo-runner takes full URLs as they are), the substitution the template's header
//   tells every user to make. For act, which does not accept full-URL `uses:`, it becomes
//   `ops/forgejo-ci-kit/actions/<name>@v1`, resolved against GITHUB_SERVER_URL.
// - cached-tool steps get `download-url` (the loopback mirror) and `sha256` (our own builds differ from
//   upstream's archives), as a user pinning an internal build would write them.
// - `actions/cache@v4` steps become a logged no-op unless the forge serves the real one (`actionsCache`).
// - A `run:` step that calls `docker` (the docker job's build) becomes a check that the Dockerfile is
//   there, unless the job has a Docker engine (`dockerEngine`, implied by `containers`: the runner
//   mounts podman's Docker API into the job container).
// - `kubeconform` gets `-schema-location` pointing at the project's local schemas: its default schema
//   location is on GitHub.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot } from './runner';
import { KIT_OWNER, KIT_REPO } from './stack';

export const EXAMPLE_WORKFLOW = path.join(repoRoot, 'examples/workflows/python-ci.yml');

/** The runs-on labels the example uses, mapped to host mode. */
export const EXAMPLE_LABELS = ['docker'];

/** Where kubeconform finds the schemas in the example project (test/e2e/fixtures/example-project/schemas). */
export const LOCAL_SCHEMAS = 'schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json';

const MIRROR_INPUTS: Record<string, { url: string; sha: string }> = {
  helm: { url: '${{ vars.MIRROR }}/helm/{file}', sha: '${{ vars.HELM_SHA256 }}' },
  kubeconform: {
    url: '${{ vars.MIRROR }}/yannh/kubeconform/releases/download/v{version}/{file}',
    sha: '${{ vars.KUBECONFORM_SHA256 }}',
  },
};

type Step = Record<string, unknown> & { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = Record<string, unknown> & { steps?: Step[] };

export interface HostWorkflow {
  yaml: string;
  /** One line per change, also written as comments at the top of `yaml`. */
  changes: string[];
}

/**
 * `forge`: the loopback forge's URL, for forgejo-runner (full-URL `uses:` keep their form); without it
 * the workflow is made for act.
 */
export function hostRunnable(
  text: string,
  forge?: string,
  source = 'examples/workflows/python-ci.yml',
  {
    dockerEngine = false,
    actionsCache = false,
    containers = false,
  }: { dockerEngine?: boolean; actionsCache?: boolean; containers?: boolean } = {},
): HostWorkflow {
  const workflow = parse(text) as { jobs: Record<string, Job> };
  const changes: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    for (const key of containers ? [] : ['container', 'services']) {
      if (key in job) {
        changes.push(`${jobId}: ${key}: removed (host mode runs on this machine)`);
        delete job[key];
      }
    }
    job.steps = (job.steps ?? []).map((step, index) => {
      const where = `${jobId}.steps[${index}]`;
      if (typeof step.uses === 'string') return usesStep(step, where, changes, forge, actionsCache);
      if (typeof step.run === 'string') return runStep(step, where, changes, dockerEngine || containers);
      return step;
    });
  }
  const header = [
    `# Generated from ${source} for the e2e runner (${forge ? 'forgejo-runner' : 'act'}, ${containers ? 'in containers' : 'host mode'}) by test/harness/example-workflow.ts.`,
    '# Changes from the original:',
    ...changes.map((change) => `#   - ${change}`),
  ].join('\n');
  return { yaml: `${header}\n${stringify(workflow, { lineWidth: 0 })}`, changes };
}

export async function hostRunnableExample(
  forge?: string,
  opts: { actionsCache?: boolean; containers?: boolean } = {},
): Promise<HostWorkflow> {
  return hostRunnable(await readFile(EXAMPLE_WORKFLOW, 'utf8'), forge, undefined, opts);
}

function usesStep(
  step: Step,
  where: string,
  changes: string[],
  forge: string | undefined,
  actionsCache = false,
): Step {
  const uses = step.uses as string;
  const full = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)(\/[^@]*)?@(.+)$/.exec(uses);
  let result: Step = step;
  if (full && forge) {
    const resolved = uses.replace(/^https?:\/\/[^/]+/, forge);
    result = { ...step, uses: resolved };
    changes.push(
      `${where}: uses: ${uses} -> ${resolved} (the loopback forge stands in for forge.example, as the template says to replace it)`,
    );
  } else if (full) {
    const [, owner = '', repo = '', subpath = '', ref = ''] = full;
    const resolved =
      repo === KIT_REPO ? `${KIT_OWNER}/${KIT_REPO}${subpath}@${ref}` : `${owner}/${repo}${subpath}@${ref}`;
    result = { ...step, uses: resolved };
    changes.push(`${where}: uses: ${uses} -> ${resolved} (act takes owner/repo from GITHUB_SERVER_URL)`);
  }
  const name = /\/actions\/([^@/]+)@/.exec(result.uses ?? '')?.[1];
  if (name === 'cached-tool') {
    const tool = String(step.with?.tool ?? '');
    const mirror = MIRROR_INPUTS[tool];
    if (mirror) {
      result = { ...result, with: { ...result.with, 'download-url': mirror.url, sha256: mirror.sha } };
      changes.push(`${where}: cached-tool ${tool}: download-url and sha256 of the loopback mirror's build`);
    }
  }
  // `actionsCache`: the forge serves the real actions/cache (the real Forgejo server bench does).
  if (/^actions\/cache@/.test(uses) && !actionsCache) {
    const key = String(step.with?.key ?? '');
    changes.push(`${where}: ${uses} -> a logged no-op (the upstream action is not reachable here)`);
    return {
      name: `Stand-in for ${uses}`,
      run: `echo "stand-in for ${uses}: key=${key.replace(/"/g, '\\"')}"`,
    };
  }
  return result;
}

function runStep(step: Step, where: string, changes: string[], dockerEngine: boolean): Step {
  let run = step.run as string;
  if (!dockerEngine && /(^|\s)docker\s/m.test(run)) {
    changes.push(
      `${where}: docker build -> a check that the Dockerfile exists (no Docker engine in host mode)`,
    );
    return {
      ...step,
      name: step.name ?? 'Stand-in for the docker build',
      run: 'test -f Dockerfile\necho "docker build: stand-in (host mode has no Docker engine); Dockerfile present"',
    };
  }
  if (/(^|[|\s])kubeconform\s/.test(run)) {
    run = run.replace(/(^|[|\s])kubeconform\s/g, `$1kubeconform -schema-location '${LOCAL_SCHEMAS}' `);
    changes.push(
      `${where}: kubeconform -schema-location ${LOCAL_SCHEMAS} (offline; the default is on GitHub)`,
    );
    return { ...step, run };
  }
  return step;
}

/** The rewrites, the full-URL `uses:` ones (one per step) counted on one line. */
export function groupedChanges(changes: string[], serverUrl: string): string[] {
  const uses = changes.filter((change) => / uses: https:\/\/forge\.example\/.* -> /.test(change));
  const rest = changes.filter((change) => !uses.includes(change));
  return [
    ...(uses.length > 0
      ? [
          `${uses.length} x uses: https://forge.example/ops/forgejo-ci-kit/actions/<name>@v1 -> ${serverUrl}/ops/forgejo-ci-kit/actions/<name>@v1 (the template says to replace forge.example with your instance)`,
        ]
      : []),
    ...rest,
  ];
}
