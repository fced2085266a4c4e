import { constants } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import { errorMessage, UserError } from './errors';

/** What each errno says about a folder we tried to write. */
const DISK_PROBLEMS: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk (no space left on the device)',
  EDQUOT: 'is over its disk quota',
  EACCES: 'is not writable by this user (permission denied)',
  EPERM: 'is not writable by this user (operation not permitted)',
};

/** The errno of a write that failed because of the disk, not the data or the network. */
export function diskErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code in DISK_PROBLEMS ? code : undefined;
}

/**
 * A runner folder (RUNNER_TOOL_CACHE, RUNNER_TEMP, ...) that cannot be written. A UserError: retrying
 * does not help, and falling back to another install path that writes to the same disk does not either.
 */
export class DiskError extends UserError {
  override readonly name = 'DiskError';
  constructor(
    readonly folder: string,
    readonly variable: string,
    readonly code: string,
    detail: string,
  ) {
    super(
      `cannot write to ${variable} (${folder}): it ${DISK_PROBLEMS[code] ?? 'cannot be written'} (${detail}); ` +
        `give the runner a writable ${variable} with free space`,
    );
  }
}

/** Less than this free is "full": what a failed write leaves on a disk that ran out. */
const FULL_BYTES = 1024 * 1024;

/**
 * Turns a failure while writing under `folder` into a DiskError when the disk is the cause, else
 * returns the error as it was. The errno decides when there is one; when there is none (tar's exit
 * status, or the ENOENT Node's recursive mkdir reports on a read-only mount) the folder itself is
 * probed: not writable, or (nearly) no space left. Call it before cleaning up, so a full disk is
 * still full when it is looked at.
 */
export async function diskErrorFor(error: unknown, folder: string, variable: string): Promise<unknown> {
  if (error instanceof DiskError) return error;
  const code = diskErrorCode(error);
  if (code) return new DiskError(folder, variable, code, errorMessage(error));
  try {
    await access(folder, constants.W_OK);
  } catch (probe) {
    const probeCode = diskErrorCode(probe);
    if (probeCode) return new DiskError(folder, variable, probeCode, errorMessage(error));
    return error;
  }
  try {
    const stats = await statfs(folder);
    if (Math.min(stats.bavail, stats.bfree) * stats.bsize < FULL_BYTES) {
      return new DiskError(folder, variable, 'ENOSPC', errorMessage(error));
    }
  } catch {
    // No statfs (or the folder is gone): nothing more to say than the error itself.
  }
  return error;
}
