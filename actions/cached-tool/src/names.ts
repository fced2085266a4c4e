/** Output names of cached-tool, exactly as action.yml declares them. */
export enum Outputs {
  Path = 'path',
  Version = 'version',
  Sha256 = 'sha256',
  Source = 'source',
}
