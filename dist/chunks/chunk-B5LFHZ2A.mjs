import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-PYQVS2IG.mjs";
import {
  __name,
  getInput
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/inputs.ts
var coreInputReader = /* @__PURE__ */ __name((name) => getInput(name), "coreInputReader");
function invalidInput(name, value, valid) {
  return new UserError(`The value '${value}' is not valid for '${name}'. Valid values are: ${valid}`);
}
__name(invalidInput, "invalidInput");
function sha256Input(read, name) {
  const value = read(name).trim();
  if (value === "" || /^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  throw invalidInput(name, value, "64 hex digits");
}
__name(sha256Input, "sha256Input");
function runnerVariable(env, name) {
  const value = env[name];
  if (!value)
    throw new Error(`${name} is not set: this action must run on a Forgejo or GitHub Actions runner`);
  return value;
}
__name(runnerVariable, "runnerVariable");
function booleanInput(read, name) {
  const value = read(name).trim();
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw invalidInput(name, value, "true, false");
}
__name(booleanInput, "booleanInput");
function enumInput(read, name, allowed) {
  const value = read(name).trim();
  if (allowed.includes(value)) return value;
  throw invalidInput(name, value, allowed.join(", "));
}
__name(enumInput, "enumInput");
function integerInput(read, name, min, max) {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw invalidInput(name, value, `a whole number from ${min} to ${max}`);
  }
  return parsed;
}
__name(integerInput, "integerInput");
function listInput(read, name) {
  return [
    ...new Set(
      read(name).split(/[\s,]+/).filter((item) => item !== "")
    )
  ];
}
__name(listInput, "listInput");

export {
  coreInputReader,
  invalidInput,
  sha256Input,
  runnerVariable,
  booleanInput,
  enumInput,
  integerInput,
  listInput
};
