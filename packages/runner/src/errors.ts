// The error policy, written once (see docs and design.md "Action contracts"):
// - UserError: the user can fix it (a bad input, a checksum mismatch, a 404 for a version that
//   does not exist). Fails the step with its message as is; never retried.
// - anything else that escapes the retries: fails the step, message prefixed with what was tried.
// - cache trouble never reaches here: packages/cache turns it into warnings.

/** A failure the user can fix; its message names the input or artefact, the bad value and the fix. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** The downloaded bytes are not the ones that were pinned. Never retried, never accepted. */
export class ChecksumMismatchError extends UserError {
  override readonly name = 'ChecksumMismatchError';
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
    /** Where the bytes came from (credentials already stripped), when they were downloaded. */
    readonly source?: string,
  ) {
    super(
      `sha256 mismatch for ${what}: expected ${expected}, got ${actual}` +
        (source
          ? ` (downloaded from ${source}); the file there is not the pinned one: if it changed on purpose, update the pinned sha256, otherwise fix the mirror`
          : ''),
    );
  }
}

/** The message of anything thrown, without a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
