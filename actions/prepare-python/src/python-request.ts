import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError, type Logger } from '@ci-kit/runner';
import type { PreparePythonInputs } from './inputs';
import { parsePythonVersionFile } from './python';

/**
 * The Python request: `python-version`, else what `python-version-file` names, else none (uv then
 * reads the project folder itself, as `uv sync` will).
 */
export async function pythonRequestOf(
  inputs: PreparePythonInputs,
  workspace: string,
  log: Logger,
): Promise<string | undefined> {
  if (!inputs.pythonVersionFile) return inputs.pythonVersion;
  if (inputs.pythonVersion) {
    log.warning(
      `both python-version and python-version-file are set: python-version (${inputs.pythonVersion}) is used`,
    );
    return inputs.pythonVersion;
  }
  const file = path.resolve(workspace, inputs.pythonVersionFile);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError(
      `python-version-file: ${file} does not exist; give a path relative to the workspace (${workspace})`,
    );
  });
  const request = parsePythonVersionFile(file, text);
  if (!request) throw new UserError(`python-version-file: ${file} names no Python version`);
  log.info(`Python ${request}, from ${inputs.pythonVersionFile}`);
  return request;
}
