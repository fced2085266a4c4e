import * as core from '@actions/core';
import { UserError } from './errors';

/** Reads one input by its action.yml name; a port so input loaders are testable without env. */
export type InputReader = (name: string) => string;

export const coreInputReader: InputReader = (name) => core.getInput(name);

/** The one wording of a refused input, as the runner itself words it: the input, the value, what is valid. */
export function invalidInput(name: string, value: string, valid: string): UserError {
  return new UserError(`The value '${value}' is not valid for '${name}'. Valid values are: ${valid}`);
}

/** An optional sha256 input: '' when empty, else 64 hex digits (lowercased). */
export function sha256Input(read: InputReader, name: string): string {
  const value = read(name).trim();
  if (value === '' || /^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  throw invalidInput(name, value, '64 hex digits');
}

/**
 * A folder the runner provides (RUNNER_TOOL_CACHE, RUNNER_TEMP, GITHUB_WORKSPACE); its absence means
 * the action is not running on a runner, which no input can fix.
 */
export function runnerVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(`${name} is not set: this action must run on a Forgejo or GitHub Actions runner`);
  return value;
}

/** `true`/`false` the way YAML 1.2 core schema spells them, and nothing else. */
export function booleanInput(read: InputReader, name: string): boolean {
  const value = read(name).trim();
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw invalidInput(name, value, 'true, false');
}

export function enumInput<T extends string>(read: InputReader, name: string, allowed: readonly T[]): T {
  const value = read(name).trim();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalidInput(name, value, allowed.join(', '));
}

export function integerInput(read: InputReader, name: string, min: number, max: number): number {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw invalidInput(name, value, `a whole number from ${min} to ${max}`);
  }
  return parsed;
}

/** Names or patterns separated by spaces, commas or newlines; duplicates dropped, order kept. */
export function listInput(read: InputReader, name: string): string[] {
  return [
    ...new Set(
      read(name)
        .split(/[\s,]+/)
        .filter((item) => item !== ''),
    ),
  ];
}
