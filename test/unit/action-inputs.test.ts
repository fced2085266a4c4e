// Every input an action's code reads is declared in its action.yml, and every declared input is
// read (codeql-action's "undeclared-action-input" check). A typo in either place would otherwise
// surface only on a user's runner, as an input silently stuck at ''.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const actions = readdirSync(path.join(root, 'actions')).filter((name) =>
  existsSync(path.join(root, 'actions', name, 'action.yml')),
);

function sources(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

/**
 * Input names read through our InputReader port: read('x'), fooInput(read, 'x'), and the same
 * with a member of the action's `enum Inputs { Name = 'x' }` in place of the literal.
 */
function inputsRead(code: string): Set<string> {
  const members = new Map<string, string>();
  const inputsEnum = /enum Inputs \{([^}]*)\}/.exec(code)?.[1] ?? '';
  for (const [, member, name] of inputsEnum.matchAll(/(\w+) = '([a-z0-9-]+)'/g))
    members.set(member as string, name as string);
  const names = new Set<string>();
  const literal = /\bread\('([a-z0-9-]+)'\)|Input\(read, '([a-z0-9-]+)'/g;
  const viaEnum = /\bread\(Inputs\.(\w+)\)|Input\(read, Inputs\.(\w+)/g;
  for (const match of code.matchAll(literal)) names.add((match[1] ?? match[2]) as string);
  for (const match of code.matchAll(viaEnum))
    names.add(members.get((match[1] ?? match[2]) as string) ?? `unknown Inputs.${match[1] ?? match[2]}`);
  return names;
}

describe.each(actions)('%s/action.yml', (action) => {
  const manifest = parse(readFileSync(path.join(root, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { description?: string; default?: unknown }>;
    outputs?: Record<string, { description?: string }>;
    runs: { using: string; main?: string; post?: string };
    branding?: unknown;
  };
  const declared = new Set(Object.keys(manifest.inputs ?? {}));

  it('declares exactly the inputs its code reads', () => {
    const read = inputsRead(sources(path.join(root, 'actions', action, 'src')));
    if (manifest.runs.using === 'composite') return; // inputs reach the node step through env:, checked below
    expect([...read].sort()).toEqual([...declared].sort());
  });

  it('describes every input and output, quotes defaults and has branding', () => {
    for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
      expect([name, typeof input.description]).toEqual([name, 'string']);
      if (input.default !== undefined) expect([name, typeof input.default]).toEqual([name, 'string']);
    }
    for (const [name, output] of Object.entries(manifest.outputs ?? {})) {
      expect([name, typeof output.description]).toEqual([name, 'string']);
    }
    expect(manifest.branding).toBeDefined();
  });

  it('points node entries at bundles that exist', () => {
    for (const entry of [manifest.runs.main, manifest.runs.post]) {
      if (!entry) continue;
      expect(entry).toMatch(/^\.\.\/\.\.\/dist\/[a-z-]+\/(main|post)\.mjs$/);
      expect(existsSync(path.join(root, 'actions', action, entry))).toBe(true);
    }
  });
});
