import * as core from '@actions/core';

/** Measures named phases so every action can say where its time went. */
export class PhaseTimer {
  readonly phases: Array<{ name: string; ms: number }> = [];
  constructor(private readonly now: () => number = () => performance.now()) {}

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.phases.push({ name, ms: this.now() - start });
    }
  }

  describe(): string {
    return this.phases.map((p) => `${p.name} ${formatMs(p.ms)}`).join(', ');
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Writes a heading and a table to the step summary; a summary that cannot be written is not a failure. */
export async function writeSummaryTable(
  heading: string,
  header: string[],
  rows: string[][],
  notes: string[] = [],
) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    const summary = core.summary
      .addHeading(heading, 3)
      .addTable([header.map((data) => ({ data, header: true })), ...rows]);
    for (const note of notes) summary.addRaw(`\n${note}\n`, true);
    await summary.write();
  } catch (error) {
    core.debug(`step summary not written: ${String(error)}`);
  }
}

/**
 * The result where every runner shows it: aligned lines in the log (Forgejo never shows step
 * summaries), and the same table in the step summary (GitHub).
 */
export async function writeResult(
  log: { info(message: string): void },
  heading: string,
  header: string[],
  rows: string[][],
): Promise<void> {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  log.info(`${heading}:`);
  for (const row of [header, ...rows]) log.info(`  ${line(row)}`);
  await writeSummaryTable(heading, header, rows);
}
