import { readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@ci-kit/runner';

/** True when `target` is `root` itself or inside it (both absolute, normalised). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses a tree holding a symbolic link whose target leaves it (absolute, or climbing out with
 * `..`). Extraction keeps such a link harmless by itself, but everything done next follows links:
 * chmod of "the binary", a PATH entry, a later tool that writes into its own folder. A link to a
 * sibling inside the tree (`bin/tool -> ../libexec/tool`, as some releases ship) stays allowed.
 */
export async function assertNoEscapingLinks(root: string, what: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    // parentPath is Node 20.12+; path is its older name (deprecated, still there on Node 20).
    const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
    const link = path.join(parent, entry.name);
    const target = path.resolve(parent, await readlink(link));
    if (!isInside(root, target)) {
      throw new UserError(
        `${what} holds a symbolic link that points outside the archive (${path.relative(root, link)} -> ${await readlink(link)}); refused: nothing from it was installed`,
      );
    }
  }
}
