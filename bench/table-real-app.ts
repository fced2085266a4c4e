// Table 8 (issue 26): the realistic fixture (test/fixtures/real-app, 39 locked packages with compiled
// wheels) through the real runner: a real Forgejo server (v13.0.5) and its registered forgejo-runner
// daemon in host mode (test/harness/driver.ts), our actions at @v1 from the server, a Forgejo cache server per
// scenario behind the runner's signing proxy, and a loopback package index (test/harness/package-index.ts)
// serving the fixture's wheels and the uv wheel. Every job ends with the project's own tests.
//
// 8a, job times, interleaved (the scenario order rotates from one repetition to the next), all on one
// runner host whose action clones and tool cache (uv) are warm:
//   - the seed's baseline: `pip install uv` (no pip cache, from the index), `uv sync --frozen` with an
//     empty uv cache, the tests;
//   - prepare-python with no cache input set: cold (empty cache server), warm, warm with the index down;
//     then a job with `sync-args: --all-groups --all-extras` on the same cache server, twice;
//   - `prune-cache: true` (the old default): cold, then warm;
//   - `cache-bytecode: false` (the cache as uv leaves it): cold, then warm with the index down;
//   - a lock bump: a job on the older lock (uv-old.lock), then one on the current lock, whose entry is
//     compared with the fresh entry of the same lock (the defaults' cold job of the same repetition).
// 8b, the restore alone, on the same entry: packages/cache's restoreEntry through the signing proxy (in
// a process of its own, bench/restore-op.ts, with the time split into its parts) against a plain GET of
// the archive (curl) and `tar --use-compress-program unzstd -xf` of it.
// 8c, what the cached bytecode saves a warm job's install and tests (bench/table-bytecode.ts).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { removeRun, runWorkflow, type WorkflowRun } from '../test/harness/driver';
import { bytecodeTable, type BytecodeResult } from './table-bytecode';
import { haveForgejoRunner } from '../test/harness/runners/forgejo-server';
import { KIT_OWNER, startStack, type Stack } from '../test/harness/stack';
import { git, publishWorkTree } from '../test/harness/git-server';
import { repoRoot } from '../test/harness/runner';
import { toolsBin } from '../test/harness/tools-bin';
import {
  startCacheStack,
  startForgejoCacheServer,
  type ForgejoCacheServer,
} from '../test/harness/forgejo-cache';
import {
  materializeRealApp,
  realAppEnv,
  realAppUnavailable,
  startPackageIndex,
  WHEELS_DIR,
  type PackageIndex,
} from '../test/harness/package-index';
import { networkProfile, type NetworkProfile } from '../test/harness/network-profile';
import { cacheOp } from './table-cache';
import { ownTelemetry } from './phases';
import { journaledDisk } from './journaled-disk';
import { fmtBytes, fmtMs, fmtRatio, fmtSpread, markdownTable, median, spread } from './stats';
import { version, type World } from './world';

const WORKFLOW = path.join(repoRoot, 'bench/workflows/real-app.yml');
/** What the default sync installs, and `--all-groups --all-extras` (docs/testing.md). */
const DEFAULT_PACKAGES = 39;
/**
 * The seed's job again over networks a runner meets on its way to PyPI (test/harness/network-profile.ts):
 * a cloud runner next to the CDN, a 100 Mbit/s line, and a 50 Mbit/s one. Ours need no network once
 * warm, so only the seed's job is run over them.
 */
const NETWORKS: NetworkProfile[] = [networkProfile(1000, 5), networkProfile(100, 20), networkProfile(50, 40)];
const ALL_PACKAGES = 43;

export type RealAppRow =
  | 'seed'
  | 'cold'
  | 'warm'
  | 'down'
  | 'pruned-cold'
  | 'pruned-warm'
  | 'nopyc-cold'
  | 'nopyc-down'
  | 'bump-old'
  | 'bump'
  | 'groups-first'
  | 'groups-second';

const ROWS: Array<{ row: RealAppRow; label: string }> = [
  {
    row: 'seed',
    label: "**the seed's baseline**: `pip install uv` (no cache), `uv sync --frozen` (empty uv cache), tests",
  },
  { row: 'cold', label: 'prepare-python, defaults: cold (empty cache server)' },
  { row: 'warm', label: 'prepare-python, defaults: warm' },
  { row: 'down', label: '**prepare-python, defaults: warm, package index down** (503 to every request)' },
  { row: 'pruned-cold', label: '`prune-cache: true` (the old default): cold' },
  { row: 'pruned-warm', label: '`prune-cache: true` (the old default): warm' },
  { row: 'nopyc-cold', label: '`cache-bytecode: false` (the cache as uv leaves it): cold' },
  { row: 'nopyc-down', label: '`cache-bytecode: false`: warm, package index down' },
  { row: 'bump-old', label: 'lock bump: the older lock, cold' },
  { row: 'bump', label: "lock bump: the current lock, from the older lock's entry" },
  {
    row: 'groups-first',
    label: "`sync-args: --all-groups --all-extras`: first run (from the defaults' entry)",
  },
  { row: 'groups-second', label: '`sync-args: --all-groups --all-extras`: second run' },
];

