import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import * as glob from '@actions/glob';
import { sha256File } from '@ci-kit/download';
import { cacheKey } from '@ci-kit/cache';
import type { Logger, Platform } from '@ci-kit/runner';

/** Never key on what the job itself creates or what no lockfile governs. */
const ALWAYS_EXCLUDED = ['!**/.venv/**', '!**/node_modules/**', '!**/.git/**', '!**/.nox/**'];

export const NO_FILES_MARKER = 'no-dependency-files';

/**
 * Files matched by the globs, relative to the workspace, sorted: the same list on every machine.
 *
 * Only files whose real path is inside the workspace: a pull request can commit symbolic links, and a
 * folder link to `/` would make a `**` glob walk the runner's disk, a file link would hash a file of the
 * runner's and log its name. Folder links are not followed at all; a matched file whose real path is
 * outside (a link out, or a `../` pattern) is left out of the key with one warning naming the first
 * such file by its name in the workspace, never where it leads.
 */
export async function matchDependencyFiles(
  patterns: string[],
  workspace: string,
  log?: Pick<Logger, 'warning'>,
): Promise<string[]> {
  const absolute = patterns.map((pattern) =>
    pattern.startsWith('!')
      ? `!${path.resolve(workspace, pattern.slice(1))}`
      : path.resolve(workspace, pattern),
  );
  const excluded = ALWAYS_EXCLUDED.map((pattern) => `!${path.resolve(workspace, pattern.slice(1))}`);
  const globber = await glob.create([...absolute, ...excluded].join('\n'), {
    matchDirectories: false,
    followSymbolicLinks: false,
  });
  const root = await realpath(workspace);
  const inside: string[] = [];
  const outside: string[] = [];
  for (const file of await globber.glob()) {
    const name = path.relative(workspace, file).split(path.sep).join('/');
    const real = await realpath(file).catch(() => undefined);
    if (
      real !== undefined &&
      (real === root || real.startsWith(`${root}${path.sep}`)) &&
      !name.startsWith('../')
    )
      inside.push(name);
    else outside.push(name);
  }
  outside.sort();
  if (outside.length > 0) {
    const first = outside.find((name) => !name.startsWith('../'));
    log?.warning(
      `cache-dependency-glob: left ${outside.length} matched file(s) out of the cache key: their real path is outside the workspace (a symbolic link out of it, or a ../ pattern)${first ? `; the first: ${first}` : ''}`,
    );
  }
  return inside.sort();
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

/** Everything besides the lock that changes what a job puts into the uv cache. */
export interface CacheVariantParts {
  install: string;
  /** `uv sync` arguments as given (groups, extras, --all-packages…): another set installs other wheels. */
  syncArgs: string[];
  /** How post prunes before saving: an entry saved pruned must not exact-hit a job that keeps wheels. */
  prune: string;
  /** The Python request when the job made one (python-version or its file), else ''. */
  pythonRequest: string;
  /** Whether post compiles the cached packages' bytecode: an entry without must not serve a job that wants it. */
  bytecode: boolean;
}

export interface CacheVariant {
  /** 10 hex digits of sha256 over the parts: the key slot. */
  id: string;
  /** The parts in words, for the log line that says why two jobs have different keys. */
  description: string;
}

export function cacheVariant(parts: CacheVariantParts): CacheVariant {
  const canonical = JSON.stringify([
    parts.install,
    parts.syncArgs,
    parts.prune,
    parts.pythonRequest,
    parts.bytecode,
  ]);
  const id = createHash('sha256').update(canonical).digest('hex').slice(0, 10);
  const args = parts.syncArgs.length ? parts.syncArgs.join(' ') : '(none)';
  const request = parts.pythonRequest || "(the project's own)";
  return {
    id,
    description: `install ${parts.install}, sync-args ${args}, prune-cache ${parts.prune}, Python request ${request}, cache-bytecode ${parts.bytecode}`,
  };
}

/**
 * `ci-kit-uv-<os>-<arch>-<system>-<python>-<suffix>-<variant>-<files hash>`. The suffix slot is always
 * there (empty: `py3.13--<variant>-…`) and the suffix's own dashes become underscores, so one suffix's
 * restore keys are never a prefix of another suffix's keys: `cache-suffix` keeps its caches apart,
 * fallbacks included. `system` (distribution and libc, see systemId) keeps wheels built from source on
 * one image out of a job on another; `python` carries the interpreter's ABI (`py3.13t` free-threaded).
 * Restore keys: the same variant's newest entry (the lock changed), then any variant's (a docs job's
 * first run starts from the test job's wheels, most of which it needs too).
 */
export function uvCacheKeys(
  platform: Platform,
  system: string,
  python: string,
  filesHash: string,
  suffix: string,
  variant: string,
): UvCacheKeys {
  const base = cacheKey('ci-kit-uv', platform.os, platform.arch, system, python);
  const suffixPrefix = `${base}-${cacheKey(suffix.replace(/-/g, '_'))}-`;
  const variantPrefix = `${suffixPrefix}${cacheKey(variant)}-`;
  return { key: `${variantPrefix}${cacheKey(filesHash)}`, restoreKeys: [variantPrefix, suffixPrefix] };
}
