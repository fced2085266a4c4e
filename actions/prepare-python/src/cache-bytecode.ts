import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, formatMs, type Logger, type ProcessRunner } from '@ci-kit/runner';

/**
 * `cache-bytecode: true`: before post saves the uv cache, the job's interpreter compiles the unpacked
 * wheels in it (`archive-v0/<id>/`), so a warm job's imports read compiled bytecode instead of
 * compiling every module they touch. uv installs a package by linking (or copying) the files of its
 * unpacked wheel, `__pycache__` included, into the environment; a fresh environment otherwise has no
 * bytecode at all, and a project that imports pydantic, sqlalchemy or cryptography compiles it again
 * in every job (bench table 8c: the realistic fixture's install and tests take 1.72 s with the cached
 * bytecode, 2.93 s without).
 *
 * `checked-hash` pycs (PEP 552) carry a hash of their source instead of its mtime: valid whatever
 * uv's link mode (a copy gets a new mtime), and never used for a source that differs. Python replaces
 * a pyc it rewrites with a new file, so a job never changes the cache's files through a hard link.
 */

/** Post must end: a cache of a few hundred packages compiles in seconds; past this, save what is done. */
export const COMPILE_TIMEOUT_MS = 300_000;

/** `archive-v0/<id>` folders of a uv cache, relative to it; none when uv made none. */
async function archiveFolders(uvCacheDir: string): Promise<string[]> {
  const buckets = (await readdir(uvCacheDir).catch(() => [] as string[])).filter((name) =>
    /^archive-v\d+$/.test(name),
  );
  const folders: string[] = [];
  for (const bucket of buckets) {
    for (const entry of await readdir(path.join(uvCacheDir, bucket), { withFileTypes: true })) {
      if (entry.isDirectory() && /^[A-Za-z0-9_-]+$/.test(entry.name))
        folders.push(path.join(bucket, entry.name));
    }
  }
  return folders.sort();
}

/**
 * Whether an unpacked wheel still needs compiling: it holds a module without a pyc beside it. One
 * module is enough to tell: a restored entry's archives were compiled whole when they were saved,
 * and compiling one again costs as much as the first time (compileall rewrites hash-based pycs). The
 * shallowest module (a package's `__init__.py`), not test data another Python's syntax may fill.
 */
export async function needsCompiling(folder: string): Promise<boolean> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  const depth = (entry: { parentPath: string }) => entry.parentPath.split(path.sep).length;
  const module = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py'))
    .sort((a, b) => depth(a) - depth(b))[0];
  if (!module) return false;
  const stem = module.name.slice(0, -'.py'.length);
  const cached = await readdir(path.join(module.parentPath, '__pycache__')).catch(() => [] as string[]);
  return !cached.some((name) => name.startsWith(`${stem}.`) && name.endsWith('.pyc'));
}

export interface BytecodeResult {
  /** Unpacked wheels compiled now. */
  compiled: number;
  /** Those that already were (restored). */
  already: number;
  ms: number;
  /** For the result line: what happened, in words. */
  text: string;
}

/** Compiles what needs it; never fails post (a failure leaves the entry as uv made it). */
export async function compileCachedBytecode(
  uvCacheDir: string,
  python: string,
  deps: { run: ProcessRunner; log: Logger },
): Promise<BytecodeResult> {
  const started = performance.now();
  const folders = await archiveFolders(uvCacheDir);
  const pending: string[] = [];
  for (const folder of folders) {
    if (await needsCompiling(path.join(uvCacheDir, folder))) pending.push(folder);
  }
  const already = folders.length - pending.length;
  const done = (compiled: number, text: string): BytecodeResult => ({
    compiled,
    already,
    ms: performance.now() - started,
    text,
  });
  if (pending.length === 0)
    return done(0, folders.length === 0 ? 'no unpacked wheels to compile' : 'bytecode already compiled');
  const signal = AbortSignal.timeout(COMPILE_TIMEOUT_MS);
  // -qq: a package may ship files this Python cannot compile (other versions' syntax, templates);
  // they stay uncompiled and the exit status is 1, which is no failure here.
  const result = await deps
    .run(
      python,
      ['-m', 'compileall', '-qq', '-j', '0', '--invalidation-mode', 'checked-hash', '--', ...pending],
      { cwd: uvCacheDir, silent: true, signal },
    )
    .catch((error: unknown) => ({ exitCode: -1, stdout: '', stderr: errorMessage(error) }));
  const took = formatMs(performance.now() - started);
  if (signal.aborted) {
    deps.log.warning(
      `compiling the uv cache's bytecode took over ${formatMs(COMPILE_TIMEOUT_MS)}: saving what was compiled (set cache-bytecode: false to skip it)`,
    );
    return done(pending.length, `bytecode compiling stopped after ${took}`);
  }
  if (result.exitCode === 0 || result.exitCode === 1) {
    const skipped = result.exitCode === 1 ? ', some files left as source' : '';
    return done(
      pending.length,
      `bytecode of ${pending.length} unpacked wheel(s) compiled in ${took}${skipped}`,
    );
  }
  const why = result.stderr.trim().split('\n').pop() ?? '';
  deps.log.warning(
    `could not compile the uv cache's bytecode with ${python} (exit ${result.exitCode}${why ? `: ${why.slice(0, 300)}` : ''}); saving it without`,
  );
  return done(0, 'bytecode not compiled');
}
