import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  SAVE_MODES,
  saveBlockedBy
} from "../chunks/chunk-VNNL2D5Y.mjs";
import {
  detectPlatform
} from "../chunks/chunk-3IZUTGD5.mjs";
import {
  booleanInput,
  coreInputReader,
  enumInput,
  integerInput,
  invalidInput,
  runnerVariable,
  sha256Input
} from "../chunks/chunk-B5LFHZ2A.mjs";
import {
  runEntry
} from "../chunks/chunk-5UZCMYYQ.mjs";
import {
  installTool,
  planPinnedTool,
  renderUrlTemplate,
  validateUrlTemplate
} from "../chunks/chunk-QYO252MH.mjs";
import {
  ARCHIVE_FORMATS,
  archiveFormatOf
} from "../chunks/chunk-OOUI75JC.mjs";
import {
  toolkitCacheService
} from "../chunks/chunk-7JFR4UVO.mjs";
import {
  TOOLCHAIN,
  normalizeVersion
} from "../chunks/chunk-HN5E6H3Y.mjs";
import {
  fileNameFromUrl
} from "../chunks/chunk-22DZBOGL.mjs";
import {
  UserError,
  coreLogger,
  formatMs,
  writeSummaryTable
} from "../chunks/chunk-PYQVS2IG.mjs";
import "../chunks/chunk-BKXCGHDO.mjs";
import {
  __name,
  addPath,
  setOutput
} from "../chunks/chunk-Q5GJOU3P.mjs";

// actions/cached-tool/src/run.ts
import { createHash } from "node:crypto";

// actions/cached-tool/src/inputs.ts
var TOOLS = ["helm", "kubeconform", "uv", "custom"];
function loadInputs(read) {
  const tool = enumInput(read, "tool" /* Tool */, TOOLS);
  const versionText = read("version" /* Version */).trim();
  if (tool === "custom" && versionText === "") {
    throw new UserError("version: required for tool 'custom' (an exact version such as 1.2.3)");
  }
  const version = normalizeVersion(
    versionText || TOOLCHAIN[tool].version,
    "version"
  );
  const sha256 = sha256Input(read, "sha256" /* Sha256 */);
  const downloadUrl = read("download-url" /* DownloadUrl */).trim();
  if (downloadUrl) validateUrlTemplate(downloadUrl, "download-url" /* DownloadUrl */);
  const archiveFormatText = read("archive-format" /* ArchiveFormat */).trim() || "auto";
  const archiveFormat = enumInput(() => archiveFormatText, "archive-format" /* ArchiveFormat */, [
    "auto",
    ...ARCHIVE_FORMATS
  ]);
  if (tool !== "custom" && archiveFormat !== "auto") {
    throw new UserError(
      `archive-format: only for tool 'custom' (${tool}'s release files are known); remove it or set it to auto`
    );
  }
  const inputs = {
    tool,
    version,
    retries: integerInput(read, "retries" /* Retries */, 1, 20),
    cache: booleanInput(read, "cache" /* Cache */),
    // Empty means the default, as for every optional input.
    saveCache: enumInput(() => read("save-cache" /* SaveCache */).trim() || "auto", "save-cache" /* SaveCache */, SAVE_MODES),
    verify: booleanInput(read, "verify" /* Verify */),
    ...sha256 ? { sha256 } : {},
    ...downloadUrl ? { downloadUrl } : {}
  };
  if (tool === "custom") {
    inputs.custom = {
      ...loadCustom(read),
      ...archiveFormat === "auto" ? {} : { format: archiveFormat }
    };
  }
  return inputs;
}
__name(loadInputs, "loadInputs");
function loadCustom(read) {
  const url = read("url" /* Url */).trim();
  const binary = read("binary" /* Binary */).trim();
  const archivePath = read("archive-path" /* ArchivePath */).trim().replace(/^\.?\/+|\/+$/g, "");
  if (!url) throw new UserError("url: required for tool 'custom' (the archive URL, placeholders allowed)");
  validateUrlTemplate(url, "url" /* Url */);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(binary)) {
    throw invalidInput("binary" /* Binary */, binary, "a file name of letters, digits, '.', '_' and '-'");
  }
  if (archivePath.split("/").some((segment) => segment === "..")) {
    throw invalidInput("archive-path" /* ArchivePath */, archivePath, "a path inside the archive, without '..'");
  }
  return { url, archivePath, binary };
}
__name(loadCustom, "loadCustom");

