import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  __name,
  getInput
} from "./chunk-LQCNKXSJ.mjs";

// packages/runner/src/inputs.ts
var coreInputReader = /* @__PURE__ */ __name((name) => getInput(name), "coreInputReader");
function booleanInput(read, name) {
  const value = read(name).trim();
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UserError(`The value '${value}' is not valid for '${name}'. Valid values are: true, false`);
}
__name(booleanInput, "booleanInput");
function enumInput(read, name, allowed) {
  const value = read(name).trim();
  if (allowed.includes(value)) return value;
  throw new UserError(
    `The value '${value}' is not valid for '${name}'. Valid values are: ${allowed.join(", ")}`
  );
}
__name(enumInput, "enumInput");
function integerInput(read, name, min, max) {
  const value = read(name).trim();
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UserError(
      `The value '${value}' is not valid for '${name}'. Valid values are: a whole number from ${min} to ${max}`
    );
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
  booleanInput,
  enumInput,
  integerInput,
  listInput
};
