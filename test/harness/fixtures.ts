// Release files as upstream publishes them (names, archive layouts, checksum file formats: see
// ../shared/upstream-facts.md), built around a binary the test supplies, and placed under the same URL
// paths the real hosts use, either on a loopback mirror or in a folder for file:// mirrors.
//
// Naming here is a second, independent implementation of what packages/tools knows: a mistake in one of
// the two shows up as a 404 in a test instead of agreeing with itself.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Mirror } from './mirror';
import { makeTarGz, pseudoRandomBytes, sha256Hex, type TarEntry } from './tarball';

export type FixtureTool = 'helm' | 'kubeconform' | 'uv';

export interface FixturePlatform {
  os: 'linux' | 'darwin';
  arch: 'x64' | 'arm64';
  /** uv only; default gnu. */
  libc?: 'gnu' | 'musl';
}

export interface BuildOptions {
  /** Grow the archive to about this many bytes (incompressible filler in LICENSE), to time real sizes. */
  padTo?: number;
  /** uv only: what to ship as `uvx` (default: a sh shim that runs `uv tool run`). */
  uvxPath?: string;
}

export interface ReleaseArchive {
  tool: FixtureTool;
  /** Without a leading `v`. */
  version: string;
  platform: FixturePlatform;
  fileName: string;
  body: Buffer;
  sha256: string;
  /** Checksum file name -> content, in the upstream format for this tool. */
  checksumFiles: Record<string, Buffer>;
}

/** The os and arch words this tool puts in its file names. */
export function nativePlatform(tool: FixtureTool, platform: FixturePlatform): { os: string; arch: string } {
  if (tool === 'uv') {
    const arch = platform.arch === 'x64' ? 'x86_64' : 'aarch64';
    const os = platform.os === 'darwin' ? 'apple-darwin' : `unknown-linux-${platform.libc ?? 'gnu'}`;
    return { os, arch };
  }
  return { os: platform.os, arch: platform.arch === 'x64' ? 'amd64' : 'arm64' };
}

export function assetName(tool: FixtureTool, version: string, platform: FixturePlatform): string {
  const { os, arch } = nativePlatform(tool, platform);
  switch (tool) {
    case 'helm':
      return `helm-v${bare(version)}-${os}-${arch}.tar.gz`;
    case 'kubeconform':
      return `kubeconform-${os}-${arch}.tar.gz`;
    case 'uv':
      return `uv-${arch}-${os}.tar.gz`;
  }
}

export async function buildRelease(
  tool: FixtureTool,
  version: string,
  platform: FixturePlatform,
  binaryPath: string,
  opts: BuildOptions = {},
): Promise<ReleaseArchive> {
  version = bare(version);
  const fileName = assetName(tool, version, platform);
  const entries = await layout(tool, fileName, platform, binaryPath, opts);
  let body = await makeTarGz(entries);
  if (opts.padTo !== undefined && opts.padTo > body.length) {
    body = await makeTarGz(padded(entries, tool, fileName, opts.padTo - body.length));
  }
  const sha256 = sha256Hex(body);
  return {
    tool,
    version,
    platform,
    fileName,
    body,
    sha256,
    checksumFiles: checksumFiles(tool, version, fileName, sha256),
  };
}

async function layout(
  tool: FixtureTool,
  fileName: string,
  platform: FixturePlatform,
  binaryPath: string,
  opts: BuildOptions,
): Promise<TarEntry[]> {
  const binary = await readFile(binaryPath);
  switch (tool) {
    case 'helm': {
      const { os, arch } = nativePlatform(tool, platform);
      const dir = `${os}-${arch}`;
      return [
        { path: `${dir}/helm`, body: binary, mode: 0o755 },
        { path: `${dir}/LICENSE`, body: APACHE_LICENSE_HEAD },
        { path: `${dir}/README.md`, body: '# Helm\n\nTest fixture standing in for the upstream README.\n' },
      ];
    }
    case 'kubeconform':
      return [
        { path: 'kubeconform', body: binary, mode: 0o755 },
        { path: 'LICENSE', body: APACHE_LICENSE_HEAD },
      ];
    case 'uv': {
      const dir = fileName.replace(/\.tar\.gz$/, '');
      const uvx = opts.uvxPath ? await readFile(opts.uvxPath) : UVX_SHIM;
      return [
        { path: `${dir}/uv`, body: binary, mode: 0o755 },
        { path: `${dir}/uvx`, body: uvx, mode: 0o755 },
      ];
    }
  }
}

