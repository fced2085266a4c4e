import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  AttemptTimeoutError,
  findInToolCache,
  retry,
  toolCacheDir
} from "./chunk-ONXUBWLM.mjs";
import {
  runChecked
} from "./chunk-2HVVPDBX.mjs";
import {
  __name
} from "./chunk-LQCNKXSJ.mjs";

// packages/tools/src/nox.ts
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// packages/retry/src/retry-command.ts
var TRANSIENT_OUTPUT = new RegExp(
  [
    "connection reset",
    "connection refused",
    "connection closed",
    "broken pipe",
    "timed out",
    "timeout",
    "dns error",
    "temporary failure in name resolution",
    "failed to lookup address",
    "tcp connect error",
    "error sending request",
    "error decoding response body",
    "unexpected eof",
    "incomplete message",
    "network is unreachable",
    "request failed after",
    "status(?: code)?:? (?:408|429|5\\d\\d)",
    "\\b(?:408|429|500|502|503|504)\\b (?:request timeout|too many requests|internal server error|bad gateway|service unavailable|gateway timeout)",
    "read timed out",
    "remote end closed connection"
  ].join("|"),
  "i"
);
function isTransientFailure(output) {
  return TRANSIENT_OUTPUT.test(output);
}
__name(isTransientFailure, "isTransientFailure");
async function retryCommand(runner, command, args, options) {
  const { attempts, log, what, sleep, attemptTimeoutMs = 6e5, ...runOptions } = options;
  const { value } = await retry(
    (_attempt, signal) => runChecked(runner, command, args, { ...runOptions, signal }),
    {
      attempts,
      what,
      log,
      baseDelayMs: 2e3,
      attemptTimeoutMs,
      classify: /* @__PURE__ */ __name((error) => {
        if (error instanceof AttemptTimeoutError)
          return { retryable: true, reason: `no result within ${Math.round(attemptTimeoutMs / 1e3)} s` };
        const failed = error;
        const transient = isTransientFailure(failed.message ?? "");
        return {
          retryable: transient,
          reason: `exit ${failed.exitCode ?? "?"}${transient ? " (a network failure)" : ""}`
        };
      }, "classify"),
      ...sleep ? { sleep } : {}
    }
  );
  return value;
}
__name(retryCommand, "retryCommand");

// packages/tools/src/nox.ts
function parseNoxVersion(output) {
  return /(\d{4}\.\d+\.\d+)/.exec(output)?.[1];
}
__name(parseNoxVersion, "parseNoxVersion");
async function installNox(opts) {
  const entry = { tool: "nox", version: opts.version, arch: opts.arch };
  const cached = findInToolCache(opts.toolCacheRoot, entry);
  if (cached) {
    const reported = await noxVersionAt(path.join(cached, "bin"), opts.run);
    if (reported === opts.version) return { binPath: path.join(cached, "bin"), source: "tool-cache" };
    opts.log.info(
      `nox in the tool cache at ${cached} ${reported ? `reports ${reported}` : "does not run here"}: installing it again`
    );
  }
  const dir = toolCacheDir(opts.toolCacheRoot, entry);
  await rm(`${dir}.complete`, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const binPath = path.join(dir, "bin");
  const args = ["tool", "install", "--force", `nox==${opts.version}`];
  await retryCommand(opts.run, opts.uv, args, {
    attempts: opts.attempts,
    log: opts.log,
    what: `uv tool install nox==${opts.version}`,
    env: { ...opts.env, UV_TOOL_DIR: path.join(dir, "tools"), UV_TOOL_BIN_DIR: binPath, UV_NO_PROGRESS: "1" }
  });
  const installed = await noxVersionAt(binPath, opts.run);
  if (installed !== opts.version) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nox ${opts.version} was installed but reports ${installed ?? "no version"}`);
  }
  await writeFile(`${dir}.complete`, "");
  return { binPath, source: "uv-tool" };
}
__name(installNox, "installNox");
async function noxVersionAt(binPath, run) {
  const nox = path.join(binPath, "nox");
  if (!existsSync(nox)) return void 0;
  const probe = await run(nox, ["--version"], { silent: true }).catch(() => void 0);
  return probe && probe.exitCode === 0 ? parseNoxVersion(probe.stdout + probe.stderr) : void 0;
}
__name(noxVersionAt, "noxVersionAt");

export {
  retryCommand,
  parseNoxVersion,
  installNox
};
