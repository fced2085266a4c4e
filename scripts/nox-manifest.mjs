#!/usr/bin/env node
// Writes packages/tools/src/nox-manifest.json: for every wheel toolchain.json's nox lock pins (each one
// checked against the lock's sha256 first), the files it installs with their sha256 (the RECORD inside
// the wheel, which the pinned wheel hash covers) and its console scripts; plus the script uv writes for
// an entry point (read from a venv the pinned uv makes). packages/tools/src/nox-check.ts compares a nox
// venv in the tool cache with it before the venv is trusted (docs/guarantees.md section 13): the
// manifest is bundled into the actions, so no writer of the tool cache can change it.
// Run after scripts/lock-nox.mjs: node scripts/nox-manifest.mjs [wheel folder...] (default
// .tools/wheels); pure-Python wheels the folders lack are fetched with pip, hash-checked.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolchain = JSON.parse(readFileSync(path.join(root, 'toolchain.json'), 'utf8'));
const uv = path.join(root, '.tools/bin/uv');
const folders = process.argv.slice(2);
if (folders.length === 0) folders.push(path.join(root, '.tools/wheels'));

/** name==version -> its pinned sha256 list, from the lock lines. */
const lock = toolchain.nox.requirements.map((line) => ({
  pin: line.split(/[ ;]/)[0],
  hashes: [...line.matchAll(/--hash=sha256:([0-9a-f]{64})/g)].map((m) => m[1]),
}));
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const pinOf = (digest) => lock.find((entry) => entry.hashes.includes(digest));

const work = mkdtempSync(path.join(tmpdir(), 'ci-kit-nox-manifest-'));
try {
  const wheels = new Map();
  for (const folder of folders)
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.whl'))) {
      const file = path.join(folder, name);
      if (pinOf(sha256(file))) wheels.set(name, file);
    }
  // Pure-Python wheels of lock entries no folder had (the other Python range's pins), from the index.
  for (const { pin, hashes } of lock) {
    const [dist, version] = pin.split('==');
    const prefix = `${dist.replace(/-/g, '_')}-${version}-`;
    if ([...wheels.keys()].some((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))) continue;
    const req = path.join(work, `${dist}.txt`);
    writeFileSync(req, `${pin} ${hashes.map((h) => `--hash=sha256:${h}`).join(' ')}\n`);
    const into = path.join(work, 'dl');
    try {
      execFileSync(
        'python3',
        [
          '-m',
          'pip',
          'download',
          '--quiet',
          '--no-deps',
          '--require-hashes',
          '--only-binary=:all:',
          '--platform',
          'any',
          '--python-version',
          '3.10',
          '--implementation',
          'py',
          '--abi',
          'none',
          '-r',
          req,
          '-d',
          into,
        ],
        { stdio: 'inherit' },
      );
    } catch {
      console.error(
        `nox-manifest: no pure-Python wheel of ${pin}: a venv holding it is never taken from the tool cache`,
      );
      continue;
    }
    for (const name of readdirSync(into))
      if (pinOf(sha256(path.join(into, name)))) wheels.set(name, path.join(into, name));
  }

  const read = execFileSync(
    'python3',
    [
      '-c',
      `import sys, zipfile, json, configparser
out = {}
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    info = [n for n in z.namelist() if n.endswith('.dist-info/RECORD') and n.count('/') == 1][0].split('/')[0]
    files = {}
    for line in z.read(info + '/RECORD').decode().splitlines():
        p, h, _ = line.rsplit(',', 2)
        if h: files[p] = h.split('=', 1)[1]
    scripts = {}
    if info + '/entry_points.txt' in z.namelist():
        c = configparser.ConfigParser(delimiters=('=',), interpolation=None)
        c.optionxform = str
        c.read_string(z.read(info + '/entry_points.txt').decode())
        for section in ('console_scripts', 'gui_scripts'):
            if c.has_section(section):
                for k, v in c.items(section): scripts[k] = v.strip()
    out[info] = {'wheel': f.split('/')[-1], 'files': files, 'scripts': scripts}
print(json.dumps(out))`,
      ...wheels.values(),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const dists = JSON.parse(read);

  // The script uv writes for an entry point, from a venv the pinned uv makes.
  const venv = path.join(work, 'venv');
  const env = {
    ...process.env,
    UV_CACHE_DIR: path.join(work, 'cache'),
    UV_NO_CONFIG: '1',
    UV_PYTHON_DOWNLOADS: 'never',
  };
  execFileSync(uv, ['venv', '--quiet', '--relocatable', '--no-project', venv], { env });
  const nox = [...wheels.entries()].find(([name]) => name.startsWith('nox-'));
  execFileSync(
    uv,
    [
      'pip',
      'install',
      '--quiet',
      '--offline',
      '--no-deps',
      '--python',
      path.join(venv, 'bin/python'),
      nox[1],
    ],
    { env },
  );
  const script = readFileSync(path.join(venv, 'bin/nox'), 'utf8');
  const template = script
    .replace('from nox.__main__ import main', 'from {module} import {name}')
    .replace('sys.exit(main())', 'sys.exit({call}())');
  if (
    !template.includes('{module}') ||
    !template.includes('{call}') ||
    !existsSync(path.join(venv, 'bin/nox'))
  )
    throw new Error(`nox-manifest: uv's entry-point script changed shape:\n${script}`);
  const uvVersion = execFileSync(uv, ['--version'], { encoding: 'utf8' }).trim().split(/\s+/)[1];

  const manifest = { nox: toolchain.nox.version, uv: uvVersion, scriptTemplate: template, dists };
  writeFileSync(
    path.join(root, 'packages/tools/src/nox-manifest.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  console.log(
    `nox-manifest: ${Object.keys(dists).length} wheels, ${Object.values(dists).reduce((n, d) => n + Object.keys(d.files).length, 0)} files; uv ${uvVersion}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
