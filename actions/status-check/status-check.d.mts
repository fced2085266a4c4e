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
  /** A matrix job that passed: how many legs passed or were skipped. */
  legs?: string;
}
/** One leg (one task) of a needed job, from the server's task list. */
export interface Leg {
  id: number;
  name: string;
  status: string;
}
/** A task as Forgejo's GET /repos/{owner}/{repo}/actions/tasks lists it (the fields read here). */
export interface ServerTask {
  id?: number;
  name?: string;
  status?: string;
  run_number?: number;
  created_at?: string;
}
export interface LegLookup {
  legs?: Record<string, Leg[]>;
  note: string;
  /** Every leg's telemetry record, from the run's artifacts (telemetry.mjs readLegTelemetry). */
  telemetry?: { records: Array<{ v: 1; job: string; task: number; steps: unknown[] }>; note: string };
}
/** The workflow-command pattern, the same as packages/runner's WORKFLOW_COMMAND. */
export const WORKFLOW_COMMAND: RegExp;
export function mayHoldWorkflowCommand(text: string): boolean;
export function parseNames(text: string | undefined): string[];
export function aggregateLegs(statuses: string[]): string;
export function legsByJob(tasks: ServerTask[], runNumber: number, jobs: string[]): Record<string, Leg[]>;
export function evaluateNeeds(
  needs: Record<string, NeededJob | undefined>,
  allowSkipped?: string[],
  allowOffline?: string[],
  legs?: Record<string, Leg[]>,
): { ok: boolean; rows: StatusRow[] };
export function formatTable(rows: StatusRow[]): string;
export function formatLegs(legs: Record<string, Leg[]> | undefined): string;
export function lookUpLegs(
  env: NodeJS.ProcessEnv,
  jobs: string[],
  fetchImpl?: typeof fetch,
  limit?: number,
): Promise<LegLookup>;
export function main(env?: NodeJS.ProcessEnv, out?: (line: string) => void, lookup?: LegLookup): number;
export function run(
  env?: NodeJS.ProcessEnv,
  out?: (line: string) => void,
  fetchImpl?: typeof fetch,
): Promise<number>;
