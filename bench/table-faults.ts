// Table 5: cold tool installs while every mirror (and cache) request fails at random with probability
// p. Each run installs helm, kubeconform and uv on a fresh runner. Variants, paired: run i of every
// variant at a given p meets the same sequence of mirror faults (seeded), so they differ only in how
// they cope.
//  - ours: cached-tool as users get it (its action.yml defaults), against a fresh cache service that is
//    disturbed too;
//  - ours, cache: false: the same with the cache service out of the picture (the mirror alone);
//  - ours, retries: 1, cache: false: the same install, a single attempt;
//  - seed: curl without --retry and tar, as the seed's workflow downloaded helm and kubeconform.
import { startMirror, type Fault, type Mirror } from '../test/harness/mirror';
import { mirrorTemplate, publishBuilt, type FixtureTool } from '../test/harness/fixtures';
import { startCacheServer } from '../test/harness/cache-server';
import { createJob } from '../test/harness/runner';
import { JobFlow } from './flow';
import { bundle, withDefaults } from './jobs';
import { FAULT_KINDS, startFaultProxy, type FaultKind } from './fault-proxy';
import { fmtIqr, fmtMs, fmtPercent, markdownTable, median, prng, spread, wilson } from './stats';
import { cachedToolInputs, RELEASE_TOOLS, version, type World } from './world';

export const PROBABILITIES = [0.1, 0.3, 0.5];
/** A stalled request pauses this long, then completes (see the note in the report). */
export const STALL_MS = 1500;
/**
 * Runs in flight at once. A run mostly waits (backoff sleeps, the toolkit's 5 s cache retry delay,
 * stalls), so a few at a time keep the table within minutes on 2 cores; each has its own mirror,
 * runner folders and cache service.
 */
export const FAULT_CONCURRENCY = 4;

type Variant = 'ours' | 'ours-no-cache' | 'ours-single' | 'curl';
/** cached-tool's shipped retries default, read from its action.yml so "as shipped" stays true. */
export const SHIPPED_RETRIES = withDefaults('cached-tool', {}).retries;
export const VARIANTS: Array<{ id: Variant; label: string }> = [
  { id: 'ours', label: `cached-tool as shipped (retries: ${SHIPPED_RETRIES}, cache: true)` },
  { id: 'ours-no-cache', label: 'cached-tool, cache: false (mirror only)' },
  { id: 'ours-single', label: 'cached-tool, retries: 1, cache: false' },
  { id: 'curl', label: 'seed: curl, no --retry' },
];

/** Why a run failed, read from the failing step. */
type Cause = 'download' | 'exit 13' | 'other';

interface Run {
  ok: boolean;
  ms: number;
  mirrorRequests: number;
  cause?: Cause;
}

export interface Rate {
  rate: number;
  low: number;
  high: number;
  n: number;
}

interface Task {
  variant: Variant;
  p: number;
  seed: number;
}

export async function faultTable(
  world: World,
  runs: number,
  probabilities: number[],
  log: (line: string) => void,
  variants: Variant[] = VARIANTS.map((v) => v.id),
): Promise<{ markdown: string; successAt03: Record<string, Rate> }> {
  const chosen = VARIANTS.filter((v) => variants.includes(v.id));
  const mirrors: Mirror[] = [];
  try {
    for (let i = 0; i < FAULT_CONCURRENCY; i++) {
      const mirror = await startMirror();
      mirrors.push(mirror);
      for (const tool of RELEASE_TOOLS) publishBuilt(mirror, world.smallReleases[tool]);
    }
    // p = 0 gives the time of an undisturbed run, to state the time the faults add.
    const cells = [
      { p: 0, n: Math.min(30, Math.max(1, Math.ceil(runs / 5))) },
      ...probabilities.map((p) => ({ p, n: runs })),
    ];
    const tasks: Task[] = [];
    for (const { p, n } of cells) {
      for (let i = 0; i < n; i++) {
        for (const { id } of chosen) tasks.push({ variant: id, p, seed: Math.round(p * 1000) * 100_003 + i });
      }
    }
    const results = new Map<string, Run[]>();
    const key = (variant: Variant, p: number) => `${variant}@${p}`;
    let next = 0;
    let done = 0;
    const worker = async (mirror: Mirror) => {
      while (next < tasks.length) {
        const task = tasks[next++] as Task;
        const run = await faultRun(world, mirror, task);
        results.set(key(task.variant, task.p), [...(results.get(key(task.variant, task.p)) ?? []), run]);
        if (++done % 40 === 0 || done === tasks.length) log(`table 5: ${done}/${tasks.length} runs`);
      }
    };
    await Promise.all(mirrors.map(worker));

    const rows: string[][] = [];
    const successAt03: Record<string, Rate> = {};
    for (const { p } of cells) {
      for (const { id, label } of chosen) {
        const list = results.get(key(id, p)) ?? [];
        const ok = list.filter((run) => run.ok);
        const ci = wilson(ok.length, list.length);
        const rate = { rate: ok.length / list.length, low: ci.low, high: ci.high, n: list.length };
        if (p === 0.3) successAt03[label] = rate;
        const undisturbed = median(
          (results.get(key(id, 0)) ?? []).filter((run) => run.ok).map((run) => run.ms),
        );
        const okTime = spread(ok.map((run) => run.ms));
        const causes = (['download', 'exit 13', 'other'] as Cause[])
          .map((cause) => [cause, list.filter((run) => run.cause === cause).length] as const)
          .filter(([, count]) => count > 0)
          .map(([cause, count]) => `${count} ${cause}`)
          .join(', ');
        rows.push([
          String(p),
          label,
          `${ok.length}/${list.length}`,
          `${fmtPercent(rate.rate)} [${fmtPercent(ci.low)}–${fmtPercent(ci.high)}]`,
          causes || '–',
          fmtIqr(okTime),
          p === 0 ? '–' : fmtMs(okTime.median - undisturbed),
          String(median(list.map((run) => run.mirrorRequests))),
        ]);
      }
    }
    const markdown = markdownTable(
      [
        'p',
        'install',
        'succeeded',
        'success rate [95 % Wilson CI]',
        'failures by cause',
        'time of successful runs, median [IQR]',
        'added vs p = 0',
        'mirror requests per run (median)',
      ],
      rows,
      ['r', 'l', 'r', 'r', 'l', 'r', 'r', 'r'],
    );
    return { markdown, successAt03 };
  } finally {
    await Promise.all(mirrors.map((mirror) => mirror.stop()));
  }
}

