import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { PAYLOAD } from '@ci-kit/cache';
import { diskErrorFor, invalidInput, runnerVariable, type RunnerCommands } from '@ci-kit/runner';
import type { PreparePythonInputs } from './inputs';
import { Inputs } from './names';

export interface JobFolders {
  workspace: string;
  tempDir: string;
  toolCacheRoot: string;
  /** `working-directory`, resolved and checked to be inside the workspace. */
  projectDir: string;
  /** Our staging folder for this step (a restore lands in stagingRoot/payload). */
  stagingRoot: string;
  /** The folder uv uses as its cache: the user's UV_CACHE_DIR, else stagingRoot/payload. */
  uvCacheDir: string;
}

const STAGING_PREFIX = 'ci-kit-uv-cache-';

/** A UV_CACHE_DIR that an earlier prepare-python step of this job made (RUNNER_TEMP/ci-kit-uv-cache-*\/payload). */
function isOwnCacheDir(dir: string, tempDir: string): boolean {
  const parts = path.relative(tempDir, dir).split(path.sep);
  return parts.length === 2 && (parts[0] ?? '').startsWith(STAGING_PREFIX) && parts[1] === PAYLOAD;
}

/**
 * The folders this step works in, made and checked before anything else runs, and UV_CACHE_DIR
 * exported for the later steps. A staging root per step: two prepare-python steps in one job never
 * restore into, or save, each other's folder. uv uses root/payload directly unless the user (or the
 * image) chose UV_CACHE_DIR; a UV_CACHE_DIR that an earlier step of ours exported is not the user's choice.
 */
export async function prepareJobFolders(
  inputs: PreparePythonInputs,
  env: NodeJS.ProcessEnv,
  commands: RunnerCommands,
): Promise<JobFolders> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const tempDir = runnerVariable(env, 'RUNNER_TEMP');
  const toolCacheRoot = runnerVariable(env, 'RUNNER_TOOL_CACHE');
  const projectDir = path.resolve(workspace, inputs.workingDirectory);
  const inWorkspace = path.relative(workspace, projectDir);
  if (inWorkspace === '..' || inWorkspace.startsWith(`..${path.sep}`) || path.isAbsolute(inWorkspace)) {
    throw invalidInput(
      Inputs.WorkingDirectory,
      inputs.workingDirectory,
      `a folder inside the workspace (${workspace}), relative to it or absolute`,
    );
  }
  const stagingRoot = await mkdtemp(path.join(tempDir, STAGING_PREFIX)).catch(async (error: unknown) => {
    throw await diskErrorFor(error, tempDir, 'RUNNER_TEMP');
  });
  const userCacheDir = env.UV_CACHE_DIR && !isOwnCacheDir(env.UV_CACHE_DIR, tempDir) ? env.UV_CACHE_DIR : '';
  const uvCacheDir = userCacheDir || path.join(stagingRoot, PAYLOAD);
  // Made first, so a folder that cannot be written is named here, not as uv's "no interpreter found".
  await mkdir(uvCacheDir, { recursive: true }).catch(async (error: unknown) => {
    throw await (userCacheDir
      ? diskErrorFor(error, uvCacheDir, 'UV_CACHE_DIR')
      : diskErrorFor(error, tempDir, 'RUNNER_TEMP'));
  });
  commands.exportVariable('UV_CACHE_DIR', uvCacheDir);
  return { workspace, tempDir, toolCacheRoot, projectDir, stagingRoot, uvCacheDir };
}
