// Measures the repository tree that users download and fails when it is over the budget written in
// docs/tree-budget.md. The Forgejo runner copies the whole repository at the pinned ref into the job
// container for every `uses:` of every action, so each committed byte costs every user on every step.
//
//   node scripts/tree-budget.mjs             the tree as it would be committed: tracked files plus
//                                            untracked ones that are not ignored, as they are on disk
//   node scripts/tree-budget.mjs --ref v1.0.0  the tree of a commit or tag (git ls-tree)
//   node scripts/tree-budget.mjs --top 15    also list the biggest files
//
// .git is never counted: it is not part of the tree (what the runner copies depends on how it clones).
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BUDGET_FILE = 'docs/tree-budget.md';

function git(args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** [path, bytes] for every file of the tree that would be committed now. */
export function workingTreeFiles() {
  const names = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    .filter(Boolean);
  const files = [];
  for (const name of [...new Set(names)]) {
    try {
      // lstat: a symlink is committed as its target path, not the file it points at.
      files.push([name, lstatSync(path.join(root, name)).size]);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error; // deleted, not yet staged: not in the next commit
    }
  }
  return files;
}

/** [path, bytes] for every blob of a commit's tree. */
export function refFiles(ref) {
  return git(['ls-tree', '-r', '-l', '-z', ref])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      // "<mode> <type> <object> <size>\t<path>"; submodules have size "-".
      const [meta, name] = line.split('\t');
      const size = meta.trim().split(/\s+/)[3];
      return [name, size === '-' ? 0 : Number(size)];
    });
}

/** Files and bytes per top folder (files at the root count under their own name). */
export function byTopFolder(files) {
  const groups = new Map();
  for (const [name, bytes] of files) {
    const top = name.includes('/') ? `${name.split('/')[0]}/` : name;
    const group = groups.get(top) ?? { files: 0, bytes: 0 };
    group.files += 1;
    group.bytes += bytes;
    groups.set(top, group);
  }
  return [...groups.entries()].sort((a, b) => b[1].bytes - a[1].bytes || a[0].localeCompare(b[0]));
}

/** The budget line of docs/tree-budget.md: `budget: <bytes> bytes, <files> files`. */
export function readBudget(text) {
  const match = /^budget: (\d+) bytes, (\d+) files$/m.exec(text);
  if (!match) throw new Error(`${BUDGET_FILE} has no line "budget: <bytes> bytes, <files> files"`);
  return { bytes: Number(match[1]), files: Number(match[2]) };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function main(args) {
  let ref;
  let top = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--ref' && args[i + 1]) ref = args[++i];
    else if (args[i] === '--top' && /^\d+$/.test(args[i + 1] ?? '')) top = Number(args[++i]);
    else {
      console.error('usage: node scripts/tree-budget.mjs [--ref <commit or tag>] [--top <n>]');
      return 2;
    }
  }
  const files = ref ? refFiles(ref) : workingTreeFiles();
  const total = files.reduce((sum, [, bytes]) => sum + bytes, 0);
  const budget = readBudget(readFileSync(path.join(root, BUDGET_FILE), 'utf8'));

  console.log(`tree ${ref ? `at ${ref}` : '(working tree, as it would be committed)'}, without .git:`);
  console.log(`${'folder'.padEnd(24)} ${'files'.padStart(6)} ${'bytes'.padStart(10)} ${'share'.padStart(6)}`);
  for (const [name, group] of byTopFolder(files)) {
    const share = total ? `${((100 * group.bytes) / total).toFixed(1)}%` : '-';
    console.log(
      `${name.padEnd(24)} ${String(group.files).padStart(6)} ${String(group.bytes).padStart(10)} ${share.padStart(6)}`,
    );
  }
  console.log(
    `${'total'.padEnd(24)} ${String(files.length).padStart(6)} ${String(total).padStart(10)}  (${kib(total)})`,
  );
  if (top > 0) {
    console.log(`\nbiggest ${top}:`);
    for (const [name, bytes] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${String(bytes).padStart(10)}  ${name}`);
    }
  }
  const over = [];
  if (total > budget.bytes) over.push(`${total} bytes > ${budget.bytes}`);
  if (files.length > budget.files) over.push(`${files.length} files > ${budget.files}`);
  if (over.length > 0) {
    console.error(
      `tree-budget: over the budget of ${BUDGET_FILE} (${over.join(', ')}). Every byte is copied into every ` +
        'job for every uses: of these actions: shrink the tree, or raise the budget there and say why.',
    );
    return 1;
  }
  console.log(
    `tree-budget: within budget (${total} of ${budget.bytes} bytes, ${files.length} of ${budget.files} files)`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
