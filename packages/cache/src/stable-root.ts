import { mkdir } from 'node:fs/promises';

/**
 * @actions/cache hashes the path strings it is given into the entry's version and stores entries
 * relative to GITHUB_WORKSPACE (or the cwd). A runner whose temp, tool-cache or workspace folders
 * differ from the saving runner's (every ephemeral or host-mode runner) would then never match,
 * or would extract to the wrong place. So every entry is saved and restored as the one relative
 * path PAYLOAD under a staging root that we make the workspace for the length of the call.
 */
export const PAYLOAD = 'payload';

export async function withStableRoot<T>(root: string, fn: (paths: string[]) => Promise<T>): Promise<T> {
  await mkdir(root, { recursive: true });
  const previousCwd = process.cwd();
  const previousWorkspace = process.env.GITHUB_WORKSPACE;
  process.chdir(root);
  process.env.GITHUB_WORKSPACE = root;
  try {
    return await fn([PAYLOAD]);
  } finally {
    process.chdir(previousCwd);
    if (previousWorkspace === undefined) delete process.env.GITHUB_WORKSPACE;
    else process.env.GITHUB_WORKSPACE = previousWorkspace;
  }
}