/**
 * Filler goes into LICENSE so helm and kubeconform keep their exact upstream layout; uv's archive has no
 * LICENSE, so a padded uv archive gains one (the only deviation, and only when padTo is asked for).
 */
function padded(entries: TarEntry[], tool: FixtureTool, fileName: string, missing: number): TarEntry[] {
  // Stored gzip blocks cost 5 bytes per 64 KiB and the tar header 512: leave room so we land just under.
  const size = Math.max(0, missing - Math.ceil(missing / 65535) * 5 - 1024);
  const filler = pseudoRandomBytes(size, `${fileName}:${missing}`);
  const license = entries.find((entry) => entry.path.endsWith('LICENSE'));
  if (license) {
    return entries.map((entry) =>
      entry === license ? { ...entry, body: Buffer.concat([Buffer.from(entry.body), filler]) } : entry,
    );
  }
  const dir = tool === 'uv' ? `${fileName.replace(/\.tar\.gz$/, '')}/` : '';
  return [...entries, { path: `${dir}LICENSE`, body: filler }];
}

function checksumFiles(
  tool: FixtureTool,
  version: string,
  fileName: string,
  sha256: string,
): Record<string, Buffer> {
  switch (tool) {
    case 'helm':
      // helm's Makefile: `shasum -a 256 | awk '{print $1}'` and plain `shasum -a 256` output.
      return {
        [`${fileName}.sha256`]: Buffer.from(`${sha256}\n`),
        [`${fileName}.sha256sum`]: Buffer.from(`${sha256}  ${fileName}\n`),
      };
    case 'uv':
      return { [`${fileName}.sha256`]: Buffer.from(`${sha256}  ${fileName}\n`) };
    case 'kubeconform':
      return { CHECKSUMS: Buffer.from(kubeconformChecksums(version, fileName, sha256)) };
  }
}

/**
 * goreleaser's release-wide file: every asset, sorted by name. The other assets get made-up digests so a
 * parser that does not match on the file name picks a wrong one.
 */
function kubeconformChecksums(version: string, fileName: string, sha256: string): string {
  const names = new Set([...KUBECONFORM_ASSETS, fileName]);
  return [...names]
    .sort()
    .map((name) => `${name === fileName ? sha256 : sha256Hex(`not-${name}-${version}`)}  ${name}\n`)
    .join('');
}

const KUBECONFORM_ASSETS = [
  'kubeconform-darwin-amd64.tar.gz',
  'kubeconform-darwin-arm64.tar.gz',
  'kubeconform-linux-386.tar.gz',
  'kubeconform-linux-amd64.tar.gz',
  'kubeconform-linux-arm64.tar.gz',
  'kubeconform-linux-armv6.tar.gz',
  'kubeconform-windows-386.zip',
  'kubeconform-windows-amd64.zip',
];

/** Where upstream serves a file of this release (helm: get.helm.sh; the others: GitHub release downloads). */
export function upstreamPath(tool: FixtureTool, version: string, file: string): string {
  switch (tool) {
    case 'helm':
      return `/helm/${file}`;
    case 'kubeconform':
      return `/yannh/kubeconform/releases/download/v${bare(version)}/${file}`;
    case 'uv':
      return `/astral-sh/uv/releases/download/${bare(version)}/${file}`;
  }
}

/** A `download-url` template (`{version}`, `{file}`) that points an action at the mirror's upstream paths. */
export function mirrorTemplate(tool: FixtureTool, baseUrl: string): string {
  return baseUrl.replace(/\/$/, '') + upstreamPath(tool, '{version}', '{file}');
}

export interface AssetRef {
  tool: FixtureTool;
  version: string;
  file: string;
  /** The tool's own words (helm: linux/amd64; uv: unknown-linux-gnu/x86_64). */
  os: string;
  arch: string;
}

/**
 * `upstream` (default), a template with `{version}`, `{os}`, `{arch}`, `{file}` (os/arch in the tool's
 * own words), or a function. Checksum files go through the same layout as the archive.
 */
export type UrlLayout = 'upstream' | string | ((asset: AssetRef) => string);

export interface PlaceOptions {
  urlLayout?: UrlLayout;
}

export interface PublishedRelease extends ReleaseArchive {
  /** Absolute URL (http:// or file://) of the archive. */
  archiveUrl: string;
  /** Checksum file name -> absolute URL. */
  checksumUrls: Record<string, string>;
}

