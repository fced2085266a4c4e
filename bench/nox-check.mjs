// `node bench/nox-check.mjs [--runs N]`: what checking a nox venv in the tool cache against the pinned
// wheels costs a warm prepare-python job (issue 28 item 2; docs/performance.md, "Checking tool-cache
// entries"). Builds the venv as prepare-python does (uv venv --relocatable, uv pip install
// --require-hashes from toolchain.json's lock, offline from .tools/wheels), then times
// packages/tools/src/nox-check.ts on it N times (bundled on the fly with esbuild, as bench/run.mjs does).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 0) || 9;
const uv = path.join(repoRoot, '.tools/bin/uv');
const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'ci-kit-bench-nox-'));
try {
  const python = execFileSync('python3', ['-c', 'import os,sys;print(os.path.realpath(sys.executable))'], {
    encoding: 'utf8',
  }).trim();
  const venv = path.join(work, 'venv');
  const env = {
    ...process.env,
    UV_CACHE_DIR: path.join(work, 'cache'),
    UV_NO_CONFIG: '1',
    UV_PYTHON_DOWNLOADS: 'never',
  };
  writeFileSync(path.join(work, 'req.txt'), `${toolchain.nox.requirements.join('\n')}\n`);
  execFileSync(uv, ['venv', '--quiet', '--relocatable', '--no-project', '--python', python, venv], { env });
  execFileSync(
    uv,
    [
      'pip',
      'install',
      '--quiet',
      '--offline',
      '--no-index',
      '--find-links',
      path.join(repoRoot, '.tools/wheels'),
    ].concat([
      '--python',
      path.join(venv, 'bin/python'),
      '--require-hashes',
      '-r',
      path.join(work, 'req.txt'),
    ]),
    { env },
  );
  const entry = path.join(work, 'entry.ts');
  writeFileSync(
    entry,
    `export { checkNoxVenv } from ${JSON.stringify(path.join(repoRoot, 'packages/tools/src/nox-check.ts'))};
export { execRunner } from ${JSON.stringify(path.join(repoRoot, 'packages/runner/src/index.ts'))};`,
  );
  const out = path.join(work, 'bundle.mjs');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
    banner: { js: "import {createRequire} from 'module';const require=createRequire(import.meta.url);" },
  });
  const { checkNoxVenv, execRunner } = await import(pathToFileURL(out).href);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const verdict = await checkNoxVenv({
      dir: venv,
      version: toolchain.nox.version,
      uv,
      python: realpathSync(python),
      tempDir: work,
      run: execRunner,
    });
    times.push(performance.now() - started);
    if (verdict) throw new Error(`the fresh venv did not pass: ${JSON.stringify(verdict)}`);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.floor(q * (times.length - 1))]);
  console.log(`nox venv check (${runs} runs): median ${at(0.5)} ms (${at(0)}–${at(1)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
