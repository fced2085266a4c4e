import { createHash } from 'node:crypto';
import path from 'node:path';
import * as glob from '@actions/glob';
import { sha256File } from '@ci-kit/download';
import { cacheKey } from '@ci-kit/cache';
import type { Platform } from '@ci-kit/runner';

/** Never key on what the job itself creates or what no lockfile governs. */
const ALWAYS_EXCLUDED = ['!**/.venv/**', '!**/node_modules/**', '!**/.git/**', '!**/.nox/**'];

export const NO_FILES_MARKER = 'no-dependency-files';

/** Files matched by the globs, relative to the workspace, sorted: the same list on every machine. */
export async function matchDependencyFiles(patterns: string[], workspace: string): Promise<string[]> {
  const absolute = patterns.map((pattern) =>
    pattern.startsWith('!')
      ? `!${path.resolve(workspace, pattern.slice(1))}`
      : path.resolve(workspace, pattern),
  );
  const excluded = ALWAYS_EXCLUDED.map((pattern) => `!${path.resolve(workspace, pattern.slice(1))}`);
  const globber = await glob.create([...absolute, ...excluded].join('\n'), { matchDirectories: false });
  const files = await globber.glob();
  return files.map((file) => path.relative(workspace, file).split(path.sep).join('/')).sort();
}

/**
 * sha256 over each file's relative path and content digest, in path order. Paths take part so
 * that moving a lockfile to another project changes the key; absolute paths never do.
 */
export async function hashDependencyFiles(
  relativeFiles: string[],
  workspace: string,
  digest: (file: string) => Promise<string> = sha256File,
): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...relativeFiles].sort()) {
    hash.update(`${file}\0${await digest(path.join(workspace, file))}\n`);
  }
  return hash.digest('hex');
}

export interface UvCacheKeys {
  key: string;
  restoreKeys: string[];
}

/**
 * `ci-kit-uv-<os>-<arch>-<system>-py<minor>-<suffix>-<files hash>`; the restore key is everything
 * before the hash. The suffix slot is always there (empty: `py3.13--<hash>`) and the suffix's own
 * dashes become underscores, so one suffix's restore key is never a prefix of another suffix's keys:
 * `cache-suffix` keeps its caches apart, fallbacks included. `system` (distribution and libc, see
 * systemId) keeps wheels built from source on one image out of a job on another.
 */
export function uvCacheKeys(
  platform: Platform,
  system: string,
  pythonVersion: string,
  filesHash: string,
  suffix: string,
): UvCacheKeys {
  const base = cacheKey('ci-kit-uv', platform.os, platform.arch, system, `py${pythonVersion}`);
  const prefix = `${base}-${cacheKey(suffix.replace(/-/g, '_'))}-`;
  return { key: `${prefix}${cacheKey(filesHash)}`, restoreKeys: [prefix] };
}
