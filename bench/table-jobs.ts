// Tables 1, 2 and 6 from one interleaved loop: each repetition runs the seed's job, our job warm (two
// flavours) and our job cold (two flavours), in a rotating order, so all of them see the same machine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createJob, runAction } from '../test/harness/runner';
import { startCacheServer } from '../test/harness/cache-server';
import { JobFlow } from './flow';
import { OUR_STEPS, ourJob, seedJob, STEP, type OurFlavor } from './jobs';
import { installLines, parseDuration, parsePhaseList, summaryRow, summaryRows } from './phases';
import { fmtMs, fmtSpread, markdownTable, spread, type Spread } from './stats';
import type { World } from './world';

type JobKind = 'seed' | OurFlavor;

export interface JobsResult {
  runs: Record<JobKind, JobFlow[]>;
  noopNode: number[];
  noopShell: number[];
}

export async function runJobs(world: World, reps: number, log: (line: string) => void): Promise<JobsResult> {
  const runs: Record<JobKind, JobFlow[]> = {
    seed: [],
    warm: [],
    'warm-ephemeral': [],
    cold: [],
    'cold-ephemeral': [],
  };
  const noopNode: number[] = [];
  const noopShell: number[] = [];
  const warmServer = await startCacheServer();
  const warmToolCache = await mkdtemp(path.join(world.scratch, 'warm-tool-cache-'));
  const noop = path.join(world.scratch, 'noop.mjs');
  await writeFile(noop, '');
  try {
    // Priming: a cold job fills the warm runner's tool cache and the warm cache service (not counted).
    log('jobs: priming the warm runner (one cold job, not counted)');
    await ourJob({ world, flavor: 'cold', cacheUrl: warmServer.url, toolCache: warmToolCache });

    const units = ['seed', 'warm', 'warm-ephemeral', 'cold'] as const;
    for (let rep = 0; rep < reps; rep++) {
      const order = units.map((_, i) => units[(i + rep) % units.length] as (typeof units)[number]);
      log(`jobs: repetition ${rep + 1}/${reps} (${order.join(', ')})`);
      for (const unit of order) {
        if (unit === 'seed') runs.seed.push(await seedJob(world));
        else if (unit === 'warm') {
          runs.warm.push(
            await ourJob({ world, flavor: 'warm', cacheUrl: warmServer.url, toolCache: warmToolCache }),
          );
        } else if (unit === 'warm-ephemeral') {
          runs['warm-ephemeral'].push(
            await ourJob({ world, flavor: 'warm-ephemeral', cacheUrl: warmServer.url }),
          );
        } else {
          // A fresh, empty cache service for each cold job; the ephemeral job then finds what it saved.
          const server = await startCacheServer();
          try {
            runs.cold.push(await ourJob({ world, flavor: 'cold', cacheUrl: server.url }));
            runs['cold-ephemeral'].push(
              await ourJob({ world, flavor: 'cold-ephemeral', cacheUrl: server.url }),
            );
          } finally {
            await server.stop();
          }
        }
      }
      // Baselines in the same repetition: a node step and a shell step that do nothing.
      const job = await createJob();
      try {
        for (let i = 0; i < 3; i++) {
          noopNode.push((await runAction(job, 'noop', { script: noop })).durationMs);
        }
        const flow = new JobFlow(job, {});
        await flow.shell('noop', ':');
        noopShell.push(flow.stepMs('noop'));
      } finally {
        await job.cleanup();
      }
    }
  } finally {
    await warmServer.stop();
    await rm(warmToolCache, { recursive: true, force: true });
  }
  return { runs, noopNode, noopShell };
}

const stepSpread = (flows: JobFlow[], label: string): Spread =>
  spread(flows.map((flow) => flow.stepMs(label)));
export const totalSpread = (flows: JobFlow[], labels: readonly string[] = OUR_STEPS): Spread =>
  spread(flows.map((flow) => labels.reduce((sum, label) => sum + flow.stepMs(label), 0)));

