import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { UserError } from '@ci-kit/runner';

/**
 * YAML with every scalar a string (the failsafe schema): versions such as `1.0` stay `1.0`, where the
 * core schema would read the number 1. Chart.yaml, Chart.lock and index.yaml are compared as text.
 */
export const parseYaml = (text: string): unknown => load(text, { schema: FAILSAFE_SCHEMA });

/** One locked dependency of a chart (Chart.lock's `dependencies`). */
export interface LockedDependency {
  name: string;
  version: string;
  repository: string;
}

/**
 * The dependencies Chart.lock pins. Its `digest` is helm's hash of the chart's dependency list (helm
 * checks it itself), not of the archives: those are verified against the repository's index.yaml.
 */
export function parseChartLock(text: string, file: string): LockedDependency[] {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new UserError(
      `${file} is not YAML: ${(error as Error).message}; run helm dependency update and commit it`,
    );
  }
  const dependencies = (value as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(dependencies)) {
    throw new UserError(`${file} has no dependencies list; run helm dependency update and commit Chart.lock`);
  }
  return dependencies.map((entry, i) => {
    const { name, version, repository } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof version !== 'string' || typeof repository !== 'string') {
      throw new UserError(`${file}: dependency ${i + 1} lacks a name, version or repository`);
    }
    // Both become the archive's file name in charts/ (archiveName): a name, never a path.
    if (!CHART_NAME.test(name) || name === '.' || name === '..') {
      throw new UserError(
        `${file}: dependency ${i + 1} has name '${printable(name)}', which is not a chart name (letters, digits, '.', '_' and '-', as helm names charts); run helm dependency update and commit Chart.lock`,
      );
    }
    if (!CHART_VERSION.test(version)) {
      throw new UserError(
        `${file}: dependency ${i + 1} has version '${printable(version)}', which is not a chart version (SemVer such as 1.2.3 or 1.2.3-rc.1+build); run helm dependency update and commit Chart.lock`,
      );
    }
    return { name, version, repository };
  });
}

/** What helm allows in a chart's name (pkg/chartutil): never a '/' or a '\\'. */
const CHART_NAME = /^[A-Za-z0-9._-]+$/;
/** SemVer 2 as helm reads it (Masterminds/semver: a leading v, and minor and patch optional). */
const CHART_VERSION = /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A value from a file as one printable log word: control characters escaped, never a new line. */
const printable = (value: string): string => JSON.stringify(value).slice(1, -1);

/** The archive helm expects in charts/ for a dependency (name and version checked by parseChartLock). */
export const archiveName = (dep: LockedDependency): string => `${dep.name}-${dep.version}.tgz`;

/** Repositories we fetch from ourselves (with retries and digests); the rest go through helm. */
export const isHttpRepository = (dep: LockedDependency): boolean => /^https?:\/\//i.test(dep.repository);
