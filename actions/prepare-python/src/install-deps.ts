import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError, runChecked, type Logger, type ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import type { InstallMode } from './inputs';

interface InstallDeps {
  run: ProcessRunner;
  log: Logger;
  uv: string;
  attempts: number;
  tempDir: string;
}

export interface InstallResult {
  /** The project venv (install: sync), to export as VIRTUAL_ENV and put on PATH. */
  venv?: string;
}

/**
 * Installs exactly the lock: `--frozen` never re-resolves, so no index round-trips for resolution
 * and no drift from what was reviewed.
 */
export async function installDependencies(
  mode: InstallMode,
  projectDir: string,
  deps: InstallDeps,
): Promise<InstallResult> {
  if (mode === 'none') return {};
  if (!existsSync(path.join(projectDir, 'uv.lock'))) {
    throw new UserError(
      `install: ${mode} needs ${path.join(projectDir, 'uv.lock')}, which does not exist; run 'uv lock' in the project and commit uv.lock`,
    );
  }
  const common = { cwd: projectDir, attempts: deps.attempts, log: deps.log };
  if (mode === 'sync') {
    await retryCommand(deps.run, deps.uv, ['sync', '--frozen'], { ...common, what: 'uv sync --frozen' });
    return { venv: path.join(projectDir, '.venv') };
  }
  // system: the locked set, exported without the project itself, installed without resolving.
  const dir = await mkdtemp(path.join(deps.tempDir, 'ci-kit-export-'));
  try {
    const requirements = path.join(dir, 'requirements.txt');
    await runChecked(
      deps.run,
      deps.uv,
      [
        'export',
        '--frozen',
        '--format',
        'requirements-txt',
        '--no-emit-project',
        '--quiet',
        '-o',
        requirements,
      ],
      {
        cwd: projectDir,
      },
    );
    await retryCommand(deps.run, deps.uv, ['pip', 'install', '--system', '--no-deps', '-r', requirements], {
      ...common,
      what: 'uv pip install --system',
    });
    return {};
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
