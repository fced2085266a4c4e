import type { Mode, Reason, Requirement } from './names';

/** What was found under one name; the value itself never leaves run.ts. */
export type Presence = 'present' | 'unset' | 'empty' | 'blank';

/** present = non-empty after trimming; the other three say how it is missing (for the hint in the log). */
export function presenceOf(value: string | undefined): Presence {
  if (value === undefined) return 'unset';
  if (value === '') return 'empty';
  if (value.trim() === '') return 'blank';
  return 'present';
}

export interface DecideInput {
  /** Names in input order, each once. */
  names: readonly string[];
  presence: Readonly<Record<string, Presence>>;
  require: Requirement;
  /** The run is a pull request the forge gives no secrets (see detectForkPullRequest). */
  fork: boolean;
}

export interface Decision {
  mode: Mode;
  /** The requirement is met; always the same as mode === 'online'. */
  available: boolean;
  present: string[];
  missing: string[];
  reason: Reason;
}

/**
 * mode follows the requirement; reason explains the secrets, not the mode:
 * - 'all-present' only when every listed secret is present. With `require: any` and some missing the
 *   mode is online but the reason still says why the others are missing, because reporting
 *   'all-present' there would be false and a fourth value would change the public contract.
 * - otherwise 'fork-pull-request' when the run is a fork pull request (the forge withheld them),
 *   else 'missing-secrets' (not configured, not passed through env:, empty or whitespace only).
 * A fork pull request with every secret present (a forge configured to send secrets to forks) is
 * 'all-present': the `fork` output still says it is a fork.
 */
export function decide({ names, presence, require, fork }: DecideInput): Decision {
  const present = names.filter((name) => presence[name] === 'present');
  const missing = names.filter((name) => presence[name] !== 'present');
  const available = require === 'all' ? missing.length === 0 : present.length > 0;
  const reason: Reason =
    missing.length === 0 ? 'all-present' : fork ? 'fork-pull-request' : 'missing-secrets';
  return { mode: available ? 'online' : 'offline', available, present, missing, reason };
}
