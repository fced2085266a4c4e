import { UserError } from '@ci-kit/runner';

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Exact versions only ("3.16.4", "v3.16.4" → "3.16.4"): a range would make the cache key lie. */
export function normalizeVersion(value: string, input: string): string {
  const match = SEMVER.exec(value.trim());
  if (!match) {
    throw new UserError(`${input}: '${value}' is not a valid version; use an exact version such as 3.16.4`);
  }
  return value.trim().replace(/^v/, '');
}

/** Every command our actions check or install, and how each tells its version. */
export type ProbedTool = 'node' | 'git' | 'curl' | 'tar' | 'uv' | 'nox' | 'helm' | 'kubeconform';

export interface VersionProbe {
  args: string[];
  pattern: RegExp;
  /**
   * `exact`: the pinned version; `min-major`: that major or a newer one (node: setup-prewarmed-runner's
   * node-version-min, 20 by default); `present`: any version.
   */
  match: 'exact' | 'min-major' | 'present';
}

/** One table for every action: setup-prewarmed-runner's checks, prepare-python's, the installers'. */
export const VERSION_PROBES: Record<ProbedTool, VersionProbe> = {
  node: { args: ['--version'], pattern: /\bv(\d+\.\d+\.\d+)/, match: 'min-major' },
  git: { args: ['--version'], pattern: /git version (\d+[^\s]*)/, match: 'present' },
  curl: { args: ['--version'], pattern: /^curl (\d+[^\s]*)/m, match: 'present' },
  tar: { args: ['--version'], pattern: /(\d+\.\d+(?:\.\d+)?)/, match: 'present' },
  // `uv 0.8.24` or `uv 0.8.24 (abc123 2025-10-01)`.
  uv: { args: ['--version'], pattern: /^uv (\d+\.\d+\.\d+\S*)/m, match: 'exact' },
  // nox prints its version alone (to stderr in most releases).
  nox: { args: ['--version'], pattern: /^(\d+\.\d+\.\d+)\s*$/m, match: 'exact' },
  // `helm version --short`: v3.16.4+g7877b45 (the +commit is build metadata, not the version).
  helm: { args: ['version', '--short'], pattern: /\bv?(\d+\.\d+\.\d+)(?:\+\S*)?/, match: 'exact' },
  kubeconform: { args: ['-v'], pattern: /\bv?(\d+\.\d+\.\d+)/, match: 'exact' },
};

/** The version a tool printed for its probe arguments, or undefined. */
export function parseToolVersion(tool: ProbedTool, output: string): string | undefined {
  return VERSION_PROBES[tool].pattern.exec(output.trim())?.[1];
}

export const parseUvVersion = (output: string) => parseToolVersion('uv', output);
export const parseNoxVersion = (output: string) => parseToolVersion('nox', output);
