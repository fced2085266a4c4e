// The refused-input sentence is written once (packages/runner/src/inputs.ts invalidInput), as gradle's
// actions and setup-uv do: no action builds its own copy of it (issue 28).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';

function sources(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
}

describe("'The value … is not valid for …'", () => {
  it('is built by invalidInput only, in the TypeScript of every action and package', () => {
    const files = [...sources('actions'), ...sources('packages')].filter(
      (file) =>
        !file.includes(`${path.sep}test${path.sep}`) && file !== path.join('packages/runner/src/inputs.ts'),
    );
    expect(files.length).toBeGreaterThan(20);
    const copies = files.filter((file) =>
      /The value '[^']*' is not valid (?:for|in) '/.test(readFileSync(path.join(repoRoot, file), 'utf8')),
    );
    expect(copies).toEqual([]);
  });
});
