import {
  booleanInput,
  enumInput,
  integerInput,
  UserError,
  type InputReader,
  invalidInput,
} from '@ci-kit/runner';
import { isSha256 } from '@ci-kit/download';
import { normalizeVersion, TOOLCHAIN, validateUrlTemplate } from '@ci-kit/tools';

export const INSTALL_MODES = ['none', 'sync', 'system'] as const;
export type InstallMode = (typeof INSTALL_MODES)[number];

/** When post saves: auto = not for events that run untrusted code with write access (see save-policy.ts). */
/** Whether later steps get the project environment (auto: the one install: sync made). */
export const ACTIVATE_MODES = ['auto', 'true', 'false'] as const;
export type ActivateMode = (typeof ACTIVATE_MODES)[number];

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
  /** Run `uv cache prune --ci` before saving (drops wheels that are cheap to download again). */
  pruneCache: boolean;
  /** The job's status as the runner evaluates it for this step (post: after every other step). */
  jobStatus: string;
  cacheDependencyGlob: string[];
  cacheSuffix: string;
  retries: number;
  uvDownloadUrl?: string;
  uvSha256?: string;
}

export function loadInputs(read: InputReader): PreparePythonInputs {
  const uvVersion = normalizeVersion(read('uv-version').trim() || TOOLCHAIN.uv.version, 'uv-version');
  const noxText = read('nox-version').trim();
  const noxVersion = noxText === 'none' ? undefined : normalizeNoxVersion(noxText || TOOLCHAIN.nox.version);
  const pythonVersion = read('python-version').trim();
  if (pythonVersion && !/^(\d+(\.\d+){0,2}[a-z0-9+]*|pypy\S*|cpython\S*)$/.test(pythonVersion)) {
    throw invalidInput(
      'python-version',
      pythonVersion,
      'a version such as 3.13 or 3.13.1 (or a uv request such as pypy3.10)',
    );
  }
  const pythonVersionFile = read('python-version-file').trim();
  if (pythonVersionFile.split(/[\\/]/).includes('..')) {
    throw invalidInput('python-version-file', pythonVersionFile, "a file inside the workspace, without '..'");
  }
  const syncArgs = read('sync-args')
    .split(/\s+/)
    .filter((arg) => arg !== '');
  const conflicting = syncArgs.find((arg) => ['--frozen', '--locked', '--no-sync'].includes(arg));
  if (conflicting) {
    throw new UserError(
      `The value '${conflicting}' is not valid in 'sync-args': prepare-python passes --frozen itself; set 'locked: true' for --locked`,
    );
  }
  const workingDirectory = read('working-directory').trim() || '.';
  if (workingDirectory.split(/[\\/]/).includes('..')) {
    throw invalidInput('working-directory', workingDirectory, "a folder inside the workspace, without '..'");
  }
  const uvDownloadUrl = read('uv-download-url').trim();
  if (uvDownloadUrl) validateUrlTemplate(uvDownloadUrl, 'uv-download-url');
  const uvSha256 = read('uv-sha256').trim().toLowerCase();
  if (uvSha256 && !isSha256(uvSha256)) {
    throw new UserError(
      `The value '${read('uv-sha256').trim()}' is not valid for 'uv-sha256'. Valid values are: 64 hex digits`,
    );
  }
  const cacheSuffix = read('cache-suffix').trim();
  if (!/^[A-Za-z0-9._+-]*$/.test(cacheSuffix)) {
    throw invalidInput('cache-suffix', cacheSuffix, "letters, digits, '.', '_', '+' and '-'");
  }
  return {
    uvVersion,
    ...(noxVersion ? { noxVersion } : {}),
    ...(pythonVersion ? { pythonVersion } : {}),
    ...(pythonVersionFile ? { pythonVersionFile } : {}),
    workingDirectory,
    install: enumInput(read, 'install', INSTALL_MODES),
    locked: booleanInput(read, 'locked'),
    syncArgs,
    activateEnvironment: enumInput(read, 'activate-environment', ACTIVATE_MODES),
    cache: booleanInput(read, 'cache'),
    saveCache: enumInput(read, 'save-cache', SAVE_MODES),
    pruneCache: booleanInput(read, 'prune-cache'),
    jobStatus: read('job-status').trim().toLowerCase(),
    cacheDependencyGlob: read('cache-dependency-glob')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    cacheSuffix,
    retries: integerInput(read, 'retries', 1, 20),
    ...(uvDownloadUrl ? { uvDownloadUrl } : {}),
    ...(uvSha256 ? { uvSha256 } : {}),
  };
}

/** nox uses calendar versions (2026.10.20): exact, dotted numbers. */
function normalizeNoxVersion(value: string): string {
  if (!/^\d+(\.\d+)+$/.test(value)) {
    throw invalidInput('nox-version', value, `an exact version such as ${TOOLCHAIN.nox.version}, or none`);
  }
  return value;
}
