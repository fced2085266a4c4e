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
 * What uv, pip and apt print when the network, not the request, failed: resets, timeouts, DNS,
 * 408/429/5xx answers. Phrases, not words: a bare "timeout" would also match `Failed to build
 * pytest-timeout` or a resolution conflict on `async-timeout`, and rerun a failure that repeats.
 * A failure without one of these (a resolution conflict, a missing file, a stale lock, a build error)
 * fails the same way every time, so it is not run again.
 */
const HTTP_FAILURES = [
  'connection reset',
  'connection refused',
  'connection closed',
  'broken pipe',
  'operation timed out',
  'connection timed out',
  'read timed out',
  'network timeout',
  '(?:request|connect|read) timeout',
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
  'remote end closed connection',
];

/** git's own wording (curl's underneath it), for the git dependencies `uv sync` clones: uv does not retry these. */
const GIT_FAILURES = [
  'could not resolve host',
  'could not resolve proxy',
  "failed to connect to .* (?:port \\d+|couldn't connect to server)",
  'the requested url returned error: (?:408|429|5\\d\\d)',
  'the remote end hung up unexpectedly',
  'early eof',
  'gnutls_handshake\\(\\) failed',
  'ssl_error_syscall',
];

const TRANSIENT_OUTPUT = new RegExp([...HTTP_FAILURES, ...GIT_FAILURES].join('|'), 'i');
const GIT_OUTPUT = new RegExp(GIT_FAILURES.join('|'), 'i');

export function isTransientFailure(output: string): boolean {
  return TRANSIENT_OUTPUT.test(output);
}

/** A network failure of git (a git dependency's clone or fetch), which uv does not retry itself. */
export function isGitNetworkFailure(output: string): boolean {
  return GIT_OUTPUT.test(output);
}

/**
 * uv retries each HTTP request itself (UV_HTTP_RETRIES, 3 by default). A second loop of ours around
 * it would multiply the attempts (3 x 4 requests for one wheel) and the wait: so uv is told our budget
 * (attempts - 1 retries per request, unless the job set UV_HTTP_RETRIES), and our loop only reruns
 * what uv cannot: git's network failures and an attempt that made no progress in time.
 */
export function uvRetryEnv(
  attempts: number,
  jobEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return jobEnv.UV_HTTP_RETRIES ? {} : { UV_HTTP_RETRIES: String(Math.max(0, attempts - 1)) };
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
    /**
     * `uv`: the command is uv, which retries HTTP itself (uvRetryEnv is added to its environment):
     * only git's network failures and attempt timeouts are run again.
     */
    retriesItself?: 'uv';
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<ProcessResult> {
  const { attempts, log, what, sleep, host, retriesItself, attemptTimeoutMs = 600_000, ...rest } = options;
  const runOptions: RunOptions =
    retriesItself === 'uv' ? { ...rest, env: { ...uvRetryEnv(attempts), ...rest.env } } : rest;
  const transientOutput = retriesItself === 'uv' ? isGitNetworkFailure : isTransientFailure;
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
        const transient = transientOutput(failed.message ?? '');
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
