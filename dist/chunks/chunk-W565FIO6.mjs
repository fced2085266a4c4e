import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-D754KW5M.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/download/src/url.ts
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "***";
    parsed.password = "";
    return parsed.toString().replace("***:@", "***@");
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//***@");
  }
}
__name(redactUrl, "redactUrl");
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
  assertDownloadScheme,
  siblingUrl
};
