import { rm } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, telemetry, type Logger } from '@ci-kit/runner';
import type { CacheService } from './service';
import { PAYLOAD, withStableRoot } from './stable-root';
import { captureToolkitDiagnostics } from './toolkit-diagnostics';
import { rejectIfStranded } from './stranded';
import { sameKey } from './keys';
import { copyTree, mergeInto } from './payload';
import { extractGuarded, shownName, withGuardedTar, type LinkAllowed } from './guarded-restore';

/**
 * Cache trouble is one warning per step: once the service has failed (a restore that could not reach
 * it, say), a save that fails the same way would only repeat it, so later problems are info lines.
 * Keyed on the logger, which is one per step (coreLogger) or one per unit test.
 */
const warned = new WeakSet<Logger>();

function warnOnce(log: Logger, message: string): void {
  if (warned.has(log)) {
    log.info(`${message} (the cache service already failed in this step)`);
    return;
  }
  warned.add(log);
  log.warning(message);
}

export type RestoreStatus = 'hit' | 'partial' | 'miss' | 'unavailable' | 'failed';

export interface RestoreReport {
  status: RestoreStatus;
  matchedKey?: string;
  /** Where the restored payload is (`into`, else root/payload) when status is hit or partial. */
  payloadDir?: string;
  /** Why it failed, when it did; already logged once as a warning. */
  problem?: string;
  /**
   * The lookup itself failed (the service is down or answers errors), as opposed to an entry that
   * was found but could not be downloaded or extracted. A save in the same step would only fail the
   * same way, after the toolkit's own retries.
   */
  serviceDown?: boolean;
}

export interface CacheCall {
  service: CacheService;
  log: Logger;
  /** A folder of ours (under RUNNER_TEMP), one per step: the payload is staged at root/payload. */
  root: string;
}

export interface RestoreOptions {
  /**
   * The folder the tool reads. The restored payload is merged into it (what it already holds wins),
   * so a folder that exists before the restore (a user's UV_CACHE_DIR) still gets the entry.
   */
  into?: string;
  /**
   * Symbolic links in an entry must point inside its payload; this allows others (prepare-python: the
   * absolute links uv writes to its own `archive-vN/<id>` folders). Absolute targets only.
   */
  allowLink?: LinkAllowed;
}

export interface SaveOptions {
  /** The folder to save, when it is not root/payload itself: staged by hard links for the save. */
  from?: string;
}

/**
 * Restores `key` (or the newest entry matching a restore key) into root/payload. Never throws for
 * service trouble: that is one warning and a `failed` report, and the job goes on without cache.
 */
export async function restoreEntry(
  call: CacheCall,
  key: string,
  restoreKeys: string[] = [],
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  if (!call.service.available()) return { status: 'unavailable' };
  const payloadDir = path.join(call.root, PAYLOAD);
  // A service that accepts connections and never answers would hold this call (and the save after
  // it) for minutes: one small lookup with a short timeout tells first.
  const unreachable = await call.service.probe?.();
  if (unreachable) {
    warnOnce(call.log, `cache restore failed, continuing without cache: ${unreachable}`);
    return { status: 'failed', problem: unreachable, serviceDown: true };
  }
  try {
    // A restore starts from an empty folder: what a killed run left half-extracted there is never
    // mixed into (or, on a miss, mistaken for) an entry.
    await rm(payloadDir, { recursive: true, force: true });
    const {
      value: { value: matchedKey, archive },
      problems,
      archiveBytes,
    } = await captureToolkitDiagnostics(() =>
      withStableRoot(call.root, (paths) =>
        withGuardedTar(call.root, () =>
          rejectIfStranded(call.service.restore(paths, key, restoreKeys), 'the cache restore'),
        ),
      ),
    );
    if (problems.length > 0) {
      if (archive) await rm(archive, { force: true });
      return await failedRestore(call, payloadDir, problems.join('; '));
    }
    telemetry.cacheRestore(matchedKey !== undefined && sameKey(matchedKey, key), archiveBytes);
    if (matchedKey === undefined) return { status: 'miss' };
    if (!archive) return await failedRestore(call, payloadDir, `the entry ${matchedKey} gave no archive`);
    // The toolkit only downloaded it (guarded-restore.ts): checked, then extracted inside the root.
    const refusal = await extractGuarded(call.root, archive, options.allowLink ?? (() => false));
    if (refusal?.kind === 'damaged') return await failedRestore(call, payloadDir, refusal.text);
    if (refusal) {
      await rm(payloadDir, { recursive: true, force: true });
      warnOnce(
        call.log,
        `cache entry ${shownName(matchedKey)} refused, continuing without it: ${refusal.text}; nothing from it was used`,
      );
      return { status: 'miss', problem: refusal.text };
    }
    const into = options.into && path.resolve(options.into) !== path.resolve(payloadDir) ? options.into : '';
    if (into) await mergeInto(payloadDir, into);
    return {
      status: sameKey(matchedKey, key) ? 'hit' : 'partial',
      matchedKey,
      payloadDir: into || payloadDir,
    };
  } catch (error) {
    return failedRestore(call, payloadDir, errorMessage(error));
  }
}

