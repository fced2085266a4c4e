import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  jobScopedFile
} from "./chunk-D754KW5M.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/verified.ts
import { accessSync, appendFileSync, constants, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var verifiedFile = /* @__PURE__ */ __name((env) => jobScopedFile(env, "verified", ".jsonl"), "verifiedFile");
function identityOf(file) {
  try {
    const real = realpathSync(file);
    const st = statSync(real);
    return { real, identity: `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}` };
  } catch {
    return void 0;
  }
}
__name(identityOf, "identityOf");
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
  const target = verifiedFile(env);
  const now = identityOf(file);
  if (!target || !now) return;
  const record = { tool, path: now.real, version, identity: now.identity };
  try {
    appendFileSync(target, `${JSON.stringify(record)}
`);
  } catch {
  }
}
__name(recordVerified, "recordVerified");
function verifiedVersion(env, tool, file) {
  const source = verifiedFile(env);
  const now = identityOf(file);
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
__name(verifiedVersion, "verifiedVersion");

export {
  findOnPath,
  recordVerified,
  verifiedVersion
};
