import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diskErrorFor } from '@ci-kit/runner';

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
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw await diskErrorFor(error, root, 'RUNNER_TOOL_CACHE');
  }
  await removeStaleStaging(parent, entry.arch);
  const staging = path.join(parent, `.${entry.arch}.staging-${randomBytes(4).toString('hex')}`);
  let done = false;
  try {
    await mkdir(staging);
    await populate(staging);
    await placeEntry(root, entry, staging);
    done = true;
    return dir;
  } catch (error) {
    // Probed before the staging folder goes, so a disk that filled up is still full when looked at.
    throw await diskErrorFor(error, root, 'RUNNER_TOOL_CACHE');
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!done) await removeEmptyParents(parent, root);
  }
}

/** How many times a job tries to put its folder in place while other jobs do the same. */
const PLACE_ATTEMPTS = 5;

/**
 * Puts the staging folder in place and marks it complete, with other jobs of the same runner possibly
 * doing the same for the same entry at the same moment. No step deletes a folder another job may be
 * renaming into place: what is in the way is first renamed aside (atomic), then removed. When another
 * job gets its folder in first, its marker is awaited and its entry used: theirs is as good as ours.
 */
async function placeEntry(root: string, entry: ToolCacheEntry, staging: string): Promise<void> {
  const dir = toolCacheDir(root, entry);
  for (let attempt = 1; ; attempt++) {
    if (findInToolCache(root, entry)) return;
    await rm(`${dir}.complete`, { force: true });
    await moveAside(dir, entry.arch);
    try {
      await rename(staging, dir);
      await writeFile(`${dir}.complete`, '');
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= PLACE_ATTEMPTS) throw error;
      // Another job renamed its folder in between: it marks it complete right after.
      if (await waitFor(() => findInToolCache(root, entry) !== undefined, 2000)) return;
    }
  }
}

/** Renames `dir` (debris without a marker) to a trash name of its own, then removes that. */
async function moveAside(dir: string, arch: string): Promise<void> {
  const trash = path.join(path.dirname(dir), `.${arch}.trash-${randomBytes(4).toString('hex')}`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
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
 * Staging and trash folders left by killed runs: nobody trusts them, but they take disk space. Only old
 * ones go, since a young one may belong to a job running beside us on the same runner.
 */
async function removeStaleStaging(parent: string, arch: string, maxAgeMs = 60 * 60_000): Promise<void> {
  const prefixes = [`.${arch}.staging-`, `.${arch}.trash-`];
  for (const name of await readdir(parent)) {
    if (!prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const full = path.join(parent, name);
    const info = await stat(full).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true });
  }
}
