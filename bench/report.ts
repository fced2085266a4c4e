// docs/performance.md: the machine, how each table was measured, and the tables themselves.
import type { AptOnce } from './apt-once';
import type { RunnerJobs } from './table-runner';
import type { BenchOptions } from './options';
import type { MachineInfo } from './machine';
import { fmtMs } from './stats';
import { FAULT_CONCURRENCY, SHIPPED_RETRIES, STALL_MS } from './table-faults';

export interface Section {
  table: number;
  markdown: string;
  apt?: AptOnce;
  runner?: RunnerJobs;
}

export interface DocumentInput {
  machine: MachineInfo;
  loadAtEnd: string;
  /** Highest 1-minute load average sampled during the run. */
  loadPeak: number;
  durationMs: number;
  opts: BenchOptions;
  sections: Section[];
  headline: string[];
}

const TITLES: Record<number, string> = {
  1: '1. Warm bootstrap: the time our actions add to a job on the pre-warmed image',
  2: '2. Cold bootstrap: the same job from an empty tool cache and an empty cache service',
  3: '3. Bundle start-up, bundle sizes, and the bytes copied per `uses:`',
  4: '4. Cache throughput: the runner cache service against tar + zstd on local disk',
  5: '5. Reliability under faults',
  6: "6. The seed's headline: its original job against ours",
  7: '7. Scale-out: several runner hosts sharing one Forgejo cache server',
  8: "8. A realistic project on forgejo-runner: prepare-python's defaults against the seed's baseline, and the restore",
};