/** Table 1: warm bootstrap per action and in total, against no-op steps. */
export function warmTable(result: JobsResult): { markdown: string; warmTotal: Spread; overhead: number } {
  const { runs } = result;
  const node = spread(result.noopNode);
  const sh = spread(result.noopShell);
  const baselineOf = (label: string) => (label === STEP.bootstrap ? sh : node);
  const rows = OUR_STEPS.map((label) => {
    const warm = stepSpread(runs.warm, label);
    return [
      label,
      fmtSpread(warm),
      fmtSpread(stepSpread(runs['warm-ephemeral'], label)),
      fmtSpread(baselineOf(label)),
      fmtMs(warm.median - baselineOf(label).median),
    ];
  });
  const warmTotal = totalSpread(runs.warm);
  const baselineTotal = node.median * (OUR_STEPS.length - 1) + sh.median;
  rows.push([
    '**total**',
    `**${fmtSpread(warmTotal)}**`,
    `**${fmtSpread(totalSpread(runs['warm-ephemeral']))}**`,
    `${fmtMs(baselineTotal)} (6 node + 1 sh no-op steps)`,
    `**${fmtMs(warmTotal.median - baselineTotal)}**`,
  ]);
  const steps = markdownTable(
    [
      'step',
      'warm: image + kept tool cache',
      'warm: image, fresh container (cache service warm)',
      'no-op step (`node` on an empty script; `sh -c :`)',
      'warm − no-op (median)',
    ],
    rows,
    ['l', 'r', 'r', 'r', 'r'],
  );
  const flavors = ['warm', 'warm-ephemeral'] as const;
  const phaseRows = WARM_PHASES.map((phase) => [
    phase.name,
    ...flavors.map((f) => fmtSpread(spread(runs[f].map(phase.of)))),
  ]);
  const verdict =
    warmTotal.median < 2000
      ? `Target (< 2 s in total): **met** on this run, median ${fmtMs(warmTotal.median)}.`
      : `Target (< 2 s in total): **not met** on this run, median ${fmtMs(warmTotal.median)} (fastest repetition ${fmtMs(warmTotal.min)}); see the note on noise above.`;
  const markdown = [
    steps,
    '',
    verdict,
    '',
    "**Where the warm time goes** (the actions' own step summaries)",
    '',
    markdownTable(
      ['inside the steps', ...flavors.map((f) => (f === 'warm' ? 'kept tool cache' : 'fresh container'))],
      phaseRows,
      ['l', 'r', 'r'],
    ),
  ].join('\n');
  return { markdown, warmTotal, overhead: warmTotal.median - baselineTotal };
}

/** setup-prewarmed-runner probes every tool at once; the slowest probe is what the step waits for. */
const slowestProbe = (flow: JobFlow) => {
  const rows = summaryRows(flow.step(STEP.spr)?.summary ?? '').filter((cells) => cells.length === 5);
  const times = rows.map((cells) => ({ tool: cells[0] ?? '', ms: parseDuration(cells[4] ?? '') }));
  return Math.max(...times.filter((t) => Number.isFinite(t.ms)).map((t) => t.ms));
};
const cachedToolPhase = (flow: JobFlow, label: string, phase: string) =>
  parsePhaseList(summaryRow(flow.step(label)?.summary ?? '', label.replace('cached-tool ', ''))?.[5] ?? '')[
    phase
  ] ?? 0;

const WARM_PHASES: PhaseRow[] = [
  { name: 'setup-prewarmed-runner: version checks of 8 tools, in parallel (the slowest)', of: slowestProbe },
  { name: 'prepare-python: uv (on PATH: version check)', of: (f) => summaryTime(f, STEP.prepare, 'uv') },
  { name: 'prepare-python: Python (`uv python find`)', of: (f) => summaryTime(f, STEP.prepare, 'Python') },
  {
    name: 'prepare-python: restore the uv cache (exact hit)',
    of: (f) => summaryTime(f, STEP.prepare, 'uv cache'),
  },
  { name: 'prepare-python: nox (on PATH: version check)', of: (f) => summaryTime(f, STEP.prepare, 'nox') },
  { name: 'prepare-python: `uv sync --frozen`', of: (f) => summaryTime(f, STEP.prepare, 'install: sync') },
  {
    name: 'cached-tool ×2: tool cache lookup',
    of: (f) =>
      cachedToolPhase(f, STEP.helm, 'tool cache') + cachedToolPhase(f, STEP.kubeconform, 'tool cache'),
  },
  {
    name: 'cached-tool ×2: restore the archive from the cache service',
    of: (f) =>
      cachedToolPhase(f, STEP.helm, 'remote cache restore') +
      cachedToolPhase(f, STEP.kubeconform, 'remote cache restore'),
  },
  {
    name: 'cached-tool ×2: extract into the tool cache',
    of: (f) => cachedToolPhase(f, STEP.helm, 'extract') + cachedToolPhase(f, STEP.kubeconform, 'extract'),
  },
];

