// Counts for the resolution note (faults injected, kills survived, hostile inputs tried, leaks
// found). Each test file's counts are written to <tmpdir>/ci-kit-hostile-tally/<file>.json when it ends;
// `node test/hostile/tally-sum.mjs` adds them up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from '@jest/globals';

export const tally = { faults: 0, kills: 0, hostileInputs: 0, leaks: 0 };

afterAll(() => {
  const file = path.basename(expect.getState().testPath ?? 'unknown', '.test.ts');
  const dir = path.join(tmpdir(), 'ci-kit-hostile-tally');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(tally));
});
