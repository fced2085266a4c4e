// What one step of ours verified is trusted by the next only while the file is the same file.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  findOnPath,
  recordOnRunner,
  recordVerified,
  verifiedVersion,
  versionOnRunner,
} from '../src/verified';

let dir: string;
let env: NodeJS.ProcessEnv;
let nox: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ci-kit-verified-'));
  const bin = path.join(dir, 'bin');
  const temp = path.join(dir, 'temp');
  for (const d of [bin, temp]) mkdirSync(d);
  nox = path.join(bin, 'nox');
  writeFileSync(nox, '#!/bin/sh\necho 2026.10.20\n');
  chmodSync(nox, 0o755);
  env = { RUNNER_TEMP: temp, GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'lint', PATH: bin };
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('verified tool versions within a job', () => {
  it('finds an executable on PATH, and not a folder or a file that is not executable', () => {
    expect(findOnPath('nox', env)).toBe(nox);
    writeFileSync(path.join(dir, 'bin', 'plain'), 'x');
    expect(findOnPath('plain', env)).toBeUndefined();
    expect(findOnPath('temp', { PATH: dir })).toBeUndefined();
  });

  it('a later step gets the version while the file is unchanged, in a file of the job own', () => {
    recordVerified(env, 'nox', nox, '2026.10.20');
    expect(verifiedVersion(env, 'nox', nox)).toBe('2026.10.20');
    expect(readdirSync(env.RUNNER_TEMP as string)).toEqual(['ci-kit-verified-7-1-lint.jsonl']);
    // Another job (or attempt) sharing RUNNER_TEMP has no record, nor has another tool.
    expect(verifiedVersion({ ...env, GITHUB_JOB: 'unit' }, 'nox', nox)).toBeUndefined();
    expect(verifiedVersion({ ...env, GITHUB_RUN_ATTEMPT: '2' }, 'nox', nox)).toBeUndefined();
    expect(verifiedVersion(env, 'uv', nox)).toBeUndefined();
  });

  it('a file replaced or touched after the check is checked again', () => {
    recordVerified(env, 'nox', nox, '2026.10.20');
    writeFileSync(nox, '#!/bin/sh\necho 2099.1.1\n');
    expect(verifiedVersion(env, 'nox', nox)).toBeUndefined();
    recordVerified(env, 'nox', nox, '2099.1.1');
    expect(verifiedVersion(env, 'nox', nox)).toBe('2099.1.1');
    utimesSync(nox, new Date(0), new Date(0));
    expect(verifiedVersion(env, 'nox', nox)).toBeUndefined();
  });

  it('no RUNNER_TEMP, a torn line or a missing file: no record, no error', () => {
    recordVerified({ ...env, RUNNER_TEMP: undefined }, 'nox', nox, '1');
    expect(verifiedVersion({ ...env, RUNNER_TEMP: undefined }, 'nox', nox)).toBeUndefined();
    writeFileSync(path.join(env.RUNNER_TEMP as string, 'ci-kit-verified-7-1-lint.jsonl'), '{"tool":"nox",\n');
    expect(verifiedVersion(env, 'nox', nox)).toBeUndefined();
    expect(verifiedVersion(env, 'nox', path.join(dir, 'gone'))).toBeUndefined();
  });
});

describe("the runner's record, for the jobs after this one", () => {
  it('holds across jobs in the tool cache, and not past a rewrite that restored size and mtime', () => {
    const toolCache = path.join(dir, 'tool-cache');
    mkdirSync(toolCache);
    const onRunner = { ...env, RUNNER_TOOL_CACHE: toolCache };
    utimesSync(nox, 1_700_000_000, 1_700_000_000); // whole seconds, so putting it back is exact
    recordOnRunner(onRunner, 'helm', nox, '3.19.0');
    expect(readdirSync(toolCache)).toEqual(['ci-kit-verified.jsonl']);
    // Another job (another run, attempt and RUNNER_TEMP) on the same runner.
    expect(versionOnRunner({ RUNNER_TOOL_CACHE: toolCache }, 'helm', nox)).toBe('3.19.0');
    expect(versionOnRunner({ ...env, RUNNER_TOOL_CACHE: undefined }, 'helm', nox)).toBeUndefined();
    // The same bytes written again with the old mtime put back: only the ctime tells, and it does.
    const before = statSync(nox);
    const later = Date.now() + 20;
    while (Date.now() < later) {
      // let the clock move on, so the rewrite's ctime differs
    }
    writeFileSync(nox, '#!/bin/sh\necho 2026.10.20\n');
    utimesSync(nox, 1_700_000_000, 1_700_000_000);
    expect(statSync(nox).mtimeMs).toBe(before.mtimeMs);
    expect(versionOnRunner(onRunner, 'helm', nox)).toBeUndefined();
  });
});
