import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readTarMembers, type TarMember } from '@ci-kit/cache';
import { sha256File } from '@ci-kit/download';
import type { InstallPlan } from './plan';

/**
 * Whether a complete tool-cache entry is the pinned tool, judged only by what its writer cannot
 * forge. Anyone who can write the runner's tool cache (every job of a host-mode runner, every job
 * sharing its tool-cache volume) can also rewrite any record we keep there, so the entry's own
 * record is a hint, never evidence. The reference is the sha256 the step pins (its input, or
 * toolchain.json bundled into the action), else the checksum file published beside the release,
 * fetched again: the entry keeps the verified release archive (`.ci-kit/<file>`), whose bytes must
 * have that sha256, and every file of the entry must be what that archive holds, byte for byte.
 */

/** Written into each tool-cache entry we make: a hint for messages (an old pin), never trusted. */
export const RECORD = '.ci-kit-install.json';
/** The verified release archive kept in the entry, to check the entry against on a hit. */
export const KEPT_DIR = '.ci-kit';

export interface EntryVerdict {
  /** stale: not this pin (an old pin, a missing binary), reinstalled quietly; tampered: a warning. */
  kind: 'stale' | 'tampered';
  /** What differed, after "tool cache entry <dir> ". */
  text: string;
}

export function keptArchive(dir: string, plan: InstallPlan): string {
  return path.join(dir, KEPT_DIR, plan.fileName);
}

async function readRecord(dir: string): Promise<{ sha256?: string } | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, RECORD), 'utf8')) as { sha256?: string };
  } catch {
    return undefined;
  }
}

const describe = (kind: string) =>
  kind === 'symlink' ? 'a symbolic link' : kind === 'dir' ? 'a folder' : `a ${kind}`;

/** undefined when the entry is the pinned tool; else what is wrong with it. */
export async function checkEntry(
  plan: InstallPlan,
  dir: string,
  sha256: string,
): Promise<EntryVerdict | undefined> {
  const binPath = path.join(dir, plan.binDir);
  const missing = plan.binaries.find((binary) => !existsSync(path.join(binPath, binary)));
  if (missing) return { kind: 'stale', text: `has no ${path.posix.join(plan.binDir, missing)}` };
  const record = await readRecord(dir);
  if (record?.sha256 && record.sha256 !== sha256)
    return { kind: 'stale', text: `holds sha256 ${record.sha256}, not ${sha256}` };

  if (plan.format === 'binary') {
    // The release file is the binary itself: the pin applies to it directly.
    const [binary] = plan.binaries as [string];
    const file = path.join(binPath, binary);
    const kind = await kindOnDisk(file);
    if (kind !== 'file')
      return {
        kind: 'tampered',
        text: `${path.posix.join(plan.binDir, binary)} is ${describe(kind)}, the pin is a file`,
      };
    if (((await lstat(file)).mode & 0o6000) !== 0)
      return { kind: 'tampered', text: `${path.posix.join(plan.binDir, binary)} is setuid or setgid` };
    const actual = await sha256File(file);
    return actual === sha256
      ? undefined
      : {
          kind: 'tampered',
          text: `${path.posix.join(plan.binDir, binary)} has sha256 ${actual}, the pin is ${sha256}`,
        };
  }

  const kept = keptArchive(dir, plan);
  if ((await kindOnDisk(kept)) !== 'file')
    return {
      kind: 'tampered',
      text: 'holds no verified archive to check it against (planted, or made by a ci-kit before 2026-12)',
    };
  const keptSha = await sha256File(kept);
  if (keptSha !== sha256)
    return { kind: 'tampered', text: `its kept archive has sha256 ${keptSha}, the pin is ${sha256}` };
  const differs =
    plan.format === 'zip' ? await zipBinariesDiffer(plan, dir, kept) : await treeDiffers(dir, kept);
  return differs ? { kind: 'tampered', text: differs } : undefined;
}

async function kindOnDisk(file: string): Promise<string> {
  const stats = await lstat(file).catch(() => undefined);
  if (!stats) return 'nothing';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return 'file';
  return 'special file';
}