/** Faults drawn for one run: each request is disturbed with probability p, the kind uniformly. */
function drawer(p: number, seed: number): () => FaultKind | undefined {
  const random = prng(seed);
  return () => {
    if (random() >= p) return undefined;
    return FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)];
  };
}

function mirrorFault(kind: FaultKind | undefined): Fault {
  switch (kind) {
    case '503':
      return { status: 503 };
    case 'reset':
      return { kind: 'reset' };
    case 'truncate':
      return { kind: 'truncate' };
    case 'stall':
      return { kind: 'stall', ms: STALL_MS };
    default:
      // The mirror's queue has no "no fault" entry; a zero delay serves the file untouched.
      return { kind: 'delay', ms: 0 };
  }
}

async function faultRun(world: World, mirror: Mirror, task: Task): Promise<Run> {
  const { variant, p, seed } = task;
  mirror.reset();
  const draw = drawer(p, seed);
  mirror.script(
    /./,
    Array.from({ length: 256 }, () => mirrorFault(draw())),
  );
  const job = await createJob();
  const flow = new JobFlow(job, {});
  const requests = () => mirror.requests.length;
  try {
    if (variant === 'curl') {
      const lines = ['set -eu'];
      for (const tool of RELEASE_TOOLS) {
        const release = world.smallReleases[tool];
        const url = mirrorTemplate(tool, mirror.url)
          .replace('{version}', version(tool))
          .replace('{file}', release.fileName);
        lines.push(
          `mkdir -p "$RUNNER_TEMP/${tool}"`,
          `curl -fsS -o "$RUNNER_TEMP/${release.fileName}" "${url}"`,
          `tar -xzf "$RUNNER_TEMP/${release.fileName}" -C "$RUNNER_TEMP/${tool}"`,
        );
      }
      const result = await flow.shell('curl', lines.join('\n'), { allowFailure: true });
      const ok = result.exitCode === 0;
      return {
        ok,
        ms: flow.totalMs(),
        mirrorRequests: requests(),
        ...(ok ? {} : { cause: 'download' as const }),
      };
    }
    // The cache service gets its own draws, and a fresh server per run, so every run is cold.
    const server = variant === 'ours' ? await startCacheServer() : undefined;
    const proxy = server
      ? await startFaultProxy(server.url, drawer(p, seed ^ 0x5bd1e995), STALL_MS)
      : undefined;
    try {
      for (const tool of RELEASE_TOOLS as FixtureTool[]) {
        const result = await flow.node(`cached-tool ${tool}`, 'cached-tool', {
          script: bundle(world, 'cached-tool'),
          inputs: withDefaults('cached-tool', {
            ...cachedToolInputs(tool, world.smallReleases[tool], mirror.url),
            cache: String(variant === 'ours'),
            ...(variant === 'ours-single' ? { retries: '1' } : {}),
          }),
          env: proxy
            ? { ACTIONS_CACHE_URL: proxy.url, ACTIONS_RUNTIME_TOKEN: 'bench-token' }
            : { ACTIONS_CACHE_URL: undefined },
          allowFailure: true,
        });
        if (result.exitCode !== 0) {
          // 13: Node's exit code for a top-level await that never settled (see the report).
          const cause: Cause =
            result.exitCode === 13
              ? 'exit 13'
              : result.errors.some((e) => e.includes('could not download'))
                ? 'download'
                : 'other';
          return { ok: false, ms: flow.totalMs(), mirrorRequests: requests(), cause };
        }
      }
      return { ok: true, ms: flow.totalMs(), mirrorRequests: requests() };
    } finally {
      await proxy?.stop();
      await server?.stop();
    }
  } finally {
    await job.cleanup();
  }
}
