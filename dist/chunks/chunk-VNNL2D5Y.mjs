import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/cache/src/save-policy.ts
var SAVE_MODES = ["auto", "always", "never"];
var UNTRUSTED_CACHE_WRITERS = [
  "pull_request_target",
  "workflow_run",
  "issue_comment",
  "pull_request_comment",
  "pull_request_review",
  "pull_request_review_comment"
];
function saveBlockedBy(mode, eventName, ref) {
  if (mode === "never") return "save-cache: never";
  if (mode === "always") return void 0;
  if (UNTRUSTED_CACHE_WRITERS.includes(eventName))
    return `save-cache: auto does not save on ${eventName} (it may run untrusted code with write access to the cache; set save-cache: always to override)`;
  if (ref.startsWith("refs/tags/")) return "save-cache: auto does not save on tag pushes";
  return void 0;
}
__name(saveBlockedBy, "saveBlockedBy");

export {
  SAVE_MODES,
  saveBlockedBy
};