// actions/cached-tool/src/run.ts
var defaultDeps = /* @__PURE__ */ __name(() => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  cacheService: toolkitCacheService,
  platform: /* @__PURE__ */ __name(() => detectPlatform(), "platform")
}), "defaultDeps");
async function run(overrides = {}) {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const platform = deps.platform();
  const plan = makePlan(inputs, platform);
  const toolCacheRoot = runnerVariable(deps.env, "RUNNER_TOOL_CACHE");
  const tempDir = runnerVariable(deps.env, "RUNNER_TEMP");
  const result = await deps.log.group(
    `Install ${plan.tool} ${plan.version}`,
    () => installTool({
      plan,
      toolCacheRoot,
      tempDir,
      attempts: inputs.retries,
      remoteCache: inputs.cache,
      ...savePolicy(inputs, deps.env),
      verify: inputs.verify,
      cacheService: deps.cacheService,
      log: deps.log
    })
  );
  addPath(result.binPath);
  setOutput("path" /* Path */, result.binPath);
  setOutput("version" /* Version */, plan.version);
  setOutput("sha256" /* Sha256 */, result.sha256);
  setOutput("source" /* Source */, result.source);
  deps.log.info(
    `${plan.tool} ${plan.version} from ${result.source} on PATH at ${result.binPath} (${result.timer.describe()})`
  );
  await writeSummaryTable(
    "cached-tool",
    ["tool", "version", "source", "sha256", "retries", "time"],
    [
      [
        plan.tool,
        plan.version,
        result.source,
        result.sha256 ? `${result.sha256.slice(0, 12)}\u2026 (${result.sha256Source})` : "not verified",
        String(Math.max(0, result.downloadAttempts - 1)),
        result.timer.phases.map((p) => `${p.name} ${formatMs(p.ms)}`).join(", ")
      ]
    ]
  );
}
__name(run, "run");
function savePolicy(inputs, env) {
  const blocked = saveBlockedBy(inputs.saveCache, env.GITHUB_EVENT_NAME ?? "", env.GITHUB_REF ?? "");
  return blocked ? { saveBlocked: blocked } : {};
}
__name(savePolicy, "savePolicy");
function makePlan(inputs, platform) {
  if (inputs.tool === "custom" && inputs.custom) {
    const { url, archivePath, binary } = inputs.custom;
    const values = { version: inputs.version, os: platform.os, arch: platform.arch, file: "" };
    const rendered = renderUrlTemplate(url, values, "url");
    const fileName = fileNameFromUrl(rendered, "url" /* Url */) ?? binary;
    const format = inputs.custom.format ?? archiveFormatOf(fileName);
    if (!format) {
      throw new UserError(
        `archive-format: the name '${fileName}' does not tell the release file's format; set archive-format to tar.gz, tar.xz, tar.zst, zip, or binary when the file is the executable itself`
      );
    }
    return {
      tool: binary,
      version: inputs.version,
      platform,
      fileName,
      url: rendered,
      urlKnob: "url",
      // Two tools with one binary name and version from two places are two tools.
      slotQualifiers: [`src${createHash("sha256").update(url).digest("hex").slice(0, 8)}`],
      format,
      binDir: archivePath,
      binaries: [binary],
      ...inputs.sha256 ? { sha256: inputs.sha256, sha256Source: "input" } : {}
    };
  }
  return planPinnedTool(inputs.tool, {
    version: inputs.version,
    platform,
    downloadUrlInput: "download-url" /* DownloadUrl */,
    ...inputs.downloadUrl ? { downloadUrl: inputs.downloadUrl } : {},
    ...inputs.sha256 ? { sha256Input: inputs.sha256 } : {}
  });
}
__name(makePlan, "makePlan");

// actions/cached-tool/src/main.ts
await runEntry(() => run(), "cached-tool");
