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
import { normalizeVersion, TOOLCHAIN, validateUrlTemplate } from '@ci-kit/tools';

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
  verify: boolean;
}

/** Every input validated before any work: one line naming the input, the value and what is accepted. */
export function loadInputs(read: InputReader): CachedToolInputs {
  const tool = enumInput(read, 'tool', TOOLS);
  const versionText = read('version').trim();
  if (tool === 'custom' && versionText === '') {
    throw new UserError("version: required for tool 'custom' (an exact version such as 1.2.3)");
  }
  const version = normalizeVersion(
    versionText || TOOLCHAIN[tool as Exclude<ToolInput, 'custom'>].version,
    'version',
  );
  const sha256 = sha256Input(read, 'sha256');
  const downloadUrl = read('download-url').trim();
  if (downloadUrl) validateUrlTemplate(downloadUrl, 'download-url');
  // Empty means the default, as for every optional input.
  const archiveFormatText = read('archive-format').trim() || 'auto';
  const archiveFormat = enumInput(() => archiveFormatText, 'archive-format', ['auto', ...ARCHIVE_FORMATS]);
  if (tool !== 'custom' && archiveFormat !== 'auto') {
    throw new UserError(
      `archive-format: only for tool 'custom' (${tool}'s release files are known); remove it or set it to auto`,
    );
  }
  const inputs: CachedToolInputs = {
    tool,
    version,
    retries: integerInput(read, 'retries', 1, 20),
    cache: booleanInput(read, 'cache'),
    verify: booleanInput(read, 'verify'),
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
  const url = read('url').trim();
  const binary = read('binary').trim();
  const archivePath = read('archive-path')
    .trim()
    .replace(/^\.?\/+|\/+$/g, '');
  if (!url) throw new UserError("url: required for tool 'custom' (the archive URL, placeholders allowed)");
  validateUrlTemplate(url, 'url');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(binary)) {
    throw invalidInput('binary', binary, "a file name of letters, digits, '.', '_' and '-'");
  }
  if (archivePath.split('/').some((segment) => segment === '..')) {
    throw invalidInput('archive-path', archivePath, "a path inside the archive, without '..'");
  }
  return { url, archivePath, binary };
}
