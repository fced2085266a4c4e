import {
  booleanInput,
  enumInput,
  integerInput,
  type InputReader,
  invalidInput,
  sha256Input,
} from '@ci-kit/runner';
import { normalizeVersion, TOOLCHAIN, validateUrlTemplate } from '@ci-kit/tools';
import { Inputs } from './names';

export const INSTALL_MODES = ['none', 'sync', 'system'] as const;
export type InstallMode = (typeof INSTALL_MODES)[number];

/** When post saves: auto = not for events that run untrusted code with write access (see save-policy.ts). */
/** Whether later steps get the project environment (auto: the one install: sync made). */
export const ACTIVATE_MODES = ['auto', 'true', 'false'] as const;
export type ActivateMode = (typeof ACTIVATE_MODES)[number];

/**
 * How post prunes the uv cache before saving. unused: keeps every wheel this lock uses and drops what a
 * fallback brought in that it no longer uses (warm jobs need no index); true: `uv cache prune --ci`
 * (the smallest entry: only wheels built from source, the rest comes from the index again); false:
 * keeps everything.
 */
export const PRUNE_MODES = ['unused', 'true', 'false'] as const;
export type PruneMode = (typeof PRUNE_MODES)[number];

export const SAVE_MODES = ['auto', 'always', 'never'] as const;
export type SaveMode = (typeof SAVE_MODES)[number];

export interface PreparePythonInputs {
  uvVersion: string;
  /** undefined with `nox-version: none`. */
  noxVersion?: string;
  pythonVersion?: string;
  /** A file naming the Python version (.python-version, .tool-versions, pyproject.toml), workspace-relative. */
  pythonVersionFile?: string;
  workingDirectory: string;
  install: InstallMode;
  /** install: sync with --locked (fail on a stale lock) instead of --frozen (use the lock as it is). */
  locked: boolean;
  /** Extra arguments for `uv sync` (extras, groups, --all-packages), one or more per line. */
  syncArgs: string[];
  /** Export VIRTUAL_ENV and put the venv on PATH (auto: after install: sync; true: install: none creates one). */
  activateEnvironment: ActivateMode;
  cache: boolean;
  saveCache: SaveMode;
  /** How post prunes before saving (see PRUNE_MODES). */
  pruneCache: PruneMode;
  /** Post compiles the cached packages' bytecode before saving (cache-bytecode.ts). */
  cacheBytecode: boolean;
  /** The job's status as the runner evaluates it for this step (post: after every other step). */
  jobStatus: string;
  cacheDependencyGlob: string[];
  cacheSuffix: string;
  retries: number;
  uvDownloadUrl?: string;
  uvSha256?: string;
}

export function loadInputs(read: InputReader): PreparePythonInputs {
  const uvVersion = normalizeVersion(read(Inputs.UvVersion).trim() || TOOLCHAIN.uv.version, Inputs.UvVersion);
  const noxText = read(Inputs.NoxVersion).trim();
  const noxVersion = noxText === 'none' ? undefined : normalizeNoxVersion(noxText || TOOLCHAIN.nox.version);
  const pythonVersion = read(Inputs.PythonVersion).trim();
  if (pythonVersion && !/^(\d+(\.\d+){0,2}[a-z0-9+]*|pypy\S*|cpython\S*)$/.test(pythonVersion)) {
    throw invalidInput(
      Inputs.PythonVersion,
      pythonVersion,
      'a version such as 3.13 or 3.13.1 (or a uv request such as pypy3.10)',
    );
  }
  const pythonVersionFile = read(Inputs.PythonVersionFile).trim();
  if (pythonVersionFile.split(/[\\/]/).includes('..')) {
    throw invalidInput(
      Inputs.PythonVersionFile,
      pythonVersionFile,
      "a file inside the workspace, without '..'",
    );
  }
  const syncArgs = read(Inputs.SyncArgs)
    .split(/\s+/)
    .filter((arg) => arg !== '');
  const conflicting = syncArgs.find((arg) => ['--frozen', '--locked', '--no-sync'].includes(arg));
  if (conflicting) {
    throw invalidInput(
      Inputs.SyncArgs,
      conflicting,
      "uv sync arguments other than --frozen, --locked and --no-sync (prepare-python passes --frozen itself; set 'locked: true' for --locked)",
    );
  }
  const workingDirectory = read(Inputs.WorkingDirectory).trim() || '.';
  if (workingDirectory.split(/[\\/]/).includes('..')) {
    throw invalidInput(
      Inputs.WorkingDirectory,
      workingDirectory,
      "a folder inside the workspace, without '..'",
    );
  }
  const uvDownloadUrl = read(Inputs.UvDownloadUrl).trim();
  if (uvDownloadUrl) validateUrlTemplate(uvDownloadUrl, Inputs.UvDownloadUrl);
  const uvSha256 = sha256Input(read, Inputs.UvSha256);
  const cacheSuffix = read(Inputs.CacheSuffix).trim();
  if (!/^[A-Za-z0-9._+-]*$/.test(cacheSuffix)) {
    throw invalidInput(Inputs.CacheSuffix, cacheSuffix, "letters, digits, '.', '_', '+' and '-'");
  }
  return {
    uvVersion,
    ...(noxVersion ? { noxVersion } : {}),
    ...(pythonVersion ? { pythonVersion } : {}),
    ...(pythonVersionFile ? { pythonVersionFile } : {}),
    workingDirectory,
    install: enumInput(read, Inputs.Install, INSTALL_MODES),
    locked: booleanInput(read, Inputs.Locked),
    syncArgs,
    activateEnvironment: enumInput(read, Inputs.ActivateEnvironment, ACTIVATE_MODES),
    cache: booleanInput(read, Inputs.Cache),
    saveCache: enumInput(read, Inputs.SaveCache, SAVE_MODES),
    pruneCache: pruneModeInput(read),
    cacheBytecode: booleanInput(read, Inputs.CacheBytecode),
    jobStatus: read(Inputs.JobStatus).trim().toLowerCase(),
    cacheDependencyGlob: read(Inputs.CacheDependencyGlob)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    cacheSuffix,
    retries: integerInput(read, Inputs.Retries, 1, 20),
    ...(uvDownloadUrl ? { uvDownloadUrl } : {}),
    ...(uvSha256 ? { uvSha256 } : {}),
  };
}

/** `true`/`false` in any case YAML spells them, as before `unused` existed, or `unused`. */
function pruneModeInput(read: InputReader): PruneMode {
  const value = read(Inputs.PruneCache).trim();
  const lower = value.toLowerCase();
  if (lower === 'unused' || lower === 'true' || lower === 'false') return lower;
  throw invalidInput(Inputs.PruneCache, value, PRUNE_MODES.join(', '));
}

/** nox uses calendar versions (2026.10.20): exact, dotted numbers. */
function normalizeNoxVersion(value: string): string {
  if (!/^\d+(\.\d+)+$/.test(value)) {
    throw invalidInput(
      Inputs.NoxVersion,
      value,
      `an exact version such as ${TOOLCHAIN.nox.version}, or none`,
    );
  }
  return value;
}
