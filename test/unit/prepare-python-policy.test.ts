// prepare-python's decisions, without processes: version files, save policy, the lock a workspace
// member uses, where the environment goes, the system key part, and which failures are retried.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parsePythonVersionFile } from '../../actions/prepare-python/src/python';
import { saveBlockedBy, saveKeyFor } from '../../actions/prepare-python/src/save-policy';
import { findLock, projectEnvironment } from '../../actions/prepare-python/src/install-deps';
import { loadInputs } from '../../actions/prepare-python/src/inputs';
import { copyTree, mergeInto } from '@ci-kit/cache';
import { isTransientFailure, retryCommand } from '@ci-kit/retry';
import { systemId, type Logger, type ProcessRunner } from '@ci-kit/runner';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-pp-policy-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('python-version-file', () => {
  it('reads .python-version, .tool-versions and requires-python as setup-python does', () => {
    expect(parsePythonVersionFile('.python-version', '# pinned\n\n3.12.4\n3.11\n')).toBe('3.12.4');
    expect(parsePythonVersionFile('a/.tool-versions', 'nodejs 20.1.0\npython 3.13.0 3.12.1\n')).toBe(
      '3.13.0',
    );
    expect(
      parsePythonVersionFile('pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=3.12,<3.14"\n'),
    ).toBe('>=3.12,<3.14');
    expect(parsePythonVersionFile('pyproject.toml', '[project]\nname = "x"\n')).toBeUndefined();
    expect(parsePythonVersionFile('.python-version', '\n# nothing\n')).toBeUndefined();
  });

  const defaults: Record<string, string> = {
    'working-directory': '.',
    install: 'none',
    cache: 'true',
    retries: '3',
    locked: 'false',
    'activate-environment': 'auto',
    'save-cache': 'auto',
    'cache-bytecode': 'true',
    'prune-cache': 'true',
  };
  const read = (inputs: Record<string, string>) => (name: string) => ({ ...defaults, ...inputs })[name] ?? '';

  it('refuses a version file outside the workspace and sync-args that fight the mode', () => {
    expect(() => loadInputs(read({ 'python-version-file': '../.python-version' }))).toThrow(
      "The value '../.python-version' is not valid for 'python-version-file'",
    );
    expect(() => loadInputs(read({ 'sync-args': '--all-extras --locked' }))).toThrow(
      "The value '--locked' is not valid for 'sync-args'. Valid values are: uv sync arguments other than --frozen, --locked and --no-sync (prepare-python passes --frozen itself; set 'locked: true' for --locked)",
    );
    expect(() => loadInputs(read({ 'save-cache': 'sometimes' }))).toThrow(
      "The value 'sometimes' is not valid for 'save-cache'. Valid values are: auto, always, never",
    );
    expect(loadInputs(read({ 'sync-args': '--all-extras\n  --group lint ' })).syncArgs).toEqual([
      '--all-extras',
      '--group',
      'lint',
    ]);
  });
});

describe('save policy', () => {
  it('auto saves on push and pull_request, not where untrusted code runs with write access', () => {
    expect(saveBlockedBy('auto', 'push', 'refs/heads/main')).toBeUndefined();
    expect(saveBlockedBy('auto', 'pull_request', 'refs/pull/4/head')).toBeUndefined();
    expect(saveBlockedBy('auto', 'pull_request_target', 'refs/heads/main')).toMatch(
      /^save-cache: auto does not save on pull_request_target/,
    );
    expect(saveBlockedBy('auto', 'workflow_run', 'refs/heads/main')).toMatch(/workflow_run/);
    // GitHub's read-only-token events, and Forgejo's events that write the shared cache on untrusted code.
    for (const event of [
      'issue_comment',
      'pull_request_comment',
      'pull_request_review',
      'pull_request_review_comment',
    ])
      expect(saveBlockedBy('auto', event, 'refs/heads/main')).toMatch(new RegExp(`save on ${event} `));
    for (const event of ['schedule', 'workflow_dispatch', 'merge_group'])
      expect(saveBlockedBy('auto', event, 'refs/heads/main')).toBeUndefined();
    expect(saveBlockedBy('auto', 'push', 'refs/tags/v1.2.0')).toBe(
      'save-cache: auto does not save on tag pushes',
    );
    expect(saveBlockedBy('always', 'pull_request_target', 'refs/tags/v1')).toBeUndefined();
    expect(saveBlockedBy('never', 'push', 'refs/heads/main')).toBe('save-cache: never');
  });

  it('a failed or cancelled job never writes the primary key', () => {
    expect(saveKeyFor('k', 'success')).toBe('k');
    expect(saveKeyFor('k', '')).toBe('k');
    expect(saveKeyFor('k', 'failure')).toBe('k-failed');
    expect(saveKeyFor('k', 'cancelled')).toBe('k-failed');
  });
});

describe('the project a job syncs', () => {
  it("a uv workspace member uses the workspace root's lock and environment", async () => {
    const root = path.join(scratch, 'ws');
    await mkdir(path.join(root, 'packages/member'), { recursive: true });
    await writeFile(path.join(root, 'uv.lock'), '');
    expect(findLock(path.join(root, 'packages/member'), root)).toBe(path.join(root, 'uv.lock'));
    expect(findLock(path.join(root, 'packages/member'), path.join(root, 'packages'))).toBeUndefined();
    expect(projectEnvironment(root, {})).toBe(path.join(root, '.venv'));
    expect(projectEnvironment(root, { UV_PROJECT_ENVIRONMENT: 'envs/ci' })).toBe(path.join(root, 'envs/ci'));
    expect(projectEnvironment(root, { UV_PROJECT_ENVIRONMENT: '/opt/venv' })).toBe('/opt/venv');
  });
});

