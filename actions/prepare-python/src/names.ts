/** Output names of prepare-python, exactly as action.yml declares them. */
export enum Outputs {
  UvVersion = 'uv-version',
  UvPath = 'uv-path',
  NoxVersion = 'nox-version',
  PythonVersion = 'python-version',
  CacheKey = 'cache-key',
  CacheHit = 'cache-hit',
  CacheMatchedKey = 'cache-matched-key',
}

/** What main hands to post: inputs may not be re-evaluated the same way in the post step. */
export enum State {
  Plan = 'ci-kit-prepare-python',
}

export interface PostPlan {
  /** Save in post: caching on and the primary key was not an exact hit. */
  save: boolean;
  skipReason?: string;
  key: string;
  matchedKey: string;
  cacheRoot: string;
  uvCacheDir: string;
  uv: string;
}
