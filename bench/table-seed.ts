// Table 6: the seed's original job against ours, warm and cold, per phase and in total; first as the
// real runner (forgejo-runner, host mode) ran them, then as the harness ran them in tables 1 and 2. The apt phase
// is added from its single measurement (apt-once.ts), the same figure for the seed and for our cold job
// (whose bootstrap.sh does the same apt work, with retries).
import type { AptOnce } from './apt-once';
import type { JobFlow } from './flow';
import { OUR_STEPS, SEED_STEP, STEP } from './jobs';
import { fmtMs, fmtRatio, fmtSpread, markdownTable, spread, type Spread } from './stats';
import type { JobsResult } from './table-jobs';
import { totalSpread } from './table-jobs';
import type { RunnerJobs, RunnerSample } from './table-runner';
import { stepCostTable } from './table-step-cost';

const HEADER = [
  'phase',
  "seed's job (no cache, no retry)",
  'pre-warmed image + our actions (warm)',
  'bare image + our actions (cold)',
];
const ALIGN: Array<'l' | 'r'> = ['l', 'r', 'r', 'r'];

export interface SeedTables {
  markdown: string;
  /** Medians in ms of whole jobs, apt phase included when it was measured. */
  headline?: { seed: number; warm: number; cold: number; withApt: boolean; source: string };
  /** On the real runner: what our actions add to a warm job against its no-op twin (table 6b). */
  addedMs?: number;
  addedPinnedMs?: number;
}

const aptCell = (apt: AptOnce, samples: number[]) =>
  apt.measured ? `${fmtSpread(spread(samples))}, network` : 'not measured';
const aptSeedMs = (apt: AptOnce) => apt.seedUpdateMs + apt.seedInstallMs;

/** Totals with the apt phase (when measured), the ratio row, and the numbers for the headline. */
function totalRows(
  apt: AptOnce,
  seed: Spread,
  warm: Spread,
  coldWithoutApt: Spread,
  label: string,
): { rows: string[][]; headline: NonNullable<SeedTables['headline']> } {
  const rows = [[label, fmtSpread(seed), fmtSpread(warm), fmtSpread(coldWithoutApt)]];
  if (!apt.measured) {
    rows.push([
      'seed ÷ this job (apt excluded)',
      '1.00×',
      fmtRatio(seed.median / warm.median),
      fmtRatio(seed.median / coldWithoutApt.median),
    ]);
    return {
      rows,
      headline: {
        seed: seed.median,
        warm: warm.median,
        cold: coldWithoutApt.median,
        withApt: false,
        source: '',
      },
    };
  }
  const seedTotal = seed.median + aptSeedMs(apt);
  const coldTotal = coldWithoutApt.median + apt.bootstrapMs;
  rows.push(
    [
      '**total with the apt phase**',
      `**${fmtMs(seedTotal)}**`,
      `**${fmtMs(warm.median)}**`,
      `**${fmtMs(coldTotal)}**`,
    ],
    ['seed ÷ this job', '1.00×', fmtRatio(seedTotal / warm.median), fmtRatio(seedTotal / coldTotal)],
  );
  return {
    rows,
    headline: { seed: seedTotal, warm: warm.median, cold: coldTotal, withApt: true, source: '' },
  };
}

/** The jobs as the real runner ran them (bench/workflows, forgejo-runner host mode). */
function runnerTable(runner: RunnerJobs, apt: AptOnce): SeedTables {
  const { seed, warm, cold } = runner.samples;
  const sum = (samples: RunnerSample[], keys: string[]) =>
    spread(samples.map((s) => keys.reduce((total, key) => total + (s.steps[key] ?? 0), 0)));
  const cell = (samples: RunnerSample[], keys: string[]) => fmtSpread(sum(samples, keys));
  // Step ids of the workflows; `0` is actions/checkout (no id). The last step of ours.yml only records
  // what the job found for the bench's checks: it stays out of the sums (it is in the runner's wall time).
  const seedKeys = ['0/Main', 'pip/Main', 'helm/Main', 'kubeconform/Main', 'sync/Main'];
  const ourKeys = [
    '0/Main',
    'setup/Main',
    'python/Main',
    'guard/Main',
    'helm/Main',
    'kubeconform/Main',
    'python/Post',
  ];
  const rows = [
    [
      'checkout (the actions/checkout stand-in clones from the loopback forge)',
      cell(seed, ['0/Main']),
      cell(warm, ['0/Main']),
      cell(cold, ['0/Main']),
    ],
    [
      'system packages: node, git, curl (apt-get update + install)',
      aptCell(apt, apt.seedSamples),
      'none: on the image',
      `${aptCell(apt, apt.bootstrapSamples)} (bootstrap.sh)`,
    ],
    [
      'uv, nox, helm, kubeconform',
      `${cell(seed, ['pip/Main', 'helm/Main', 'kubeconform/Main'])} (pip; curl + tar ×2)`,
      `${cell(warm, ['setup/Main', 'helm/Main', 'kubeconform/Main'])} (setup-prewarmed-runner; cached-tool ×2: tool cache)`,
      `${cell(cold, ['setup/Main', 'helm/Main', 'kubeconform/Main'])} (setup-prewarmed-runner checks node, git, curl, tar; cached-tool ×2: download, verify, save)`,
    ],
    [
      'project dependencies',
      `${cell(seed, ['sync/Main'])} (uv sync, empty cache)`,
      `${cell(warm, ['python/Main'])} (prepare-python: uv and nox on PATH, cache hit)`,
      `${cell(cold, ['python/Main'])} (prepare-python: downloads uv, installs nox, cache miss)`,
    ],
    ['secrets check', '–', cell(warm, ['guard/Main']), cell(cold, ['guard/Main'])],
    ['save the uv cache (post)', '–', cell(warm, ['python/Post']), cell(cold, ['python/Post'])],
    [
      'whole runner run: start-up, job set-up (action clones on a fresh runner), clean-up',
      fmtSpread(spread(seed.map((s) => s.wallMs))),
      fmtSpread(spread(warm.map((s) => s.wallMs))),
      fmtSpread(spread(cold.map((s) => s.wallMs))),
    ],
  ];
  const wall = (samples: RunnerSample[]) => spread(samples.map((s) => s.wallMs));
  const totals = totalRows(
    apt,
    wall(seed),
    wall(warm),
    wall(cold),
    '**job total: the runner run (apt phase excluded)**',
  );
  return {
    markdown: [
      `**Through the real runner** (forgejo-runner ${'host mode'}, n=${seed.length} each; sum of the steps shown: seed ${fmtSpread(sum(seed, seedKeys))}, warm ${fmtSpread(sum(warm, ourKeys))}, cold ${fmtSpread(sum(cold, ourKeys))})`,
      '',
      markdownTable(HEADER, [...rows, ...totals.rows], ALIGN),
    ].join('\n'),
    headline: { ...totals.headline, source: 'the real runner (forgejo-runner, host mode)' },
  };
}

