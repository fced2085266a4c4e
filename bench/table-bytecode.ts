// Table 8c: what `cache-bytecode` buys a warm job, measured without the runner around it. Two uv caches of
// the realistic fixture, as post saves them: one with the unpacked wheels compiled (checked-hash, as
// prepare-python's cache-bytecode does), one as uv left them. Then, alternating which goes first, a
// fresh environment from each (`uv sync --frozen --offline`, as a warm job installs) and the project's
// tests in it, with Python free to write bytecode as in a job; the project's own __pycache__ folders
// are removed before each run, as a fresh checkout has none.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { realAppEnv } from '../test/harness/package-index';
import { toolsBin } from '../test/harness/tools-bin';

export interface BytecodeSample {
  /** `uv sync --frozen --offline` into a fresh environment, ms. */
  installMs: number;
  /** `python -m pytest -q` in it, ms. */
  testsMs: number;
}

export interface BytecodeResult {
  compiled: BytecodeSample[];
  plain: BytecodeSample[];
  /** `python -m compileall` over the unpacked wheels, once, ms (what the saving job's post pays). */
  compileMs: number;
}

function run(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; ms: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
}

async function checked(
  what: string,
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
  okCodes: number[] = [0],
): Promise<number> {
  const result = await run(command, args, opts);
  if (!okCodes.includes(result.code ?? -1))
    throw new Error(`table 8c: ${what} exited ${result.code}: ${result.stderr}`);
  return result.ms;
}

/** The project's own bytecode, which a fresh checkout does not have. */
async function removeProjectBytecode(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.venv') continue;
    const sub = path.join(dir, entry.name);
    if (entry.name === '__pycache__') await rm(sub, { recursive: true, force: true });
    else await removeProjectBytecode(sub);
  }
}

export async function bytecodeTable(
  ctx: { scratch: string; app: string; indexUrl: string },
  reps: number,
  log: (line: string) => void,
): Promise<BytecodeResult> {
  const work = path.join(ctx.scratch, 'bytecode');
  const uv = toolsBin('uv');
  const sides = {
    compiled: { cache: path.join(work, 'cache-compiled'), app: path.join(work, 'app-compiled') },
    plain: { cache: path.join(work, 'cache-plain'), app: path.join(work, 'app-plain') },
  };
  // Built from scratch (no PYTHONDONTWRITEBYTECODE of the bench's own shell): Python writes bytecode
  // for what it compiles, as in a job.
  const envOf = (cache: string): NodeJS.ProcessEnv => realAppEnv({ cacheDir: cache, indexUrl: ctx.indexUrl });
  try {
    let compileMs = Number.NaN;
    for (const [name, side] of Object.entries(sides)) {
      await mkdir(side.cache, { recursive: true });
      await cp(ctx.app, side.app, { recursive: true });
      await rm(path.join(side.app, '.venv'), { recursive: true, force: true });
      await checked(`uv sync (${name})`, uv, ['sync', '--frozen', '--quiet'], {
        cwd: side.app,
        env: envOf(side.cache),
      });
      if (name === 'compiled') {
        // As prepare-python's post runs it (actions/prepare-python/src/cache-bytecode.ts); exit 1 is
        // "some files left as source".
        compileMs = await checked(
          'compileall',
          path.join(side.app, '.venv/bin/python'),
          ['-m', 'compileall', '-qq', '-j', '0', '--invalidation-mode', 'checked-hash', 'archive-v0'],
          { cwd: side.cache, env: envOf(side.cache) },
          [0, 1],
        );
      }
    }
    const result: BytecodeResult = { compiled: [], plain: [], compileMs };
    for (let rep = 0; rep < reps; rep++) {
      const order = rep % 2 === 0 ? (['compiled', 'plain'] as const) : (['plain', 'compiled'] as const);
      for (const name of order) {
        const side = sides[name];
        const env = envOf(side.cache);
        await rm(path.join(side.app, '.venv'), { recursive: true, force: true });
        await removeProjectBytecode(side.app);
        const installMs = await checked(
          `uv sync --offline (${name})`,
          uv,
          ['sync', '--frozen', '--offline', '--quiet'],
          {
            cwd: side.app,
            env,
          },
        );
        const testsMs = await checked(
          `the project's tests (${name})`,
          path.join(side.app, '.venv/bin/python'),
          ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
          { cwd: side.app, env },
        );
        result[name].push({ installMs, testsMs });
      }
      log(
        `table 8c: rep ${rep + 1}: tests ${Math.round(result.compiled.at(-1)?.testsMs ?? 0)} ms with the cached bytecode, ${Math.round(result.plain.at(-1)?.testsMs ?? 0)} ms without`,
      );
    }
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
