// `npm run bench` (node bench/run.mjs [options]): bundles the TypeScript bench with esbuild into a temp
// folder, then runs it. Node 20 cannot run .ts itself, and bundling is what dist/ already does: the
// bench imports test/harness and packages/* exactly as the tests do, with no second build setup.
//
// test/harness finds the repository from its own import.meta.url; inside a bundle that would be the
// bundle's path, so each of its files gets its own file URL compiled in instead.
// esbuild itself is handed to the bench (it builds variant bundles) rather than bundled into it.
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = mkdtempSync(path.join(tmpdir(), 'ci-kit-bench-bundle-'));
const cleanup = () => rmSync(outdir, { recursive: true, force: true });
// Also when the bench exits early (Ctrl-C: main cleans up its servers, then exits).
process.on('exit', cleanup);

const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    const harnessDir = path.join(repoRoot, 'test', 'harness') + path.sep;
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(harnessDir)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replace(/\bimport\.meta\.url\b/g, url), loader: 'ts' };
    });
  },
};

let exitCode = 1;
try {
  await esbuild.build({
    entryPoints: {
      bench: path.join(repoRoot, 'bench/main.ts'),
      // Run as a child process by the cache table: one save or restore through packages/cache.
      'cache-op': path.join(repoRoot, 'bench/cache-op.ts'),
      // Run by table 8b: one restore of the realistic fixture's entry, timed part by part.
      'restore-op': path.join(repoRoot, 'bench/restore-op.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['esbuild'],
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module';\nconst require = __benchCreateRequire(import.meta.url);",
    },
    plugins: [ownImportMetaUrl],
  });
  const bench = await import(pathToFileURL(path.join(outdir, 'bench.mjs')).href);
  exitCode = await bench.main({ argv: process.argv.slice(2), esbuild, bundleDir: outdir });
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  cleanup();
}
// Dangling keep-alive sockets of the toolkit must not hold the process open.
process.exit(exitCode);
