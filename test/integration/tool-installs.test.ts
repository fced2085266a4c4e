// The install path's holes (issue: "tool installs that are right every time"), each proved on the bundled
// cached-tool run as a runner runs it, against a loopback mirror serving archives made by the system tar,
// xz and zstd: a reinstall that really replaces, entries kept apart by source, links that leave the
// archive, formats told by name and by content, plain-http mirrors, and hints that name the right knob.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, runAction, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { makeTarGz, sha256Hex } from '../harness/tarball';

let mirror: Mirror;
let sandbox: string;
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

const script = (text: string) => `#!/bin/sh\necho "${text}"\n`;

/** A custom tool `mytool` 1.0.0 served at `/<where>/<file>`, pinned to its bytes. */
function serve(where: string, file: string, body: Buffer) {
  mirror.addFile(`/${where}/${file}`, body);
  return {
    tool: 'custom',
    version: '1.0.0',
    url: `${mirror.url}/${where}/${file}`,
    binary: 'mytool',
    sha256: sha256Hex(body),
    cache: 'false',
    retries: '1',
  };
}

/** An archive made by the system tar with the given compression flag, of one folder `tool-bin/`. */
function tarWith(flag: string, files: Record<string, string>): Buffer {
  const dir = path.join(sandbox, `tar-${Math.random().toString(16).slice(2)}`);
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(dir, 'tool-bin', name);
    execFileSync('mkdir', ['-p', path.dirname(file)]);
    writeFileSync(file, body);
    chmodSync(file, 0o755);
  }
  const out = `${dir}.archive`;
  execFileSync('tar', [flag, '-cf', out, '-C', dir, 'tool-bin']);
  return readFileSync(out);
}

const runMytool = (result: { outputs: Record<string, string> }) =>
  execFileSync(path.join(result.outputs.path as string, 'mytool'), { encoding: 'utf8' }).trim();

beforeAll(async () => {
  mirror = await startMirror();
  sandbox = await mkdtemp(path.join(tmpdir(), 'ci-kit-tool-installs-'));
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
  mirror.reset();
});

afterAll(async () => {
  await mirror?.stop();
  await rm(sandbox, { recursive: true, force: true });
});

describe('the tool cache', () => {
  it('a complete entry made from other bytes than the pin is replaced, and the new bytes are on PATH', async () => {
    const job = await newJob();
    const v1 = await makeTarGz([{ path: 'tool-bin/mytool', body: script('one'), mode: 0o755 }]);
    const first = await runAction(job, 'cached-tool', {
      inputs: { ...serve('v1', 'mytool.tar.gz', v1), 'archive-path': 'tool-bin' },
    });
    expect(first.exitCode).toBe(0);
    expect(runMytool(first)).toBe('one');

    // Same tool, version and URL template; the pin moved to other bytes (a rebuilt release, a fixed mirror).
    const v2 = await makeTarGz([{ path: 'tool-bin/mytool', body: script('two'), mode: 0o755 }]);
    mirror.addFile('/v1/mytool.tar.gz', v2);
    const second = await runAction(job, 'cached-tool', {
      inputs: { ...serve('v1', 'mytool.tar.gz', v2), 'archive-path': 'tool-bin' },
    });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('reinstalling (the entry is replaced)');
    expect(second.outputs).toMatchObject({ source: 'download', sha256: sha256Hex(v2) });
    expect(second.outputs.path).toBe(first.outputs.path);
    expect(runMytool(second)).toBe('two');
    // And the third run takes the replaced entry as it is.
    const third = await runAction(job, 'cached-tool', {
      inputs: { ...serve('v1', 'mytool.tar.gz', v2), 'archive-path': 'tool-bin' },
    });
    expect(third.outputs).toMatchObject({ source: 'tool-cache', sha256: sha256Hex(v2) });
  });

  it('two custom tools with one binary name and version from two URLs get an entry each', async () => {
    const job = await newJob();
    const a = await makeTarGz([{ path: 'tool-bin/mytool', body: script('from a'), mode: 0o755 }]);
    const b = await makeTarGz([{ path: 'tool-bin/mytool', body: script('from b'), mode: 0o755 }]);
    const fromA = await runAction(job, 'cached-tool', {
      inputs: { ...serve('a', 'mytool.tar.gz', a), 'archive-path': 'tool-bin' },
    });
    const fromB = await runAction(job, 'cached-tool', {
      inputs: { ...serve('b', 'mytool.tar.gz', b), 'archive-path': 'tool-bin' },
    });
    expect([fromA.exitCode, fromB.exitCode]).toEqual([0, 0]);
    expect(fromB.outputs.source).toBe('download');
    expect(fromB.outputs.path).not.toBe(fromA.outputs.path);
    expect([runMytool(fromA), runMytool(fromB)]).toEqual(['from a', 'from b']);
  });
});

