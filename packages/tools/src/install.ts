import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diskErrorFor, UserError, type Logger, PhaseTimer } from '@ci-kit/runner';
import {
  downloadTimeouts,
  downloadVerified,
  extractArchive,
  findInToolCache,
  installIntoToolCache,
  parseChecksumFile,
  redactUrl,
  sha256File,
  siblingUrl,
  type DownloadTimeouts,
  type ToolCacheEntry,
} from '@ci-kit/download';
import {
  cacheKey,
  restoreEntry,
  saveEntry,
  type CacheService,
  type RestoreStatus,
  type SaveStatus,
} from '@ci-kit/cache';
import type { InstallPlan } from './plan';

export type InstallSource = 'tool-cache' | 'remote-cache' | 'download';

export interface InstallOptions {
  plan: InstallPlan;
  toolCacheRoot: string;
  tempDir: string;
  attempts: number;
  /** Keep the verified archive in the remote cache, and look there before downloading. */
  remoteCache: boolean;
  /** `verify: false`: the explicit opt-out when no checksum source exists. */
  verify: boolean;
  cacheService: CacheService;
  log: Logger;
  /** Default: DEFAULT_DOWNLOAD_TIMEOUTS, changed by the CI_KIT_DOWNLOAD_* env variables (timeouts.ts). */
  timeouts?: DownloadTimeouts;
  retryPorts?: Parameters<typeof downloadVerified>[0]['retryPorts'];
}

export interface InstallResult {
  /** The folder holding the binaries (what goes on PATH). */
  binPath: string;
  /** The archive's digest as verified ('' only when verification was turned off). */
  sha256: string;
  sha256Source: 'input' | 'toolchain' | 'checksum-file' | 'recorded' | 'none';
  source: InstallSource;
  remoteRestore?: RestoreStatus;
  remoteSave?: SaveStatus;
  downloadAttempts: number;
  timer: PhaseTimer;
}

/** Written into each tool-cache entry we make, so a later run knows what it holds. */
const RECORD = '.ci-kit-install.json';

/**
 * The one install pipeline (cached-tool, prepare-python and setup-prewarmed-runner all use it):
 * this runner's tool cache, else the remote cache, else a download; verified before anything is
 * trusted, extracted in staging, moved into the tool cache only when complete.
 */
export async function installTool(given: InstallOptions): Promise<InstallResult> {
  // Read (and validated) first, so a bad CI_KIT_DOWNLOAD_* value is reported before any work.
  const timeouts = given.timeouts ?? downloadTimeouts();
  const options = { ...given, timeouts };
  const { plan, log } = options;
  const timer = new PhaseTimer();
  const entry: ToolCacheEntry = { tool: plan.tool, version: plan.version, arch: plan.platform.arch };

  const cached = await timer.time('tool cache', () => fromToolCache(options, entry));
  if (cached) {
    log.info(`${plan.tool} ${plan.version} found in the tool cache: ${cached.binPath}`);
    return { ...cached, source: 'tool-cache', downloadAttempts: 0, timer };
  }

  const work = await mkdtemp(path.join(options.tempDir, `ci-kit-${plan.tool}-`)).catch(async (error) => {
    throw await diskErrorFor(error, options.tempDir, 'RUNNER_TEMP');
  });
  try {
    const expected = await timer.time('checksum', () => inTemp(options, () => expectedDigest(options)));
    const key = cacheKey(
      'ci-kit-tool',
      plan.tool,
      plan.version,
      plan.platform.os,
      plan.platform.arch,
      // The digest makes the key name the bytes. Without one (verify: false) the URL has to: two tools
      // whose names and versions join to the same words (x-1.0.0 at 2.0.0, x at 1.0.0-2.0.0), or one
      // tool from two mirrors, must never restore each other's unverified archive.
      expected.sha256 ||
        `unverified-${createHash('sha256').update(redactUrl(plan.url)).digest('hex').slice(0, 16)}`,
    );
    const archive = path.join(work, 'payload', plan.fileName);
    const call = { service: options.cacheService, log, root: work };
    let remoteRestore: RestoreStatus | undefined;
    let serviceDown = false;
    let source: InstallSource = 'download';
    let downloadAttempts = 0;

    if (options.remoteCache) {
      const restored = await timer.time('remote cache restore', () => restoreEntry(call, key));
      remoteRestore = restored.status;
      serviceDown = restored.serviceDown ?? false;
      if (restored.status === 'hit' && (await restoredArchiveIsGood(archive, expected.sha256, log)))
        source = 'remote-cache';
    }
    if (source === 'download') {
      await rm(path.dirname(archive), { recursive: true, force: true });
      await mkdir(path.dirname(archive), { recursive: true });
      log.info(`downloading ${redactUrl(plan.url)}`);
      const result = await timer.time('download', () =>
        inTemp(options, () =>
          downloadVerified({
            url: plan.url,
            dest: archive,
            expectedSha256: expected.sha256 || undefined,
            what: plan.fileName,
            attempts: options.attempts,
            log,
            ...timeouts,
            retryPorts: options.retryPorts,
          }),
        ),
      );
      downloadAttempts = result.attempts;
      if (!expected.sha256)
        log.warning(`${plan.fileName} was not verified (verify: false); its sha256 is ${result.sha256}`);
      expected.sha256 ||= result.sha256;
    }

    const binPath = await timer.time('extract', () =>
      installFromArchive(options, entry, archive, expected.sha256),
    );
    let remoteSave: SaveStatus | undefined;
    if (options.remoteCache && source === 'download' && serviceDown) {
      log.info(
        'remote cache save skipped: the cache service did not answer the lookup (see the warning above)',
      );
      remoteSave = 'failed';
    } else if (options.remoteCache && source === 'download') {
      remoteSave = (await timer.time('remote cache save', () => saveEntry(call, key))).status;
    }
    return {
      binPath,
      sha256: expected.sha256,
      sha256Source: expected.source,
      source,
      downloadAttempts,
      timer,
      ...(remoteRestore ? { remoteRestore } : {}),
      ...(remoteSave ? { remoteSave } : {}),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs a phase that writes under RUNNER_TEMP; a disk that cannot take it is named as such. */
async function inTemp<T>(options: InstallOptions, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw await diskErrorFor(error, options.tempDir, 'RUNNER_TEMP');
  }
}

async function fromToolCache(options: InstallOptions, entry: ToolCacheEntry) {
  const dir = findInToolCache(options.toolCacheRoot, entry);
  if (!dir) return undefined;
  const binPath = path.join(dir, options.plan.binDir);
  if (!options.plan.binaries.every((binary) => existsSync(path.join(binPath, binary)))) return undefined;
  const record = await readRecord(dir);
  // An entry made from other bytes than the ones pinned now is not the tool that was asked for.
  if (options.plan.sha256 && record?.sha256 && record.sha256 !== options.plan.sha256) {
    options.log.info(
      `tool cache entry ${dir} holds sha256 ${record.sha256}, not the pinned one; reinstalling`,
    );
    return undefined;
  }
  return { binPath, sha256: record?.sha256 ?? '', sha256Source: 'recorded' as const };
}

async function readRecord(dir: string): Promise<{ sha256?: string } | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, RECORD), 'utf8')) as { sha256?: string };
  } catch {
    return undefined;
  }
}

