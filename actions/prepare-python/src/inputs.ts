import { booleanInput, enumInput, integerInput, UserError, type InputReader } from '@ci-kit/runner';
import { isSha256 } from '@ci-kit/download';
import { normalizeVersion, TOOLCHAIN, validateUrlTemplate } from '@ci-kit/tools';

export const INSTALL_MODES = ['none', 'sync', 'system'] as const;
export type InstallMode = (typeof INSTALL_MODES)[number];

export interface PreparePythonInputs {
  uvVersion: string;
  /** undefined with `nox-version: none`. */
  noxVersion?: string;
  pythonVersion?: string;
  workingDirectory: string;
  install: InstallMode;
  cache: boolean;
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
    throw new UserError(
      `The value '${pythonVersion}' is not valid for 'python-version'. Valid values are: a version such as 3.13 or 3.13.1 (or a uv request such as pypy3.10)`,
    );
  }
  const workingDirectory = read('working-directory').trim() || '.';
  if (workingDirectory.split(/[\\/]/).includes('..')) {
    throw new UserError(
      `The value '${workingDirectory}' is not valid for 'working-directory'. Valid values are: a folder inside the workspace, without '..'`,
    );
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
    throw new UserError(
      `The value '${cacheSuffix}' is not valid for 'cache-suffix'. Valid values are: letters, digits, '.', '_', '+' and '-'`,
    );
  }
  return {
    uvVersion,
    ...(noxVersion ? { noxVersion } : {}),
    ...(pythonVersion ? { pythonVersion } : {}),
    workingDirectory,
    install: enumInput(read, 'install', INSTALL_MODES),
    cache: booleanInput(read, 'cache'),
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
    throw new UserError(
      `The value '${value}' is not valid for 'nox-version'. Valid values are: an exact version such as ${TOOLCHAIN.nox.version}, or none`,
    );
  }
  return value;
}
