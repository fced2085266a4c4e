import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  encodePlan,
  lockedPackages,
  wheelEntries,
  writeInventory
} from "../chunks/chunk-IGLLCG7B.mjs";
import {
  saveBlockedBy
} from "../chunks/chunk-VNNL2D5Y.mjs";
import {
  verifiedVersion
} from "../chunks/chunk-QKCPC6BI.mjs";
import {
  detectPlatform,
  systemId
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
  create
} from "../chunks/chunk-PFYIQPGI.mjs";
import {
  installNox
} from "../chunks/chunk-M7TIAFMT.mjs";
import {
  installTool,
  planPinnedTool,
  sha256File,
  validateUrlTemplate
} from "../chunks/chunk-QYO252MH.mjs";
import {
  retryCommand
} from "../chunks/chunk-TCXELSBN.mjs";
import {
  DiskError,
  diskErrorFor
} from "../chunks/chunk-OOUI75JC.mjs";
import {
  PAYLOAD,
  cacheKey,
  execRunner,
  restoreEntry,
  runChecked,
  toolkitCacheService
} from "../chunks/chunk-7JFR4UVO.mjs";
import {
  TOOLCHAIN,
  normalizeVersion,
  parseNoxVersion,
  parseUvVersion
} from "../chunks/chunk-HN5E6H3Y.mjs";
import "../chunks/chunk-22DZBOGL.mjs";
import {
  ChecksumMismatchError,
  PhaseTimer,
  UserError,
  coreLogger,
  errorMessage,
  formatMs,
  telemetry,
  writeResult
} from "../chunks/chunk-PYQVS2IG.mjs";
import "../chunks/chunk-BKXCGHDO.mjs";
import {
  __name,
  addPath,
  exportVariable,
  saveState,
  setOutput,
  which
} from "../chunks/chunk-Q5GJOU3P.mjs";

// packages/runner/src/commands.ts
var coreCommands = {
  setOutput: /* @__PURE__ */ __name((name, value) => setOutput(name, value), "setOutput"),
  exportVariable: /* @__PURE__ */ __name((name, value) => exportVariable(name, value), "exportVariable"),
  addPath: /* @__PURE__ */ __name((dir) => addPath(dir), "addPath"),
  saveState: /* @__PURE__ */ __name((name, value) => saveState(name, value), "saveState")
};

// actions/prepare-python/src/inputs.ts
var INSTALL_MODES = ["none", "sync", "system"];
var ACTIVATE_MODES = ["auto", "true", "false"];
var PRUNE_MODES = ["unused", "true", "false"];
var SAVE_MODES = ["auto", "always", "never"];
function loadInputs(read) {
  const uvVersion = normalizeVersion(read("uv-version" /* UvVersion */).trim() || TOOLCHAIN.uv.version, "uv-version" /* UvVersion */);
  const noxText = read("nox-version" /* NoxVersion */).trim();
  const noxVersion = noxText === "none" ? void 0 : normalizeNoxVersion(noxText || TOOLCHAIN.nox.version);
  const pythonVersion = read("python-version" /* PythonVersion */).trim();
  if (pythonVersion && !/^(\d+(\.\d+){0,2}[a-z0-9+]*|pypy\S*|cpython\S*)$/.test(pythonVersion)) {
    throw invalidInput(
      "python-version" /* PythonVersion */,
      pythonVersion,
      "a version such as 3.13 or 3.13.1 (or a uv request such as pypy3.10)"
    );
  }
  const pythonVersionFile = read("python-version-file" /* PythonVersionFile */).trim();
  if (pythonVersionFile.split(/[\\/]/).includes("..")) {
    throw invalidInput(
      "python-version-file" /* PythonVersionFile */,
      pythonVersionFile,
      "a file inside the workspace, without '..'"
    );
  }
  const syncArgs = read("sync-args" /* SyncArgs */).split(/\s+/).filter((arg) => arg !== "");
  const conflicting = syncArgs.find((arg) => ["--frozen", "--locked", "--no-sync"].includes(arg));
  if (conflicting) {
    throw invalidInput(
      "sync-args" /* SyncArgs */,
      conflicting,
      "uv sync arguments other than --frozen, --locked and --no-sync (prepare-python passes --frozen itself; set 'locked: true' for --locked)"
    );
  }
  const workingDirectory = read("working-directory" /* WorkingDirectory */).trim() || ".";
  if (workingDirectory.split(/[\\/]/).includes("..")) {
    throw invalidInput(
      "working-directory" /* WorkingDirectory */,
      workingDirectory,
      "a folder inside the workspace, without '..'"
    );
  }
  const uvDownloadUrl = read("uv-download-url" /* UvDownloadUrl */).trim();
  if (uvDownloadUrl) validateUrlTemplate(uvDownloadUrl, "uv-download-url" /* UvDownloadUrl */);
  const uvSha256 = sha256Input(read, "uv-sha256" /* UvSha256 */);
  const cacheSuffix = read("cache-suffix" /* CacheSuffix */).trim();
  if (!/^[A-Za-z0-9._+-]*$/.test(cacheSuffix)) {
    throw invalidInput("cache-suffix" /* CacheSuffix */, cacheSuffix, "letters, digits, '.', '_', '+' and '-'");
  }
  return {
    uvVersion,
    ...noxVersion ? { noxVersion } : {},
    ...pythonVersion ? { pythonVersion } : {},
    ...pythonVersionFile ? { pythonVersionFile } : {},
    workingDirectory,
    install: enumInput(read, "install" /* Install */, INSTALL_MODES),
    locked: booleanInput(read, "locked" /* Locked */),
    syncArgs,
    activateEnvironment: enumInput(read, "activate-environment" /* ActivateEnvironment */, ACTIVATE_MODES),
    cache: booleanInput(read, "cache" /* Cache */),
    saveCache: enumInput(read, "save-cache" /* SaveCache */, SAVE_MODES),
    pruneCache: pruneModeInput(read),
    cacheBytecode: booleanInput(read, "cache-bytecode" /* CacheBytecode */),
    jobStatus: read("job-status" /* JobStatus */).trim().toLowerCase(),
    cacheDependencyGlob: read("cache-dependency-glob" /* CacheDependencyGlob */).split("\n").map((line) => line.trim()).filter((line) => line !== ""),
    cacheSuffix,
    retries: integerInput(read, "retries" /* Retries */, 1, 20),
    ...uvDownloadUrl ? { uvDownloadUrl } : {},
    ...uvSha256 ? { uvSha256 } : {}
  };
}
__name(loadInputs, "loadInputs");
function pruneModeInput(read) {
  const value = read("prune-cache" /* PruneCache */).trim();
  const lower = value.toLowerCase();
  if (lower === "unused" || lower === "true" || lower === "false") return lower;
  throw invalidInput("prune-cache" /* PruneCache */, value, PRUNE_MODES.join(", "));
}
__name(pruneModeInput, "pruneModeInput");
function normalizeNoxVersion(value) {
  if (!/^\d+(\.\d+)+$/.test(value)) {
    throw invalidInput(
      "nox-version" /* NoxVersion */,
      value,
      `an exact version such as ${TOOLCHAIN.nox.version}, or none`
    );
  }
  return value;
}
__name(normalizeNoxVersion, "normalizeNoxVersion");

