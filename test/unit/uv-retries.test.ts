// Issue 28, items 7 and 9: which failures of uv are run again and by whom (uv retries HTTP itself, we
// rerun only what it cannot), and a shared tool-cache folder uv cannot use is not "Python missing".
import { describe, expect, it } from '@jest/globals';
import { isGitNetworkFailure, isTransientFailure, retryCommand, uvRetryEnv } from '@ci-kit/retry';
import type { ProcessRunner, RunOptions } from '@ci-kit/runner';
import { resolvePython } from '../../actions/prepare-python/src/python';
import { findCacheName } from '../../actions/prepare-python/src/run';
import { RecordingLogger } from '../harness/recording-logger';

const noSleep = { sleep: async () => {} };

describe('network phrases, not words', () => {
  it.each([
    '× Failed to build `pytest-timeout==2.3.1`\n  ├─▶ The build backend returned an error',
    '× No solution found when resolving dependencies:\n  ╰─▶ Because async-timeout==4.0.3 depends on x<1 and app depends on x>=2, we can conclude…',
    'ModuleNotFoundError: No module named timeout_decorator',
  ])('is not a network failure: %s', (output) => {
    expect(isTransientFailure(output)).toBe(false);
  });

  it.each([
    'error: Failed to download distribution due to network timeout. Try increasing UV_HTTP_TIMEOUT (current value: 30s).',
    'Caused by: operation timed out',
    'Caused by: error sending request for url (http://127.0.0.1:1/simple/x/)',
    'HTTP status server error (503 Service Unavailable) for url',
    'error: Request failed after 3 retries',
  ])('is a network failure: %s', (output) => {
    expect(isTransientFailure(output)).toBe(true);
    expect(isGitNetworkFailure(output)).toBe(false);
  });
});

describe("uv's own retries instead of a second loop", () => {
  it('tells uv our budget, unless the job chose its own', () => {
    expect(uvRetryEnv(3, {})).toEqual({ UV_HTTP_RETRIES: '2' });
    expect(uvRetryEnv(1, {})).toEqual({ UV_HTTP_RETRIES: '0' });
    expect(uvRetryEnv(3, { UV_HTTP_RETRIES: '9' })).toEqual({});
  });

  function recording(outputs: string[]): { run: ProcessRunner; calls: RunOptions[] } {
    const calls: RunOptions[] = [];
    const run: ProcessRunner = async (_command, _args, options = {}) => {
      calls.push(options);
      const stderr = outputs[calls.length - 1] ?? '';
      return { exitCode: stderr ? 2 : 0, stdout: '', stderr };
    };
    return { run, calls };
  }

  it('does not run uv again after uv gave up on HTTP: it already retried each request', async () => {
    const { run, calls } = recording([
      'error: Request failed after 2 retries\n  Caused by: HTTP status server error (503 Service Unavailable)',
    ]);
    await expect(
      retryCommand(run, 'uv', ['sync'], {
        attempts: 3,
        log: new RecordingLogger(),
        what: 'uv sync',
        retriesItself: 'uv',
        ...noSleep,
      }),
    ).rejects.toThrow(/503/);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.env).toMatchObject({ UV_HTTP_RETRIES: '2' });
  });

  it("runs uv again after git's network failure, which uv does not retry", async () => {
    const { run, calls } = recording([
      "error: Git operation failed\n  Caused by: fatal: unable to access 'https://forge.example/lib.git/': Could not resolve host: forge.example",
    ]);
    await retryCommand(run, 'uv', ['sync'], {
      attempts: 3,
      log: new RecordingLogger(),
      what: 'uv sync',
      retriesItself: 'uv',
      ...noSleep,
    });
    expect(calls).toHaveLength(2);
  });

  it('keeps the outer loop for other commands (pip, apt: their own retries are not ours to set)', async () => {
    const { run, calls } = recording([
      'ERROR: HTTP error 503 while getting https://x/ (Service Unavailable) connection reset',
    ]);
    await retryCommand(run, 'pip', ['install'], {
      attempts: 3,
      log: new RecordingLogger(),
      what: 'pip install',
      ...noSleep,
    });
    expect(calls).toHaveLength(2);
    expect(calls[0]?.env?.UV_HTTP_RETRIES).toBeUndefined();
  });
});

describe("the tool cache's folder for uv python find", () => {
  it('is one per user: a root job never makes the folder a later job of another user cannot write', () => {
    expect(findCacheName(0)).toBe('ci-kit-uv-python-find-0');
    expect(findCacheName(1001)).toBe('ci-kit-uv-python-find-1001');
    expect(findCacheName(undefined)).toBe('ci-kit-uv-python-find-user');
  });

  it('a folder uv cannot use is no reason to install Python: it asks again without it', async () => {
    const calls: Array<{ args: string[]; options: RunOptions }> = [];
    const run: ProcessRunner = async (command, args, options = {}) => {
      calls.push({ args, options });
      if (args[0] === 'python' && args[1] === 'find')
        return options.env?.UV_CACHE_DIR
          ? {
              exitCode: 2,
              stdout: '',
              stderr:
                'error: failed to open file `/tc/ci-kit-uv-python-find-0/.lock`: Permission denied (os error 13)',
            }
          : { exitCode: 0, stdout: '/usr/bin/python3\n', stderr: '' };
      if (command === '/usr/bin/python3') return { exitCode: 0, stdout: '3.13.1 cpython \n', stderr: '' };
      return { exitCode: 1, stdout: '', stderr: 'unexpected' };
    };
    const log = new RecordingLogger();
    const python = await resolvePython(undefined, {
      run,
      log,
      uv: 'uv',
      attempts: 3,
      cwd: '/work',
      findCacheDir: '/tc/ci-kit-uv-python-find-0',
    });
    expect(python).toMatchObject({ version: '3.13.1', abi: 'py3.13', path: '/usr/bin/python3' });
    expect(calls.map((call) => call.args.join(' '))).not.toContain('python install');
    expect(log.hasMessage('asking again without it', 'info')).toBe(true);
  });
});
