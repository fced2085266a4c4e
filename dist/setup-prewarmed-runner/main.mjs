import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  findOnPath,
  recordOnRunner,
  recordVerified,
  versionOnRunner
} from "../chunks/chunk-QKCPC6BI.mjs";
import {
  detectPlatform
} from "../chunks/chunk-3IZUTGD5.mjs";
import {
  booleanInput,
  coreInputReader,
  invalidInput,
  listInput,
  runnerVariable
} from "../chunks/chunk-B5LFHZ2A.mjs";
import {
  runEntry
} from "../chunks/chunk-5UZCMYYQ.mjs";
import {
  DEFAULT_IMAGE_MANIFEST,
  SYSTEM_TOOLS,
  TOOL_NAMES
} from "../chunks/chunk-WBARZKXE.mjs";
import {
  TOOLCHAIN,
  VERSION_PROBES,
  parseToolVersion
} from "../chunks/chunk-HN5E6H3Y.mjs";
import {
  assertDownloadScheme
} from "../chunks/chunk-22DZBOGL.mjs";
import {
  UserError,
  coreLogger,
  errorMessage,
  formatMs,
  writeSummaryTable
} from "../chunks/chunk-PYQVS2IG.mjs";
import {
  __name,
  addPath,
  setOutput
} from "../chunks/chunk-Q5GJOU3P.mjs";

// actions/setup-prewarmed-runner/src/run.ts
import path2 from "node:path";

// packages/tools/src/static-version.ts
import {
  accessSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  closeSync,
  realpathSync
} from "node:fs";
import path from "node:path";
function noxVersionFromMetadata(script) {
  const head = readHead(script, 4096);
  if (!head) return void 0;
  if (!/^from nox\.__main__ import main$/m.test(head)) return void 0;
  const interpreter = scriptInterpreter(script, head);
  if (!interpreter) return void 0;
  try {
    accessSync(interpreter, constants.X_OK);
    realpathSync(interpreter);
  } catch {
    return void 0;
  }
  const prefix = path.dirname(path.dirname(interpreter));
  const found = [];
  for (const lib of listDir(path.join(prefix, "lib")).filter((name2) => /^python3\.\d+$/.test(name2))) {
    const sitePackages = path.join(prefix, "lib", lib, "site-packages");
    for (const name2 of listDir(sitePackages)) {
      const match = /^nox-([^-]+)\.dist-info$/.exec(name2);
      if (match?.[1]) found.push({ dir: path.join(sitePackages, name2), version: match[1] });
    }
  }
  const [only] = found;
  if (!only || found.length !== 1) return void 0;
  let metadata;
  try {
    metadata = readFileSync(path.join(only.dir, "METADATA"), "utf8");
  } catch {
    return void 0;
  }
  const name = /^Name:\s*(\S+)\s*$/m.exec(metadata)?.[1];
  const version = /^Version:\s*(\S+)\s*$/m.exec(metadata)?.[1];
  if (name?.toLowerCase() !== "nox" || version !== only.version) return void 0;
  return version;
}
__name(noxVersionFromMetadata, "noxVersionFromMetadata");
function nodeVersionIfRunning(nodeOnPath, running = process) {
  try {
    if (realpathSync(nodeOnPath) !== realpathSync(running.execPath)) return void 0;
  } catch {
    return void 0;
  }
  return running.version.replace(/^v/, "");
}
__name(nodeVersionIfRunning, "nodeVersionIfRunning");
function scriptInterpreter(script, head) {
  const direct = /^#!(\/\S+)[ \t]*\r?\n/.exec(head)?.[1];
  if (direct && direct !== "/bin/sh") return direct;
  const relocatable = `#!/bin/sh
'''exec' "$(dirname -- "$(realpath -- "$0")")"/'python' "$0" "$@"
`;
  if (!head.startsWith(relocatable)) return void 0;
  try {
    return path.join(path.dirname(realpathSync(script)), "python");
  } catch {
    return void 0;
  }
}
__name(scriptInterpreter, "scriptInterpreter");
function readHead(file, bytes) {
  let fd;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString("utf8");
  } catch {
    return void 0;
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
__name(readHead, "readHead");
function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
__name(listDir, "listDir");

// actions/setup-prewarmed-runner/src/inputs.ts
var NODE_MAJOR_MIN = 20;
function loadInputs(read) {
  const tools = listInput(read, "tools" /* Tools */);
  for (const tool of tools) {
    if (!TOOL_NAMES.includes(tool)) {
      throw invalidInput("tools" /* Tools */, tool, `${TOOL_NAMES.join(", ")}`);
    }
  }
  if (tools.length === 0) {
    throw invalidInput("tools" /* Tools */, "", `one or more of ${TOOL_NAMES.join(", ")}`);
  }
  return {
    tools,
    installMissing: booleanInput(read, "install-missing" /* InstallMissing */),
    strict: booleanInput(read, "strict" /* Strict */),
    nodeVersionMin: nodeVersionMinInput(read)
  };
}
__name(loadInputs, "loadInputs");
function nodeVersionMinInput(read) {
  const value = read("node-version-min" /* NodeVersionMin */).trim();
  if (value === "") return NODE_MAJOR_MIN;
  if (!/^[2-9][0-9]$/.test(value) || Number(value) < NODE_MAJOR_MIN) {
    throw invalidInput(
      "node-version-min" /* NodeVersionMin */,
      value,
      `a Node major version from ${NODE_MAJOR_MIN} to 99 (e.g. 20 or 24)`
    );
  }
  return Number(value);
}
__name(nodeVersionMinInput, "nodeVersionMinInput");

// actions/setup-prewarmed-runner/src/manifest.ts
import { readFile } from "node:fs/promises";
async function readImageManifest(file, log) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT") {
      log.warning(`image manifest ${file} cannot be read: ${errorMessage(error)}`);
    }
    return void 0;
  }
  try {
    const raw = JSON.parse(text);
    const image = raw.image;
    const versions = {};
    for (const [name, value] of Object.entries(raw)) {
      const version = value?.version;
      if (name !== "image" && typeof version === "string") versions[name] = version;
    }
    return { path: file, imageVersion: typeof image?.version === "string" ? image.version : "", versions };
  } catch (error) {
    log.warning(
      `image manifest ${file} is not valid JSON (${errorMessage(error)}); treating this job as not pre-warmed`
    );
    return void 0;
  }
}
__name(readImageManifest, "readImageManifest");

