// Where scripts/setup-tools.sh puts the tools it builds (.tools/bin, gitignored).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a tool built by scripts/setup-tools.sh; throws when it is missing. */
export function toolsBin(name: string): string {
  const path = join(REPO_ROOT, '.tools', 'bin', name);
  if (!existsSync(path)) {
    throw new Error(`${name} not found at ${path}: run npm run setup-tools`);
  }
  return path;
}
