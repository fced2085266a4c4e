// Reads back what an action told the runner: the file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE,
// GITHUB_PATH) and the `::command::` lines on stdout. Parsing is as lenient as the runner's is strict only
// where it matters: a malformed file line is reported, not thrown, so a test of a killed step can still
// read the half-written files.

export interface KeyValueFile {
  values: Record<string, string>;
  /** Lines the runner would reject (it fails the step on them); tests usually assert this is empty. */
  problems: string[];
}

/**
 * Both formats a runner accepts: `name=value` (one line) and the heredoc `name<<DELIM`, value lines,
 * `DELIM` that @actions/core v3 always writes (with a random `ghadelimiter_<uuid>`). Later lines win.
 */
export function parseKeyValueFile(text: string): KeyValueFile {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  // A trailing newline leaves one empty element; it is not a line of its own.
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    // `a=b<<c` is a one-line value: a name never holds `=`, so only an `=`-free prefix opens a heredoc.
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) {
        problems.push(`unterminated heredoc for '${name}' (delimiter ${delimiter})`);
        break;
      }
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      problems.push(`invalid line ${i + 1}: ${JSON.stringify(line)}`);
    }
  }
  return { values, problems };
}

/** GITHUB_PATH: one directory a line, in the order the action added them. */
export function parsePathFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** `::name k=v,k=v::message`, the escaping undone the way @actions/core's command.ts applied it. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const match = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals).trim()] = unescapeProperty(pair.slice(equals + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return commands;
}

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value.replace(/%3A/gi, ':').replace(/%2C/gi, ','));
}

export interface CommandSummary {
  errors: string[];
  warnings: string[];
  notices: string[];
  debug: string[];
  /** Values the action asked the runner to mask (`core.setSecret`). */
  masks: string[];
  /** Titles of `::group::` blocks, in order. */
  groups: string[];
  commands: WorkflowCommand[];
}

export function summarizeCommands(stdout: string): CommandSummary {
  const commands = parseWorkflowCommands(stdout);
  const messages = (name: string): string[] =>
    commands.filter((c) => c.command === name).map((c) => c.message);
  return {
    errors: messages('error'),
    warnings: messages('warning'),
    notices: messages('notice'),
    debug: messages('debug'),
    masks: messages('add-mask'),
    groups: messages('group'),
    commands,
  };
}
