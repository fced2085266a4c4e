// Table 7 (`npm run bench -- --scale`): several runner hosts sharing one Forgejo cache server, as an
// installation that outgrows one runner host sets it up (docs/scale-out.md). Each host is the real
// forgejo-runner with a home, tool cache, work folder and per-job cache proxy of its own; all of them
// point `cache.external_server` at one `forgejo-runner cache-server` (the driver's `cacheServer`).
// Our actions are unchanged: nothing in them knows about the hosts.
//   7a. the same job on host 1 (downloads, saves), then on hosts 2..N (restores; mirror requests counted)
//   7b. K concurrent saves and restores of small entries against one server (the runner's signing proxy
//       in front of `forgejo-runner cache-server`, driven by packages/cache as the actions drive it)
//   7c. the shared server in trouble under the real runner: down for a whole run, restarted in the middle
//       of one, two hosts saving the same key at once; then whether the next run is warm again
//   7d. the seed's contention: Q queued pushes on capacity C, flat against tiered (table-contention.ts)
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeRun, runWorkflow, type WorkflowRun } from '../test/harness/driver';
import {
  freePort,
  startCacheStack,
  startForgejoCacheServer,
  type ForgejoCacheServer,
} from '../test/harness/forgejo-cache';
import { haveForgejoRunner } from '../test/harness/runners/forgejo-server';
import { repoRoot } from '../test/harness/runner';
import { startStack, type Stack } from '../test/harness/stack';
import { cacheOp } from './table-cache';
import { contentionTable } from './table-contention';
import { fmtMs, markdownTable, quantile } from './stats';
import type { World } from './world';

const WORKFLOW = path.join(repoRoot, 'bench/workflows/scale.yml');

interface HostRun {
  green: boolean;
  helm: string;
  kubeconform: string;
  /** Release archives fetched from the mirror (200s for .tar.gz). */
  downloads: number;
  restoreMs: number;
  saveMs: number;
  warnings: number;
  wallMs: number;
}

export interface ScaleResult {
  markdown: string;
  headline: string[];
}

