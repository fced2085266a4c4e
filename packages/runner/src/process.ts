import { spawn } from 'node:child_process';
import * as exec from '@actions/exec';
import { infoWithoutCommands, mayHoldWorkflowCommand } from './logger';

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
  /** Stops the command (its whole process group) when aborted: a per-attempt timeout. */
  signal?: AbortSignal;
}

/** The one way our code starts processes; a port so logic can be tested with recorded answers. */
export type ProcessRunner = (command: string, args: string[], options?: RunOptions) => Promise<ProcessResult>;

export const execRunner: ProcessRunner = async (command, args, options = {}) => {
  if (options.signal) return spawnAbortable(command, args, options, options.signal);
  // @actions/exec echoes `[command]<command> <args>` as is; arguments a runner could read as a workflow
  // command (a path holding `##[`) get our guarded echo instead, and the output is passed on unchanged.
  const guarded = !options.silent && mayHoldWorkflowCommand(`${command} ${args.join(' ')}`);
  if (guarded)
    infoWithoutCommands(`[command]${command} ${args.join(' ')}`, (line) => process.stdout.write(`${line}\n`));
  const result = await exec.getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: (options.silent ?? false) || guarded,
    ...(guarded
      ? {
          listeners: {
            stdout: (data: Buffer) => process.stdout.write(data),
            stderr: (data: Buffer) => process.stderr.write(data),
          },
        }
      : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: { ...(process.env as Record<string, string>), ...options.env } } : {}),
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

/**
 * @actions/exec cannot stop what it started; a command with a time limit runs in its own process
 * group, so an abort also ends what it spawned (uv's build backends), then reports exit code 124 as
 * timeout(1) does. Output goes to the log as @actions/exec would print it.
 */
function spawnAbortable(
  command: string,
  args: string[],
  options: RunOptions,
  signal: AbortSignal,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    // The arguments may hold paths and inputs: guarded like any log line (`##[` may sit anywhere in it).
    if (!options.silent)
      infoWithoutCommands(`[command]${command} ${args.join(' ')}`, (line) =>
        process.stdout.write(`${line}\n`),
      );
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!options.silent) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!options.silent) process.stderr.write(chunk);
    });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    signal.addEventListener('abort', kill, { once: true });
    child.once('error', (error) => {
      signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.once('close', (code) => {
      signal.removeEventListener('abort', kill);
      resolve({ exitCode: signal.aborted ? 124 : (code ?? 1), stdout, stderr });
    });
  });
}

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