const BREAKDOWN_HEADS: Partial<Record<RealAppRow, string>> = {
  seed: "seed's baseline",
  cold: 'defaults, cold',
  warm: 'defaults, warm',
  down: 'defaults, warm, index down',
  'nopyc-down': 'cache-bytecode: false, warm, index down',
};

interface JobSample {
  /** The job, first log line to last (what the Forgejo UI shows as its duration). */
  jobMs: number;
  /** Packages the job downloaded: prepare-python's packages-downloaded; the seed's: wheels fetched. */
  downloaded: number;
  /** Every request that reached the index during the job (pages, metadata, wheels, 503s). */
  requests: number;
  /** Wheel bytes the index sent in the job. */
  wheelBytes: number;
  /** prepare-python's restore and install phases (its telemetry output). */
  restoreMs?: number;
  installMs?: number;
  /** prepare-python's uv and Python phases together (uv from the tool cache, checked; `uv python find`). */
  setupMs?: number;
  /** What post saved: the uv cache folder's size, and the archive @actions/cache uploaded. */
  savedBytes?: number;
  archiveBytes?: number;
  /** Top-level steps by name (and stage, when not Main), in ms, the runner's set-up and clean-up included. */
  steps: Record<string, number>;
}

interface RestoreSample {
  ms: Record<string, number>;
  archiveBytes: number;
  getMs: number;
  lookupMs: number;
  tarMs: number;
}

export interface RealAppResult {
  markdown: string;
  headline: string[];
}

export interface RealAppOptions {
  reps: number;
  restoreReps: number;
  /**
   * Smoke mode: no priming job, and only the seed's job, cold and warm with the index down (3 jobs
   * instead of 10: the code paths of the table; the other jobs differ only in their inputs).
   */
  smoke: boolean;
  bundleDir: string;
}

