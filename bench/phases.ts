// Reads the time per phase that the actions report themselves: their step summaries (HTML tables
// written by @actions/core) and their log lines. The bench times whole steps; the actions know what
// happened inside them.

/** `123 ms` or `1.2 s` (packages/runner formatMs) to milliseconds. */
export function parseDuration(text: string): number {
  const match = /(\d+(?:\.\d+)?)\s*(ms|s)\b/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 's' ? value * 1000 : value;
}

/** Rows of every `<table>` in a step summary, as cell texts (header rows included). */
export function summaryRows(summary: string): string[][] {
  const rows: string[][] = [];
  for (const row of summary.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const cells = [...(row[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      decode(cell[1] ?? ''),
    );
    rows.push(cells);
  }
  return rows;
}

/** The row whose first cell is `first`. */
export function summaryRow(summary: string, first: string): string[] | undefined {
  return summaryRows(summary).find((cells) => cells[0] === first);
}

/** `tool cache 1 ms, download 1.2 s, extract 300 ms` → { 'tool cache': 1, download: 1200, ... }. */
export function parsePhaseList(text: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const part of text.split(/,\s*/)) {
    const match = /^([a-z][a-z ()]*?)\s+(\d+(?:\.\d+)?\s*(?:ms|s))$/.exec(part.trim());
    if (match) phases[match[1] as string] = parseDuration(match[2] as string);
  }
  return phases;
}

/**
 * setup-prewarmed-runner's log line per installed tool:
 * `helm 3.16.4 from download on PATH at /x (sha256 ab… (toolchain), tool cache 0 ms, download 1.2 s, …)`.
 */
export function installLines(
  stdout: string,
): Record<string, { source: string; phases: Record<string, number> }> {
  const found: Record<string, { source: string; phases: Record<string, number> }> = {};
  for (const match of stdout.matchAll(
    /^(uv|nox|helm|kubeconform) \S+ from (\S+) on PATH at \S+ \((.*)\)$/gm,
  )) {
    found[match[1] as string] = { source: match[2] as string, phases: parsePhaseList(match[3] as string) };
  }
  return found;
}

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * A step's own phases from its `telemetry` output (the job's steps so far, this one last), or
 * undefined when there is none or it does not parse.
 */
export function ownTelemetry(telemetry: string | undefined): Record<string, number> | undefined {
  if (!telemetry) return undefined;
  try {
    const steps = (JSON.parse(telemetry) as { steps?: { ms?: Record<string, number> }[] }).steps ?? [];
    return steps.at(-1)?.ms;
  } catch {
    return undefined;
  }
}
