// Runs a composite action's `run:` steps the way the runner does, for the tests that feed them hostile
// inputs: each `${{ }}` expression is evaluated and pasted into `env:` values and into the `run:` text
// itself (textually, as the runner does, which is why our actions keep expressions out of `run:`), the
// script is written to a file and run with the step's shell (`sh -e {0}`, `bash --noprofile --norc -eo
// pipefail {0}`), each step gets fresh file-command files, and steps.<id>.outputs feed the next steps and
// the action's `outputs:`.
//
// Only the expressions our action.yml files use are understood (inputs.x, steps.id.outputs.x,
// github.action_path, env.x); anything else throws, so a test never silently evaluates it wrong.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { actionDirOf, loadActionManifest } from './action-manifest';
import { buildStepEnv } from './runner-env';
import type { Job } from './runner';
import {
  parseKeyValueFile,
  parsePathFile,
  summarizeCommands,
  type CommandSummary,
} from './workflow-commands';

interface RawStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, unknown>;
  if?: string;
}

interface RawComposite {
  outputs?: Record<string, { value?: string }>;
  runs?: { using?: string; steps?: RawStep[] };
}

export interface CompositeStepResult extends CommandSummary {
  id: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  problems: string[];
  /** The script as the runner would have written it (expressions already pasted in). */
  script: string;
}

export interface CompositeResult {
  steps: CompositeStepResult[];
  /** The action's outputs, from its `outputs.<name>.value` expressions. */
  outputs: Record<string, string>;
  /** The first failing step's exit code, else 0. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface CompositeOptions {
  inputs?: Record<string, string>;
  /** Job-level env (what `env:` of the job or workflow gives every step). */
  env?: Record<string, string | undefined>;
  path?: string[];
  timeoutMs?: number;
  /** Where action.yml is (default actions/<action>). */
  actionDir?: string;
}

const SHELLS: Record<string, (file: string) => string[]> = {
  sh: (file) => ['sh', '-e', file],
  bash: (file) => ['bash', '--noprofile', '--norc', '-eo', 'pipefail', file],
};

export async function runComposite(
  job: Job,
  action: string,
  opts: CompositeOptions = {},
): Promise<CompositeResult> {
  const dir = opts.actionDir ?? actionDirOf(action);
  const raw = parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as RawComposite;
  if (raw.runs?.using !== 'composite') throw new Error(`${action} is not a composite action`);
  const defaults = loadActionManifest(dir)?.inputDefaults ?? {};
  const inputs = { ...defaults, ...opts.inputs };
  const stepOutputs: Record<string, Record<string, string>> = {};
  const jobEnv = Object.fromEntries(
    Object.entries(opts.env ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined),
  );
  const evaluate = (text: string): string =>
    text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_whole, expression: string) => {
      let match = /^inputs\.([\w-]+)$/.exec(expression);
      if (match) return inputs[match[1] as string] ?? '';
      match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (match) return stepOutputs[match[1] as string]?.[match[2] as string] ?? '';
      match = /^env\.(\w+)$/.exec(expression);
      if (match) return jobEnv[match[1] as string] ?? '';
      if (expression === 'github.action_path') return dir;
      throw new Error(`runComposite: expression '${expression}' is not supported`);
    });

  const steps: CompositeStepResult[] = [];
  let exitCode: number | null = 0;
  for (const [index, step] of (raw.runs.steps ?? []).entries()) {
    if (step.uses) throw new Error(`runComposite: 'uses:' steps are not supported (${step.uses})`);
    if (step.if) throw new Error(`runComposite: 'if:' is not supported (${step.if})`);
    const id = step.id ?? `__${index}`;
    const stepDir = await job.newStepDir(`${action}-${id}`);
    const files: Record<string, string> = {};
    for (const [variable, name] of Object.entries({
      GITHUB_OUTPUT: 'output',
      GITHUB_ENV: 'env',
      GITHUB_PATH: 'path',
      GITHUB_STATE: 'state',
      GITHUB_STEP_SUMMARY: 'summary',
    })) {
      files[variable] = path.join(stepDir, name);
      await writeFile(files[variable], '');
    }
    const eventPath = path.join(stepDir, 'event.json');
    await writeFile(eventPath, '{}');
    const stepEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = evaluate(String(value ?? ''));
    const env = {
      ...buildStepEnv(job, action, { inputDefaults: false, path: opts.path ?? [] }, files, eventPath, {}),
      ...jobEnv,
      GITHUB_ACTION_PATH: dir,
      ...stepEnv,
    };
    const script = evaluate(step.run ?? '');
    const scriptFile = path.join(stepDir, 'script.sh');
    await writeFile(scriptFile, script);
    const shell = SHELLS[step.shell ?? 'sh'];
    if (!shell) throw new Error(`runComposite: shell '${step.shell}' is not supported`);
    const [command, ...args] = shell(scriptFile) as [string, ...string[]];
    const run = await spawnStep(command, args, env, job.workspace, opts.timeoutMs ?? 60_000);
    const outputs = parseKeyValueFile(await readFile(files.GITHUB_OUTPUT as string, 'utf8'));
    const exported = parseKeyValueFile(await readFile(files.GITHUB_ENV as string, 'utf8'));
    stepOutputs[id] = outputs.values;
    steps.push({
      id,
      exitCode: run.code,
      stdout: run.stdout,
      stderr: run.stderr,
      outputs: outputs.values,
      env: exported.values,
      path: parsePathFile(await readFile(files.GITHUB_PATH as string, 'utf8')),
      summary: await readFile(files.GITHUB_STEP_SUMMARY as string, 'utf8'),
      problems: [...outputs.problems, ...exported.problems],
      script,
      ...summarizeCommands(run.stdout),
    });
    if (run.code !== 0) {
      exitCode = run.code;
      break;
    }
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(raw.outputs ?? {})) outputs[name] = evaluate(spec.value ?? '');
  return {
    steps,
    outputs,
    exitCode,
    stdout: steps.map((s) => s.stdout).join(''),
    stderr: steps.map((s) => s.stderr).join(''),
  };
}

function spawnStep(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Gone already.
      }
      reject(new Error(`composite step did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
