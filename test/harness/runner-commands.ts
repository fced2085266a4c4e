// What the Forgejo runner would act on in a step's stdout, read the way act does it
// (pkg/runner/command.go, nektos/act v0.2.89, which the Forgejo runner forks): each line, unchanged (no
// trimming), against `^::name( k=v,...)?::arg$` or the Azure-style `^##[name k=v;...]arg$`, with
// `::stop-commands::TOKEN` turning every command off until `::TOKEN::`. set-output and save-state act at
// once; set-env and add-path only with ACTIONS_ALLOW_UNSECURE_COMMANDS, which a workflow may set.
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

/** Commands that change the job: outputs, env, PATH, state (core v3 uses the file commands for these). */
const STATE_CHANGING = new Set(['set-output', 'set-env', 'add-path', 'save-state']);

/**
 * Commands in stdout that would change the job (outputs, env, PATH, state) or register a mask the action
 * did not mean to: a hostile value that made it to the start of a line. Unknown command names are left
 * out: act only logs them.
 */
export function forgedCommands(stdout: string, opts: { allowMasks?: boolean } = {}): RunnerCommand[] {
  return runnerCommands(stdout).filter(
    (command) => STATE_CHANGING.has(command.command) || (!opts.allowMasks && command.command === 'add-mask'),
  );
}
