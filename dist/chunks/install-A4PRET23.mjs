import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  installNox
} from "./chunk-M7TIAFMT.mjs";
import {
  installTool,
  planPinnedTool
} from "./chunk-QYO252MH.mjs";
import "./chunk-TCXELSBN.mjs";
import "./chunk-OOUI75JC.mjs";
import {
  execRunner,
  toolkitCacheService
} from "./chunk-7JFR4UVO.mjs";
import {
  MIRROR_LAYOUT
} from "./chunk-WBARZKXE.mjs";
import {
  TOOLCHAIN
} from "./chunk-HN5E6H3Y.mjs";
import "./chunk-22DZBOGL.mjs";
import "./chunk-PYQVS2IG.mjs";
import "./chunk-BKXCGHDO.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/retry/src/defaults.ts
var DOWNLOAD_ATTEMPTS = 6;

// actions/setup-prewarmed-runner/src/install.ts
async function installReleaseTool(tool, ctx) {
  const plan = planPinnedTool(tool, {
    version: TOOLCHAIN[tool].version,
    platform: ctx.platform,
    downloadUrlInput: "CI_KIT_DOWNLOAD_MIRROR" /* DownloadMirror */,
    ...ctx.mirror ? { downloadUrl: ctx.mirror.replace(/\/+$/, "") + MIRROR_LAYOUT[tool] } : {}
  });
  const result = await installTool({
    plan,
    toolCacheRoot: ctx.toolCacheRoot,
    tempDir: ctx.tempDir,
    attempts: DOWNLOAD_ATTEMPTS,
    remoteCache: true,
    verify: true,
    cacheService: ctx.cacheService ?? toolkitCacheService,
    log: ctx.log
  });
  const retries = Math.max(0, result.downloadAttempts - 1);
  const detail = [
    result.sha256 ? `sha256 ${result.sha256.slice(0, 12)}\u2026 (${result.sha256Source})` : "",
    retries ? `${retries} retr${retries === 1 ? "y" : "ies"}` : "",
    result.timer.describe()
  ].filter(Boolean).join(", ");
  return { binPath: result.binPath, source: result.source, detail };
}
__name(installReleaseTool, "installReleaseTool");
async function installNox2(uv, ctx) {
  const result = await installNox({
    uv,
    // The job's own interpreter: nox runs the project's sessions with it (the image's python3).
    python: "python3",
    version: TOOLCHAIN.nox.version,
    toolCacheRoot: ctx.toolCacheRoot,
    tempDir: ctx.tempDir,
    platform: ctx.platform,
    run: execRunner,
    log: ctx.log,
    attempts: 3
  });
  return {
    binPath: result.binPath,
    source: result.source === "uv-tool" ? "uv" : "tool-cache",
    detail: result.source === "uv-tool" ? "uv pip install --require-hashes" : result.binPath
  };
}
__name(installNox2, "installNox");
export {
  installNox2 as installNox,
  installReleaseTool
};