// actions/prepare-python/src/uv.ts
import { mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
async function ensureUv(inputs, deps) {
  const onPath = await deps.which("uv");
  if (onPath && verifiedVersion(deps.jobEnv, "uv", onPath) === inputs.uvVersion) {
    deps.log.info(
      `uv ${inputs.uvVersion} is already on PATH at ${onPath} (checked by an earlier step of ours in this job): nothing to install`
    );
    return { uv: onPath, version: inputs.uvVersion, source: "path", binDir: "" };
  }
  if (onPath) {
    const version = parseUvVersion((await deps.run(onPath, ["--version"], { silent: true })).stdout);
    if (version === inputs.uvVersion) {
      deps.log.info(`uv ${version} is already on PATH at ${onPath} (pre-warmed image): nothing to install`);
      return { uv: onPath, version, source: "path", binDir: "" };
    }
    deps.log.info(
      `uv on PATH is ${version ?? "of unknown version"}, not ${inputs.uvVersion}: installing ${inputs.uvVersion}`
    );
  }
  const plan = planPinnedTool("uv", {
    version: inputs.uvVersion,
    platform: deps.platform,
    downloadUrlInput: "uv-download-url" /* UvDownloadUrl */,
    ...inputs.uvDownloadUrl ? { downloadUrl: inputs.uvDownloadUrl } : {},
    ...inputs.uvSha256 ? { sha256Input: inputs.uvSha256 } : {}
  });
  try {
    const result = await installTool({
      plan,
      toolCacheRoot: deps.toolCacheRoot,
      tempDir: deps.tempDir,
      attempts: inputs.retries,
      remoteCache: inputs.cache,
      verify: true,
      cacheService: deps.cacheService,
      log: deps.log
    });
    return {
      uv: path.join(result.binPath, "uv"),
      version: inputs.uvVersion,
      source: result.source,
      binDir: result.binPath
    };
  } catch (error) {
    if (error instanceof ChecksumMismatchError || error instanceof DiskError) throw error;
    const fallback = await pipFallback(inputs, deps, error);
    if (!fallback) throw error;
    return fallback;
  }
}
__name(ensureUv, "ensureUv");
async function pipFallback(inputs, deps, cause) {
  const wheels = TOOLCHAIN.uv.version === inputs.uvVersion ? TOOLCHAIN.uv["pip-sha256"] : void 0;
  if (inputs.uvSha256 || !wheels) {
    deps.log.info(
      `no pip fallback for uv ${inputs.uvVersion}: ${inputs.uvSha256 ? "uv-sha256 pins an archive, and pip could only install other bytes" : "toolchain.json pins no wheel digests for this version, and an unverified install is never made"}`
    );
    return void 0;
  }
  const python = await deps.which("python3") || await deps.which("python");
  if (!python) return void 0;
  const probe = await deps.run(python, ["-m", "pip", "--version"], { silent: true });
  if (probe.exitCode !== 0) return void 0;
  deps.log.warning(
    `uv ${inputs.uvVersion} could not be downloaded (${cause.message}); falling back to pip install uv==${inputs.uvVersion} from the package index, verified against toolchain.json's wheel digests`
  );
  const venv = path.join(deps.toolCacheRoot, "uv-pip", inputs.uvVersion, deps.platform.arch);
  const bin = path.join(venv, "bin");
  await mkdir(path.dirname(venv), { recursive: true }).catch(async (error) => {
    throw await diskErrorFor(error, deps.toolCacheRoot, "RUNNER_TOOL_CACHE");
  });
  if (!existsSync(path.join(bin, "python"))) await runChecked(deps.run, python, ["-m", "venv", venv]);
  const requirements = path.join(venv, "uv-requirements.txt");
  const hashes = Object.values(wheels).map((sha) => ` --hash=sha256:${sha}`);
  await writeFile(requirements, `uv==${inputs.uvVersion}${hashes.join("")}
`);
  const args = [
    "-m",
    "pip",
    "install",
    "--disable-pip-version-check",
    "--require-hashes",
    "--only-binary=:all:",
    "-r",
    requirements
  ];
  await retryCommand(deps.run, path.join(bin, "python"), args, {
    attempts: inputs.retries,
    what: `pip install uv==${inputs.uvVersion}`,
    log: deps.log
  });
  return { uv: path.join(bin, "uv"), version: inputs.uvVersion, source: "pip", binDir: bin };
}
__name(pipFallback, "pipFallback");
var whichOnPath = /* @__PURE__ */ __name(async (tool) => which(tool, false), "whichOnPath");

// actions/prepare-python/src/python.ts
function abiTag(implementation, minor, abiflags) {
  const impl = implementation === "cpython" || implementation === "" ? "py" : implementation;
  return `${impl}${minor}${abiflags}`.replace(/[^A-Za-z0-9.]/g, "_");
}
__name(abiTag, "abiTag");
var PROBE = "import sys; print(sys.version.split()[0], sys.implementation.name, getattr(sys, 'abiflags', ''))";
async function resolvePython(request, deps) {
  const findArgs = ["python", "find", ...request ? [request] : []];
  let quiet = {
    silent: true,
    cwd: deps.cwd,
    ...deps.findCacheDir ? { env: { UV_CACHE_DIR: deps.findCacheDir } } : {}
  };
  let found = await deps.run(deps.uv, findArgs, quiet);
  if (found.exitCode !== 0 && deps.findCacheDir) {
    deps.log.info(
      `uv python find failed with the tool cache's ${deps.findCacheDir} (${lastLine(found.stderr)}): asking again without it`
    );
    quiet = { silent: true, cwd: deps.cwd };
    found = await deps.run(deps.uv, findArgs, quiet);
  }
  if (found.exitCode !== 0) {
    const what = request ? `Python ${request}` : "the project's Python (.python-version or requires-python)";
    deps.log.info(`${what} is not on this machine: installing it with uv`);
    await retryCommand(deps.run, deps.uv, ["python", "install", ...request ? [request] : []], {
      attempts: deps.attempts,
      log: deps.log,
      what: `uv python install${request ? ` ${request}` : ""}`,
      cwd: deps.cwd,
      retriesItself: "uv"
    });
    found = await deps.run(deps.uv, findArgs, quiet);
  }
  if (found.exitCode !== 0) {
    throw new UserError(
      request ? `python-version: uv could not find or install Python ${request}: ${found.stderr.trim()}` : `no Python interpreter found for ${deps.cwd}, and uv could not install one: ${found.stderr.trim()}; set 'python-version' or add a .python-version file`
    );
  }
  const path11 = found.stdout.trim().split("\n").pop() ?? "";
  const probe = await deps.run(path11, ["-I", "-S", "-c", PROBE], { silent: true });
  const [version = "", implementation = "", abiflags = ""] = probe.stdout.trim().split(" ");
  const minor = /^(\d+\.\d+)/.exec(version)?.[1];
  if (probe.exitCode !== 0 || !minor)
    throw new Error(`could not read the version of ${path11}: ${probe.stderr.trim()}`);
  return { version, minor, abi: abiTag(implementation, minor, abiflags), path: path11 };
}
__name(resolvePython, "resolvePython");
function lastLine(text) {
  return text.trim().split("\n").pop() ?? "";
}
__name(lastLine, "lastLine");
function parsePythonVersionFile(fileName, text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (fileName.endsWith(".tool-versions")) {
    return lines.map((line) => /^python\s+(\S+)/.exec(line)?.[1]).find((v) => v !== void 0);
  }
  if (fileName.endsWith(".toml")) {
    return /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(text)?.[1]?.trim();
  }
  return lines.find((line) => line !== "" && !line.startsWith("#"));
}
__name(parsePythonVersionFile, "parsePythonVersionFile");

// actions/prepare-python/src/nox.ts
async function ensureNox(version, deps) {
  const onPath = await deps.which("nox");
  if (onPath && verifiedVersion(deps.jobEnv, "nox", onPath) === version) {
    deps.log.info(
      `nox ${version} is already on PATH at ${onPath} (checked by an earlier step of ours in this job): nothing to install`
    );
    return { version, binDir: "", source: "path" };
  }
  if (onPath) {
    const probe = await deps.run(onPath, ["--version"], { silent: true });
    if (parseNoxVersion(probe.stdout + probe.stderr) === version) {
      deps.log.info(`nox ${version} is already on PATH at ${onPath}: nothing to install`);
      return { version, binDir: "", source: "path" };
    }
  }
  const installed = await installNox({
    uv: deps.uv,
    python: deps.python,
    version,
    toolCacheRoot: deps.toolCacheRoot,
    tempDir: deps.tempDir,
    platform: deps.platform,
    run: deps.run,
    log: deps.log,
    attempts: deps.attempts,
    env: deps.env
  });
  deps.log.info(
    `nox ${version} from the ${installed.source === "uv-tool" ? "hash-locked install (uv pip install --require-hashes)" : "tool cache"}`
  );
  return { version, binDir: installed.binPath, source: installed.source };
}
__name(ensureNox, "ensureNox");

// actions/prepare-python/src/restore-uv-cache.ts
import { readFile } from "node:fs/promises";
import path5 from "node:path";

// actions/prepare-python/src/cache-key.ts
import { createHash } from "node:crypto";
import { realpath } from "node:fs/promises";
import path2 from "node:path";
var ALWAYS_EXCLUDED = ["!**/.venv/**", "!**/node_modules/**", "!**/.git/**", "!**/.nox/**"];
var NO_FILES_MARKER = "no-dependency-files";
async function matchDependencyFiles(patterns, workspace, log) {
  const absolute = patterns.map(
    (pattern) => pattern.startsWith("!") ? `!${path2.resolve(workspace, pattern.slice(1))}` : path2.resolve(workspace, pattern)
  );
  const excluded = ALWAYS_EXCLUDED.map((pattern) => `!${path2.resolve(workspace, pattern.slice(1))}`);
  const globber = await create([...absolute, ...excluded].join("\n"), {
    matchDirectories: false,
    followSymbolicLinks: false
  });
  const root = await realpath(workspace);
  const inside = [];
  const outside = [];
  for (const file of await globber.glob()) {
    const name = path2.relative(workspace, file).split(path2.sep).join("/");
    const real = await realpath(file).catch(() => void 0);
    if (real !== void 0 && (real === root || real.startsWith(`${root}${path2.sep}`)) && !name.startsWith("../"))
      inside.push(name);
    else outside.push(name);
  }
  outside.sort();
  if (outside.length > 0) {
    const first = outside.find((name) => !name.startsWith("../"));
    log?.warning(
      `cache-dependency-glob: left ${outside.length} matched file(s) out of the cache key: their real path is outside the workspace (a symbolic link out of it, or a ../ pattern)${first ? `; the first: ${first}` : ""}`
    );
  }
  return inside.sort();
}
__name(matchDependencyFiles, "matchDependencyFiles");
async function hashDependencyFiles(relativeFiles, workspace, digest = sha256File) {
  const hash = createHash("sha256");
  for (const file of [...relativeFiles].sort()) {
    hash.update(`${file}\0${await digest(path2.join(workspace, file))}
`);
  }
  return hash.digest("hex");
}
__name(hashDependencyFiles, "hashDependencyFiles");
function cacheVariant(parts) {
  const canonical = JSON.stringify([
    parts.install,
    parts.syncArgs,
    parts.prune,
    parts.pythonRequest,
    parts.bytecode
  ]);
  const id = createHash("sha256").update(canonical).digest("hex").slice(0, 10);
  const args = parts.syncArgs.length ? parts.syncArgs.join(" ") : "(none)";
  const request = parts.pythonRequest || "(the project's own)";
  return {
    id,
    description: `install ${parts.install}, sync-args ${args}, prune-cache ${parts.prune}, Python request ${request}, cache-bytecode ${parts.bytecode}`
  };
}
__name(cacheVariant, "cacheVariant");
function uvCacheKeys(platform, system, python, filesHash, suffix, variant) {
  const base = cacheKey("ci-kit-uv", platform.os, platform.arch, system, python);
  const suffixPrefix = `${base}-${cacheKey(suffix.replace(/-/g, "_"))}-`;
  const variantPrefix = `${suffixPrefix}${cacheKey(variant)}-`;
  return { key: `${variantPrefix}${cacheKey(filesHash)}`, restoreKeys: [variantPrefix, suffixPrefix] };
}
__name(uvCacheKeys, "uvCacheKeys");

// actions/prepare-python/src/install-deps.ts
import { existsSync as existsSync2 } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path3 from "node:path";

// actions/prepare-python/src/sync-report.ts
function parseSyncReport(output) {
  const count = /* @__PURE__ */ __name((verb) => {
    const match = new RegExp(`^\\s*${verb} (\\d+) packages?\\b`, "m").exec(output);
    return match ? Number(match[1]) : void 0;
  }, "count");
  const installed = count("Installed");
  const prepared = count("Prepared") ?? 0;
  if (installed === void 0) {
    return count("Audited") === void 0 ? void 0 : { installed: 0, fetched: 0, fromCache: 0 };
  }
  const fetched = Math.min(prepared, installed);
  return { installed, fetched, fromCache: installed - fetched };
}
__name(parseSyncReport, "parseSyncReport");
function describeSyncReport(report) {
  if (report.installed === 0) return "the environment already had every locked package: nothing installed";
  const plural = /* @__PURE__ */ __name((n) => `${n} package${n === 1 ? "" : "s"}`, "plural");
  if (report.fetched === 0)
    return `${plural(report.installed)} installed, all from the uv cache (nothing downloaded)`;
  return `${plural(report.installed)} installed: ${report.fromCache} from the uv cache, ${report.fetched} downloaded or built`;
}
__name(describeSyncReport, "describeSyncReport");

// actions/prepare-python/src/install-deps.ts
function findLock(projectDir, workspace) {
  let dir = path3.resolve(projectDir);
  const top = path3.resolve(workspace);
  for (; ; ) {
    const lock = path3.join(dir, "uv.lock");
    if (existsSync2(lock)) return lock;
    if (dir === top || path3.dirname(dir) === dir) return void 0;
    dir = path3.dirname(dir);
  }
}
__name(findLock, "findLock");
function projectEnvironment(root, env) {
  const chosen = env.UV_PROJECT_ENVIRONMENT?.trim();
  return chosen ? path3.resolve(root, chosen) : path3.join(root, ".venv");
}
__name(projectEnvironment, "projectEnvironment");
async function installDependencies(mode, projectDir, options, deps) {
  if (mode === "none") return options.createVenv ? createVenv(projectDir, deps) : {};
  const lock = findLock(projectDir, deps.workspace);
  if (!lock) {
    throw new UserError(
      `install: ${mode} needs ${path3.join(projectDir, "uv.lock")} (or one in a uv workspace root above it, up to the workspace), which does not exist; run 'uv lock' in the project and commit uv.lock`
    );
  }
  const common = { cwd: projectDir, attempts: deps.attempts, log: deps.log, retriesItself: "uv" };
  if (mode === "sync") {
    const args = ["sync", options.locked ? "--locked" : "--frozen", ...options.syncArgs];
    const command = `uv ${args.join(" ")}`;
    const result = await retryCommand(deps.run, deps.uv, args, { ...common, what: command });
    const report = parseSyncReport(`${result.stderr}
${result.stdout}`);
    return { venv: projectEnvironment(path3.dirname(lock), deps.env), command, ...report ? { report } : {} };
  }
  const dir = await mkdtemp(path3.join(deps.tempDir, "ci-kit-export-"));
  try {
    const requirements = path3.join(dir, "requirements.txt");
    await runChecked(
      deps.run,
      deps.uv,
      [
        "export",
        options.locked ? "--locked" : "--frozen",
        "--format",
        "requirements-txt",
        "--no-emit-project",
        "--quiet",
        "-o",
        requirements
      ],
      { cwd: projectDir }
    );
    const result = await retryCommand(
      deps.run,
      deps.uv,
      ["pip", "install", "--system", "--no-deps", "-r", requirements],
      { ...common, what: "uv pip install --system" }
    );
    const report = parseSyncReport(`${result.stderr}
${result.stdout}`);
    return { command: "uv pip install --system", ...report ? { report } : {} };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
__name(installDependencies, "installDependencies");
async function createVenv(projectDir, deps) {
  const venv = projectEnvironment(projectDir, deps.env);
  if (existsSync2(path3.join(venv, "pyvenv.cfg"))) return { venv };
  await runChecked(deps.run, deps.uv, ["venv", venv], { cwd: projectDir });
  return { venv, command: `uv venv ${venv}` };
}
__name(createVenv, "createVenv");

// actions/prepare-python/src/relink-archives.ts
import { readdir, readlink, rename, symlink } from "node:fs/promises";
import path4 from "node:path";
var ARCHIVE_TARGET = /(?:^|\/)(archive-v\d+)\/([A-Za-z0-9_-]+)$/;
var LINKING_BUCKET = /^(?:wheels|sdists)-v\d+$/;
async function relinkArchives(uvCacheDir) {
  const root = path4.resolve(uvCacheDir);
  let relinked = 0;
  let buckets;
  try {
    buckets = (await readdir(root)).filter((name) => LINKING_BUCKET.test(name));
  } catch {
    return 0;
  }
  for (const bucket of buckets) {
    for (const entry of await readdir(path4.join(root, bucket), { recursive: true, withFileTypes: true })) {
      if (!entry.isSymbolicLink()) continue;
      const link = path4.join(entry.parentPath, entry.name);
      const target = await readlink(link).catch(() => "");
      const match = ARCHIVE_TARGET.exec(target);
      if (!match) continue;
      const wanted = path4.join(root, match[1], match[2]);
      if (target === wanted) continue;
      const temporary = `${link}.ci-kit-relink`;
      await symlink(wanted, temporary);
      await rename(temporary, link);
      relinked += 1;
    }
  }
  return relinked;
}
__name(relinkArchives, "relinkArchives");

// actions/prepare-python/src/restore-uv-cache.ts
var INVENTORY = "restored-wheels.json";
async function restoreUvCache(inputs, deps, ctx) {
  const files = await matchDependencyFiles(inputs.cacheDependencyGlob, ctx.workspace, deps.log);
  if (files.length === 0) {
    deps.log.warning(
      `cache-dependency-glob matched no file in ${ctx.workspace} (${inputs.cacheDependencyGlob.join(", ")}); the cache key uses '${NO_FILES_MARKER}'`
    );
  } else {
    deps.log.info(`cache key from ${files.length} file(s): ${files.join(", ")}`);
  }
  const hash = files.length === 0 ? NO_FILES_MARKER : await hashDependencyFiles(files, ctx.workspace);
  const variant = cacheVariant({
    install: inputs.install,
    syncArgs: inputs.syncArgs,
    prune: inputs.pruneCache,
    pythonRequest: ctx.pythonRequest,
    bytecode: inputs.cacheBytecode
  });
  deps.log.info(`cache variant ${variant.id}: ${variant.description}`);
  const { key, restoreKeys } = uvCacheKeys(
    ctx.platform,
    deps.system(),
    ctx.python,
    hash,
    inputs.cacheSuffix,
    variant.id
  );
  deps.commands.setOutput("cache-key" /* CacheKey */, key);
  let report = { status: "miss" };
  if (inputs.cache) {
    report = await restoreEntry(
      { service: deps.cacheService, log: deps.log, root: ctx.stagingRoot },
      key,
      restoreKeys,
      // uv links its wheel entries to `<its cache folder>/archive-vN/<id>` by absolute path: those
      // links are kept (they name the saving runner's folder); any other link out refuses the entry.
      {
        into: ctx.uvCacheDir,
        allowLink: /* @__PURE__ */ __name((target) => /^\/(?:[^/]+\/)*archive-v\d+\/[A-Za-z0-9_-]+$/.test(target) && !target.split("/").includes(".."), "allowLink")
      }
    );
  }
  if (report.status === "hit" || report.status === "partial") {
    const relinked = await relinkArchives(ctx.uvCacheDir).catch(() => 0);
    if (relinked > 0)
      deps.log.info(`pointed ${relinked} restored wheel link(s) at this runner's uv cache folder`);
  }
  const hit = report.status === "hit";
  deps.commands.setOutput("cache-hit" /* CacheHit */, String(hit));
  deps.commands.setOutput("cache-matched-key" /* CacheMatchedKey */, report.matchedKey ?? "");
  deps.log.info(describeRestore(report, key));
  const skipReason = !inputs.cache ? "cache: false" : hit ? "exact cache hit" : report.serviceDown ? "the cache service did not answer the restore (see the warning above)" : saveBlockedBy(inputs.saveCache, deps.env.GITHUB_EVENT_NAME ?? "", deps.env.GITHUB_REF ?? "");
  if (skipReason && inputs.cache && !hit)
    deps.log.info(`the post step will not save the uv cache: ${skipReason}`);
  const inventoryFile = !skipReason && report.status === "partial" && inputs.pruneCache === "unused" ? await recordFallback(files, ctx).catch((error) => {
    deps.log.info(`the post step keeps every restored wheel: ${errorMessage(error)}`);
    return void 0;
  }) : void 0;
  const plan = {
    save: skipReason === void 0,
    ...skipReason ? { skipReason } : {},
    key,
    matchedKey: report.matchedKey ?? "",
    stagingRoot: ctx.stagingRoot,
    uvCacheDir: ctx.uvCacheDir,
    uv: ctx.uv,
    prune: inputs.pruneCache,
    ...inventoryFile ? { inventoryFile } : {},
    ...inputs.cacheBytecode ? { python: ctx.pythonPath } : {}
  };
  deps.commands.saveState("ci-kit-prepare-python" /* Plan */, encodePlan(plan));
  return { report, key };
}
__name(restoreUvCache, "restoreUvCache");
async function recordFallback(files, ctx) {
  const locks = files.filter((file2) => path5.basename(file2) === "uv.lock").map((file2) => path5.join(ctx.workspace, file2));
  if (locks.length === 0) {
    const governing = findLock(ctx.projectDir, ctx.workspace);
    if (governing) locks.push(governing);
  }
  if (locks.length === 0) return void 0;
  const locked = /* @__PURE__ */ new Set();
  for (const lock of locks) {
    for (const pin of lockedPackages(await readFile(lock, "utf8"))) locked.add(pin);
  }
  const file = path5.join(ctx.stagingRoot, INVENTORY);
  await writeInventory(file, { entries: await wheelEntries(ctx.uvCacheDir), locked: [...locked] });
  return file;
}
__name(recordFallback, "recordFallback");
function describeRestore(report, key) {
  switch (report.status) {
    case "hit":
      return `hit: ${key}`;
    case "partial":
      return `restored fallback ${report.matchedKey} (primary ${key} missed)`;
    case "miss":
      return `miss: ${key}`;
    case "unavailable":
      return "no cache service on this runner";
    case "failed":
      return `restore failed: ${report.problem}`;
  }
}
__name(describeRestore, "describeRestore");

// actions/prepare-python/src/job-folders.ts
import { mkdir as mkdir2, mkdtemp as mkdtemp2 } from "node:fs/promises";
import path6 from "node:path";
var STAGING_PREFIX = "ci-kit-uv-cache-";
function isOwnCacheDir(dir, tempDir) {
  const parts = path6.relative(tempDir, dir).split(path6.sep);
  return parts.length === 2 && (parts[0] ?? "").startsWith(STAGING_PREFIX) && parts[1] === PAYLOAD;
}
__name(isOwnCacheDir, "isOwnCacheDir");
async function prepareJobFolders(inputs, env, commands) {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const tempDir = runnerVariable(env, "RUNNER_TEMP");
  const toolCacheRoot = runnerVariable(env, "RUNNER_TOOL_CACHE");
  const projectDir = path6.resolve(workspace, inputs.workingDirectory);
  const inWorkspace = path6.relative(workspace, projectDir);
  if (inWorkspace === ".." || inWorkspace.startsWith(`..${path6.sep}`) || path6.isAbsolute(inWorkspace)) {
    throw invalidInput(
      "working-directory" /* WorkingDirectory */,
      inputs.workingDirectory,
      `a folder inside the workspace (${workspace}), relative to it or absolute`
    );
  }
  const stagingRoot = await mkdtemp2(path6.join(tempDir, STAGING_PREFIX)).catch(async (error) => {
    throw await diskErrorFor(error, tempDir, "RUNNER_TEMP");
  });
  const userCacheDir = env.UV_CACHE_DIR && !isOwnCacheDir(env.UV_CACHE_DIR, tempDir) ? env.UV_CACHE_DIR : "";
  const uvCacheDir = userCacheDir || path6.join(stagingRoot, PAYLOAD);
  await mkdir2(uvCacheDir, { recursive: true }).catch(async (error) => {
    throw await (userCacheDir ? diskErrorFor(error, uvCacheDir, "UV_CACHE_DIR") : diskErrorFor(error, tempDir, "RUNNER_TEMP"));
  });
  commands.exportVariable("UV_CACHE_DIR", uvCacheDir);
  return { workspace, tempDir, toolCacheRoot, projectDir, stagingRoot, uvCacheDir };
}
__name(prepareJobFolders, "prepareJobFolders");

// actions/prepare-python/src/python-request.ts
import { readFile as readFile2 } from "node:fs/promises";
import path7 from "node:path";
async function pythonRequestOf(inputs, workspace, log) {
  if (!inputs.pythonVersionFile) return inputs.pythonVersion;
  if (inputs.pythonVersion) {
    log.warning(
      `both python-version and python-version-file are set: python-version (${inputs.pythonVersion}) is used`
    );
    return inputs.pythonVersion;
  }
  const file = path7.resolve(workspace, inputs.pythonVersionFile);
  const text = await readFile2(file, "utf8").catch(() => {
    throw new UserError(
      `python-version-file: ${file} does not exist; give a path relative to the workspace (${workspace})`
    );
  });
  const request = parsePythonVersionFile(file, text);
  if (!request) throw new UserError(`python-version-file: ${file} names no Python version`);
  log.info(`Python ${request}, from ${inputs.pythonVersionFile}`);
  return request;
}
__name(pythonRequestOf, "pythonRequestOf");

// actions/prepare-python/src/find-cache.ts
import { constants as fsConstants } from "node:fs";
import { access, mkdir as mkdir3 } from "node:fs/promises";
import path8 from "node:path";
function findCacheName(uid) {
  return `ci-kit-uv-python-find-${uid ?? "user"}`;
}
__name(findCacheName, "findCacheName");
async function findCacheDir(toolCacheRoot) {
  const dir = path8.join(toolCacheRoot, findCacheName(process.getuid?.()));
  return mkdir3(dir, { recursive: true }).then(() => access(dir, fsConstants.W_OK)).then(
    () => dir,
    () => void 0
  );
}
__name(findCacheDir, "findCacheDir");

// actions/prepare-python/src/activate.ts
import path10 from "node:path";

// actions/prepare-python/src/pinned-uv.ts
import { existsSync as existsSync3 } from "node:fs";
import { mkdtemp as mkdtemp3, symlink as symlink2 } from "node:fs/promises";
import path9 from "node:path";
async function shieldPinnedUv(venv, uv, tempDir, addPath2, log) {
  const own = ["uv", "uvx"].filter((name) => existsSync3(path9.join(venv, "bin", name)));
  if (own.length === 0) return void 0;
  const dir = await mkdtemp3(path9.join(tempDir, "ci-kit-pinned-uv-"));
  for (const name of ["uv", "uvx"]) {
    const target = path9.join(path9.dirname(uv), name);
    if (existsSync3(target)) await symlink2(target, path9.join(dir, name));
  }
  addPath2(dir);
  log.info(
    `the project environment has its own ${own.join(" and ")} (${path9.join(venv, "bin")}): the pinned uv at ${uv} stays first on PATH for later steps (run ${path9.join(venv, "bin", "uv")} to use the project's)`
  );
  return dir;
}
__name(shieldPinnedUv, "shieldPinnedUv");

// actions/prepare-python/src/activate.ts
async function handOverInstall(installed, ctx, commands, log) {
  if (installed.venv && ctx.mode !== "false") {
    commands.exportVariable("VIRTUAL_ENV", installed.venv);
    commands.addPath(path10.join(installed.venv, "bin"));
    log.info(`activated ${installed.venv} for the next steps (VIRTUAL_ENV, PATH)`);
    await shieldPinnedUv(installed.venv, ctx.uv, ctx.tempDir, (dir) => commands.addPath(dir), log);
  }
  if (installed.report) {
    commands.setOutput("packages-from-cache" /* PackagesFromCache */, String(installed.report.fromCache));
    commands.setOutput("packages-downloaded" /* PackagesDownloaded */, String(installed.report.fetched));
    log.info(`${installed.command ?? ctx.install}: ${describeSyncReport(installed.report)}`);
  }
}
__name(handOverInstall, "handOverInstall");

// actions/prepare-python/src/run.ts
var PHASES = {
  uv: "uv",
  python: "Python",
  restore: "uv cache",
  nox: "nox",
  install: "install"
};
var defaultDeps = /* @__PURE__ */ __name(() => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  run: execRunner,
  which: whichOnPath,
  cacheService: toolkitCacheService,
  platform: /* @__PURE__ */ __name(() => detectPlatform(), "platform"),
  system: /* @__PURE__ */ __name(() => systemId(), "system"),
  commands: coreCommands
}), "defaultDeps");
async function run(overrides = {}) {
  const deps = { ...defaultDeps(), ...overrides };
  const { commands, env, log } = deps;
  const inputs = loadInputs(deps.read);
  const platform = deps.platform();
  const folders = await prepareJobFolders(inputs, env, commands);
  const { workspace, tempDir, toolCacheRoot, projectDir, stagingRoot, uvCacheDir } = folders;
  const timer = new PhaseTimer();
  telemetry.timePhasesWith(timer);
  const uv = await timer.time(
    PHASES.uv,
    () => log.group(
      "uv",
      () => ensureUv(inputs, {
        run: deps.run,
        log,
        which: deps.which,
        cacheService: deps.cacheService,
        platform,
        toolCacheRoot,
        tempDir,
        jobEnv: env
      })
    )
  );
  if (uv.binDir) commands.addPath(uv.binDir);
  commands.setOutput("uv-version" /* UvVersion */, uv.version);
  commands.setOutput("uv-path" /* UvPath */, uv.uv);
  const pythonRequest = await pythonRequestOf(inputs, workspace, log);
  const findCache = await findCacheDir(toolCacheRoot);
  if (pythonRequest) commands.exportVariable("UV_PYTHON", pythonRequest);
  if (inputs.cache && deps.cacheService.available()) deps.cacheService.preload?.();
  const python = await timer.time(
    PHASES.python,
    () => log.group(
      "Python",
      () => resolvePython(pythonRequest, {
        run: deps.run,
        log,
        uv: uv.uv,
        attempts: inputs.retries,
        cwd: projectDir,
        ...findCache ? { findCacheDir: findCache } : {}
      })
    )
  );
  commands.setOutput("python-version" /* PythonVersion */, python.version);
  log.info(`Python ${python.version} at ${python.path}`);
  const restore = await timer.time(
    PHASES.restore,
    () => log.group(
      "uv cache",
      () => restoreUvCache(inputs, deps, {
        platform,
        python: python.abi,
        pythonRequest: pythonRequest ?? "",
        pythonPath: python.path,
        workspace,
        projectDir,
        stagingRoot,
        uvCacheDir,
        uv: uv.uv
      })
    )
  );
  let noxVersion = "";
  if (inputs.noxVersion) {
    const nox = await timer.time(
      PHASES.nox,
      () => log.group(
        "nox",
        () => ensureNox(inputs.noxVersion, {
          run: deps.run,
          log,
          which: deps.which,
          uv: uv.uv,
          python: python.path,
          attempts: inputs.retries,
          platform,
          toolCacheRoot,
          tempDir,
          env: { UV_CACHE_DIR: uvCacheDir },
          jobEnv: env
        })
      )
    );
    if (nox.binDir) commands.addPath(nox.binDir);
    noxVersion = nox.version;
  }
  commands.setOutput("nox-version" /* NoxVersion */, noxVersion);
  const installed = await timer.time(
    PHASES.install,
    () => log.group(
      `Install dependencies (${inputs.install})`,
      () => installDependencies(
        inputs.install,
        projectDir,
        {
          locked: inputs.locked,
          syncArgs: inputs.syncArgs,
          createVenv: inputs.activateEnvironment === "true"
        },
        { run: deps.run, log, uv: uv.uv, attempts: inputs.retries, tempDir, workspace, env }
      )
    )
  );
  await handOverInstall(
    installed,
    { mode: inputs.activateEnvironment, install: inputs.install, uv: uv.uv, tempDir },
    commands,
    log
  );
  const ms = /* @__PURE__ */ __name((name) => formatMs(timer.phases.find((p) => p.name === name)?.ms ?? 0), "ms");
  await writeResult(
    log,
    "prepare-python",
    ["what", "result", "time"],
    [
      [PHASES.uv, `${uv.version} (${uv.source})`, ms(PHASES.uv)],
      [PHASES.python, python.version, ms(PHASES.python)],
      [PHASES.restore, describeRestore(restore.report, restore.key), ms(PHASES.restore)],
      [PHASES.nox, noxVersion || "skipped", ms(PHASES.nox)],
      [
        `${PHASES.install}: ${inputs.install}`,
        [
          installed.venv ? `venv ${installed.venv}` : installed.command ?? "skipped",
          ...installed.report ? [describeSyncReport(installed.report)] : []
        ].join("; "),
        ms(PHASES.install)
      ]
    ]
  );
}
__name(run, "run");

// actions/prepare-python/src/main.ts
await runEntry(() => run(), "prepare-python");
