// Types for scripts/status-check.mjs (plain JS so it runs with `node` alone), for the TypeScript tests.
export interface NeededJob {
  result?: string;
  outputs?: Record<string, string>;
}
export interface StatusRow {
  job: string;
  result: string;
  verdict: 'pass' | 'fail' | 'skipped';
  note: string;
}
export function parseNames(text: string | undefined): string[];
export function evaluateNeeds(
  needs: Record<string, NeededJob | undefined>,
  allowSkipped?: string[],
  allowOffline?: string[],
): { ok: boolean; rows: StatusRow[] };
export function formatTable(rows: StatusRow[]): string;
export function main(env?: NodeJS.ProcessEnv, out?: (line: string) => void): number;
