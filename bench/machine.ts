// What the numbers were measured on: a benchmark without its machine is not reproducible.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fmtBytes } from './stats';

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  loadAtStart: string;
  commit: string;
  tools: Record<string, string>;
}

function firstLine(command: string, args: string[], cwd?: string): string {
  try {
    const out = execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    });
    return out.split('\n')[0]?.trim() ?? '';
  } catch {
    return 'not available';
  }
}

const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

export function describeMachine(repoRoot: string, toolPaths: Record<string, string[]>): MachineInfo {
  const cpus = os.cpus();
  const dirty = firstLine('git', ['status', '--porcelain', '--untracked-files=no'], repoRoot);
  const commit = firstLine('git', ['rev-parse', '--short=12', 'HEAD'], repoRoot);
  const tools: Record<string, string> = {};
  for (const [name, [command, ...args]] of Object.entries(toolPaths)) {
    tools[name] = firstLine(command as string, args);
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: fmtBytes(os.totalmem()),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAtStart: loadAverage(),
    commit: `${commit}${dirty && dirty !== 'not available' ? ' (with uncommitted changes)' : ''}`,
    tools,
  };
}

export function currentLoad(): string {
  return loadAverage();
}