export async function realAppTable(
  world: World,
  opts: RealAppOptions,
  log: (line: string) => void,
): Promise<RealAppResult> {
  const unavailable =
    realAppUnavailable() ??
    (haveForgejoRunner() ? undefined : 'forgejo-runner is not built (npm run setup-tools)');
  if (unavailable) {
    log(`table 8: skipped: ${unavailable}`);
    return { markdown: `_Not measured in this run: ${unavailable}._`, headline: [] };
  }
  const started = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const disk = await journaledDisk(log);
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-real-app-'));
  const stops: Array<() => Promise<void>> = [];
  const runs: WorkflowRun[] = [];
  try {
    // One index for the whole table: uv keys its wheel cache by the index URL, port included. It serves
    // the fixture's wheels and, for the seed's `pip install uv`, the uv wheel of the wheelhouse.
    const indexDir = path.join(scratch, 'index');
    await mkdir(indexDir);
    for (const name of readdirSync(WHEELS_DIR).filter((n) => n.endsWith('.whl')))
      await symlink(path.join(WHEELS_DIR, name), path.join(indexDir, name));
    const uvWheel = readdirSync(world.wheelhouse).find((n) => n.startsWith(`uv-${version('uv')}-`));
    if (!uvWheel)
      throw new Error(`no uv ${version('uv')} wheel in ${world.wheelhouse}: run npm run setup-tools`);
    await symlink(path.join(world.wheelhouse, uvWheel), path.join(indexDir, uvWheel));
    const index = await startPackageIndex({ dir: indexDir });
    stops.push(() => index.stop());
    const stack = await startStack();
    stops.push(() => stack.stop());

    const current = materializeRealApp({ indexUrl: index.url, parent: scratch });
    const old = materializeRealApp({ lock: 'old', indexUrl: index.url, parent: scratch });
    const locks = {
      current: await readFile(path.join(current.dir, 'uv.lock'), 'utf8'),
      old: await readFile(path.join(old.dir, 'uv.lock'), 'utf8'),
    };
    const project = await stack.newProject('real-app', [current.dir]);
    const bumpProject = await stack.newProject('real-app-bump', [old.dir]);
    let bumpLock: 'old' | 'current' = 'old';
    const setBumpLock = async (lock: 'old' | 'current'): Promise<void> => {
      if (lock === bumpLock) return;
      await writeFile(path.join(bumpProject, 'uv.lock'), locks[lock]);
      await pushProject(stack, bumpProject, 'real-app-bump');
      bumpLock = lock;
    };

    const runnerDir = await stack.newRunner('bench-real-app');
    const offline = new Set(['UV_OFFLINE', 'PIP_NO_INDEX', 'UV_FIND_LINKS']);
    const env = Object.fromEntries(Object.entries(stack.env).filter(([name]) => !offline.has(name)));
    const vars = {
      ...stack.vars,
      PACKAGE_INDEX: index.simpleUrl,
      PIP_PYTHON: world.pipPython,
      UV_VERSION: version('uv'),
    };
    const newCacheServer = async (): Promise<ForgejoCacheServer> => {
      const server = await startForgejoCacheServer({ dir: await mkdtemp(path.join(scratch, 'cache-')) });
      stops.push(() => server.stop());
      return server;
    };
    // The seed's job never talks to the cache: one idle server stands in for the runner host's own.
    const idleCache = await newCacheServer();

    const samples = Object.fromEntries(ROWS.map(({ row }) => [row, [] as JobSample[]])) as Record<
      RealAppRow,
      JobSample[]
    >;
    const networks = opts.smoke ? NETWORKS.slice(-1) : NETWORKS;
    const seedOver = networks.map(() => [] as JobSample[]);
    const runJob = async (
      row: RealAppRow | 'prime',
      job: 'seed' | 'defaults' | 'pruned' | 'no-bytecode' | 'all-groups',
      cacheServer: ForgejoCacheServer,
      opts: { project?: string; expect?: Record<string, string> } = {},
    ): Promise<JobSample> => {
      index.reset();
      const result = await runWorkflow({
        workflow: WORKFLOW,
        project: opts.project ?? project,
        runnerDir,
        cacheServer,
        vars,
        env,
        job,
        timeoutMs: 300_000,
      });
      runs.push(result);
      const record = result.job(job);
      if (result.exitCode !== 0 || record.result !== 'success')
        throw new Error(`table 8: ${row} (${job}) is red:\n${result.failures().join('\n')}`);
      const found = job === 'seed' ? {} : result.step(job, 'python').outputs;
      for (const [name, value] of Object.entries(opts.expect ?? {})) {
        if (found[name] !== value)
          throw new Error(`table 8: ${row}: expected ${name}=${value}, got ${JSON.stringify(found)}`);
      }
      const sample: JobSample = {
        jobMs: (record.endedAt ?? Number.NaN) - (record.startedAt ?? Number.NaN),
        downloaded:
          job === 'seed'
            ? index.fileRequests.filter((r) => !r.path.includes(`/uv-${version('uv')}-`)).length
            : Number(found['packages-downloaded'] ?? Number.NaN),
        requests: index.requests.length,
        wheelBytes: index.fileBytes,
        steps: {},
      };
      // As the server shows them: main steps in whole seconds (its job view), pre and post steps from
      // their log lines.
      for (const step of record.steps) {
        if (step.id.length > 1) continue;
        const name = stepLabel(step.name, step.stage);
        sample.steps[name] = (sample.steps[name] ?? 0) + step.ms;
      }
      if (job !== 'seed') {
        const phases = ownTelemetry(result.step(job, 'python').outputs.telemetry);
        sample.restoreMs = phases?.['uv cache'];
        sample.installMs = phases?.install;
        sample.setupMs = (phases?.uv ?? Number.NaN) + (phases?.Python ?? Number.NaN);
        const post = result.step(job, 'python', 'Post').output.join('\n');
        const saved = /uv cache \S+: saved ([\d.]+) (KiB|MiB)/.exec(post);
        if (saved) sample.savedBytes = Number(saved[1]) * (saved[2] === 'MiB' ? 1024 * 1024 : 1024);
        const archive = /Cache Size: ~\d+ MB \((\d+) B\)/.exec(post);
        if (archive) sample.archiveBytes = Number(archive[1]);
      }
      await removeRun(result);
      runs.splice(runs.indexOf(result), 1);
      return sample;
    };
    const hit = (downloaded: number) => ({ 'cache-hit': 'true', 'packages-downloaded': String(downloaded) });
    const coldExpect = { 'cache-hit': 'false', 'packages-downloaded': String(DEFAULT_PACKAGES) };

    const scenarios: Record<string, () => Promise<void>> = {
      seed: async () => {
        samples.seed.push(await runJob('seed', 'seed', idleCache));
        for (const [i, network] of networks.entries()) {
          index.setNetwork(network);
          try {
            seedOver[i]?.push(await runJob('seed', 'seed', idleCache));
          } finally {
            index.setNetwork(undefined);
          }
        }
      },
      defaults: async () => {
        const cache = await newCacheServer();
        samples.cold.push(await runJob('cold', 'defaults', cache, { expect: coldExpect }));
        if (!opts.smoke) samples.warm.push(await runJob('warm', 'defaults', cache, { expect: hit(0) }));
        await index.down(503);
        try {
          samples.down.push(await runJob('down', 'defaults', cache, { expect: hit(0) }));
        } finally {
          await index.up();
        }
        if (opts.smoke) return;
        samples['groups-first'].push(
          await runJob('groups-first', 'all-groups', cache, {
            expect: { 'cache-hit': 'false', 'packages-downloaded': String(ALL_PACKAGES - DEFAULT_PACKAGES) },
          }),
        );
        samples['groups-second'].push(await runJob('groups-second', 'all-groups', cache, { expect: hit(0) }));
      },
      pruned: async () => {
        const cache = await newCacheServer();
        samples['pruned-cold'].push(await runJob('pruned-cold', 'pruned', cache, { expect: coldExpect }));
        samples['pruned-warm'].push(
          await runJob('pruned-warm', 'pruned', cache, { expect: { 'cache-hit': 'true' } }),
        );
      },
      nopyc: async () => {
        const cache = await newCacheServer();
        samples['nopyc-cold'].push(await runJob('nopyc-cold', 'no-bytecode', cache, { expect: coldExpect }));
        await index.down(503);
        try {
          samples['nopyc-down'].push(await runJob('nopyc-down', 'no-bytecode', cache, { expect: hit(0) }));
        } finally {
          await index.up();
        }
      },
      bump: async () => {
        const cache = await newCacheServer();
        await setBumpLock('old');
        samples['bump-old'].push(
          await runJob('bump-old', 'defaults', cache, { project: bumpProject, expect: coldExpect }),
        );
        await setBumpLock('current');
        samples.bump.push(
          await runJob('bump', 'defaults', cache, { project: bumpProject, expect: { 'cache-hit': 'false' } }),
        );
      },
    };

    if (opts.smoke) {
      delete scenarios.pruned;
      delete scenarios.nopyc;
      delete scenarios.bump;
    }
    if (!opts.smoke) {
      log('table 8: priming the runner host (one job, not counted: action clones, uv in the tool cache)');
      await runJob('prime', 'defaults', await newCacheServer());
    }
    const order = Object.keys(scenarios);
    for (let rep = 0; rep < opts.reps; rep++) {
      const rotated = order.map((_, i) => order[(i + rep) % order.length] as string);
      log(`table 8: repetition ${rep + 1}/${opts.reps} (${rotated.join(', ')})`);
      for (const name of rotated) await scenarios[name]?.();
    }

    log(`table 8b: restore of the warm entry, ${opts.restoreReps} repetition(s)`);
    const restore = await restoreTable(
      { scratch, bundleDir: opts.bundleDir, index, app: current.dir },
      opts.restoreReps,
      log,
    );
    log(
      `table 8c: the project's tests with and without the cached bytecode, ${opts.restoreReps} repetition(s)`,
    );
    const bytecode = await bytecodeTable(
      { scratch, app: current.dir, indexUrl: index.url },
      opts.restoreReps,
      log,
    );
    current.cleanup();
    old.cleanup();
    return render(
      samples,
      restore,
      bytecode,
      networks.map((network, i) => ({ network, samples: seedOver[i] ?? [] })),
      {
        disk: disk.note,
        started,
        reps: opts.reps,
        index: index.files.length,
        commit: git(['-C', repoRoot, 'rev-parse', '--short=12', 'HEAD']),
        load: [loadAtStart, os.loadavg()[0] ?? 0],
        minutes: (Date.now() - started.getTime()) / 60_000,
      },
    );
  } finally {
    await Promise.all(runs.map((run) => removeRun(run)));
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    await disk.release();
  }
}

