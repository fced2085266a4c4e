// Real gzip tarballs made by the system tar, as release pipelines make them (directories, modes, GNU
// format), and byte-for-byte reproducible: fixed mtime, owner and order, so the same inputs give the same
// sha256 from one test run to the next.
import { execFile } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TarEntry {
  /** Relative, `/`-separated; parent directories get their own entries, as `tar -czf x.tgz dir` gives. */
  path: string;
  body: Buffer | string;
  /** Default 0644; binaries want 0755. Set explicitly so the test's umask cannot change the archive. */
  mode?: number;
}

/** 2024-01-01T00:00:00Z: any fixed instant works; this one is simply not 1970. */
const FIXED_MTIME = '@1704067200';

export async function makeTarGz(entries: TarEntry[]): Promise<Buffer> {
  const staging = await mkdtemp(path.join(tmpdir(), 'ci-kit-tar-'));
  try {
    const root = path.join(staging, 'root');
    const tops = new Set<string>();
    for (const entry of entries) {
      const segments = entry.path.split('/');
      tops.add(segments[0] ?? entry.path);
      const file = path.join(root, ...segments);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, entry.body);
      await chmod(file, entry.mode ?? 0o644);
      for (let depth = 1; depth < segments.length; depth++) {
        await chmod(path.join(root, ...segments.slice(0, depth)), 0o755);
      }
    }
    const out = path.join(staging, 'out.tar.gz');
    await run('tar', [
      '--sort=name',
      `--mtime=${FIXED_MTIME}`,
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '-czf',
      out,
      '-C',
      root,
      ...[...tops].sort(),
    ]);
    return await readFile(out);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Lines of `tar -tvzf` (mode, owner, size, date, name), for tests that check a layout. */
export async function listTarGz(archive: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-tar-'));
  try {
    const file = path.join(dir, 'archive.tar.gz');
    await writeFile(file, archive);
    const { stdout } = await run('tar', ['-tvzf', file]);
    return stdout.split('\n').filter((line) => line !== '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Incompressible yet reproducible bytes (AES-CTR keystream of a seed): padding that really costs its size
 * in the gzip archive, and the same archive on every run.
 */
export function pseudoRandomBytes(size: number, seed: string): Buffer {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}
