import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { telemetry } from './telemetry';

/**
 * The one logging port. Shared code takes a Logger instead of importing @actions/core, so unit
 * tests can record messages and the same code runs outside an action (setup scripts, benches).
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Text a runner would read as a workflow command, as the runners parse. GitHub's runner
 * (actions/runner ActionCommand.cs) acts on the Azure-style `##[name]` anywhere in a line, and trims a
 * line with .NET's Trim (every Unicode blank: U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000, NEL) before it looks for `::name::`; act (the Forgejo runner) reads both at a line's
 * start only. This takes the wider reading, and also skips control and format characters (zero-width
 * spaces, a BOM) before `::`: wrapping harmless text costs two lines, missing a command costs the job.
 * status-check.mjs keeps the same pattern (test/unit/workflow-command-guard.test.ts keeps them in step).
 */
export const WORKFLOW_COMMAND = /##\[|^[\s\p{Cc}\p{Cf}\p{Z}]*::/mu;

/** Whether a runner could read a line of `text` as a workflow command (see WORKFLOW_COMMAND). */
export function mayHoldWorkflowCommand(text: string): boolean {
  return WORKFLOW_COMMAND.test(text);
}

/**
 * Prints text that may hold values from inputs, files or tools. core.info writes it as is, so a value
 * with a newline followed by `::set-output name=x::y` (a file name in a pull request, a mirror URL)
 * would be a command for the runner. Such text goes out between `::stop-commands::<token>` and
 * `::<token>::`, which both runners honour: printed, never run. Text that no runner would read as a
 * command (WORKFLOW_COMMAND) is printed as it is.
 */
export function infoWithoutCommands(message: string, write: (line: string) => void = core.info): void {
  if (!mayHoldWorkflowCommand(message)) {
    write(message);
    return;
  }
  const token = `ci-kit-${randomUUID()}`;
  write(`::stop-commands::${token}`);
  write(message);
  write(`::${token}::`);
}

/** Logs through @actions/core: workflow commands on stdout, log groups on the runner. */
export const coreLogger: Logger = {
  info: (message) => infoWithoutCommands(message),
  warning: (message) => {
    telemetry.warning(message);
    core.warning(message);
  },
  debug: (message) => core.debug(message),
  group: (name, fn) => core.group(name, fn),
};
