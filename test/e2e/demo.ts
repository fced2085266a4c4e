// `npm run demo` (through scripts/demo.mjs): the example tiered workflow on the real Forgejo runner, twice
// on the same runner (cold, then warm), with the loopback forge, release mirror and the runner host's
// signed cache stack, and a summary table per run. A red job is shown with its first error lines and
// the path of its log, which is kept. Everything stays on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../harness/runner';
import { toolsBin } from '../harness/cache-server';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { EXAMPLE_LABELS, hostRunnableExample } from '../harness/example-workflow';
import { E2E_DIR, KIT_OWNER, KIT_REPO, KIT_TAGS, startStack } from '../harness/stack';
import { formatRunSummary, telemetryTable } from './summary';

export async function main(argv: string[]): Promise<number> {
  const keep = argv.includes('--keep');
  // --faults: the release mirror answers 503 twice for helm in the cold run, so the telemetry table
  // under status-check shows what retrying cost and where (docs/telemetry.md).
  const faults = argv.includes('--faults');
  const stack = await startStack();
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-demo-'));
  const runs: WorkflowRun[] = [];
  const stopAll = async (): Promise<void> => {
    if (!keep) {
      // A red run's logs stay for reading: the output printed where they are.
      await Promise.all(runs.filter((run) => run.exitCode === 0).map(removeRun));
      await rm(scratch, { recursive: true, force: true });
    }
    await stack.stop();
  };
  const onSignal = (): void => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const example = await hostRunnableExample(stack.git.url);
    const workflow = path.join(scratch, 'python-ci.yml');
    await writeFile(workflow, example.yaml);
    const project = await stack.newProject('example-project', [
      path.join(repoRoot, 'test/fixtures/py-app'),
      path.join(E2E_DIR, 'fixtures/example-project'),
    ]);
    const runner = await stack.newRunner();
    const host = await stack.prewarmedHost();

    console.log(
      'forgejo-ci-kit demo: examples/workflows/python-ci.yml on the real runner (everything on 127.0.0.1)',
    );
    console.log(
      `  runner   ${runnerVersion()} (.tools/bin), its daemon job path (run.NewRunner, Runner.Run), host mode, capacity 2`,
    );
    console.log(
      `  forge    ${stack.git.url}: ${KIT_OWNER}/${KIT_REPO} at ${KIT_TAGS.join(', ')} = ${stack.kitCommit.slice(0, 12)} (this working tree)`,
    );
    console.log(`  mirror   ${stack.mirror.url}: helm, kubeconform, uv (built here, pinned by sha256)`);
    console.log(
      "  cache    forgejo-runner cache-server (with a secret) behind the runner's per-job signing proxy, kept between the runs",
    );
    console.log(
      `  host     pre-warmed: uv, nox, helm, kubeconform on PATH, image manifest ${host.env.CI_KIT_IMAGE_MANIFEST}`,
    );
    console.log(
      `  workflow ${example.changes.length} changes for host mode on this machine (why: test/e2e/README.md):`,
    );
    for (const change of example.changes) console.log(`             - ${change}`);
    console.log('  secrets  none: the secret-dependent jobs take their offline paths');
    if (keep) console.log(`  kept     ${scratch} and the run logs (--keep)`);
    if (faults) console.log('  faults   the release mirror answers 503 twice for helm in Run 1 (--faults)');

    const results: WorkflowRun[] = [];
    const downloads: number[] = [];
    for (const label of ['Run 1 (cold runner)', 'Run 2 (warm runner)']) {
      console.log(`\n${label}: running...`);
      if (faults && results.length === 0) {
        stack.mirror.script(new URL(stack.releases.helm.archiveUrl).pathname, [
          { status: 503 },
          { status: 503 },
        ]);
      }
      const before = stack.mirror.requests.length;
      const result = await runWorkflow({
        workflow,
        project,
        runnerDir: runner,
        vars: stack.vars,
        env: { ...stack.env, ...host.env },
        path: host.path,
        hostLabels: EXAMPLE_LABELS,
        timeoutMs: 600_000,
      });
      runs.push(result);
      results.push(result);
      downloads.push(stack.mirror.requests.slice(before).filter((r) => r.status === 200).length);
      console.log(formatRunSummary(result, label));
      console.log(`\n${telemetryTable(result).join('\n')}`);
      for (const failure of result.failures()) console.log(failure);
      if (keep || result.exitCode !== 0) console.log(`runner log: ${result.logFile}`);
    }
    const [cold, warm] = results;
    if (cold && warm) {
      console.log(
        `\ncold ${(cold.ms / 1000).toFixed(1)} s -> warm ${(warm.ms / 1000).toFixed(1)} s wall; ` +
          `downloads from the release mirror: ${downloads.join(' -> ')}`,
      );
    }
    return results.every((result) => result.exitCode === 0) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  }
}

/** `forgejo-runner version ...` as the binary says it. */
function runnerVersion(): string {
  const bin = toolsBin('forgejo-runner');
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return (out.stdout || out.stderr).trim() || 'forgejo-runner (version unknown)';
}