// actions/setup-prewarmed-runner/src/probe.ts
import { execFile } from "node:child_process";
var processExec = /* @__PURE__ */ __name((command, args, { env, timeoutMs = 15e3 }) => new Promise((resolve) => {
  execFile(
    command,
    args,
    { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
    (error, stdout, stderr) => {
      const code = error?.code;
      if (code === "ENOENT" || code === "EACCES") {
        resolve({ missing: true });
        return;
      }
      const exitCode = error ? typeof code === "number" ? code : 1 : 0;
      resolve({ missing: false, exitCode, output: `${stdout}
${stderr}` });
    }
  );
}), "processExec");
var PROBES = VERSION_PROBES;
var staticProbe = /* @__PURE__ */ __name((tool, env) => {
  if (tool !== "nox" && tool !== "node" && !RUNNER_RECORDED.has(tool)) return void 0;
  const file = findOnPath(tool, env);
  if (!file) return void 0;
  if (tool === "nox") return noxVersionFromMetadata(file);
  if (tool === "node") return nodeVersionIfRunning(file);
  return versionOnRunner(env, tool, file);
}, "staticProbe");
var RUNNER_RECORDED = /* @__PURE__ */ new Set(["uv", "helm", "kubeconform"]);
async function probeTool(exec, tool, expected, env, command = tool, readStatic = staticProbe) {
  const started = performance.now();
  const spec = PROBES[tool];
  const known = command === tool ? readStatic(tool, env) : void 0;
  if (known) {
    const status = versionMatches(spec.match, known, expected) ? "ok" : "mismatch";
    return { tool, status, found: known, ms: performance.now() - started, readStatically: true };
  }
  const result = await exec(command, spec.args, { env });
  const ms = performance.now() - started;
  if (result.missing) return { tool, status: "missing", found: "", ms };
  const found = parseToolVersion(tool, result.output) ?? "";
  if (result.exitCode !== 0 && !found) return { tool, status: "missing", found: "", ms };
  return {
    tool,
    status: versionMatches(spec.match, found, expected) ? "ok" : "mismatch",
    found: found || "unknown",
    ms
  };
}
__name(probeTool, "probeTool");
function versionMatches(match, found, expected) {
  if (match === "present") return true;
  if (!found) return false;
  if (match === "min-major") return Number(found.split(".")[0]) >= Number(expected.split(".")[0]);
  return found === expected;
}
__name(versionMatches, "versionMatches");
function describeExpected(tool, pinned) {
  switch (PROBES[tool].match) {
    case "exact":
      return pinned;
    case "min-major":
      return `>=${pinned.split(".")[0]}`;
    case "present":
      return "any";
  }
}
__name(describeExpected, "describeExpected");

// actions/setup-prewarmed-runner/src/run.ts
var defaultDeps = /* @__PURE__ */ __name(() => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  exec: processExec,
  platform: /* @__PURE__ */ __name(() => detectPlatform(), "platform"),
  loadInstaller: /* @__PURE__ */ __name(() => import("../chunks/install-A4PRET23.mjs"), "loadInstaller")
}), "defaultDeps");
async function run(overrides = {}) {
  const deps = { ...defaultDeps(), ...overrides };
  const started = performance.now();
  const inputs = loadInputs(deps.read);
  const mirror = mirrorBase(deps.env);
  const manifestPath = deps.env["CI_KIT_IMAGE_MANIFEST" /* ImageManifest */] || DEFAULT_IMAGE_MANIFEST;
  const [manifest, probes] = await Promise.all([
    readImageManifest(manifestPath, deps.log),
    Promise.all(
      inputs.tools.map((tool) => probeTool(deps.exec, tool, expectedVersion(tool, inputs), deps.env))
    )
  ]);
  const checkedMs = performance.now() - started;
  rememberVerified(probes, deps.env);
  const fromBootstrap = parseBootstrapInstalled(deps.env["CI_KIT_BOOTSTRAP_INSTALLED" /* BootstrapInstalled */]);
  const rows = new Map(
    probes.map((probe) => [probe.tool, rowOf(probe, fromBootstrap, inputs)])
  );
  const problems = probes.filter((probe) => probe.status !== "ok");
  const prewarmed = problems.length === 0 && fromBootstrap.size === 0;
  const notes = manifestNotes(manifest, manifestPath, inputs.tools);
  if (fromBootstrap.size > 0) {
    const seconds = deps.env["CI_KIT_BOOTSTRAP_SECONDS" /* BootstrapSeconds */];
    notes.push(
      `bootstrap.sh installed ${[...fromBootstrap.keys()].join(", ")}${seconds ? ` in ${seconds} s` : ""}.`
    );
  }
  if (inputs.strict && (!prewarmed || !manifest)) {
    const reasons = [
      ...problems.map((probe) => describeProblem(probe, inputs)),
      ...[...fromBootstrap.keys()].map((tool) => `${tool} had to be installed by bootstrap`),
      ...manifest ? [] : [`no image manifest at ${manifestPath}`]
    ];
    setOutputs(
      false,
      [...fromBootstrap.keys()],
      problems.map((p) => p.tool),
      manifest
    );
    await writeSummary(rows, notes, started);
    throw new UserError(
      `strict: this job is not on the pre-warmed image: ${reasons.join("; ")} (run the job in the forgejo-ci-kit python-ci image, or set strict: false to install what is missing)`
    );
  }
  const failures = [];
  if (problems.length > 0 && inputs.installMissing) {
    await installMissing(deps, inputs, probes, rows, failures, mirror);
  } else {
    for (const probe of problems) {
      const row = rows.get(probe.tool);
      row.action = SYSTEM_TOOLS.includes(probe.tool) ? "not installed (bootstrap step)" : "not installed (install-missing: false)";
      deps.log.warning(`${describeProblem(probe, inputs)}; ${row.action}`);
    }
  }
  const installed = [...rows.values()].filter((row) => row.action.startsWith("installed")).map((row) => row.tool);
  const missing = [...rows.values()].filter((row) => row.missing).map((row) => row.tool);
  setOutputs(prewarmed, installed, missing, manifest);
  await writeSummary(rows, notes, started);
  const total = performance.now() - started;
  const image = manifest ? `image ${manifest.imageVersion || "of unknown version"}` : "no image manifest";
  deps.log.info(
    `${prewarmed ? "pre-warmed" : "not pre-warmed"} (${image}): ` + probes.map((probe) => `${probe.tool} ${rows.get(probe.tool)?.found || "missing"}`).join(", ") + `; checked in ${formatMs(checkedMs)}, done in ${formatMs(total)}${installed.length ? `; installed ${installed.join(", ")}` : ""}${missing.length ? `; missing ${missing.join(", ")}` : ""}`
  );
  if (failures.length > 0) throw new UserError(failures.join("; "));
}
__name(run, "run");
async function installMissing(deps, inputs, probes, rows, failures, mirror) {
  const installer = await deps.loadInstaller();
  const ctx = {
    toolCacheRoot: runnerVariable(deps.env, "RUNNER_TOOL_CACHE"),
    tempDir: runnerVariable(deps.env, "RUNNER_TEMP"),
    platform: deps.platform(),
    log: deps.log,
    env: deps.env,
    ...deps.cacheService ? { cacheService: deps.cacheService } : {},
    exec: deps.exec,
    ...mirror ? { mirror } : {}
  };
  const broken = new Set(probes.filter((probe) => probe.status !== "ok").map((probe) => probe.tool));
  let uvCommand = "uv";
  for (const tool of TOOL_NAMES) {
    if (!broken.has(tool)) continue;
    const row = rows.get(tool);
    if (SYSTEM_TOOLS.includes(tool)) {
      row.action = "not installed (bootstrap step)";
      deps.log.warning(
        `${row.tool}: found ${row.found || "nothing"}, expected ${row.expected}; only the bootstrap step installs it`
      );
      continue;
    }
    const began = performance.now();
    try {
      const result = await deps.log.group(`Install ${tool} ${pinnedVersion(tool)}`, async () => {
        if (tool === "nox") {
          uvCommand = await uvForNox(deps, ctx, installer, inputs, broken, uvCommand);
          return installer.installNox(uvCommand, ctx);
        }
        return installer.installReleaseTool(tool, ctx);
      });
      const check = await probeTool(
        deps.exec,
        tool,
        pinnedVersion(tool),
        deps.env,
        path2.join(result.binPath, tool)
      );
      if (check.status !== "ok") {
        throw new UserError(
          `${tool} installed from ${result.source} reports ${check.found || "no version"}, not ${row.expected}`
        );
      }
      addPath(result.binPath);
      if (tool === "uv") uvCommand = path2.join(result.binPath, "uv");
      Object.assign(row, { found: check.found, action: `installed (${result.source})`, missing: false });
      deps.log.info(
        `${tool} ${check.found} from ${result.source} on PATH at ${result.binPath} (${result.detail})`
      );
    } catch (error) {
      row.action = "install failed";
      failures.push(`${tool}: ${errorMessage(error)}`);
      deps.log.warning(`could not install ${tool}: ${errorMessage(error)}`);
    } finally {
      row.ms = performance.now() - began;
    }
  }
}
__name(installMissing, "installMissing");
async function uvForNox(deps, ctx, installer, inputs, broken, current) {
  if (current !== "uv") return current;
  if (inputs.tools.includes("uv") && !broken.has("uv")) return "uv";
  const probe = await probeTool(deps.exec, "uv", pinnedVersion("uv"), deps.env);
  if (probe.status === "ok") return "uv";
  const result = await installer.installReleaseTool("uv", ctx);
  return path2.join(result.binPath, "uv");
}
__name(uvForNox, "uvForNox");
function expectedVersion(tool, inputs) {
  return tool === "node" ? String(inputs.nodeVersionMin) : pinnedVersion(tool);
}
__name(expectedVersion, "expectedVersion");
function pinnedVersion(tool) {
  return tool in TOOLCHAIN ? TOOLCHAIN[tool].version : "";
}
__name(pinnedVersion, "pinnedVersion");
function rememberVerified(probes, env) {
  for (const probe of probes) {
    if (probe.status !== "ok" || PROBES[probe.tool].match !== "exact") continue;
    const file = findOnPath(probe.tool, env);
    if (!file) continue;
    recordVerified(env, probe.tool, file, probe.found);
    if (!probe.readStatically && RUNNER_RECORDED.has(probe.tool))
      recordOnRunner(env, probe.tool, file, probe.found);
  }
}
__name(rememberVerified, "rememberVerified");
function rowOf(probe, fromBootstrap, inputs) {
  const viaBootstrap = fromBootstrap.get(probe.tool);
  const action = probe.status === "ok" ? viaBootstrap ? `installed (${viaBootstrap}, bootstrap)` : "present" : probe.status;
  return {
    tool: probe.tool,
    expected: describeExpected(probe.tool, expectedVersion(probe.tool, inputs)),
    found: probe.found,
    action,
    ms: probe.ms,
    missing: probe.status !== "ok"
  };
}
__name(rowOf, "rowOf");
function describeProblem(probe, inputs) {
  const expected = describeExpected(probe.tool, expectedVersion(probe.tool, inputs));
  return probe.status === "missing" ? `${probe.tool} is missing (expected ${expected})` : `${probe.tool} is ${probe.found}, expected ${expected}`;
}
__name(describeProblem, "describeProblem");
function parseBootstrapInstalled(value) {
  const pairs = (value ?? "").split(/[\s,]+/).filter(Boolean);
  return new Map(
    pairs.map((pair) => [pair.split(":")[0] ?? pair, pair.split(":")[1] ?? "bootstrap"])
  );
}
__name(parseBootstrapInstalled, "parseBootstrapInstalled");
function manifestNotes(manifest, manifestPath, tools) {
  if (!manifest)
    return [`No image manifest at \`${manifestPath}\`: this job is not on the pre-warmed image.`];
  const drift = tools.filter(
    (tool) => tool in TOOLCHAIN && manifest.versions[tool] && manifest.versions[tool] !== pinnedVersion(tool)
  ).map((tool) => `${tool} ${manifest.versions[tool]} (this action pins ${pinnedVersion(tool)})`);
  const notes = [
    `Image ${manifest.imageVersion || "(version not recorded)"}, manifest \`${manifest.path}\`.`
  ];
  if (drift.length > 0)
    notes.push(`The image was built with ${drift.join(", ")}: use an image tag made for this release.`);
  return notes;
}
__name(manifestNotes, "manifestNotes");
function setOutputs(prewarmed, installed, missing, manifest) {
  setOutput("prewarmed" /* Prewarmed */, String(prewarmed));
  setOutput("installed" /* Installed */, installed.join(","));
  setOutput("missing" /* Missing */, missing.join(","));
  setOutput("image-version" /* ImageVersion */, manifest?.imageVersion ?? "");
}
__name(setOutputs, "setOutputs");
async function writeSummary(rows, notes, started) {
  await writeSummaryTable(
    "setup-prewarmed-runner",
    ["tool", "expected", "found", "action", "time"],
    [...rows.values()].map((row) => [row.tool, row.expected, row.found || "\u2014", row.action, formatMs(row.ms)]),
    [...notes, `Total ${formatMs(performance.now() - started)}.`]
  );
}
__name(writeSummary, "writeSummary");
function mirrorBase(env) {
  const value = env["CI_KIT_DOWNLOAD_MIRROR" /* DownloadMirror */]?.trim();
  if (!value) return void 0;
  assertDownloadScheme(value, "CI_KIT_DOWNLOAD_MIRROR" /* DownloadMirror */);
  return value;
}
__name(mirrorBase, "mirrorBase");

// actions/setup-prewarmed-runner/src/main.ts
await runEntry(() => run(), "setup-prewarmed-runner");
