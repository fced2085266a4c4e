import { booleanInput, enumInput, integerInput, UserError, type InputReader } from '@ci-kit/runner';
import { assertDownloadScheme } from '@ci-kit/download';
import { isSha256 } from '@ci-kit/download';
import { normalizeVersion, TOOLCHAIN } from '@ci-kit/tools';

export const TOOLS = ['helm', 'kubeconform', 'uv', 'custom'] as const;
export type ToolInput = (typeof TOOLS)[number];

export interface CachedToolInputs {
  tool: ToolInput;
  version: string;
  sha256?: string;
  downloadUrl?: string;
  custom?: { url: string; archivePath: string; binary: string };
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
  const sha256 = read('sha256').trim().toLowerCase();
  if (sha256 && !isSha256(sha256)) {
    throw new UserError(
      `The value '${read('sha256').trim()}' is not valid for 'sha256'. Valid values are: 64 hex digits`,
    );
  }
  const downloadUrl = read('download-url').trim();
  if (downloadUrl) assertTemplateScheme(downloadUrl, 'download-url');
  const inputs: CachedToolInputs = {
    tool,
    version,
    retries: integerInput(read, 'retries', 1, 20),
    cache: booleanInput(read, 'cache'),
    verify: booleanInput(read, 'verify'),
    ...(sha256 ? { sha256 } : {}),
    ...(downloadUrl ? { downloadUrl } : {}),
  };
  if (tool === 'custom') inputs.custom = loadCustom(read);
  return inputs;
}

function loadCustom(read: InputReader): NonNullable<CachedToolInputs['custom']> {
  const url = read('url').trim();
  const binary = read('binary').trim();
  const archivePath = read('archive-path')
    .trim()
    .replace(/^\.?\/+|\/+$/g, '');
  if (!url) throw new UserError("url: required for tool 'custom' (the archive URL, placeholders allowed)");
  assertTemplateScheme(url, 'url');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(binary)) {
    throw new UserError(
      `The value '${binary}' is not valid for 'binary'. Valid values are: a file name of letters, digits, '.', '_' and '-'`,
    );
  }
  if (archivePath.split('/').some((segment) => segment === '..')) {
    throw new UserError(
      `The value '${archivePath}' is not valid for 'archive-path'. Valid values are: a path inside the archive, without '..'`,
    );
  }
  return { url, archivePath, binary };
}

/** Checked on the template itself (placeholders filled with harmless words) so no value can change the scheme. */
function assertTemplateScheme(template: string, input: string): void {
  assertDownloadScheme(template.replace(/\{[a-z]+\}/g, 'x'), input);
}
