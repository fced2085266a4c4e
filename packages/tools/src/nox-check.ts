import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, readlink, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessRunner } from '@ci-kit/runner';
import manifestJson from './nox-manifest.json' with { type: 'json' };
import type { EntryVerdict } from './entry-check';

/**
 * Whether a nox venv in the tool cache is the one the pinned lock makes, judged before anything of it
 * runs, and only by what its writer cannot change: nox-manifest.json (bundled; made by
 * scripts/nox-manifest.mjs from the wheels toolchain.json pins, each checked against the lock's
 * sha256) gives every file each pinned wheel installs with its sha256, and its console scripts; a venv
 * the job's own uv makes for the same interpreter in RUNNER_TEMP gives what uv writes besides
 * (pyvenv.cfg, the activate scripts, the python links, `_virtualenv.py`). Every file of the entry must
 * be one of those, byte for byte, and nothing else may be there. Bytecode caches (`__pycache__`), which
 * Python would run in place of a checked source, are removed instead: nothing can vouch for them.
 */

interface Manifest {
  nox: string;
  uv: string;
  scriptTemplate: string;
  dists: Record<string, { wheel: string; files: Record<string, string>; scripts: Record<string, string> }>;
}

const MANIFEST = manifestJson as Manifest;

/** Files an installer writes into a dist-info folder that no wheel holds; data, never run. */
const INSTALLER_FILES = new Set(['INSTALLER', 'REQUESTED', 'RECORD', 'direct_url.json', 'uv_cache.json']);

export interface NoxCheckOptions {
  dir: string;
  version: string;
  uv: string;
  /** The interpreter's real path (the venv's `home`). */
  python: string;
  tempDir: string;
  run: ProcessRunner;
}

/** A wheel RECORD's digest form: urlsafe base64 without padding. */
async function recordDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64url');
}

async function kind(file: string): Promise<string> {
  const stats = await lstat(file).catch(() => undefined);
  if (!stats) return 'nothing';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'dir';
  if (stats.isFile()) return (stats.mode & 0o6000) !== 0 ? 'setuid file' : 'file';
  return 'special file';
}

/** activate.csh and activate.nu name the folder the venv was made in (a staging folder). */
const normalizeActivate = (text: string) =>
  text
    .replace(/^setenv VIRTUAL_ENV '.*'$/m, "setenv VIRTUAL_ENV '<venv>'")
    .replace(/^(\s*let virtual_env = )'.*'$/m, "$1'<venv>'");

/** The same path in the entry and in the reference venv: equal, or why not. */
async function sameAs(entryFile: string, refFile: string, rel: string): Promise<string | undefined> {
  const [got, want] = [await kind(entryFile), await kind(refFile)];
  if (got !== want)
    return `${rel} is ${got === 'dir' ? 'a folder' : `a ${got}`}, uv makes ${want === 'dir' ? 'a folder' : `a ${want}`}`;
  if (got === 'symlink') {
    const [a, b] = [await readlink(entryFile), await readlink(refFile)];
    return a === b ? undefined : `${rel} links to ${a}, uv makes it link to ${b}`;
  }
  if (got !== 'file') return undefined;
  const [a, b] = [await readFile(entryFile, 'utf8'), await readFile(refFile, 'utf8')];
  const norm = rel.startsWith('bin/activate') ? normalizeActivate : (text: string) => text;
  return norm(a) === norm(b) ? undefined : `${rel} is not what uv writes`;
}

/** The tags a wheel's file name stands for: `py2.py3-none-any` is py2-none-any and py3-none-any. */
function wheelTags(wheel: string): Set<string> {
  const [py = '', abi = '', plat = ''] = wheel
    .replace(/\.whl$/, '')
    .split('-')
    .slice(-3);
  const out = new Set<string>();
  for (const a of py.split('.'))
    for (const b of abi.split('.')) for (const c of plat.split('.')) out.add(`${a}-${b}-${c}`);
  return out;
}

