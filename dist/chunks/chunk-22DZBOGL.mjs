import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-PYQVS2IG.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/download/src/url.ts
var SECRET_PARAM = /^(?:.*[-_.])?(?:token|access_token|sig|signature|credential|secret|password|passwd|key|apikey|auth|jwt)$/i;
var USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/;
function redactUrl(url) {
  let out = url.replace(USERINFO, "$1***@");
  if (out === url && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^?#]*@/.test(url) && !canParse(url)) {
    out = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^?#]*@/, "$1***@");
  }
  const cut = out.search(/[?#]/);
  if (cut < 0) return out;
  const tail = out.slice(cut).replace(
    /([?#&;])([^=&#;]*)=([^&#;]*)/g,
    (whole, sep, name) => SECRET_PARAM.test(safeDecode(name)) ? `${sep}${name}=***` : whole
  );
  return out.slice(0, cut) + tail;
}
__name(redactUrl, "redactUrl");
function redactUrlsIn(text) {
  return text.replace(/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s'"<>`]+/g, (url) => redactUrl(url));
}
__name(redactUrlsIn, "redactUrlsIn");
function hasCredentials(url) {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    return USERINFO.test(url);
  }
}
__name(hasCredentials, "hasCredentials");
function canParse(url) {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
__name(canParse, "canParse");
function safeDecode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
__name(safeDecode, "safeDecode");
function fileNameFromUrl(url, input) {
  const segment = new URL(url).pathname.split("/").pop() ?? "";
  if (segment === "") return void 0;
  let name;
  try {
    name = decodeURIComponent(segment);
  } catch {
    throw new UserError(
      `${input}: the last segment '${segment}' of '${redactUrl(url)}' is not valid percent-encoding ('%' must start two hex digits; write a literal % as %25)`
    );
  }
  return assertFileName(name, input, `the last segment '${segment}' of '${redactUrl(url)}'`);
}
__name(fileNameFromUrl, "fileNameFromUrl");
function assertFileName(name, input, where) {
  if (name === "" || name === "." || name === ".." || /[/\\\u0000-\u001f\u007f]/.test(name)) {
    throw new UserError(
      `${input}: ${where} gives '${JSON.stringify(name).slice(1, -1)}', which is not a file name (no '/', '\\', control character, '.' or '..'); refusing to use it as a path`
    );
  }
  return name;
}
__name(assertFileName, "assertFileName");
function assertDownloadScheme(url, input) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${input}: '${redactUrl(url)}' is not a valid URL; use an http(s):// or file:// URL`);
  }
  if (!["http:", "https:", "file:"].includes(parsed.protocol)) {
    throw new UserError(
      `${input}: scheme '${parsed.protocol}' of '${redactUrl(url)}' is not supported; use http://, https:// or file://`
    );
  }
  return parsed;
}
__name(assertDownloadScheme, "assertDownloadScheme");
function siblingUrl(archiveUrl, fileName) {
  const parsed = new URL(archiveUrl);
  parsed.pathname = parsed.pathname.replace(/[^/]*$/, encodeURIComponent(fileName));
  return parsed.toString();
}
__name(siblingUrl, "siblingUrl");

export {
  redactUrl,
  redactUrlsIn,
  hasCredentials,
  fileNameFromUrl,
  assertDownloadScheme,
  siblingUrl
};
