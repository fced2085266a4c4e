import { constants as fsConstants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * In the tool cache: the uv cache `uv python find` alone uses (python.ts says why). One per user: the
 * tool cache is shared by every job on a runner, and a folder a root job made is not writable for a
 * later job that runs as another user (issue 28).
 */
export function findCacheName(uid: number | undefined): string {
  return `ci-kit-uv-python-find-${uid ?? 'user'}`;
}

/** The folder, made when missing; undefined when it cannot be written (uv then starts the interpreter again). */
export async function findCacheDir(toolCacheRoot: string): Promise<string | undefined> {
  const dir = path.join(toolCacheRoot, findCacheName(process.getuid?.()));
  return mkdir(dir, { recursive: true })
    .then(() => access(dir, fsConstants.W_OK))
    .then(
      () => dir,
      () => undefined,
    );
}
