import { UserError } from '@ci-kit/runner';
import { parseYaml, type LockedDependency } from './chart-lock';

export interface ChartRelease {
  /** Absolute URL of the archive. */
  url: string;
  /** sha256 of the archive, as the repository's index.yaml gives it. */
  sha256: string;
}

/** Where a dependency's archive is and what its digest is, from its repository's index.yaml. */
export function findRelease(indexText: string, indexUrl: string, dep: LockedDependency): ChartRelease {
  const index = parseYaml(indexText) as { entries?: Record<string, Array<Record<string, unknown>>> } | null;
  const versions = index?.entries?.[dep.name];
  const release = Array.isArray(versions)
    ? versions.find((v) => String(v.version) === dep.version)
    : undefined;
  if (!release) {
    throw new UserError(
      `${indexUrl} lists no ${dep.name} ${dep.version} (Chart.lock pins it); the repository dropped it, or Chart.lock names another repository`,
    );
  }
  const digest = String(release.digest ?? '')
    .replace(/^sha256:/, '')
    .toLowerCase();
  const first = Array.isArray(release.urls) ? String(release.urls[0] ?? '') : '';
  if (!/^[0-9a-f]{64}$/.test(digest) || first === '') {
    throw new UserError(
      `${indexUrl}: ${dep.name} ${dep.version} has no sha256 digest or no URL; refusing an unverified chart`,
    );
  }
  // Relative URLs are relative to the repository (index.yaml's folder).
  return { url: new URL(first, indexUrl).href, sha256: digest };
}

/** index.yaml of a repository URL (with or without a trailing slash). */
export const indexUrlOf = (repository: string): string => `${repository.replace(/\/+$/, '')}/index.yaml`;
