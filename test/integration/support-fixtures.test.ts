// Release fixtures must match upstream to the byte layout: names, folders, modes and checksum formats.
// These tests read them back with the system tar and simple parsers, independently of packages/.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  assetName,
  buildRelease,
  mirrorTemplate,
  publishRelease,
  writeReleaseDir,
  type FixturePlatform,
} from '../harness/fixtures';
import { startMirror, type Mirror } from '../harness/mirror';
import { listTarGz, sha256Hex } from '../harness/tarball';

const run = promisify(execFile);
const LINUX_X64: FixturePlatform = { os: 'linux', arch: 'x64' };
const LINUX_ARM64: FixturePlatform = { os: 'linux', arch: 'arm64' };

let scratch: string;
let binary: string;
let mirror: Mirror;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-fixtures-test-'));
  binary = path.join(scratch, 'fake-tool');
  // Not executable on purpose: the archive must still carry it as 0755.
  await writeFile(binary, '#!/bin/sh\necho "fake-tool 1.2.3"\n', { mode: 0o644 });
  mirror = await startMirror();
});

afterAll(async () => {
  await mirror.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** `mode owner size date time name` -> [mode, name] */
async function layoutOf(archive: Buffer): Promise<Array<[string, string]>> {
  return (await listTarGz(archive)).map((line) => {
    const fields = line.split(/\s+/);
    return [fields[0] ?? '', fields.at(-1) ?? ''];
  });
}

/** The sha256sum-format parser every consumer needs: match on the file name column. */
function digestFor(checksums: Buffer, fileName: string): string | undefined {
  for (const line of checksums.toString('utf8').split('\n')) {
    const [digest, name] = line.trim().split(/\s+/);
    if (name?.replace(/^\*/, '') === fileName) return digest;
  }
  return undefined;
}

async function extractAndRun(archive: Buffer, member: string): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, 'x-'));
  await writeFile(path.join(dir, 'a.tar.gz'), archive);
  await run('tar', ['-xzf', 'a.tar.gz'], { cwd: dir });
  return (await run(path.join(dir, member), [])).stdout;
}

describe('helm', () => {
  it('has the upstream name, layout and both sidecar formats', async () => {
    const release = await buildRelease('helm', 'v3.16.4', LINUX_X64, binary);
    expect(release.fileName).toBe('helm-v3.16.4-linux-amd64.tar.gz');
    expect(release.version).toBe('3.16.4');
    expect(release.sha256).toBe(sha256Hex(release.body));
    expect(await layoutOf(release.body)).toEqual([
      ['drwxr-xr-x', 'linux-amd64/'],
      ['-rw-r--r--', 'linux-amd64/LICENSE'],
      ['-rw-r--r--', 'linux-amd64/README.md'],
      ['-rwxr-xr-x', 'linux-amd64/helm'],
    ]);
    expect(release.checksumFiles[`${release.fileName}.sha256`]?.toString()).toBe(`${release.sha256}\n`);
    expect(release.checksumFiles[`${release.fileName}.sha256sum`]?.toString()).toBe(
      `${release.sha256}  ${release.fileName}\n`,
    );
    expect(await extractAndRun(release.body, 'linux-amd64/helm')).toBe('fake-tool 1.2.3\n');
  });

  it('is reproducible: same inputs, same sha256', async () => {
    const first = await buildRelease('helm', '3.16.4', LINUX_ARM64, binary);
    const second = await buildRelease('helm', '3.16.4', LINUX_ARM64, binary);
    expect(first.fileName).toBe('helm-v3.16.4-linux-arm64.tar.gz');
    expect(second.sha256).toBe(first.sha256);
  });

  it('pads to about the requested size without changing the layout', async () => {
    const padTo = 2 * 1024 * 1024;
    const release = await buildRelease('helm', '3.16.4', LINUX_X64, binary, { padTo });
    expect(Math.abs(release.body.length - padTo)).toBeLessThan(4096);
    const layout = await layoutOf(release.body);
    expect(layout.map(([, name]) => name)).toEqual([
      'linux-amd64/',
      'linux-amd64/LICENSE',
      'linux-amd64/README.md',
      'linux-amd64/helm',
    ]);
  });

  it('is published under get.helm.sh-like paths', async () => {
    const published = await publishRelease(mirror, 'helm', '3.16.4', LINUX_X64, binary);
    expect(published.archiveUrl).toBe(`${mirror.url}/helm/helm-v3.16.4-linux-amd64.tar.gz`);
    const archive = Buffer.from(await (await fetch(published.archiveUrl)).arrayBuffer());
    expect(sha256Hex(archive)).toBe(published.sha256);
    const sidecar = await (await fetch(`${published.archiveUrl}.sha256sum`)).text();
    expect(digestFor(Buffer.from(sidecar), published.fileName)).toBe(published.sha256);
    expect(published.checksumUrls[`${published.fileName}.sha256`]).toBe(`${published.archiveUrl}.sha256`);
  });
});

