import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as io from '@actions/io';
import {
  ChecksumMismatchError,
  DiskError,
  diskErrorFor,
  runChecked,
  type Logger,
  type Platform,
  type ProcessRunner,
} from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import type { CacheService } from '@ci-kit/cache';
import { installTool, parseUvVersion, planPinnedTool, TOOLCHAIN, verifiedVersion } from '@ci-kit/tools';

export { parseUvVersion };
import type { PreparePythonInputs } from './inputs';
import { Inputs } from './names';

export type UvSource = 'path' | 'tool-cache' | 'remote-cache' | 'download' | 'pip';

export interface UvInstall {
  uv: string;
  version: string;
  source: UvSource;
  /** Folder to put on PATH (empty when uv was already on PATH). */
  binDir: string;
}

export interface UvDeps {
  run: ProcessRunner;
  log: Logger;
  which: (tool: string) => Promise<string>;
  cacheService: CacheService;
  platform: Platform;
  toolCacheRoot: string;
  tempDir: string;
  /** The job's environment (RUNNER_TEMP and the run's ids): where earlier steps left what they verified. */
  jobEnv: NodeJS.ProcessEnv;
}

/**
 * The uv the job will use: the one on PATH when it is the requested version (the pre-warmed
 * image), else the shared install pipeline, else — when every download path failed — pip.
 */
export async function ensureUv(inputs: PreparePythonInputs, deps: UvDeps): Promise<UvInstall> {
  const onPath = await deps.which('uv');
  if (onPath && verifiedVersion(deps.jobEnv, 'uv', onPath) === inputs.uvVersion) {
    deps.log.info(
      `uv ${inputs.uvVersion} is already on PATH at ${onPath} (checked by an earlier step of ours in this job): nothing to install`,
    );
    return { uv: onPath, version: inputs.uvVersion, source: 'path', binDir: '' };
  }
  if (onPath) {
    const version = parseUvVersion((await deps.run(onPath, ['--version'], { silent: true })).stdout);
    if (version === inputs.uvVersion) {
      deps.log.info(`uv ${version} is already on PATH at ${onPath} (pre-warmed image): nothing to install`);
      return { uv: onPath, version, source: 'path', binDir: '' };
    }
    deps.log.info(
      `uv on PATH is ${version ?? 'of unknown version'}, not ${inputs.uvVersion}: installing ${inputs.uvVersion}`,
    );
  }
  const plan = planPinnedTool('uv', {
    version: inputs.uvVersion,
    platform: deps.platform,
    downloadUrlInput: Inputs.UvDownloadUrl,
    ...(inputs.uvDownloadUrl ? { downloadUrl: inputs.uvDownloadUrl } : {}),
    ...(inputs.uvSha256 ? { sha256Input: inputs.uvSha256 } : {}),
  });
  try {
    const result = await installTool({
      plan,
      toolCacheRoot: deps.toolCacheRoot,
      tempDir: deps.tempDir,
      attempts: inputs.retries,
      remoteCache: inputs.cache,
      verify: true,
      cacheService: deps.cacheService,
      log: deps.log,
    });
    return {
      uv: path.join(result.binPath, 'uv'),
      version: inputs.uvVersion,
      source: result.source,
      binDir: result.binPath,
    };
  } catch (error) {
    // Bytes that do not match the pin are never replaced by bytes from elsewhere; a disk that cannot
    // be written is the same disk for pip.
    if (error instanceof ChecksumMismatchError || error instanceof DiskError) throw error;
    const fallback = await pipFallback(inputs, deps, error as Error);
    if (!fallback) throw error;
    return fallback;
  }
}

/**
 * Last resort: `pip install uv==<version>` into a venv of ours, when a Python with pip exists, with
 * `--require-hashes` against the wheel digests toolchain.json pins for that version. No fallback when
 * there are none (another version), nor when `uv-sha256` pins bytes of the user's own that no wheel
 * on the package index can be.
 */
async function pipFallback(
  inputs: PreparePythonInputs,
  deps: UvDeps,
  cause: Error,
): Promise<UvInstall | undefined> {
  const wheels = TOOLCHAIN.uv.version === inputs.uvVersion ? TOOLCHAIN.uv['pip-sha256'] : undefined;
  if (inputs.uvSha256 || !wheels) {
    deps.log.info(
      `no pip fallback for uv ${inputs.uvVersion}: ${
        inputs.uvSha256
          ? 'uv-sha256 pins an archive, and pip could only install other bytes'
          : 'toolchain.json pins no wheel digests for this version, and an unverified install is never made'
      }`,
    );
    return undefined;
  }
  const python = (await deps.which('python3')) || (await deps.which('python'));
  if (!python) return undefined;
  const probe = await deps.run(python, ['-m', 'pip', '--version'], { silent: true });
  if (probe.exitCode !== 0) return undefined;
  deps.log.warning(
    `uv ${inputs.uvVersion} could not be downloaded (${cause.message}); falling back to pip install uv==${inputs.uvVersion} from the package index, verified against toolchain.json's wheel digests`,
  );
  const venv = path.join(deps.toolCacheRoot, 'uv-pip', inputs.uvVersion, deps.platform.arch);
  const bin = path.join(venv, 'bin');
  await mkdir(path.dirname(venv), { recursive: true }).catch(async (error: unknown) => {
    throw await diskErrorFor(error, deps.toolCacheRoot, 'RUNNER_TOOL_CACHE');
  });
  if (!existsSync(path.join(bin, 'python'))) await runChecked(deps.run, python, ['-m', 'venv', venv]);
  const requirements = path.join(venv, 'uv-requirements.txt');
  const hashes = Object.values(wheels).map((sha) => ` --hash=sha256:${sha}`);
  await writeFile(requirements, `uv==${inputs.uvVersion}${hashes.join('')}\n`);
  const args = [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--require-hashes',
    '--only-binary=:all:',
    '-r',
    requirements,
  ];
  await retryCommand(deps.run, path.join(bin, 'python'), args, {
    attempts: inputs.retries,
    what: `pip install uv==${inputs.uvVersion}`,
    log: deps.log,
  });
  return { uv: path.join(bin, 'uv'), version: inputs.uvVersion, source: 'pip', binDir: bin };
}

export const whichOnPath = async (tool: string): Promise<string> => io.which(tool, false);
