// A job as the runner runs it, step after step: each step sees the job env, what earlier steps wrote to
// GITHUB_ENV and GITHUB_PATH, and its own env; node steps go through test/harness/runner.ts (the
// bundles run exactly as in the integration tests), shell steps get the same env made by the same code.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAction, type ActionResult, type Job, type RunOptions } from '../test/harness/runner';
import { buildStepEnv } from '../test/harness/runner-env';
import { parseKeyValueFile, parsePathFile } from '../test/harness/workflow-commands';

export interface StepRecord {
  label: string;
  ms: number;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

export interface ShellResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  durationMs: number;
}

export class StepFailed extends Error {
  constructor(label: string, detail: string) {
    super(`step '${label}' failed: ${detail}`);
    this.name = 'StepFailed';
  }
}

const STEP_TIMEOUT_MS = 5 * 60_000;

export class JobFlow {
  readonly steps: StepRecord[] = [];
  private readonly exported: Record<string, string> = {};
  private readonly pathLines: string[];

  constructor(
    readonly job: Job,
    /** Job-level env (the workflow's env: and the runner's ACTIONS_* variables). */
    private readonly jobEnv: Record<string, string | undefined>,
    /** PATH entries the job starts with, in GITHUB_PATH order (the image's tool folders). */
    initialPath: string[] = [],
  ) {
    this.pathLines = [...initialPath];
  }

  /** A node action step; a failing step throws unless `allowFailure`. */
  async node(
    label: string,
    action: string,
    opts: Omit<RunOptions, 'path'> & { allowFailure?: boolean } = {},
  ): Promise<ActionResult> {
    const { allowFailure, ...runOpts } = opts;
    const result = await runAction(this.job, action, {
      timeoutMs: STEP_TIMEOUT_MS,
      ...runOpts,
      env: { ...this.jobEnv, ...this.exported, ...runOpts.env },
      path: [...this.pathLines],
    });
    this.record(label, result.durationMs, result.stdout, result.summary, result.outputs);
    if (result.exitCode !== 0 && !allowFailure) {
      throw new StepFailed(label, describeFailure(result.exitCode, result.errors.join('; '), result.stderr));
    }
    if (result.exitCode === 0) this.apply(result.env, result.path);
    return result;
  }

  /** A `run:` step: `sh -c command` in the job's env, with the runner's file commands. */
  async shell(
    label: string,
    command: string,
    opts: { env?: Record<string, string | undefined>; action?: string; allowFailure?: boolean } = {},
  ): Promise<ShellResult> {
    const stepDir = await this.job.newStepDir(label);
    const files: Record<string, string> = {};
    for (const [variable, name] of [
      ['GITHUB_OUTPUT', 'output'],
      ['GITHUB_ENV', 'env'],
      ['GITHUB_PATH', 'path'],
      ['GITHUB_STATE', 'state'],
      ['GITHUB_STEP_SUMMARY', 'summary'],
    ] as const) {
      files[variable] = path.join(stepDir, name);
      await writeFile(files[variable], '');
    }
    const eventPath = path.join(stepDir, 'event.json');
    await writeFile(eventPath, '{}');
    const env = buildStepEnv(
      this.job,
      opts.action ?? label,
      { env: { ...this.jobEnv, ...this.exported, ...opts.env }, path: [...this.pathLines] },
      files,
      eventPath,
      {},
    );
    const started = performance.now();
    const child = spawn('sh', ['-c', command], {
      cwd: this.job.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.job.children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, STEP_TIMEOUT_MS);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        this.job.children.delete(child);
        resolve(code);
      });
    });
    const durationMs = performance.now() - started;
    const read = (variable: string) => readFile(files[variable] as string, 'utf8');
    const result: ShellResult = {
      exitCode,
      stdout,
      stderr,
      outputs: parseKeyValueFile(await read('GITHUB_OUTPUT')).values,
      env: parseKeyValueFile(await read('GITHUB_ENV')).values,
      path: parsePathFile(await read('GITHUB_PATH')),
      durationMs,
    };
    this.record(label, durationMs, stdout, await read('GITHUB_STEP_SUMMARY'), result.outputs);
    if (exitCode !== 0 && !opts.allowFailure) {
      throw new StepFailed(label, describeFailure(exitCode, '', `${stdout}\n${stderr}`));
    }
    if (exitCode === 0) this.apply(result.env, result.path);
    return result;
  }

  totalMs(): number {
    return this.steps.reduce((sum, step) => sum + step.ms, 0);
  }

  stepMs(label: string): number {
    return this.steps.find((step) => step.label === label)?.ms ?? Number.NaN;
  }

  step(label: string): StepRecord | undefined {
    return this.steps.find((step) => step.label === label);
  }

  private record(
    label: string,
    ms: number,
    stdout: string,
    summary: string,
    outputs: Record<string, string>,
  ): void {
    this.steps.push({ label, ms, stdout, summary, outputs });
  }

  private apply(env: Record<string, string>, added: string[]): void {
    Object.assign(this.exported, env);
    this.pathLines.push(...added);
  }
}

function describeFailure(exitCode: number | null, errors: string, output: string): string {
  const tail = output.trim().split('\n').slice(-15).join('\n');
  return `exit ${exitCode}${errors ? `: ${errors}` : ''}\n${tail}`;
}
