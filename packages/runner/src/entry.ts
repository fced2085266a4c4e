import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { errorMessage, UserError } from './errors';
import { uploadLegTelemetry } from './leg-telemetry';
import { recordStep, telemetry, type ErrorClass, type JobTelemetry } from './telemetry';

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
 * Sets the step's `telemetry` output: the job's records so far, this step's last (telemetry.ts), and on
 * Forgejo keeps the same record as this leg's artifact of the run, which status-check reads for every
 * leg of a matrix job, failed legs included (leg-telemetry.ts). Never fails the step: telemetry that
 * cannot be written or kept is left out, with a debug line.
 */
async function writeTelemetry(action: string, error: ErrorClass | undefined): Promise<void> {
  let job: JobTelemetry;
  try {
    const outcome = error ? 'failure' : 'success';
    job = recordStep(telemetry.snapshot(action, kitVersion(), outcome, error), process.env);
    // Every action declares this output as `telemetry` (each names.ts has Outputs.Telemetry).
    core.setOutput('telemetry', JSON.stringify(job));
  } catch (error) {
    core.debug(`telemetry not written: ${errorMessage(error)}`);
    return;
  }
  try {
    const kept = await uploadLegTelemetry(job, process.env);
    core.debug(
      kept.uploaded ? `telemetry kept as ${kept.artifact}` : `telemetry not kept as an artifact: ${kept.why}`,
    );
  } catch (error) {
    core.debug(`telemetry not kept as an artifact: ${errorMessage(error)}`);
  }
}

/** The error policy's two kinds (errors.ts): what the user can fix, and what the world did. */
export function errorClassOf(error: unknown): ErrorClass {
  return error instanceof UserError ? 'user-error' : 'infrastructure';
}

/**
 * Runs an action entry point the same way everywhere: failures become one clear error line
 * (stack traces only in debug logs), stray rejections cannot crash silently, and the process
 * exits once the work is done, because a dangling HTTP keep-alive can hold Node open. A failure
 * is never turned into exit 0: core.setFailed sets process.exitCode, which we keep.
 */
export async function runEntry(fn: () => Promise<void>, action?: string): Promise<void> {
  let failedAs: ErrorClass | undefined;
  const fail = async (error: unknown): Promise<void> => {
    failedAs = errorClassOf(error);
    if (!(error instanceof UserError) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(errorMessage(error));
    if (action) await writeTelemetry(action, failedAs);
  };
  process.on('unhandledRejection', (reason) => {
    void fail(reason).finally(() => process.exit());
  });
  process.on('uncaughtException', (error) => {
    void fail(error).finally(() => process.exit());
  });
  try {
    await fn();
    if (action) await writeTelemetry(action, failedAs);
  } catch (error) {
    await fail(error);
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
