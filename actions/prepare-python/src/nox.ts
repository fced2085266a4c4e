import path from 'node:path';
import type { Logger, ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';

export interface NoxInstall {
  version: string;
  /** Folder to put on PATH (empty when nox was already there). */
  binDir: string;
  source: 'path' | 'uv-tool';
}

interface NoxDeps {
  run: ProcessRunner;
  log: Logger;
  which: (tool: string) => Promise<string>;
  uv: string;
  attempts: number;
  /** Where `uv tool` keeps nox: under the tool cache, so persistent runners install it once. */
  toolDir: string;
  env: Record<string, string>;
}

/** nox prints its version alone (to stderr in most releases). */
export function parseNoxVersion(output: string): string | undefined {
  return /(\d{4}\.\d+\.\d+)/.exec(output)?.[1];
}

export async function ensureNox(version: string, deps: NoxDeps): Promise<NoxInstall> {
  const onPath = await deps.which('nox');
  if (onPath) {
    const probe = await deps.run(onPath, ['--version'], { silent: true });
    if (parseNoxVersion(probe.stdout + probe.stderr) === version) {
      deps.log.info(`nox ${version} is already on PATH at ${onPath}: nothing to install`);
      return { version, binDir: '', source: 'path' };
    }
  }
  const binDir = path.join(deps.toolDir, 'bin');
  const env = { ...deps.env, UV_TOOL_DIR: deps.toolDir, UV_TOOL_BIN_DIR: binDir };
  await retryCommand(deps.run, deps.uv, ['tool', 'install', `nox==${version}`], {
    attempts: deps.attempts,
    log: deps.log,
    what: `uv tool install nox==${version}`,
    env,
  });
  const probe = await deps.run(path.join(binDir, 'nox'), ['--version'], { silent: true });
  const installed = parseNoxVersion(probe.stdout + probe.stderr);
  if (installed !== version)
    throw new Error(`nox ${version} was installed but reports ${installed ?? 'no version'}`);
  return { version, binDir, source: 'uv-tool' };
}
