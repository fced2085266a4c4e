import * as core from '@actions/core';
import { UserError } from './errors';

/** Reads one input by its action.yml name; a port so input loaders are testable without env. */
export type InputReader = (name: string) => string;

export const coreInputReader: InputReader = (name) => core.getInput(name);

/** `true`/`false` the way YAML 1.2 core schema spells them, and nothing else. */
export function booleanInput(read: InputReader, name: string): boolean {
  const value = read(name).trim();
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UserError(`The value '${value}' is not valid for '${name}'. Valid values are: true, false`);
}

export function enumInput<T extends string>(read: InputReader, name: string, allowed: readonly T[]): T {
  const value = read(name).trim();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(
    `The value '${value}' is not valid for '${name}'. Valid values are: ${allowed.join(', ')}`,
  );
}

export function integerInput(read: InputReader, name: string, min: number, max: number): number {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UserError(
      `The value '${value}' is not valid for '${name}'. Valid values are: a whole number from ${min} to ${max}`,
    );
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