/** A failed restore may have extracted part of an archive: none of it may be used. */
async function failedRestore(call: CacheCall, payloadDir: string, problem: string): Promise<RestoreReport> {
  await rm(payloadDir, { recursive: true, force: true });
  warnOnce(call.log, `cache restore failed, continuing without cache: ${problem}`);
  // @actions/cache names the failed call: "getCacheEntry failed: ..." is the lookup.
  return {
    status: 'failed',
    problem,
    ...(/getCacheEntry failed/.test(problem) ? { serviceDown: true } : {}),
  };
}

export type SaveStatus = 'saved' | 'exists' | 'unavailable' | 'failed';

export interface SaveReport {
  status: SaveStatus;
  problem?: string;
}

/** Saves root/payload under `key`. Never throws: trouble is one warning and a `failed` report. */
export async function saveEntry(
  call: CacheCall,
  key: string,
  options: SaveOptions = {},
): Promise<SaveReport> {
  if (!call.service.available()) return { status: 'unavailable' };
  const payloadDir = path.join(call.root, PAYLOAD);
  const staged = options.from !== undefined && path.resolve(options.from) !== path.resolve(payloadDir);
  try {
    if (staged) {
      await rm(payloadDir, { recursive: true, force: true });
      await copyTree(options.from as string, payloadDir);
    }
    const {
      value: id,
      problems,
      archiveBytes,
      reserveRefused,
    } = await captureToolkitDiagnostics(() =>
      withStableRoot(call.root, (paths) => rejectIfStranded(call.service.save(paths, key), 'the cache save')),
    );
    // Problems first: when the upload or the commit fails after the reserve, the toolkit logs it and
    // still returns the reserved id, so an id alone does not mean the entry was saved.
    if (problems.length > 0) {
      const problem = problems.join('; ');
      warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
      return { status: 'failed', problem };
    }
    if (id !== -1) {
      telemetry.cacheSave(archiveBytes);
      return { status: 'saved' };
    }
    // The toolkit says "another job may be creating this cache" for every refused reserve (a 403, a 404,
    // a 413 alike): only the server's own "already exists" (GitHub's 409) means another job saved it.
    if (reserveRefused !== undefined && /already exists?\b/i.test(reserveRefused))
      return { status: 'exists' };
    const given = reserveRefused && reserveRefused !== 'undefined' ? reserveRefused : '';
    const problem =
      reserveRefused === undefined
        ? 'the cache toolkit saved nothing and gave no reason'
        : given
          ? `the cache service refused to reserve the key: ${given}`
          : 'the cache service refused to reserve the key and gave no reason (an HTTP 404 answers so: is ACTIONS_CACHE_URL a cache service?)';
    warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
    return { status: 'failed', problem };
  } catch (error) {
    const problem = errorMessage(error);
    warnOnce(call.log, `cache save failed (the job is not affected): ${problem}`);
    return { status: 'failed', problem };
  } finally {
    if (staged) await rm(payloadDir, { recursive: true, force: true });
  }
}
