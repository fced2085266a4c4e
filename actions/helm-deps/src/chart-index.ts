import { UserError } from '@ci-kit/runner';
import { redactUrl } from '@ci-kit/download';
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
      `${redactUrl(indexUrl)} lists no ${dep.name} ${dep.version} (Chart.lock pins it); the repository dropped it, or Chart.lock names another repository`,
    );
  }
  const digest = String(release.digest ?? '')
    .replace(/^sha256:/, '')
    .toLowerCase();
  const first = Array.isArray(release.urls) ? String(release.urls[0] ?? '') : '';
  if (!/^[0-9a-f]{64}$/.test(digest) || first === '') {
    throw new UserError(
      `${redactUrl(indexUrl)}: ${dep.name} ${dep.version} has no sha256 digest or no URL; refusing an unverified chart`,
    );
  }
  return { url: archiveUrl(first, indexUrl, dep), sha256: digest };
}

/**
 * An index entry's URL, relative ones against the repository (index.yaml's folder). Only http(s): an
 * index must not make us read a file of the runner (file://) or speak another protocol. The
 * repository's own credentials go with an archive on the repository's origin, as helm sends them;
 * fetchToFile then sends them to that origin only.
 */
function archiveUrl(first: string, indexUrl: string, dep: LockedDependency): string {
  let url: URL;
  try {
    url = new URL(first, indexUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      `${redactUrl(indexUrl)}: ${dep.name} ${dep.version} is at '${redactUrl(JSON.stringify(first).slice(1, -1))}', which is not an http(s) URL; refusing it (a chart repository's index.yaml must give http:// or https:// URLs)`,
    );
  }
  const repository = new URL(indexUrl);
  if (!url.username && !url.password && url.origin === repository.origin) {
    url.username = repository.username;
    url.password = repository.password;
  }
  return url.href;
}

/** index.yaml of a repository URL (with or without a trailing slash). */
export const indexUrlOf = (repository: string): string => `${repository.replace(/\/+$/, '')}/index.yaml`;