describe('archives', () => {
  it('refuses a binary that is a symlink out of the archive, and never changes the file it points at', async () => {
    const outside = path.join(sandbox, 'runner-secret-file');
    writeFileSync(outside, 'not yours\n', { mode: 0o600 });
    chmodSync(outside, 0o600);
    const archive = path.join(sandbox, 'link.tar.gz');
    const made = spawnSync(
      'python3',
      [
        '-c',
        [
          'import sys, tarfile',
          'with tarfile.open(sys.argv[1], "w:gz") as t:',
          '    info = tarfile.TarInfo("tool-bin/mytool"); info.type = tarfile.SYMTYPE; info.linkname = sys.argv[2]',
          '    t.addfile(info)',
        ].join('\n'),
        archive,
        outside,
      ],
      { encoding: 'utf8' },
    );
    expect(made.stderr).toBe('');
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...serve('link', 'mytool.tar.gz', readFileSync(archive)), 'archive-path': 'tool-bin' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain(
      `mytool.tar.gz holds a symbolic link that points outside the archive (tool-bin/mytool -> ${outside})`,
    );
    expect(statSync(outside).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(job.toolCache, 'mytool'))).toBe(false);
  });

  it('keeps a link between files inside the archive', async () => {
    const archive = path.join(sandbox, 'inner.tar.gz');
    const made = spawnSync(
      'python3',
      [
        '-c',
        [
          'import io, sys, tarfile',
          'data = b"#!/bin/sh\\necho inner\\n"',
          'with tarfile.open(sys.argv[1], "w:gz") as t:',
          '    real = tarfile.TarInfo("tool-bin/libexec/mytool-real"); real.size = len(data); real.mode = 0o644',
          '    t.addfile(real, io.BytesIO(data))',
          '    link = tarfile.TarInfo("tool-bin/mytool"); link.type = tarfile.SYMTYPE; link.linkname = "libexec/mytool-real"',
          '    t.addfile(link)',
        ].join('\n'),
        archive,
      ],
      { encoding: 'utf8' },
    );
    expect(made.stderr).toBe('');
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...serve('inner', 'mytool.tar.gz', readFileSync(archive)), 'archive-path': 'tool-bin' },
    });
    expect(result.exitCode).toBe(0);
    expect(runMytool(result)).toBe('inner');
  });

  it.each([
    ['tar.xz', '-J'],
    ['tar.zst', '--zstd'],
  ])('installs from a .%s archive', async (extension, flag) => {
    const body = tarWith(flag, { mytool: script(`from ${extension}`) });
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: { ...serve(extension, `mytool.${extension}`, body), 'archive-path': 'tool-bin' },
    });
    expect(result.exitCode).toBe(0);
    expect(runMytool(result)).toBe(`from ${extension}`);
  });

  it('refuses a file name that does not tell its format, and installs it as a binary only when told', async () => {
    const body = Buffer.from(script('bare'));
    const job = await newJob();
    const guessed = await runAction(job, 'cached-tool', { inputs: serve('bare', 'mytool', body) });
    expect(guessed.exitCode).toBe(1);
    expect(guessed.errors).toEqual([
      expect.stringContaining("archive-format: the name 'mytool' does not tell the release file's format"),
    ]);
    expect(existsSync(path.join(job.toolCache, 'mytool'))).toBe(false);

    const told = await runAction(job, 'cached-tool', {
      inputs: { ...serve('bare', 'mytool', body), 'archive-format': 'binary' },
    });
    expect(told.exitCode).toBe(0);
    expect(runMytool(told)).toBe('bare');
  });

  it('refuses a .tar.bz2 name, and an archive declared a binary', async () => {
    const job = await newJob();
    const bz2 = await runAction(job, 'cached-tool', {
      inputs: serve('bz2', 'mytool.tar.bz2', tarWith('-j', { mytool: script('bz2') })),
    });
    expect(bz2.exitCode).toBe(1);
    expect(bz2.errors[0]).toContain("the name 'mytool.tar.bz2' does not tell");

    const gz = await makeTarGz([{ path: 'mytool', body: script('x'), mode: 0o755 }]);
    const declared = await runAction(job, 'cached-tool', {
      inputs: { ...serve('gz', 'mytool', gz), 'archive-format': 'binary' },
    });
    expect(declared.exitCode).toBe(1);
    expect(declared.errors[0]).toContain(
      'mytool was declared a bare binary but starts like a tar.gz archive',
    );
  });

  it('a .zip needs unzip: installed with it, one error naming unzip (and how to get it) without it', async () => {
    // A zip of tool-bin/mytool made by Python's zipfile (mode 0755 kept in the external attributes).
    const zip = path.join(sandbox, `mytool-${Math.random().toString(16).slice(2)}.zip`);
    execFileSync('python3', [
      '-c',
      [
        'import sys, zipfile',
        "info = zipfile.ZipInfo('tool-bin/mytool')",
        'info.external_attr = 0o100755 << 16',
        "with zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr(info, sys.argv[2])",
      ].join('\n'),
      zip,
      script('zipped'),
    ]);
    const body = readFileSync(zip);
    const withUnzip = await runAction(await newJob(), 'cached-tool', {
      inputs: { ...serve('zip', 'mytool.zip', body), 'archive-path': 'tool-bin' },
    });
    expect(withUnzip.errors).toEqual([]);
    expect(runMytool(withUnzip)).toBe('zipped');

    // The pre-warmed image and slim job images have no unzip: say so, not "the archive may be corrupt".
    const emptyBin = path.join(sandbox, `no-unzip-${Math.random().toString(16).slice(2)}`);
    execFileSync('mkdir', ['-p', emptyBin]);
    const job = await newJob();
    const without = await runAction(job, 'cached-tool', {
      inputs: { ...serve('zip', 'mytool.zip', body), 'archive-path': 'tool-bin' },
      env: { PATH: emptyBin },
    });
    expect(without.exitCode).toBe(1);
    expect(without.errors).toEqual([
      "extracting a zip archive needs 'unzip' on PATH, and there is none; install it in the job image (Debian: apt-get install unzip)",
    ]);
    expect(existsSync(path.join(job.toolCache, 'mytool'))).toBe(false);
  });

  it('names an HTML page served as a .tar.gz for what it is', async () => {
    const job = await newJob();
    const result = await runAction(job, 'cached-tool', {
      inputs: serve('html', 'mytool.tar.gz', Buffer.from('<!DOCTYPE html><html><body>Sign in</body></html>')),
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain('mytool.tar.gz is not a tar.gz archive: it starts like an HTML page');
  });
});