describe('systemId', () => {
  it('names the distribution and the C library with their versions', () => {
    const debian = 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_ID="13"\n';
    expect(
      systemId(
        () => debian,
        () => '2.41',
        () => false,
      ),
    ).toBe('debian-13-glibc2.41');
    const alpine = 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n';
    expect(
      systemId(
        () => alpine,
        () => undefined,
        () => true,
      ),
    ).toBe('alpine-3.20.3-musl');
    expect(
      systemId(
        () => '',
        () => undefined,
        () => false,
      ),
    ).toBe('unknown-unknown-unknown');
  });
});

describe('payload staging', () => {
  it('merges a restored entry into a folder that exists: new entries move in, what is there stays', async () => {
    const source = path.join(scratch, 'restored');
    const target = path.join(scratch, 'uv-cache');
    await mkdir(path.join(source, 'wheels-v5/pypi'), { recursive: true });
    await writeFile(path.join(source, 'wheels-v5/pypi/tinylib.whl'), 'from the entry');
    await writeFile(path.join(source, 'CACHEDIR.TAG'), 'entry tag');
    await mkdir(path.join(target, 'wheels-v5'), { recursive: true });
    await writeFile(path.join(target, 'CACHEDIR.TAG'), 'own tag');
    await mergeInto(source, target);
    expect(await readFile(path.join(target, 'wheels-v5/pypi/tinylib.whl'), 'utf8')).toBe('from the entry');
    expect(await readFile(path.join(target, 'CACHEDIR.TAG'), 'utf8')).toBe('own tag');
    expect(existsSync(source)).toBe(false);
  });

  it('copies a tree for a save without following its links', async () => {
    const source = path.join(scratch, 'live');
    await mkdir(path.join(source, 'a'), { recursive: true });
    await writeFile(path.join(source, 'a/file'), 'x');
    await symlink('/etc/passwd', path.join(source, 'a/link'));
    const copy = path.join(scratch, 'staged');
    await copyTree(source, copy);
    expect(await readFile(path.join(copy, 'a/file'), 'utf8')).toBe('x');
    expect(await readlink(path.join(copy, 'a/link'))).toBe('/etc/passwd');
  });
});

describe('retryCommand', () => {
  const warnings: string[] = [];
  const log: Logger = {
    info: () => undefined,
    debug: () => undefined,
    warning: (message) => warnings.push(message),
    group: (_name, fn) => fn(),
  };

  it('runs a deterministic failure once, and a network failure again', async () => {
    let calls = 0;
    const deterministic: ProcessRunner = async () => {
      calls++;
      return { exitCode: 2, stdout: '', stderr: 'error: Distribution not found at: file:///w/tinylib.whl' };
    };
    await expect(
      retryCommand(deterministic, 'uv', ['sync'], {
        attempts: 3,
        log,
        what: 'uv sync',
        sleep: async () => {},
      }),
    ).rejects.toThrow(/Distribution not found/);
    expect(calls).toBe(1);

    calls = 0;
    const flaky: ProcessRunner = async () => {
      calls++;
      return calls < 3
        ? {
            exitCode: 2,
            stdout: '',
            stderr:
              'error: Failed to fetch: `https://files.example/x.whl`\n  Caused by: HTTP status server error (503 Service Unavailable)',
          }
        : { exitCode: 0, stdout: 'ok', stderr: '' };
    };
    await retryCommand(flaky, 'uv', ['sync'], { attempts: 3, log, what: 'uv sync', sleep: async () => {} });
    expect(calls).toBe(3);
    expect(warnings[0]).toMatch(/uv sync: attempt 1\/3 failed: exit 2 \(a network failure\)/);
  });

  it('stops an attempt that makes no progress and counts it as transient', async () => {
    let calls = 0;
    const stalls: ProcessRunner = (_command, _args, options) => {
      calls++;
      return new Promise((resolve) => {
        if (calls === 2) resolve({ exitCode: 0, stdout: '', stderr: '' });
        options?.signal?.addEventListener('abort', () => resolve({ exitCode: 124, stdout: '', stderr: '' }));
      });
    };
    await retryCommand(stalls, 'uv', ['python', 'install'], {
      attempts: 2,
      log,
      what: 'uv python install',
      attemptTimeoutMs: 50,
      sleep: async () => {},
    });
    expect(calls).toBe(2);
  });

  it('knows the network failures uv, pip and apt print', () => {
    expect(isTransientFailure('error: Request failed after 3 retries')).toBe(true);
    expect(isTransientFailure('Caused by: tcp connect error: Connection refused (os error 111)')).toBe(true);
    expect(isTransientFailure('Temporary failure in name resolution')).toBe(true);
    expect(isTransientFailure('error: No solution found when resolving dependencies')).toBe(false);
    expect(
      isTransientFailure('The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.'),
    ).toBe(false);
  });
});
