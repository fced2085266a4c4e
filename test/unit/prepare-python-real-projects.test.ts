// What issue 26 found on real projects, pinned in unit tests: the key names everything that changes the
// entry, a fallback's old wheels are dropped against the lock, uv's own summary says where packages came
// from, the pinned uv stays first on PATH, git's network errors are retried.
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cacheVariant, type CacheVariantParts } from '../../actions/prepare-python/src/cache-key';
import { loadInputs } from '../../actions/prepare-python/src/inputs';
import { lockedPackages, normalizePackageName } from '../../actions/prepare-python/src/lock-packages';
import { abiTag } from '../../actions/prepare-python/src/python';
import { removeUnlocked, wheelEntries } from '../../actions/prepare-python/src/prune-unused';
import { describeSyncReport, parseSyncReport } from '../../actions/prepare-python/src/sync-report';
import { shieldPinnedUv } from '../../actions/prepare-python/src/pinned-uv';
import { relinkArchives } from '../../actions/prepare-python/src/relink-archives';
import { isTransientFailure } from '@ci-kit/retry';
import { RecordingLogger } from '../harness/recording-logger';

const base: CacheVariantParts = {
  install: 'sync',
  syncArgs: [],
  prune: 'unused',
  pythonRequest: '',
  bytecode: true,
};

describe('the cache variant: what besides the lock changes the entry', () => {
  it('differs for sync arguments, prune mode, install mode, Python request and cached bytecode, and only for them', () => {
    const variants = [
      base,
      { ...base, syncArgs: ['--only-group', 'docs'] },
      { ...base, syncArgs: ['--group', 'typechecking'] },
      { ...base, syncArgs: ['--all-extras'] },
      { ...base, prune: 'true' },
      { ...base, prune: 'false' },
      { ...base, install: 'system' },
      { ...base, pythonRequest: '3.12' },
      { ...base, bytecode: false },
    ].map((parts) => cacheVariant(parts).id);
    expect(new Set(variants).size).toBe(variants.length);
    expect(cacheVariant({ ...base }).id).toBe(variants[0]);
    expect(variants[0]).toMatch(/^[0-9a-f]{10}$/);
  });

  it('says in words what it is made of, for the log', () => {
    expect(cacheVariant({ ...base, syncArgs: ['--group', 'docs'] }).description).toBe(
      "install sync, sync-args --group docs, prune-cache unused, Python request (the project's own), cache-bytecode true",
    );
  });

  it('tags the interpreter with its ABI: free-threaded and PyPy never share a key with CPython', () => {
    expect(abiTag('cpython', '3.13', '')).toBe('py3.13');
    expect(abiTag('cpython', '3.13', 't')).toBe('py3.13t');
    expect(abiTag('pypy', '3.10', '')).toBe('pypy3.10');
    expect(abiTag('cpython', '3.13', 't;x')).toBe('py3.13t_x');
  });
});

describe('prune-cache', () => {
  const read = (value: string) => (name: string) =>
    ({
      'prune-cache': value,
      'working-directory': '.',
      install: 'sync',
      cache: 'true',
      retries: '3',
      locked: 'false',
      'activate-environment': 'auto',
      'save-cache': 'auto',
      'cache-bytecode': 'true',
    })[name] ?? '';

  it('takes unused (the default), and true/false as before', () => {
    expect(loadInputs(read('unused')).pruneCache).toBe('unused');
    expect(loadInputs(read('true')).pruneCache).toBe('true');
    expect(loadInputs(read('False')).pruneCache).toBe('false');
  });

  it('refuses anything else, naming the accepted values', () => {
    expect(() => loadInputs(read('ci'))).toThrow(
      "The value 'ci' is not valid for 'prune-cache'. Valid values are: unused, true, false",
    );
  });
});

describe('lockedPackages', () => {
  it('reads name and version of every [[package]], normalized as uv names its cache folders', () => {
    const lock = [
      'version = 1',
      'requires-python = ">=3.11"',
      '',
      '[[package]]',
      'name = "Pydantic_Core"',
      'version = "2.23.4"',
      'source = { registry = "http://127.0.0.1:1/simple" }',
      'wheels = [',
      '    { url = "http://127.0.0.1:1/x.whl", hash = "sha256:00" },',
      ']',
      '',
      '[package.optional-dependencies]',
      'name = "not-a-package"',
      'version = "9"',
      '',
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'source = { editable = "." }',
      '',
      '[[package]]',
      'name = "no-version"',
      'source = { virtual = "." }',
    ].join('\n');
    expect([...lockedPackages(lock)].sort()).toEqual(['app==0.1.0', 'pydantic-core==2.23.4']);
    expect(normalizePackageName('Zope.Interface__x')).toBe('zope-interface-x');
  });
});

