import { lstat, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizePackageName } from './lock-packages';

/**
 * `prune-cache: unused`: after a fallback restore (the lock changed), the entry this job saves must
 * hold what this lock uses, not every lock's wheels since the first save (issue 26: 63 MB fresh against
 * 121 MB after one bump). So main lists the wheel entries the fallback brought in, and post deletes
 * those whose package and version the lock no longer pins, with the unpacked archives only they linked
 * to. What this job itself added (a nox session's extra packages) is never touched, and an exact hit
 * saves nothing, so it needs no list.
 *
 * uv's layout (0.8): `wheels-v5/<index>/<package>/<version>-<tags>{,.http,.msgpack}`, where <index>
 * is `pypi` or `index/<hash>`; the `.http` pointer names the archive in `archive-v0/`.
 */
export interface RestoredInventory {
  /** Wheel entries restored, relative to the uv cache folder, with their package and version. */
  entries: Array<{ path: string; pin: string }>;
  /** `name==version` of every package the project's locks pin, read when main ran. */
  locked: string[];
}

const WHEEL_BUCKET = /^wheels-v\d+$/;
/** `<version>-<rest>`: PEP 440 versions, normalized as uv writes them, never hold a dash. */
const VERSIONED = /^([0-9][^-/\\]*)-/;

/** Every wheel entry in a uv cache folder, with the `name==version` it belongs to. */
export async function wheelEntries(uvCacheDir: string): Promise<RestoredInventory['entries']> {
  const found: RestoredInventory['entries'] = [];
  let buckets: string[];
  try {
    buckets = (await readdir(uvCacheDir)).filter((name) => WHEEL_BUCKET.test(name));
  } catch {
    return found;
  }
  for (const bucket of buckets) {
    const entries = await readdir(path.join(uvCacheDir, bucket), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      const version = VERSIONED.exec(entry.name)?.[1];
      if (!version) continue;
      const pkg = normalizePackageName(path.basename(entry.parentPath));
      const relative = path.relative(uvCacheDir, path.join(entry.parentPath, entry.name));
      found.push({ path: relative, pin: `${pkg}==${version}` });
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export async function writeInventory(file: string, inventory: RestoredInventory): Promise<void> {
  await writeFile(file, JSON.stringify(inventory));
}

export async function readInventory(file: string): Promise<RestoredInventory | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as RestoredInventory;
    return Array.isArray(parsed.entries) && Array.isArray(parsed.locked) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface PruneResult {
  /** Wheel entries (pointers, metadata and links to unpacked archives) deleted. */
  removed: number;
  /** Unpacked archives deleted with them (no entry left points at them). */
  archives: number;
  /** Distinct `name==version` they belonged to, for the log. */
  pins: string[];
}

/** `archive-v0/<id>`: what a wheel entry's link names, checked before it becomes a path. */
const ARCHIVE = /^(archive-v\d+)[/\\]([A-Za-z0-9_-]+)$/;

/**
 * The unpacked archive a wheel entry links to, relative to the cache folder. uv writes absolute links
 * into the folder it used, so a restored entry's links name the saving runner's folder: only the last
 * two parts count, and they are read against this cache folder.
 */
async function archiveOf(file: string): Promise<string | undefined> {
  const target = await readlink(file).catch(() => undefined);
  if (!target) return undefined;
  const relative = path.join(path.basename(path.dirname(target)), path.basename(target));
  return ARCHIVE.test(relative) ? relative : undefined;
}

/**
 * Deletes the restored entries whose pin the lock does not hold, and the unpacked archives only they
 * linked to. Not `uv cache prune`: it finds what is in use through those absolute links, which after a
 * restore into another folder lead nowhere, so it would delete every restored archive. Paths come from
 * our own listing of the folder, each checked to stay inside it.
 */
export async function removeUnlocked(uvCacheDir: string, inventory: RestoredInventory): Promise<PruneResult> {
  const locked = new Set(inventory.locked);
  const root = path.resolve(uvCacheDir);
  const pins = new Set<string>();
  const dropped = new Set<string>();
  let removed = 0;
  if (locked.size === 0) return { removed, archives: 0, pins: [] };
  for (const entry of inventory.entries) {
    if (locked.has(entry.pin)) continue;
    const target = path.resolve(root, entry.path);
    if (!target.startsWith(`${root}${path.sep}`)) continue;
    // lstat: a link is removed itself, never what it points at (that is the archive, below).
    const stats = await lstat(target).catch(() => undefined);
    if (!stats) continue;
    if (stats.isSymbolicLink()) {
      const archive = await archiveOf(target);
      if (archive) dropped.add(archive);
    }
    await rm(target, { recursive: true, force: true });
    removed += 1;
    // Folder names from a restored entry: only a plain name==version reaches the log.
    pins.add(entry.pin.replace(/[^A-Za-z0-9._+!=-]/g, '?'));
  }
  // An archive another entry still links to stays (two pins never share one today; cheap to be sure).
  for (const entry of await wheelEntries(root)) {
    const archive = await archiveOf(path.join(root, entry.path));
    if (archive) dropped.delete(archive);
  }
  for (const archive of dropped) await rm(path.join(root, archive), { recursive: true, force: true });
  return { removed, archives: dropped.size, pins: [...pins].sort() };
}
