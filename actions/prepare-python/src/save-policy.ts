import type { SaveMode } from './inputs';

/**
 * Events whose runs have write access to the cache and usually run code from elsewhere: a
 * `pull_request_target` job checks out the fork's head, `workflow_run` follows an untrusted run, and a
 * tag push is a release whose cache nobody else reads (GitHub and Forgejo scope entries by ref).
 * Forgejo already isolates `pull_request` writes per pull request, so those save as usual.
 */
const UNTRUSTED_WRITERS = new Set(['pull_request_target', 'workflow_run']);

/** Why post must not save under `save-cache`, or undefined when it may. */
export function saveBlockedBy(mode: SaveMode, eventName: string, ref: string): string | undefined {
  if (mode === 'never') return 'save-cache: never';
  if (mode === 'always') return undefined;
  if (UNTRUSTED_WRITERS.has(eventName))
    return `save-cache: auto does not save on ${eventName} (it may run untrusted code with write access; set save-cache: always to override)`;
  if (ref.startsWith('refs/tags/')) return 'save-cache: auto does not save on tag pushes';
  return undefined;
}

/**
 * The key a post step writes. A failed job may have stopped half way (a sync cut off, a build that
 * crashed), so it never writes the primary key that later runs would trust as an exact hit: it writes
 * `<key>-failed`, which the primary key (a prefix on Forgejo's and GitHub's cache servers) and the
 * restore keys still find, and the next green run saves the primary key.
 */
export function saveKeyFor(key: string, jobStatus: string): string {
  return jobStatus === 'failure' || jobStatus === 'cancelled' ? `${key}-failed` : key;
}
