import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError, runChecked, type Logger, type ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import type { InstallMode } from './inputs';
import { parseSyncReport, type SyncReport } from './sync-report';

interface InstallDeps {
  run: ProcessRunner;
  log: Logger;
  uv: string;
  attempts: number;
  tempDir: string;
  /** The workspace: the search for uv.lock stops there. */
  workspace: string;
  env: NodeJS.ProcessEnv;
}

export interface InstallOptions {
  locked: boolean;
  syncArgs: string[];
  /** install: none: create the project environment with `uv venv` so it can be activated. */
  createVenv: boolean;
}

export interface InstallResult {
  /** The project environment, to export as VIRTUAL_ENV and put on PATH. */
  venv?: string;
  /** The command that installed, for the log and the summary. */
  command?: string;
  /** Where the installed packages came from (uv cache or index), when uv said. */
  report?: SyncReport;
}

/**
 * The uv.lock that governs the project: its own, or a uv workspace root's above it (a workspace
 * member has none of its own), searched up to the workspace.
 */
export function findLock(projectDir: string, workspace: string): string | undefined {
  let dir = path.resolve(projectDir);
  const top = path.resolve(workspace);
  for (;;) {
    const lock = path.join(dir, 'uv.lock');
    if (existsSync(lock)) return lock;
    if (dir === top || path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
}

/** Where `uv sync` puts the environment: UV_PROJECT_ENVIRONMENT (relative to the root), else root/.venv. */
export function projectEnvironment(root: string, env: NodeJS.ProcessEnv): string {
  const chosen = env.UV_PROJECT_ENVIRONMENT?.trim();
  return chosen ? path.resolve(root, chosen) : path.join(root, '.venv');
}

/**
 * Installs exactly the lock: `--frozen` never re-resolves (no index round-trips, no drift from what
 * was reviewed); `--locked` also resolves, to fail when the lock no longer matches pyproject.toml.
 */
export async function installDependencies(
  mode: InstallMode,
  projectDir: string,
  options: InstallOptions,
  deps: InstallDeps,
): Promise<InstallResult> {
  if (mode === 'none') return options.createVenv ? createVenv(projectDir, deps) : {};
  const lock = findLock(projectDir, deps.workspace);
  if (!lock) {
    throw new UserError(
      `install: ${mode} needs ${path.join(projectDir, 'uv.lock')} (or one in a uv workspace root above it, up to the workspace), which does not exist; run 'uv lock' in the project and commit uv.lock`,
    );
  }
  const common = { cwd: projectDir, attempts: deps.attempts, log: deps.log, retriesItself: 'uv' as const };
  if (mode === 'sync') {
    const args = ['sync', options.locked ? '--locked' : '--frozen', ...options.syncArgs];
    const command = `uv ${args.join(' ')}`;
    const result = await retryCommand(deps.run, deps.uv, args, { ...common, what: command });
    const report = parseSyncReport(`${result.stderr}\n${result.stdout}`);
    return { venv: projectEnvironment(path.dirname(lock), deps.env), command, ...(report ? { report } : {}) };
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
        options.locked ? '--locked' : '--frozen',
        '--format',
        'requirements-txt',
        '--no-emit-project',
        '--quiet',
        '-o',
        requirements,
      ],
      { cwd: projectDir },
    );
    const result = await retryCommand(
      deps.run,
      deps.uv,
      ['pip', 'install', '--system', '--no-deps', '-r', requirements],
      { ...common, what: 'uv pip install --system' },
    );
    const report = parseSyncReport(`${result.stderr}\n${result.stdout}`);
    return { command: 'uv pip install --system', ...(report ? { report } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function createVenv(projectDir: string, deps: InstallDeps): Promise<InstallResult> {
  const venv = projectEnvironment(projectDir, deps.env);
  if (existsSync(path.join(venv, 'pyvenv.cfg'))) return { venv };
  await runChecked(deps.run, deps.uv, ['venv', venv], { cwd: projectDir });
  return { venv, command: `uv venv ${venv}` };
}
