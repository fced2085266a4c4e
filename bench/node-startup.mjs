// `node bench/node-startup.mjs [rounds]`: each bundle's start-up on Node 20, 24 and 26 side by side (the
// versions job images have; the Forgejo runner runs our bundles with the job image's node). The same
// probes as table 3 of docs/performance.md (bench/table-startup.ts): each bundle started with an invalid
// input, so it loads, validates and exits, plus status-check's plain script on a needs list with one
// green job, and `node -e ''` for what Node itself costs. Spawned directly, one untimed round, then
// `rounds` (default 20) rounds in rotating order over every (probe, version) pair, so load drift spreads
// over all columns alike. Prints a markdown table: median (min-max) per version, and the median above
// `node -e ''` of the same version. The binaries are .tools/node/<major>/bin/node (npm run setup-tools).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const rounds = Number(process.argv[2] ?? 20);
const MAJORS = [20, 24, 26];
const nodes = MAJORS.map((major) => path.join(root, '.tools', 'node', String(major), 'bin', 'node'));
for (const node of nodes) {
  if (!existsSync(node)) throw new Error(`${node} is missing: run npm run setup-tools`);
}
const versions = nodes.map((node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim());

const scratch = mkdtempSync(path.join(tmpdir(), 'ci-kit-node-startup-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const output = path.join(scratch, 'output');
writeFileSync(output, '');
const base = {
  PATH: '/usr/bin:/bin',
  HOME: scratch,
  RUNNER_TEMP: scratch,
  RUNNER_TOOL_CACHE: scratch,
  GITHUB_OUTPUT: output,
  GITHUB_STATE: output,
  GITHUB_ENV: output,
  GITHUB_PATH: output,
  GITHUB_STEP_SUMMARY: output,
  GITHUB_WORKSPACE: scratch,
};
// dist/ as it is now, copied first: another build may replace it while the bench runs.
cpSync(path.join(root, 'dist'), path.join(scratch, 'dist'), { recursive: true });
const dist = (entry) => path.join(scratch, 'dist', `${entry}.mjs`);
const PROBES = [
  { label: "`node -e ''`", args: ['-e', ''], env: {}, exit: 0 },
  {
    label: '`cached-tool/main.mjs`',
    args: [dist('cached-tool/main')],
    env: { INPUT_TOOL: 'not-a-tool' },
    exit: 1,
  },
  { label: '`helm-deps/main.mjs`', args: [dist('helm-deps/main')], env: { INPUT_RETRIES: 'many' }, exit: 1 },
  {
    label: '`prepare-python/main.mjs`',
    args: [dist('prepare-python/main')],
    env: { INPUT_INSTALL: 'bogus' },
    exit: 1,
  },
  { label: '`prepare-python/post.mjs`', args: [dist('prepare-python/post')], env: {}, exit: 0 },
  {
    label: '`secret-guard/main.mjs`',
    args: [dist('secret-guard/main')],
    env: { INPUT_SECRETS: '1-not-a-name' },
    exit: 1,
  },
  {
    label: '`setup-prewarmed-runner/main.mjs`',
    args: [dist('setup-prewarmed-runner/main')],
    env: { INPUT_STRICT: 'maybe' },
    exit: 1,
  },
  {
    label: '`status-check/status-check.mjs`',
    args: [path.join(root, 'actions/status-check/status-check.mjs')],
    env: { NEEDS_JSON: JSON.stringify({ unit: { result: 'success' } }), TELEMETRY_FILE: '' },
    exit: 0,
  },
];

const pairs = PROBES.flatMap((probe, p) => nodes.map((node, n) => ({ probe, p, node, n })));
const times = PROBES.map(() => nodes.map(() => []));
const started = Date.now();
const loadBefore = loadavg();
for (let round = -1; round < rounds; round++) {
  const shift = round < 0 ? 0 : round % pairs.length;
  for (const { probe, p, node, n } of [...pairs.slice(shift), ...pairs.slice(0, shift)]) {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(node, probe.args, { env: { ...base, ...probe.env }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (run.status !== probe.exit) {
      throw new Error(
        `${probe.label} on ${versions[n]} exited ${run.status}, not ${probe.exit}:\n${run.stdout}${run.stderr}`,
      );
    }
    if (round >= 0) times[p][n].push(ms);
  }
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;
const header = [
  'run',
  ...versions.map((v) => `Node ${v}: median (min–max)`),
  ...versions.map((v) => `above \`node -e\` on ${v}`),
];
const rows = PROBES.map((probe, p) => [
  probe.label,
  ...times[p].map((list) => `${ms(median(list))} (${ms(Math.min(...list))}–${ms(Math.max(...list))})`),
  ...times[p].map((list, n) => (p === 0 ? '–' : ms(median(list) - median(times[0][n])))),
]);
const line = (cells) => `| ${cells.join(' | ')} |`;
console.log(
  `Measured ${new Date().toISOString()} on ${cpus()[0]?.model.trim()} (${cpus().length} cores), ${rounds} rounds; ` +
    `load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start, ` +
    `${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} at the end; ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
);
console.log(line(header));
console.log(line(header.map((_, i) => (i === 0 ? '---' : '---:'))));
for (const row of rows) console.log(line(row));
