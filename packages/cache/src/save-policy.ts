/**
 * When an action of ours writes the runner's cache service (`save-cache` on prepare-python, cached-tool
 * and helm-deps): one policy, so no action is the weak link.
 *
 * An entry a run saves is restored by every later run of the repository that asks for its key. A run
 * that may execute code from someone who cannot push to the repository must therefore not write what
 * trusted runs read:
 *
 * - GitHub gives `pull_request_target`, `issue_comment` and `workflow_run` runs a read-only cache token
 *   (since June 2026): their saves fail there anyway.
 * - Forgejo (read in v13.0.5's server and forgejo-runner v11's source, internal/app/run/runner.go
 *   getWriteIsolationKey) isolates the cache writes of `pull_request` runs only (to that pull request,
 *   until it is merged); every other event writes the repository's shared cache. Of those,
 *   `pull_request_target` runs the base branch's workflow, usually on the pull request's head;
 *   `issue_comment` and `pull_request_comment` run the default branch's workflow for any commenter
 *   ("/test" workflows check out the pull request); `pull_request_review` and
 *   `pull_request_review_comment` run the workflow of the reviewed commit, a fork's head included
 *   (services/actions/notifier.go: WithRef(review.CommitID), with no pull request attached, so neither
 *   approval nor write isolation applies). Forgejo v13 has no `workflow_run`; it is here for GitHub.
 * - A tag push is a release: its entries are scoped to the tag, which no later run reads.
 */
export const SAVE_MODES = ['auto', 'always', 'never'] as const;
export type SaveMode = (typeof SAVE_MODES)[number];

/** Events whose runs may run untrusted code while their cache writes reach trusted runs (see above). */
export const UNTRUSTED_CACHE_WRITERS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'pull_request_comment',
  'pull_request_review',
  'pull_request_review_comment',
];

/** Why a step must not save under `save-cache`, or undefined when it may. */
export function saveBlockedBy(mode: SaveMode, eventName: string, ref: string): string | undefined {
  if (mode === 'never') return 'save-cache: never';
  if (mode === 'always') return undefined;
  if (UNTRUSTED_CACHE_WRITERS.includes(eventName))
    return `save-cache: auto does not save on ${eventName} (it may run untrusted code with write access to the cache; set save-cache: always to override)`;
  if (ref.startsWith('refs/tags/')) return 'save-cache: auto does not save on tag pushes';
  return undefined;
}
