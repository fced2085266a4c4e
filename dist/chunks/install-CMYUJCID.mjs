import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  findInToolCache,
  installTool,
  planPinnedTool,
  retry,
  toolCacheDir
} from "./chunk-BMI5Q3HO.mjs";
import {
  toolkitCacheService
} from "./chunk-5JSZRJRJ.mjs";
import {
  MIRROR_LAYOUT
} from "./chunk-WBARZKXE.mjs";
import {
  TOOLCHAIN
} from "./chunk-M4WHJ2NL.mjs";
import {
  __name
} from "./chunk-L6KRIO4D.mjs";

// actions/setup-prewarmed-runner/src/install.ts
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
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
    attempts: 4,
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
async function installNox(uv, ctx) {
  const { version } = TOOLCHAIN.nox;
  const entry = { tool: "nox", version, arch: ctx.platform.arch };
  const cached = findInToolCache(ctx.toolCacheRoot, entry);
  if (cached && existsSync(path.join(cached, "bin", "nox"))) {
    return { binPath: path.join(cached, "bin"), source: "tool-cache", detail: cached };
  }
  const dir = toolCacheDir(ctx.toolCacheRoot, entry);
  await rm(`${dir}.complete`, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const env = {
    ...ctx.env,
    UV_TOOL_DIR: path.join(dir, "tools"),
    UV_TOOL_BIN_DIR: path.join(dir, "bin"),
    UV_NO_PROGRESS: "1"
  };
  const args = ["tool", "install", "--force", `nox==${version}`];
  const { attempts } = await retry(
    async () => {
      const result = await ctx.exec(uv, args, { env, timeoutMs: 10 * 6e4 });
      if (result.missing) throw new Error(`${uv} cannot be run`);
      ctx.log.info(result.output.trim());
      if (result.exitCode !== 0) throw new Error(`uv ${args.join(" ")} exited with ${result.exitCode}`);
    },
    {
      attempts: 3,
      what: `uv ${args.join(" ")}`,
      log: ctx.log,
      // uv's own HTTP retries come first; what is left (an index outage, a resolver hiccup) is worth one more go.
      classify: /* @__PURE__ */ __name(() => ({ retryable: true, reason: "uv tool install failed" }), "classify")
    }
  );
  if (!existsSync(path.join(dir, "bin", "nox"))) {
    throw new Error(`uv ${args.join(" ")} left no ${path.join(dir, "bin", "nox")}`);
  }
  await writeFile(`${dir}.complete`, "");
  return { binPath: path.join(dir, "bin"), source: "uv", detail: `uv tool install, ${attempts} attempt(s)` };
}
__name(installNox, "installNox");
export {
  installNox,
  installReleaseTool
};
