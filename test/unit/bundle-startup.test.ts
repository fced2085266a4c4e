// What every step pays before its first line of code: node parses the entry file and every chunk it
// imports statically. The committed dist/ is what the runner runs, so these read it as it is.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NODE_MAJORS, NODE_TEST_VERSIONS, nodeVersionsUnavailable, testNode } from '../harness/node-versions';

const dist = path.resolve('dist');
const entries = readdirSync(dist)
  .filter((name) => name !== 'chunks')
  .flatMap((action) => readdirSync(path.join(dist, action)).map((file) => path.join(dist, action, file)));

/** The entry and every file it imports statically (dynamic import() chunks load only when used). */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(
    /^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gms,
  )) {
    staticGraph(path.resolve(path.dirname(file), match[1] ?? match[2] ?? ''), seen);
  }
  return seen;
}

const kib = (files: Set<string>) => [...files].reduce((sum, file) => sum + statSync(file).size, 0) / 1024;

describe('bundle start-up', () => {
  it('finds the entries', () => {
    expect(entries.map((file) => path.relative(dist, file))).toEqual(
      expect.arrayContaining(['secret-guard/main.mjs', 'prepare-python/post.mjs', 'cached-tool/main.mjs']),
    );
  });

  it.each(entries.map((file) => [path.relative(dist, file), file]))('%s loads no undici', (_name, file) => {
    for (const loaded of staticGraph(file)) {
      expect([
        path.relative(dist, loaded),
        readFileSync(loaded, 'utf8').includes('node_modules/undici/'),
      ]).toEqual([path.relative(dist, loaded), false]);
    }
  });

  it('bundles no caller of the one toolkit method that needs undici', () => {
    const chunks = readdirSync(path.join(dist, 'chunks')).map((file) => path.join(dist, 'chunks', file));
    const callers = [...entries, ...chunks].filter((file) =>
      /\.getAgentDispatcher\(/.test(readFileSync(file, 'utf8')),
    );
    expect(callers).toEqual([]);
  });

  // Under 400 KiB each (was 1.0 to 1.3 MiB with undici); the uv cache's @actions/cache chunk (1.4 MiB)
  // is a dynamic import, loaded only by the steps that restore or save.
  it.each(entries.map((file) => [path.relative(dist, file), file]))(
    '%s parses under 400 KiB at start-up',
    (_name, file) => {
      expect(kib(staticGraph(file))).toBeLessThan(400);
    },
  );
});

// Forgejo runs every node action with the job image's own node, whatever runs.using says: the bundles
// must load on each Node a job image really has (test/harness/node-versions.ts). Each version gets one
// child process that evaluates every chunk (their top-level code and require() of built-ins run) and
// checks every named import from a built-in module against what that version exports (what linking an
// entry would check, without running the action: the integration tests run them), plus `node --check`
// on every entry. Running whole actions on each version is test/integration/node-versions.test.ts.
const unavailable = nodeVersionsUnavailable();
if (unavailable) console.warn(`bundle start-up on Node 20/24/26 skipped: ${unavailable}`);
const describeIfNodes = unavailable ? describe.skip : describe;

/** Every `import { a, b as c } from "node:x"` (or a bare built-in name) in the files: module -> names. */
function builtinImports(files: string[]): Record<string, string[]> {
  const found: Record<string, Set<string>> = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']((?:node:)?[a-z_/]+)["']/g)) {
      const names = (match[1] ?? '')
        .split(',')
        .map((name) => name.trim().split(/\s+as\s+/)[0] ?? '')
        .filter(Boolean);
      (found[match[2] as string] ??= new Set()).add('');
      for (const name of names) found[match[2] as string]?.add(name);
    }
  }
  return Object.fromEntries(
    Object.entries(found).map(([module, names]) => [module, [...names].filter(Boolean).sort()]),
  );
}

const LOAD_SCRIPT = `
const [chunks, imports] = JSON.parse(process.argv[1]);
const missing = [];
for (const [module, names] of Object.entries(imports)) {
  const exported = await import(module);
  for (const name of names) if (!(name in exported)) missing.push(module + '#' + name);
}
for (const chunk of chunks) await import(new URL('file://' + chunk).href);
console.log(JSON.stringify({ version: process.version, missing }));
`;

describeIfNodes('bundles load on Node 20, 24 and 26', () => {
  const chunks = readdirSync(path.join(dist, 'chunks')).map((file) => path.join(dist, 'chunks', file));
  const imports = builtinImports([...entries, ...chunks]);

  it('finds built-in imports to check', () => {
    expect(Object.keys(imports)).toEqual(expect.arrayContaining(['node:fs', 'node:path']));
  });

  it.each(NODE_MAJORS.map((major) => [major]))(
    'Node %i evaluates every chunk, has every built-in export the bundles import, and parses every entry',
    (major) => {
      const node = testNode(major);
      const loaded = spawnSync(
        node,
        ['--input-type=module', '-e', LOAD_SCRIPT, JSON.stringify([chunks, imports])],
        { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
      );
      expect([loaded.status, loaded.stderr]).toEqual([0, '']);
      expect(JSON.parse(loaded.stdout)).toEqual({ version: `v${NODE_TEST_VERSIONS[major]}`, missing: [] });
      for (const entry of entries) {
        const checked = spawnSync(node, ['--check', entry], { encoding: 'utf8' });
        expect([path.relative(dist, entry), checked.status, checked.stderr]).toEqual([
          path.relative(dist, entry),
          0,
          '',
        ]);
      }
    },
    60_000,
  );
});

describe('runs.using', () => {
  it('is node24 in every node action (bundles built for Node 20 still)', () => {
    const actions = readdirSync(path.resolve('actions'));
    const using = Object.fromEntries(
      actions.map((action) => {
        const text = readFileSync(path.resolve('actions', action, 'action.yml'), 'utf8');
        return [action, /^ {2}using: '([^']+)'/m.exec(text)?.[1]];
      }),
    );
    for (const [action, value] of Object.entries(using)) {
      expect([action, value]).toEqual([action, value === 'composite' ? 'composite' : 'node24']);
    }
    expect(Object.values(using).filter((value) => value === 'node24').length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(path.resolve('scripts/build.mjs'), 'utf8')).toMatch(/target: 'node20'/);
  });
});
