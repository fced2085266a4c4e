import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  coreInputReader,
  enumInput,
  invalidInput
} from "../chunks/chunk-B5LFHZ2A.mjs";
import {
  runEntry
} from "../chunks/chunk-5UZCMYYQ.mjs";
import {
  UserError,
  coreLogger,
  writeSummaryTable
} from "../chunks/chunk-PYQVS2IG.mjs";
import {
  __name,
  setOutput,
  setSecret
} from "../chunks/chunk-Q5GJOU3P.mjs";

// packages/runner/src/event.ts
import { readFileSync } from "node:fs";
function loadEvent(env = process.env, readFile = (file) => readFileSync(file, "utf8")) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return { name, payload: void 0, problem: "GITHUB_EVENT_PATH is not set" };
  let text;
  try {
    text = readFile(file);
  } catch (error) {
    return { name, payload: void 0, problem: `cannot read ${file}: ${error.message}` };
  }
  try {
    const parsed = JSON.parse(text);
    if (isObject(parsed)) return { name, payload: parsed };
    return { name, payload: void 0, problem: `${file} does not hold a JSON object` };
  } catch {
    return { name, payload: void 0, problem: `${file} is not valid JSON` };
  }
}
__name(loadEvent, "loadEvent");
var AGIT_FLOW = 1;
function detectForkPullRequest(eventName, payload) {
  if (!eventName.startsWith("pull_request"))
    return { fork: false, why: `not a pull request event (${eventName || "unknown"})` };
  if (eventName === "pull_request_target") {
    return { fork: false, why: "pull_request_target runs in the base repository, with its secrets" };
  }
  const pr = payload?.pull_request;
  if (!isObject(pr)) return { fork: false, why: `${eventName} event without a pull_request in the payload` };
  const head = isObject(pr.head) ? pr.head : void 0;
  const base = isObject(pr.base) ? pr.base : void 0;
  if (!head) return { fork: false, why: "pull request payload without a head" };
  const baseRepo = isObject(base?.repo) ? base.repo : isObject(payload?.repository) ? payload.repository : void 0;
  const headRepo = isObject(head.repo) ? head.repo : void 0;
  if (!headRepo)
    return { fork: true, why: "the head repository of the pull request no longer exists (a deleted fork)" };
  if (pr.flow === AGIT_FLOW) {
    return {
      fork: true,
      why: "AGit pull request (pull_request.flow: 1, pushed to refs/for/<branch>/<topic>), treated as a fork"
    };
  }
  if (typeof pr.flow !== "number" && head.label === "" && typeof head.ref === "string" && head.ref.startsWith("refs/pull/")) {
    return {
      fork: true,
      why: "AGit-flow pull request (empty head.label, head.ref refs/pull/<n>/head; this server sends no pull_request.flow), treated as a fork"
    };
  }
  const same = sameRepository(headRepo, baseRepo);
  if (same === true) return { fork: false, why: `pull request within ${describeRepo(headRepo)}` };
  if (same === false) {
    return {
      fork: true,
      why: `head repository ${describeRepo(headRepo)} differs from base ${describeRepo(baseRepo)}`
    };
  }
  if (typeof headRepo.fork === "boolean") {
    return { fork: headRepo.fork, why: `head repository ${headRepo.fork ? "is" : "is not"} a fork` };
  }
  return { fork: true, why: "head and base repository cannot be compared; assumed a fork" };
}
__name(detectForkPullRequest, "detectForkPullRequest");
function sameRepository(head, base) {
  if (!base) return void 0;
  if (typeof head.id === "number" && typeof base.id === "number") return head.id === base.id;
  if (typeof head.full_name === "string" && typeof base.full_name === "string") {
    return head.full_name.toLowerCase() === base.full_name.toLowerCase();
  }
  return void 0;
}
__name(sameRepository, "sameRepository");
function describeRepo(repo) {
  const name = repo?.full_name;
  return typeof name === "string" && /^[\w.-]+\/[\w.-]+$/.test(name) ? name : "(unnamed repository)";
}
__name(describeRepo, "describeRepo");
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
__name(isObject, "isObject");

