// docs/troubleshooting.md is keyed by the exact messages the actions print. This test reads the messages
// out of the code (errors, failures and warnings in actions/*, packages/*, bootstrap.sh and the
// status-check script) and checks that each has an entry, and that each entry still matches something
// the code prints: a reworded message without a reworded entry fails here, not in a user's search.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(import.meta.dirname, '../..');

export interface SourceMessage {
  where: string;
  /** The literal text, with every interpolation replaced by \u0000. */
  text: string;
  /** The literal starts with a space: the tail of a message whose head is another literal. */
  continuation?: boolean;
}

const HOLE = '\u0000';

function filesUnder(dir: string, pattern: RegExp): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file) && !file.includes('node_modules'))
    .sort()
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')));
}

/** Reads the string literal starting at `start` (', " or `); returns its text with holes for ${...}, and the end. */
function readLiteral(code: string, start: number): { text: string; end: number } {
  const quote = code[start] as string;
  let text = '';
  let i = start + 1;
  while (i < code.length) {
    const ch = code[i] as string;
    if (ch === '\\') {
      const next = code[i + 1] as string;
      text += next === 'n' ? '\n' : next;
      i += 2;
      continue;
    }
    if (ch === quote) return { text, end: i + 1 };
    if (quote === '`' && ch === '$' && code[i + 1] === '{') {
      // Skip the interpolation, nested template literals and braces included.
      let depth = 1;
      i += 2;
      while (i < code.length && depth > 0) {
        const c = code[i] as string;
        if (c === '`' || c === "'" || c === '"') {
          i = readLiteral(code, i).end;
          continue;
        }
        if (c === '{') depth++;
        if (c === '}') depth--;
        i++;
      }
      text += HOLE;
      continue;
    }
    text += ch;
    i++;
  }
  throw new Error(`unterminated string literal at ${start}`);
}

