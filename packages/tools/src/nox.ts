import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Arch, Logger, ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import { findInToolCache, toolCacheDir, type ToolCacheEntry } from '@ci-kit/download';

export interface NoxInstallOptions {
  /** The uv that installs nox (`uv tool install`). */
  uv: string;
  version: string;
  toolCacheRoot: string;
  arch: Arch;
  run: ProcessRunner;
  log: Logger;
  attempts: number;
  /** Extra environment for uv (UV_CACHE_DIR, an index or wheel mirror). */
  env?: Record<string, string>;
}

export interface NoxInstall {
  binPath: string;
  source: 'tool-cache' | 'uv-tool';
}

/** nox prints its version alone (to stderr in most releases). */
export function parseNoxVersion(output: string): string | undefined {
  return /(\d{4}\.\d+\.\d+)/.exec(output)?.[1];
}

/**
 * nox in the tool cache, one layout for every action: nox/<version>/<arch>, marked complete last.
 * uv's tool venvs hold absolute paths, so it is installed in place rather than staged and renamed;
 * an unmarked folder is debris and is removed first. A complete entry is trusted only when its nox
 * runs and reports the version: a venv made by another image's interpreter (a tool cache shared
 * across job images) is replaced, not left broken on PATH forever.
 */
export async function installNox(opts: NoxInstallOptions): Promise<NoxInstall> {
  const entry: ToolCacheEntry = { tool: 'nox', version: opts.version, arch: opts.arch };
  const cached = findInToolCache(opts.toolCacheRoot, entry);
  if (cached) {
    const reported = await noxVersionAt(path.join(cached, 'bin'), opts.run);
    if (reported === opts.version) return { binPath: path.join(cached, 'bin'), source: 'tool-cache' };
    opts.log.info(
      `nox in the tool cache at ${cached} ${reported ? `reports ${reported}` : 'does not run here'}: installing it again`,
    );
  }
  const dir = toolCacheDir(opts.toolCacheRoot, entry);
  await rm(`${dir}.complete`, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const binPath = path.join(dir, 'bin');
  const args = ['tool', 'install', '--force', `nox==${opts.version}`];
  await retryCommand(opts.run, opts.uv, args, {
    attempts: opts.attempts,
    log: opts.log,
    what: `uv tool install nox==${opts.version}`,
    env: { ...opts.env, UV_TOOL_DIR: path.join(dir, 'tools'), UV_TOOL_BIN_DIR: binPath, UV_NO_PROGRESS: '1' },
  });
  const installed = await noxVersionAt(binPath, opts.run);
  if (installed !== opts.version) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nox ${opts.version} was installed but reports ${installed ?? 'no version'}`);
  }
  await writeFile(`${dir}.complete`, '');
  return { binPath, source: 'uv-tool' };
}

async function noxVersionAt(binPath: string, run: ProcessRunner): Promise<string | undefined> {
  const nox = path.join(binPath, 'nox');
  if (!existsSync(nox)) return undefined;
  const probe = await run(nox, ['--version'], { silent: true }).catch(() => undefined);
  return probe && probe.exitCode === 0 ? parseNoxVersion(probe.stdout + probe.stderr) : undefined;
}
