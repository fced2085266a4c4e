import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizePackageName } from './lock-packages';

/**
 * `prune-cache: unused`: after a fallback restore (the lock changed), the entry this job saves must
 * hold what this lock uses, not every lock's wheels since the first save (issue 26: 63 MB fresh against
 * 121 MB after one bump). So main lists the wheel entries the fallback brought in, and post deletes
 * those whose package and version the lock no longer pins; `uv cache prune` then removes the unpacked
 * archives nothing points at any more. What this job itself added (a nox session's extra packages)
 * is never touched, and an exact hit saves nothing, so it needs no list.
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
  /** Wheel entries (pointers and their unpacked folders' links) deleted. */
  removed: number;
  /** Distinct `name==version` they belonged to, for the log. */
  pins: string[];
}

/**
 * Deletes the restored entries whose pin the lock does not hold. Paths come from our own listing of the
 * folder, and each is checked to stay inside it before it is removed.
 */
export async function removeUnlocked(uvCacheDir: string, inventory: RestoredInventory): Promise<PruneResult> {
  const locked = new Set(inventory.locked);
  const root = path.resolve(uvCacheDir);
  const pins = new Set<string>();
  let removed = 0;
  if (locked.size === 0) return { removed, pins: [] };
  for (const entry of inventory.entries) {
    if (locked.has(entry.pin)) continue;
    const target = path.resolve(root, entry.path);
    if (!target.startsWith(`${root}${path.sep}`)) continue;
    // lstat: a pointer symlink is removed itself, never what it points at.
    if (!(await lstat(target).catch(() => undefined))) continue;
    await rm(target, { recursive: true, force: true });
    removed += 1;
    // Folder names from a restored entry: only a plain name==version reaches the log.
    pins.add(entry.pin.replace(/[^A-Za-z0-9._+!=-]/g, '?'));
  }
  return { removed, pins: [...pins].sort() };
}
