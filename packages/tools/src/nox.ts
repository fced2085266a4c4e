import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger, Platform, ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import { entrySlot, findInToolCache, installIntoToolCache, type ToolCacheEntry } from '@ci-kit/download';
import { TOOLCHAIN } from './toolchain';
import { checkNoxVenv } from './nox-check';
import { parseNoxVersion } from './version';

export interface NoxInstallOptions {
  /** The uv that makes the venv and installs into it. */
  uv: string;
  /** The interpreter nox runs on (a path, or a command on PATH such as python3). */
  python: string;
  version: string;
  toolCacheRoot: string;
  /** Where the lock file is written for uv to read. */
  tempDir: string;
  platform: Platform;
  run: ProcessRunner;
  log: Logger;
  attempts: number;
  /** Extra environment for uv (UV_CACHE_DIR, an index or wheel mirror). */
  env?: Record<string, string>;
}

export interface NoxInstall {
  binPath: string;
  source: 'tool-cache' | 'uv-tool';
}

/** The interpreter a venv belongs to: `cpython3.13` and where it really lives. */
interface Interpreter {
  tag: string;
  path: string;
}

const IDENTIFY =
  'import os,sys;print(sys.implementation.name+"%d.%d"%sys.version_info[:2]);print(os.path.realpath(sys.executable))';

/**
 * nox in the tool cache, one layout for every action: nox/<version>/<platform>-<interpreter>-<hash of
 * its path>, since a venv is bound to the interpreter that made it and Forgejo shares one tool cache
 * across job images. Built as a relocatable venv in a staging folder, renamed into place and marked
 * complete last (tool-cache.ts), so a peer job never sees a half-made entry and nothing is deleted
 * under it. A complete entry is trusted only when its nox runs and reports the version; one that
 * does not is moved aside and replaced. The pinned version installs with --require-hashes from
 * toolchain.json's lock.
 */
export async function installNox(opts: NoxInstallOptions): Promise<NoxInstall> {
  const python = await identify(opts);
  const entry: ToolCacheEntry = {
    tool: 'nox',
    version: opts.version,
    slot: entrySlot(
      opts.platform,
      python.tag,
      createHash('sha256').update(python.path).digest('hex').slice(0, 8),
    ),
  };
  const check = (dir: string) =>
    checkNoxVenv({
      dir,
      version: opts.version,
      uv: opts.uv,
      python: python.path,
      tempDir: opts.tempDir,
      run: opts.run,
    });
  const runs = async (dir: string) => (await noxVersionAt(path.join(dir, 'bin'), opts.run)) === opts.version;
  // Checked against the pinned wheels first (nox-check.ts): nothing of the entry runs before that.
  const works = async (dir: string) => (await check(dir)) === undefined && (await runs(dir));
  const cached = findInToolCache(opts.toolCacheRoot, entry);
  if (cached) {
    const verdict = await check(cached);
    if (!verdict && (await runs(cached))) return { binPath: path.join(cached, 'bin'), source: 'tool-cache' };
    if (verdict?.kind === 'tampered')
      opts.log.warning(
        `tool cache entry ${cached} is not the pinned nox ${opts.version}: ${verdict.text}; not used, replaced by a fresh verified install`,
      );
    else if (verdict)
      opts.log.info(`tool cache entry ${cached} ${verdict.text}: reinstalling (the entry is replaced)`);
    else
      opts.log.info(`nox in the tool cache at ${cached} does not run as ${opts.version} here: replacing it`);
  }
  const dir = await installIntoToolCache(
    opts.toolCacheRoot,
    entry,
    async (staging) => {
      await buildVenv(opts, python, staging);
      // Checked where it was built: the venv is relocatable, so it runs the same after the rename.
      const reported = await noxVersionAt(path.join(staging, 'bin'), opts.run);
      if (reported !== opts.version) {
        throw new Error(`nox ${opts.version} was installed but reports ${reported ?? 'no version'}`);
      }
    },
    works,
  );
  return { binPath: path.join(dir, 'bin'), source: 'uv-tool' };
}

async function identify(opts: NoxInstallOptions): Promise<Interpreter> {
  const probe = await opts.run(opts.python, ['-c', IDENTIFY], { silent: true }).catch(() => undefined);
  const [tag, real] = (probe?.exitCode === 0 ? probe.stdout : '').trim().split('\n');
  if (!tag || !real) {
    throw new Error(
      `nox needs a Python to run on, and ${opts.python} did not run (${probe?.stderr.trim() || 'not found'})`,
    );
  }
  return { tag, path: real.trim() };
}

/** A relocatable venv (entry points find their python relative to themselves) holding nox. */
async function buildVenv(opts: NoxInstallOptions, python: Interpreter, venv: string): Promise<void> {
  const env = { ...opts.env, UV_NO_PROGRESS: '1', UV_NO_CONFIG: '1', UV_PYTHON_DOWNLOADS: 'never' };
  await retryCommand(
    opts.run,
    opts.uv,
    ['venv', '--quiet', '--relocatable', '--no-project', '--allow-existing', '--python', python.path, venv],
    { attempts: 1, log: opts.log, what: `uv venv for nox (${python.tag})`, env },
  );
  const lock = TOOLCHAIN.nox.version === opts.version ? TOOLCHAIN.nox.requirements : undefined;
  const work = await mkdtemp(path.join(opts.tempDir, 'ci-kit-nox-'));
  try {
    const args = ['pip', 'install', '--quiet', '--python', path.join(venv, 'bin', 'python')];
    if (lock) {
      const file = path.join(work, 'nox-requirements.txt');
      await writeFile(file, `${lock.join('\n')}\n`);
      args.push('--require-hashes', '-r', file);
    } else {
      opts.log.info(
        `nox ${opts.version} is not the version toolchain.json locks (${TOOLCHAIN.nox.version}): installed from the package index without hash checking`,
      );
      args.push(`nox==${opts.version}`);
    }
    await retryCommand(opts.run, opts.uv, args, {
      attempts: opts.attempts,
      log: opts.log,
      what: `uv pip install nox==${opts.version}`,
      env,
      retriesItself: 'uv',
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function noxVersionAt(binPath: string, run: ProcessRunner): Promise<string | undefined> {
  const nox = path.join(binPath, 'nox');
  if (!existsSync(nox)) return undefined;
  const probe = await run(nox, ['--version'], { silent: true }).catch(() => undefined);
  return probe && probe.exitCode === 0 ? parseNoxVersion(probe.stdout + probe.stderr) : undefined;
}
