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
