// What the runner reads from an action's action.yml before it starts a node step: which file to run for
// main/post, the input defaults it turns into INPUT_* variables, and post-if. Tests go through this so a
// wrong `main:` path or a missing default fails here, as it would on a real runner.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type Entry = 'main' | 'post';

export interface ActionManifest {
  dir: string;
  /** Absolute script paths, when `runs.using` is a node runtime. */
  scripts: Partial<Record<Entry, string>>;
  /** Input defaults the runner would export; `${{ }}` expressions other than job.status are left out. */
  inputDefaults: Record<string, string>;
  postIf: string;
}

interface RawManifest {
  inputs?: Record<string, { default?: unknown } | null>;
  runs?: { using?: string; main?: string; post?: string; 'post-if'?: string };
}

export function actionDirOf(action: string): string {
  return path.join(repoRoot, 'actions', action);
}

/** undefined when the directory has no action.yml (an action not written yet). */
export function loadActionManifest(dir: string): ActionManifest | undefined {
  const file = ['action.yml', 'action.yaml'].map((name) => path.join(dir, name)).find((f) => existsSync(f));
  if (!file) return undefined;
  const raw = (parse(readFileSync(file, 'utf8')) ?? {}) as RawManifest;
  const runs = raw.runs ?? {};
  const scripts: ActionManifest['scripts'] = {};
  if (runs.using?.startsWith('node')) {
    if (runs.main) scripts.main = path.resolve(dir, runs.main);
    if (runs.post) scripts.post = path.resolve(dir, runs.post);
  }
  const inputDefaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(raw.inputs ?? {})) {
    const value = spec?.default;
    if (value === undefined || value === null) continue;
    const text = String(value);
    // `${{ job.status }}` is the one expression the harness evaluates (runAction's jobStatus).
    if (!text.includes('${{') || text.trim() === JOB_STATUS) inputDefaults[name] = text;
  }
  return { dir, scripts, inputDefaults, postIf: runs['post-if'] ?? 'success()' };
}

export const JOB_STATUS = '${{ job.status }}';

/**
 * Whether the runner would start the post step. Only the status functions are understood; anything
 * richer throws so a test never silently assumes the wrong answer.
 */
export function postWouldRun(postIf: string, jobStatus: 'success' | 'failure'): boolean {
  const condition = postIf.replace(/^\s*\$\{\{\s*|\s*\}\}\s*$/g, '').trim();
  if (condition.includes('always()')) return true;
  if (condition === 'success()') return jobStatus === 'success';
  if (condition === 'failure()') return jobStatus === 'failure';
  if (condition === 'cancelled()') return false;
  throw new Error(`post-if '${postIf}' is beyond what the test runner evaluates`);
}

/** @actions/core's naming: `INPUT_` + upper case, spaces to `_`, dashes kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
