// Table 6b: what our steps cost a warm job on forgejo-runner, step by step, against the same job with
// no-op steps (bench/workflows/ours-noop.yml) on the same warm runner in the same bench run. Per step:
// the runner's step time, the time inside the action (its own `telemetry` output: the bundle loaded,
// from its first line to its outputs), and what is left (node start-up and loading the bundle, the
// runner reading the action's manifest from its clone and copying it, the runner's per-step bookkeeping).
import type { RunnerJobs, RunnerSample } from './table-runner';
import { fmtMs, fmtSpread, markdownTable, median, spread } from './stats';

/** The steps of ours.yml that are ours, in order, with the names the table shows. */
const OUR_STEPS: [key: string, label: string][] = [
  ['setup/Main', 'setup-prewarmed-runner'],
  ['python/Main', 'prepare-python'],
  ['guard/Main', 'secret-guard'],
  ['helm/Main', 'cached-tool helm'],
  ['kubeconform/Main', 'cached-tool kubeconform'],
  ['python/Post', 'prepare-python (post)'],
];

/** The goal of the scale-out issue: our actions together add under 1 s to a warm job. */
export const ADDED_GOAL_MS = 1000;

export interface StepCost {
  markdown: string;
  /** Median job time of ours minus the no-op twin's: what our actions add to a warm job. */
  addedMs: number;
  /** The same with our actions pinned by commit (no fetch per `uses:`); undefined when not run. */
  addedPinnedMs?: number;
  /** The same for the template's tier1-shaped job (setup-prewarmed-runner, prepare-python), @v1. */
  tier1AddedMs?: number;
}

const stepOf = (samples: RunnerSample[], key: string): number[] => samples.map((s) => s.steps[key] ?? 0);
const insideOf = (samples: RunnerSample[], key: string): number[] =>
  samples.map((s) => s.inside[key]).filter((v): v is number => v !== undefined);
const outsideSteps = (sample: RunnerSample): number =>
  sample.jobMs - Object.values(sample.steps).reduce((a, b) => a + b, 0);

