// Types for telemetry.mjs (plain JS, run by node alone), for the TypeScript tests.
export interface TelemetryStepRow {
  action: string;
  outcome: 'success' | 'failure';
  /** user-error or infrastructure, on a failed step. */
  error?: 'user-error' | 'infrastructure';
  ms: number;
  retries: Array<{ host: string; reason: string; delayMs: number }>;
  bytes: number;
  hits: number;
  misses: number;
  cacheBytes: number;
  warnings: number;
}
export interface TelemetryAggregate {
  v: 1;
  jobs: Array<{ job: string; steps: TelemetryStepRow[] }>;
  hosts: Array<{ host: string; retries: number; jobs: string[]; reasons: Record<string, number> }>;
  problems: string[];
}
export function parseJobTelemetry(text: string | undefined): { steps: TelemetryStepRow[]; problem?: string };
/** One leg's record, as a step of ours kept it in the run's artifacts (packages/runner/src/leg-telemetry.ts). */
export interface LegTelemetryRecord {
  v: 1;
  job: string;
  task: number;
  steps: unknown[];
}
export function aggregateTelemetry(
  needs: Record<string, { result?: string; outputs?: Record<string, string> } | undefined>,
  legData?: {
    records: LegTelemetryRecord[];
    legs?: Record<string, Array<{ id: number; name: string; status: string }>>;
  },
): TelemetryAggregate;
export function readLegTelemetry(
  env: NodeJS.ProcessEnv,
  fetchImpl?: typeof fetch,
): Promise<{ records: LegTelemetryRecord[]; note: string }>;
export function formatTelemetryTable(aggregate: TelemetryAggregate): string;
export function telemetryVerdict(aggregate: TelemetryAggregate): string;
