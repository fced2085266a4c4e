import { booleanInput, listInput, UserError, type InputReader, invalidInput } from '@ci-kit/runner';
import { Inputs, TOOL_NAMES, type ToolName } from './names';

export interface SetupInputs {
  /** Requested tools, duplicates dropped, in the order given. */
  tools: ToolName[];
  installMissing: boolean;
  strict: boolean;
}

/** Every input validated before any work: one line naming the input, the value and what is accepted. */
export function loadInputs(read: InputReader): SetupInputs {
  const tools = listInput(read, Inputs.Tools);
  for (const tool of tools) {
    if (!(TOOL_NAMES as readonly string[]).includes(tool)) {
      throw invalidInput(Inputs.Tools, tool, `${TOOL_NAMES.join(', ')}`);
    }
  }
  if (tools.length === 0) {
    throw new UserError(
      `The value '' is not valid for '${Inputs.Tools}'. Valid values are: one or more of ${TOOL_NAMES.join(', ')}`,
    );
  }
  return {
    tools: tools as ToolName[],
    installMissing: booleanInput(read, Inputs.InstallMissing),
    strict: booleanInput(read, Inputs.Strict),
  };
}
