import { execFile } from 'node:child_process';
import type { ToolName } from './names';
import {
  findOnPath,
  nodeVersionIfRunning,
  noxVersionFromMetadata,
  versionOnRunner,
  parseToolVersion,
  VERSION_PROBES,
  type VersionProbe,
} from '@ci-kit/tools';

/** What running a command gave; `missing` when it could not be started (not on PATH). */
export type ExecResult = { missing: true } | { missing: false; exitCode: number; output: string };

export interface ExecOptions {
  env: NodeJS.ProcessEnv;
  /** Default 15 s (a version check); installs pass more. */
  timeoutMs?: number;
}

/** Runs a command found on PATH (or by absolute path); a port so tests can fake it. */
export type Exec = (command: string, args: string[], options: ExecOptions) => Promise<ExecResult>;

/** child_process.execFile with a timeout; stdout and stderr together (nox prints its version on stderr). */
export const processExec: Exec = (command, args, { env, timeoutMs = 15_000 }) =>
  new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT' || code === 'EACCES') {
          resolve({ missing: true });
          return;
        }
        const exitCode = error ? (typeof code === 'number' ? code : 1) : 0;
        resolve({ missing: false, exitCode, output: `${stdout}\n${stderr}` });
      },
    );
  });

/** How each tool tells its version, and how much of it must match the pin: one table (packages/tools). */
export const PROBES = VERSION_PROBES;
type ProbeSpec = VersionProbe;

export type ProbeStatus = 'ok' | 'missing' | 'mismatch';

export interface Probe {
  tool: ToolName;
  status: ProbeStatus;
  /** The version found ('' when missing; 'unknown' when it ran but printed no version). */
  found: string;
  ms: number;
  /** True when the version was read without running the tool (static-version.ts, the runner's record). */
  readStatically?: boolean;
}

/** A version known without running the tool, or undefined to run it; a port so tests can turn it off. */
export type StaticProbe = (tool: ToolName, env: NodeJS.ProcessEnv) => string | undefined;

/**
 * nox from its installed metadata and node from the running process (static-version.ts): the two
 * probes that start an interpreter. The other exact pins (uv, helm, kubeconform) from what an earlier
 * job on this runner read by running that very file (verified.ts; `helm version` is the slow one).
 */
export const staticProbe: StaticProbe = (tool, env) => {
  if (tool !== 'nox' && tool !== 'node' && !RUNNER_RECORDED.has(tool)) return undefined;
  const file = findOnPath(tool, env);
  if (!file) return undefined;
  if (tool === 'nox') return noxVersionFromMetadata(file);
  if (tool === 'node') return nodeVersionIfRunning(file);
  return versionOnRunner(env, tool, file);
};

/** The tools whose versions the runner's record keeps: exact pins that are single binaries. */
export const RUNNER_RECORDED: ReadonlySet<ToolName> = new Set(['uv', 'helm', 'kubeconform']);

/**
 * Compares the tool's version with the expected one: read statically where that is safe, else by
 * running `<tool> <version args>`. A `command` other than the tool's name (a just-installed binary
 * by its path) is always run.
 */
export async function probeTool(
  exec: Exec,
  tool: ToolName,
  expected: string,
  env: NodeJS.ProcessEnv,
  command: string = tool,
  readStatic: StaticProbe = staticProbe,
): Promise<Probe> {
  const started = performance.now();
  const spec = PROBES[tool];
  const known = command === tool ? readStatic(tool, env) : undefined;
  if (known) {
    const status = versionMatches(spec.match, known, expected) ? 'ok' : 'mismatch';
    return { tool, status, found: known, ms: performance.now() - started, readStatically: true };
  }
  const result = await exec(command, spec.args, { env });
  const ms = performance.now() - started;
  if (result.missing) return { tool, status: 'missing', found: '', ms };
  const found = parseToolVersion(tool, result.output) ?? '';
  if (result.exitCode !== 0 && !found) return { tool, status: 'missing', found: '', ms };
  return {
    tool,
    status: versionMatches(spec.match, found, expected) ? 'ok' : 'mismatch',
    found: found || 'unknown',
    ms,
  };
}

export function versionMatches(match: ProbeSpec['match'], found: string, expected: string): boolean {
  if (match === 'present') return true;
  if (!found) return false;
  if (match === 'min-major') return Number(found.split('.')[0]) >= Number(expected.split('.')[0]);
  return found === expected;
}

/** What the summary shows as expected: the pinned version, `>=<major>` for node, "any" otherwise. */
export function describeExpected(tool: ToolName, pinned: string): string {
  switch (PROBES[tool].match) {
    case 'exact':
      return pinned;
    case 'min-major':
      return `>=${pinned.split('.')[0]}`;
    case 'present':
      return 'any';
  }
}