describe('mirrors and hints', () => {
  it('warns when the digest comes over plain http from the same server as the archive, and not when it is pinned', async () => {
    const body = await makeTarGz([{ path: 'tool-bin/mytool', body: script('x'), mode: 0o755 }]);
    const job = await newJob();
    const unverified = await runAction(job, 'cached-tool', {
      inputs: {
        ...serve('plain', 'mytool.tar.gz', body),
        sha256: '',
        verify: 'false',
        'archive-path': 'tool-bin',
      },
    });
    expect(unverified.exitCode).toBe(0);
    expect(unverified.warnings).toContainEqual(
      expect.stringMatching(/is plain http and nothing pins the sha256 of mytool\.tar\.gz/),
    );
    const withPin = await runAction(await newJob(), 'cached-tool', {
      inputs: { ...serve('plain', 'mytool.tar.gz', body), 'archive-path': 'tool-bin' },
    });
    expect(withPin.exitCode).toBe(0);
    expect(withPin.warnings).toEqual([]);
  });

  it("names prepare-python's own knob when the uv download fails", async () => {
    const job = await newJob();
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        // A version toolchain.json does not pin: no pip fallback (it needs pinned wheel digests).
        'uv-version': '0.8.23',
        'uv-download-url': `${mirror.url}/nowhere/{file}`,
        'nox-version': 'none',
        install: 'none',
        cache: 'false',
        retries: '1',
      },
      // No uv on PATH: the install has to download it.
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(
      /HTTP 404 Not Found; check that the version exists and that uv-download-url points/,
    );
  });
});
