import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  errorMessage,
  recordStep,
  telemetry
} from "./chunk-D754KW5M.mjs";
import {
  __name,
  debug,
  group,
  info,
  setFailed,
  setOutput,
  warning
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/entry.ts
import { readFileSync } from "node:fs";
function kitVersion() {
  try {
    const json = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return json.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
__name(kitVersion, "kitVersion");
function writeTelemetry(action, failed) {
  try {
    const job = recordStep(
      telemetry.snapshot(action, kitVersion(), failed ? "failure" : "success"),
      process.env
    );
    setOutput("telemetry", JSON.stringify(job));
  } catch (error) {
    debug(`telemetry not written: ${errorMessage(error)}`);
  }
}
__name(writeTelemetry, "writeTelemetry");
async function runEntry(fn, action) {
  let failed = false;
  const fail = /* @__PURE__ */ __name((error) => {
    failed = true;
    if (!(error instanceof UserError) && error instanceof Error && error.stack) debug(error.stack);
    setFailed(errorMessage(error));
    if (action) writeTelemetry(action, true);
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
    if (action) writeTelemetry(action, failed);
  } catch (error) {
    fail(error);
  }
  process.exit();
}
__name(runEntry, "runEntry");
async function runPostEntry(fn, action) {
  await runEntry(async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof UserError) throw error;
      telemetry.warning(errorMessage(error));
      warning(errorMessage(error));
    }
  }, action);
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
  warning: /* @__PURE__ */ __name((message) => {
    telemetry.warning(message);
    warning(message);
  }, "warning"),
  debug: /* @__PURE__ */ __name((message) => debug(message), "debug"),
  group: /* @__PURE__ */ __name((name, fn) => group(name, fn), "group")
};

export {
  coreLogger,
  runEntry,
  runPostEntry
};
