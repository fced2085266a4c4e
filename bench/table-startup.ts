// Table 3: what it costs to start each bundle at all (an invalid input: the action validates inputs
// first and exits), next to `node -e ''`; the bundle sizes, chunks included; and how many bytes of the
// repository the runner copies into the job for every `uses:` (it copies the whole tree at the ref).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../test/harness/runner';
import { fmtBytes, fmtMs, fmtRatio, fmtSpread, markdownTable, spread } from './stats';
import type { World } from './world';

interface Probe {
  label: string;
  args: string[];
  env: Record<string, string>;
  /** The exit code the probe must give, so a probe that does real work is noticed. */
  exit: number;
}

const BUNDLES: Array<{ entry: string; env: Record<string, string>; exit: number; what: string }> = [
  { entry: 'cached-tool/main', env: { INPUT_TOOL: 'not-a-tool' }, exit: 1, what: "tool: 'not-a-tool'" },
  { entry: 'prepare-python/main', env: { INPUT_INSTALL: 'bogus' }, exit: 1, what: "install: 'bogus'" },
  { entry: 'prepare-python/post', env: {}, exit: 0, what: 'no state from main: nothing to save' },
  {
    entry: 'secret-guard/main',
    env: { INPUT_SECRETS: '1-not-a-name' },
    exit: 1,
    what: "secrets: '1-not-a-name'",
  },
  { entry: 'setup-prewarmed-runner/main', env: { INPUT_STRICT: 'maybe' }, exit: 1, what: "strict: 'maybe'" },
];

