import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as io from '@actions/io';
import { PAYLOAD } from './stable-root';
import { decompressed, eachTarMember, sniffCompression, type TarMember } from './tar-read';

/**
 * @actions/cache extracts an entry with `tar -xf <archive> -P -C <workspace>`: `-P` keeps absolute
 * names and `..`, so an entry written by anyone who can write the cache service (any job of any
 * workflow of the repository, a fork's pull_request_target run) would write where it likes, before
 * any check of ours. So for the length of a restore the toolkit's `tar` is ours: a script first on
 * PATH that extracts nothing and keeps the downloaded archive. We then decompress it once and feed the
 * bytes both to our own reader of its members (tar-read.ts) and to the real tar, without `-P`, into a
 * fresh folder inside the staging root: the first member that would land outside `payload/` stops
 * tar, and the folder with whatever it wrote is deleted. Without `-P` GNU tar writes nothing outside
 * that folder in the meantime (it drops leading `/` and members with `..`, and makes links that leave
 * it only at the end, after every file), so reading first and extracting after, which decompressed
 * the archive twice, bought nothing but time.
 */

/** Whether a symbolic link whose target leaves the payload is still fine (uv's absolute links). */
export type LinkAllowed = (target: string) => boolean;

const GUARD_DIR = '.tar-guard';
const KEPT = '.restored-archive';

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `fn` (the toolkit's restore) with our tar first on PATH; resolves with what fn returned and
 * the archive the toolkit asked to extract, if it got that far.
 */
export async function withGuardedTar<T>(
  root: string,
  fn: () => Promise<T>,
): Promise<{ value: T; archive?: string }> {
  const guard = path.join(root, GUARD_DIR);
  const kept = path.join(root, KEPT);
  await rm(kept, { force: true });
  await mkdir(guard, { recursive: true });
  const realTar = await io.which('tar', true);
  // Only the toolkit's extraction into this root is intercepted; any other tar call passes through.
  const script = `#!/bin/sh
# ci-kit (packages/cache/src/guarded-restore.ts): the cache toolkit's tar for one restore. It keeps the
# archive for ci-kit to check and extract inside the staging folder, and extracts nothing itself.
archive=''
dir=''
extract=''
prev=''
for arg in "$@"; do
  case $prev in
    -xf) archive=$arg; extract=1 ;;
    -C) dir=$arg ;;
  esac
  prev=$arg
done
if [ -z "$extract" ] || [ "$dir" != ${quote(root)} ]; then exec ${quote(realTar)} "$@"; fi
ln -f -- "$archive" ${quote(kept)} 2>/dev/null || cp -f -- "$archive" ${quote(kept)}
`;
  await writeFile(path.join(guard, 'tar'), script);
  await chmod(path.join(guard, 'tar'), 0o755);
  // On macOS the toolkit prefers GNU tar as `gtar` when there is one: that name is ours too.
  const realGtar = process.platform === 'darwin' ? await io.which('gtar', false) : '';
  if (realGtar) {
    await writeFile(
      path.join(guard, 'gtar'),
      script.replace(`exec ${quote(realTar)}`, `exec ${quote(realGtar)}`),
    );
    await chmod(path.join(guard, 'gtar'), 0o755);
  }
  const savedPath = process.env.PATH;
  process.env.PATH = `${guard}${path.delimiter}${savedPath ?? ''}`;
  try {
    const value = await fn();
    return { value, ...(existsSync(kept) ? { archive: kept } : {}) };
  } finally {
    if (savedPath === undefined) delete process.env.PATH;
    else process.env.PATH = savedPath;
    await rm(guard, { recursive: true, force: true });
  }
}

/** Printable, bounded form of a name from an archive (it may hold newlines or workflow commands). */
export function shownName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._/+@=,~-]/g, '?');
  return cleaned.length > 120 ? `${cleaned.slice(0, 117)}...` : cleaned;
}

function parts(name: string): string[] {
  return name.split('/').filter((part) => part !== '' && part !== '.');
}

/** Why a member may not be extracted, or undefined when it stays inside `payload/`. */
function memberProblem(member: TarMember, links: Set<string>, allowLink: LinkAllowed): string | undefined {
  const { name, type, linkname } = member;
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) return 'an absolute name';
  const segments = parts(name);
  if (segments.includes('..') || name.includes('\\')) return 'a name that climbs out with ..';
  if (segments[0] !== PAYLOAD) return `a name outside ${PAYLOAD}/`;
  for (let i = 1; i < segments.length; i++)
    if (links.has(segments.slice(0, i).join('/'))) return 'a member under a symbolic link';
  if (type === 'other') return 'a device, fifo or other special file';
  if (type === 'hardlink') {
    const target = parts(linkname);
    if (linkname.startsWith('/') || target.includes('..') || target[0] !== PAYLOAD)
      return `a hard link to ${shownName(linkname)}`;
  }
  if (type === 'symlink') {
    if (linkname.startsWith('/'))
      return allowLink(linkname) ? undefined : `a symbolic link to ${shownName(linkname)}`;
    if (parts(linkname).includes('..') || linkname.includes('\\') || linkname === '')
      return `a symbolic link to ${shownName(linkname)}`;
  }
  return undefined;
}

