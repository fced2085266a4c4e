// extractGuarded (packages/cache/src/guarded-restore.ts) with the real tar and zstd: a restore
// decompresses its archive once, feeding our member check and tar from the same stream, and still
// refuses a hostile member wherever it sits, leaving nothing of the entry behind.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { extractGuarded } from '@ci-kit/cache';
import { repoRoot } from '../harness/runner';

const hasZstd = spawnSync('zstd', ['--version']).status === 0;
const describeIfZstd = hasZstd ? describe : describe.skip;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ci-kit-guarded-extract-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd = dir): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
}

/** A zstd archive of `payload/` with `files` files, as @actions/cache makes it; `extra` appends members. */
function archive(files: number, extra?: (tar: string) => void): string {
  const src = path.join(dir, 'src');
  for (let i = 0; i < files; i++) {
    const sub = path.join(src, 'payload', `d${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `f${i}.py`), `value = ${i}\n`.repeat(50));
  }
  const tar = path.join(dir, 'entry.tar');
  sh('tar', ['--posix', '-cf', tar, '-C', src, 'payload']);
  extra?.(tar);
  sh('zstd', ['-q', '-f', '--long=30', '-o', `${tar}.zst`, tar]);
  return `${tar}.zst`;
}

/**
 * extractGuarded in a node process of its own with a `zstd` first on PATH that counts its runs (a
 * child of jest's own process would not see a PATH set here); resolves to its answer and the count.
 */
async function extractCountingZstd(root: string, entry: string): Promise<{ answer: unknown; runs: number }> {
  const shim = path.join(dir, 'shim');
  const log = path.join(dir, 'zstd-runs');
  mkdirSync(shim);
  const real = spawnSync('sh', ['-c', 'command -v zstd'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(path.join(shim, 'zstd'), `#!/bin/sh\necho run >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(path.join(shim, 'zstd'), 0o755);
  const driver = path.join(dir, 'driver.mjs');
  await build({
    stdin: {
      contents: `import { extractGuarded } from ${JSON.stringify(path.join(repoRoot, 'packages/cache/src/guarded-restore.ts'))};
const answer = await extractGuarded(process.argv[2], process.argv[3], () => false);
console.log(JSON.stringify(answer ?? null));`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: driver,
    logLevel: 'silent',
  });
  const result = spawnSync(process.execPath, [driver, root, entry], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${shim}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  if (result.status !== 0) throw new Error(`extract driver: ${result.stderr}`);
  const runs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0;
  return { answer: JSON.parse(result.stdout) as unknown, runs };
}

describeIfZstd('extractGuarded', () => {
  it('decompresses the archive once and extracts every file intact', async () => {
    const entry = archive(300);
    const root = path.join(dir, 'root');
    mkdirSync(root);
    const { answer, runs } = await extractCountingZstd(root, entry);
    expect(answer).toBeNull();
    // Before: once to read the members, once more inside `tar --zstd`.
    expect(runs).toBe(1);
    const files = readdirSync(path.join(root, 'payload'), { recursive: true }).filter((name) =>
      String(name).endsWith('.py'),
    );
    expect(files).toHaveLength(300);
    expect(readFileSync(path.join(root, 'payload', 'd7', 'f257.py'), 'utf8')).toBe(
      'value = 257\n'.repeat(50),
    );
    expect(readdirSync(root)).toEqual(['payload']);
  });

  it('refuses a hostile member after thousands of good ones, and leaves nothing of the entry', async () => {
    const victim = path.join(dir, 'victim');
    mkdirSync(victim);
    const planted = path.join(victim, 'planted');
    const entry = archive(2000, (tar) => {
      writeFileSync(planted, 'evil\n');
      sh('tar', ['--posix', '-rPf', tar, planted]);
      rmSync(planted);
    });
    const root = path.join(dir, 'root');
    mkdirSync(root);
    const problem = await extractGuarded(root, entry, () => false);
    expect(problem).toEqual({
      kind: 'refused',
      text: expect.stringMatching(/planted \(an absolute name\)$/),
    });
    expect(existsSync(planted)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('calls a cut archive damaged, with nothing left', async () => {
    const entry = archive(500);
    truncateSync(entry, Math.floor(readFileSync(entry).length / 2));
    const root = path.join(dir, 'root');
    mkdirSync(root);
    const problem = await extractGuarded(root, entry, () => false);
    expect(problem?.kind).toBe('damaged');
    expect(readdirSync(root)).toEqual([]);
  });
});
