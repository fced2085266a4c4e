// `node bench/tool-cache-check.mjs [--runs N] [--dist DIR]...`: what checking a tool-cache entry
// against its pin costs a warm job (issue 28, item 2; docs/performance.md, "Checking tool-cache
// entries"). The bundled cached-tool, run as a runner runs it (node on dist/cached-tool/main.mjs with
// INPUT_* and the runner's files), installs helm, kubeconform and uv laid out as their releases,
// made of the real binaries setup-tools built (.tools/bin: helm 59 MB, uv 53 MB), from a loopback
// server; then it is run again on the warm tool cache, N times. Per dist folder given (default: this
// checkout's dist/; give the dist of an older commit to compare), the table shows the median and the
// spread of the `tool cache` phase (the lookup and the check, from the step's own log line) and of
// the whole step (node start-up included).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 0) || 7;
const dists = args.flatMap((arg, i) => (args[i - 1] === '--dist' ? [path.resolve(arg)] : []));
if (dists.length === 0) dists.push(path.join(repoRoot, 'dist'));
const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8'));
const bin = (name) => path.join(repoRoot, '.tools/bin', name);

const work = mkdtempSync(path.join(tmpdir(), 'ci-kit-bench-tc-'));
const files = new Map();

/** A release archive with `members` (path in archive -> source file), tar.gz as upstream ships. */
function release(fileName, members) {
  const src = path.join(work, `src-${fileName}`);
  for (const [member, from] of Object.entries(members)) {
    mkdirSync(path.dirname(path.join(src, member)), { recursive: true });
    if (from) copyFileSync(from, path.join(src, member));
    else writeFileSync(path.join(src, member), 'license text\n');
  }
  const out = path.join(work, fileName);
  const top = [...new Set(Object.keys(members).map((m) => m.split('/')[0]))];
  execFileSync('tar', ['-czf', out, '-C', src, ...top]);
  const body = readFileSync(out);
  files.set(`/${fileName}`, body);
  return createHash('sha256').update(body).digest('hex');
}

const tools = [
  {
    tool: 'helm',
    version: toolchain.helm.version,
    sha256: release(`helm-v${toolchain.helm.version}-linux-amd64.tar.gz`, {
      'linux-amd64/helm': bin('helm'),
      'linux-amd64/LICENSE': '',
      'linux-amd64/README.md': '',
    }),
  },
  {
    tool: 'kubeconform',
    version: toolchain.kubeconform.version,
    sha256: release('kubeconform-linux-amd64.tar.gz', { kubeconform: bin('kubeconform'), LICENSE: '' }),
  },
  {
    tool: 'uv',
    version: toolchain.uv.version,
    sha256: release('uv-x86_64-unknown-linux-gnu.tar.gz', {
      'uv-x86_64-unknown-linux-gnu/uv': bin('uv'),
      'uv-x86_64-unknown-linux-gnu/uvx': bin('uvx'),
    }),
  },
];

const server = createServer((req, res) => {
  const body = files.get(new URL(req.url, 'http://x').pathname);
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Length': body.length }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

async function step(dist, job, tool) {
  const dir = mkdtempSync(path.join(job, 'step-'));
  const runnerFiles = {};
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    runnerFiles[name] = path.join(dir, name);
    writeFileSync(runnerFiles[name], '');
  }
  const inputs = {
    tool: tool.tool,
    version: tool.version,
    sha256: tool.sha256,
    'download-url': `${base}/{file}`,
    cache: 'false',
    retries: '1',
    verify: 'true',
    'save-cache': 'auto',
    'archive-format': 'auto',
  };
  const env = {
    PATH: process.env.PATH,
    HOME: job,
    RUNNER_TEMP: path.join(job, 'temp'),
    RUNNER_TOOL_CACHE: path.join(job, 'tool-cache'),
    GITHUB_WORKSPACE: job,
    ...runnerFiles,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const started = process.hrtime.bigint();
  // Not spawnSync: the loopback server answering the first run lives in this process.
  const child = spawn(process.execPath, [path.join(dist, 'cached-tool/main.mjs')], { env });
  const done = { stdout: '', stderr: '', status: null };
  child.stdout.on('data', (chunk) => (done.stdout += chunk));
  child.stderr.on('data', (chunk) => (done.stderr += chunk));
  done.status = await new Promise((resolve) => child.on('close', resolve));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (done.status !== 0) throw new Error(`cached-tool ${tool.tool} failed:\n${done.stdout}${done.stderr}`);
  const line = done.stdout.split('\n').find((l) => / on PATH at /.test(l)) ?? '';
  const source = / from (\S+) on PATH/.exec(line)?.[1];
  const phase = /tool cache (\d+(?:\.\d+)?) (ms|s)\b/.exec(line);
  const phaseMs = phase ? Number(phase[1]) * (phase[2] === 's' ? 1000 : 1) : NaN;
  return { ms, phaseMs, source };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) =>
  `${Math.round(median(values))} ms (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;

const rows = [];
try {
  for (const dist of dists) {
    for (const tool of tools) {
      const job = mkdtempSync(path.join(work, 'job-'));
      mkdirSync(path.join(job, 'temp'));
      mkdirSync(path.join(job, 'tool-cache'));
      const first = await step(dist, job, tool);
      if (first.source !== 'download') throw new Error(`first run of ${tool.tool} came from ${first.source}`);
      const warm = [];
      for (let i = 0; i < runs; i++) warm.push(await step(dist, job, tool));
      if (warm.some((w) => w.source !== 'tool-cache')) throw new Error(`a warm ${tool.tool} run missed`);
      const binaries = tool.tool === 'uv' ? ['uv', 'uvx'] : [tool.tool];
      const mb = binaries.reduce((sum, b) => sum + statSync(bin(b)).size, 0) / 1e6;
      rows.push([
        path.relative(repoRoot, dist) || dist,
        `${tool.tool} (${mb.toFixed(0)} MB of binaries)`,
        fmt(warm.map((w) => w.phaseMs)),
        fmt(warm.map((w) => w.ms)),
      ]);
      rmSync(job, { recursive: true, force: true });
    }
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(`warm cached-tool runs: ${runs} per row (median, min–max)\n`);
console.log('| dist | tool | `tool cache` phase (lookup + check) | whole step (node start-up included) |');
console.log('| --- | --- | ---: | ---: |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
