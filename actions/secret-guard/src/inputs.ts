import { enumInput, UserError, type InputReader } from '@ci-kit/runner';
import { Inputs, ON_MISSING_VALUES, REQUIRE_VALUES, type OnMissing, type Requirement } from './names';

export interface SecretGuardInputs {
  /** Secret names in the order given, each once. */
  names: string[];
  /** Names listed more than once (reported once in outputs; logged so the typo is visible). */
  duplicates: string[];
  require: Requirement;
  onMissing: OnMissing;
}

/** Environment variable syntax: the values come from the step's env under these names. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ACCEPTED_NAMES =
  "environment variable names (letters, digits and '_', not starting with a digit), separated by spaces, commas or newlines";

/**
 * Every input validated before anything is read or printed. Nothing here sees a secret value: only
 * names, so an error line can quote what was given.
 */
export function loadInputs(read: InputReader): SecretGuardInputs {
  const items = read(Inputs.Secrets)
    .split(/[\s,]+/)
    .filter((item) => item !== '');
  if (items.length === 0) {
    throw new UserError(`${Inputs.Secrets}: required (${ACCEPTED_NAMES})`);
  }
  const invalid = [...new Set(items.filter((item) => !NAME.test(item)))];
  const [first, ...others] = invalid;
  if (first !== undefined) {
    const more =
      others.length > 0 ? ` (also not valid: ${others.map((name) => `'${name}'`).join(', ')})` : '';
    throw new UserError(
      `The value '${first}' is not valid for '${Inputs.Secrets}'. Valid values are: ${ACCEPTED_NAMES}${more}`,
    );
  }
  const names = [...new Set(items)];
  const duplicates = names.filter((name) => items.indexOf(name) !== items.lastIndexOf(name));
  return {
    names,
    duplicates,
    require: enumInput(read, Inputs.Require, REQUIRE_VALUES),
    onMissing: enumInput(read, Inputs.OnMissing, ON_MISSING_VALUES),
  };
}
