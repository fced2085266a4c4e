// `npm test`: unit then integration tests, as one jest run. Integration tests need the tools that
// scripts/setup-tools.sh builds (.tools/); they say so clearly when those are missing.
import { spawnSync } from 'node:child_process';

const args = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
