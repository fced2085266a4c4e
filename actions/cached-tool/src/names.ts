/** Input names of cached-tool, exactly as action.yml declares them. */
export enum Inputs {
  ArchiveFormat = 'archive-format',
  ArchivePath = 'archive-path',
  Binary = 'binary',
  Cache = 'cache',
  DownloadUrl = 'download-url',
  Retries = 'retries',
  SaveCache = 'save-cache',
  Sha256 = 'sha256',
  Tool = 'tool',
  Url = 'url',
  Verify = 'verify',
  Version = 'version',
}

/** Output names of cached-tool, exactly as action.yml declares them. */
export enum Outputs {
  Path = 'path',
  Version = 'version',
  Sha256 = 'sha256',
  Source = 'source',
  /** Set by runEntry for every action (packages/runner/src/telemetry.ts). */
  Telemetry = 'telemetry',
}
