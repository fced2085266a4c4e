import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  hashDependencyFiles,
  matchDependencyFiles,
  uvCacheKeys,
} from '../../actions/prepare-python/src/cache-key';
import { loadInputs } from '../../actions/prepare-python/src/inputs';
import { parseUvVersion } from '../../actions/prepare-python/src/uv';
import { parseNoxVersion } from '../../actions/prepare-python/src/nox';
import { resolvePython } from '../../actions/prepare-python/src/python';
import { execRunner, type ProcessRunner } from '@ci-kit/runner';
import { RecordingLogger } from '../harness/recording-logger';
import { toolsBin } from '../harness/tools-bin';
import { existsSync } from 'node:fs';
import { TOOLCHAIN } from '@ci-kit/tools';

const linux = { os: 'linux' as const, arch: 'x64' as const, libc: 'gnu' as const };

describe('dependency files and cache keys', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-keys-'));
    for (const [file, text] of Object.entries({
      'uv.lock': 'lock-a',
      'pyproject.toml': 'project-a',
      'sub/pyproject.toml': 'project-b',
      '.venv/lib/site/pyproject.toml': 'not ours',
      'node_modules/x/pyproject.toml': 'not ours',
    })) {
      await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
      await writeFile(path.join(workspace, file), text);
    }
  });
  afterAll(() => rm(workspace, { recursive: true, force: true }));

  it('matches the globs relative to the workspace, sorted, without .venv or node_modules', async () => {
    expect(await matchDependencyFiles(['**/uv.lock', '**/pyproject.toml'], workspace)).toEqual([
      'pyproject.toml',
      'sub/pyproject.toml',
      'uv.lock',
    ]);
  });

  it('honours negated patterns', async () => {
    expect(await matchDependencyFiles(['**/pyproject.toml', '!sub/**'], workspace)).toEqual([
      'pyproject.toml',
    ]);
  });

  it('hashes the same for any order of the list, and differently when a content changes', async () => {
    const files = ['uv.lock', 'pyproject.toml'];
    const a = await hashDependencyFiles(files, workspace);
    expect(await hashDependencyFiles([...files].reverse(), workspace)).toBe(a);
    await writeFile(path.join(workspace, 'uv.lock'), 'lock-b');
    expect(await hashDependencyFiles(files, workspace)).not.toBe(a);
  });

  it('does not depend on where the workspace is (a fresh runner has other folders)', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-keys-other-'));
    try {
      await writeFile(path.join(other, 'uv.lock'), 'same');
      await writeFile(path.join(workspace, 'uv.lock'), 'same');
      expect(await hashDependencyFiles(['uv.lock'], other)).toBe(
        await hashDependencyFiles(['uv.lock'], workspace),
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  const system = 'debian-13-glibc2.41';

  it('builds the key from os, arch, system, Python, suffix and hash; the fallback prefix keeps the suffix', () => {
    expect(uvCacheKeys(linux, system, 'py3.13', 'abc', 'docs', 'v0a1b2c3d4')).toEqual({
      key: 'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13-docs-v0a1b2c3d4-abc',
      restoreKeys: [
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13-docs-v0a1b2c3d4-',
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13-docs-',
      ],
    });
    expect(uvCacheKeys(linux, system, 'py3.13', 'abc', '', 'v0a1b2c3d4')).toEqual({
      key: 'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13--v0a1b2c3d4-abc',
      restoreKeys: [
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13--v0a1b2c3d4-',
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-py3.13--',
      ],
    });
  });

  it('never falls back across cache-suffix values (the README promises separate caches)', () => {
    const suffixes = ['', 'docs', 'my', 'my-app', 'my_app2', 'gpu'];
    for (const a of suffixes) {
      for (const b of suffixes.filter((other) => other !== a && other.replace(/-/g, '_') !== a)) {
        const key = uvCacheKeys(linux, system, 'py3.13', 'f'.repeat(64), b, 'v0a1b2c3d4').key;
        for (const prefix of uvCacheKeys(linux, system, 'py3.13', 'f'.repeat(64), a, 'v0a1b2c3d4')
          .restoreKeys) {
          expect([a, b, key.startsWith(prefix)]).toEqual([a, b, false]);
        }
      }
    }
  });

  it('never falls back across systems: wheels built on glibc stay out of musl jobs', () => {
    const glibc = uvCacheKeys(linux, 'debian-13-glibc2.41', 'py3.13', 'abc', '', 'v0a1b2c3d4');
    const musl = uvCacheKeys(linux, 'alpine-3.20-musl', 'py3.13', 'abc', '', 'v0a1b2c3d4');
    expect(musl.key.startsWith(glibc.restoreKeys[0] as string)).toBe(false);
    expect(glibc.key.startsWith(musl.restoreKeys[0] as string)).toBe(false);
  });

  it('makes key and restore keys lowercase: the cache-key output is what Forgejo stores', () => {
    expect(uvCacheKeys(linux, system, 'PyPy3.10', 'abc', 'MyApp', 'v0a1b2c3d4')).toEqual({
      key: 'ci-kit-uv-linux-x64-debian-13-glibc2.41-pypy3.10-myapp-v0a1b2c3d4-abc',
      restoreKeys: [
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-pypy3.10-myapp-v0a1b2c3d4-',
        'ci-kit-uv-linux-x64-debian-13-glibc2.41-pypy3.10-myapp-',
      ],
    });
  });
});

describe('prepare-python inputs', () => {
  const defaults: Record<string, string> = {
    'working-directory': '.',
    install: 'none',
    cache: 'true',
    retries: '3',
    locked: 'false',
    'activate-environment': 'auto',
    'save-cache': 'auto',
    'cache-bytecode': 'true',
    'prune-cache': 'unused',
    'cache-dependency-glob': '**/uv.lock\n**/pyproject.toml\n',
  };
  const reader = (inputs: Record<string, string>) => (name: string) =>
    ({ ...defaults, ...inputs })[name] ?? '';

  it('takes defaults from toolchain.json', () => {
    expect(loadInputs(reader({}))).toMatchObject({
      uvVersion: TOOLCHAIN.uv.version,
      noxVersion: TOOLCHAIN.nox.version,
      install: 'none',
      cacheDependencyGlob: ['**/uv.lock', '**/pyproject.toml'],
    });
  });
  it('skips nox with none', () => {
    expect(loadInputs(reader({ 'nox-version': 'none' })).noxVersion).toBeUndefined();
  });
  it.each([
    [{ install: 'pip' }, "The value 'pip' is not valid for 'install'. Valid values are: none, sync, system"],
    [{ 'uv-version': '0.8' }, "uv-version: '0.8' is not a valid version"],
    [{ 'nox-version': 'latest' }, "The value 'latest' is not valid for 'nox-version'"],
    [{ 'python-version': '3.13; rm -rf /' }, "The value '3.13; rm -rf /' is not valid for 'python-version'"],
    [
      { 'working-directory': '../elsewhere' },
      "The value '../elsewhere' is not valid for 'working-directory'",
    ],
    [{ 'uv-download-url': 'ftp://m/{file}' }, "uv-download-url: scheme 'ftp:'"],
    [{ 'cache-suffix': 'a,b' }, "The value 'a,b' is not valid for 'cache-suffix'"],
    [{ retries: 'many' }, "The value 'many' is not valid for 'retries'"],
  ])('rejects %j', (inputs, message) => {
    expect(() => loadInputs(reader(inputs))).toThrow(message);
  });
});

describe('version parsing', () => {
  it('reads uv and nox versions as they print them', () => {
    expect(parseUvVersion('uv 0.8.24\n')).toBe('0.8.24');
    expect(parseUvVersion('uv 0.8.24 (1a2b3c 2025-10-01)')).toBe('0.8.24');
    expect(parseUvVersion('command not found')).toBeUndefined();
    expect(parseNoxVersion('2026.10.20\n')).toBe('2026.10.20');
  });
});

describe('the Python uv finds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-python-'));
    // A job's PYTHONPATH with a sitecustomize that leaves a marker: what the probe must not import.
    await writeFile(
      path.join(dir, 'sitecustomize.py'),
      `open(${JSON.stringify(path.join(dir, 'site-ran'))}, "w").write("ran")\n`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads its version with no site import and no PYTHON* variables (real uv, real Python)', async () => {
    const uv = toolsBin('uv');
    // The job's environment reaches the interpreter, not uv (whose own interpreter query is not ours).
    const run: ProcessRunner = (command, args, options = {}) =>
      execRunner(command, args, command === uv ? options : { ...options, env: { PYTHONPATH: dir } });
    const python = await resolvePython(undefined, {
      run,
      log: new RecordingLogger(),
      uv,
      attempts: 1,
      cwd: dir,
    });
    expect(python.version).toMatch(/^3\.\d+\.\d+/);
    expect(python.version.startsWith(`${python.minor}.`)).toBe(true);
    expect(existsSync(path.join(dir, 'site-ran'))).toBe(false);
  });
});