export async function scaleTables(
  world: World,
  bundleDir: string,
  opts: { hosts: number; concurrency: number[] },
  log: (line: string) => void,
): Promise<ScaleResult> {
  if (!haveForgejoRunner()) {
    return { markdown: 'Not measured: forgejo-runner is not built (npm run setup-tools).', headline: [] };
  }
  const work = await mkdtemp(path.join(world.scratch, 'scale-'));
  const runs: WorkflowRun[] = [];
  let stack: Stack | undefined;
  try {
    stack = await startStack();
    const project = await stack.newProject('scale-project', []);
    const shared = new SharedServer(path.join(work, 'shared-server'), await freePort());
    await shared.start();
    const hostRun = async (label: string, during?: () => Promise<void>): Promise<HostRun> => {
      const s = stack as Stack;
      const before = s.mirror.requests.length;
      const running = runWorkflow({
        workflow: WORKFLOW,
        project,
        runnerDir: await s.newRunner(label),
        vars: s.vars,
        env: s.env,
        cacheServer: shared.address(),
        timeoutMs: 300_000,
      });
      if (during) await during();
      const result = await running;
      runs.push(result);
      return summarize(result, s.mirror.requests.slice(before));
    };

    log(`table 7a: one job on ${opts.hosts} runner hosts sharing one cache server`);
    const hosts: HostRun[] = [];
    for (let i = 1; i <= opts.hosts; i++) hosts.push(await hostRun(`host-${i}`));

    log(`table 7b: ${opts.concurrency.join(', ')} concurrent saves and restores against one server`);
    const concurrency: string[][] = [];
    for (const k of opts.concurrency) concurrency.push(await concurrentOps(bundleDir, work, k));

    log('table 7c: the shared server down, restarted mid-run, and two hosts saving one key at once');
    const faults: string[][] = [];
    await shared.stop();
    const down = await hostRun('down');
    await shared.start();
    const afterDown = await hostRun('after-down');
    faults.push(faultRow('down for a whole run', [down], afterDown));

    const restarted = await hostRun('restart', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await shared.stop();
      await shared.start();
    });
    const afterRestart = await hostRun('after-restart');
    faults.push(faultRow('restarted 1.5 s into the run', [restarted], afterRestart));

    // A server that has never seen the entries: two hosts race to save the same keys.
    await shared.reset();
    const pair = await Promise.all([hostRun('race-a'), hostRun('race-b')]);
    const afterRace = await hostRun('after-race');
    faults.push(faultRow('two hosts save the same keys at once', pair, afterRace));
    await shared.stop();

    const others = hosts.slice(1);
    let markdown = [
      '#### 7a. One job on each runner host, one shared cache server',
      '',
      markdownTable(
        [
          'host',
          'green',
          'helm from',
          'kubeconform from',
          'mirror downloads',
          'remote restore',
          'remote save',
          'wall',
        ],
        hosts.map((h, i) => [
          `host ${i + 1}`,
          h.green ? 'yes' : 'NO',
          h.helm,
          h.kubeconform,
          String(h.downloads),
          fmtMs(h.restoreMs),
          fmtMs(h.saveMs),
          fmtMs(h.wallMs),
        ]),
        ['l', 'l', 'l', 'l', 'r', 'r', 'r', 'r'],
      ),
      '',
      '#### 7b. K concurrent cache operations against one server (64 KiB entries)',
      '',
      markdownTable(
        [
          'K',
          'save p50',
          'save p95',
          'save max',
          'save errors',
          'restore p50',
          'restore p95',
          'restore max',
          'restore errors',
        ],
        concurrency,
        ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      '#### 7c. The shared server in trouble, through the real runner',
      '',
      markdownTable(
        ['scenario', 'jobs green', 'mirror downloads', 'warnings', 'next run on a fresh host'],
        faults,
        ['l', 'l', 'r', 'r', 'l'],
      ),
    ].join('\n');
    const contention = await contentionTable(stack, work, log);
    markdown += `\n\n${contention.markdown}`;
    const headline = [
      contention.headline,
      `${opts.hosts} runner hosts, one cache server: host 1 downloaded ${hosts[0]?.downloads ?? '?'} archives, hosts 2..${opts.hosts} ${others.map((h) => h.downloads).join(', ')} (restored: ${others.every((h) => h.helm === 'remote-cache' && h.kubeconform === 'remote-cache') ? 'all' : 'NOT all'})`,
      `cache restore p50 at K = ${opts.concurrency[0]}: ${concurrency[0]?.[5]}, at K = ${opts.concurrency.at(-1)}: ${concurrency.at(-1)?.[5]}`,
    ];
    return { markdown, headline };
  } finally {
    await Promise.all(runs.map(removeRun));
    await stack?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** One `forgejo-runner cache-server` on a fixed port and secret, so it can go down and come back as itself. */
class SharedServer {
  private server: ForgejoCacheServer | undefined;
  private readonly secret = randomBytes(32).toString('hex');
  constructor(
    private dir: string,
    private readonly port: number,
  ) {}
  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.server = await startForgejoCacheServer({ dir: this.dir, port: this.port, secret: this.secret });
  }
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
  /** A new, empty store behind the same address. */
  async reset(): Promise<void> {
    await this.stop();
    this.dir = `${this.dir}-fresh`;
    await this.start();
  }
  address(): { url: string; secret: string } {
    return { url: `http://127.0.0.1:${this.port}`, secret: this.secret };
  }
}

function summarize(result: WorkflowRun, requests: Array<{ path: string; status: number }>): HostRun {
  const values = result.values['tools.env'] ?? {};
  let restoreMs = 0;
  let saveMs = 0;
  let warnings = 0;
  try {
    const telemetry = JSON.parse(values.telemetry ?? '') as {
      steps: Array<{ ms: Record<string, number>; warnings: Record<string, number> }>;
    };
    for (const step of telemetry.steps) {
      for (const [phase, ms] of Object.entries(step.ms)) {
        if (phase.endsWith('remote cache restore')) restoreMs += ms;
        if (phase.endsWith('remote cache save')) saveMs += ms;
      }
      warnings += Object.values(step.warnings).reduce((sum, n) => sum + n, 0);
    }
  } catch {
    // No telemetry (a red job): the row says so through `green`.
  }
  return {
    green: result.exitCode === 0 && result.job('tools').result === 'success',
    helm: values['helm-source'] ?? '?',
    kubeconform: values['kubeconform-source'] ?? '?',
    downloads: requests.filter((r) => r.status === 200 && r.path.endsWith('.tar.gz')).length,
    restoreMs,
    saveMs,
    warnings,
    wallMs: result.ms,
  };
}

function faultRow(scenario: string, runs: HostRun[], next: HostRun): string[] {
  return [
    scenario,
    `${runs.filter((r) => r.green).length} of ${runs.length}`,
    // Runs side by side share one count (the mirror cannot tell whose request it was).
    runs.length > 1 ? `${runs[0]?.downloads ?? 0} for both` : String(runs[0]?.downloads ?? 0),
    runs.map((r) => r.warnings).join(', '),
    `${next.green ? 'green' : 'RED'}, helm from ${next.helm}, ${next.downloads} downloads`,
  ];
}

/** K saves of distinct keys at once, then K restores of them at once, each a process as a job's step is. */
async function concurrentOps(bundleDir: string, work: string, k: number): Promise<string[]> {
  const stack = await startCacheStack({ dir: path.join(work, `stack-${k}`) });
  try {
    const roots = await Promise.all(
      Array.from({ length: k }, async (_, i) => {
        const root = path.join(work, `k${k}-${i}`);
        await mkdir(path.join(root, 'payload'), { recursive: true });
        await writeFile(path.join(root, 'payload', 'data.bin'), randomBytes(64 * 1024));
        return root;
      }),
    );
    const key = (i: number) => `bench-scale-k${k}-${i}-${randomBytes(4).toString('hex')}`;
    const keys = roots.map((_, i) => key(i));
    // Each operation in a folder of its own: cacheOp names its result file after the operation.
    const opDir = () => mkdtemp(path.join(work, 'op-'));
    const saves = await Promise.all(
      roots.map(async (root, i) =>
        cacheOp(bundleDir, await opDir(), stack.url, 'save', root, keys[i] as string),
      ),
    );
    await Promise.all(roots.map((root) => rm(path.join(root, 'payload'), { recursive: true, force: true })));
    const restores = await Promise.all(
      roots.map(async (root, i) =>
        cacheOp(bundleDir, await opDir(), stack.url, 'restore', root, keys[i] as string),
      ),
    );
    const stats = (ops: Array<{ ms: number }>) => {
      const sorted = ops.map((op) => op.ms).sort((a, b) => a - b);
      return [
        fmtMs(quantile(sorted, 0.5)),
        fmtMs(quantile(sorted, 0.95)),
        fmtMs(sorted.at(-1) ?? Number.NaN),
      ];
    };
    return [
      String(k),
      ...stats(saves),
      String(saves.filter((op) => op.status !== 'saved').length),
      ...stats(restores),
      String(restores.filter((op) => op.status !== 'hit').length),
    ];
  } finally {
    await stack.stop();
  }
}
