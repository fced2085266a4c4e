/**
 * Attempts in all for one download, the default of every action that downloads release files
 * (cached-tool's and helm-deps' `retries`, setup-prewarmed-runner's installs; action.yml files cannot
 * import it, so test/unit/retry-defaults.test.ts holds them to it).
 *
 * Why 6: the bench's nightly fault run (docs/performance-nightly.md) disturbs every request with
 * probability 0.3, and 3 of its 4 fault kinds fail the request, so 22.5 % of attempts fail. With 4
 * attempts a file is lost with probability 0.225^4 = 0.26 %, about 0.8 % for a job of three tools: a
 * success rate that cannot be shown to reach 99 %. With 6 it is 0.013 % per file. The cost falls only
 * on failing downloads: the backoff before giving up grows from at most 7 s to at most 31 s (half
 * that on average: the delays are full jitter).
 */
export const DOWNLOAD_ATTEMPTS = 6;
