// The slow path, loaded only when something has to be installed: the fast path must not pay for
// importing the download and cache stack (@actions/cache and friends) it does not use.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Logger, type Platform } from '@ci-kit/runner';
import { toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { findInToolCache, toolCacheDir, type ToolCacheEntry } from '@ci-kit/download';
import { retry } from '@ci-kit/retry';
import { installTool, planPinnedTool, TOOL_DEFINITIONS, TOOLCHAIN } from '@ci-kit/tools';
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
    attempts: 4,
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

/**
 * nox with `uv tool install nox==<pin>` into the tool cache (nox/<version>/<arch>, marked complete
 * last, as the rest of the tool cache). uv's tool venvs hold absolute paths, so it is installed in
 * place rather than staged and renamed; an unmarked folder is debris and is removed first.
 */
export async function installNox(uv: string, ctx: InstallContext): Promise<Installed> {
  const { version } = TOOLCHAIN.nox;
  const entry: ToolCacheEntry = { tool: 'nox', version, arch: ctx.platform.arch };
  const cached = findInToolCache(ctx.toolCacheRoot, entry);
  if (cached && existsSync(path.join(cached, 'bin', 'nox'))) {
    return { binPath: path.join(cached, 'bin'), source: 'tool-cache', detail: cached };
  }
  const dir = toolCacheDir(ctx.toolCacheRoot, entry);
  await rm(`${dir}.complete`, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const env = {
    ...ctx.env,
    UV_TOOL_DIR: path.join(dir, 'tools'),
    UV_TOOL_BIN_DIR: path.join(dir, 'bin'),
    UV_NO_PROGRESS: '1',
  };
  const args = ['tool', 'install', '--force', `nox==${version}`];
  const { attempts } = await retry(
    async () => {
      const result = await ctx.exec(uv, args, { env, timeoutMs: 10 * 60_000 });
      if (result.missing) throw new Error(`${uv} cannot be run`);
      ctx.log.info(result.output.trim());
      if (result.exitCode !== 0) throw new Error(`uv ${args.join(' ')} exited with ${result.exitCode}`);
    },
    {
      attempts: 3,
      what: `uv ${args.join(' ')}`,
      log: ctx.log,
      // uv's own HTTP retries come first; what is left (an index outage, a resolver hiccup) is worth one more go.
      classify: () => ({ retryable: true, reason: 'uv tool install failed' }),
    },
  );
  if (!existsSync(path.join(dir, 'bin', 'nox'))) {
    throw new Error(`uv ${args.join(' ')} left no ${path.join(dir, 'bin', 'nox')}`);
  }
  await writeFile(`${dir}.complete`, '');
  return { binPath: path.join(dir, 'bin'), source: 'uv', detail: `uv tool install, ${attempts} attempt(s)` };
}