describe('kubeconform', () => {
  it('has the binary and LICENSE at the root and a release-wide CHECKSUMS', async () => {
    const release = await buildRelease('kubeconform', '0.7.0', LINUX_X64, binary);
    expect(release.fileName).toBe('kubeconform-linux-amd64.tar.gz');
    expect(await layoutOf(release.body)).toEqual([
      ['-rw-r--r--', 'LICENSE'],
      ['-rwxr-xr-x', 'kubeconform'],
    ]);
    const checksums = release.checksumFiles.CHECKSUMS ?? Buffer.alloc(0);
    expect(Object.keys(release.checksumFiles)).toEqual(['CHECKSUMS']);
    expect(digestFor(checksums, release.fileName)).toBe(release.sha256);
    const lines = checksums.toString().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{64} {2}kubeconform-[\w-]+\.(tar\.gz|zip)$/);
    expect(digestFor(checksums, 'kubeconform-linux-arm64.tar.gz')).not.toBe(release.sha256);
    expect(await extractAndRun(release.body, 'kubeconform')).toBe('fake-tool 1.2.3\n');
  });

  it('keeps one CHECKSUMS per release when several platforms are published', async () => {
    const amd = await publishRelease(mirror, 'kubeconform', '0.7.0', LINUX_X64, binary);
    const arm = await publishRelease(mirror, 'kubeconform', 'v0.7.0', LINUX_ARM64, binary, {
      padTo: 64 * 1024,
    });
    expect(amd.archiveUrl).toBe(
      `${mirror.url}/yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-amd64.tar.gz`,
    );
    expect(arm.checksumUrls.CHECKSUMS).toBe(amd.checksumUrls.CHECKSUMS);
    const checksums = Buffer.from(await (await fetch(amd.checksumUrls.CHECKSUMS ?? '')).arrayBuffer());
    expect(amd.sha256).not.toBe(arm.sha256);
    expect(digestFor(checksums, amd.fileName)).toBe(amd.sha256);
    expect(digestFor(checksums, arm.fileName)).toBe(arm.sha256);
  });
});

describe('uv', () => {
  it('has uv and uvx under uv-<triple>/ and a hex-then-name sidecar', async () => {
    const release = await buildRelease('uv', '0.8.24', LINUX_X64, binary);
    expect(release.fileName).toBe('uv-x86_64-unknown-linux-gnu.tar.gz');
    expect(await layoutOf(release.body)).toEqual([
      ['drwxr-xr-x', 'uv-x86_64-unknown-linux-gnu/'],
      ['-rwxr-xr-x', 'uv-x86_64-unknown-linux-gnu/uv'],
      ['-rwxr-xr-x', 'uv-x86_64-unknown-linux-gnu/uvx'],
    ]);
    const sidecar = release.checksumFiles[`${release.fileName}.sha256`]?.toString() ?? '';
    expect(sidecar).toBe(`${release.sha256}  ${release.fileName}\n`);
    expect(sidecar.split(/\s+/)[0]).toBe(release.sha256);
    expect(await extractAndRun(release.body, 'uv-x86_64-unknown-linux-gnu/uv')).toBe('fake-tool 1.2.3\n');
  });

  it('names every triple like upstream', () => {
    expect(assetName('uv', '0.8.24', { os: 'linux', arch: 'arm64', libc: 'musl' })).toBe(
      'uv-aarch64-unknown-linux-musl.tar.gz',
    );
    expect(assetName('uv', '0.8.24', { os: 'darwin', arch: 'arm64' })).toBe('uv-aarch64-apple-darwin.tar.gz');
    expect(assetName('kubeconform', '0.7.0', { os: 'darwin', arch: 'x64' })).toBe(
      'kubeconform-darwin-amd64.tar.gz',
    );
  });

  it('is published under GitHub release paths, and the mirror template finds it', async () => {
    const published = await publishRelease(mirror, 'uv', '0.8.24', LINUX_X64, binary);
    expect(published.archiveUrl).toBe(
      `${mirror.url}/astral-sh/uv/releases/download/0.8.24/uv-x86_64-unknown-linux-gnu.tar.gz`,
    );
    const template = mirrorTemplate('uv', mirror.url);
    expect(template).toBe(`${mirror.url}/astral-sh/uv/releases/download/{version}/{file}`);
    const url = template.replace('{version}', '0.8.24').replace('{file}', published.fileName);
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('layouts and folders', () => {
  it('places files by template or function', async () => {
    const byTemplate = await publishRelease(mirror, 'helm', '3.16.4', LINUX_X64, binary, {
      urlLayout: '/tools/{version}/{os}-{arch}/{file}',
    });
    expect(byTemplate.archiveUrl).toBe(`${mirror.url}/tools/3.16.4/linux-amd64/${byTemplate.fileName}`);
    expect((await fetch(`${byTemplate.archiveUrl}.sha256`)).status).toBe(200);

    const byFunction = await publishRelease(mirror, 'uv', '0.8.24', LINUX_X64, binary, {
      urlLayout: ({ tool, file }) => `flat/${tool}/${file}`,
    });
    expect(byFunction.archiveUrl).toBe(`${mirror.url}/flat/uv/${byFunction.fileName}`);
  });

  it('writes the same layout to a folder for file:// mirrors', async () => {
    const dir = await mkdtemp(path.join(scratch, 'dir-'));
    const published = await writeReleaseDir(dir, 'kubeconform', '0.7.0', LINUX_X64, binary);
    await writeReleaseDir(dir, 'kubeconform', '0.7.0', LINUX_ARM64, binary);
    expect(published.archiveUrl.startsWith('file://')).toBe(true);
    const archivePath = fileURLToPath(published.archiveUrl);
    expect(archivePath).toBe(
      path.join(dir, 'yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-amd64.tar.gz'),
    );
    expect(sha256Hex(await readFile(archivePath))).toBe(published.sha256);
    const checksums = await readFile(fileURLToPath(published.checksumUrls.CHECKSUMS ?? ''));
    expect(digestFor(checksums, published.fileName)).toBe(published.sha256);
    expect(digestFor(checksums, 'kubeconform-linux-arm64.tar.gz')).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(archivePath)).size).toBe(published.body.length);
  });
});
