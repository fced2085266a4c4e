// What the Forgejo runner would act on in a step's stdout, read the way act does it
// (pkg/runner/command.go, nektos/act v0.2.89, which the Forgejo runner forks): each line, unchanged (no
// trimming), against `^::name( k=v,...)?::arg$` or the Azure-style `^##[name k=v;...]arg$`, with
// `::stop-commands::TOKEN` turning every command off until `::TOKEN::`. set-output and save-state act at
// once; set-env and add-path only with ACTIONS_ALLOW_UNSECURE_COMMANDS, which a workflow may set.
//
// githubRunnerCommands reads the same stdout as GitHub's runner does (`##[` anywhere in a line, `::` after
// Unicode blanks); forgedCommands counts what either runner would act on.
//
// The test harness's own parser (workflow-commands.ts) reads what an action meant to say; this one reads
// what a runner would do, so a hostile value that starts a line with `::set-output` shows up here.

export interface RunnerCommand {
  command: string;
  properties: Record<string, string>;
  arg: string;
  line: string;
}

const GA = /^::([^ ]+)( (.+))?::([^\r\n]*)$/;
const ADO = /^##\[([^ ]+)( (.+))?]([^\r\n]*)$/;

/** Commands the runner would act on, in order (stop-commands blocks honoured). */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  let resume = '';
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const match = GA.exec(line) ?? ADO.exec(line);
    if (!match) continue;
    const [, command = '', , props = ''] = match;
    const separator = line.startsWith('##[') ? ';' : ',';
    if (resume !== '' && command !== resume) continue;
    if (resume !== '' && command === resume) {
      resume = '';
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(separator)) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
    }
    const arg = match[4] ?? '';
    if (command === 'stop-commands') {
      resume = arg;
      continue;
    }
    commands.push({ command, properties, arg, line });
  }
  return commands;
}

/**
 * What GitHub's runner trims before it looks for `::` (.NET's Char.IsWhiteSpace: ASCII blanks, NEL, the
 * Unicode space and line separators), plus the zero-width characters and BOM older .NET trimmed too.
 */
const DOTNET_BLANKS = /^[\s\u0085\u180e\u200b\ufeff]*/u;

/**
 * Commands GitHub's runner (actions/runner ActionCommand.cs) would act on: each line (split at CR and LF)
 * trimmed of Unicode blanks before `::name ...::`, and the older `##[name ...]` form found anywhere in
 * the line, not only at its start. `::stop-commands::TOKEN` turns both off until `::TOKEN::`.
 */
export function githubRunnerCommands(stdout: string): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  let resume = '';
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(DOTNET_BLANKS, '');
    let command = '';
    let props = '';
    let arg = '';
    let separator = ',';
    const v2 = /^::([^]*?)::([^]*)$/u.exec(trimmed);
    if (v2) {
      const info = v2[1] ?? '';
      const space = info.indexOf(' ');
      command = space < 0 ? info : info.slice(0, space);
      props = space < 0 ? '' : info.slice(space + 1);
      arg = v2[2] ?? '';
    } else {
      const start = line.indexOf('##[');
      const end = start < 0 ? -1 : line.indexOf(']', start);
      if (end < 0) continue;
      const info = line.slice(start + 3, end);
      const space = info.indexOf(' ');
      command = space < 0 ? info : info.slice(0, space);
      props = space < 0 ? '' : info.slice(space + 1);
      arg = line.slice(end + 1);
      separator = ';';
    }
    if (command === '') continue;
    if (resume !== '') {
      if (command === resume) resume = '';
      continue;
    }
    if (command === 'stop-commands') {
      resume = arg;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(separator)) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
    }
    commands.push({ command, properties, arg, line });
  }
  return commands;
}

/** Commands that change the job: outputs, env, PATH, state (core v3 uses the file commands for these). */
const STATE_CHANGING = new Set(['set-output', 'set-env', 'add-path', 'save-state']);

/**
 * Commands in stdout that would change the job (outputs, env, PATH, state) or register a mask the action
 * did not mean to: a hostile value that made it to the start of a line. Unknown command names are left
 * out: act only logs them.
 */
export function forgedCommands(stdout: string, opts: { allowMasks?: boolean } = {}): RunnerCommand[] {
  const forged = (command: RunnerCommand): boolean =>
    STATE_CHANGING.has(command.command) || (!opts.allowMasks && command.command === 'add-mask');
  // Either runner may run the job: what act reads, then what only GitHub's runner reads as well.
  const act = runnerCommands(stdout).filter(forged);
  const seen = new Set(act.map((command) => command.line));
  return [...act, ...githubRunnerCommands(stdout).filter((c) => forged(c) && !seen.has(c.line))];
}
