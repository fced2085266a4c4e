// Issue 28, item 2 (docs/guarantees.md, section 10): a tool-cache entry is checked, before it is used,
// against what its writer cannot forge: the pin in the step's inputs or toolchain.json, applied to the
// bytes on disk. Anyone who can write the runner's tool cache (another job on a host-mode runner, a
// job sharing the tool-cache volume) overwrites, plants or strips an entry; the bundled cached-tool,
// run as a runner runs it, must warn once and replace it with a fresh verified install.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, cp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { TOOLCHAIN } from '@ci-kit/tools';
import { createJob, repoRoot, runAction, type Job } from '../harness/runner';
import { toolsBin } from '../harness/cache-server';
import { startMirror, type Mirror } from '../harness/mirror';
import { makeTarGz, sha256Hex } from '../harness/tarball';
import { tally } from './tally';

let mirror: Mirror;
const jobs: Job[] = [];
let labels = 0;

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

beforeAll(async () => {
  mirror = await startMirror();
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
});

const POISON = '#!/bin/sh\necho poisoned\n';
const ran = (bin: string) => execFileSync(bin, { encoding: 'utf8' }).trim();

/** A pinned custom tool of its own (`tool-bin/mytool` and a README), served by the mirror. */
async function pinnedTool(extra: Record<string, string> = {}) {
  const label = `tc${++labels}`;
  const body = await makeTarGz([
    { path: 'tool-bin/mytool', body: `#!/bin/sh\necho genuine ${label}\n`, mode: 0o755 },
    { path: 'tool-bin/README', body: 'read me\n', mode: 0o644 },
  ]);
  mirror.addFile(`/${label}/mytool.tar.gz`, body);
  return {
    label,
    inputs: {
      tool: 'custom',
      version: '1.0.0',
      url: `${mirror.url}/${label}/mytool.tar.gz`,
      'archive-path': 'tool-bin',
      binary: 'mytool',
      sha256: sha256Hex(body),
      cache: 'false',
      retries: '1',
      ...extra,
    },
  };
}

/** The entry folder (…/mytool/1.0.0/<slot>) that `bin` (the path output) is in. */
const entryOf = (bin: string) => path.dirname(bin);

/** What a writer of the tool cache does to a complete entry. */
type Tamper = (entry: string, bin: string) => Promise<void>;

const tampers: Array<[string, Tamper, RegExp]> = [
  [
    'the binary overwritten with a script',
    async (_entry, bin) => writeFile(path.join(bin, 'mytool'), POISON),
    /tool-bin\/mytool has sha256 [0-9a-f]{64}, the pinned archive holds [0-9a-f]{64}/,
  ],
  [
    'the binary overwritten and the record deleted',
    async (entry, bin) => {
      await writeFile(path.join(bin, 'mytool'), POISON);
      await rm(path.join(entry, '.ci-kit-install.json'), { force: true });
    },
    /tool-bin\/mytool has sha256/,
  ],
  [
    'the binary replaced by a symbolic link to a script elsewhere',
    async (entry, bin) => {
      const elsewhere = path.join(path.dirname(entry), 'elsewhere.sh');
      await writeFile(elsewhere, POISON);
      await chmod(elsewhere, 0o755);
      await rm(path.join(bin, 'mytool'));
      await symlink(elsewhere, path.join(bin, 'mytool'));
    },
    /tool-bin\/mytool is a symbolic link, the pinned archive holds a file/,
  ],
  [
    'the genuine binary made setuid',
    async (_entry, bin) => chmod(path.join(bin, 'mytool'), 0o4755),
    /tool-bin\/mytool is setuid or setgid/,
  ],
  [
    'a file planted beside the binary',
    async (_entry, bin) => writeFile(path.join(bin, 'libpreload.so'), 'x'),
    /holds tool-bin\/libpreload.so, which the pinned archive does not/,
  ],
  [
    'the kept archive and the binary both replaced (another archive, consistent with the binary)',
    async (entry, bin) => {
      await writeFile(path.join(bin, 'mytool'), POISON);
      const forged = await makeTarGz([
        { path: 'tool-bin/mytool', body: POISON, mode: 0o755 },
        { path: 'tool-bin/README', body: 'read me\n', mode: 0o644 },
      ]);
      const kept = path.join(entry, '.ci-kit');
      for (const name of existsSync(kept) ? readdirSync(kept) : [])
        await writeFile(path.join(kept, name), forged);
    },
    /kept archive has sha256 [0-9a-f]{64}, the pin is [0-9a-f]{64}/,
  ],
];

