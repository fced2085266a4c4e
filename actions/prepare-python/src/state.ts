import type { PruneMode } from './inputs';

/**
 * What main hands to post. Post must not recompute any of it: the workspace may have changed (a
 * later step edits uv.lock), and only main knows what it restored and whether the service answered.
 */
export enum State {
  Plan = 'ci-kit-prepare-python',
}

export interface PostPlan {
  /** Save in post (caching on, save-cache allows it, the primary key was not an exact hit). */
  save: boolean;
  /** Why post does not save, for the log and the summary. */
  skipReason?: string;
  key: string;
  matchedKey: string;
  /** Our staging folder for this step (one per step: two prepare-python steps never share it). */
  stagingRoot: string;
  /** The folder uv used as its cache: what post saves. */
  uvCacheDir: string;
  uv: string;
  prune: PruneMode;
  /**
   * prune: unused after a fallback restore: the file (in stagingRoot, never saved) listing the wheel
   * entries the fallback brought in and the lock's pins (prune-unused.ts).
   */
  inventoryFile?: string;
  /** cache-bytecode: true: the interpreter that compiles the cached packages before the save. */
  python?: string;
}

export function encodePlan(plan: PostPlan): string {
  return JSON.stringify(plan);
}

/** The plan main saved, or undefined when main stopped before the cache was set up. */
export function decodePlan(raw: string): PostPlan | undefined {
  if (!raw) return undefined;
  return JSON.parse(raw) as PostPlan;
}