/** What each path of the entry must be, from the archive: members, their implied folders. */
function expectedTree(
  members: TarMember[],
): Map<string, { type: string; sha256?: string; linkname?: string }> {
  const clean = (name: string) =>
    name
      .replace(/^\/+/, '')
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .join('/');
  const tree = new Map<string, { type: string; sha256?: string; linkname?: string }>();
  const byName = new Map(members.map((member) => [clean(member.name), member]));
  for (const member of members) {
    const name = clean(member.name);
    // tar skips names that climb out; nothing of them is in the entry.
    if (name === '' || name.split('/').includes('..')) continue;
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!tree.has(parent)) tree.set(parent, { type: 'dir' });
    }
    if (member.type === 'file') tree.set(name, { type: 'file', sha256: member.sha256 as string });
    else if (member.type === 'dir') tree.set(name, { type: 'dir' });
    else if (member.type === 'symlink') tree.set(name, { type: 'symlink', linkname: member.linkname });
    else if (member.type === 'hardlink') {
      const target = byName.get(clean(member.linkname));
      tree.set(name, { type: 'file', sha256: target?.sha256 ?? '' });
    }
  }
  return tree;
}

/** The first path where the entry differs from the archive, as a sentence part; undefined: the same. */
async function treeDiffers(dir: string, kept: string): Promise<string | undefined> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // The files on disk are hashed while the archive is decompressed (zlib works off the main thread):
  // the check costs about the decompression alone (docs/performance.md, "Checking tool-cache entries").
  const hashes = new Map<string, Promise<string>>();
  let chain: Promise<unknown> = Promise.resolve();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
    const full = path.join(parent, entry.name);
    const next = chain.then(() => sha256File(full));
    next.catch(() => undefined);
    hashes.set(full, next);
    chain = next.catch(() => undefined);
  }
  const tree = expectedTree(await readTarMembers(kept, { hash: true }));
  const seen = new Set<string>();
  // Shallow paths first, so the binary's own difference is named before what lies beside it.
  const found = entries
    .map((entry) => {
      const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
      return { entry, rel: path.relative(dir, path.join(parent, entry.name)).split(path.sep).join('/') };
    })
    .filter(({ rel }) => rel !== RECORD && rel !== KEPT_DIR && !rel.startsWith(`${KEPT_DIR}/`))
    .sort((a, b) => Number(!tree.has(a.rel)) - Number(!tree.has(b.rel)) || a.rel.localeCompare(b.rel));
  for (const { entry, rel } of found) {
    const want = tree.get(rel);
    if (!want) return `holds ${rel}, which the pinned archive does not`;
    seen.add(rel);
    const kind = entry.isSymbolicLink()
      ? 'symlink'
      : entry.isDirectory()
        ? 'dir'
        : entry.isFile()
          ? 'file'
          : 'special file';
    if (kind !== want.type)
      return `${rel} is ${describe(kind)}, the pinned archive holds ${describe(want.type)}`;
    const full = path.join(dir, rel);
    if (kind === 'file') {
      // The bytes may be the pinned ones and still run as someone else: setuid or setgid is never ours.
      if (((await lstat(full)).mode & 0o6000) !== 0) return `${rel} is setuid or setgid`;
      const actual = await (hashes.get(full) ?? sha256File(full));
      if (actual !== want.sha256)
        return `${rel} has sha256 ${actual}, the pinned archive holds ${want.sha256}`;
    } else if (kind === 'symlink') {
      const target = await readlink(full);
      if (target !== want.linkname)
        return `${rel} links to ${target}, the pinned archive to ${want.linkname}`;
    }
  }
  for (const rel of tree.keys()) if (!seen.has(rel)) return `has no ${rel}, which the pinned archive holds`;
  return undefined;
}

const run = promisify(execFile);

/** zip (custom tools only): each binary against its member, read with unzip as extraction did. */
async function zipBinariesDiffer(plan: InstallPlan, dir: string, kept: string): Promise<string | undefined> {
  for (const binary of plan.binaries) {
    const rel = path.posix.join(plan.binDir, binary);
    const file = path.join(dir, plan.binDir, binary);
    const kind = await kindOnDisk(file);
    if (kind !== 'file') return `${rel} is ${describe(kind)}, the pinned archive holds a file`;
    const { stdout } = await run('unzip', ['-p', kept, rel], {
      encoding: 'buffer',
      maxBuffer: 1024 * 1024 * 1024,
    });
    const want = createHash('sha256').update(stdout).digest('hex');
    const actual = await sha256File(file);
    if (actual !== want) return `${rel} has sha256 ${actual}, the pinned archive holds ${want}`;
  }
  return undefined;
}
