import {
  runChecked,
  type Logger,
  type ProcessRunner,
  type ProcessResult,
  type RunOptions,
} from '@ci-kit/runner';
import { retry } from './retry';

/**
 * Retries a network-bound command (uv python install, uv tool install, uv sync): its exit code
 * cannot tell a mirror hiccup from a real error, so every failure gets the remaining attempts.
 */
export async function retryCommand(
  runner: ProcessRunner,
  command: string,
  args: string[],
  options: RunOptions & {
    attempts: number;
    log: Logger;
    what: string;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<ProcessResult> {
  const { attempts, log, what, sleep, ...runOptions } = options;
  const { value } = await retry(() => runChecked(runner, command, args, runOptions), {
    attempts,
    what,
    log,
    baseDelayMs: 2000,
    classify: (error) => ({
      retryable: true,
      reason: `exit ${(error as { exitCode?: number }).exitCode ?? '?'}`,
    }),
    ...(sleep ? { sleep } : {}),
  });
  return value;
}