describe('prune-cache: unused drops what a fallback held and the lock no longer pins', () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-prune-'));
  });
  afterEach(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  /** uv 0.8's layout: a pointer (.http), a metadata file (.msgpack) and a link to the unpacked archive. */
  /** linkRoot: where the saving runner's uv cache was (uv links absolutely into its own folder). */
  async function wheel(
    index: string,
    pkg: string,
    stem: string,
    archive: string,
    linkRoot = cache,
  ): Promise<void> {
    const dir = path.join(cache, 'wheels-v5', index, pkg);
    await mkdir(dir, { recursive: true });
    await mkdir(path.join(cache, 'archive-v0', archive), { recursive: true });
    await writeFile(path.join(dir, `${stem}.http`), archive);
    await writeFile(path.join(dir, `${stem.split('-')[0]}-0123456789abcdef.msgpack`), 'meta');
    await symlink(path.join(linkRoot, 'archive-v0', archive), path.join(dir, stem));
  }

  it('lists wheel entries with their pins, for pypi and other indexes alike', async () => {
    await wheel('pypi', 'six', '1.16.0-py2.py3-none-any', 'a1');
    await wheel('index/3f2a', 'pydantic-core', '2.23.4-cp311-cp311-manylinux_2_17_x86_64', 'a2');
    const entries = await wheelEntries(cache);
    expect(new Set(entries.map((entry) => entry.pin))).toEqual(
      new Set(['six==1.16.0', 'pydantic-core==2.23.4']),
    );
    expect(entries).toHaveLength(6);
    expect(await wheelEntries(path.join(cache, 'missing'))).toEqual([]);
  });

  it('removes the old versions and the archives only they link to, wherever the links were made', async () => {
    // Restored from another runner's entry: links into that runner's folder.
    await wheel('pypi', 'six', '1.16.0-py2.py3-none-any', 'old', '/home/runner-1/uv-cache');
    await wheel('pypi', 'six', '1.17.0-py2.py3-none-any', 'new');
    await wheel('pypi', 'gone', '1.0-py3-none-any', 'gone', '/home/runner-1/uv-cache');
    const entries = await wheelEntries(cache);
    const result = await removeUnlocked(cache, { entries, locked: ['six==1.17.0'] });
    expect(result).toEqual({ removed: 6, archives: 2, pins: ['gone==1.0', 'six==1.16.0'] });
    expect((await wheelEntries(cache)).map((entry) => entry.pin)).toEqual([
      'six==1.17.0',
      'six==1.17.0',
      'six==1.17.0',
    ]);
    expect(existsSync(path.join(cache, 'archive-v0', 'old'))).toBe(false);
    expect(existsSync(path.join(cache, 'archive-v0', 'gone'))).toBe(false);
    expect(existsSync(path.join(cache, 'archive-v0', 'new'))).toBe(true);
    const kept = path.join(cache, 'wheels-v5/pypi/six/1.17.0-py2.py3-none-any');
    expect((await lstat(kept)).isSymbolicLink()).toBe(true);
    expect(await readlink(kept)).toBe(path.join(cache, 'archive-v0', 'new'));
  });

  it('removes nothing when it knows no pin (no lock read) or a path leaves the folder', async () => {
    await wheel('pypi', 'six', '1.16.0-py2.py3-none-any', 'old');
    const entries = await wheelEntries(cache);
    expect(await removeUnlocked(cache, { entries, locked: [] })).toEqual({
      removed: 0,
      archives: 0,
      pins: [],
    });
    const outside = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-prune-outside-'));
    try {
      const forged = [{ path: path.relative(cache, outside), pin: 'x==1' }];
      expect(await removeUnlocked(cache, { entries: forged, locked: ['y==2'] })).toEqual({
        removed: 0,
        archives: 0,
        pins: [],
      });
      expect(existsSync(outside)).toBe(true);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('restored wheel links point into this runner’s uv cache', () => {
  let cache: string;
  beforeEach(async () => {
    cache = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-relink-'));
  });
  afterEach(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  it('re-points links that name the saving runner’s folder, and leaves everything else alone', async () => {
    const dir = path.join(cache, 'wheels-v5/pypi/six');
    await mkdir(dir, { recursive: true });
    await mkdir(path.join(cache, 'sdists-v9/pypi/lib/1.0'), { recursive: true });
    await symlink('/home/runner-1/uv-cache/archive-v0/abc_1-X', path.join(dir, '1.17.0-py2.py3-none-any'));
    await symlink(path.join(cache, 'archive-v0/own'), path.join(dir, '1.16.0-py2.py3-none-any'));
    await symlink('/etc/passwd', path.join(dir, 'odd'));
    await symlink(
      '/r1/cache/archive-v0/built',
      path.join(cache, 'sdists-v9/pypi/lib/1.0/lib-1.0-py3-none-any'),
    );
    expect(await relinkArchives(cache)).toBe(2);
    expect(await readlink(path.join(dir, '1.17.0-py2.py3-none-any'))).toBe(
      path.join(cache, 'archive-v0/abc_1-X'),
    );
    expect(await readlink(path.join(dir, '1.16.0-py2.py3-none-any'))).toBe(
      path.join(cache, 'archive-v0/own'),
    );
    expect(await readlink(path.join(dir, 'odd'))).toBe('/etc/passwd');
    expect(await readlink(path.join(cache, 'sdists-v9/pypi/lib/1.0/lib-1.0-py3-none-any'))).toBe(
      path.join(cache, 'archive-v0/built'),
    );
    expect(await relinkArchives(path.join(cache, 'missing'))).toBe(0);
  });
});

describe("uv's summary: where the packages came from", () => {
  it('reads a cold sync: everything downloaded', () => {
    const report = parseSyncReport(
      'Using CPython 3.11.7\nDownloading pydantic-core (2.0MiB)\nPrepared 7 packages in 97ms\nInstalled 7 packages in 9ms\n + six==1.17.0\n',
    );
    expect(report).toEqual({ installed: 7, fetched: 7, fromCache: 0 });
    expect(describeSyncReport(report!)).toBe(
      '7 packages installed: 0 from the uv cache, 7 downloaded or built',
    );
  });

  it('reads a warm sync: nothing prepared, everything from the cache', () => {
    const report = parseSyncReport(
      'Creating virtual environment at: .venv\nInstalled 41 packages in 120ms\n',
    );
    expect(report).toEqual({ installed: 41, fetched: 0, fromCache: 41 });
    expect(describeSyncReport(report!)).toBe(
      '41 packages installed, all from the uv cache (nothing downloaded)',
    );
  });

  it('reads a partly warm sync, an environment already complete, and a quiet run', () => {
    expect(parseSyncReport('Prepared 1 package in 3ms\nInstalled 3 packages in 1ms\n')).toEqual({
      installed: 3,
      fetched: 1,
      fromCache: 2,
    });
    expect(parseSyncReport('Audited 7 packages in 0.10ms\n')).toEqual({
      installed: 0,
      fetched: 0,
      fromCache: 0,
    });
    expect(parseSyncReport('')).toBeUndefined();
  });
});

describe('the pinned uv stays the uv of later steps', () => {
  let temp: string;
  beforeEach(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-pinned-uv-'));
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it('puts links to the pinned uv and uvx ahead of a project environment that has its own uv', async () => {
    const pinned = path.join(temp, 'tool/bin');
    const venv = path.join(temp, 'project/.venv');
    await mkdir(pinned, { recursive: true });
    await mkdir(path.join(venv, 'bin'), { recursive: true });
    for (const file of [path.join(pinned, 'uv'), path.join(pinned, 'uvx'), path.join(venv, 'bin/uv')])
      await writeFile(file, '#!/bin/sh\n', { mode: 0o755 });
    const added: string[] = [];
    const log = new RecordingLogger();
    const dir = await shieldPinnedUv(venv, path.join(pinned, 'uv'), temp, (d) => added.push(d), log);
    expect(added).toEqual([dir]);
    expect(await readlink(path.join(dir!, 'uv'))).toBe(path.join(pinned, 'uv'));
    expect(await readlink(path.join(dir!, 'uvx'))).toBe(path.join(pinned, 'uvx'));
    expect(existsSync(path.join(dir!, 'python'))).toBe(false);
    expect(log.hasMessage('stays first on PATH', 'info')).toBe(true);
  });

  it('adds nothing when the environment has no uv of its own', async () => {
    const venv = path.join(temp, '.venv');
    await mkdir(path.join(venv, 'bin'), { recursive: true });
    const added: string[] = [];
    expect(
      await shieldPinnedUv(venv, '/usr/bin/uv', temp, (d) => added.push(d), new RecordingLogger()),
    ).toBeUndefined();
    expect(added).toEqual([]);
  });
});

describe('git network errors of uv sync are retried like HTTP ones', () => {
  it.each([
    "fatal: unable to access 'https://forge.example/org/lib.git/': Could not resolve host: forge.example",
    "fatal: unable to access 'https://forge.example/org/lib.git/': The requested URL returned error: 502",
    "fatal: unable to access 'https://forge.example/org/lib.git/': Failed to connect to forge.example port 443 after 3 ms: Couldn't connect to server",
    'fatal: the remote end hung up unexpectedly\nfatal: early EOF',
  ])('%s', (line) => {
    expect(
      isTransientFailure(
        `error: Git operation failed\n  Caused by: process didn't exit successfully\n${line}`,
      ),
    ).toBe(true);
  });

  it('does not retry what git says will not change', () => {
    expect(
      isTransientFailure("fatal: unable to access 'https://x/': The requested URL returned error: 404"),
    ).toBe(false);
    expect(isTransientFailure("fatal: repository 'https://x/' not found")).toBe(false);
  });
});
