import { enumInput, UserError, type InputReader, invalidInput } from '@ci-kit/runner';
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
 * Names a Forgejo server refuses as user secrets (and GitHub refuses GITHUB_*). The job token comes
 * under three of them in every job, fork pull requests included (read-only there), so a guard on one
 * would always say online: a push job guarded on FORGEJO_TOKEN would run on a fork's pull request
 * with a read-only token and go red. The digit case is already refused by NAME.
 */
const RESERVED = /^(FORGEJO_|GITEA_|GITHUB_)/i;
const JOB_TOKEN = /^(FORGEJO|GITEA|GITHUB)_TOKEN$/i;

/** One line: the first reserved name, why it cannot be guarded, and a name to use instead. */
function reservedMessage([first = '', ...others]: string[]): string {
  const why = JOB_TOKEN.test(first)
    ? `Forgejo reserves ${first} for the automatic job token, which every job gets (even on pull requests from forks, read-only there), so a guard on it is always online`
    : 'Forgejo reserves names starting with FORGEJO_, GITEA_ or GITHUB_ (it refuses such secrets, and its automatic job token under those names is always present, even on pull requests from forks)';
  const more = others.length > 0 ? ` (also reserved: ${others.map((name) => `'${name}'`).join(', ')})` : '';
  return invalidInput(
    Inputs.Secrets,
    first,
    `names of secrets you configure; ${why}; store the secret under another name, e.g. ${suggestedName(first)}${more}`,
  ).message;
}

/** PUSH_TOKEN for the job token's names (the usual reason to want a token of one's own), else MY_<rest>. */
function suggestedName(name: string): string {
  if (JOB_TOKEN.test(name)) return 'PUSH_TOKEN';
  return `MY_${name.replace(RESERVED, '')}`;
}

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
    throw invalidInput(Inputs.Secrets, first, `${ACCEPTED_NAMES}${more}`);
  }
  const reserved = [...new Set(items.filter((item) => RESERVED.test(item)))];
  if (reserved[0] !== undefined) throw new UserError(reservedMessage(reserved));
  const names = [...new Set(items)];
  const duplicates = names.filter((name) => items.indexOf(name) !== items.lastIndexOf(name));
  return {
    names,
    duplicates,
    require: enumInput(read, Inputs.Require, REQUIRE_VALUES),
    onMissing: enumInput(read, Inputs.OnMissing, ON_MISSING_VALUES),
  };
}
