import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * @actions/cache hashes the path strings it is given into the entry's version and stores entries
 * relative to GITHUB_WORKSPACE (or the cwd). A runner whose temp, tool-cache or workspace folders
 * differ from the saving runner's (every ephemeral or host-mode runner) would then never match,
 * or would extract to the wrong place. So every entry is saved and restored as the one relative
 * path PAYLOAD under a staging root that we make the workspace for the length of the call.
 */
export const PAYLOAD = 'payload';

/** The toolkit's own temp files (the archive it builds or downloads) go here, inside the root. */
export const TOOLKIT_TEMP = '.toolkit-temp';

export async function withStableRoot<T>(root: string, fn: (paths: string[]) => Promise<T>): Promise<T> {
  await mkdir(path.join(root, TOOLKIT_TEMP), { recursive: true });
  const saved = {
    cwd: process.cwd(),
    workspace: process.env.GITHUB_WORKSPACE,
    temp: process.env.RUNNER_TEMP,
  };
  process.chdir(root);
  process.env.GITHUB_WORKSPACE = root;
  // A call cut short (a stranded request, a kill) would otherwise leave its archive in RUNNER_TEMP;
  // inside the root it goes when the root goes.
  process.env.RUNNER_TEMP = path.join(root, TOOLKIT_TEMP);
  try {
    return await fn([PAYLOAD]);
  } finally {
    process.chdir(saved.cwd);
    restoreEnv('GITHUB_WORKSPACE', saved.workspace);
    restoreEnv('RUNNER_TEMP', saved.temp);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
