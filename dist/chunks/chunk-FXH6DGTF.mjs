import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  entrySlot,
  findInToolCache,
  installIntoToolCache
} from "./chunk-RRFQHUO4.mjs";
import {
  retryCommand
} from "./chunk-5XJRY23O.mjs";
import {
  TOOLCHAIN,
  parseNoxVersion
} from "./chunk-25RTBLRE.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/nox.ts
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var IDENTIFY = 'import os,sys;print(sys.implementation.name+"%d.%d"%sys.version_info[:2]);print(os.path.realpath(sys.executable))';
async function installNox(opts) {
  const python = await identify(opts);
  const entry = {
    tool: "nox",
    version: opts.version,
    slot: entrySlot(
      opts.platform,
      python.tag,
      createHash("sha256").update(python.path).digest("hex").slice(0, 8)
    )
  };
  const works = /* @__PURE__ */ __name(async (dir2) => await noxVersionAt(path.join(dir2, "bin"), opts.run) === opts.version, "works");
  const cached = findInToolCache(opts.toolCacheRoot, entry);
  if (cached) {
    if (await works(cached)) return { binPath: path.join(cached, "bin"), source: "tool-cache" };
    opts.log.info(`nox in the tool cache at ${cached} does not run as ${opts.version} here: replacing it`);
  }
  const dir = await installIntoToolCache(
    opts.toolCacheRoot,
    entry,
    async (staging) => {
      await buildVenv(opts, python, staging);
      const reported = await noxVersionAt(path.join(staging, "bin"), opts.run);
      if (reported !== opts.version) {
        throw new Error(`nox ${opts.version} was installed but reports ${reported ?? "no version"}`);
      }
    },
    works
  );
  return { binPath: path.join(dir, "bin"), source: "uv-tool" };
}
__name(installNox, "installNox");
async function identify(opts) {
  const probe = await opts.run(opts.python, ["-c", IDENTIFY], { silent: true }).catch(() => void 0);
  const [tag, real] = (probe?.exitCode === 0 ? probe.stdout : "").trim().split("\n");
  if (!tag || !real) {
    throw new Error(
      `nox needs a Python to run on, and ${opts.python} did not run (${probe?.stderr.trim() || "not found"})`
    );
  }
  return { tag, path: real.trim() };
}
__name(identify, "identify");
async function buildVenv(opts, python, venv) {
  const env = { ...opts.env, UV_NO_PROGRESS: "1", UV_NO_CONFIG: "1", UV_PYTHON_DOWNLOADS: "never" };
  await retryCommand(
    opts.run,
    opts.uv,
    ["venv", "--quiet", "--relocatable", "--no-project", "--allow-existing", "--python", python.path, venv],
    { attempts: 1, log: opts.log, what: `uv venv for nox (${python.tag})`, env }
  );
  const lock = TOOLCHAIN.nox.version === opts.version ? TOOLCHAIN.nox.requirements : void 0;
  const work = await mkdtemp(path.join(opts.tempDir, "ci-kit-nox-"));
  try {
    const args = ["pip", "install", "--quiet", "--python", path.join(venv, "bin", "python")];
    if (lock) {
      const file = path.join(work, "nox-requirements.txt");
      await writeFile(file, `${lock.join("\n")}
`);
      args.push("--require-hashes", "-r", file);
    } else {
      opts.log.info(
        `nox ${opts.version} is not the version toolchain.json locks (${TOOLCHAIN.nox.version}): installed from the package index without hash checking`
      );
      args.push(`nox==${opts.version}`);
    }
    await retryCommand(opts.run, opts.uv, args, {
      attempts: opts.attempts,
      log: opts.log,
      what: `uv pip install nox==${opts.version}`,
      env
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
__name(buildVenv, "buildVenv");
async function noxVersionAt(binPath, run) {
  const nox = path.join(binPath, "nox");
  if (!existsSync(nox)) return void 0;
  const probe = await run(nox, ["--version"], { silent: true }).catch(() => void 0);
  return probe && probe.exitCode === 0 ? parseNoxVersion(probe.stdout + probe.stderr) : void 0;
}
__name(noxVersionAt, "noxVersionAt");

export {
  installNox
};