export async function startupTable(world: World, reps: number): Promise<{ table: number; markdown: string }> {
  const scratch = await mkdtemp(path.join(world.scratch, 'startup-'));
  try {
    const output = path.join(scratch, 'output');
    await writeFile(output, '');
    const base = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: scratch,
      RUNNER_TEMP: scratch,
      RUNNER_TOOL_CACHE: scratch,
      GITHUB_OUTPUT: output,
      GITHUB_STATE: output,
      GITHUB_ENV: output,
      GITHUB_PATH: output,
    };
    const probes: Probe[] = [
      { label: "`node -e ''`", args: ['-e', ''], env: base, exit: 0 },
      ...BUNDLES.map((bundle) => ({
        label: `\`${bundle.entry}.mjs\` (${bundle.what})`,
        args: [path.join(world.dist, `${bundle.entry}.mjs`)],
        env: { ...base, ...bundle.env },
        exit: bundle.exit,
      })),
    ];
    const times = new Map<string, number[]>(probes.map((probe) => [probe.label, []]));
    // One untimed round first (file system cache), then rounds in a rotating order.
    for (let rep = -1; rep < reps; rep++) {
      for (let i = 0; i < probes.length; i++) {
        const probe = probes[(i + Math.max(rep, 0)) % probes.length] as Probe;
        const started = performance.now();
        const result = spawnSync(process.execPath, probe.args, {
          env: probe.env,
          cwd: scratch,
          encoding: 'utf8',
        });
        const ms = performance.now() - started;
        if (result.status !== probe.exit) {
          throw new Error(
            `${probe.label} exited ${result.status}, expected ${probe.exit}: ${result.stdout}${result.stderr}`,
          );
        }
        if (rep >= 0) times.get(probe.label)?.push(ms);
      }
    }
    const baseline = spread(times.get(probes[0]?.label as string) ?? []);
    const startRows = probes.map((probe, index) => {
      const s = spread(times.get(probe.label) ?? []);
      const size = index === 0 ? undefined : loadedBytes(world.dist, `${BUNDLES[index - 1]?.entry}.mjs`);
      return [
        probe.label,
        fmtSpread(s),
        index === 0 ? '–' : fmtMs(s.median - baseline.median),
        index === 0 ? '1.00×' : fmtRatio(s.median / baseline.median),
        size ? fmtBytes(size.entry) : '–',
        size
          ? `${fmtBytes(size.entry + size.staticChunks)} (${size.staticChunkCount} chunk${size.staticChunkCount === 1 ? '' : 's'})`
          : '–',
        size ? (size.dynamicChunks ? `${fmtBytes(size.dynamicChunks)}` : '–') : '–',
      ];
    });
    const startup = markdownTable(
      [
        'run',
        `median (min–max), n=${reps}`,
        'above `node -e`',
        'ratio',
        'entry file',
        'loaded at start (entry + static chunks)',
        'loaded on demand',
      ],
      startRows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    );

    const distFiles = listFiles(world.dist);
    const distBytes = distFiles.reduce((sum, file) => sum + statSync(file).size, 0);
    const chunks = distFiles.filter((file) => file.includes(`${path.sep}chunks${path.sep}`));
    const tree = trackedBytes('HEAD');
    // What the release tags point at instead (scripts/release.sh): the same commit's runtime files only.
    const leanTree = execFileSync('sh', [path.join(repoRoot, 'scripts/lean-tree.sh'), 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const lean = trackedBytes(leanTree);
    const treeRows = [
      [`dist/ (${distFiles.length} files, ${chunks.length} shared chunks)`, fmtBytes(distBytes)],
      ...tree.byTop.map(([top, bytes, files]) => [`${top} (${files} files)`, fmtBytes(bytes)]),
      [
        `**the whole tree at HEAD, copied per \`uses:\`** (${tree.files} files)`,
        `**${fmtBytes(tree.headBytes)}**`,
      ],
      [
        `**the lean release tree of HEAD (what a release tag holds, scripts/lean-tree.sh), copied per \`uses:\`** (${lean.files} files)`,
        `**${fmtBytes(lean.headBytes)}** (${((lean.headBytes / tree.headBytes) * 100).toFixed(0)} %)`,
      ],
      ...cloneRows(leanTree),
    ];
    const treeTable = markdownTable(['what', 'bytes'], treeRows, ['l', 'r']);
    return {
      table: 3,
      markdown: [
        startup,
        '',
        `Bundles measured: ${world.distSource === path.join(repoRoot, 'dist') ? '`dist/` of the working tree' : `\`${world.distSource}\``}, copied at the start of the run.`,
        '',
        treeTable,
      ].join('\n'),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

interface LoadedBytes {
  entry: number;
  staticChunks: number;
  staticChunkCount: number;
  dynamicChunks: number;
}

/** The entry file, the chunks it imports statically (transitively), and those only import() reaches. */
function loadedBytes(dist: string, entry: string): LoadedBytes {
  const file = path.join(dist, entry);
  const staticSet = closure([file], false);
  staticSet.delete(file);
  const all = closure([file], true);
  all.delete(file);
  const size = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + statSync(f).size, 0);
  const dynamicOnly = [...all].filter((f) => !staticSet.has(f));
  return {
    entry: statSync(file).size,
    staticChunks: size(staticSet),
    staticChunkCount: staticSet.size,
    dynamicChunks: size(dynamicOnly),
  };
}

function closure(start: string[], withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const patterns = [/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g, /^\s*import\s*["'](\.{1,2}\/[^"']+)["']/gm];
    if (withDynamic) patterns.push(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g);
    for (const pattern of patterns) {
      for (const match of source.matchAll(pattern))
        queue.push(path.resolve(path.dirname(file), match[1] as string));
    }
  }
  return seen;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Bytes of a committed tree (git ls-tree of a commit or tree: what a `uses:` of that ref copies), by top-level folder. */
/**
 * What a runner clones besides the tree it copies: forgejo-runner clones an action's repository
 * (go-git, every commit reachable from the ref, packed) once per runner and fetches it again per step.
 * Main's history carries every version of every bundle ever committed; the release line carries one
 * lean tree per release, so the rows compare main's clone with the release line's after one release.
 */
function cloneRows(leanTree: string): string[][] {
  const packBytes = (objects: string): number =>
    execFileSync('git', ['pack-objects', '--stdout', '-q'], {
      cwd: repoRoot,
      input: objects,
      maxBuffer: 256 << 20,
    }).length;
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 << 20 });
  const mainObjects = git(['rev-list', '--objects', 'HEAD']);
  const leanObjects = git(['rev-list', '--objects', leanTree]);
  // Every blob main's history holds under dist/: what each dist change adds to its clone for good.
  const distBlobs = mainObjects
    .split('\n')
    .filter((line) => / dist\//.test(line))
    .map((line) => line.split(' ')[0])
    .join('\n');
  const distVersions = distBlobs ? distBlobs.split('\n').length : 0;
  const distPacked = distBlobs ? packBytes(`${distBlobs}\n`) : 0;
  const commits = git(['rev-list', '--count', 'HEAD']).trim();
  return [
    [
      `**a clone of main at HEAD, as the runner makes it** (${commits} commits, packed)`,
      `**${fmtBytes(packBytes(mainObjects))}**`,
    ],
    [`of which every version of dist/ ever committed (${distVersions} blobs, packed)`, fmtBytes(distPacked)],
    [
      '**a clone of the release line after its first release** (one lean commit, packed)',
      `**${fmtBytes(packBytes(leanObjects))}**`,
    ],
  ];
}

function trackedBytes(ref: string): {
  headBytes: number;
  files: number;
  byTop: Array<[string, number, number]>;
} {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  const byTop = new Map<string, [number, number]>();
  let headBytes = 0;
  let files = 0;
  for (const line of git(['ls-tree', '-r', '-l', '-z', ref]).split('\0')) {
    const match = /^\d+ blob [0-9a-f]+\s+(\d+)\t(.+)$/.exec(line);
    if (!match) continue;
    const bytes = Number(match[1]);
    const file = match[2] as string;
    headBytes += bytes;
    files++;
    const top = file.includes('/') ? `${file.split('/')[0]}/` : '(top-level files)';
    const entry = byTop.get(top) ?? [0, 0];
    byTop.set(top, [entry[0] + bytes, entry[1] + 1]);
  }
  const sorted = [...byTop.entries()]
    .sort((a, b) => b[1][0] - a[1][0])
    .map(([top, [bytes, count]]) => [`${top} at HEAD`, bytes, count] as [string, number, number]);
  return { headBytes, files, byTop: sorted };
}
