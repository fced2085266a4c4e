/** How `uv sync` (or `uv pip install`) got the packages it installed, read from its own summary lines. */
export interface SyncReport {
  /** Packages put into the environment. */
  installed: number;
  /** Of those, the ones uv had to download or build (not in the uv cache). */
  fetched: number;
  /** installed - fetched: served by the uv cache with no request to the index. */
  fromCache: number;
}

/**
 * uv prints `Prepared N packages in …` for what it downloaded or built and `Installed M packages in …`
 * for what it linked into the environment (`Audited N packages` when nothing was missing). Both lines
 * go to stderr; a quiet run prints neither, and then there is nothing to report.
 */
export function parseSyncReport(output: string): SyncReport | undefined {
  const count = (verb: string): number | undefined => {
    const match = new RegExp(`^\\s*${verb} (\\d+) packages?\\b`, 'm').exec(output);
    return match ? Number(match[1]) : undefined;
  };
  const installed = count('Installed');
  const prepared = count('Prepared') ?? 0;
  if (installed === undefined) {
    return count('Audited') === undefined ? undefined : { installed: 0, fetched: 0, fromCache: 0 };
  }
  const fetched = Math.min(prepared, installed);
  return { installed, fetched, fromCache: installed - fetched };
}

/** The log line: where the packages came from, in words a user checks "did the cache work" with. */
export function describeSyncReport(report: SyncReport): string {
  if (report.installed === 0) return 'the environment already had every locked package: nothing installed';
  const plural = (n: number) => `${n} package${n === 1 ? '' : 's'}`;
  if (report.fetched === 0)
    return `${plural(report.installed)} installed, all from the uv cache (nothing downloaded)`;
  return `${plural(report.installed)} installed: ${report.fromCache} from the uv cache, ${report.fetched} downloaded or built`;
}