function method(table: number, input: DocumentInput, section: Section): string[] {
  const { opts } = input;
  switch (table) {
    case 1:
      return [
        `The job as a workflow runs it (host mode, steps spawned by \`test/harness/runner.ts\` exactly as in the integration tests, ${opts.jobReps} repetitions interleaved with the other job shapes): setup-prewarmed-runner (its \`bootstrap.sh\` shell step, then its node step), prepare-python (\`install: sync\` of \`test/fixtures/py-app\`), secret-guard (two secrets present), cached-tool helm, cached-tool kubeconform, and prepare-python's post step.`,
        'The "image": uv, nox, helm and kubeconform on PATH (the real binaries from `.tools/bin`) and the image manifest; the uv cache entry is in the cache service (exact hit: no save in post). Left: the runner kept its tool cache, so cached-tool finds helm and kubeconform there. Middle: a fresh container on the image, whose tool cache is empty, so cached-tool restores the verified archives from the cache service and extracts them.',
        "Baseline per step: a node step running an empty script (what `node -e ''` costs through the same harness) and, for bootstrap.sh, a `sh -c :` step. Target: the whole warm bootstrap under 2 s.",
      ];
    case 2:
      return [
        "The same job on a bare runner: nothing on PATH but the host's node, git, curl and tar (host mode: bootstrap.sh finds them, so no apt here; table 6 adds that phase), an empty tool cache and a fresh, empty cache service. setup-prewarmed-runner downloads uv, helm and kubeconform from the loopback mirror and installs nox (a venv, `uv pip install --require-hashes`) from the local wheelhouse; the later steps find the tools it installed.",
        'Archives: upstream layout and names (`test/harness/fixtures.ts`) around the real binaries built by `scripts/setup-tools.sh`; kubeconform padded to its upstream size (7,491,807 bytes, ../shared/upstream-facts.md); helm and uv archived unpadded, as no upstream size is recorded for them. The committed setup-prewarmed-runner bundle only trusts the upstream digests compiled into it, so this job runs a bundle built from the same sources with the same esbuild settings whose toolchain.json pins these archives (the method of `test/integration/setup-prewarmed-runner.test.ts`); cached-tool and prepare-python are the committed bundles, given the digests through their `sha256`/`uv-sha256` inputs.',
        "Right column: a second bare runner right after, whose cache service kept what the cold job saved (an ephemeral runner with a runner-local cache): the archives come from the cache service instead of the mirror. Phases are read from the actions' own step summaries and log lines; verification needs no phase of its own, since the sha256 is computed while the bytes stream in.",
      ];
    case 3:
      return [
        `Each bundle started with an invalid input (it validates inputs first and exits 1; prepare-python's post step gets no state and exits 0 at once), spawned directly (no harness), ${opts.startupReps} rounds in rotating order after one untimed round. "Loaded at start" counts the entry file and the chunks it imports statically; "on demand" the chunks only a dynamic \`import()\` reaches (setup-prewarmed-runner loads its install code only when something is missing).`,
        'The Forgejo runner copies the whole repository at the ref into the job container for every `uses:` (../shared/design.md), so every committed byte is paid by every user on every step.',
      ];
    case 4:
      return [
        "A generated folder shaped like a uv cache (`bench/uv-cache-gen.ts`: unpacked wheels as thousands of small files, Python-like text plus one binary extension module in ten, index metadata, and a few large incompressible wheels), saved and restored through `packages/cache` (`saveEntry`/`restoreEntry`, @actions/cache against the real v1 cache server on loopback, in a child process) against `tar --posix` with `zstdmt --long=30` / `unzstd --long=30` (what @actions/cache runs with zstd present) writing to and reading from local disk, the physical limit here. Times are of the operation itself (the child's node start-up is not included); the restored trees are checked file count and bytes.",
        `Size: ${opts.cacheMb} MB (\`--cache-mb\`). The folder stays in the page cache (24 GiB RAM): both sides read it warm, and nothing drops caches on a shared machine.`,
      ];
    case 5:
      return [
        `Each run installs helm, kubeconform and uv with cached-tool on a fresh runner (so every run is cold). Every request to the mirror, and in the first variant to the cache service, is disturbed with probability p; the kind is drawn uniformly from: HTTP 503; reset (half the body, then a TCP reset); truncated body (half the body, then a clean close); stall. A stall pauses ${fmtMs(STALL_MS)} after the first KiB and then completes: a slow host, not a dead one. A dead host costs ours its 30 s idle timeout per stalled attempt (then a retry) and hangs curl without \`--max-time\` until the job times out; at these rates that would take hours and show nothing new. So 3 of the 4 kinds fail a request outright: the hard failure rate per request is 0.75 p.`,
        `Variants: cached-tool as users get it (retries: ${SHIPPED_RETRIES}, cache: true; a fresh cache service per run, disturbed through \`bench/fault-proxy.ts\`); the same with cache: false, which isolates the download retries; the same with retries: 1 (one attempt); and the seed's way, curl without \`--retry\` and tar (no cache to disturb). Runs are paired: run i of every variant at a given p meets the same seeded sequence of mirror faults. Archives are small here (256 KiB binaries in the upstream layout): success depends on the requests, not the size. ${opts.faultRuns} runs per variant and p, ${Math.max(1, Math.ceil(opts.faultRuns / 5))} at p = 0 for the undisturbed time; ${FAULT_CONCURRENCY} runs in flight at once (they mostly sleep through backoff). The seed measured a 69.7 % job failure rate (../shared/seed/issue-9767.txt).`,
        "Failure causes: *download* is cached-tool giving up with its error (or curl failing); *exit 13* is a step that ended with Node's exit code 13 and no error message: a top-level await that never settled. It happened when the cache service cut a response off mid-body: `@actions/http-client` 4.0.1 `readBody()` listens only for `data` and `end`, so the toolkit's promise never settles and nothing keeps the event loop alive. `packages/cache` now notices such a stranded call (`stranded.ts`, on `beforeExit`) and turns it into the usual cache warning, so this column should stay at zero. Each cache request that fails outright also costs the toolkit's own 5 s retry delay, which is most of the added time in that variant. \"Added vs p = 0\" compares medians of successful runs only: a successful single-attempt run met no hard fault, so there the difference is noise (and can be negative).",
      ];
    case 6: {
      const apt = section.apt;
      const runner = section.runner;
      return [
        "The seed's job as its report describes it, minus the tests: apt-get update and install of Node, git and curl in python:3.13-slim, `pip install uv nox` with no cache (here from the local wheelhouse, with `--no-cache-dir --target` instead of the image's system site-packages), helm and kubeconform with `curl` (one attempt, no checksum) from the loopback mirror and `tar`, then the project's `uv sync` with an empty cache. Against it, our job warm (the pre-warmed image stand-in) and cold (a bare runner).",
        runner?.available
          ? "First through the real runner: the e2e driver (`test/harness/driver.ts`: each job a push to a real Forgejo server, v13.0.5, run by its registered forgejo-runner daemon in host mode) runs `bench/workflows/seed.yml` and `bench/workflows/ours.yml`, our actions resolved as remote actions (`ops/forgejo-ci-kit/actions/<name>@v1`) from that server, release files from its mirror, the runner host's signed cache stack (forgejo-runner cache-server behind the runner's per-job proxy). Warm: a runner that ran the job once before (tool cache, cache server and action clones kept) and the image's PATH and manifest. Cold: a fresh runner each time, so the job time includes cloning the actions. Cold on the runner, setup-prewarmed-runner only checks node, git, curl and tar: the committed bundle trusts only upstream digests and the mirror serves local builds, so prepare-python and cached-tool install uv, nox, helm and kubeconform through their sha256 inputs. Then the same comparison through the harness, from the jobs of tables 1 and 2 (there the cold setup-prewarmed-runner installs all four, with the variant bundle of table 2)."
          : `Through the harness only (host mode, the jobs of tables 1 and 2): the real runner (forgejo-runner, through \`test/harness/driver.ts\`) was not used in this run (${runner?.note ?? 'not requested'}).`,
        apt?.measured
          ? `The apt phase needs the Debian mirror, so it is measured apart from the job loop, twice per side, in the order bootstrap.sh, seed, seed, bootstrap.sh (network-dependent; a proxy or mirror that warms up favours neither side): in fresh Debian trixie minbase roots (\`scripts/setup-chroot.sh\`, the bootstrap tests' stand-in for python:3.13-slim) against this machine's Debian mirror, the seed's \`apt-get update\` + \`apt-get install -y --no-install-recommends nodejs git curl ca-certificates\` (medians ${fmtMs(apt.seedUpdateMs)} + ${fmtMs(apt.seedInstallMs)}), and our bootstrap.sh doing the same with retries (median ${fmtMs(apt.bootstrapMs)}). A mirror farther away adds the same to both. Host mode cannot run apt inside each job, so the medians are added to the seed's and the cold job's totals; on the image bootstrap.sh installs nothing.`
          : `The apt phase was not measured in this run (${apt?.note ?? 'not requested'}); the totals leave it out. (../shared/design.md reports about 15 s for apt-get install of nodejs git curl ca-certificates in a trixie root.)`,
      ];
    }
    case 7:
      return [
        `${opts.scaleHosts} runner hosts on this machine, each the real forgejo-runner (a daemon registered on a real Forgejo server, host mode) with its own home, tool cache, work folder and per-job cache proxy, all with \`cache.external_server\` set to one \`forgejo-runner cache-server\` (docs/scale-out.md). The job (\`bench/workflows/scale.yml\`) installs helm and kubeconform with cached-tool, remote cache on; hosts run one after the other, each fresh (empty tool cache), so host 1 downloads and saves and the others can only restore. "Mirror downloads" counts the release archives the loopback mirror served; the restore and save times are the actions' own phases (their telemetry output).`,
        `7b: K saves of distinct 64 KiB entries at once, then K restores of them at once, each in a process of its own through packages/cache (as an action does it) against the runner's signing proxy in front of \`forgejo-runner cache-server\` (\`ci-kit-forgejo cache-stack\`), for K = ${opts.scaleConcurrency.join(', ')}; on this machine's cores the K processes' own start-up is part of each time. 7c: through the real runner again: the shared server stopped for a whole run, stopped and started again (same address, same store) 1.5 s into a run, and two hosts racing to save the same keys on a server that has neither; then a run on a fresh host says whether the next run is warm again.`,
      ];
    default:
      return [];
  }
}

