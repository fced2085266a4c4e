import { UserError } from '@ci-kit/runner';

/**
 * Query (and fragment) parameters that carry a credential: bearer and OAuth tokens, API keys, presigned
 * URL signatures (S3 `X-Amz-Signature`/`X-Amz-Credential`/`X-Amz-Security-Token`, GCS `X-Goog-*`, Azure
 * SAS `sig`). Matched case-insensitively, on the whole name or on its last `-`/`_`/`.` part.
 */
const SECRET_PARAM =
  /^(?:.*[-_.])?(?:token|access_token|sig|signature|credential|secret|password|passwd|key|apikey|auth|jwt)$/i;

/** The scheme and `//` of an absolute URL, then its userinfo (to the last `@` before the path). */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/;

/**
 * A URL as it may be printed: `https://user:token@host/x?token=abc&v=1` prints as
 * `https://***@host/x?token=***&v=1`. Everything else is kept as written (no re-encoding), so the line
 * still names the URL the user gave.
 */
export function redactUrl(url: string): string {
  let out = url.replace(USERINFO, '$1***@');
  if (out === url && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^?#]*@/.test(url) && !canParse(url)) {
    // Not a URL we can read (a password with a '/' in it?): hide everything up to the last '@'.
    out = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^?#]*@/, '$1***@');
  }
  const cut = out.search(/[?#]/);
  if (cut < 0) return out;
  const tail = out
    .slice(cut)
    .replace(/([?#&;])([^=&#;]*)=([^&#;]*)/g, (whole, sep: string, name: string) =>
      SECRET_PARAM.test(safeDecode(name)) ? `${sep}${name}=***` : whole,
    );
  return out.slice(0, cut) + tail;
}

/** Every URL in a free text (a tool's output, an error message) redacted as redactUrl does. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s'"<>`]+/g, (url) => redactUrl(url));
}

/** Whether a URL carries `user[:password]@`. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return USERINFO.test(url);
  }
}

function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The release file's name from the last segment of a URL's path, percent-decoded, or undefined when the
 * path ends with '/'. It becomes a file name in our staging folder, so it must be one name: never
 * '.', '..', anything with '/' or '\\' (also encoded: `..%2F..%2F`), nor a control character.
 */
export function fileNameFromUrl(url: string, input: string): string | undefined {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  if (segment === '') return undefined;
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    throw new UserError(
      `${input}: the last segment '${segment}' of '${redactUrl(url)}' is not valid percent-encoding ('%' must start two hex digits; write a literal % as %25)`,
    );
  }
  return assertFileName(name, input, `the last segment '${segment}' of '${redactUrl(url)}'`);
}

/**
 * `name` when it is one plain file name (what may be joined to a folder), else one UserError naming
 * the input and where the name came from.
 */
export function assertFileName(name: string, input: string, where: string): string {
  // eslint-disable-next-line no-control-regex
  if (name === '' || name === '.' || name === '..' || /[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw new UserError(
      `${input}: ${where} gives '${JSON.stringify(name).slice(1, -1)}', which is not a file name (no '/', '\\', control character, '.' or '..'); refusing to use it as a path`,
    );
  }
  return name;
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
