import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  __name,
  debug,
  errorMessage,
  group,
  info,
  setFailed,
  warning
} from "./chunk-LQCNKXSJ.mjs";

// packages/runner/src/entry.ts
async function runEntry(fn) {
  const fail = /* @__PURE__ */ __name((error) => {
    if (!(error instanceof UserError) && error instanceof Error && error.stack) debug(error.stack);
    setFailed(errorMessage(error));
  }, "fail");
  process.on("unhandledRejection", (reason) => {
    fail(reason);
    process.exit();
  });
  process.on("uncaughtException", (error) => {
    fail(error);
    process.exit();
  });
  try {
    await fn();
  } catch (error) {
    fail(error);
  }
  process.exit();
}
__name(runEntry, "runEntry");
async function runPostEntry(fn) {
  await runEntry(async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof UserError) throw error;
      warning(errorMessage(error));
    }
  });
}
__name(runPostEntry, "runPostEntry");

// packages/runner/src/logger.ts
import { randomUUID } from "node:crypto";
var COMMAND_LINE = /^[ \t\f\v]*(::|##\[)/m;
function infoWithoutCommands(message, write = info) {
  if (!COMMAND_LINE.test(message)) {
    write(message);
    return;
  }
  const token = `ci-kit-${randomUUID()}`;
  write(`::stop-commands::${token}`);
  write(message);
  write(`::${token}::`);
}
__name(infoWithoutCommands, "infoWithoutCommands");
var coreLogger = {
  info: /* @__PURE__ */ __name((message) => infoWithoutCommands(message), "info"),
  warning: /* @__PURE__ */ __name((message) => warning(message), "warning"),
  debug: /* @__PURE__ */ __name((message) => debug(message), "debug"),
  group: /* @__PURE__ */ __name((name, fn) => group(name, fn), "group")
};

export {
  coreLogger,
  runEntry,
  runPostEntry
};
