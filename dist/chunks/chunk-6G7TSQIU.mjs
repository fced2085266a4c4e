import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// actions/prepare-python/src/state.ts
function encodePlan(plan) {
  return JSON.stringify(plan);
}
__name(encodePlan, "encodePlan");
function decodePlan(raw) {
  if (!raw) return void 0;
  return JSON.parse(raw);
}
__name(decodePlan, "decodePlan");

// actions/prepare-python/src/save-policy.ts
var UNTRUSTED_WRITERS = /* @__PURE__ */ new Set(["pull_request_target", "workflow_run"]);
function saveBlockedBy(mode, eventName, ref) {
  if (mode === "never") return "save-cache: never";
  if (mode === "always") return void 0;
  if (UNTRUSTED_WRITERS.has(eventName))
    return `save-cache: auto does not save on ${eventName} (it may run untrusted code with write access; set save-cache: always to override)`;
  if (ref.startsWith("refs/tags/")) return "save-cache: auto does not save on tag pushes";
  return void 0;
}
__name(saveBlockedBy, "saveBlockedBy");
function saveKeyFor(key, jobStatus) {
  return jobStatus === "failure" || jobStatus === "cancelled" ? `${key}-failed` : key;
}
__name(saveKeyFor, "saveKeyFor");

export {
  encodePlan,
  decodePlan,
  saveBlockedBy,
  saveKeyFor
};
