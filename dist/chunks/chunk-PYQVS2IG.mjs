import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name,
  debug,
  group,
  info,
  summary,
  warning
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/errors.ts
var UserError = class extends Error {
  static {
    __name(this, "UserError");
  }
  name = "UserError";
};
var ChecksumMismatchError = class extends UserError {
  constructor(what, expected, actual, source) {
    super(
      `sha256 mismatch for ${what}: expected ${expected}, got ${actual}` + (source ? ` (downloaded from ${source}); the file there is not the pinned one: if it changed on purpose, update the pinned sha256, otherwise fix the mirror` : "")
    );
    this.what = what;
    this.expected = expected;
    this.actual = actual;
    this.source = source;
  }
  what;
  expected;
  actual;
  source;
  static {
    __name(this, "ChecksumMismatchError");
  }
  name = "ChecksumMismatchError";
};
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}
__name(errorMessage, "errorMessage");

// packages/runner/src/telemetry.ts
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
var TELEMETRY_SCHEMA = 1;
function hostOf(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "file:" ? "file" : parsed.host || "unknown";
  } catch {
    return "unknown";
  }
}
__name(hostOf, "hostOf");
function reasonKind(reason, retryAfter) {
  const status = /\bHTTP (\d{3})\b/.exec(reason)?.[1];
  if (status === "429" && retryAfter) return "http-429-retry-after";
  if (status) return `http-${Number(status)}`;
  if (/stall|no data for/i.test(reason)) return "stall";
  if (/timed out|no progress|timeout/i.test(reason)) return "timeout";
  if (/reset|closed early|socket hang up|EPIPE/i.test(reason)) return "reset";
  if (/refused/i.test(reason)) return "refused";
  if (/ENOTFOUND|EAI_AGAIN|DNS|getaddrinfo|resolve/i.test(reason)) return "dns";
  if (/truncat|body ended|premature/i.test(reason)) return "truncated";
  if (/network|connection/i.test(reason)) return "network";
  return "other";
}
__name(reasonKind, "reasonKind");
function warningKind(message) {
  if (/attempt \d+\/\d+ failed/.test(message)) return "retry";
  if (/\bcache\b/i.test(message)) return "cache";
  if (/plain http/.test(message)) return "insecure-mirror";
  return "other";
}
__name(warningKind, "warningKind");
var TelemetryRecorder = class {
  static {
    __name(this, "TelemetryRecorder");
  }
  retriesSeen = [];
  phases = /* @__PURE__ */ new Map();
  warningCounts = /* @__PURE__ */ new Map();
  downloaded = 0;
  cacheUse = { hits: 0, misses: 0, restoredBytes: 0, savedBytes: 0 };
  started = performance.now();
  retry(host, reason, retryAfter, delayMs) {
    this.retriesSeen.push({ host, reason: reasonKind(reason, retryAfter), delayMs: Math.round(delayMs) });
  }
  download(bytes) {
    this.downloaded += bytes;
  }
  cacheRestore(hit, bytes = 0) {
    if (hit) this.cacheUse.hits += 1;
    else this.cacheUse.misses += 1;
    this.cacheUse.restoredBytes += bytes;
  }
  cacheSave(bytes) {
    this.cacheUse.savedBytes += bytes;
  }
  warning(message) {
    const kind = warningKind(message);
    this.warningCounts.set(kind, (this.warningCounts.get(kind) ?? 0) + 1);
  }
  phase(name, ms) {
    this.phases.set(name, Math.round((this.phases.get(name) ?? 0) + ms));
  }
  /**
   * The step's own PhaseTimer, read when the record is written (so a failed step still reports the
   * phases it ran). Only the step's timer: the installer's nested one would count its time twice.
   */
  timePhasesWith(timer) {
    this.timer = timer;
  }
  timer;
  snapshot(action, kit, outcome, error) {
    for (const { name, ms } of this.timer?.phases ?? []) this.phase(name, ms);
    this.timer = void 0;
    return {
      v: TELEMETRY_SCHEMA,
      action,
      kit,
      outcome,
      ...outcome === "failure" && error ? { error } : {},
      ms: { ...Object.fromEntries(this.phases), total: Math.round(performance.now() - this.started) },
      retries: [...this.retriesSeen],
      bytes: this.downloaded,
      cache: { ...this.cacheUse },
      warnings: Object.fromEntries(this.warningCounts)
    };
  }
};
var telemetry = new TelemetryRecorder();
function jobScopedFile(env, kind, ext) {
  if (!env.RUNNER_TEMP) return void 0;
  const part = /* @__PURE__ */ __name((value) => (value || "x").replace(/[^A-Za-z0-9._-]/g, "_"), "part");
  return path.join(
    env.RUNNER_TEMP,
    `ci-kit-${kind}-${part(env.GITHUB_RUN_ID)}-${part(env.GITHUB_RUN_ATTEMPT)}-${part(env.GITHUB_JOB)}${ext}`
  );
}
__name(jobScopedFile, "jobScopedFile");
var telemetryFile = /* @__PURE__ */ __name((env) => jobScopedFile(env, "telemetry", ".jsonl"), "telemetryFile");
function recordStep(step, env) {
  const file = telemetryFile(env);
  const earlier = [];
  if (file) {
    try {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const parsed = parseStep(line);
        if (parsed) earlier.push(parsed);
      }
    } catch {
    }
    try {
      appendFileSync(file, `${JSON.stringify(step)}
`);
    } catch {
    }
  }
  return { v: TELEMETRY_SCHEMA, steps: [...earlier, step] };
}
__name(recordStep, "recordStep");
function parseStep(line) {
  if (line.trim() === "") return void 0;
  try {
    const value = JSON.parse(line);
    return value && value.v === TELEMETRY_SCHEMA && typeof value.action === "string" ? value : void 0;
  } catch {
    return void 0;
  }
}
__name(parseStep, "parseStep");

