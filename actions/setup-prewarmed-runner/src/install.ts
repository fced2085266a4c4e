// The slow path, loaded only when something has to be installed: the fast path must not pay for
// importing the download and cache stack (@actions/cache and friends) it does not use.
import { execRunner, type Logger, type Platform } from '@ci-kit/runner';
import { toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { DOWNLOAD_ATTEMPTS } from '@ci-kit/retry';
import {
  installNox as installNoxInToolCache,
  installTool,
  planPinnedTool,
  TOOL_DEFINITIONS,
  TOOLCHAIN,
} from '@ci-kit/tools';
import { Env, MIRROR_LAYOUT } from './names';
import type { Exec } from './probe';

export interface InstallContext {
  toolCacheRoot: string;
  tempDir: string;
  platform: Platform;
  log: Logger;
  /** Default: the runner's cache service. */
  cacheService?: CacheService;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  /** CI_KIT_DOWNLOAD_MIRROR, validated; undefined = upstream. */
  mirror?: string;
}

export interface Installed {
  /** Folder to put on PATH. */
  binPath: string;
  /** tool-cache, remote-cache, download (release tools) or uv (nox). */
  source: string;
  /** For the log: where the checksum came from, the retries. */
  detail: string;
}

export type ReleaseTool = keyof typeof TOOL_DEFINITIONS;

/** uv, helm, kubeconform through the shared pipeline: tool cache, remote cache, verified download. */
export async function installReleaseTool(tool: ReleaseTool, ctx: InstallContext): Promise<Installed> {
  const plan = planPinnedTool(tool, {
    version: TOOLCHAIN[tool].version,
    platform: ctx.platform,
    downloadUrlInput: Env.DownloadMirror,
    ...(ctx.mirror ? { downloadUrl: ctx.mirror.replace(/\/+$/, '') + MIRROR_LAYOUT[tool] } : {}),
  });
  const result = await installTool({
    plan,
    toolCacheRoot: ctx.toolCacheRoot,
    tempDir: ctx.tempDir,
    attempts: DOWNLOAD_ATTEMPTS,
    remoteCache: true,
    verify: true,
    cacheService: ctx.cacheService ?? toolkitCacheService,
    log: ctx.log,
  });
  const retries = Math.max(0, result.downloadAttempts - 1);
  const detail = [
    result.sha256 ? `sha256 ${result.sha256.slice(0, 12)}… (${result.sha256Source})` : '',
    retries ? `${retries} retr${retries === 1 ? 'y' : 'ies'}` : '',
    result.timer.describe(),
  ]
    .filter(Boolean)
    .join(', ');
  return { binPath: result.binPath, source: result.source, detail };
}

/** nox through the one installer every action uses (packages/tools installNox: nox/<version>/<arch>). */
export async function installNox(uv: string, ctx: InstallContext): Promise<Installed> {
  const result = await installNoxInToolCache({
    uv,
    // The job's own interpreter: nox runs the project's sessions with it (the image's python3).
    python: 'python3',
    version: TOOLCHAIN.nox.version,
    toolCacheRoot: ctx.toolCacheRoot,
    tempDir: ctx.tempDir,
    platform: ctx.platform,
    run: execRunner,
    log: ctx.log,
    attempts: 3,
  });
  return {
    binPath: result.binPath,
    source: result.source === 'uv-tool' ? 'uv' : 'tool-cache',
    detail: result.source === 'uv-tool' ? 'uv pip install --require-hashes' : result.binPath,
  };
}
