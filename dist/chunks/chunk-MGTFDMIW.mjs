import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name,
  getExecOutput
} from "./chunk-L6KRIO4D.mjs";

// packages/runner/src/process.ts
var execRunner = /* @__PURE__ */ __name(async (command, args, options = {}) => {
  const result = await getExecOutput(command, args, {
    ignoreReturnCode: true,
    silent: options.silent ?? false,
    ...options.cwd ? { cwd: options.cwd } : {},
    ...options.env ? { env: { ...process.env, ...options.env } } : {}
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}, "execRunner");
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
