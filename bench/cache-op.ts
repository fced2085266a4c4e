// One cache save or restore through packages/cache (@actions/cache against ACTIONS_CACHE_URL), as the
// actions do it, in a process of its own: the toolkit reads its configuration from the environment
// and writes to stdout, so the bench runs it as a child (table-cache.ts) and reads the result file.
//   node cache-op.mjs save|restore <root> <key> <result.json>
import { writeFile } from 'node:fs/promises';
import { RecordingLogger } from '../test/harness/recording-logger';
import { restoreEntry, saveEntry, toolkitCacheService } from '@ci-kit/cache';

const [op, root, key, resultFile] = process.argv.slice(2);
if ((op !== 'save' && op !== 'restore') || !root || !key || !resultFile) {
  console.error('usage: cache-op.mjs save|restore <root> <key> <result.json>');
  process.exit(2);
}
const log = new RecordingLogger();
const call = { service: toolkitCacheService, log, root };
const started = performance.now();
const report = op === 'save' ? await saveEntry(call, key) : await restoreEntry(call, key);
const ms = performance.now() - started;
await writeFile(resultFile, JSON.stringify({ status: report.status, ms, warnings: log.lines('warning') }));
process.exit(0);