describe('a tampered tool-cache entry is never used (cached-tool, pinned custom tool)', () => {
  it('control: an untouched entry is taken from the tool cache, with no warning', async () => {
    const tool = await pinnedTool();
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs: tool.inputs });
    expect(first.outputs.source).toBe('download');
    const second = await runAction(job, 'cached-tool', { inputs: tool.inputs });
    expect(second.exitCode).toBe(0);
    expect(second.warnings).toEqual([]);
    expect(second.outputs).toMatchObject({ source: 'tool-cache', sha256: tool.inputs.sha256 });
    expect(ran(path.join(second.outputs.path as string, 'mytool'))).toBe(`genuine ${tool.label}`);
  });

  it.each(tampers)(
    '%s: one warning naming the entry, replaced by a verified install',
    async (_name, tamper, what) => {
      const tool = await pinnedTool();
      const job = await newJob();
      const first = await runAction(job, 'cached-tool', { inputs: tool.inputs });
      expect(first.exitCode).toBe(0);
      const bin = first.outputs.path as string;
      await tamper(entryOf(bin), bin);
      tally.hostileInputs += 1;
      const second = await runAction(job, 'cached-tool', { inputs: tool.inputs });
      expect(second.errors).toEqual([]);
      expect(second.exitCode).toBe(0);
      expect(second.outputs.source).toBe('download');
      expect(second.warnings).toEqual([expect.stringContaining(`tool cache entry ${entryOf(bin)} `)]);
      expect(second.warnings[0]).toMatch(what);
      expect(second.warnings[0]).toMatch(/replaced by a fresh verified install$/);
      expect(ran(path.join(second.outputs.path as string, 'mytool'))).toBe(`genuine ${tool.label}`);
      expect(existsSync(path.join(second.outputs.path as string, 'libpreload.so'))).toBe(false);
      // The replaced entry is taken as it is by the next run.
      const third = await runAction(job, 'cached-tool', { inputs: tool.inputs });
      expect(third.warnings).toEqual([]);
      expect(third.outputs.source).toBe('tool-cache');
    },
  );

  it('an entry planted whole, with a record that names the pin, is replaced', async () => {
    const tool = await pinnedTool();
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs: tool.inputs });
    const bin = first.outputs.path as string;
    const entry = entryOf(bin);
    await rm(entry, { recursive: true, force: true });
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'mytool'), POISON);
    await chmod(path.join(bin, 'mytool'), 0o755);
    await writeFile(path.join(entry, '.ci-kit-install.json'), JSON.stringify({ sha256: tool.inputs.sha256 }));
    tally.hostileInputs += 1;
    const second = await runAction(job, 'cached-tool', { inputs: tool.inputs });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.source).toBe('download');
    expect(second.warnings).toEqual([expect.stringMatching(/holds no verified archive to check it against/)]);
    expect(ran(path.join(second.outputs.path as string, 'mytool'))).toBe(`genuine ${tool.label}`);
  });

  it('a bare binary (archive-format: binary) is checked against its pin directly', async () => {
    const label = `bare${++labels}`;
    const body = Buffer.from(`#!/bin/sh\necho genuine ${label}\n`);
    mirror.addFile(`/${label}/mytool`, body);
    const inputs = {
      tool: 'custom',
      version: '1.0.0',
      url: `${mirror.url}/${label}/mytool`,
      'archive-format': 'binary',
      binary: 'mytool',
      sha256: sha256Hex(body),
      cache: 'false',
      retries: '1',
    };
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs });
    expect(first.exitCode).toBe(0);
    await writeFile(path.join(first.outputs.path as string, 'mytool'), POISON);
    const second = await runAction(job, 'cached-tool', { inputs });
    expect(second.outputs.source).toBe('download');
    expect(second.warnings).toEqual([expect.stringMatching(/mytool has sha256 [0-9a-f]{64}, the pin is/)]);
    expect(ran(path.join(second.outputs.path as string, 'mytool'))).toBe(`genuine ${label}`);
  });

  it('verify: false (nothing to check an entry against): never taken from the tool cache', async () => {
    const tool = await pinnedTool();
    const { sha256: _pin, ...unpinned } = tool.inputs;
    const inputs = { ...unpinned, verify: 'false' };
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs });
    expect(first.exitCode).toBe(0);
    await writeFile(path.join(first.outputs.path as string, 'mytool'), POISON);
    const second = await runAction(job, 'cached-tool', { inputs });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.source).toBe('download');
    expect(second.stdout).toContain('not taken from the tool cache: nothing pins its sha256 (verify: false)');
    expect(ran(path.join(second.outputs.path as string, 'mytool'))).toBe(`genuine ${tool.label}`);
    expect(mirror.requestsFor(`/${tool.label}/mytool.tar.gz`)).toHaveLength(2);
  });
});

