import { existsSync } from 'node:fs';
import { mkdtemp, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@ci-kit/runner';

/**
 * A project may have uv among its own dependencies (a dev group pinning another uv): activating its
 * environment puts that uv first on PATH, and later steps would run it while `uv-version` names ours
 * (issue 26: 0.9.26 ran, 0.8.24 reported). So when the environment has a uv of its own, a folder that
 * holds only links to the pinned uv and uvx goes on PATH after it, ahead of it: the environment's
 * python, pytest and the rest still win, and `uv` is the one this step verified.
 * Returns the folder added, or undefined when the environment brings no uv.
 */
export async function shieldPinnedUv(
  venv: string,
  uv: string,
  tempDir: string,
  addPath: (dir: string) => void,
  log: Logger,
): Promise<string | undefined> {
  const own = ['uv', 'uvx'].filter((name) => existsSync(path.join(venv, 'bin', name)));
  if (own.length === 0) return undefined;
  const dir = await mkdtemp(path.join(tempDir, 'ci-kit-pinned-uv-'));
  for (const name of ['uv', 'uvx']) {
    const target = path.join(path.dirname(uv), name);
    if (existsSync(target)) await symlink(target, path.join(dir, name));
  }
  addPath(dir);
  log.info(
    `the project environment has its own ${own.join(' and ')} (${path.join(venv, 'bin')}): the pinned uv at ${uv} stays first on PATH for later steps (run ${path.join(venv, 'bin', 'uv')} to use the project's)`,
  );
  return dir;
}
