import type { Logger, Platform, ProcessRunner } from '@ci-kit/runner';
import { installNox, parseNoxVersion, verifiedVersion } from '@ci-kit/tools';

export { parseNoxVersion };

export interface NoxResult {
  version: string;
  /** Folder to put on PATH (empty when nox was already there). */
  binDir: string;
  source: 'path' | 'tool-cache' | 'uv-tool';
}

interface NoxDeps {
  run: ProcessRunner;
  log: Logger;
  which: (tool: string) => Promise<string>;
  uv: string;
  /** The interpreter nox runs on: the job's Python (resolvePython). */
  python: string;
  attempts: number;
  platform: Platform;
  toolCacheRoot: string;
  tempDir: string;
  env: Record<string, string>;
  /** The job's environment (RUNNER_TEMP and the run's ids): where earlier steps left what they verified. */
  jobEnv: NodeJS.ProcessEnv;
}

/** nox on PATH at the version (the pre-warmed image), else the tool cache's (installNox, shared). */
export async function ensureNox(version: string, deps: NoxDeps): Promise<NoxResult> {
  const onPath = await deps.which('nox');
  if (onPath && verifiedVersion(deps.jobEnv, 'nox', onPath) === version) {
    deps.log.info(
      `nox ${version} is already on PATH at ${onPath} (checked by an earlier step of ours in this job): nothing to install`,
    );
    return { version, binDir: '', source: 'path' };
  }
  if (onPath) {
    const probe = await deps.run(onPath, ['--version'], { silent: true });
    if (parseNoxVersion(probe.stdout + probe.stderr) === version) {
      deps.log.info(`nox ${version} is already on PATH at ${onPath}: nothing to install`);
      return { version, binDir: '', source: 'path' };
    }
  }
  const installed = await installNox({
    uv: deps.uv,
    python: deps.python,
    version,
    toolCacheRoot: deps.toolCacheRoot,
    tempDir: deps.tempDir,
    platform: deps.platform,
    run: deps.run,
    log: deps.log,
    attempts: deps.attempts,
    env: deps.env,
  });
  deps.log.info(
    `nox ${version} from the ${installed.source === 'uv-tool' ? 'hash-locked install (uv pip install --require-hashes)' : 'tool cache'}`,
  );
  return { version, binDir: installed.binPath, source: installed.source };
}