describe('a named tool without a pin (helm at a version toolchain.json does not pin)', () => {
  it('the published checksum is fetched again and the entry checked against it; the archive is not', async () => {
    const label = `helm${++labels}`;
    const version = '3.99.0';
    const file = `helm-v${version}-linux-amd64.tar.gz`;
    const body = await makeTarGz([
      { path: 'linux-amd64/helm', body: `#!/bin/sh\necho genuine ${label}\n`, mode: 0o755 },
      { path: 'linux-amd64/LICENSE', body: 'license\n', mode: 0o644 },
    ]);
    mirror.addFile(`/${label}/${file}`, body);
    mirror.addFile(`/${label}/${file}.sha256sum`, `${sha256Hex(body)}  ${file}\n`);
    const inputs = {
      tool: 'helm',
      version,
      'download-url': `${mirror.url}/${label}/{file}`,
      cache: 'false',
      retries: '1',
    };
    const job = await newJob();
    const first = await runAction(job, 'cached-tool', { inputs });
    expect(first.exitCode).toBe(0);
    const second = await runAction(job, 'cached-tool', { inputs });
    expect(second.outputs).toMatchObject({ source: 'tool-cache', sha256: sha256Hex(body) });
    expect(mirror.requestsFor(`/${label}/${file}.sha256sum`)).toHaveLength(2);
    expect(mirror.requestsFor(`/${label}/${file}`)).toHaveLength(1);
    await writeFile(path.join(second.outputs.path as string, 'helm'), POISON);
    const third = await runAction(job, 'cached-tool', { inputs });
    expect(third.outputs.source).toBe('download');
    // (Plus the plain-http warning every download from this mirror gets.)
    expect(third.warnings.filter((w) => !/is plain http/.test(w))).toEqual([
      expect.stringMatching(/linux-amd64\/helm has sha256/),
    ]);
    expect(
      spawnSync(path.join(third.outputs.path as string, 'helm'), { encoding: 'utf8' }).stdout.trim(),
    ).toBe(`genuine ${label}`);
  });
});

