// buildah against one store of its own (`--root`, `--runroot`, `--storage-driver`), for the image test
// and the example workflow's images: each keeps a store apart (image-build.test.ts clears its own), and
// both start from the same python:3.13-slim stand-in (pythonStandIn).
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './action-manifest';

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

/**
 * The stand-in for python:3.13-slim, committed as `name` in `b`'s store: Debian trixie's minbase root
 * (scripts/setup-chroot.sh, made once per machine) plus Debian's python3, made again only when that
 * root changes. Resolves to the root's stamp (its size and time).
 */
export async function pythonStandIn(b: Buildah, name: string, log?: (line: string) => void): Promise<string> {
  const made = spawnSync('sh', [path.join(repoRoot, 'scripts/setup-chroot.sh')], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (made.status !== 0) throw new Error(`scripts/setup-chroot.sh failed:\n${made.stderr}`);
  const tarball = made.stdout.trim().split('\n').pop() as string;
  const stamp = `${statSync(tarball).size}-${statSync(tarball).mtimeMs}`;
  const existing = await b.run([
    'inspect',
    '--type',
    'image',
    '--format',
    '{{index .OCIv1.Config.Labels "ci-kit.tarball"}}',
    name,
  ]);
  if (existing.code === 0 && existing.output.trim() === stamp) return stamp;
  log?.('making the python:3.13-slim stand-in (Debian trixie minbase + python3 from the Debian mirror)');
  const ctr = await b.must(['from', 'scratch']);
  try {
    await b.must(['add', ctr, tarball, '/']);
    await b.must([
      'run',
      '--isolation',
      'chroot',
      ctr,
      '--',
      'sh',
      '-c',
      'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*',
    ]);
    await b.must(['config', '--label', `ci-kit.tarball=${stamp}`, ctr]);
    await b.must(['commit', '-q', ctr, name]);
  } finally {
    await b.run(['rm', ctr]);
  }
  return stamp;
}
