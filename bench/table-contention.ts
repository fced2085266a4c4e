// Table 7d: the seed's contention (Q queued pushes on a runner of capacity C), flat graph against the
// tiered graph with cancel-in-progress, through the model of bench/contention-model.ts. The model is fed
// with job times measured here: the example workflow (examples/workflows/python-ci.yml, as the demo
// runs it) on forgejo-runner, warm, each job from its first log line to its last. The example's tests
// are tiny, so each job also gets the test time a real project spends in it; those figures are an
// assumption, stated in the table's header, and the same for both graphs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeRun, runWorkflow, type WorkflowRun } from '../test/harness/driver';
import { EXAMPLE_LABELS, hostRunnableExample } from '../test/harness/example-workflow';
import { repoRoot } from '../test/harness/runner';
import type { Stack } from '../test/harness/stack';
import { simulate, type ModelJob, type ModelPush } from './contention-model';
import { fmtMs, markdownTable } from './stats';

/** Test seconds per job added to the measured times: an assumption (the seed gives no job times), stated in the table. */
export const ASSUMED_TEST_SECONDS: Record<string, number> = {
  tier1: 60,
  integration: 300,
  e2e: 300,
  docker: 240,
  helm: 60,
  coverage: 300,
  'push-validation': 30,
};

/** When the fix for a red first push arrives. */
const FIX_AFTER_SECONDS = 300;

export interface Contention {
  markdown: string;
  headline: string;
}

/** Measured seconds per job id (matrix legs: the slowest leg), from a warm run of the example. */
async function measureExample(stack: Stack, work: string, runs: WorkflowRun[]): Promise<Map<string, number>> {
  const example = await hostRunnableExample(stack.git.url);
  const workflow = path.join(work, 'python-ci.yml');
  await writeFile(workflow, example.yaml);
  const project = await stack.newProject('contention-project', [
    path.join(repoRoot, 'test/fixtures/py-app'),
    path.join(repoRoot, 'test/e2e/fixtures/example-project'),
  ]);
  const runner = await stack.newRunner('contention');
  const host = await stack.prewarmedHost();
  let last: WorkflowRun | undefined;
  for (let i = 0; i < 2; i++) {
    last = await runWorkflow({
      workflow,
      project,
      runnerDir: runner,
      vars: stack.vars,
      env: { ...stack.env, ...host.env },
      path: host.path,
      hostLabels: EXAMPLE_LABELS,
      timeoutMs: 600_000,
    });
    runs.push(last);
    if (last.exitCode !== 0)
      throw new Error(`the example workflow failed on forgejo-runner: ${last.failures().join('; ')}`);
  }
  const seconds = new Map<string, number>();
  for (const job of last?.jobs ?? []) {
    const s = ((job.endedAt ?? 0) - (job.startedAt ?? 0)) / 1000;
    seconds.set(job.id, Math.max(seconds.get(job.id) ?? 0, s));
  }
  return seconds;
}

/** The example's graph: each tier-1 leg a job of its own (the matrix), tier 2 needing all of them. */
function graphOf(measured: Map<string, number>, legs: number): { tiered: ModelJob[]; flat: ModelJob[] } {
  const at = (id: string) => (measured.get(id) ?? 0) + (ASSUMED_TEST_SECONDS[id] ?? 0);
  const tier1 = Array.from({ length: legs }, (_, i) => `tier1-${i + 1}`);
  const tier2 = ['integration', 'e2e', 'docker', 'helm', 'coverage', 'push-validation'];
  const tiered: ModelJob[] = [
    { id: 'prepare', seconds: at('prepare'), needs: [] },
    ...tier1.map((id) => ({ id, seconds: at('tier1'), needs: ['prepare'] })),
    ...tier2.map((id) => ({ id, seconds: at(id), needs: tier1 })),
    { id: 'status-check', seconds: at('status-check'), needs: [...tier1, ...tier2] },
  ];
  // The seed's flat workflow: no prepare job, no status-check; every job queued at the push. Heavy jobs
  // first is an assumption (the seed's report does not give the file's order); docs/scale-out.md says so.
  const flat: ModelJob[] = [...tier2, ...tier1].map((id) => ({
    id,
    seconds: at(id.startsWith('tier1') ? 'tier1' : id),
    needs: [],
  }));
  return { tiered, flat };
}

