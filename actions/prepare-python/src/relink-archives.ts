import { readdir, readlink, rename, symlink } from 'node:fs/promises';
import path from 'node:path';

/** `<any folder>/archive-vN/<id>`: the only link target a uv cache entry holds (restore-uv-cache.ts allows it). */
const ARCHIVE_TARGET = /(?:^|\/)(archive-v\d+)\/([A-Za-z0-9_-]+)$/;
/** The buckets whose entries link to unpacked archives: downloaded wheels and wheels built from sdists. */
const LINKING_BUCKET = /^(?:wheels|sdists)-v\d+$/;

/**
 * uv links each wheel entry to its unpacked archive by absolute path, into the folder it used. A
 * restored entry's links therefore name the saving runner's folder: uv itself reads the archive id from
 * the entry's pointer file and does not mind, but `uv cache prune` (prune-cache: true) finds what is in
 * use through the links and would drop every restored archive, built-from-source wheels included, and a
 * link naming another runner's folder has no business in ours. So after a restore each such link is
 * pointed at the same archive in this cache folder, as uv would have written it. Returns how many.
 */
export async function relinkArchives(uvCacheDir: string): Promise<number> {
  const root = path.resolve(uvCacheDir);
  let relinked = 0;
  let buckets: string[];
  try {
    buckets = (await readdir(root)).filter((name) => LINKING_BUCKET.test(name));
  } catch {
    return 0;
  }
  for (const bucket of buckets) {
    for (const entry of await readdir(path.join(root, bucket), { recursive: true, withFileTypes: true })) {
      if (!entry.isSymbolicLink()) continue;
      const link = path.join(entry.parentPath, entry.name);
      const target = await readlink(link).catch(() => '');
      const match = ARCHIVE_TARGET.exec(target);
      if (!match) continue;
      const wanted = path.join(root, match[1] as string, match[2] as string);
      if (target === wanted) continue;
      // A new link beside it, then rename over it: the entry is never without one.
      const temporary = `${link}.ci-kit-relink`;
      await symlink(wanted, temporary);
      await rename(temporary, link);
      relinked += 1;
    }
  }
  return relinked;
}
