// What every step pays before its first line of code: node parses the entry file and every chunk it
// imports statically. The committed dist/ is what the runner runs, so these read it as it is.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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