// actions/secret-guard/src/decide.ts
function presenceOf(value) {
  if (value === void 0) return "unset";
  if (value === "") return "empty";
  if (value.trim() === "") return "blank";
  return "present";
}
__name(presenceOf, "presenceOf");
function decide({ names, presence, require: require2, fork }) {
  const present = names.filter((name) => presence[name] === "present");
  const missing = names.filter((name) => presence[name] !== "present");
  const available = require2 === "all" ? missing.length === 0 : present.length > 0;
  const reason = missing.length === 0 ? "all-present" : fork ? "fork-pull-request" : "missing-secrets";
  return { mode: available ? "online" : "offline", available, present, missing, reason };
}
__name(decide, "decide");

// actions/secret-guard/src/names.ts
var REQUIRE_VALUES = ["all", "any"];
var ON_MISSING_VALUES = ["offline", "fail"];

// actions/secret-guard/src/inputs.ts
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var ACCEPTED_NAMES = "environment variable names (letters, digits and '_', not starting with a digit), separated by spaces, commas or newlines";
var RESERVED = /^(FORGEJO_|GITEA_|GITHUB_)/i;
var JOB_TOKEN = /^(FORGEJO|GITEA|GITHUB)_TOKEN$/i;
function reservedMessage([first = "", ...others]) {
  const why = JOB_TOKEN.test(first) ? `Forgejo reserves ${first} for the automatic job token, which every job gets (even on pull requests from forks, read-only there), so a guard on it is always online` : "Forgejo reserves names starting with FORGEJO_, GITEA_ or GITHUB_ (it refuses such secrets, and its automatic job token under those names is always present, even on pull requests from forks)";
  const more = others.length > 0 ? ` (also reserved: ${others.map((name) => `'${name}'`).join(", ")})` : "";
  return invalidInput(
    "secrets" /* Secrets */,
    first,
    `names of secrets you configure; ${why}; store the secret under another name, e.g. ${suggestedName(first)}${more}`
  ).message;
}
__name(reservedMessage, "reservedMessage");
function suggestedName(name) {
  if (JOB_TOKEN.test(name)) return "PUSH_TOKEN";
  return `MY_${name.replace(RESERVED, "")}`;
}
__name(suggestedName, "suggestedName");
function loadInputs(read) {
  const items = read("secrets" /* Secrets */).split(/[\s,]+/).filter((item) => item !== "");
  if (items.length === 0) {
    throw new UserError(`${"secrets" /* Secrets */}: required (${ACCEPTED_NAMES})`);
  }
  const invalid = [...new Set(items.filter((item) => !NAME.test(item)))];
  const [first, ...others] = invalid;
  if (first !== void 0) {
    const more = others.length > 0 ? ` (also not valid: ${others.map((name) => `'${name}'`).join(", ")})` : "";
    throw invalidInput("secrets" /* Secrets */, first, `${ACCEPTED_NAMES}${more}`);
  }
  const reserved = [...new Set(items.filter((item) => RESERVED.test(item)))];
  if (reserved[0] !== void 0) throw new UserError(reservedMessage(reserved));
  const names = [...new Set(items)];
  const duplicates = names.filter((name) => items.indexOf(name) !== items.lastIndexOf(name));
  return {
    names,
    duplicates,
    require: enumInput(read, "require" /* Require */, REQUIRE_VALUES),
    onMissing: enumInput(read, "on-missing" /* OnMissing */, ON_MISSING_VALUES)
  };
}
__name(loadInputs, "loadInputs");

// actions/secret-guard/src/masks.ts
var MIN_MASKED_LINE = 4;
var HAS_CONTENT = /[^\p{P}\p{S}\p{Z}\s]/u;
function masksFor(value) {
  const masks = /* @__PURE__ */ new Set();
  const whole = /* @__PURE__ */ __name((text) => {
    if (text.trim() !== "") masks.add(text);
  }, "whole");
  const line = /* @__PURE__ */ __name((text) => {
    const trimmed = text.trim();
    if (trimmed.length >= MIN_MASKED_LINE && HAS_CONTENT.test(trimmed)) masks.add(text);
  }, "line");
  whole(value);
  whole(value.trim());
  for (const text of value.split(/\r\n|\r|\n/)) {
    line(text);
    line(text.trim());
  }
  return [...masks];
}
__name(masksFor, "masksFor");

