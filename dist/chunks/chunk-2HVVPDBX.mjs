import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name,
  getExecOutput
} from "./chunk-LQCNKXSJ.mjs";

// packages/runner/src/process.ts
import { spawn } from "node:child_process";
var execRunner = /* @__PURE__ */ __name(async (command, args, options = {}) => {
  if (options.signal) return spawnAbortable(command, args, options, options.signal);
  const result = await getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: options.silent ?? false,
    ...options.cwd ? { cwd: options.cwd } : {},
    ...options.env ? { env: { ...process.env, ...options.env } } : {}
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}, "execRunner");
function spawnAbortable(command, args, options, signal) {
  return new Promise((resolve, reject) => {
    if (!options.silent) process.stdout.write(`[command]${command} ${args.join(" ")}
`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk.toString("utf8");
      if (!options.silent) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString("utf8");
      if (!options.silent) process.stderr.write(chunk);
    });
    const kill = /* @__PURE__ */ __name(() => {
      try {
        if (child.pid !== void 0) process.kill(-child.pid, "SIGKILL");
      } catch {
      }
    }, "kill");
    signal.addEventListener("abort", kill, { once: true });
    child.once("error", (error) => {
      signal.removeEventListener("abort", kill);
      reject(error);
    });
    child.once("close", (code) => {
      signal.removeEventListener("abort", kill);
      resolve({ exitCode: signal.aborted ? 124 : code ?? 1, stdout, stderr });
    });
  });
}
__name(spawnAbortable, "spawnAbortable");
async function runChecked(runner, command, args, options) {
  const result = await runner(command, args, options);
  if (result.exitCode !== 0) {
    const tail = (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n");
    throw new CommandError(`${command} ${args.join(" ")}`, result.exitCode, tail);
  }
  return result;
}
__name(runChecked, "runChecked");
var CommandError = class extends Error {
  constructor(command, exitCode, tail) {
    super(`'${command}' exited with ${exitCode}${tail ? `: ${tail}` : ""}`);
    this.command = command;
    this.exitCode = exitCode;
    this.tail = tail;
  }
  command;
  exitCode;
  tail;
  static {
    __name(this, "CommandError");
  }
  name = "CommandError";
};

export {
  execRunner,
  runChecked
};