// packages/runner/src/logger.ts
import { randomUUID } from "node:crypto";
var WORKFLOW_COMMAND = /##\[|^[\s\p{Cc}\p{Cf}\p{Z}]*::/mu;
function mayHoldWorkflowCommand(text) {
  return WORKFLOW_COMMAND.test(text);
}
__name(mayHoldWorkflowCommand, "mayHoldWorkflowCommand");
function infoWithoutCommands(message, write = info) {
  if (!mayHoldWorkflowCommand(message)) {
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

// packages/runner/src/summary.ts
var PhaseTimer = class {
  constructor(now = () => performance.now()) {
    this.now = now;
  }
  now;
  static {
    __name(this, "PhaseTimer");
  }
  phases = [];
  async time(name, fn) {
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.phases.push({ name, ms: this.now() - start });
    }
  }
  describe() {
    return this.phases.map((p) => `${p.name} ${formatMs(p.ms)}`).join(", ");
  }
};
function formatMs(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
__name(formatMs, "formatMs");
async function writeSummaryTable(heading, header, rows, notes = []) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    const summary2 = summary.addHeading(heading, 3).addTable([header.map((data) => ({ data, header: true })), ...rows]);
    for (const note of notes) summary2.addRaw(`
${note}
`, true);
    await summary2.write();
  } catch (error) {
    debug(`step summary not written: ${String(error)}`);
  }
}
__name(writeSummaryTable, "writeSummaryTable");
async function writeResult(log, heading, header, rows) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = /* @__PURE__ */ __name((cells) => cells.map((cell, i) => i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd(), "line");
  log.info(`${heading}:`);
  for (const row of [header, ...rows]) log.info(`  ${line(row)}`);
  await writeSummaryTable(heading, header, rows);
}
__name(writeResult, "writeResult");

export {
  UserError,
  ChecksumMismatchError,
  errorMessage,
  hostOf,
  telemetry,
  jobScopedFile,
  recordStep,
  mayHoldWorkflowCommand,
  infoWithoutCommands,
  coreLogger,
  PhaseTimer,
  formatMs,
  writeSummaryTable,
  writeResult
};
