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
