import { UserError } from '@ci-kit/runner';

/** Credentials never reach a log line: `https://user:token@host/x` prints as `https://***@host/x`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString().replace('***:@', '***@');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
}

/** Only these schemes can be downloaded from; anything else (ftp:, javascript:, data:) is refused. */
export function assertDownloadScheme(url: string, input: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${input}: '${redactUrl(url)}' is not a valid URL; use an http(s):// or file:// URL`);
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
    throw new UserError(
      `${input}: scheme '${parsed.protocol}' of '${redactUrl(url)}' is not supported; use http://, https:// or file://`,
    );
  }
  return parsed;
}

/** The checksum file published beside an archive: same directory, another file name. */
export function siblingUrl(archiveUrl: string, fileName: string): string {
  const parsed = new URL(archiveUrl);
  parsed.pathname = parsed.pathname.replace(/[^/]*$/, encodeURIComponent(fileName));
  return parsed.toString();
}
