import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { errorMessage, UserError } from './errors';
import { recordStep, telemetry } from './telemetry';

/** The kit's version: package.json of the checkout the runner made of our tag (dist/<x>/ is two below it). */
function kitVersion(): string {
  try {
    const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return json.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Sets the step's `telemetry` output: the job's records so far, this step's last (telemetry.ts). Never
 * fails the step: telemetry that cannot be written is left out.
 */
function writeTelemetry(action: string, failed: boolean): void {
  try {
    const job = recordStep(
      telemetry.snapshot(action, kitVersion(), failed ? 'failure' : 'success'),
      process.env,
    );
    // Every action declares this output as `telemetry` (each names.ts has Outputs.Telemetry).
    core.setOutput('telemetry', JSON.stringify(job));
  } catch (error) {
    core.debug(`telemetry not written: ${errorMessage(error)}`);
  }
}

/**
 * Runs an action entry point the same way everywhere: failures become one clear error line
 * (stack traces only in debug logs), stray rejections cannot crash silently, and the process
 * exits once the work is done, because a dangling HTTP keep-alive can hold Node open. A failure
 * is never turned into exit 0: core.setFailed sets process.exitCode, which we keep.
 */
export async function runEntry(fn: () => Promise<void>, action?: string): Promise<void> {
  let failed = false;
  const fail = (error: unknown): void => {
    failed = true;
    if (!(error instanceof UserError) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(errorMessage(error));
    if (action) writeTelemetry(action, true);
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
    if (action) writeTelemetry(action, failed);
  } catch (error) {
    fail(error);
  }
  process.exit();
}

/**
 * Post steps follow a softer rule: their trouble is a warning, because failing a finished job
 * over a cache save would turn green runs red.
 */
export async function runPostEntry(fn: () => Promise<void>, action?: string): Promise<void> {
  await runEntry(async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof UserError) throw error;
      telemetry.warning(errorMessage(error));
      core.warning(errorMessage(error));
    }
  }, action);
}