// actions/secret-guard/src/run.ts
var defaultDeps = /* @__PURE__ */ __name(() => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  mask: /* @__PURE__ */ __name((value) => setSecret(value), "mask"),
  setOutput: /* @__PURE__ */ __name((name, value) => setOutput(name, value), "setOutput"),
  loadEvent: /* @__PURE__ */ __name((env) => loadEvent(env), "loadEvent")
}), "defaultDeps");
async function run(overrides = {}) {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const presence = {};
  for (const name of inputs.names) {
    const value = deps.env[name];
    presence[name] = presenceOf(value);
    if (value !== void 0) for (const mask of masksFor(value)) deps.mask(mask);
  }
  const event = deps.loadEvent(deps.env);
  if (event.problem) deps.log.debug(`event payload not read: ${event.problem}`);
  const forkCheck = detectForkPullRequest(event.name, event.payload);
  const decision = decide({ names: inputs.names, presence, require: inputs.require, fork: forkCheck.fork });
  await deps.log.group("Secrets", async () => {
    for (const name of inputs.duplicates) deps.log.info(`${name} is listed more than once; checked once`);
    for (const name of inputs.names)
      deps.log.info(`${name}: ${describePresence(name, presence[name], forkCheck.fork)}`);
  });
  deps.log.info(
    `Event: ${forkCheck.why}${forkCheck.fork ? " (fork: no secrets are given to this run)" : ""}`
  );
  deps.log.info(`Mode: ${decision.mode} (require: ${inputs.require}, reason: ${decision.reason})`);
  deps.setOutput("mode" /* Mode */, decision.mode);
  deps.setOutput("available" /* Available */, String(decision.available));
  deps.setOutput("present" /* Present */, decision.present.join(","));
  deps.setOutput("missing" /* Missing */, decision.missing.join(","));
  deps.setOutput("fork" /* Fork */, String(forkCheck.fork));
  deps.setOutput("reason" /* Reason */, decision.reason);
  await writeSummaryTable(
    "secret-guard",
    ["secret", "present"],
    inputs.names.map((name) => [name, presence[name] === "present" ? "yes" : "no"]),
    [summaryLine(inputs, decision, forkCheck)]
  );
  if (!decision.available && inputs.onMissing === "fail") {
    throw new UserError(failureMessage(decision, presence, forkCheck.fork));
  }
}
__name(run, "run");
function describePresence(name, presence, fork) {
  switch (presence) {
    case "present":
      return "present";
    case "unset":
      return `missing: not in this step's environment (pass it in the step's env: as ${name}: \${{ secrets.${name} }})`;
    case "blank":
      return "missing: whitespace only";
    default:
      return fork ? "missing: empty (secrets are not given to pull requests from forks)" : "missing: empty (not configured in the repository/organization settings, or empty)";
  }
}
__name(describePresence, "describePresence");
function summaryLine(inputs, decision, forkCheck) {
  const path = decision.mode === "online" ? "the online path" : "the offline path";
  const why = {
    "all-present": "every secret is present",
    "fork-pull-request": "this run is a pull request from a fork, and forks are given no secrets",
    "missing-secrets": "some secrets are not configured, not passed through env:, or empty"
  };
  return `Mode **${decision.mode}** (require: ${inputs.require}, reason: \`${decision.reason}\`): the job takes ${path} because ${why[decision.reason]}` + (decision.mode === "online" && decision.missing.length > 0 ? " (at least one is present)" : "") + `. Event: ${forkCheck.why}.`;
}
__name(summaryLine, "summaryLine");
function failureMessage(decision, presence, fork) {
  const names = decision.missing.join(", ");
  if (fork) {
    return `Missing secrets: ${names}. This run is a pull request from a fork, and secrets are not given to pull requests from forks; use on-missing: offline to take the offline path on such runs.`;
  }
  const unset = decision.missing.filter((name) => presence[name] === "unset");
  const passHint = unset.length > 0 ? ` Not in this step's environment: ${unset.join(", ")}; pass each in the step's env:, e.g. ${unset[0]}: \${{ secrets.${unset[0]} }}.` : "";
  return `Missing secrets (unset, empty or whitespace only): ${names}. Each must be configured in the repository/organization settings (an unconfigured secret reads as empty) and passed to this step through env:.${passHint}`;
}
__name(failureMessage, "failureMessage");

// actions/secret-guard/src/main.ts
await runEntry(() => run(), "secret-guard");
