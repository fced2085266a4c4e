import type { Platform } from '@ci-kit/runner';
import { archiveFormatOf, type ArchiveFormat } from '@ci-kit/download';
import type { ToolDefinition } from './definitions';
import { renderUrlTemplate } from './template';

/** Everything the install pipeline needs to know about one tool at one version on one platform. */
export interface InstallPlan {
  /** Name in the tool cache and in cache keys. */
  tool: string;
  version: string;
  platform: Platform;
  fileName: string;
  url: string;
  format: ArchiveFormat;
  /** Folder inside the extracted archive holding the binaries ('' = root). */
  binDir: string;
  binaries: string[];
  /** The pinned digest, when the input or toolchain.json has one. */
  sha256?: string;
  sha256Source?: 'input' | 'toolchain';
  /** Published checksum file beside the archive, consulted when nothing is pinned. */
  checksumUrl?: string;
  checksumFileName?: string;
}

export interface PlanOptions {
  version: string;
  platform: Platform;
  /** Mirror URL template (the `download-url` input); the upstream URL when empty. */
  downloadUrl?: string;
  downloadUrlInput: string;
  sha256?: string;
  sha256Source?: 'input' | 'toolchain';
}

export function planFromDefinition(definition: ToolDefinition, options: PlanOptions): InstallPlan {
  const { version, platform } = options;
  const fileName = definition.fileName(version, platform);
  const values = {
    version,
    file: fileName,
    os: definition.osWord(platform),
    arch: definition.archWord(platform),
  };
  const url = renderUrlTemplate(
    options.downloadUrl || definition.upstreamUrl,
    values,
    options.downloadUrlInput,
  );
  const checksumFileName = definition.checksumFile(fileName);
  return {
    tool: definition.name,
    version,
    platform,
    fileName,
    url,
    format: archiveFormatOf(fileName),
    binDir: definition.binDir(version, platform),
    binaries: definition.binaries(platform),
    checksumFileName,
    ...(options.sha256 ? { sha256: options.sha256, sha256Source: options.sha256Source } : {}),
  };
}
