import {
  runChecked,
  type Logger,
  type ProcessRunner,
  type ProcessResult,
  type RunOptions,
} from '@ci-kit/runner';
import { retry } from './retry';
import { AttemptTimeoutError } from './http-error';

/**
 * What uv, pip, apt and git print when the network, not the request, failed: resets, timeouts, DNS,
 * 408/429/5xx answers. A failure without one of these (a resolution conflict, a missing file, a stale
 * lock, a build error) fails the same way every time, so it is not run again.
 */
const TRANSIENT_OUTPUT = new RegExp(
  [
    'connection reset',
    'connection refused',
    'connection closed',
    'broken pipe',
    'timed out',
    'timeout',
    'dns error',
    'temporary failure in name resolution',
    'failed to lookup address',
    'tcp connect error',
    'error sending request',
    'error decoding response body',
    'unexpected eof',
    'incomplete message',
    'network is unreachable',
    'request failed after',
    'status(?: code)?:? (?:408|429|5\\d\\d)',
    '\\b(?:408|429|500|502|503|504)\\b (?:request timeout|too many requests|internal server error|bad gateway|service unavailable|gateway timeout)',
    'read timed out',
    'remote end closed connection',
    // git, for git dependencies `uv sync` clones (git's own wording, curl's underneath it).
    'could not resolve host',
    'could not resolve proxy',
    "failed to connect to .* (?:port \\d+|couldn't connect to server)",
    'the requested url returned error: (?:408|429|5\\d\\d)',
    'the remote end hung up unexpectedly',
    'early eof',
    'gnutls_handshake\\(\\) failed',
    'ssl_error_syscall',
  ].join('|'),
  'i',
);

export function isTransientFailure(output: string): boolean {
  return TRANSIENT_OUTPUT.test(output);
}

/**
 * Runs a network-bound command (uv python install, uv pip install, uv sync) with retries for what
 * the network did, never for what the project did; each attempt is stopped after `attemptTimeoutMs`
 * (a stalled download hangs no job until the job timeout) and that counts as transient.
 */
export async function retryCommand(
  runner: ProcessRunner,
  command: string,
  args: string[],
  options: RunOptions & {
    attempts: number;
    log: Logger;
    what: string;
    /** What the command talks to, for telemetry (default: the package index, uv's and pip's usual peer). */
    host?: string;
    /** Default 10 minutes: a cold `uv sync` of a large project takes minutes, not tens of them. */
    attemptTimeoutMs?: number;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<ProcessResult> {
  const { attempts, log, what, sleep, host, attemptTimeoutMs = 600_000, ...runOptions } = options;
  const { value } = await retry(
    (_attempt, signal) => runChecked(runner, command, args, { ...runOptions, signal }),
    {
      attempts,
      what,
      host: host ?? 'package index',
      log,
      baseDelayMs: 2000,
      attemptTimeoutMs,
      classify: (error) => {
        if (error instanceof AttemptTimeoutError)
          return { retryable: true, reason: `no result within ${Math.round(attemptTimeoutMs / 1000)} s` };
        const failed = error as { exitCode?: number; message?: string };
        const transient = isTransientFailure(failed.message ?? '');
        return {
          retryable: transient,
          reason: `exit ${failed.exitCode ?? '?'}${transient ? ' (a network failure)' : ''}`,
        };
      },
      ...(sleep ? { sleep } : {}),
    },
  );
  return value;
}