interface PhaseRow {
  name: string;
  of: (flow: JobFlow) => number;
}

const sprInstall = (flow: JobFlow) => installLines(flow.step(STEP.spr)?.stdout ?? '');
const sumPhase = (flow: JobFlow, phase: string) =>
  ['uv', 'helm', 'kubeconform'].reduce((sum, tool) => sum + (sprInstall(flow)[tool]?.phases[phase] ?? 0), 0);
const summaryTime = (flow: JobFlow, label: string, row: string) =>
  parseDuration(summaryRow(flow.step(label)?.summary ?? '', row)?.[2] ?? '');
const sprToolTime = (flow: JobFlow, tool: string) =>
  parseDuration(summaryRow(flow.step(STEP.spr)?.summary ?? '', tool)?.[4] ?? '');
const postSaveTime = (flow: JobFlow) => {
  const text = summaryRow(
    flow.step(STEP.post)?.summary ?? '',
    flow.step(STEP.prepare)?.outputs['cache-key'] ?? '',
  )?.[1];
  return text?.startsWith('saved') ? parseDuration(text.replace(/^saved [^ ]+ [^ ]+ in /, '')) : 0;
};

const COLD_PHASES: PhaseRow[] = [
  {
    name: 'download uv, helm, kubeconform (sha256 hashed while streaming)',
    of: (f) => sumPhase(f, 'download'),
  },
  { name: 'extract into the tool cache', of: (f) => sumPhase(f, 'extract') },
  { name: 'restore tool archives from the cache service', of: (f) => sumPhase(f, 'remote cache restore') },
  { name: 'save tool archives to the cache service', of: (f) => sumPhase(f, 'remote cache save') },
  { name: 'nox (hash-locked venv, local wheelhouse)', of: (f) => sprToolTime(f, 'nox') },
  { name: 'restore the uv cache', of: (f) => summaryTime(f, STEP.prepare, 'uv cache') },
  { name: '`uv sync --frozen`', of: (f) => summaryTime(f, STEP.prepare, 'install: sync') },
  { name: 'prune + save the uv cache (post)', of: postSaveTime },
];

/** Table 2: the same job from an empty tool cache and an empty cache service, per step and per phase. */
export function coldTable(result: JobsResult): { markdown: string; coldTotal: Spread } {
  const { runs } = result;
  const flavors = ['cold', 'cold-ephemeral'] as const;
  const stepRows = OUR_STEPS.map((label) => [
    label,
    ...flavors.map((f) => fmtSpread(stepSpread(runs[f], label))),
  ]);
  const coldTotal = totalSpread(runs.cold);
  stepRows.push(['**total**', ...flavors.map((f) => `**${fmtSpread(totalSpread(runs[f]))}**`)]);
  const phaseRows = COLD_PHASES.map((phase) => [
    phase.name,
    ...flavors.map((f) => fmtSpread(spread(runs[f].map(phase.of)))),
  ]);
  // Six node steps each pay what a no-op node step costs; what is left is the actions' own work.
  const nodeStartup = spread(result.noopNode).median * (OUR_STEPS.length - 1);
  const rest = (flow: JobFlow) =>
    OUR_STEPS.reduce((sum, label) => sum + flow.stepMs(label), 0) -
    COLD_PHASES.reduce((sum, phase) => sum + phase.of(flow), 0) -
    nodeStartup;
  phaseRows.push(
    ['starting 6 node steps (6 × the no-op node step of table 1)', ...flavors.map(() => fmtMs(nodeStartup))],
    [
      'everything else (loading the bundles, version probes, re-hash of restored archives, summaries)',
      ...flavors.map((f) => fmtSpread(spread(runs[f].map(rest)))),
    ],
  );
  const header = [
    '',
    'cold: bare runner, empty tool cache, empty cache service',
    'bare runner, cache service warm',
  ];
  const markdown = [
    '**Per step**',
    '',
    markdownTable(['step', ...header.slice(1)], stepRows, ['l', 'r', 'r']),
    '',
    '**Per phase** (as the actions report them in their step summaries and logs)',
    '',
    markdownTable(['phase', ...header.slice(1)], phaseRows, ['l', 'r', 'r']),
  ].join('\n');
  return { markdown, coldTotal };
}