/** Pinned digest first; else the checksum file published beside the archive; else only verify: false. */
async function expectedDigest(
  options: InstallOptions,
): Promise<{ sha256: string; source: InstallResult['sha256Source'] }> {
  const { plan } = options;
  if (plan.sha256) return { sha256: plan.sha256, source: plan.sha256Source ?? 'input' };
  if (plan.checksumFileName) {
    const checksumUrl = plan.checksumUrl ?? siblingUrl(plan.url, plan.checksumFileName);
    const digest = await fetchPublishedDigest(options, checksumUrl, plan.checksumFileName);
    if (digest) return { sha256: digest, source: 'checksum-file' };
  }
  if (!options.verify) return { sha256: '', source: 'none' };
  throw new UserError(
    `no checksum for ${plan.fileName}: pass its sha256 in the 'sha256' input, or set 'verify: false' to install it unverified`,
  );
}

async function fetchPublishedDigest(options: InstallOptions, url: string, checksumFileName: string) {
  const dir = await mkdtemp(path.join(options.tempDir, 'ci-kit-checksum-'));
  try {
    const file = path.join(dir, 'checksum');
    await downloadVerified({
      url,
      dest: file,
      what: checksumFileName,
      attempts: options.attempts,
      log: options.log,
      ...options.timeouts,
      retryPorts: options.retryPorts,
    });
    const digest = parseChecksumFile(await readFile(file, 'utf8'), options.plan.fileName);
    if (!digest) {
      throw new UserError(`${redactUrl(url)} lists no sha256 for ${options.plan.fileName}`);
    }
    options.log.info(`sha256 of ${options.plan.fileName} from ${redactUrl(url)}: ${digest}`);
    return digest;
  } catch (error) {
    if (!options.verify) {
      options.log.warning(
        `no checksum file at ${redactUrl(url)} (${(error as Error).message}); verify is false`,
      );
      return undefined;
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What came out of the remote cache is re-verified: a cache server is not a trust anchor. */
async function restoredArchiveIsGood(archive: string, expected: string, log: Logger): Promise<boolean> {
  if (!existsSync(archive)) {
    log.warning(`remote cache entry holds no ${path.basename(archive)}; downloading instead`);
    return false;
  }
  if (!expected) return true;
  const actual = await sha256File(archive);
  if (actual === expected) return true;
  log.warning(
    `remote cache entry for ${path.basename(archive)} has sha256 ${actual}, expected ${expected}; downloading instead`,
  );
  return false;
}

async function installFromArchive(
  options: InstallOptions,
  entry: ToolCacheEntry,
  archive: string,
  sha256: string,
) {
  const { plan } = options;
  const dir = await installIntoToolCache(options.toolCacheRoot, entry, async (staging) => {
    if (plan.format === 'binary') {
      const [binary] = plan.binaries;
      await mkdir(path.join(staging, plan.binDir), { recursive: true });
      await copyFile(archive, path.join(staging, plan.binDir, binary as string));
    } else {
      await extractArchive(archive, plan.format, staging);
    }
    for (const binary of plan.binaries) {
      const file = path.join(staging, plan.binDir, binary);
      if (!existsSync(file)) {
        throw new UserError(
          `${plan.fileName} does not contain ${path.posix.join(plan.binDir, binary)}; check the archive layout of ${redactUrl(plan.url)} (archive-path/binary inputs for custom tools)`,
        );
      }
      await chmod(file, 0o755);
    }
    await writeFile(
      path.join(staging, RECORD),
      JSON.stringify({ sha256, url: redactUrl(plan.url), fileName: plan.fileName }),
    );
  });
  return path.join(dir, plan.binDir);
}
