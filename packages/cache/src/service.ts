import * as cache from '@actions/cache';
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
}

export const toolkitCacheService: CacheService = {
  available: () => cache.isFeatureAvailable(),
  probe: () => probeCacheService(),
  restore: (paths, primaryKey, restoreKeys) => cache.restoreCache(paths, primaryKey, restoreKeys),
  save: (paths, key) => cache.saveCache(paths, key),
};
