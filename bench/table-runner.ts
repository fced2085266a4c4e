// Table 6 through the real runner: the e2e driver (test/harness/driver.ts: a real Forgejo server and its
// registered forgejo-runner daemon, in host mode) runs bench/workflows/seed.yml and
// bench/workflows/ours.yml, with our actions resolved as remote actions at the v1 tag from that server,
// release files from the stack's loopback mirror, and the runner host's signed cache stack. Same repetitions, interleaved: the seed's job
// on a fresh runner, ours warm (the image stand-in, a runner that ran the job before) and ours cold (a
// fresh runner: empty tool cache, empty cache service, no action clones yet).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeRun, runWorkflow, type WorkflowRun } from '../test/harness/driver';
import { haveForgejoRunner } from '../test/harness/runners/forgejo-server';
import { startStack, type Stack } from '../test/harness/stack';
import { repoRoot } from '../test/harness/runner';
import { parse, stringify } from 'yaml';
import { ownTelemetry } from './phases';
import { version, type World } from './world';

/**
 * `noop`: ours.yml's twin with every `uses:` of ours a no-op `run:` step; `sha`: ours.yml with our
 * actions pinned by the tag's commit instead of `@v1`; `tier1` and `tier1-noop`: ours.yml and its twin
 * cut down to the shape of the template's most frequent job (tier1, prepare, coverage: checkout,
 * setup-prewarmed-runner, prepare-python). All on the warm runner.
 */
export type RunnerJob = 'seed' | 'warm' | 'cold' | 'noop' | 'sha' | 'tier1' | 'tier1-noop';

/** The steps of ours.yml a tier1-shaped job keeps (actions/checkout is kept too). */
const TIER1_STEPS = new Set(['setup', 'python', 'record']);
const noSamples = (): Record<RunnerJob, RunnerSample[]> => ({
  seed: [],
  warm: [],
  cold: [],
  noop: [],
  sha: [],
  tier1: [],
  'tier1-noop': [],
});

/** `workflow` with only the tier1 job's steps, written beside the bench's other generated files. */
async function tier1Workflow(workflow: string, out: string): Promise<string> {
  const parsed = parse(await readFile(workflow, 'utf8')) as {
    jobs: Record<string, { steps: Array<{ id?: string; uses?: string }> }>;
  };
  for (const job of Object.values(parsed.jobs))
    job.steps = job.steps.filter(
      (step) => step.uses?.startsWith('actions/checkout') || TIER1_STEPS.has(step.id ?? ''),
    );
  await writeFile(out, stringify(parsed));
  return out;
}

export interface RunnerSample {
  /** The whole runner run: start-up, job set-up (action clones), steps, clean-up. */
  wallMs: number;
  /** The job from its first log line to its last (the runner's set-up and clean-up of the job included). */
  jobMs: number;
  /** Step id (top level) and stage -> ms, e.g. `python/Post`; the runner's own stages as `-/<stage>`. */
  steps: Record<string, number>;
  /** The same keys: the time inside the action, as its own `telemetry` output reports it (ms.total). */
  inside: Record<string, number>;
  /** The same keys: the action's phases (its telemetry's ms, `total` left out). */
  phases: Record<string, Record<string, number>>;
}

export interface RunnerJobs {
  available: boolean;
  note: string;
  samples: Record<RunnerJob, RunnerSample[]>;
}

const WORKFLOWS = path.join(repoRoot, 'bench/workflows');
const SECRETS = { OPENAI_API_KEY: 'sk-bench-0000000000000000', ANTHROPIC_API_KEY: 'sk-ant-bench-00000000' };
const ALL_TOOLS = 'node git curl tar uv nox helm kubeconform';

export function runnerSkipped(note: string): RunnerJobs {
  return { available: false, note, samples: noSamples() };
}

