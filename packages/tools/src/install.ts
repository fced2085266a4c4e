import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diskErrorFor, PhaseTimer, telemetry, UserError, type Logger } from '@ci-kit/runner';
import {
  describeSniffed,
  downloadTimeouts,
  downloadVerified,
  entrySlot,
  extractArchive,
  findInToolCache,
  installIntoToolCache,
  isInside,
  parseChecksumFile,
  redactUrl,
  sha256File,
  siblingUrl,
  sniffFormat,
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
import { checkEntry, KEPT_DIR, keptArchive, RECORD } from './entry-check';

export type InstallSource = 'tool-cache' | 'remote-cache' | 'download';

export interface InstallOptions {
  plan: InstallPlan;
  toolCacheRoot: string;
  tempDir: string;
  attempts: number;
  /** Keep the verified archive in the remote cache, and look there before downloading. */
  remoteCache: boolean;
  /** Why this step must not save to the remote cache (`save-cache`, packages/cache/src/save-policy.ts). */
  saveBlocked?: string;
  /** `verify: false`: the explicit opt-out when no checksum source exists. */
  verify: boolean;
  cacheService: CacheService;
  log: Logger;
}

/** The options with the download time limits read from the CI_KIT_DOWNLOAD_* variables (timeouts.ts). */
type Resolved = InstallOptions & { timeouts: DownloadTimeouts };

export interface InstallResult {
  /** The folder holding the binaries (what goes on PATH). */
  binPath: string;
  /** The archive's digest as verified ('' only when verification was turned off). */
  sha256: string;
  sha256Source: 'input' | 'toolchain' | 'checksum-file' | 'none';
  source: InstallSource;
  remoteRestore?: RestoreStatus;
  remoteSave?: SaveStatus;
  downloadAttempts: number;
  timer: PhaseTimer;
}

/**
 * The one install pipeline (cached-tool, prepare-python and setup-prewarmed-runner all use it):
 * this runner's tool cache, else the remote cache, else a download; verified before anything is
 * trusted, extracted in staging, moved into the tool cache only when complete.
 */
export async function installTool(given: InstallOptions): Promise<InstallResult> {
  const timer = new PhaseTimer();
  try {
    return await install(given, timer);
  } finally {
    // The step's telemetry gets every install's phases by tool (`helm download`), failed ones too.
    for (const { name, ms } of timer.phases) telemetry.phase(`${given.plan.tool} ${name}`, ms);
  }
}

async function install(given: InstallOptions, timer: PhaseTimer): Promise<InstallResult> {
  // Read (and validated) first, so a bad CI_KIT_DOWNLOAD_* value is reported before any work.
  const timeouts = downloadTimeouts();
  const options: Resolved = { ...given, timeouts };
  const { plan, log } = options;
  const entry: ToolCacheEntry = {
    tool: plan.tool,
    version: plan.version,
    slot: entrySlot(plan.platform, ...(plan.slotQualifiers ?? [])),
  };

  // The reference a tool-cache entry is checked against comes first: the pin (input, toolchain.json),
  // else the published checksum file, fetched again; never what the entry says of itself.
  const expected = await timer.time('checksum', () => inTemp(options, () => expectedDigest(options)));
  const cached = await timer.time('tool cache', () => fromToolCache(options, entry, expected.sha256));
  if (cached) {
    log.info(`${plan.tool} ${plan.version} found in the tool cache: ${cached.binPath}`);
    return {
      binPath: cached.binPath,
      sha256: expected.sha256,
      sha256Source: expected.source,
      source: 'tool-cache',
      downloadAttempts: 0,
      timer,
    };
  }

  const work = await mkdtemp(path.join(options.tempDir, `ci-kit-${plan.tool}-`)).catch(async (error) => {
    throw await diskErrorFor(error, options.tempDir, 'RUNNER_TEMP');
  });
  try {
    if (expected.source === 'checksum-file' || expected.source === 'none') warnAboutPlainHttp(options);
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
            urlKnob: plan.urlKnob,
            ...timeouts,
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
    } else if (options.remoteCache && source === 'download' && options.saveBlocked) {
      log.info(`remote cache save skipped: ${options.saveBlocked}`);
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

/**
 * Plain http is accepted (an internal mirror often is), but not silently: without a pinned digest,
 * the archive and the checksum file that vouches for it come over the same unauthenticated channel,
 * so anyone on the network path can replace both. The checksum then proves integrity, not origin.
 */
function warnAboutPlainHttp({ plan, log }: InstallOptions): void {
  if (!/^http:/i.test(plan.url)) return;
  log.warning(
    `${redactUrl(plan.url)} is plain http and nothing pins the sha256 of ${plan.fileName}: the archive and its checksum come over one unauthenticated channel, so anyone on the network path could replace both. Pin the digest (sha256 input) or serve ${plan.urlKnob} over https`,
  );
}

/** Runs a phase that writes under RUNNER_TEMP; a disk that cannot take it is named as such. */
async function inTemp<T>(options: InstallOptions, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw await diskErrorFor(error, options.tempDir, 'RUNNER_TEMP');
  }
}

async function fromToolCache(options: InstallOptions, entry: ToolCacheEntry, sha256: string) {
  const dir = findInToolCache(options.toolCacheRoot, entry);
  if (!dir) return undefined;
  if (!sha256) {
    options.log.info(
      `tool cache entry ${dir} not taken from the tool cache: nothing pins its sha256 (verify: false), so nothing can tell it from a planted one; reinstalling`,
    );
    return undefined;
  }
  const verdict = await checkEntry(options.plan, dir, sha256);
  if (verdict?.kind === 'stale') {
    options.log.info(`tool cache entry ${dir} ${verdict.text}: reinstalling (the entry is replaced)`);
    return undefined;
  }
  if (verdict) {
    options.log.warning(
      `tool cache entry ${dir} is not the pinned ${options.plan.tool} ${options.plan.version}: ${verdict.text}; not used, replaced by a fresh verified install`,
    );
    return undefined;
  }
  return { binPath: path.join(dir, options.plan.binDir) };
}

/** Pinned digest first; else the checksum file published beside the archive; else only verify: false. */
async function expectedDigest(
  options: Resolved,
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

async function fetchPublishedDigest(options: Resolved, url: string, checksumFileName: string) {
  const dir = await mkdtemp(path.join(options.tempDir, 'ci-kit-checksum-'));
  try {
    const file = path.join(dir, 'checksum');
    await downloadVerified({
      url,
      dest: file,
      what: checksumFileName,
      attempts: options.attempts,
      log: options.log,
      urlKnob: options.plan.urlKnob,
      ...options.timeouts,
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
  const dir = await installIntoToolCache(
    options.toolCacheRoot,
    entry,
    async (staging) => {
      if (plan.format === 'binary') await placeBareBinary(plan, archive, staging);
      else await extractArchive(archive, plan.format, staging, plan.fileName);
      for (const binary of plan.binaries) await makeExecutable(plan, staging, binary);
      // The verified archive stays with the entry: a later hit is checked against it (entry-check.ts).
      if (plan.format !== 'binary') {
        await mkdir(path.join(staging, KEPT_DIR));
        await copyFile(archive, keptArchive(staging, plan));
      }
      await writeFile(
        path.join(staging, RECORD),
        JSON.stringify({ sha256, url: redactUrl(plan.url), fileName: plan.fileName }),
      );
    },
    // Another job may have placed the same tool meanwhile (kept), or a stale entry is there (replaced).
    async (placed) => Boolean(sha256) && (await checkEntry(plan, placed, sha256)) === undefined,
  );
  return path.join(dir, plan.binDir);
}

/** A release file that is the binary itself: only where the definition says so, and never an archive. */
async function placeBareBinary(plan: InstallPlan, file: string, staging: string): Promise<void> {
  const found = await sniffFormat(file);
  if (found !== 'other') {
    throw new UserError(
      `${plan.fileName} was declared a bare binary but starts like ${describeSniffed(found)}; set archive-format to its format, or check ${plan.urlKnob}`,
    );
  }
  const [binary] = plan.binaries;
  await mkdir(path.join(staging, plan.binDir), { recursive: true });
  await copyFile(file, path.join(staging, plan.binDir, binary as string));
}

/**
 * chmod follows links, so the file it changes must be a regular file inside staging: a link (already
 * refused when it leaves the tree, see links.ts) is resolved first and checked again.
 */
async function makeExecutable(plan: InstallPlan, staging: string, binary: string): Promise<void> {
  const file = path.join(staging, plan.binDir, binary);
  if (!existsSync(file)) {
    throw new UserError(
      `${plan.fileName} does not contain ${path.posix.join(plan.binDir, binary)}; check the archive layout of ${redactUrl(plan.url)} (archive-path/binary inputs for custom tools)`,
    );
  }
  const real = await realpath(file);
  if (!isInside(await realpath(staging), real) || !(await stat(real)).isFile()) {
    throw new UserError(
      `${path.posix.join(plan.binDir, binary)} in ${plan.fileName} is not a file inside the archive; refused`,
    );
  }
  await chmod(real, 0o755);
}