/** A step's name as the breakdown shows it: the runner's `Set up job` etc. as they are. */
function stepLabel(name: string, stage: string): string {
  const short = name.split('\n')[0]?.replace(/^Run /, '') ?? name;
  return stage === 'Main' ? short : `${short} (${stage})`;
}

/** Publishes the project's work tree as a new commit of its repository, and makes it the local HEAD. */
async function pushProject(stack: Stack, dir: string, repo: string): Promise<void> {
  await publishWorkTree(stack.git, dir, { owner: KIT_OWNER, repo, tags: [], message: 'lock bump' });
  const bare = await stack.git.bareRepo(KIT_OWNER, repo);
  git(['-C', dir, 'fetch', '--quiet', bare, '+main:refs/remotes/origin/main']);
  git(['-C', dir, 'reset', '--quiet', 'origin/main']);
}

// --- 8b: the restore alone ------------------------------------------------------------------------

interface RestoreResult {
  samples: RestoreSample[];
  folderBytes: number;
  files: number;
}

async function restoreTable(
  ctx: { scratch: string; bundleDir: string; index: PackageIndex; app: string },
  reps: number,
  log: (line: string) => void,
): Promise<RestoreResult> {
  const work = await mkdtemp(path.join(ctx.scratch, 'restore-'));
  const stack = await startCacheStack({ repo: 'ops/real-app' });
  try {
    // The entry a warm job restores: the uv cache after a cold `uv sync --frozen` of the fixture, its
    // bytecode compiled (what prepare-python's post saves after its cold job: every wheel kept,
    // cache-bytecode), saved through packages/cache.
    const source = path.join(work, 'source');
    const payload = path.join(source, 'payload');
    const sync = await exitOf(toolsBin('uv'), ['sync', '--frozen', '--quiet'], {
      cwd: ctx.app,
      env: realAppEnv({ cacheDir: payload, indexUrl: ctx.index.url }),
    });
    if (sync.code !== 0) throw new Error(`uv sync for the restore entry failed: ${sync.stderr}`);
    const compile = await exitOf(
      path.join(ctx.app, '.venv/bin/python'),
      ['-m', 'compileall', '-qq', '-j', '0', '--invalidation-mode', 'checked-hash', 'archive-v0'],
      { cwd: payload },
    );
    if ((compile.code ?? 2) > 1)
      throw new Error(`compileall for the restore entry failed: ${compile.stderr}`);
    const expected = await folderStats(payload);
    const key = `ci-kit-uv-bench-real-app-${process.pid}`;
    const saved = await cacheOp(ctx.bundleDir, work, stack.url, 'save', source, key);
    if (saved.status !== 'saved') throw new Error(`saving the restore entry: ${saved.status}`);
    const samples: RestoreSample[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const sides = rep % 2 === 0 ? (['ours', 'plain'] as const) : (['plain', 'ours'] as const);
      const sample: Partial<RestoreSample> = {};
      for (const side of sides) {
        const dest = path.join(work, `dest-${side}-${rep}`);
        await mkdir(dest, { recursive: true });
        if (side === 'ours') {
          const resultFile = path.join(work, 'restore-result.json');
          const temp = await mkdtemp(path.join(work, 'runner-temp-'));
          const run = await exitOf(
            process.execPath,
            [path.join(ctx.bundleDir, 'restore-op.mjs'), dest, key, resultFile],
            {
              env: {
                PATH: process.env.PATH ?? '/usr/bin:/bin',
                HOME: work,
                RUNNER_TEMP: temp,
                ACTIONS_CACHE_URL: stack.url,
                ACTIONS_RUNTIME_TOKEN: 'bench-token',
                GITHUB_WORKSPACE: dest,
              },
            },
          );
          if (run.code !== 0) throw new Error(`restore-op exited ${run.code}: ${run.stderr.slice(-2000)}`);
          const result = JSON.parse(await readFile(resultFile, 'utf8')) as {
            ms: Record<string, number>;
            archiveBytes: number;
          };
          sample.ms = result.ms;
          sample.archiveBytes = result.archiveBytes;
          await rm(temp, { recursive: true, force: true });
        } else {
          // The same archive without the toolkit: the lookup @actions/cache makes, then one GET (curl),
          // then tar with unzstd, as the issue measured it.
          const archive = path.join(work, `plain-${rep}.tzst`);
          const lookupStarted = performance.now();
          const location = await lookup(stack.url, key);
          sample.lookupMs = performance.now() - lookupStarted;
          sample.getMs = await timed('curl', ['-fsS', '-o', archive, location]);
          sample.tarMs = await timed('tar', ['--use-compress-program', 'unzstd', '-xf', archive, '-C', dest]);
          await rm(archive, { force: true });
        }
        const got = await folderStats(path.join(dest, 'payload'));
        if (got.files !== expected.files || got.bytes !== expected.bytes)
          throw new Error(
            `table 8b: ${side} restored ${got.files} files / ${got.bytes} B, expected ${expected.files} / ${expected.bytes}`,
          );
        await rm(dest, { recursive: true, force: true });
      }
      samples.push(sample as RestoreSample);
      log(
        `table 8b: rep ${rep + 1}: ours ${fmtMs(sample.ms?.total ?? Number.NaN)}, GET ${fmtMs(sample.getMs ?? Number.NaN)}, tar ${fmtMs(sample.tarMs ?? Number.NaN)}`,
      );
    }
    return { samples, folderBytes: expected.bytes, files: expected.files };
  } finally {
    await stack.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** The archive's URL, looked up as @actions/cache 6 looks it up (v1 API, paths ['payload'], zstd). */
async function lookup(cacheUrl: string, key: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const version = createHash('sha256')
    .update(['payload', 'zstd-without-long', '1.0'].join('|'))
    .digest('hex');
  const url = new URL(
    `_apis/artifactcache/cache?keys=${encodeURIComponent(key)}&version=${version}`,
    cacheUrl,
  );
  const response = await fetch(url, {
    headers: { Accept: 'application/json;api-version=6.0-preview.1', Authorization: 'Bearer bench-token' },
  });
  if (response.status !== 200) throw new Error(`cache lookup of ${key}: HTTP ${response.status}`);
  const body = (await response.json()) as { archiveLocation?: string };
  if (!body.archiveLocation) throw new Error(`cache lookup of ${key}: no archiveLocation`);
  return body.archiveLocation;
}

async function timed(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const { code, stderr } = await exitOf(command, args, {});
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`);
  return performance.now() - started;
}

function exitOf(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

async function folderStats(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

// --- rendering -----------------------------------------------------------------------------------

function counts(values: number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '–';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return min === max ? String(min) : `${median(finite)} (${min}–${max})`;
}

function render(
  samples: Record<RealAppRow, JobSample[]>,
  restore: RestoreResult,
  bytecode: BytecodeResult,
  over: Array<{ network: NetworkProfile; samples: JobSample[] }>,
  info: {
    disk: string;
    started: Date;
    reps: number;
    index: number;
    commit: string;
    load: number[];
    minutes: number;
  },
): RealAppResult {
  const seedMedian = median(samples.seed.map((s) => s.jobMs));
  const freshSaved = median(samples.cold.map((s) => s.savedBytes ?? Number.NaN));
  const rows = ROWS.map(({ row, label }) => {
    const list = samples[row];
    if (list.length === 0) return [label, 'not run (smoke)', '', '', '', '', '', '', ''];
    const job = spread(list.map((s) => s.jobMs));
    const saved = median(list.map((s) => s.savedBytes ?? Number.NaN));
    const archive = median(list.map((s) => s.archiveBytes ?? Number.NaN));
    let entry = Number.isFinite(saved)
      ? fmtBytes(saved)
      : row === 'seed'
        ? '(no cache)'
        : 'not saved (exact hit)';
    if (Number.isFinite(saved) && Number.isFinite(archive)) entry += ` (archive ${fmtBytes(archive)})`;
    if (row === 'bump' && Number.isFinite(saved)) entry += `: ${fmtRatio(saved / freshSaved)} a fresh entry`;
    return [
      label,
      fmtSpread(job),
      row === 'seed' ? '1.00×' : fmtRatio(job.median / seedMedian),
      counts(list.map((s) => s.downloaded)) + (row === 'seed' ? ' (+ uv)' : ''),
      counts(list.map((s) => s.requests)),
      row === 'seed' ? '–' : fmtSpread(spread(list.map((s) => s.setupMs ?? Number.NaN))),
      row === 'seed' ? '–' : fmtSpread(spread(list.map((s) => s.restoreMs ?? Number.NaN))),
      row === 'seed' ? '–' : fmtSpread(spread(list.map((s) => s.installMs ?? Number.NaN))),
      entry,
    ];
  });
  const ratio = (row: RealAppRow) => median(samples[row].map((s) => s.jobMs)) / seedMedian;
  const downRatio = ratio('down');
  const downMedian = median(samples.down.map((s) => s.jobMs));
  const warmMedian = median(samples.warm.map((s) => s.jobMs));
  const noPycMedian = median(samples['nopyc-down'].map((s) => s.jobMs));
  // Ours once warm make no index request, so they are the same jobs whatever the network; the seed's
  // job is measured again over each one (8a′).
  const overRows = [
    [
      'loopback (as it is)',
      fmtSpread(spread(samples.seed.map((s) => s.jobMs))),
      '–',
      fmtRatio(downRatio),
      fmtRatio(ratio('warm')),
      fmtRatio(ratio('nopyc-down')),
    ],
    ...over.map(({ network, samples: list }) => {
      const job = spread(list.map((s) => s.jobMs));
      const extra = job.median - seedMedian;
      return [
        network.label,
        fmtSpread(job),
        Number.isFinite(extra) ? `${extra >= 0 ? '+' : '−'}${fmtMs(Math.abs(extra))}` : '–',
        fmtRatio(downMedian / job.median),
        fmtRatio(warmMedian / job.median),
        fmtRatio(noPycMedian / job.median),
      ];
    }),
  ];
  const goal = (value: number): string =>
    Number.isFinite(value) ? (value <= 0.6 ? 'met' : 'not met') : 'not measured';
  const overGoal = over
    .map(({ network, samples: list }) => {
      const value = downMedian / median(list.map((s) => s.jobMs));
      return `over ${network.label} **${goal(value)}** (${fmtRatio(value)})`;
    })
    .join(', ');
  const bumpSaved = median(samples.bump.map((s) => s.savedBytes ?? Number.NaN));

  const r = restore.samples;
  const part = (name: string) => spread(r.map((s) => s.ms[name] ?? Number.NaN));
  const get = spread(r.map((s) => s.getMs));
  const tar = spread(r.map((s) => s.tarMs));
  const plain = spread(r.map((s) => s.lookupMs + s.getMs + s.tarMs));
  const total = part('total');
  const archiveBytes = median(r.map((s) => s.archiveBytes));
  const restoreRows = [
    [
      '**restoreEntry as prepare-python calls it** (toolkit loaded)',
      fmtSpread(total),
      fmtRatio(total.median / plain.median),
    ],
    ['— our probe of the cache service', fmtSpread(part('probe')), ''],
    [
      "— the toolkit's restoreCache: lookup, download, its tar call (a hard link by our guard)",
      fmtSpread(part('toolkit')),
      '',
    ],
    [
      '— ours after it: one `zstd -d` feeding our member check and `tar -x`, the links checked, renames',
      fmtSpread(part('ours')),
      '',
    ],
    ['  · that pass alone (extractGuarded, on the same archive)', fmtSpread(part('guarded')), ''],
    [
      '  · for reference, its halves each alone: reading every member (tar-read.ts)',
      fmtSpread(part('list')),
      '',
    ],
    ['  · … and `tar -x --zstd --no-same-owner` into a fresh folder', fmtSpread(part('extract')), ''],
    ['  · … and reading back every entry and link target (linkLeaving)', fmtSpread(part('walk')), ''],
    [
      'loading @actions/cache (prepare-python overlaps it with `uv python find`)',
      fmtSpread(part('import')),
      '',
    ],
    [
      'the restore as a step sees it: from node start-up to restored (bundle load, toolkit load, restore)',
      fmtSpread(part('sinceStart')),
      '',
    ],
    ['**plain: lookup + GET (curl) + `tar --use-compress-program unzstd -xf`**', fmtSpread(plain), '1.00×'],
    ['— lookup (one GET of the v1 API through the proxy)', fmtSpread(spread(r.map((s) => s.lookupMs))), ''],
    ['— GET of the archive (curl, to disk)', fmtSpread(get), ''],
    ['— `tar --use-compress-program unzstd -xf`', fmtSpread(tar), ''],
  ];
  const both = (list: BytecodeResult['compiled']) => spread(list.map((s) => s.installMs + s.testsMs));
  const bytecodeRows = (['compiled', 'plain'] as const).map((side) => [
    side === 'compiled'
      ? '**with the cached bytecode** (`cache-bytecode: true`, the default)'
      : 'without (`cache-bytecode: false`, the cache as uv leaves it)',
    fmtSpread(spread(bytecode[side].map((s) => s.installMs))),
    fmtSpread(spread(bytecode[side].map((s) => s.testsMs))),
    fmtSpread(both(bytecode[side])),
    fmtRatio(both(bytecode[side]).median / both(bytecode.plain).median),
  ]);
  // Where the job time goes, for the baseline and the defaults' three jobs.
  const breakdownRows: RealAppRow[] = ['seed', 'cold', 'warm', 'down', 'nopyc-down'];
  const stepNames: string[] = [];
  for (const row of breakdownRows)
    for (const sample of samples[row])
      for (const name of Object.keys(sample.steps)) if (!stepNames.includes(name)) stepNames.push(name);
  const breakdown = markdownTable(
    ['step', ...breakdownRows.map((row) => BREAKDOWN_HEADS[row] ?? row)],
    [
      ...stepNames.map((name) => [
        name,
        ...breakdownRows.map((row) =>
          samples[row].some((s) => name in s.steps)
            ? fmtMs(median(samples[row].map((s) => s.steps[name] ?? Number.NaN)))
            : '',
        ),
      ]),
      [
        '**the job** (first to last log line)',
        ...breakdownRows.map((row) => `**${fmtMs(median(samples[row].map((s) => s.jobMs)))}**`),
      ],
    ],
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
  const headline = [
    `realistic fixture on forgejo-runner, no cache input set: warm with the package index down ${fmtMs(median(samples.down.map((s) => s.jobMs)))}, ${fmtRatio(downRatio)} the seed's baseline (${fmtMs(seedMedian)}; goal ≤ 0.60×)${over.map(({ network, samples: list }) => `, ${fmtRatio(downMedian / median(list.map((s) => s.jobMs)))} its job over ${network.label}`).join('')}; warm ${fmtRatio(ratio('warm'))}, cold ${fmtRatio(ratio('cold'))}, prune-cache: true warm ${fmtRatio(ratio('pruned-warm'))}, cache-bytecode: false warm with the index down ${fmtRatio(ratio('nopyc-down'))}`,
    `realistic fixture, a warm job's install and tests: ${fmtMs(both(bytecode.compiled).median)} with the cached bytecode against ${fmtMs(both(bytecode.plain).median)} without (${fmtRatio(both(bytecode.compiled).median / both(bytecode.plain).median)}); compiling it costs the saving job ${fmtMs(bytecode.compileMs)} once`,
    `realistic fixture, restore of its warm entry: restoreEntry ${fmtMs(total.median)} against ${fmtMs(plain.median)} for lookup + GET + tar with unzstd (${fmtRatio(total.median / plain.median)}; ${fmtBytes(restore.folderBytes)}, archive ${fmtBytes(archiveBytes)})`,
  ];
  const markdown = [
    `Measured ${info.started.toISOString()} (commit ${info.commit}; 1-minute load average ${info.load.map((l) => l.toFixed(2)).join(' at the start, ')} at the end; ${info.minutes.toFixed(1)} min), ${info.reps} repetition(s) of every job, interleaved (the order of the five scenarios rotates each repetition). The index served ${info.index} wheels (the fixture's for CPython 3.11 and 3.13, and uv's). Python: the host's CPython 3.11; uv ${version('uv')}. ${info.disk}`,
    '',
    '**8a. Jobs on forgejo-runner.** Each job is a push to a real Forgejo server (v13.0.5, `test/harness/forgejo-server.ts`) run by its registered `forgejo-runner daemon` in host mode (`test/harness/driver.ts`), which checks out the fixture with the real actions/checkout, installs it and runs its tests (`python -m pytest -q`). All jobs run on one runner host whose action clones and tool cache are warm (one uncounted job first), so ours take uv from the tool cache; the seed\'s job installs uv with pip from the index every time (as its `pip install uv` did). Ours set no cache input (`install: sync`, `nox-version: none`); `prune-cache: true`, `cache-bytecode: false` and `sync-args` rows set only that. Every scenario starts with an empty Forgejo cache server behind the runner\'s signing proxy; the `sync-args` job runs on the defaults\' server after them. "Index down": the index answers 503 to every request and records it. "Packages downloaded" is prepare-python\'s `packages-downloaded` output (the seed\'s: wheels fetched, and the uv wheel); "index requests" counts every request that reached the index in the job (pages, metadata, wheels). "uv and Python", restore and install are prepare-python\'s own phases (its telemetry): uv from the tool cache, its entry checked against the pin, and `uv python find`; the uv cache; `uv sync`. Entry: the uv cache post saved (folder size; archive as uploaded); the bump row compares it with the fresh entry of the same lock (the cold row).',
    '',
    markdownTable(
      [
        'job',
        'job time',
        '÷ seed',
        'packages downloaded',
        'index requests',
        'uv and Python (in job)',
        'restore (in job)',
        'install (in job)',
        'entry saved',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
    "The index is on loopback: a download costs nothing but CPU here, so the seed's baseline is the seed's way at its best (an index as fast as local disk), and a ratio says what a warm cache saves even then. Everything shares the machine's 2 cores with the runner, the forge and the cache server (and, in a loaded run, other work), so the absolute times are CPU-bound.",
    '',
    `**8a′. The seed's baseline over a network.** A runner reaches PyPI over a line, not loopback. The same index, in the same run, then answers the seed's job through a network profile (\`test/harness/network-profile.ts\`): each answer's first byte after the latency, every body through one line of that width shared by the job's parallel downloads (TLS, DNS and the CDN's own variance are not modelled, so these are the best case of each line). The seed's job fetches ${counts(samples.seed.map((s) => s.downloaded))} wheels and the uv wheel, ${fmtBytes(median(samples.seed.map((s) => s.wheelBytes)))}, in ${counts(samples.seed.map((s) => s.requests))} requests. Ours, once warm, make no request, so their job is the same on every line: the ratios set the warm jobs above against the seed's job over each.`,
    '',
    markdownTable(
      [
        'network between the job and the index',
        "seed's baseline",
        'cost of the network',
        'warm, index down ÷ seed',
        'warm ÷ seed',
        '`cache-bytecode: false`, warm, index down ÷ seed',
      ],
      overRows,
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Where the job time goes (medians per step as the server shows them: main steps in whole seconds, from its job view; the rest of the job is the runner between steps):',
    '',
    breakdown,
    '',
    `Goal (issue 26): warm with the index down at most 0.60× the seed's baseline: on loopback **${goal(downRatio)}** (${fmtRatio(downRatio)})${overGoal ? `, ${overGoal}` : ''}. Lock bump: the saved entry is ${fmtRatio(bumpSaved / freshSaved)} a fresh entry's size (goal ≤ 1.2×).`,
    '',
    `**8b. The restore alone** (${r.length} repetition(s), alternating which side goes first). The entry a warm job restores: the uv cache after a cold \`uv sync --frozen\` of the fixture, its bytecode compiled as \`cache-bytecode\` does, ${restore.files} files, ${fmtBytes(restore.folderBytes)}; archive ${fmtBytes(archiveBytes)} (zstd, as @actions/cache makes it). Saved and restored through packages/cache against \`forgejo-runner cache-server\` behind the runner's signing proxy (\`ci-kit-forgejo cache-stack\`), in a process of its own (\`bench/restore-op.ts\`): restoreEntry exactly as prepare-python calls it (uv's archive links allowed), the toolkit's part timed by wrapping the cache service, our parts then timed alone on a hard link to the very archive the toolkit downloaded (page cache warm, as in the restore). Against it: the lookup, a plain GET of the same archive with curl, and \`tar --use-compress-program unzstd -xf\` of it. Both sides' trees are checked (files and bytes).`,
    '',
    markdownTable(['restore of the warm entry', 'time', '÷ plain'], restoreRows, ['l', 'r', 'r']),
    '',
    `**8c. What the cached bytecode saves** (\`bench/table-bytecode.ts\`, ${bytecode.compiled.length} repetition(s), alternating which side goes first). Two uv caches of the fixture as post saves them: one whose unpacked wheels the job's Python compiled (\`compileall --invalidation-mode checked-hash\`, as \`cache-bytecode: true\` does: ${fmtMs(bytecode.compileMs)} once, in the saving job's post), one as uv left them (\`cache-bytecode: false\`). From each, a fresh environment as a warm job makes it (\`uv sync --frozen --offline\`) and the project's tests in it (\`python -m pytest -q\`, Python free to write bytecode, the project's own \`__pycache__\` removed first, as in a fresh checkout).`,
    '',
    markdownTable(
      ['a warm job from the entry', 'install', 'tests', 'install + tests', '÷ without'],
      bytecodeRows,
      ['l', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n');
  return { markdown, headline };
}