export async function checkNoxVenv(opts: NoxCheckOptions): Promise<EntryVerdict | undefined> {
  if (opts.version !== MANIFEST.nox)
    return {
      kind: 'stale',
      text: `is nox ${opts.version}, which toolchain.json does not lock: nothing to check it against`,
    };
  const work = await mkdtemp(path.join(opts.tempDir, 'ci-kit-nox-ref-'));
  try {
    const ref = path.join(work, 'venv');
    // uv's two calls run while the venv's files are hashed: the check costs about the slower of the two.
    const [version, made, digests] = await Promise.all([
      opts.run(opts.uv, ['--version'], { silent: true }).catch(() => undefined),
      opts.run(opts.uv, ['venv', '--quiet', '--relocatable', '--no-project', '--python', opts.python, ref], {
        silent: true,
        env: { UV_NO_CONFIG: '1', UV_PYTHON_DOWNLOADS: 'never', UV_CACHE_DIR: path.join(work, 'cache') },
      }),
      hashFiles(path.join(opts.dir, 'lib')),
    ]);
    const uvVersion = version?.stdout.trim().split(/\s+/)[1];
    if (uvVersion !== MANIFEST.uv)
      return {
        kind: 'stale',
        text: `cannot be checked with uv ${uvVersion ?? '(unknown)'} (scripts known for uv ${MANIFEST.uv})`,
      };
    if (made.exitCode !== 0)
      return { kind: 'stale', text: `cannot be checked (uv venv failed: ${made.stderr.trim()})` };
    return await compare(opts.dir, ref, digests);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The digest of every regular file under `dir` (symlinks not followed), by full path. */
async function hashFiles(dir: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join((entry as { parentPath?: string }).parentPath ?? entry.path, entry.name);
    const digest = await recordDigest(full).catch(() => undefined);
    if (digest) digests.set(full, digest);
  }
  return digests;
}

async function compare(
  dir: string,
  ref: string,
  digests: Map<string, string>,
): Promise<EntryVerdict | undefined> {
  const tampered = (text: string): EntryVerdict => ({ kind: 'tampered', text });
  // Top level: what uv makes, plus the empty `.lock` uv pip leaves.
  const refTop = new Set(await readdir(ref));
  for (const name of await readdir(dir)) {
    if (
      name === '.lock' &&
      (await kind(path.join(dir, name))) === 'file' &&
      (await lstat(path.join(dir, name))).size === 0
    )
      continue;
    if (!refTop.has(name)) return tampered(`holds ${name}, which uv does not make`);
    if (name === 'bin' || name === 'lib') continue;
    const problem = await sameAs(path.join(dir, name), path.join(ref, name), name);
    if (problem) return tampered(problem);
  }
  for (const name of ['bin', 'lib'])
    if ((await kind(path.join(dir, name))) !== 'dir') return tampered(`has no ${name} folder`);

  // lib/pythonX.Y/site-packages, as in the reference.
  const [pyDir] = await readdir(path.join(ref, 'lib'));
  const libNames = await readdir(path.join(dir, 'lib'));
  if (libNames.length !== 1 || libNames[0] !== pyDir)
    return tampered(`lib holds ${libNames.join(', ')}, uv makes lib/${pyDir}`);
  const pyNames = await readdir(path.join(dir, 'lib', pyDir as string));
  if (pyNames.length !== 1 || pyNames[0] !== 'site-packages')
    return tampered(`lib/${pyDir} holds ${pyNames.join(', ')}`);
  const site = path.join(dir, 'lib', pyDir as string, 'site-packages');
  const refSite = path.join(ref, 'lib', pyDir as string, 'site-packages');
  if ((await kind(site)) !== 'dir') return tampered(`lib/${pyDir}/site-packages is not a folder`);

  // Which pinned wheels are installed, by their dist-info folders.
  const topSite = await readdir(site);
  const infos = topSite.filter((name) => name.endsWith('.dist-info'));
  const expected = new Map<string, string>();
  const scripts = new Map<string, string>();
  for (const info of infos) {
    const dist = MANIFEST.dists[info];
    if (!dist) return tampered(`holds ${info}, which the pinned lock does not`);
    // Installed from another wheel of that version (a compiled tomli on Python 3.10): not comparable.
    const wheelFile = await readFile(path.join(site, info, 'WHEEL'), 'utf8').catch(() => '');
    const tags = [...wheelFile.matchAll(/^Tag: (\S+)$/gm)].map((m) => m[1] as string);
    if (tags.length === 0 || !tags.every((tag) => wheelTags(dist.wheel).has(tag)))
      return {
        kind: 'stale',
        text: `holds ${info} from a ${tags.join('.') || 'unknown'} wheel, which nox-manifest.json does not describe`,
      };
    for (const [file, digest] of Object.entries(dist.files)) expected.set(file, digest);
    for (const [name, target] of Object.entries(dist.scripts)) scripts.set(name, target);
  }
  if (!infos.includes(`nox-${MANIFEST.nox}.dist-info`))
    return tampered(`has no nox-${MANIFEST.nox}.dist-info`);

  // Bytecode: removed, never compared (see above). Renamed aside first: a job running nox from this
  // entry at this moment only recompiles.
  const entries = await readdir(site, { recursive: true, withFileTypes: true });
  const caches = entries.filter((e) => e.isDirectory() && e.name === '__pycache__');
  for (const cache of caches) {
    const full = path.join((cache as { parentPath?: string }).parentPath ?? cache.path, cache.name);
    const aside = `${full}.trash-${randomBytes(4).toString('hex')}`;
    if (
      await rename(full, aside).then(
        () => true,
        () => false,
      )
    )
      await rm(aside, { recursive: true, force: true });
  }
  const seen = new Set<string>();
  for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
    const full = path.join((entry as { parentPath?: string }).parentPath ?? entry.path, entry.name);
    const rel = path.relative(site, full).split(path.sep).join('/');
    if (entry.isDirectory()) continue;
    const shown = `site-packages/${rel}`;
    if (rel === '_virtualenv.pth' || rel === '_virtualenv.py') {
      const problem = await sameAs(full, path.join(refSite, rel), shown);
      if (problem) return tampered(problem);
      continue;
    }
    const [top, leaf] = rel.split('/');
    if (
      top &&
      infos.includes(top) &&
      leaf &&
      rel === `${top}/${leaf}` &&
      INSTALLER_FILES.has(leaf) &&
      !expected.has(rel)
    ) {
      if ((await kind(full)) !== 'file') return tampered(`${shown} is not a file`);
      continue;
    }
    const want = expected.get(rel);
    if (!want) return tampered(`holds ${shown}, which neither the pinned wheels nor uv's venv hold`);
    const got = await kind(full);
    if (got !== 'file') return tampered(`${shown} is a ${got}, the pinned wheel holds a file`);
    const digest = digests.get(full) ?? (await recordDigest(full));
    if (digest !== want) return tampered(`${shown} has sha256 ${digest}, the pinned wheel's is ${want}`);
    seen.add(rel);
  }
  for (const rel of expected.keys())
    if (!seen.has(rel)) return tampered(`has no site-packages/${rel}, which the pinned wheel holds`);

  // bin: uv's own files as the reference has them, and the pinned wheels' console scripts.
  const refBin = new Set(await readdir(path.join(ref, 'bin')));
  for (const name of await readdir(path.join(dir, 'bin'))) {
    const full = path.join(dir, 'bin', name);
    if (refBin.has(name)) {
      const problem = await sameAs(full, path.join(ref, 'bin', name), `bin/${name}`);
      if (problem) return tampered(problem);
      continue;
    }
    const target = scripts.get(name);
    if (!target) return tampered(`holds bin/${name}, which no pinned wheel names as a script`);
    if ((await kind(full)) !== 'file') return tampered(`bin/${name} is not a file`);
    const [module, attr = ''] = target.split(':');
    const head = attr.split('.')[0] as string;
    const script = MANIFEST.scriptTemplate
      .replace('{module}', module as string)
      .replace('{name}', head)
      .replace('{call}', attr);
    if ((await readFile(full, 'utf8')) !== script)
      return tampered(`bin/${name} is not the script uv writes for ${target}`);
  }
  return undefined;
}
