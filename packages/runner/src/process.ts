import * as exec from '@actions/exec';

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Keep the command and its output out of the log (version probes). */
  silent?: boolean;
}

/** The one way our code starts processes; a port so logic can be tested with recorded answers. */
export type ProcessRunner = (command: string, args: string[], options?: RunOptions) => Promise<ProcessResult>;

export const execRunner: ProcessRunner = async (command, args, options = {}) => {
  const result = await exec.getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: options.silent ?? false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: { ...(process.env as Record<string, string>), ...options.env } } : {}),
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

/** Runs a command and throws with its stderr tail when it fails. */
export async function runChecked(
  runner: ProcessRunner,
  command: string,
  args: string[],
  options?: RunOptions,
) {
  const result = await runner(command, args, options);
  if (result.exitCode !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    throw new CommandError(`${command} ${args.join(' ')}`, result.exitCode, tail);
  }
  return result;
}

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number,
    readonly tail: string,
  ) {
    super(`'${command}' exited with ${exitCode}${tail ? `: ${tail}` : ''}`);
  }
}