describe('a tampered nox venv in the tool cache is never run (prepare-python)', () => {
  const wheelhouse = path.join(repoRoot, '.tools/wheels');
  const noxVersion = TOOLCHAIN.nox.version;

  /** A job whose PATH has uv but no nox, so prepare-python installs nox into the tool cache. */
  async function noxJob(): Promise<{ job: Job; run: () => ReturnType<typeof runAction> }> {
    const job = await newJob();
    await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
    const bin = path.join(job.temp, 'only-uv');
    await mkdir(bin, { recursive: true });
    await symlink(await realpath(toolsBin('uv')), path.join(bin, 'uv'));
    const env = { UV_FIND_LINKS: wheelhouse, UV_OFFLINE: '1', PATH: `${bin}:/usr/bin:/bin` };
    return {
      job,
      run: () => runAction(job, 'prepare-python', { inputs: { cache: 'false', install: 'none' }, env }),
    };
  }

  const entryOfNox = (job: Job) => {
    const dir = path.join(job.toolCache, 'nox', noxVersion);
    const [slot] = readdirSync(dir).filter((n) => !n.endsWith('.complete') && !n.startsWith('.'));
    return path.join(dir, slot as string);
  };
  const siteOf = (entry: string) => {
    const [py] = readdirSync(path.join(entry, 'lib'));
    return path.join(entry, 'lib', py as string, 'site-packages');
  };

  it('control: an untouched venv is taken from the tool cache, its bytecode caches removed', async () => {
    const { job, run } = await noxJob();
    const first = await run();
    expect(first.errors).toEqual([]);
    const entry = entryOfNox(job);
    const planted = path.join(siteOf(entry), 'nox', '__pycache__');
    await mkdir(planted, { recursive: true });
    await writeFile(path.join(planted, '__init__.cpython-311.pyc'), 'not bytecode of ours');
    const second = await run();
    expect(second.errors).toEqual([]);
    expect(second.warnings).toEqual([]);
    expect(second.stdout).toContain(`nox ${noxVersion} from the tool cache`);
    // Removed before nox ran (which may have written its own since).
    const pyc = path.join(planted, '__init__.cpython-311.pyc');
    expect(existsSync(pyc) ? readFileSync(pyc, 'utf8') : '').not.toContain('not bytecode of ours');
  });

  it.each([
    [
      "nox's own source changed",
      (entry: string, marker: string) =>
        appendFileSync(
          path.join(siteOf(entry), 'nox', '__init__.py'),
          `\nopen(${JSON.stringify(marker)}, 'w')\n`,
        ),
      /site-packages\/nox\/__init__\.py has sha256 \S+, the pinned wheel's is \S+/,
    ],
    [
      'a .pth file planted (Python runs it at every start)',
      (entry: string, marker: string) =>
        writeFileSync(
          path.join(siteOf(entry), 'zz-evil.pth'),
          `import os; open(${JSON.stringify(marker)}, 'w')\n`,
        ),
      /holds site-packages\/zz-evil\.pth, which neither the pinned wheels nor uv's venv hold/,
    ],
    [
      'bin/nox replaced by a script that answers --version',
      (entry: string, marker: string) =>
        writeFileSync(
          path.join(entry, 'bin', 'nox'),
          `#!/bin/sh\ntouch '${marker}'\necho ${TOOLCHAIN.nox.version}\n`,
          {
            mode: 0o755,
          },
        ),
      /bin\/nox is not the script uv writes for nox\.__main__:main/,
    ],
    [
      'a package the lock does not pin planted beside nox',
      (entry: string, marker: string) => {
        mkdirSync(path.join(siteOf(entry), 'evil-1.0.dist-info'));
        writeFileSync(path.join(siteOf(entry), 'evil-1.0.dist-info', 'METADATA'), `x ${marker}`);
      },
      /holds evil-1\.0\.dist-info, which the pinned lock does not/,
    ],
  ] as Array<[string, (entry: string, marker: string) => void, RegExp]>)(
    '%s: one warning, never run, replaced',
    async (_name, tamper, what) => {
      const { job, run } = await noxJob();
      const first = await run();
      expect(first.errors).toEqual([]);
      const entry = entryOfNox(job);
      const marker = path.join(job.root, `ran-${++labels}`);
      tamper(entry, marker);
      tally.hostileInputs += 1;
      const second = await run();
      expect(second.errors).toEqual([]);
      expect(second.warnings).toEqual([
        expect.stringContaining(`tool cache entry ${entry} is not the pinned nox ${noxVersion}: `),
      ]);
      expect(second.warnings[0]).toMatch(what);
      expect(second.warnings[0]).toMatch(/not used, replaced by a fresh verified install$/);
      // Nothing of the tampered venv ran: not its nox, not its python (a .pth runs at every start).
      expect(existsSync(marker)).toBe(false);
      const third = await run();
      expect(third.warnings).toEqual([]);
      expect(third.stdout).toContain(`nox ${noxVersion} from the tool cache`);
      expect(existsSync(marker)).toBe(false);
    },
  );
});
