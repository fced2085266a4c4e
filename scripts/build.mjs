// Bundles every actions/<name>/src/{main,post}.ts into dist/<name>/{main,post}.mjs.
// ESM for Node 20 (Forgejo runs bundles with the job image's node, whatever runs.using says),
// not minified so dist diffs stay reviewable, and split so actions share chunks (one copy of
// @actions/cache instead of one per action).
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// undici is imported by @actions/http-client for a code path these actions never take; see the
// shim for why it is left out. esbuild assigns whole files to chunks when splitting, so marking it
// side-effect free is not enough: every step would still load it.
const undiciShim = {
  name: 'undici-shim',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^undici$/ }, () => ({
      path: path.join(root, 'scripts', 'shims', 'undici.mjs'),
    }));
  },
};
const actionsDir = path.join(root, 'actions');

// `node scripts/build.mjs cached-tool` builds only the named actions (quick local iteration);
// check-dist always builds them all.
const only = process.argv.slice(2);
const entryPoints = {};
for (const action of readdirSync(actionsDir).sort()) {
  if (only.length > 0 && !only.includes(action)) continue;
  for (const entry of ['main', 'post']) {
    const file = path.join(actionsDir, action, 'src', `${entry}.ts`);
    if (existsSync(file)) entryPoints[`${action}/${entry}`] = file;
  }
}

// A full build replaces dist/ whole (removed actions and stale chunks go too); a partial one only
// replaces the named actions' entry files.
if (only.length === 0) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
else for (const action of only) rmSync(path.join(root, 'dist', action), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: false,
  // @actions/cache tells errors apart by class name (`typedError.name === ReserveCacheError.name`);
  // esbuild renames self-referencing classes (`class _ReserveCacheError`), which turned the quiet
  // "another job may be creating this cache" (409 on reserve) into a warning. keepNames keeps .name.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [undiciShim],
  // The toolkit still has CommonJS dependencies that call require(); ESM has none, so define it.
  banner: {
    js: "import { createRequire as __ciKitCreateRequire } from 'node:module';\nconst require = __ciKitCreateRequire(import.meta.url);",
  },
});
console.log(`built ${Object.keys(entryPoints).length} entry points into dist/`);
