// Fast-path benchmark of setup-prewarmed-runner's node step: the bundle run the way the runner runs
// it (a fresh `node dist/setup-prewarmed-runner/main.mjs`, inputs in INPUT_*), on a job where every
// tool is present at its pin, timed from spawn to exit. Prints a table.
//   npm run build && node bench/setup-prewarmed-runner.mjs [runs]
// Scenarios: fake tools (sh scripts printing the right versions: the action's own cost) and, when
// scripts/setup-tools.sh has made them, the real uv, nox, helm and kubeconform of .tools/bin.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist/setup-prewarmed-runner/main.mjs');
const runs = Number(process.argv[2] ?? 20);
if (!existsSync(bundle)) {
  console.error(`${bundle} is missing: npm run build first`);
  process.exit(1);
}
const toolchain = JSON.parse(readFileSync(path.join(root, 'toolchain.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'ci-kit-bench-'));

try {
  const manifest = path.join(work, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ ...toolchain, image: { version: 'bench' } }));
  const which = (command) =>
    spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();

  const fake = path.join(work, 'fake');
  const real = path.join(work, 'real');
  spawnSync('mkdir', ['-p', fake, real]);
  const lines = {
    node: `echo v${toolchain.node.version}`,
    git: "echo 'git version 2.47.3'",
    curl: "echo 'curl 8.14.1'",
    tar: "echo 'tar (GNU tar) 1.35'",
    uv: `echo 'uv ${toolchain.uv.version}'`,
    nox: `echo ${toolchain.nox.version} >&2`,
    helm: `echo v${toolchain.helm.version}+gbench`,
    kubeconform: `echo v${toolchain.kubeconform.version}`,
  };
  for (const [tool, line] of Object.entries(lines)) {
    writeFileSync(path.join(fake, tool), `#!/bin/sh\n${line}\n`);
    chmodSync(path.join(fake, tool), 0o755);
  }
  const scenarios = [['fake tools (sh scripts)', fake]];
  const tools = path.join(root, '.tools/bin');
  if (['uv', 'nox', 'helm', 'kubeconform'].every((tool) => existsSync(path.join(tools, tool)))) {
    for (const tool of ['uv', 'nox', 'helm', 'kubeconform'])
      symlinkSync(path.join(tools, tool), path.join(real, tool));
    for (const tool of ['node', 'git', 'curl', 'tar']) symlinkSync(which(tool), path.join(real, tool));
    scenarios.push(['real tools (.tools/bin, system node/git/curl/tar)', real]);
  }

  const env = (bin) => ({
    PATH: bin,
    HOME: work,
    RUNNER_TEMP: work,
    RUNNER_TOOL_CACHE: path.join(work, 'tool-cache'),
    CI_KIT_IMAGE_MANIFEST: manifest,
    CI_KIT_DOWNLOAD_MIRROR: 'http://127.0.0.1:9',
    INPUT_TOOLS: 'node git curl tar uv nox helm kubeconform',
    'INPUT_INSTALL-MISSING': 'true',
    INPUT_STRICT: 'false',
  });

  const rows = [];
  for (const [name, bin] of scenarios) {
    const times = [];
    let checked = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [bundle], { env: env(bin), encoding: 'utf8' });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (
        result.status !== 0 ||
        (!result.stdout.includes('prewarmed::true') && !result.stdout.includes('pre-warmed ('))
      ) {
        throw new Error(`run failed (${name}):\n${result.stdout}\n${result.stderr}`);
      }
      const match = /checked in (\d+) ms/.exec(result.stdout);
      if (match) checked.push(Number(match[1]));
    }
    times.sort((a, b) => a - b);
    checked.sort((a, b) => a - b);
    const median = (list) => list[Math.floor(list.length / 2)] ?? NaN;
    rows.push([
      name,
      String(runs),
      times[0].toFixed(0),
      median(times).toFixed(0),
      times.at(-1).toFixed(0),
      String(median(checked)),
    ]);
  }

  const header = ['scenario', 'runs', 'min ms', 'median ms', 'max ms', 'version checks, median ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`setup-prewarmed-runner fast path, whole step (node start-up included), ${process.version}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
} finally {
  rmSync(work, { recursive: true, force: true });
}
