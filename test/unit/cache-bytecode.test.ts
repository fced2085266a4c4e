// cache-bytecode: post compiles the unpacked wheels of the uv cache before saving, with the job's own
// interpreter, only those not compiled yet (a restored entry's are), and never fails the post step.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ProcessResult, ProcessRunner, RunOptions } from '@ci-kit/runner';
import { compileCachedBytecode, needsCompiling } from '../../actions/prepare-python/src/cache-bytecode';
import { RecordingLogger } from '../harness/recording-logger';

let cache: string;
beforeEach(async () => {
  cache = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-bytecode-'));
});
afterEach(async () => {
  await rm(cache, { recursive: true, force: true });
});

/** An unpacked wheel as uv keeps it: `archive-v0/<id>/<package>/…`, compiled or not. */
async function unpacked(id: string, opts: { compiled?: boolean; modules?: boolean } = {}): Promise<void> {
  const pkg = path.join(cache, 'archive-v0', id, 'pkg');
  await mkdir(path.join(pkg, '__pycache__'), { recursive: true });
  await writeFile(path.join(cache, 'archive-v0', id, 'pkg-1.0.dist-info'), '');
  if (opts.modules !== false) await writeFile(path.join(pkg, 'core.py'), 'X = 1\n');
  if (opts.compiled) await writeFile(path.join(pkg, '__pycache__', 'core.cpython-313.pyc'), 'pyc');
}

function recorder(answer: Partial<ProcessResult> = {}) {
  const calls: Array<{ command: string; args: string[]; options?: RunOptions }> = [];
  const run: ProcessRunner = async (command, args, options) => {
    calls.push({ command, args, ...(options ? { options } : {}) });
    return { exitCode: 0, stdout: '', stderr: '', ...answer };
  };
  return { calls, run };
}

describe('cache-bytecode', () => {
  it('compiles only the unpacked wheels that have no bytecode yet, checked-hash, with the given Python', async () => {
    await unpacked('fresh1');
    await unpacked('restored', { compiled: true });
    await unpacked('fresh2');
    await unpacked('data-only', { modules: false });
    const { calls, run } = recorder();
    const log = new RecordingLogger();
    const result = await compileCachedBytecode(cache, '/opt/python/bin/python3.13', { run, log });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.command).toBe('/opt/python/bin/python3.13');
    expect(calls[0]?.args).toEqual([
      '-m',
      'compileall',
      '-qq',
      '-j',
      '0',
      '--invalidation-mode',
      'checked-hash',
      '--',
      'archive-v0/fresh1',
      'archive-v0/fresh2',
    ]);
    expect(calls[0]?.options?.cwd).toBe(cache);
    expect(result).toMatchObject({ compiled: 2, already: 2 });
    expect(result.text).toMatch(/^bytecode of 2 unpacked wheel\(s\) compiled in /);
    expect(log.lines('warning')).toEqual([]);
  });

  it('runs nothing when every wheel is compiled, or when uv unpacked none', async () => {
    const { calls, run } = recorder();
    const log = new RecordingLogger();
    expect((await compileCachedBytecode(cache, 'python3', { run, log })).text).toBe(
      'no unpacked wheels to compile',
    );
    await unpacked('restored', { compiled: true });
    expect((await compileCachedBytecode(cache, 'python3', { run, log })).text).toBe(
      'bytecode already compiled',
    );
    expect(calls).toEqual([]);
  });

  it('files this Python cannot compile (exit 1) are no failure; any other exit saves without, with a warning', async () => {
    await unpacked('fresh');
    const log = new RecordingLogger();
    const partial = await compileCachedBytecode(cache, 'python3', {
      run: recorder({ exitCode: 1 }).run,
      log,
    });
    expect(partial.text).toMatch(/compiled in .*, some files left as source$/);
    expect(log.lines('warning')).toEqual([]);

    const broken = await compileCachedBytecode(cache, 'python3', {
      run: recorder({ exitCode: 127, stderr: 'python3: not found\n' }).run,
      log,
    });
    expect(broken).toMatchObject({ compiled: 0, text: 'bytecode not compiled' });
    expect(log.lines('warning')).toEqual([
      "could not compile the uv cache's bytecode with python3 (exit 127: python3: not found); saving it without",
    ]);
  });

  it('a runner that throws is a warning too, never a failed post step', async () => {
    await unpacked('fresh');
    const log = new RecordingLogger();
    const run: ProcessRunner = async () => {
      throw new Error('spawn python3 ENOENT');
    };
    expect((await compileCachedBytecode(cache, 'python3', { run, log })).text).toBe('bytecode not compiled');
    expect(log.hasMessage('spawn python3 ENOENT', 'warning')).toBe(true);
  });

  it('tells a compiled wheel by a pyc of its first module, whatever the interpreter tag', async () => {
    await unpacked('a', { compiled: true });
    await unpacked('b');
    expect(await needsCompiling(path.join(cache, 'archive-v0/a'))).toBe(false);
    expect(await needsCompiling(path.join(cache, 'archive-v0/b'))).toBe(true);
    expect(await needsCompiling(path.join(cache, 'archive-v0/missing'))).toBe(false);
    // A deeper module this Python could not compile (test data) does not make a compiled wheel look new.
    await mkdir(path.join(cache, 'archive-v0/a/pkg/tests/data'), { recursive: true });
    await writeFile(path.join(cache, 'archive-v0/a/pkg/tests/data/py2.py'), 'print "old"\n');
    expect(await needsCompiling(path.join(cache, 'archive-v0/a'))).toBe(false);
  });
});