/** The first member that would land outside `payload/`, as a sentence part; undefined: all stay in. */
export function archiveProblem(members: TarMember[], allowLink: LinkAllowed): string | undefined {
  const check = memberCheck(allowLink);
  for (const member of members) {
    const problem = check(member);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Checks members in archive order: a member under a symbolic link that came before it is refused (tar
 * extracts in order, so only an earlier link can be in a later member's way).
 */
function memberCheck(allowLink: LinkAllowed): (member: TarMember) => string | undefined {
  const links = new Set<string>();
  return (member) => {
    const problem = memberProblem(member, links, allowLink);
    if (problem) return `${shownName(member.name)} (${problem})`;
    if (member.type === 'symlink') links.add(parts(member.name).join('/'));
    return undefined;
  };
}

class Refused extends Error {}

/** Why an entry was not extracted: hostile content (refused), or an archive that cannot be read. */
export interface ExtractProblem {
  kind: 'refused' | 'damaged';
  text: string;
}

/** The end of a bounded stderr. */
const tail = (text: string): string => text.trim().split('\n').slice(-2).join(' ');

/**
 * Checks the kept archive and extracts it into `root/payload` (which must not exist yet), in one pass
 * (see the top of this file). Resolves to undefined when done, or to why not (nothing of it is left then).
 */
export async function extractGuarded(
  root: string,
  archive: string,
  allowLink: LinkAllowed,
): Promise<ExtractProblem | undefined> {
  const work = path.join(root, `.restored-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(work);
    const realTar = await io.which('tar', true);
    const compression = await sniffCompression(archive);
    // From here to the pipes, no await: a child's output not yet piped anywhere can be lost.
    const { stream, done } = decompressed(archive, compression);
    const tar = spawn(realTar, ['-x', '--no-same-owner', '-C', work, '-f', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    tar.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    const exited = new Promise<number | string>((resolve) => {
      tar.once('error', (error) => resolve(error.message));
      tar.once('close', (code, signal) => resolve(code ?? String(signal)));
    });
    // tar may stop reading first (refused, or failed): its pipe's EPIPE is told by its exit instead.
    tar.stdin.on('error', () => undefined);
    const members = new PassThrough();
    members.on('error', () => undefined);
    stream.pipe(tar.stdin);
    stream.pipe(members);

    const check = memberCheck(allowLink);
    let problem: ExtractProblem | undefined;
    try {
      await eachTarMember(members, done, (member) => {
        const refused = check(member);
        if (refused) throw new Refused(refused);
      });
    } catch (error) {
      problem =
        error instanceof Refused
          ? { kind: 'refused', text: `it holds ${error.message}` }
          : { kind: 'damaged', text: `its archive cannot be read (${(error as Error).message})` };
    }
    // The rest of the stream (tar's end-of-archive padding) is tar's alone.
    stream.unpipe(members);
    if (problem) {
      tar.kill();
      stream.destroy();
      await exited;
      return problem;
    }
    const code = await exited;
    if (code !== 0)
      return { kind: 'damaged', text: `tar could not extract it (${tail(stderr) || `exit ${code}`})` };
    const escaping = await linkLeaving(path.join(work, PAYLOAD), allowLink);
    if (escaping) return { kind: 'refused', text: `it holds ${escaping}` };
    if (existsSync(path.join(work, PAYLOAD)))
      await rename(path.join(work, PAYLOAD), path.join(root, PAYLOAD));
    else await mkdir(path.join(root, PAYLOAD));
    return undefined;
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(archive, { force: true });
  }
}

/** What tar made, read back: a link leaving the payload that the listing did not show is refused too. */
async function linkLeaving(payload: string, allowLink: LinkAllowed): Promise<string | undefined> {
  if (!existsSync(payload)) return undefined;
  for (const entry of await readdir(payload, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) continue;
    const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
    const link = path.join(parent, entry.name);
    const target = await readlink(link);
    const resolved = path.resolve(parent, target);
    const relative = path.relative(payload, resolved);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    if (!inside && !(path.isAbsolute(target) && allowLink(target)))
      return `${shownName(path.relative(payload, link))} (a symbolic link to ${shownName(target)})`;
  }
  return undefined;
}
