// buildah against one store of its own (`--root`, `--runroot`, `--storage-driver`), for the image test
// and the example workflow's images: each keeps a store apart (image-build.test.ts clears its own).
import { spawn } from 'node:child_process';

export interface BuildahRun {
  code: number | null;
  output: string;
}

export interface Buildah {
  /** Runs buildah in its own process group; a run past timeoutMs is killed, group and all. */
  run(args: string[], timeoutMs?: number): Promise<BuildahRun>;
  /** run, then its trimmed output; a non-zero exit throws with the output's last 4000 characters. */
  must(args: string[]): Promise<string>;
}

export function buildahWith(storageArgs: string[], defaultTimeoutMs: number): Buildah {
  const run = (args: string[], timeoutMs = defaultTimeoutMs): Promise<BuildahRun> => {
    const child = spawn('buildah', [...storageArgs, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
        reject(new Error(`buildah ${args.join(' ')} did not finish within ${timeoutMs} ms\n${output}`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  };
  const must = async (args: string[]): Promise<string> => {
    const result = await run(args);
    if (result.code !== 0)
      throw new Error(`buildah ${args.join(' ')} failed:\n${result.output.slice(-4000)}`);
    return result.output.trim();
  };
  return { run, must };
}
