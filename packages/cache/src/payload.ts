import { copyFile, link, lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Moves a restored payload into the folder the tool reads (a user's UV_CACHE_DIR, say), which may
 * already exist and hold files: an image can ship a warm cache, a persistent runner keeps one.
 * What the folder has wins (it is at least as fresh as the entry); what only the entry has is moved
 * in by rename (same filesystem as the staging root, so no copy). Then the staging payload is gone.
 */
export async function mergeInto(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(source, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The target exists (non-empty folder) or lives on another filesystem: merge entry by entry.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EXDEV' && code !== 'EISDIR') throw error;
  }
  await mergeEntries(source, target);
  await rm(source, { recursive: true, force: true });
}

async function mergeEntries(source: string, target: string): Promise<void> {
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    const existing = await lstat(to).catch(() => undefined);
    if (!existing) {
      await rename(from, to).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EXDEV') throw error;
        await copyTree(from, to);
      });
    } else if (existing.isDirectory() && entry.isDirectory()) {
      await mergeEntries(from, to);
    }
    // Else the target's own file stays.
  }
}

/**
 * Makes `target` a copy of `source` for the length of a save: hard links where the filesystem allows
 * (no bytes copied, and the live folder is never moved away from the tool that uses it), else copies.
 * Symbolic links are recreated as they are, never followed.
 */
export async function copyTree(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) await copyTree(from, to);
    else if (entry.isSymbolicLink()) await symlink(await readlink(from), to);
    else if (entry.isFile()) await link(from, to).catch(() => copyFile(from, to));
    // Sockets, fifos and devices are not cache content.
  }
}