export function stepCostTable(runner: RunnerJobs): StepCost | undefined {
  const { warm, noop, sha } = runner.samples;
  const pinnedCell = (values: number[]) => (sha.length ? fmtSpread(spread(values)) : '–');
  const addedCell = (values: number[], twin: number[]) =>
    sha.length ? fmtMs(median(values) - median(twin)) : '–';
  if (!runner.available || warm.length === 0 || noop.length === 0) return undefined;
  const rows = OUR_STEPS.map(([key, label]) => {
    const ours = stepOf(warm, key);
    const inside = insideOf(warm, key);
    const twin = stepOf(noop, key);
    const left = median(ours) - (inside.length ? median(inside) : 0);
    return [
      label,
      fmtSpread(spread(ours)),
      inside.length ? fmtSpread(spread(inside)) : '–',
      inside.length ? fmtMs(left) : '–',
      pinnedCell(stepOf(sha, key)),
      key.endsWith('/Post') ? 'none' : fmtSpread(spread(twin)),
      fmtMs(median(ours) - median(twin)),
      addedCell(stepOf(sha, key), twin),
    ];
  });
  // A row over whole jobs: `measure` of each sample, ours against the pinned and the no-op jobs.
  const totalRow = (label: string, measure: (s: RunnerSample) => number, bold = false): string[] => {
    const [ours, pinned, twin] = [warm.map(measure), sha.map(measure), noop.map(measure)];
    const b = (cell: string) => (bold ? `**${cell}**` : cell);
    return [
      label,
      b(fmtSpread(spread(ours))),
      '',
      '',
      b(pinnedCell(pinned)),
      b(fmtSpread(spread(twin))),
      b(fmtMs(median(ours) - median(twin))),
      b(addedCell(pinned, twin)),
    ];
  };
  const ourSum = (s: RunnerSample) => OUR_STEPS.reduce((t, [key]) => t + (s.steps[key] ?? 0), 0);
  const jobMs = (s: RunnerSample) => s.jobMs;
  rows.push(
    totalRow('**our steps together**', ourSum),
    totalRow(
      'the runner outside the steps (job set-up: action fetches and worktrees; clean-up)',
      outsideSteps,
    ),
    totalRow('**the job** (first to last log line)', jobMs, true),
  );
  const judge = (ms: number) => `${fmtMs(ms)} (${ms < ADDED_GOAL_MS ? 'under' : 'over'} the 1 s goal)`;
  const addedMs = median(warm.map(jobMs)) - median(noop.map(jobMs));
  const { tier1, 'tier1-noop': tier1Noop } = runner.samples;
  const tier1AddedMs =
    tier1.length && tier1Noop.length ? median(tier1.map(jobMs)) - median(tier1Noop.map(jobMs)) : undefined;
  const shapeRow = (label: string, ours: RunnerSample[], twin: RunnerSample[], added: number): string[] => [
    label,
    fmtSpread(spread(ours.map(jobMs))),
    fmtSpread(spread(twin.map(jobMs))),
    judge(added),
  ];
  const shapeRows = [
    shapeRow(
      'all five (ours.yml): setup-prewarmed-runner, prepare-python, secret-guard, cached-tool ×2; no job of the template has them all',
      warm,
      noop,
      addedMs,
    ),
    ...(tier1AddedMs !== undefined
      ? [
          shapeRow(
            "the template's prepare, tier1 (×5 sessions) and coverage jobs: setup-prewarmed-runner, prepare-python",
            tier1,
            tier1Noop,
            tier1AddedMs,
          ),
        ]
      : []),
  ];
  const addedPinnedMs = sha.length ? median(sha.map(jobMs)) - median(noop.map(jobMs)) : undefined;
  // Where the time inside each action goes: its own phases (medians), the rest unnamed.
  const phaseRows = OUR_STEPS.flatMap(([key, label]) => {
    const names = [...new Set(warm.flatMap((s) => Object.keys(s.phases[key] ?? {})))];
    return names.map((name) => [label, name, fmtMs(median(warm.map((s) => s.phases[key]?.[name] ?? 0)))]);
  });
  const verdict =
    `our actions add ${judge(addedMs)} to a warm job pinned @v1` +
    (addedPinnedMs !== undefined ? `, ${judge(addedPinnedMs)} pinned by commit` : '') +
    (tier1AddedMs !== undefined ? `; ${judge(tier1AddedMs)} to the template's tier1-shaped job @v1` : '');
  return {
    addedMs,
    ...(addedPinnedMs !== undefined ? { addedPinnedMs } : {}),
    ...(tier1AddedMs !== undefined ? { tier1AddedMs } : {}),
    markdown: [
      `**Per step on the real runner, warm: ours against no-op steps** (forgejo-runner, host mode, the warm runner of the table above; \`bench/workflows/ours.yml\` against \`bench/workflows/ours-noop.yml\`, the same steps with every \`uses:\` of ours a \`run: 'true'\`, and ours.yml with \`@v1\` replaced by the tag's commit; n=${warm.length} each, interleaved). forgejo-runner fetches a \`uses:\` pinned by a tag from the forge at every step; one pinned by a full commit its action cache holds it takes from there ("git fetch skipped"). "Inside" is the action's own time from its \`telemetry\` output; "outside" is the rest of the step: node start-up and loading the bundle, the runner reading the action from its clone and copying it, its per-step bookkeeping. Verdict: ${verdict}.`,
      '',
      markdownTable(
        [
          'step',
          'ours @v1',
          'inside the action',
          'outside (median)',
          'ours @<commit>',
          'no-op step',
          'added @v1 (medians)',
          'added @<commit>',
        ],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      `By job shape: the whole job (first to last log line) against its no-op twin on the same warm runner, @v1, n=${warm.length} each, interleaved. Most of what a \`uses:\` costs is forgejo-runner's own (a \`git fetch\` and a \`git worktree add\` of the action's repository per \`uses:\` at job set-up, the copy of the tree and its bookkeeping per step), so a job pays per step of ours more than the steps' own time:`,
      '',
      markdownTable(['job', 'ours @v1', 'no-op twin', 'added (medians)'], shapeRows, ['l', 'r', 'r', 'r']),
      '',
      'Inside the actions, by the phases they report (medians; the rest of "inside" is input parsing, probes and outputs):',
      '',
      markdownTable(['step', 'phase', 'median'], phaseRows, ['l', 'l', 'r']),
    ].join('\n'),
  };
}
