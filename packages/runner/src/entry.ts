import * as core from '@actions/core';
import { errorMessage, UserError } from './errors';

/**
 * Runs an action entry point the same way everywhere: failures become one clear error line
 * (stack traces only in debug logs), stray rejections cannot crash silently, and the process
 * exits once the work is done, because a dangling HTTP keep-alive can hold Node open. A failure
 * is never turned into exit 0: core.setFailed sets process.exitCode, which we keep.
 */
export async function runEntry(fn: () => Promise<void>): Promise<void> {
  const fail = (error: unknown): void => {
    if (!(error instanceof UserError) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(errorMessage(error));
  };
  process.on('unhandledRejection', (reason) => {
    fail(reason);
    process.exit();
  });
  process.on('uncaughtException', (error) => {
    fail(error);
    process.exit();
  });
  try {
    await fn();
  } catch (error) {
    fail(error);
  }
  process.exit();
}

/**
 * Post steps follow a softer rule: their trouble is a warning, because failing a finished job
 * over a cache save would turn green runs red.
 */
export async function runPostEntry(fn: () => Promise<void>): Promise<void> {
  await runEntry(async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof UserError) throw error;
      core.warning(errorMessage(error));
    }
  });
}
