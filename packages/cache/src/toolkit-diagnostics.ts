/**
 * @actions/cache swallows service errors itself and reports them as `::warning::` or, for 5xx,
 * as `::error::` annotations (cache.js, "Log server errors (5xx) as errors"), so the caller can
 * neither tell a miss from an outage nor keep the annotation a warning. While a cache call runs,
 * we take those two workflow commands off stdout and hand the messages to our own report.
 */
export async function captureToolkitDiagnostics<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; problems: string[]; archiveBytes: number; reserveRefused?: string }> {
  const problems: string[] = [];
  // A refused reserve is an info line (`Failed to save: Unable to reserve cache with key ..., another
  // job may be creating this cache. More details: <the server's message>`), whatever the status was:
  // 403, 404, 413 and 409 alike. Kept, so the caller tells "already exists" from the rest.
  let reserveRefused: string | undefined;
  // The toolkit says how big the archive it restored (`Cache Size: ~3 MB (3145728 B)`) or saved (a
  // debug line, `File Size: 3145728`) is: the one place that number exists, kept for the step's
  // telemetry. The lines are still printed.
  let archiveBytes = 0;
  const original = process.stdout.write.bind(process.stdout);
  const intercept = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    if (text !== undefined) {
      const kept: string[] = [];
      for (const line of text.split(/(?<=\n)/)) {
        const match = /^::(?:error|warning)(?: [^:]*)?::(.*)$/s.exec(line);
        const refusal = /^Failed to save: Unable to reserve cache with key .*? More details: (.*)$/s.exec(
          line,
        );
        if (match) problems.push(unescapeCommandData((match[1] ?? '').trim()));
        else if (refusal) reserveRefused = (refusal[1] ?? '').trim();
        // Printed by the toolkit once its tar returned; ours (guarded-restore.ts) only kept the archive.
        else if (!/^Cache restored successfully\s*$/.test(line)) kept.push(line);
        const size = /^(?:Cache Size: ~\d+ MB \((\d+) B\)|::debug::File Size: (\d+))/.exec(line);
        if (size) archiveBytes = Number(size[1] ?? size[2]);
      }
      if (kept.length === 0) return true;
      return (original as (...args: unknown[]) => boolean)(kept.join(''), ...rest);
    }
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  process.stdout.write = intercept as typeof process.stdout.write;
  try {
    const value = await fn();
    return { value, problems, archiveBytes, ...(reserveRefused !== undefined ? { reserveRefused } : {}) };
  } finally {
    process.stdout.write = original;
  }
}

/** Reverses @actions/core's escapeData (%25, %0D, %0A). */
function unescapeCommandData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