export async function publishRelease(
  mirror: Mirror,
  tool: FixtureTool,
  version: string,
  platform: FixturePlatform,
  binaryPath: string,
  opts: BuildOptions & PlaceOptions = {},
): Promise<PublishedRelease> {
  return publishBuilt(mirror, await buildRelease(tool, version, platform, binaryPath, opts), opts);
}

/** Publishes an already built release (to serve one archive from both a mirror and a folder). */
export function publishBuilt(
  mirror: Mirror,
  release: ReleaseArchive,
  opts: PlaceOptions = {},
): PublishedRelease {
  return place(
    release,
    opts,
    (urlPath, body) => mirror.addFile(urlPath, body),
    mirror.getFile,
    mirror.urlFor,
  );
}

export async function writeReleaseDir(
  dir: string,
  tool: FixtureTool,
  version: string,
  platform: FixturePlatform,
  binaryPath: string,
  opts: BuildOptions & PlaceOptions = {},
): Promise<PublishedRelease> {
  return writeBuilt(dir, await buildRelease(tool, version, platform, binaryPath, opts), opts);
}

export async function writeBuilt(
  dir: string,
  release: ReleaseArchive,
  opts: PlaceOptions = {},
): Promise<PublishedRelease> {
  const writes: Array<[string, Buffer]> = [];
  const existing = new Map<string, Buffer | undefined>();
  for (const urlPath of placedPaths(release, opts)) {
    existing.set(urlPath, await readFile(path.join(dir, urlPath)).catch(() => undefined));
  }
  const published = place(
    release,
    opts,
    (urlPath, body) => writes.push([urlPath, body]),
    (urlPath) => existing.get(urlPath),
    (urlPath) => pathToFileURL(path.join(dir, urlPath)).href,
  );
  for (const [urlPath, body] of writes) {
    const file = path.join(dir, urlPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }
  return published;
}

function place(
  release: ReleaseArchive,
  opts: PlaceOptions,
  put: (urlPath: string, body: Buffer) => void,
  get: (urlPath: string) => Buffer | undefined,
  toUrl: (urlPath: string) => string,
): PublishedRelease {
  const urlPathOf = urlPathFor(release, opts.urlLayout ?? 'upstream');
  const archivePath = urlPathOf(release.fileName);
  put(archivePath, release.body);
  const checksumUrls: Record<string, string> = {};
  for (const [name, body] of Object.entries(release.checksumFiles)) {
    const urlPath = urlPathOf(name);
    // A release-wide CHECKSUMS already published for another platform keeps its lines; ours is updated.
    const previous = name === 'CHECKSUMS' ? get(urlPath) : undefined;
    put(urlPath, previous ? withChecksumLine(previous, release.fileName, release.sha256) : body);
    checksumUrls[name] = toUrl(urlPath);
  }
  return { ...release, archiveUrl: toUrl(archivePath), checksumUrls };
}

function placedPaths(release: ReleaseArchive, opts: PlaceOptions): string[] {
  const urlPathOf = urlPathFor(release, opts.urlLayout ?? 'upstream');
  return [release.fileName, ...Object.keys(release.checksumFiles)].map(urlPathOf);
}

function urlPathFor(release: ReleaseArchive, layout: UrlLayout): (file: string) => string {
  const { os, arch } = nativePlatform(release.tool, release.platform);
  return (file) => {
    const ref: AssetRef = { tool: release.tool, version: release.version, file, os, arch };
    const urlPath =
      typeof layout === 'function'
        ? layout(ref)
        : layout === 'upstream'
          ? upstreamPath(release.tool, release.version, file)
          : layout.replace(/\{(version|os|arch|file)\}/g, (_, key: keyof AssetRef) => ref[key]);
    return urlPath.startsWith('/') ? urlPath : `/${urlPath}`;
  };
}

function withChecksumLine(previous: Buffer, fileName: string, sha256: string): Buffer {
  const lines = previous
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '' && line.split(/\s+/)[1] !== fileName);
  lines.push(`${sha256}  ${fileName}`);
  const nameOf = (line: string): string => line.split(/\s+/)[1] ?? '';
  lines.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return Buffer.from(lines.map((line) => `${line}\n`).join(''));
}

function bare(version: string): string {
  return version.replace(/^v/, '');
}

const APACHE_LICENSE_HEAD = `
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   (Test fixture: the upstream archive carries the full license text here.)
`;

/** Real uvx is a separate binary that behaves as `uv tool run`; a shim is enough for layout tests. */
const UVX_SHIM = '#!/bin/sh\nexec "$(dirname "$0")/uv" tool run "$@"\n';
