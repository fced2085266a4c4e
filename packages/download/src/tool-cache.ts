import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diskErrorFor, type Platform } from '@ci-kit/runner';

/**
 * The runner tool cache, in @actions/tool-cache's shape (`<root>/<tool>/<version>/<slot>` plus a
 * `<slot>.complete` marker beside it). The slot names what a binary needs to run, not only the
 * arch: Forgejo and act share one tool-cache volume across job images, so an Alpine job and a
 * Debian job must never meet in one folder (see entrySlot). Written so that a killed run never
 * leaves a folder that a later run trusts: content is built in a staging folder on the same
 * filesystem, renamed into place, and the marker is written last.
 */
export interface ToolCacheEntry {
  tool: string;
  version: string;
  /** entrySlot(): `x64-linux-glibc`, `arm64-linux-musl`, `x64-darwin`, plus qualifiers. */
  slot: string;
}

/**
 * The folder name for a platform: arch, os and (on Linux) the C library, since a glibc build does
 * not run on musl and the reverse. Qualifiers say the rest: the interpreter a venv belongs to, the
 * source a custom tool came from. Only `[A-Za-z0-9._-]` reach the file system.
 */
export function entrySlot(platform: Platform, ...qualifiers: string[]): string {
  const libc = platform.os === 'linux' ? [platform.libc === 'musl' ? 'musl' : 'glibc'] : [];
  return [platform.arch, platform.os, ...libc, ...qualifiers]
    .map((part) => part.replace(/[^A-Za-z0-9._]+/g, '_'))
    .join('-');
}

export function toolCacheDir(root: string, entry: ToolCacheEntry): string {
  return path.join(root, entry.tool, entry.version, entry.slot);
}

/** The folder when its completion marker exists, else undefined (an unmarked folder is debris). */
export function findInToolCache(root: string, entry: ToolCacheEntry): string | undefined {
  const dir = toolCacheDir(root, entry);
  return existsSync(`${dir}.complete`) && existsSync(dir) ? dir : undefined;
}

/** Whether a complete entry already in place is the one being installed (else it is replaced). */
export type AcceptEntry = (dir: string) => Promise<boolean>;

/**
 * Builds an entry: `populate` fills a fresh staging folder; on success the folder is renamed into
 * place and marked complete. On failure the staging folder is removed and nothing else changes.
 * A complete entry already in place is kept when `accept` says it is the same tool (another job
 * placed it first), and otherwise moved aside and replaced: a reinstall really reinstalls.
 */
export async function installIntoToolCache(
  root: string,
  entry: ToolCacheEntry,
  populate: (stagingDir: string) => Promise<void>,
  accept: AcceptEntry = async () => true,
): Promise<string> {
  const dir = toolCacheDir(root, entry);
  const parent = path.dirname(dir);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw await diskErrorFor(error, root, 'RUNNER_TOOL_CACHE');
  }
  await removeStaleStaging(parent, entry.slot);
  const staging = path.join(parent, `.${entry.slot}.staging-${randomBytes(4).toString('hex')}`);
  let done = false;
  try {
    await mkdir(staging);
    await populate(staging);
    await placeEntry(root, entry, staging, accept);
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
 * job gets an accepted folder in first, its marker is awaited and its entry used: theirs is as good as
 * ours. A complete entry that `accept` refuses (other bytes, a missing binary) goes aside the same way.
 */
async function placeEntry(
  root: string,
  entry: ToolCacheEntry,
  staging: string,
  accept: AcceptEntry,
): Promise<void> {
  const dir = toolCacheDir(root, entry);
  const acceptedInPlace = async () => findInToolCache(root, entry) !== undefined && (await accept(dir));
  for (let attempt = 1; ; attempt++) {
    if (await acceptedInPlace()) return;
    await rm(`${dir}.complete`, { force: true });
    await moveAside(dir, entry.slot);
    try {
      await rename(staging, dir);
      await writeFile(`${dir}.complete`, '');
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= PLACE_ATTEMPTS) throw error;
      // Another job renamed its folder in between: it marks it complete right after.
      if (await waitFor(acceptedInPlace, 2000)) return;
    }
  }
}

/** Renames `dir` (debris without a marker) to a trash name of its own, then removes that. */
async function moveAside(dir: string, slot: string): Promise<void> {
  const trash = path.join(path.dirname(dir), `.${slot}.trash-${randomBytes(4).toString('hex')}`);
  try {
    await rename(dir, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
}

async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until;) {
    if (await condition()) return true;
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
async function removeStaleStaging(parent: string, slot: string, maxAgeMs = 60 * 60_000): Promise<void> {
  const prefixes = [`.${slot}.staging-`, `.${slot}.trash-`];
  for (const name of await readdir(parent)) {
    if (!prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const full = path.join(parent, name);
    const info = await stat(full).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true });
  }
}
