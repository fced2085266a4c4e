// `npm test`: every jest project (unit, integration, e2e, hostile) in one run, then one plain
// closing line, "N passed, N failed, N skipped", that any CI log reader understands.
// Integration and later suites need the tools that scripts/setup-tools.sh builds (.tools/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = '.tmp/jest-results.json';
mkdirSync('.tmp', { recursive: true });
rmSync(results, { force: true });
const args = [
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  '--json',
  `--outputFile=${results}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
try {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(results, 'utf8'),
  );
  console.log(
    `tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
  );
} catch {
  console.log('tests: no results file: jest did not finish');
}
process.exit(run.status ?? 1);
