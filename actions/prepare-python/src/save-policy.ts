// When post may save: the one policy every action of ours that writes the cache uses
// (packages/cache/src/save-policy.ts: the read-only-token events of GitHub, Forgejo's own rules).
export { saveBlockedBy } from '@ci-kit/cache';

/**
 * The key a post step writes. A failed job may have stopped half way (a sync cut off, a build that
 * crashed), so it never writes the primary key that later runs would trust as an exact hit: it writes
 * `<key>-failed`, which the primary key (a prefix on Forgejo's and GitHub's cache servers) and the
 * restore keys still find, and the next green run saves the primary key.
 */
export function saveKeyFor(key: string, jobStatus: string): string {
  return jobStatus === 'failure' || jobStatus === 'cancelled' ? `${key}-failed` : key;
}