/** Other work on the machine shows in the load average sampled during the run. */
function noiseNote(input: DocumentInput): string {
  const { machine, loadPeak } = input;
  const busy = loadPeak > machine.cores * 0.75;
  return busy
    ? `> **Noise:** the 1-minute load average reached ${loadPeak.toFixed(2)} on ${machine.cores} cores during this run: the machine was shared with other work (here: other engineers' test runs and image builds). Every comparison below was measured side by side in the same run, interleaved, so ratios hold better than absolute times; rerun \`npm run bench\` on a quiet machine before quoting absolute numbers.`
    : `> The 1-minute load average stayed at or below ${loadPeak.toFixed(2)} on ${machine.cores} cores during this run (the bench itself included). Comparisons were measured side by side, interleaved.`;
}

export function renderDocument(input: DocumentInput): string {
  const { machine, opts } = input;
  const lines = [
    '# Performance',
    '',
    '<!-- Generated by `npm run bench` (bench/main.ts). Do not edit by hand: rerun it. -->',
    '',
    `Measured ${machine.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, ${machine.os}, Node ${machine.node}; commit ${machine.commit}. Load average (1/5/15 min) ${machine.loadAtStart} at the start, ${input.loadAtEnd} at the end; the run took ${fmtMs(input.durationMs)}.`,
    '',
    `Tools: ${Object.entries(machine.tools)
      .map(([name, text]) => `${name}: ${text}`)
      .join('; ')}.`,
    '',
    noiseNote(input),
    '',
    'Every cell is a median over repetitions with its spread: `median (min–max)`, or `median [IQR]` for larger samples. Nothing here is asserted by a test; `.ci/run` only runs `npm run bench -- --smoke` (one repetition, tiny sizes, output to a temp file) so the bench cannot rot. Everything runs on 127.0.0.1: the release mirror (`test/harness/mirror.ts`), the real v1 cache server (`test/harness/cache-server.ts`), and the fault proxy.',
    '',
  ];
  if (input.headline.length > 0) {
    lines.push('## Headline', '', ...input.headline.map((line) => `- ${line}`), '');
  }
  for (const section of [...input.sections].sort((a, b) => a.table - b.table)) {
    lines.push(
      `## ${TITLES[section.table]}`,
      '',
      ...method(section.table, input, section).flatMap((p) => [p, '']),
    );
    lines.push(section.markdown, '');
  }
  if (opts.smoke) lines.push('_Smoke run: one repetition and tiny sizes; these numbers mean nothing._', '');
  return lines.join('\n');
}

