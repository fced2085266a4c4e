// status-check.mjs started through a path with a symlink in it, as in a job container: the runner copies
// actions under /var/run/act/, and /var/run is a link to /run on Debian. Node gives the module its real
// path, so a main-module check on the path as given never matched there: nothing ran and the step
// passed in silence, a failed job included. Seen on the real Forgejo server with the template in
// containers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';

const scratch = mkdtempSync(path.join(tmpdir(), 'ci-kit-status-check-link-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('status-check.mjs through a symlinked path', () => {
  it('evaluates the needs and fails on a failed job, as when started by its real path', () => {
    const real = path.join(scratch, 'run', 'act');
    cpSync(path.join(repoRoot, 'actions/status-check'), real, { recursive: true });
    symlinkSync(path.join(scratch, 'run'), path.join(scratch, 'var-run'));
    const run = spawnSync(process.execPath, [path.join(scratch, 'var-run', 'act', 'status-check.mjs')], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        NEEDS_JSON: JSON.stringify({ lint: { result: 'failure', outputs: {} } }),
      },
    });
    expect(run.stdout).toContain('| lint | failure | fail | failed |');
    expect(run.stdout).toContain('::error::status-check failed: lint (failed)');
    expect(run.status).toBe(1);
  });
});
