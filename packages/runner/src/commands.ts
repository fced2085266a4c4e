import * as core from '@actions/core';

/**
 * The runner's side effects an action asks for: outputs, env and PATH for later steps, state for its
 * post step. A port, so an action's run() reads as decisions and tests record what it asked for.
 */
export interface RunnerCommands {
  setOutput(name: string, value: string): void;
  /** Set for every later step of the job (GITHUB_ENV) and for this process. */
  exportVariable(name: string, value: string): void;
  /** Put first on PATH for every later step (GITHUB_PATH) and for this process. */
  addPath(dir: string): void;
  saveState(name: string, value: string): void;
}

export const coreCommands: RunnerCommands = {
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value),
  addPath: (dir) => core.addPath(dir),
  saveState: (name, value) => core.saveState(name, value),
};