/** The text of the call's argument list starting after `(` at `open`, up to the matching `)`. */
function argumentSpan(code: string, open: number): [number, number] {
  let depth = 1;
  let i = open;
  while (i < code.length && depth > 0) {
    const c = code[i] as string;
    if (c === '`' || c === "'" || c === '"') {
      i = readLiteral(code, i).end;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    i++;
  }
  return [open, i - 1];
}

/**
 * Messages of one TypeScript or JavaScript file: every string literal (runs joined by `+` count as one)
 * inside the arguments of `new UserError(`, `new Error(`, `super(` in an error class, `.warning(`, and
 * workflow commands written by hand (`::error::`, `::warning::`).
 */
export function messagesOfScript(code: string, where: string): SourceMessage[] {
  const messages: SourceMessage[] = [];
  const calls = /\bnew (?:UserError|Error)\(|\bsuper\(|\.warning\(|\bout\(/g;
  for (const match of code.matchAll(calls)) {
    const [from, to] = argumentSpan(code, (match.index as number) + match[0].length);
    let i = from;
    let current: string | undefined;
    const flush = () => {
      if (current !== undefined) {
        const text = current.replace(/^::(error|warning)::/, '');
        messages.push({ where, text: text.trim(), ...(/^\s/.test(text) ? { continuation: true } : {}) });
      }
      current = undefined;
    };
    while (i < to) {
      const c = code[i] as string;
      if (c === '`' || c === "'" || c === '"') {
        const literal = readLiteral(code, i);
        current = (current ?? '') + literal.text;
        i = literal.end;
        const rest = /^\s*\+\s*/.exec(code.slice(i, to));
        if (rest && /^['"`]/.test(code.slice(i + rest[0].length, to))) i += rest[0].length;
        else flush();
        continue;
      }
      i++;
    }
    flush();
  }
  return messages.filter((message) => isMessage(message.text));
}

/** `fail "..."` and `fail '...'` in a POSIX sh script; $VAR, ${VAR} and $(...) are holes. */
export function messagesOfShell(code: string, where: string): SourceMessage[] {
  const messages: SourceMessage[] = [];
  for (const match of code.matchAll(/\bfail (["'])/g)) {
    let i = (match.index as number) + match[0].length;
    let text = '';
    if (match[1] === "'") {
      const end = code.indexOf("'", i);
      text = code.slice(i, end);
    } else {
      while (i < code.length && code[i] !== '"') {
        const rest = code.slice(i);
        const variable = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|\d)/.exec(rest);
        if (rest.startsWith('$(')) {
          // A command substitution, which may hold quotes and parentheses of its own.
          let depth = 0;
          i++;
          do {
            if (code[i] === '(') depth++;
            if (code[i] === ')') depth--;
            i++;
          } while (i < code.length && depth > 0);
          text += HOLE;
        } else if (variable) {
          text += HOLE;
          i += variable[0].length;
        } else {
          text += code[i] === '\\' ? code[++i] : code[i];
          i++;
        }
      }
    }
    messages.push({ where, text });
  }
  return messages.filter((message) => isMessage(message.text));
}

/** Text a person reads: some words, not a hole with punctuation around it. */
function isMessage(text: string): boolean {
  return (text.replace(new RegExp(HOLE, 'g'), '').match(/[A-Za-z]/g) ?? []).length >= 10;
}

function collectMessages(): SourceMessage[] {
  const scripts = [
    ...filesUnder('actions', /^[^/]+\/src\/.*\.ts$/),
    ...filesUnder('actions', /^[^/]+\/[^/]+\.mjs$/),
    ...filesUnder('packages', /^[^/]+\/src\/.*\.ts$/),
  ];
  const shells = filesUnder('actions', /^[^/]+\/[^/]+\.sh$/);
  return [
    ...scripts.flatMap((file) => messagesOfScript(readFileSync(path.join(root, file), 'utf8'), file)),
    ...shells.flatMap((file) => messagesOfShell(readFileSync(path.join(root, file), 'utf8'), file)),
  ];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entry headings: `### \`message\`` (or with double backticks) where <...> and … stand for the parts that vary. */
function entryKeys(markdown: string): string[] {
  return [...markdown.matchAll(/^#{2,4} (`+)(.+?)\1\s*$/gm)].map((match) => (match[2] as string).trim());
}

const PLACEHOLDER = /<[^<>]+>|…/g;

function keyMatches(key: string, message: SourceMessage): boolean {
  const keyPattern = new RegExp(`^${key.split(PLACEHOLDER).map(escape).join('[\\s\\S]*')}$`);
  const sample = message.text.replace(new RegExp(HOLE, 'g'), 'X');
  if (keyPattern.test(sample)) return true;
  // A continuation is checked as the end of an entry's message, not as a message of its own.
  const start = message.continuation ? '' : '^';
  const messagePattern = new RegExp(`${start}${message.text.split(HOLE).map(escape).join('[\\s\\S]*')}$`);
  return messagePattern.test(key);
}

describe('docs/troubleshooting.md', () => {
  const markdown = readFileSync(path.join(root, 'docs', 'troubleshooting.md'), 'utf8');
  const keys = entryKeys(markdown);
  const messages = collectMessages();
  const sources = [
    ...filesUnder('actions', /\.(ts|mjs|sh)$/),
    ...filesUnder('packages', /^[^/]+\/src\/.*\.ts$/),
  ]
    .map((file) => readFileSync(path.join(root, file), 'utf8'))
    .join('\n');

  it('reads messages out of the code', () => {
    expect(messages.length).toBeGreaterThan(40);
    expect(keys.length).toBeGreaterThan(30);
  });

  it('has an entry for every message the actions print', () => {
    const missing = messages
      .filter((message) => !keys.some((key) => keyMatches(key, message)))
      .map((message) => `${message.where}: ${message.text.replace(new RegExp(HOLE, 'g'), '<…>')}`);
    expect(missing).toEqual([]);
  });

  it('has no entry for a message the code no longer prints', () => {
    // An entry is live when it matches a message read out of the code, or (for messages built in
    // pieces, which the extraction cannot see whole) when its fixed text still occurs in the code:
    // a whole fragment, or any 16 characters of one.
    const live = (key: string): boolean => {
      if (messages.some((message) => keyMatches(key, message))) return true;
      const fragments = key
        .split(PLACEHOLDER)
        .map((part) => part.trim())
        .filter((part) => part.length >= 8);
      return fragments.some((fragment) => {
        if (sources.includes(fragment)) return true;
        for (let i = 0; i + 16 <= fragment.length; i++)
          if (sources.includes(fragment.slice(i, i + 16))) return true;
        return false;
      });
    };
    expect(keys.filter((key) => !live(key))).toEqual([]);
  });

  it('extracts messages the way they print', () => {
    const code = [
      "throw new UserError(`The value '${value}' is not valid for '${name}'. Valid values are: ${allowed.join(\", \")}`);",
      'log.warning(`${what}: attempt ${n}/${m} failed: ${reason}; retrying in ${(wait / 1000).toFixed(1)} s${advice}`);',
      'throw new UserError(request ? `python-version: uv could not find Python ${request}` : "no Python interpreter found; set it");',
      "super(`Missing secrets: ${names}. This run is a pull request from a fork, ` + 'and secrets are not given');",
      "out('::error::status-check: NEEDS_JSON is not set or not JSON');",
    ].join('\n');
    expect(messagesOfScript(code, 'x').map((m) => m.text.split(HOLE).join('<>'))).toEqual([
      "The value '<>' is not valid for '<>'. Valid values are: <>",
      '<>: attempt <>/<> failed: <>; retrying in <> s<>',
      'python-version: uv could not find Python <>',
      'no Python interpreter found; set it',
      'Missing secrets: <>. This run is a pull request from a fork, and secrets are not given',
      'status-check: NEEDS_JSON is not set or not JSON',
    ]);
    const shell = [
      'fail "could not download $file from $url (set CI_KIT_NODE_MIRROR)"',
      "fail 'node is missing on a musl system'",
      "fail \"The value '$tool' is not valid for 'tools'. Valid values are: $(echo \"$A\" | sed 's/ /, /g')\"",
    ].join('\n');
    expect(messagesOfShell(shell, 'x').map((m) => m.text.split(HOLE).join('<>'))).toEqual([
      'could not download <> from <> (set CI_KIT_NODE_MIRROR)',
      'node is missing on a musl system',
      "The value '<>' is not valid for 'tools'. Valid values are: <>",
    ]);
  });
});

if (process.env.CI_KIT_LIST_MESSAGES) {
  for (const message of collectMessages())
    console.log(`${message.where}\t${message.text.replace(new RegExp(HOLE, 'g'), '<…>')}`);
}
