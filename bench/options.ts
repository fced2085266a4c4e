// The bench's command line: what to run and how many times (parsed by main.ts, read by every table).
import path from 'node:path';
import { repoRoot } from '../test/harness/runner';

export interface BenchOptions {
  smoke: boolean;
  tables: Set<number>;
  out: string | undefined;
  dist: string;
  /** Repetitions of the job loop (tables 1, 2, 6). */
  jobReps: number;
  /** Repetitions of each job through the real runner (table 6). */
  runnerReps: number;
  startupReps: number;
  cacheMb: number;
  cacheReps: number;
  /** Runs per fault probability and variant (table 5). */
  faultRuns: number;
  apt: boolean;
  /**
   * `--nightly`: table 5 for the shipped configuration alone at p = 0.3, long enough to bound its
   * success rate from below (written to docs/performance-nightly.md).
   */
  nightly: boolean;
  /** Table 6 through the real runner (forgejo-runner) too. */
  runner: boolean;
  /** Table 7 (`--scale`): runner hosts sharing one cache server, and K for the concurrency rows. */
  scaleHosts: number;
  scaleConcurrency: number[];
  /** Table 8 (the realistic fixture on forgejo-runner): repetitions of each job, and of the restore alone. */
  realAppReps: number;
  realAppRestoreReps: number;
}

/** 600 runs with at most one failure put the 95 % Wilson interval's lower end at 99.06 % or higher (400 with none: 99.05 %). */
export const NIGHTLY_RUNS = 600;

const USAGE = `usage: node bench/run.mjs [--smoke] [--only 1,2,...] [--out FILE] [--dist DIR]
       [--job-reps N] [--runner-reps N] [--startup-reps N] [--cache-mb N] [--cache-reps N] [--fault-runs N] [--no-apt] [--no-runner]
       [--real-app [--real-app-reps N]]   table 8 only (the realistic fixture on forgejo-runner), its
                               section written into docs/performance.md, the other sections kept
       [--scale [--hosts N]]   table 7 only (scale-out), written to docs/performance-scale.md
       [--nightly [--fault-runs N]]   table 5 for the shipped cached-tool at p = 0.3 only, N runs
                               (default ${NIGHTLY_RUNS}: enough to bound 599/600 from below at 99 %),
                               written to docs/performance-nightly.md`;

export function parseArgs(argv: string[]): BenchOptions {
  const smoke = argv.includes('--smoke');
  const opts: BenchOptions = {
    smoke,
    tables: new Set([1, 2, 3, 4, 5, 6, 8]),
    out: undefined,
    dist: path.join(repoRoot, 'dist'),
    jobReps: smoke ? 1 : 5,
    runnerReps: 3,
    startupReps: smoke ? 3 : 20,
    cacheMb: smoke ? 4 : 200,
    cacheReps: smoke ? 1 : 3,
    faultRuns: smoke ? 1 : 30,
    apt: !smoke,
    runner: !smoke,
    nightly: false,
    scaleHosts: smoke ? 2 : 3,
    scaleConcurrency: smoke ? [1, 2] : [1, 4, 16],
    realAppReps: smoke ? 1 : 3,
    realAppRestoreReps: smoke ? 1 : 5,
  };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${flag} needs a whole number ≥ 1, got '${value}'\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    switch (arg) {
      case '--smoke':
        break;
      case '--no-apt':
        opts.apt = false;
        break;
      case '--no-runner':
        opts.runner = false;
        break;
      case '--scale':
        opts.tables = new Set([7]);
        break;
      case '--nightly':
        opts.tables = new Set([5]);
        opts.nightly = true;
        if (!argv.includes('--fault-runs')) opts.faultRuns = smoke ? 4 : NIGHTLY_RUNS;
        break;
      case '--real-app':
        opts.tables = new Set([8]);
        break;
      case '--real-app-reps':
        opts.realAppReps = number(arg, value);
        i++;
        break;
      case '--hosts':
        opts.scaleHosts = number(arg, value);
        i++;
        break;
      case '--only':
        opts.tables = new Set((value ?? '').split(',').map((t) => number('--only', t)));
        i++;
        break;
      case '--out':
        opts.out = path.resolve(value ?? '');
        i++;
        break;
      case '--dist':
        opts.dist = path.resolve(value ?? '');
        i++;
        break;
      case '--job-reps':
        opts.jobReps = number(arg, value);
        i++;
        break;
      case '--runner-reps':
        opts.runnerReps = number(arg, value);
        i++;
        break;
      case '--startup-reps':
        opts.startupReps = number(arg, value);
        i++;
        break;
      case '--cache-mb':
        opts.cacheMb = number(arg, value);
        i++;
        break;
      case '--cache-reps':
        opts.cacheReps = number(arg, value);
        i++;
        break;
      case '--fault-runs':
        opts.faultRuns = number(arg, value);
        i++;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option '${arg}'\n${USAGE}`);
    }
  }
  return opts;
}
