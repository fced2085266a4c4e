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