/** The jobs as the harness ran them (tables 1 and 2). */
function harnessTable(result: JobsResult, apt: AptOnce): SeedTables {
  const { runs } = result;
  const sum = (flow: JobFlow, labels: string[]) => labels.reduce((s, label) => s + flow.stepMs(label), 0);
  const col = (flows: JobFlow[], labels: string[]) => fmtSpread(spread(flows.map((f) => sum(f, labels))));
  const ourTools = [STEP.spr, STEP.helm, STEP.kubeconform];
  const seedNoApt = spread(runs.seed.map((f) => sum(f, Object.values(SEED_STEP))));
  const coldNoBootstrap = spread(
    runs.cold.map((f) =>
      sum(
        f,
        OUR_STEPS.filter((s) => s !== STEP.bootstrap),
      ),
    ),
  );
  const rows = [
    [
      'system packages: node, git, curl (apt-get update + install)',
      aptCell(apt, apt.seedSamples),
      `${col(runs.warm, [STEP.bootstrap])} (bootstrap.sh finds them)`,
      `${aptCell(apt, apt.bootstrapSamples)} (bootstrap.sh, apt with retries)`,
    ],
    [
      'uv, nox, helm, kubeconform',
      `${col(runs.seed, [SEED_STEP.pip, SEED_STEP.helm, SEED_STEP.kubeconform])} (pip; curl + tar ×2)`,
      `${col(runs.warm, ourTools)} (setup-prewarmed-runner; cached-tool ×2: tool cache)`,
      `${col(runs.cold, ourTools)} (setup-prewarmed-runner installs all four; cached-tool ×2: tool cache)`,
    ],
    [
      'project dependencies',
      `${col(runs.seed, [SEED_STEP.sync])} (uv sync, empty cache)`,
      `${col(runs.warm, [STEP.prepare])} (prepare-python: cache hit)`,
      `${col(runs.cold, [STEP.prepare])} (prepare-python: cache miss)`,
    ],
    ['secrets check', '–', col(runs.warm, [STEP.guard]), col(runs.cold, [STEP.guard])],
    ['save the uv cache (post)', '–', col(runs.warm, [STEP.post]), col(runs.cold, [STEP.post])],
  ];
  const totals = totalRows(
    apt,
    seedNoApt,
    totalSpread(runs.warm),
    coldNoBootstrap,
    'job total: sum of the steps (apt phase excluded)',
  );
  return {
    markdown: [
      `**Through the harness** (host mode, \`test/harness/runner.ts\`; the jobs of tables 1 and 2, n=${runs.seed.length} each)`,
      '',
      markdownTable(HEADER, [...rows, ...totals.rows], ALIGN),
    ].join('\n'),
    headline: { ...totals.headline, source: 'the harness (host mode)' },
  };
}

export function seedTables(jobs: JobsResult, runner: RunnerJobs, apt: AptOnce): SeedTables {
  const harness = harnessTable(jobs, apt);
  if (!runner.available) {
    return {
      markdown: [`_Not run through the real runner: ${runner.note}._`, '', harness.markdown].join('\n'),
      ...(harness.headline ? { headline: harness.headline } : {}),
    };
  }
  const real = runnerTable(runner, apt);
  const cost = stepCostTable(runner);
  return {
    markdown: [real.markdown, '', ...(cost ? [cost.markdown, ''] : []), harness.markdown].join('\n'),
    ...(cost ? { addedMs: cost.addedMs } : {}),
    ...(cost?.addedPinnedMs !== undefined ? { addedPinnedMs: cost.addedPinnedMs } : {}),
    ...(real.headline ? { headline: real.headline } : {}),
  };
}
