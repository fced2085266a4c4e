// The leak scanner: looks for secret values in everything a step left behind (what it printed, its
// file commands, every file under the job's folders, a cache server's store), in the forms a value
// takes on its way out: as is, line by line, trimmed, JSON-escaped, @actions/core-escaped (%25, %0A),
// URL-encoded and base64. A runner masks values registered with ::add-mask:: in its log, so those
// command lines are the one place a value may appear; everything else counts.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ActionResult } from './runner';

export interface Leak {
  /** Where it was found: `stdout`, `outputs.path`, a file path. */
  where: string;
  /** The form that matched: raw, line, json, core-escaped, url-encoded, base64. */
  form: string;
  /** The first characters of the needle, for the report (never the whole secret). */
  needle: string;
}

interface Needle {
  form: string;
  text: string;
}

/** Lines shorter than this are not searched on their own: `-----END KEY-----` is not a secret. */
const MIN_LINE = 8;

/**
 * Every form a value (and each of its lines) could be found in. Fixed boilerplate lines (PEM armour)
 * can be excluded with `ignoreLines`.
 */
export function needlesFor(secrets: string[], ignoreLines: string[] = []): Needle[] {
  const out = new Map<string, Needle>();
  const add = (form: string, text: string): void => {
    if (text.trim().length < MIN_LINE || ignoreLines.includes(text.trim())) return;
    if (!out.has(text)) out.set(text, { form, text });
  };
  for (const secret of secrets) {
    add('raw', secret);
    add('json', JSON.stringify(secret).slice(1, -1));
    add('core-escaped', secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
    add('url-encoded', encodeURIComponent(secret));
    add('base64', Buffer.from(secret).toString('base64').replace(/=+$/, ''));
    for (const line of secret.split(/\r\n|\r|\n/)) {
      add('line', line);
      add('line', line.trim());
    }
  }
  return [...out.values()];
}

export function scanText(where: string, text: string, needles: Needle[]): Leak[] {
  const leaks: Leak[] = [];
  for (const needle of needles) {
    if (text.includes(needle.text))
      leaks.push({ where, form: needle.form, needle: needle.text.slice(0, 12) });
  }
  return leaks;
}

/** stdout without the ::add-mask:: lines (the runner consumes those and prints `***`). */
export function printedLines(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** What the step printed and told the runner through file commands. */
export function scanResult(result: ActionResult, needles: Needle[], label = 'step'): Leak[] {
  const parts: Array<[string, string]> = [
    ['stdout', printedLines(result.stdout)],
    ['stderr', result.stderr],
    ['summary', result.summary],
    ['path', result.path.join('\n')],
  ];
  for (const [kind, values] of [
    ['outputs', result.outputs],
    ['env', result.env],
    ['state', result.state],
  ] as const) {
    for (const [name, value] of Object.entries(values)) parts.push([`${kind}.${name}`, `${name}\n${value}`]);
  }
  return parts.flatMap(([where, text]) => scanText(`${label}: ${where}`, text, needles));
}

/**
 * Every file (and every file and folder name) under `dir`. Files larger than `maxBytes` are read up to
 * that size: the big ones are tool binaries and archives, whose bytes we wrote ourselves.
 */
export async function scanTree(dir: string, needles: Needle[], maxBytes = 4 * 1024 * 1024): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      leaks.push(...scanText(`name ${full}`, entry.name, needles));
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const info = await stat(full);
        const buffer = await readFile(full);
        const text = buffer.subarray(0, Math.min(info.size, maxBytes)).toString('latin1');
        // latin1 keeps every byte; needles are compared in their UTF-8 bytes read the same way.
        leaks.push(
          ...scanText(
            full,
            text,
            needles.map((n) => ({ ...n, text: Buffer.from(n.text).toString('latin1') })),
          ),
        );
      }
    }
  };
  await walk(dir);
  return leaks;
}
