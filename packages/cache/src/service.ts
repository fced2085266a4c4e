import { probeCacheService } from './probe';

/** The cache service as the rest of the code sees it; tests and benches can swap it. */
export interface CacheService {
  /** False when the runner offers no cache service (no ACTIONS_CACHE_URL / results URL). */
  available(): boolean;
  /** The matched key, or undefined on a miss. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  /** The entry id, or -1 when nothing was saved. */
  save(paths: string[], key: string): Promise<number>;
  /** Why the service cannot be used (it does not answer), asked once before a restore; undefined: fine. */
  probe?(): Promise<string | undefined>;
  /**
   * Starts loading what restore and save need and returns at once: a step that will talk to the
   * service calls it first, so the load overlaps the subprocesses it waits for before the restore. A
   * load that fails fails again, with its error, at the restore.
   */
  preload?(): void;
}

/**
 * The toolkit's `isFeatureAvailable`, without loading the toolkit: @actions/cache (with the Azure
 * storage client it imports) is most of a bundle's start-up, and a step that finds its tool in the tool
 * cache never talks to the cache service. Same rule as @actions/cache 6 (internal/config.js): service v2
 * (ACTIONS_CACHE_SERVICE_V2, only on github.com, *.ghe.com and *.localhost) needs ACTIONS_RESULTS_URL,
 * v1 (every Forgejo runner) ACTIONS_CACHE_URL. packages/cache/test/service.test.ts holds the two side by side.
 */
export function cacheServiceAvailable(env: NodeJS.ProcessEnv): boolean {
  let host = 'GITHUB.COM';
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase();
  } catch {
    // the toolkit would throw here; an unparsable server URL is not github.com
    host = '';
  }
  const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
  const v2 = !ghes && Boolean(env.ACTIONS_CACHE_SERVICE_V2);
  return v2 ? Boolean(env.ACTIONS_RESULTS_URL) : Boolean(env.ACTIONS_CACHE_URL);
}

const toolkit = () => import('@actions/cache');

export const toolkitCacheService: CacheService = {
  available: () => cacheServiceAvailable(process.env),
  probe: () => probeCacheService(),
  preload: () => void toolkit().catch(() => undefined),
  restore: async (paths, primaryKey, restoreKeys) =>
    (await toolkit()).restoreCache(paths, primaryKey, restoreKeys),
  save: async (paths, key) => (await toolkit()).saveCache(paths, key),
};
