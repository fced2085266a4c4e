// `npm run demo` on the real Forgejo server (test/harness/example-bench.ts): the example tiered workflow
// pushed twice to ops/example-project on the same runner (cold, then warm), the server scheduling the
// jobs, the real actions/checkout and actions/cache, our actions by full URL at @v1, and a summary table
// per run. By default the jobs run in containers as users run them (podman's Docker API, the template's
// own `container:` images built here with buildah); `--host-mode` runs them on this machine, and is what
// happens where podman cannot run (the demo says why). A red job is shown with its failed step's last
// lines and the path of its log, which is kept (.tmp/e2e-logs/demo/). Everything stays on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import {
  containersUnavailable,
  startExampleBench,
  EXAMPLE_REPO,
  type ExampleRun,
} from '../harness/example-bench';
import { groupedChanges } from '../harness/example-workflow';
import { FORGEJO_BIN, KIT } from '../harness/forgejo-server';
import { goDurationMs, type JobResult } from '../harness/forgejo-server/runs';
import { toolsBin } from '../harness/tools-bin';

function seconds(ms: number): string {
  return Number.isNaN(ms) ? '?' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** What a job took from a cache, in words, read from its log as a user reads it. */
export function serverCacheNotes(job: JobResult): string {
  const notes: string[] = [];
  const uv = /^\S+\s+uv cache\s+(hit|miss|partial|restored)\b/m.exec(job.log);
  if (uv) notes.push(`uv cache: ${uv[1]}`);
  if (/uv cache [^\n]*: saved/.test(job.log)) notes.push('uv cache saved');
  for (const m of job.log.matchAll(/^\S+ (helm|kubeconform) [0-9.]+ from ([\w-]+) on PATH/gm)) {
    notes.push(`${m[1]}: ${m[2]}`);
  }
  if (/Cache restored from key: kubeconform-schemas/.test(job.log)) notes.push('schemas: actions/cache hit');
  else if (/Cache not found for input keys: kubeconform-schemas/.test(job.log))
    notes.push('schemas: actions/cache miss');
  const built = /built sha256:([0-9a-f]{12})[0-9a-f]* \((\d+) bytes\)/.exec(job.log);
  if (built)
    notes.push(
      `docker build: image ${built[1]} (${(Number(built[2]) / 1e6).toFixed(0)} MB) in the host's daemon`,
    );
  if (/Dockerfile present/.test(job.log)) notes.push('docker build: stand-in (host mode)');
  const installed = /setup-prewarmed-runner: bootstrap: [^\n]*installed: ([^\n]*?) in /.exec(job.log);
  if (installed && installed[1] !== 'nothing') notes.push(`installed: ${installed[1]}`);
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

export function formatServerRun(run: ExampleRun, title: string): string {
  const rows: string[][] = [['job', 'result', 'time', 'steps', 'from caches']];
  let total = 0;
  for (const job of run.result.jobs) {
    const ms = goDurationMs(job.duration);
    if (!Number.isNaN(ms)) total += ms;
    rows.push([job.name, job.status, seconds(ms), String(job.steps.length), serverCacheNotes(job)]);
  }
  const counts = ['success', 'failure', 'skipped', 'cancelled']
    .map((status) => `${run.result.jobs.filter((job) => job.status === status).length} ${status}`)
    .join(', ');
  return [
    `${title}: ${run.result.status} in ${seconds(run.ms)} from push to last job; run #${run.result.run.index_in_repo}; jobs: ${counts}; job time summed: ${seconds(total)}`,
    table(rows),
  ].join('\n');
}

/** status-check's telemetry table and verdict from its log (Forgejo shows no step summary). */
export function serverTelemetryTable(run: ExampleRun): string[] {
  const job = run.result.jobs.find((j) => j.name === 'status-check');
  if (!job) return ['(no status-check job in this run)'];
  const lines = job.log.split('\n').map((line) => line.replace(/^\S+Z /, ''));
  const start = lines.findIndex((line) => line.includes('| job | result | status | note |'));
  if (start < 0) return ['(status-check printed no table)'];
  const end = lines.findIndex((line, i) => i > start && /bootstrap( retries|: no retries)/.test(line));
  return lines.slice(start, end < 0 ? start + 1 : end + 1);
}

function version(bin: string): string {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return (out.stdout || out.stderr).trim().split('\n')[0] ?? '(version unknown)';
}

export async function main(argv: string[]): Promise<number> {
  const faults = argv.includes('--faults');
  let mode: 'containers' | 'host' = 'containers';
  if (argv.includes('--host-mode')) mode = 'host';
  else {
    const why = containersUnavailable();
    if (why) {
      console.log(`demo: host mode: the jobs cannot run in containers here (${why})`);
      mode = 'host';
    }
  }
  if (mode === 'containers') {
    console.log('demo: making sure the job images are current (the first build takes a few minutes)');
  }
  const bench = await startExampleBench({
    name: 'demo',
    mode,
    log: (line) => console.log(`demo: ${line}`),
  });
  const onSignal = (): void => {
    void bench.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { server, mirror } = bench;
    console.log(
      'forgejo-ci-kit demo: examples/workflows/python-ci.yml on a real Forgejo server (everything on 127.0.0.1)',
    );
    console.log(
      `  server   ${version(FORGEJO_BIN)} at ${server.url} (answered in ${seconds(server.startMs)})`,
    );
    console.log(
      `  runner   ${version(toolsBin('forgejo-runner'))}: forgejo-runner daemon, ${bench.mode === 'containers' ? 'jobs in containers' : 'host mode'}, capacity 2, label docker`,
    );
    for (const line of bench.setup) console.log(`           ${line}`);
    console.log(
      `  actions  ${KIT.owner}/${KIT.repo} at ${KIT.tags.join(', ')} = ${bench.kitCommit.slice(0, 12)} (lean release tree of this working tree); actions/checkout@v4 and actions/cache@v4 (real, vendored)`,
    );
    console.log(
      `  project  ${server.url}/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}: each run is a push to main`,
    );
    console.log(
      `  mirror   ${mirror.url}: helm, kubeconform, uv (built here, pinned by sha256, as repository variables)`,
    );
    console.log(
      "  cache    a shared forgejo-runner cache-server (with a secret) behind the runner's per-job signing proxy",
    );
    console.log(
      `  workflow ${bench.workflow.changes.length} rewrites ${bench.mode === 'containers' ? 'in containers' : 'for host mode'} on this machine (why: test/e2e/README.md):`,
    );
    for (const change of groupedChanges(bench.workflow.changes, server.url))
      console.log(`             - ${change}`);
    console.log('  secrets  none: the secret-dependent jobs take their offline paths');
    console.log(`  logs     ${server.logDir} (kept)`);
    if (faults) console.log('  faults   the release mirror answers 503 twice for helm in Run 1 (--faults)');

    const results: ExampleRun[] = [];
    const downloads: number[] = [];
    for (const label of ['Run 1 (cold runner)', 'Run 2 (warm runner)']) {
      console.log(`\n${label}: pushing and waiting...`);
      if (faults && results.length === 0) {
        mirror.script(new URL(bench.releases.helm.archiveUrl).pathname, [{ status: 503 }, { status: 503 }]);
      }
      const before = mirror.requests.length;
      const run = await bench.run();
      results.push(run);
      downloads.push(mirror.requests.slice(before).filter((r) => r.status === 200).length);
      console.log(formatServerRun(run, label));
      console.log(`\n${serverTelemetryTable(run).join('\n')}`);
      for (const failure of run.result.failures()) console.log(failure);
    }
    const [cold, warm] = results;
    if (cold && warm) {
      console.log(
        `\ncold ${seconds(cold.ms)} -> warm ${seconds(warm.ms)} from push to last job; downloads from the release mirror: ${downloads.join(' -> ')}`,
      );
    }
    return results.every((run) => run.result.status === 'success') ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await bench.stop();
  }
}
