import {
  booleanInput,
  enumInput,
  integerInput,
  invalidInput,
  sha256Input,
  UserError,
  type InputReader,
} from '@ci-kit/runner';
import { ARCHIVE_FORMATS, type ArchiveFormat } from '@ci-kit/download';
import { SAVE_MODES, type SaveMode } from '@ci-kit/cache';
import { normalizeVersion, TOOLCHAIN, validateUrlTemplate } from '@ci-kit/tools';
import { Inputs } from './names';

export const TOOLS = ['helm', 'kubeconform', 'uv', 'custom'] as const;
export type ToolInput = (typeof TOOLS)[number];

export interface CachedToolInputs {
  tool: ToolInput;
  version: string;
  sha256?: string;
  downloadUrl?: string;
  custom?: {
    url: string;
    archivePath: string;
    binary: string;
    /** undefined: from the file name (`auto`), which must then say it. */
    format?: ArchiveFormat;
  };
  retries: number;
  cache: boolean;
  /** When the verified archive is saved to the remote cache (packages/cache/src/save-policy.ts). */
  saveCache: SaveMode;
  verify: boolean;
}

/** Every input validated before any work: one line naming the input, the value and what is accepted. */
export function loadInputs(read: InputReader): CachedToolInputs {
  const tool = enumInput(read, Inputs.Tool, TOOLS);
  const versionText = read(Inputs.Version).trim();
  if (tool === 'custom' && versionText === '') {
    throw new UserError("version: required for tool 'custom' (an exact version such as 1.2.3)");
  }
  const version = normalizeVersion(
    versionText || TOOLCHAIN[tool as Exclude<ToolInput, 'custom'>].version,
    'version',
  );
  const sha256 = sha256Input(read, Inputs.Sha256);
  const downloadUrl = read(Inputs.DownloadUrl).trim();
  if (downloadUrl) validateUrlTemplate(downloadUrl, Inputs.DownloadUrl);
  // Empty means the default, as for every optional input.
  const archiveFormatText = read(Inputs.ArchiveFormat).trim() || 'auto';
  const archiveFormat = enumInput(() => archiveFormatText, Inputs.ArchiveFormat, [
    'auto',
    ...ARCHIVE_FORMATS,
  ]);
  if (tool !== 'custom' && archiveFormat !== 'auto') {
    throw new UserError(
      `archive-format: only for tool 'custom' (${tool}'s release files are known); remove it or set it to auto`,
    );
  }
  const inputs: CachedToolInputs = {
    tool,
    version,
    retries: integerInput(read, Inputs.Retries, 1, 20),
    cache: booleanInput(read, Inputs.Cache),
    // Empty means the default, as for every optional input.
    saveCache: enumInput(() => read(Inputs.SaveCache).trim() || 'auto', Inputs.SaveCache, SAVE_MODES),
    verify: booleanInput(read, Inputs.Verify),
    ...(sha256 ? { sha256 } : {}),
    ...(downloadUrl ? { downloadUrl } : {}),
  };
  if (tool === 'custom') {
    inputs.custom = {
      ...loadCustom(read),
      ...(archiveFormat === 'auto' ? {} : { format: archiveFormat }),
    };
  }
  return inputs;
}

function loadCustom(read: InputReader): Omit<NonNullable<CachedToolInputs['custom']>, 'format'> {
  const url = read(Inputs.Url).trim();
  const binary = read(Inputs.Binary).trim();
  const archivePath = read(Inputs.ArchivePath)
    .trim()
    .replace(/^\.?\/+|\/+$/g, '');
  if (!url) throw new UserError("url: required for tool 'custom' (the archive URL, placeholders allowed)");
  validateUrlTemplate(url, Inputs.Url);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(binary)) {
    throw invalidInput(Inputs.Binary, binary, "a file name of letters, digits, '.', '_' and '-'");
  }
  if (archivePath.split('/').some((segment) => segment === '..')) {
    throw invalidInput(Inputs.ArchivePath, archivePath, "a path inside the archive, without '..'");
  }
  return { url, archivePath, binary };
}
