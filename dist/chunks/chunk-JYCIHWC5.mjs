import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  __name
} from "./chunk-LQCNKXSJ.mjs";

// packages/tools/src/version.ts
var SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
function normalizeVersion(value, input) {
  const match = SEMVER.exec(value.trim());
  if (!match) {
    throw new UserError(`${input}: '${value}' is not a valid version; use an exact version such as 3.16.4`);
  }
  return value.trim().replace(/^v/, "");
}
__name(normalizeVersion, "normalizeVersion");

export {
  normalizeVersion
};
