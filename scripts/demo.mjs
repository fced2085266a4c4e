// `npm run demo`: runs the example tiered workflow on a real Forgejo server and its runner, cold then
// warm, and prints a summary of each run. The jobs run in containers (podman's Docker API, the
// template's own `container:` images, built once per machine with buildah) where podman works, else
// on this machine; `--host-mode` asks for the latter. On a fresh clone (after npm ci) it first builds what it needs:
// the tools (scripts/setup-tools.sh, once per machine: the Forgejo server and runner, act, helm,
// kubeconform, uv, nox, the cache server) and the bundles in dist/ when they are missing.
//
// The demo itself is TypeScript (test/e2e/demo-server.ts, sharing the e2e suite's harness; with
// --stand-in, test/e2e/demo.ts on the server stand-in); Node 20 does not run TypeScript, so it is
// bundled with esbuild first, into .tmp/demo/ (two levels below the repository root, like
// test/harness/, so the code finds the repository from its own URL), and the bundle is removed
// afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);

function step(message) {
  console.log(`demo: ${message}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`demo: ${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!existsSync(path.join(root, 'node_modules', 'esbuild'))) {
  console.error('demo: node_modules is missing: run npm ci first');
  process.exit(1);
}

// Idempotent and quick when the tools are up to date (each has a version stamp).
step('checking the tools (scripts/setup-tools.sh; the first run builds them, which takes a few minutes)');
run('sh', [path.join(root, 'scripts/setup-tools.sh')]);

const actionsDir = path.join(root, 'actions');
const missingBundles = readdirSync(actionsDir).filter(
  (action) =>
    existsSync(path.join(actionsDir, action, 'src', 'main.ts')) &&
    !existsSync(path.join(root, 'dist', action, 'main.mjs')),
);
if (missingBundles.length > 0) {
  step(`building dist/ (missing: ${missingBundles.join(', ')})`);
  run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
}

const { build } = await import('esbuild');
const outDir = path.join(root, '.tmp', 'demo');
const bundle = path.join(outDir, 'demo.mjs');
// On a real Forgejo server (test/e2e/demo-server.ts; setup-tools above builds it into .tools/forgejo);
// --stand-in: on the runner with the server stand-in (test/e2e/demo.ts), the path before the server.
const entry = argv.includes('--stand-in') ? 'test/e2e/demo.ts' : 'test/e2e/demo-server.ts';
await build({
  entryPoints: [path.join(root, entry)],
  outfile: bundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __demoCreateRequire } from 'node:module';\nconst require = __demoCreateRequire(import.meta.url);",
  },
});

let code = 1;
try {
  const demo = await import(pathToFileURL(bundle).href);
  code = await demo.main(argv);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(code);
