import type { Platform } from '@ci-kit/runner';
import { archiveFormatOf, type ArchiveFormat } from '@ci-kit/download';
import { TOOL_DEFINITIONS, type ToolDefinition } from './definitions';
import { pinnedSha256 } from './toolchain';
import { renderUrlTemplate } from './template';

/** Everything the install pipeline needs to know about one tool at one version on one platform. */
export interface InstallPlan {
  /** Name in the tool cache and in cache keys. */
  tool: string;
  version: string;
  platform: Platform;
  fileName: string;
  url: string;
  /** The input or variable the user sets the URL with, named in errors (download-url, CI_KIT_DOWNLOAD_MIRROR). */
  urlKnob: string;
  format: ArchiveFormat;
  /**
   * Slot qualifiers beyond the platform (tool-cache.ts entrySlot): a custom tool's source, since two
   * tools with one binary name and version from two URLs are two tools.
   */
  slotQualifiers?: string[];
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
  const format = archiveFormatOf(fileName);
  // Every definition names its release files; a name with no known format is a definition bug.
  if (!format) throw new Error(`${definition.name}: no archive format for ${fileName}`);
  return {
    tool: definition.name,
    version,
    platform,
    fileName,
    url,
    urlKnob: options.downloadUrlInput,
    format,
    binDir: definition.binDir(version, platform),
    binaries: definition.binaries(platform),
    checksumFileName,
    ...(options.sha256 ? { sha256: options.sha256, sha256Source: options.sha256Source } : {}),
  };
}

export interface PinnedPlanOptions extends Omit<PlanOptions, 'sha256' | 'sha256Source'> {
  /** The user's own pin (an input); wins over toolchain.json. */
  sha256Input?: string;
}

/**
 * A known tool's plan with its digest chosen the one way every action chooses it: the user's pin,
 * else toolchain.json's for that exact version, else none (the published checksum file decides).
 */
export function planPinnedTool(tool: keyof typeof TOOL_DEFINITIONS, options: PinnedPlanOptions): InstallPlan {
  const { sha256Input, ...rest } = options;
  const definition = TOOL_DEFINITIONS[tool];
  const pinned =
    sha256Input ??
    pinnedSha256(tool, options.version, definition.fileName(options.version, options.platform));
  return planFromDefinition(definition, {
    ...rest,
    ...(pinned
      ? { sha256: pinned, sha256Source: sha256Input ? ('input' as const) : ('toolchain' as const) }
      : {}),
  });
}
