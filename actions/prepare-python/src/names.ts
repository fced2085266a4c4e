/** Input names of prepare-python, exactly as action.yml declares them. */
export enum Inputs {
  ActivateEnvironment = 'activate-environment',
  Cache = 'cache',
  CacheBytecode = 'cache-bytecode',
  CacheDependencyGlob = 'cache-dependency-glob',
  CacheSuffix = 'cache-suffix',
  Install = 'install',
  JobStatus = 'job-status',
  Locked = 'locked',
  NoxVersion = 'nox-version',
  PruneCache = 'prune-cache',
  PythonVersion = 'python-version',
  PythonVersionFile = 'python-version-file',
  Retries = 'retries',
  SaveCache = 'save-cache',
  SyncArgs = 'sync-args',
  UvDownloadUrl = 'uv-download-url',
  UvSha256 = 'uv-sha256',
  UvVersion = 'uv-version',
  WorkingDirectory = 'working-directory',
}

/** Output names of prepare-python, exactly as action.yml declares them. */
export enum Outputs {
  UvVersion = 'uv-version',
  UvPath = 'uv-path',
  NoxVersion = 'nox-version',
  PythonVersion = 'python-version',
  CacheKey = 'cache-key',
  CacheHit = 'cache-hit',
  CacheMatchedKey = 'cache-matched-key',
  PackagesFromCache = 'packages-from-cache',
  PackagesDownloaded = 'packages-downloaded',
  /** Set by runEntry for every action (packages/runner/src/telemetry.ts). */
  Telemetry = 'telemetry',
}
