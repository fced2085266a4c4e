import { UserError } from '@ci-kit/runner';

/** The time limits of one download (see docs/guarantees.md, "Downloads"). */
export interface DownloadTimeouts {
  /** No byte for this long ends the attempt (a stalled server), which is then retried. */
  idleTimeoutMs: number;
  /** One attempt, however busy, ends after this long (a trickle that never finishes), and is retried. */
  attemptTimeoutMs: number;
  /** No attempt starts after this long since the first one: the bound on all the retries together. */
  deadlineMs: number;
}

export const DEFAULT_DOWNLOAD_TIMEOUTS: DownloadTimeouts = {
  idleTimeoutMs: 30_000,
  attemptTimeoutMs: 10 * 60_000,
  deadlineMs: 20 * 60_000,
};

/**
 * Env variables that change the limits for every action that downloads (cached-tool, prepare-python,
 * setup-prewarmed-runner): set once in a workflow's or job's `env:`. Not inputs, because they are a
 * property of the network a runner sits on, not of one step. Values are seconds (decimals allowed).
 */
export const DOWNLOAD_TIMEOUT_ENV: Record<keyof DownloadTimeouts, string> = {
  idleTimeoutMs: 'CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS',
  attemptTimeoutMs: 'CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS',
  deadlineMs: 'CI_KIT_DOWNLOAD_DEADLINE_SECONDS',
};

const MAX_SECONDS = 6 * 60 * 60;

/** The limits in effect: the defaults, each overridden by its env variable when that is set. */
export function downloadTimeouts(env: NodeJS.ProcessEnv = process.env): DownloadTimeouts {
  const timeouts = { ...DEFAULT_DOWNLOAD_TIMEOUTS };
  for (const key of Object.keys(DOWNLOAD_TIMEOUT_ENV) as Array<keyof DownloadTimeouts>) {
    const name = DOWNLOAD_TIMEOUT_ENV[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const seconds = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || seconds <= 0 || seconds > MAX_SECONDS) {
      throw new UserError(
        `The value '${raw}' is not valid for ${name}. Valid values are: a number of seconds above 0 and up to ${MAX_SECONDS} (e.g. 30 or 0.5)`,
      );
    }
    timeouts[key] = Math.round(seconds * 1000);
  }
  return timeouts;
}
