import { rm } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, type Logger } from '@ci-kit/runner';
import type { CacheService } from './service';
import { PAYLOAD, withStableRoot } from './stable-root';
import { captureToolkitDiagnostics } from './toolkit-diagnostics';

export type RestoreStatus = 'hit' | 'partial' | 'miss' | 'unavailable' | 'failed';

export interface RestoreReport {
  status: RestoreStatus;
  matchedKey?: string;
  /** Where the restored payload is (root/payload) when status is hit or partial. */
  payloadDir?: string;
  /** Why it failed, when it did; already logged once as a warning. */
  problem?: string;
}

export interface CacheCall {
  service: CacheService;
  log: Logger;
  /** A folder of ours (under RUNNER_TEMP); the payload lives at root/payload. */
  root: string;
}

/**
 * Restores `key` (or the newest entry matching a restore key) into root/payload. Never throws for
 * service trouble: that is one warning and a `failed` report, and the job goes on without cache.
 */
export async function restoreEntry(
  call: CacheCall,
  key: string,
  restoreKeys: string[] = [],
): Promise<RestoreReport> {
  if (!call.service.available()) return { status: 'unavailable' };
  const payloadDir = path.join(call.root, PAYLOAD);
  try {
    const { value: matchedKey, problems } = await captureToolkitDiagnostics(() =>
      withStableRoot(call.root, (paths) => call.service.restore(paths, key, restoreKeys)),
    );
    if (problems.length > 0) return await failedRestore(call, payloadDir, problems.join('; '));
    if (matchedKey === undefined) return { status: 'miss' };
    return { status: matchedKey === key ? 'hit' : 'partial', matchedKey, payloadDir };
  } catch (error) {
    return failedRestore(call, payloadDir, errorMessage(error));
  }
}

/** A failed restore may have extracted part of an archive: none of it may be used. */
async function failedRestore(call: CacheCall, payloadDir: string, problem: string): Promise<RestoreReport> {
  await rm(payloadDir, { recursive: true, force: true });
  call.log.warning(`cache restore failed, continuing without cache: ${problem}`);
  return { status: 'failed', problem };
}

export type SaveStatus = 'saved' | 'exists' | 'unavailable' | 'failed';

export interface SaveReport {
  status: SaveStatus;
  problem?: string;
}

/** Saves root/payload under `key`. Never throws: trouble is one warning and a `failed` report. */
export async function saveEntry(call: CacheCall, key: string): Promise<SaveReport> {
  if (!call.service.available()) return { status: 'unavailable' };
  try {
    const { value: id, problems } = await captureToolkitDiagnostics(() =>
      withStableRoot(call.root, (paths) => call.service.save(paths, key)),
    );
    if (id !== -1) return { status: 'saved' };
    if (problems.length === 0) {
      // The toolkit reports "another job may be creating this cache" as info, not as a problem.
      return { status: 'exists' };
    }
    const problem = problems.join('; ');
    call.log.warning(`cache save failed (the job is not affected): ${problem}`);
    return { status: 'failed', problem };
  } catch (error) {
    const problem = errorMessage(error);
    call.log.warning(`cache save failed (the job is not affected): ${problem}`);
    return { status: 'failed', problem };
  }
}
