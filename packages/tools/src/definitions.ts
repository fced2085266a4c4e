import type { Platform } from '@ci-kit/runner';

/**
 * Where each tool's releases live and what their archives hold (see ../shared/upstream-facts.md).
 * `{os}` and `{arch}` in URL templates use the tool's own words (helm: linux/amd64, uv:
 * linux/x86_64), `{file}` is the release file name, `{version}` the version without a "v".
 */
export interface ToolDefinition {
  name: string;
  upstreamUrl: string;
  fileName(version: string, platform: Platform): string;
  /** Folder inside the extracted archive that holds the binaries ('' for the archive root). */
  binDir(version: string, platform: Platform): string;
  binaries(platform: Platform): string[];
  /** The checksum file published beside the archive (one digest, or a list matched by file name). */
  checksumFile(fileName: string): string;
  osWord(platform: Platform): string;
  archWord(platform: Platform): string;
  versionArgs: string[];
}

const exe = (platform: Platform, name: string) => (platform.os === 'windows' ? `${name}.exe` : name);
const goArch = (platform: Platform) => (platform.arch === 'x64' ? 'amd64' : 'arm64');
const goArchive = (platform: Platform) => (platform.os === 'windows' ? 'zip' : 'tar.gz');

const helm: ToolDefinition = {
  name: 'helm',
  // Binaries are only on get.helm.sh; GitHub releases carry signatures.
  upstreamUrl: 'https://get.helm.sh/{file}',
  fileName: (version, p) => `helm-v${version}-${p.os}-${goArch(p)}.${goArchive(p)}`,
  binDir: (_version, p) => `${p.os}-${goArch(p)}`,
  binaries: (p) => [exe(p, 'helm')],
  checksumFile: (fileName) => `${fileName}.sha256sum`,
  osWord: (p) => p.os,
  archWord: goArch,
  versionArgs: ['version', '--short'],
};

const kubeconform: ToolDefinition = {
  name: 'kubeconform',
  upstreamUrl: 'https://github.com/yannh/kubeconform/releases/download/v{version}/{file}',
  fileName: (_version, p) => `kubeconform-${p.os}-${goArch(p)}.${goArchive(p)}`,
  binDir: () => '',
  binaries: (p) => [exe(p, 'kubeconform')],
  checksumFile: () => 'CHECKSUMS',
  osWord: (p) => p.os,
  archWord: goArch,
  versionArgs: ['-v'],
};

function uvTriple(p: Platform): string {
  const cpu = p.arch === 'x64' ? 'x86_64' : 'aarch64';
  if (p.os === 'darwin') return `${cpu}-apple-darwin`;
  if (p.os === 'windows') return `${cpu}-pc-windows-msvc`;
  return `${cpu}-unknown-linux-${p.libc}`;
}

const uv: ToolDefinition = {
  name: 'uv',
  upstreamUrl: 'https://github.com/astral-sh/uv/releases/download/{version}/{file}',
  fileName: (_version, p) => `uv-${uvTriple(p)}.${p.os === 'windows' ? 'zip' : 'tar.gz'}`,
  // The Windows zip has no top folder.
  binDir: (_version, p) => (p.os === 'windows' ? '' : `uv-${uvTriple(p)}`),
  binaries: (p) => [exe(p, 'uv'), exe(p, 'uvx')],
  checksumFile: (fileName) => `${fileName}.sha256`,
  osWord: (p) => p.os,
  archWord: (p) => (p.arch === 'x64' ? 'x86_64' : 'aarch64'),
  versionArgs: ['--version'],
};

export const TOOL_DEFINITIONS: Record<'helm' | 'kubeconform' | 'uv', ToolDefinition> = {
  helm,
  kubeconform,
  uv,
};
