/** Input names of helm-deps, exactly as action.yml declares them. */
export enum Inputs {
  Chart = 'chart',
  Retries = 'retries',
  Cache = 'cache',
  SaveCache = 'save-cache',
}

/** Output names of helm-deps, exactly as action.yml declares them. */
export enum Outputs {
  CacheHit = 'cache-hit',
  Downloaded = 'downloaded',
  /** Set by runEntry for every action (packages/runner/src/telemetry.ts). */
  Telemetry = 'telemetry',
}