/**
 * A partial run's page spliced into the full run's: its numbered sections replace (or join, in order)
 * those of `existing`, and its headline lines replace the lines of `existing`'s headline that begin the
 * same way (up to the first colon); every other part of `existing` stays as it was.
 */
export function spliceSections(existing: string, partial: string): string {
  const split = (doc: string) => {
    const parts = doc.split(/^(?=## )/m);
    const head = parts.shift() ?? '';
    return { head, parts };
  };
  const numberOf = (part: string) => /^## (\d+)\. /.exec(part)?.[1];
  const old = split(existing);
  const add = split(partial);
  const added = new Map(add.parts.filter((p) => numberOf(p)).map((p) => [numberOf(p) as string, p]));
  const headlineOf = (parts: string[]) => parts.find((p) => p.startsWith('## Headline'));
  const newLines = (headlineOf(add.parts) ?? '').split('\n').filter((l) => l.startsWith('- '));
  const prefix = (line: string) => line.split(':')[0] ?? line;
  const parts = old.parts.map((part) => {
    if (part.startsWith('## Headline') && newLines.length > 0) {
      const kept = part
        .trimEnd()
        .split('\n')
        .filter((l) => !newLines.some((n) => l.startsWith('- ') && prefix(l) === prefix(n)));
      return `${[...kept, ...newLines].join('\n')}\n\n`;
    }
    const n = numberOf(part);
    if (n && added.has(n)) {
      const replacement = added.get(n) as string;
      added.delete(n);
      return replacement;
    }
    return part;
  });
  for (const [n, part] of added) {
    const at = parts.findIndex((p) => Number(numberOf(p) ?? 0) > Number(n));
    if (at === -1) parts.push(part);
    else parts.splice(at, 0, part);
  }
  const last = parts.length - 1;
  parts[last] = `${(parts[last] ?? '').trimEnd()}\n`;
  return old.head + parts.join('');
}

/**
 * A full run's page with the sections other scripts wrote into the existing one carried over (those
 * whose heading has no table number and is not the headline: `bench/node-startup.mjs`'s, the tool-cache
 * check's), each after the numbered section it followed; a full run used to drop them.
 */
export function keepOtherSections(existing: string, document: string): string {
  const split = (doc: string) => doc.split(/^(?=## )/m);
  const numberOf = (part: string) => /^## (\d+)\. /.exec(part)?.[1];
  const heading = (part: string) => part.split('\n')[0] ?? '';
  const isOther = (part: string) =>
    part.startsWith('## ') && !numberOf(part) && !part.startsWith('## Headline');
  const parts = split(document);
  const have = new Set(parts.map(heading));
  // Index in `parts` after which the next carried section goes (-1: at the end).
  let anchor = -1;
  for (const part of split(existing)) {
    const n = numberOf(part);
    if (n) {
      anchor = parts.findIndex((p) => numberOf(p) === n);
      continue;
    }
    if (!isOther(part) || have.has(heading(part))) continue;
    const body = `${part.trimEnd()}\n\n`;
    if (anchor === -1) parts.push(body);
    else parts.splice(++anchor, 0, body);
  }
  const last = parts.length - 1;
  parts[last] = `${(parts[last] ?? '').trimEnd()}\n`;
  return parts.join('');
}
