// The benchmark driver (run it with `npm run bench`, or `node bench/run.mjs --smoke`): measures, prints
// markdown tables, and writes them with the machine they ran on to docs/performance.md (smoke mode:
// to a temp file). It never asserts on time: it reports.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../test/harness/runner';
import { aptSkipped, measureAptOnce, type AptOnce } from './apt-once';
import { describeMachine, currentLoad } from './machine';
import { keepOtherSections, renderDocument, spliceSections, type Section } from './report';
import { coldTable, runJobs, warmTable } from './table-jobs';
import { seedTables } from './table-seed';
import { runOnRunner, runnerSkipped, type RunnerJobs } from './table-runner';
import { startupTable } from './table-startup';
import { cacheTable } from './table-cache';
import { faultTable, PROBABILITIES } from './table-faults';
import { fmtMs, fmtPercent, fmtRatio } from './stats';
import { createWorld, type Esbuild } from './world';
import { parseArgs, type BenchOptions } from './options';
import { scaleTables } from './table-scale';
import { realAppTable } from './table-real-app';

export interface BenchDeps {
  argv: string[];
  esbuild: Esbuild;
  /** Where run.mjs put the bundles (cache-op.mjs lives there). */
  bundleDir: string;
}

export async function main(deps: BenchDeps): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseArgs(deps.argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const started = performance.now();
  // The load average, sampled through the run, says how much else the machine was doing.
  let loadPeak = os.loadavg()[0] ?? 0;
  const sampler = setInterval(() => (loadPeak = Math.max(loadPeak, os.loadavg()[0] ?? 0)), 5000);
  sampler.unref();
  const log = (line: string) =>
    console.error(`[bench ${fmtMs(performance.now() - started).padStart(8)}] ${line}`);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const machine = describeMachine(repoRoot, {
    tar: ['tar', '--version'],
    zstd: ['zstd', '--version'],
    curl: ['curl', '--version'],
    uv: [path.join(repoRoot, '.tools/bin/uv'), '--version'],
    python: ['python3', '--version'],
  });
  const sections: Section[] = [];
  const headline: string[] = [];
  try {
    const { world, stop } = await createWorld({ esbuild: deps.esbuild, dist: opts.dist, log });
    stops.push(stop);

    if (opts.tables.has(3)) {
      log('table 3: bundle start-up and sizes');
      sections.push(await startupTable(world, opts.startupReps));
    }
    const jobTables = [1, 2, 6].filter((t) => opts.tables.has(t));
    if (jobTables.length > 0) {
      let apt: AptOnce = aptSkipped(opts.smoke ? 'smoke mode' : 'skipped (--no-apt)');
      if (opts.tables.has(6) && opts.apt) apt = await measureAptOnce(world.scratch, log);
      log(`tables ${jobTables.join(', ')}: job loop, ${opts.jobReps} repetition(s)`);
      const jobs = await runJobs(world, opts.jobReps, log);
      if (opts.tables.has(1)) {
        const warm = warmTable(jobs);
        sections.push({ table: 1, markdown: warm.markdown });
        headline.push(
          `warm bootstrap total ${fmtMs(warm.warmTotal.median)} (median of ${warm.warmTotal.n}; ${fmtMs(warm.overhead)} above no-op steps)`,
        );
      }
      if (opts.tables.has(2)) {
        const cold = coldTable(jobs);
        sections.push({ table: 2, markdown: cold.markdown });
        headline.push(`cold bootstrap total ${fmtMs(cold.coldTotal.median)} (median of ${cold.coldTotal.n})`);
      }
      if (opts.tables.has(6)) {
        let runner: RunnerJobs = runnerSkipped('--no-runner');
        if (opts.runner) {
          log(
            `table 6: the same jobs through the real runner (forgejo-runner), ${opts.runnerReps} repetition(s)`,
          );
          runner = await runOnRunner(world, opts.runnerReps, log);
        }
        const seed = seedTables(jobs, runner, apt);
        sections.push({ table: 6, markdown: seed.markdown, apt, runner });
        if (seed.addedMs !== undefined) {
          headline.push(
            `our actions add ${fmtMs(seed.addedMs)} to a warm job on forgejo-runner pinned @v1${seed.addedPinnedMs !== undefined ? `, ${fmtMs(seed.addedPinnedMs)} pinned by commit` : ''} (against the same job with no-op steps; goal under 1 s)`,
          );
        }
        if (seed.headline) {
          const h = seed.headline;
          const apt = h.withApt ? 'apt phase included' : 'apt phase not measured, left out';
          headline.push(
            `seed's job ${fmtMs(h.seed)}, ours warm ${fmtMs(h.warm)} (the seed takes ${fmtRatio(h.seed / h.warm)} as long), ours cold ${fmtMs(h.cold)} (${fmtRatio(h.seed / h.cold)}); ${apt}; through ${h.source}`,
          );
        }
      }
    }
    if (opts.tables.has(4)) {
      log(`table 4: cache throughput, ${opts.cacheMb} MB, ${opts.cacheReps} repetition(s)`);
      const cache = await cacheTable(world, deps.bundleDir, opts.cacheMb, opts.cacheReps, log);
      sections.push({ table: 4, markdown: cache.markdown });
      headline.push(
        `cache service vs tar to local disk (same compression): save takes ${fmtRatio(cache.saveRatio)}, restore ${fmtRatio(cache.restoreRatio)} the time`,
      );
    }
    if (opts.tables.has(5)) {
      log(`table 5: faults, ${opts.faultRuns} run(s) per cell`);
      // Smoke mode only has to keep the code path alive: one probability.
      const faults = opts.nightly
        ? await faultTable(world, opts.faultRuns, [0.3], log, ['ours'])
        : await faultTable(world, opts.faultRuns, opts.smoke ? [0.3] : PROBABILITIES, log);
      sections.push({ table: 5, markdown: faults.markdown });
      for (const [variant, rate] of Object.entries(faults.successAt03)) {
        headline.push(
          `p = 0.3, ${variant}: ${fmtPercent(rate.rate)} success (95 % CI ${fmtPercent(rate.low)}–${fmtPercent(rate.high)}, n=${rate.n})`,
        );
      }
    }
    if (opts.tables.has(8)) {
      log(`table 8: the realistic fixture on forgejo-runner, ${opts.realAppReps} repetition(s)`);
      const realApp = await realAppTable(
        world,
        {
          reps: opts.realAppReps,
          restoreReps: opts.realAppRestoreReps,
          smoke: opts.smoke,
          bundleDir: deps.bundleDir,
        },
        log,
      );
      sections.push({ table: 8, markdown: realApp.markdown });
      headline.push(...realApp.headline);
    }
    if (opts.tables.has(7)) {
      const scale = await scaleTables(
        world,
        deps.bundleDir,
        { hosts: opts.scaleHosts, concurrency: opts.scaleConcurrency },
        log,
      );
      sections.push({ table: 7, markdown: scale.markdown });
      headline.push(...scale.headline);
    }
  } catch (error) {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    clearInterval(sampler);
    await stopAll();
    return 1;
  }
  await stopAll();
  clearInterval(sampler);

  const document = renderDocument({
    machine,
    loadAtEnd: currentLoad(),
    loadPeak,
    durationMs: performance.now() - started,
    opts,
    sections,
    headline,
  });
  // Smoke mode (.ci/run) must not touch the committed document: one fixed temp file, overwritten.
  // The scale tables alone (`--scale`) have a page of their own: they never replace the other six.
  // So have the nightly-sized fault runs (`--nightly`).
  const scaleOnly = opts.tables.size === 1 && opts.tables.has(7);
  const page = opts.nightly ? 'performance-nightly' : scaleOnly ? 'performance-scale' : 'performance';
  const out =
    opts.out ??
    (opts.smoke
      ? path.join(tmpdir(), `ci-kit-bench-${page}-smoke.md`)
      : path.join(repoRoot, `docs/${page}.md`));
  await mkdir(path.dirname(out), { recursive: true });
  // Table 8 alone (`--real-app`) goes into the committed page beside the sections a full run wrote.
  const realAppOnly = opts.tables.size === 1 && opts.tables.has(8) && !opts.smoke && !opts.out;
  // A full run keeps the sections other scripts wrote (node-startup.mjs, the tool-cache check).
  const fullPage = !opts.smoke && !opts.out && page === 'performance' && !realAppOnly;
  const existing = realAppOnly || fullPage ? await readFile(out, 'utf8').catch(() => undefined) : undefined;
  await writeFile(
    out,
    existing
      ? realAppOnly
        ? spliceSections(existing, document)
        : keepOtherSections(existing, document)
      : document,
  );
  console.log(document);
  log(`wrote ${out}`);
  return 0;
}