export async function runOnRunner(
  world: World,
  reps: number,
  log: (line: string) => void,
): Promise<RunnerJobs> {
  if (!haveForgejoRunner()) return runnerSkipped('forgejo-runner is not built (npm run setup-tools)');
  let stack: Stack | undefined;
  const runs: WorkflowRun[] = [];
  const samples: RunnerJobs['samples'] = noSamples();
  try {
    stack = await startStack();
    const project = await stack.newProject('bench-project', [world.project]);
    const vars = {
      ...stack.vars,
      PIP_PYTHON: world.pipPython,
      WHEELS: world.wheelhouse,
      UV_VERSION: version('uv'),
      NOX_VERSION: version('nox'),
      HELM_VERSION: version('helm'),
      KUBECONFORM_VERSION: version('kubeconform'),
    };
    const warmVars = { ...vars, IMAGE_MANIFEST: world.manifest, SETUP_TOOLS: ALL_TOOLS };
    const coldVars = {
      ...vars,
      IMAGE_MANIFEST: path.join(world.scratch, 'no-image-manifest.json'),
      SETUP_TOOLS: 'node git curl tar',
    };
    // The forgejo-runner fetches a `uses:` pinned by a tag from the forge for every step; one pinned by
    // a full commit it has in its action cache it takes from there ("git fetch skipped").
    const pinned = path.join(world.scratch, 'ours-pinned.yml');
    await writeFile(
      pinned,
      (await readFile(path.join(WORKFLOWS, 'ours.yml'), 'utf8')).replaceAll('@v1', `@${stack.kitCommit}`),
    );
    const tier1 = {
      ours: await tier1Workflow(path.join(WORKFLOWS, 'ours.yml'), path.join(world.scratch, 'tier1.yml')),
      noop: await tier1Workflow(
        path.join(WORKFLOWS, 'ours-noop.yml'),
        path.join(world.scratch, 'tier1-noop.yml'),
      ),
    };
    const workflowOf = (kind: RunnerJob | 'prime'): string => {
      if (kind === 'sha') return pinned;
      if (kind === 'tier1') return tier1.ours;
      if (kind === 'tier1-noop') return tier1.noop;
      return path.join(
        WORKFLOWS,
        kind === 'seed' ? 'seed.yml' : kind === 'noop' ? 'ours-noop.yml' : 'ours.yml',
      );
    };
    const run = async (kind: RunnerJob | 'prime', runnerDir: string): Promise<RunnerSample> => {
      const seed = kind === 'seed';
      const result = await runWorkflow({
        workflow: workflowOf(kind),
        project,
        runnerDir,
        vars: seed ? vars : kind === 'cold' ? coldVars : warmVars,
        env: stack?.env ?? {},
        // The image's tools first on PATH (host mode: the jobs' PATH too).
        ...(seed || kind === 'cold' ? {} : { path: [world.imageBin, world.imagePythonBin] }),
        secrets: SECRETS,
        timeoutMs: 300_000,
      });
      runs.push(result);
      const job = result.job(seed ? 'seed' : 'ours');
      if (result.exitCode !== 0 || job.result !== 'success') {
        throw new Error(
          `${kind} job on forgejo-runner: exit ${result.exitCode}, ${job.result}\n${result.output(seed ? 'seed' : 'ours').slice(-3000)}`,
        );
      }
      if (!seed) checkOurs(kind, result.values['ours.env'] ?? {});
      const steps: Record<string, number> = {};
      const inside: Record<string, number> = {};
      const phases: Record<string, Record<string, number>> = {};
      for (const step of job.steps) {
        if (step.id.length > 1) continue;
        const key = `${step.id[0] ?? '-'}/${step.stage}`;
        steps[key] = (steps[key] ?? 0) + step.ms;
        const own = ownTelemetry(step.outputs.telemetry);
        if (own?.total !== undefined) {
          const { total, ...rest } = own;
          inside[key] = total;
          phases[key] = rest;
        }
      }
      const jobMs = (job.endedAt ?? Number.NaN) - (job.startedAt ?? Number.NaN);
      return { wallMs: result.ms, jobMs, steps, inside, phases };
    };

    const warmRunner = await stack.newRunner('bench-warm');
    log('table 6 (runner): priming the warm runner (one run, not counted)');
    await run('prime', warmRunner);
    const order: RunnerJob[] = ['seed', 'warm', 'noop', 'sha', 'tier1', 'tier1-noop', 'cold'];
    for (let rep = 0; rep < reps; rep++) {
      const rotated = order.map((_, i) => order[(i + rep) % order.length] as RunnerJob);
      log(`table 6 (runner): repetition ${rep + 1}/${reps} (${rotated.join(', ')})`);
      for (const kind of rotated) {
        // The no-op twin runs on the warm runner too: the same runner state, only our steps differ.
        const warmish = kind !== 'seed' && kind !== 'cold';
        const runnerDir = warmish ? warmRunner : await stack.newRunner(`bench-${kind}`);
        samples[kind].push(await run(kind, runnerDir));
      }
    }
    return { available: true, note: 'forgejo-runner daemon on a real Forgejo server, host mode', samples };
  } catch (error) {
    log(`table 6 (runner): not available: ${(error as Error).message}`);
    return runnerSkipped(`the run through forgejo-runner failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await Promise.all(runs.map((run) => removeRun(run)));
    await stack?.stop();
  }
}

/** A warm number taken on a path that was not warm would be worse than none. */
function checkOurs(kind: RunnerJob | 'prime', found: Record<string, string>): void {
  const expected: Record<string, string> =
    kind === 'warm' || kind === 'sha'
      ? {
          prewarmed: 'true',
          'cache-hit': 'true',
          'helm-source': 'tool-cache',
          'kubeconform-source': 'tool-cache',
        }
      : kind === 'tier1'
        ? { prewarmed: 'true', 'cache-hit': 'true' }
        : kind === 'cold'
          ? { 'cache-hit': 'false', 'helm-source': 'download', 'kubeconform-source': 'download' }
          : kind === 'noop' || kind === 'tier1-noop'
            ? { noop: 'true' }
            : {};
  for (const [name, value] of Object.entries(expected)) {
    if (found[name] !== value)
      throw new Error(`${kind} job: expected ${name}=${value}, got ${JSON.stringify(found)}`);
  }
}
