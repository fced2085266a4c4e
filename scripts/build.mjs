// Bundles every actions/<name>/src/{main,post}.ts into dist/<name>/{main,post}.mjs.
// ESM for Node 20, the oldest Node a job image has (Forgejo runs bundles with the job image's node,
// whatever runs.using says: node24 in every action.yml; the bundles are tested on Node 20, 24 and 26),
// split so actions share chunks (one copy of @actions/cache instead of one per action), and not
// minified so dist diffs stay reviewable, except the chunks that hold only third-party code (below).
import { build, transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const result = await build({
  entryPoints,
  metafile: true,
  // The metafile's paths are relative to this, whatever folder the build is started from.
  absWorkingDir: root,
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

// A chunk made only of node_modules (the @actions/cache stack: 1.1 MiB, most of dist/) is minified,
// names kept. forgejo-runner writes the action repository's tree for every `uses:` (a git worktree)
// and copies it again for the step, and node parses the chunk in every step that talks to the cache,
// so its bytes are paid many times by every job. That code changes only with package-lock.json, which
// is where it is reviewed, and a diff of it is unreadable minified or not.
let compacted = 0;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const inputs = Object.keys(output.inputs);
  if (!file.endsWith('.mjs') || inputs.length === 0) continue;
  if (!inputs.every((input) => input.includes('node_modules/') || input.startsWith('scripts/shims/')))
    continue;
  const source = readFileSync(path.join(root, file), 'utf8');
  const { code } = await transform(source, {
    loader: 'js',
    format: 'esm',
    target: 'node20',
    minify: true,
    keepNames: true,
    legalComments: 'none',
  });
  writeFileSync(path.join(root, file), code);
  compacted += 1;
}
console.log(
  `built ${Object.keys(entryPoints).length} entry points into dist/ (${compacted} third-party chunk(s) minified)`,
);
