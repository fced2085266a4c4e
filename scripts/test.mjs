// `npm test`: every jest project (unit, integration, hostile, e2e), then one plain closing line,
// "N passed, N failed, N skipped", that any CI log reader understands.
// Integration and later suites need the tools that scripts/setup-tools.sh builds (.tools/).
//
// Two jest runs: unit, integration and hostile with jest's default workers (one on 2 cores: their
// servers and timing checks share the machine with nothing else), then the e2e project with two
// workers: each e2e file spends most of its time waiting on its own Forgejo server and runner, so two
// files at once take about a third less wall time (docs/testing.md). Jest sets workers per run, not per
// project. With arguments (`npm test -- --selectProjects unit`), one run with those arguments.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });

/** One jest run; its counts, or undefined when jest wrote no results. */
function jest(name, extra) {
  const results = `.tmp/jest-results-${name}.json`;
  rmSync(results, { force: true });
  const args = [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--json',
    `--outputFile=${results}`,
    ...extra,
  ];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  try {
    const json = JSON.parse(readFileSync(results, 'utf8'));
    return {
      status: run.status ?? 1,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    return { status: run.status ?? 1 };
  }
}

const given = process.argv.slice(2);
const runs =
  given.length > 0
    ? [jest('given', given)]
    : [
        jest('suites', ['--selectProjects', 'unit', 'integration', 'hostile']),
        jest('e2e', ['--selectProjects', 'e2e', '--maxWorkers=2']),
      ];
if (runs.some((run) => run.passed === undefined)) {
  console.log('tests: no results file: jest did not finish');
  process.exit(runs.find((run) => run.status !== 0)?.status || 1);
}
const sum = (key) => runs.reduce((total, run) => total + run[key], 0);
console.log(`tests: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(runs.find((run) => run.status !== 0)?.status ?? 0);
