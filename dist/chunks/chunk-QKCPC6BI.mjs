import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  jobScopedFile
} from "./chunk-PYQVS2IG.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/verified.ts
import { accessSync, appendFileSync, constants, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var verifiedFile = /* @__PURE__ */ __name((env) => jobScopedFile(env, "verified", ".jsonl"), "verifiedFile");
function identityOf(file, scope = "job") {
  try {
    const real = realpathSync(file);
    const st = statSync(real);
    const identity = scope === "job" ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}` : `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    return { real, identity };
  } catch {
    return void 0;
  }
}
__name(identityOf, "identityOf");
var runnerFile = /* @__PURE__ */ __name((env) => env.RUNNER_TOOL_CACHE ? path.join(env.RUNNER_TOOL_CACHE, "ci-kit-verified.jsonl") : void 0, "runnerFile");
function findOnPath(name, env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
    }
  }
  return void 0;
}
__name(findOnPath, "findOnPath");
function recordVerified(env, tool, file, version) {
  append(verifiedFile(env), tool, file, version, "job");
}
__name(recordVerified, "recordVerified");
function verifiedVersion(env, tool, file) {
  return lookup(verifiedFile(env), tool, file, "job");
}
__name(verifiedVersion, "verifiedVersion");
function recordOnRunner(env, tool, file, version) {
  append(runnerFile(env), tool, file, version, "runner");
}
__name(recordOnRunner, "recordOnRunner");
function versionOnRunner(env, tool, file) {
  return lookup(runnerFile(env), tool, file, "runner");
}
__name(versionOnRunner, "versionOnRunner");
function append(target, tool, file, version, scope) {
  const now = identityOf(file, scope);
  if (!target || !now) return;
  const record = { tool, path: now.real, version, identity: now.identity };
  try {
    appendFileSync(target, `${JSON.stringify(record)}
`);
  } catch {
  }
}
__name(append, "append");
function lookup(source, tool, file, scope) {
  const now = identityOf(file, scope);
  if (!source || !now) return void 0;
  let text;
  try {
    text = readFileSync(source, "utf8");
  } catch {
    return void 0;
  }
  let found;
  for (const line of text.split("\n")) {
    try {
      const record = JSON.parse(line);
      if (record.tool === tool && record.path === now.real && record.identity === now.identity) {
        found = typeof record.version === "string" ? record.version : void 0;
      }
    } catch {
    }
  }
  return found;
}
__name(lookup, "lookup");

export {
  findOnPath,
  recordVerified,
  verifiedVersion,
  recordOnRunner,
  versionOnRunner
};
