// Adds up the counts the hostile test files left in <tmpdir>/ci-kit-hostile-tally (see tally.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = path.join(tmpdir(), 'ci-kit-hostile-tally');
const total = { faults: 0, kills: 0, hostileInputs: 0, leaks: 0 };
for (const name of readdirSync(dir).sort()) {
  const counts = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  console.log(name.replace(/\.json$/, '').padEnd(22), JSON.stringify(counts));
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
console.log('total'.padEnd(22), JSON.stringify(total));
