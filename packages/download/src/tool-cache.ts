import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The runner tool cache, in @actions/tool-cache's layout (`<root>/<tool>/<version>/<arch>` plus an
 * `<arch>.complete` marker beside it), so other actions' tc.find() see our tools and we see theirs.
 * Written so that a killed run never leaves a folder that a later run trusts: content is built in
 * a staging folder on the same filesystem, renamed into place, and the marker is written last.
 */
export interface ToolCacheEntry {
  tool: string;
  version: string;
  arch: string;
}

export function toolCacheDir(root: string, entry: ToolCacheEntry): string {
  return path.join(root, entry.tool, entry.version, entry.arch);
}

/** The folder when its completion marker exists, else undefined (an unmarked folder is debris). */
export function findInToolCache(root: string, entry: ToolCacheEntry): string | undefined {
  const dir = toolCacheDir(root, entry);
  return existsSync(`${dir}.complete`) && existsSync(dir) ? dir : undefined;
}

/**
 * Builds an entry: `populate` fills a fresh staging folder; on success the folder is renamed into
 * place and marked complete. On failure the staging folder is removed and nothing else changes.
 */
export async function installIntoToolCache(
  root: string,
  entry: ToolCacheEntry,
  populate: (stagingDir: string) => Promise<void>,
): Promise<string> {
  const dir = toolCacheDir(root, entry);
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeStaleStaging(parent, entry.arch);
  const staging = path.join(parent, `.${entry.arch}.staging-${randomBytes(4).toString('hex')}`);
  let done = false;
  try {
    await mkdir(staging);
    await populate(staging);
    await rm(`${dir}.complete`, { force: true });
    await rm(dir, { recursive: true, force: true });
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another job on this runner finished the same entry first: theirs is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && findInToolCache(root, entry)) return dir;
      throw error;
    }
    await writeFile(`${dir}.complete`, '');
    done = true;
    return dir;
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!done) await removeEmptyParents(parent, root);
  }
}

/** A failed first install leaves no empty `<tool>/<version>` folders behind. */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  for (let current = dir; current.startsWith(root) && current !== root; current = path.dirname(current)) {
    const removed = await rmdir(current).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

/**
 * Staging folders left by killed runs: nobody trusts them, but they take disk space. Only old
 * ones go, since a young one may belong to a job running beside us on the same runner.
 */
async function removeStaleStaging(parent: string, arch: string, maxAgeMs = 60 * 60_000): Promise<void> {
  const prefix = `.${arch}.staging-`;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(parent, name);
    const info = await stat(full).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true });
  }
}
