import { open } from 'node:fs/promises';
import * as io from '@actions/io';
import * as tc from '@actions/tool-cache';
import { execRunner, UserError } from '@ci-kit/runner';
import { assertNoEscapingLinks } from './links';

export const ARCHIVE_FORMATS = ['tar.gz', 'tar.xz', 'tar.zst', 'zip', 'binary'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

const BY_EXTENSION: Array<[RegExp, ArchiveFormat]> = [
  [/\.(tar\.gz|tgz)$/i, 'tar.gz'],
  [/\.(tar\.xz|txz)$/i, 'tar.xz'],
  [/\.(tar\.zst|tzst)$/i, 'tar.zst'],
  [/\.zip$/i, 'zip'],
  [/\.exe$/i, 'binary'],
];

/**
 * The format a release file name says it has, or undefined when the name does not tell (no
 * extension, `.tar.bz2`, a query URL): a bare binary is only ever assumed where a definition or
 * the user says so, never because nothing else matched.
 */
export function archiveFormatOf(fileName: string): ArchiveFormat | undefined {
  return BY_EXTENSION.find(([pattern]) => pattern.test(fileName))?.[1];
}

/** Leading bytes of each format (and of what servers send instead: an HTML error page). */
const MAGIC: Array<[string, Buffer]> = [
  ['tar.gz', Buffer.from([0x1f, 0x8b])],
  ['tar.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])],
  ['tar.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd])],
  ['zip', Buffer.from('PK\x03\x04', 'latin1')],
];

/** What the file's first bytes say it is: an archive format, 'html', or 'other' (an executable, text). */
export async function sniffFormat(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    const match = MAGIC.find(([, magic]) => bytes.subarray(0, magic.length).equals(magic));
    if (match) return match[0];
    return /^\s*<(!doctype|html)/i.test(bytes.toString('latin1')) ? 'html' : 'other';
  } finally {
    await handle.close();
  }
}

/** The tar flag for each compressed tar format (GNU tar runs xz or zstd itself). */
const TAR_FLAGS: Partial<Record<ArchiveFormat, { flag: string; needs?: string }>> = {
  'tar.gz': { flag: '-z' },
  'tar.xz': { flag: '-J', needs: 'xz' },
  'tar.zst': { flag: '--zstd', needs: 'zstd' },
};

/**
 * Extracts into `dest`, which the caller owns (a staging folder, never the final place). The file's
 * first bytes must match the format it was declared as (an HTML error page served with 200, or a
 * .tar.gz that is really a zip, is named as such, not handed to tar), and no link in what came out
 * may point outside `dest`: a later chmod or exec through it would reach the runner's own files.
 */
export async function extractArchive(
  file: string,
  format: Exclude<ArchiveFormat, 'binary'>,
  dest: string,
  what: string,
): Promise<void> {
  const found = await sniffFormat(file);
  if (found !== format) {
    throw new UserError(
      `${what} is not a ${format} archive: it starts like ${describeSniffed(found)}; check the URL, or set archive-format`,
    );
  }
  // tool-cache runs unzip on Linux; without it the failure would read like a damaged archive.
  if (format === 'zip' && process.platform !== 'win32' && !(await io.which('unzip', false))) {
    throw new UserError(
      "extracting a zip archive needs 'unzip' on PATH, and there is none; install it in the job image (Debian: apt-get install unzip)",
    );
  }
  try {
    if (format === 'zip') await tc.extractZip(file, dest);
    else await extractTar(file, format, dest);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`could not extract ${what}: ${(error as Error).message}; the archive may be corrupt`);
  }
  await assertNoEscapingLinks(dest, what);
}

/** For messages: what a file's first bytes look like. */
export function describeSniffed(found: string): string {
  if (found === 'html') return 'an HTML page (an error page served as the file?)';
  if (found === 'other') return 'no archive format we know';
  return `a ${found} archive`;
}

/** tar through the one process runner: its `[command]` line in the log says what ran. */
async function extractTar(file: string, format: ArchiveFormat, dest: string): Promise<void> {
  const { flag, needs } = TAR_FLAGS[format] as { flag: string; needs?: string };
  // --no-same-owner: a root job must not create files owned by whoever made the archive.
  const args = ['-x', flag, '--no-same-owner', '-C', dest, '-f', file];
  const result = await execRunner('tar', args);
  if (result.exitCode === 0) return;
  if (needs && /cannot exec|not found|no such file/i.test(result.stderr)) {
    throw new UserError(
      `extracting a ${format} archive needs '${needs}' on PATH, and tar could not run it; install it in the job image (Debian: apt-get install ${needs === 'xz' ? 'xz-utils' : needs})`,
    );
  }
  throw new Error(
    `tar exited with ${result.exitCode}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
  );
}
