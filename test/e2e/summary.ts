// A readable summary of a workflow run for people (npm run demo): one row per job with its result, time
// per kind of step, and what came from a cache.
import type { JobRecord, StepRecord, WorkflowRun } from '../harness/driver';

interface Column {
  title: string;
  /** Which top-level Main steps count here. */
  match: (step: StepRecord) => boolean;
}

const usesAction = (name: string) => (step: StepRecord) => step.name.includes(`/actions/${name}@`);

const COLUMNS: Column[] = [
  { title: 'setup-prewarmed', match: usesAction('setup-prewarmed-runner') },
  { title: 'checkout', match: (step) => step.name.startsWith('actions/checkout@') },
  { title: 'prepare-python', match: usesAction('prepare-python') },
  { title: 'cached-tool', match: usesAction('cached-tool') },
  { title: 'secret-guard', match: usesAction('secret-guard') },
  { title: 'status-check', match: usesAction('status-check') },
];

function seconds(ms: number): string {
  return ms === 0 ? '-' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

function topLevel(job: JobRecord, stage: string): StepRecord[] {
  return job.steps.filter((step) => step.stage === stage && step.id.length === 1);
}

function jobLabel(job: JobRecord): string {
  const values = Object.values(job.matrix);
  return values.length > 0 ? `${job.id} (${values.join(', ')})` : job.id;
}

/** What this job took from a cache, in words: `uv cache hit`, `helm: tool-cache`. */
export function cacheNotes(job: JobRecord): string {
  const notes: string[] = [];
  for (const step of topLevel(job, 'Main')) {
    if (usesAction('prepare-python')(step) && step.outputs['cache-hit'] !== undefined) {
      const hit = step.outputs['cache-hit'] === 'true';
      const restored = step.outputs['cache-matched-key'];
      notes.push(hit ? 'uv cache: hit' : restored ? 'uv cache: partial' : 'uv cache: miss');
    }
    if (usesAction('cached-tool')(step) && step.outputs.source) {
      const tool = /\/tool_cache\/([^/]+)\//.exec(step.outputs.path ?? '')?.[1] ?? 'tool';
      notes.push(`${tool}: ${step.outputs.source}`);
    }
    if (usesAction('setup-prewarmed-runner')(step) && step.outputs.prewarmed === 'false') {
      notes.push(`installed: ${step.outputs.installed || 'nothing'}`);
    }
    if (usesAction('secret-guard')(step) && step.outputs.mode) notes.push(`secrets: ${step.outputs.mode}`);
  }
  for (const step of topLevel(job, 'Post')) {
    if (!usesAction('prepare-python')(step)) continue;
    const text = step.output.join('\n');
    if (/: saved/.test(text)) notes.push('uv cache saved');
  }
  return notes.join(', ');
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatRunSummary(run: WorkflowRun, title: string): string {
  const header = [
    'job',
    'result',
    ...COLUMNS.map((c) => c.title),
    'run steps',
    'post',
    'all steps',
    'from caches',
  ];
  const rows: string[][] = [header];
  let total = 0;
  for (const job of run.jobs) {
    const main = topLevel(job, 'Main');
    const post = topLevel(job, 'Post');
    const sum = (steps: StepRecord[]): number => steps.reduce((acc, step) => acc + step.ms, 0);
    const claimed = new Set<StepRecord>();
    const cells = COLUMNS.map((column) => {
      const steps = main.filter((step) => column.match(step));
      steps.forEach((step) => claimed.add(step));
      return seconds(sum(steps));
    });
    const rest = main.filter((step) => !claimed.has(step));
    const all = sum(main) + sum(post) + sum(topLevel(job, 'Pre'));
    total += all;
    rows.push([
      jobLabel(job),
      job.result ?? '?',
      ...cells,
      seconds(sum(rest)),
      seconds(sum(post)),
      seconds(all),
      cacheNotes(job),
    ]);
  }
  const ok = run.exitCode === 0 ? 'green' : `red (act exit ${run.exitCode})`;
  const counts = ['success', 'failure', 'skipped']
    .map((result) => `${run.jobs.filter((job) => job.result === result).length} ${result}`)
    .join(', ');
  return [
    `${title}: ${ok} in ${seconds(run.ms)} wall; jobs: ${counts}; step time summed over jobs: ${seconds(total)}`,
    table(rows),
  ].join('\n');
}

/**
 * status-check's bootstrap telemetry table and verdict as its log shows them (Forgejo has no step
 * summary): from the table's heading line to the verdict line, or a note when the job printed none.
 */
export function telemetryTable(run: WorkflowRun, job = 'status-check'): string[] {
  let lines: string[];
  try {
    lines = run.output(job).split('\n');
  } catch {
    return [`(no ${job} job in this run)`];
  }
  const start = lines.findIndex((line) => line.includes('bootstrap telemetry (per job and action'));
  if (start < 0) return [`(${job} printed no telemetry table)`];
  const end = lines.findIndex((line, i) => i > start && /bootstrap( retries|: no retries)/.test(line));
  return lines
    .slice(start, end < 0 ? start + 1 : end + 1)
    .map((line) => line.replace(/^.*?(\| |bootstrap)/, '$1'));
}