export async function contentionTable(
  stack: Stack,
  work: string,
  log: (line: string) => void,
): Promise<Contention> {
  const runs: WorkflowRun[] = [];
  const dir = await mkdtemp(path.join(work, 'contention-'));
  try {
    log('table 7d: the example workflow twice on forgejo-runner (job times for the contention model)');
    const measured = await measureExample(stack, dir, runs);
    const { tiered, flat } = graphOf(measured, 5);
    const rows: string[][] = [];
    let headline = '';
    for (const [q, capacity] of [
      [4, 2],
      [8, 2],
      [8, 4],
    ] as const) {
      // Q pushes: Q/2 pull requests queued at once, each pushed twice: a first push that fails one
      // tier-1 leg, then its fix 5 minutes later.
      const pushes: ModelPush[] = Array.from({ length: q }, (_, i) => ({
        at: i % 2 === 0 ? 0 : FIX_AFTER_SECONDS,
        ref: `pr-${Math.floor(i / 2) + 1}`,
        failing: i % 2 === 0 ? ['tier1-1'] : [],
      }));
      for (const [graph, jobs, isTiered] of [
        ['flat (the seed)', flat, false],
        ['tiered + cancel-in-progress', tiered, true],
      ] as const) {
        const result = simulate({ jobs, pushes, capacity, tiered: isTiered });
        const reds = result.firstRed.filter((v): v is number => v !== undefined);
        const done = result.finished.filter((v): v is number => v !== undefined);
        const row = [
          `Q = ${q}, C = ${capacity}`,
          graph,
          reds.length ? fmtMs((reds.reduce((a, b) => a + b, 0) / reds.length) * 1000) : '–',
          (result.runnerSeconds / 60).toFixed(1),
          String(result.ran),
          String(result.cancelled),
          String(result.skipped),
          done.length ? fmtMs(Math.max(...done) * 1000) : '–',
        ];
        rows.push(row);
        if (q === 8 && capacity === 2) headline += `${graph}: first red ${row[2]}, ${row[3]} runner-min; `;
      }
    }
    const measuredList = [...measured].map(([id, s]) => `${id} ${fmtMs(s * 1000)}`).join(', ');
    const assumed = Object.entries(ASSUMED_TEST_SECONDS)
      .map(([id, s]) => `${id} ${s} s`)
      .join(', ');
    return {
      headline: `contention model (Q = 8, C = 2): ${headline.replace(/; $/, '')}`,
      markdown: [
        "#### 7d. The seed's contention: Q queued pushes on a runner of capacity C (model fed with measured job times)",
        '',
        `The model (bench/contention-model.ts, written down in docs/scale-out.md) runs Q pushes: Q/2 pull requests queued at once, each with a first push that fails one tier-1 leg and its fix ${FIX_AFTER_SECONDS / 60} minutes later (a push to the same ref); "first red" is the mean time from a failing push to its first failed job (– when every failing run was cancelled before it showed red), "last run done" the time until the last run still standing finished. Job times measured on forgejo-runner (the example workflow, warm, slowest matrix leg): ${measuredList}. Added to each, the test time a real project spends (assumed, the same for both graphs): ${assumed}.`,
        '',
        markdownTable(
          [
            'queue',
            'graph',
            'first red (mean)',
            'runner-minutes',
            'jobs run',
            'jobs cancelled',
            'jobs skipped',
            'last run done',
          ],
          rows,
          ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
      ].join('\n'),
    };
  } finally {
    await Promise.all(runs.map(removeRun));
    await rm(dir, { recursive: true, force: true });
  }
}
