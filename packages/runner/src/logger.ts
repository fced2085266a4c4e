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
 * A line the runner would read as a workflow command (`::set-output ...`, Azure-style `##[...]`).
 * Runners trim the line before they look, so leading blanks do not make it text.
 */
const COMMAND_LINE = /^[ \t\f\v]*(::|##\[)/m;

/**
 * Prints text that may hold values from inputs, files or tools. core.info writes it as is, so a value
 * with a newline followed by `::set-output name=x::y` (a file name in a pull request, a mirror URL)
 * would be a command for the runner. Such text goes out between `::stop-commands::<token>` and
 * `::<token>::`, which both runners honour: printed, never run. Text without such a line is untouched.
 */
export function infoWithoutCommands(message: string, write: (line: string) => void = core.info): void {
  if (!COMMAND_LINE.test(message)) {
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
