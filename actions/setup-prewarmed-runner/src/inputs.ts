import { booleanInput, listInput, type InputReader, invalidInput } from '@ci-kit/runner';
import { Inputs, TOOL_NAMES, type ToolName } from './names';

export interface SetupInputs {
  /** Requested tools, duplicates dropped, in the order given. */
  tools: ToolName[];
  installMissing: boolean;
  strict: boolean;
  /** The oldest Node major the job accepts (node-version-min): 20 to 99. */
  nodeVersionMin: number;
}

/** What the bundles run on; node-version-min may only ask for more. */
export const NODE_MAJOR_MIN = 20;

/** Every input validated before any work: one line naming the input, the value and what is accepted. */
export function loadInputs(read: InputReader): SetupInputs {
  const tools = listInput(read, Inputs.Tools);
  for (const tool of tools) {
    if (!(TOOL_NAMES as readonly string[]).includes(tool)) {
      throw invalidInput(Inputs.Tools, tool, `${TOOL_NAMES.join(', ')}`);
    }
  }
  if (tools.length === 0) {
    throw invalidInput(Inputs.Tools, '', `one or more of ${TOOL_NAMES.join(', ')}`);
  }
  return {
    tools: tools as ToolName[],
    installMissing: booleanInput(read, Inputs.InstallMissing),
    strict: booleanInput(read, Inputs.Strict),
    nodeVersionMin: nodeVersionMinInput(read),
  };
}

/** Two digits, no sign, no leading zero, 20 or more: bootstrap.sh's rule for the same input. */
function nodeVersionMinInput(read: InputReader): number {
  const value = read(Inputs.NodeVersionMin).trim();
  if (value === '') return NODE_MAJOR_MIN;
  if (!/^[2-9][0-9]$/.test(value) || Number(value) < NODE_MAJOR_MIN) {
    throw invalidInput(
      Inputs.NodeVersionMin,
      value,
      `a Node major version from ${NODE_MAJOR_MIN} to 99 (e.g. 20 or 24)`,
    );
  }
  return Number(value);
}
