import * as core from '@actions/core';
import {
  coreInputReader,
  coreLogger,
  detectForkPullRequest,
  loadEvent,
  UserError,
  writeSummaryTable,
  type ForkCheck,
  type InputReader,
  type Logger,
  type RunnerEvent,
} from '@ci-kit/runner';
import { decide, presenceOf, type Decision, type Presence } from './decide';
import { loadInputs, type SecretGuardInputs } from './inputs';
import { masksFor } from './masks';
import { Outputs } from './names';

export interface Deps {
  read: InputReader;
  log: Logger;
  /** Where the secret values are read from: the step's env. */
  env: NodeJS.ProcessEnv;
  /** Registers a string with the runner's log masker (`::add-mask::`). */
  mask: (value: string) => void;
  setOutput: (name: string, value: string) => void;
  loadEvent: (env: NodeJS.ProcessEnv) => RunnerEvent;
}

const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  mask: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  loadEvent: (env) => loadEvent(env),
});

/**
 * The values are touched in exactly one place, the loop below, which masks them before any other
 * line is printed; from there on only names and presence travel. Nothing writes a value to an
 * output, the step summary, the state file or the log.
 */
export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);

  const presence: Record<string, Presence> = {};
  for (const name of inputs.names) {
    const value = deps.env[name];
    presence[name] = presenceOf(value);
    if (value !== undefined) for (const mask of masksFor(value)) deps.mask(mask);
  }

  const event = deps.loadEvent(deps.env);
  if (event.problem) deps.log.debug(`event payload not read: ${event.problem}`);
  const forkCheck = detectForkPullRequest(event.name, event.payload);
  const decision = decide({ names: inputs.names, presence, require: inputs.require, fork: forkCheck.fork });

  await deps.log.group('Secrets', async () => {
    for (const name of inputs.duplicates) deps.log.info(`${name} is listed more than once; checked once`);
    for (const name of inputs.names)
      deps.log.info(`${name}: ${describePresence(name, presence[name], forkCheck.fork)}`);
  });
  deps.log.info(
    `Event: ${forkCheck.why}${forkCheck.fork ? ' (fork: no secrets are given to this run)' : ''}`,
  );
  deps.log.info(`Mode: ${decision.mode} (require: ${inputs.require}, reason: ${decision.reason})`);

  deps.setOutput(Outputs.Mode, decision.mode);
  deps.setOutput(Outputs.Available, String(decision.available));
  deps.setOutput(Outputs.Present, decision.present.join(','));
  deps.setOutput(Outputs.Missing, decision.missing.join(','));
  deps.setOutput(Outputs.Fork, String(forkCheck.fork));
  deps.setOutput(Outputs.Reason, decision.reason);

  await writeSummaryTable(
    'secret-guard',
    ['secret', 'present'],
    inputs.names.map((name) => [name, presence[name] === 'present' ? 'yes' : 'no']),
    [summaryLine(inputs, decision, forkCheck)],
  );

  if (!decision.available && inputs.onMissing === 'fail') {
    throw new UserError(failureMessage(decision, presence, forkCheck.fork));
  }
}

function describePresence(name: string, presence: Presence | undefined, fork: boolean): string {
  switch (presence) {
    case 'present':
      return 'present';
    case 'unset':
      return `missing: not in this step's environment (pass it in the step's env: as ${name}: \${{ secrets.${name} }})`;
    case 'blank':
      return 'missing: whitespace only';
    default:
      return fork
        ? 'missing: empty (secrets are not given to pull requests from forks)'
        : 'missing: empty (not configured in the repository/organization settings, or empty)';
  }
}

function summaryLine(inputs: SecretGuardInputs, decision: Decision, forkCheck: ForkCheck): string {
  const path = decision.mode === 'online' ? 'the online path' : 'the offline path';
  const why: Record<Decision['reason'], string> = {
    'all-present': 'every secret is present',
    'fork-pull-request': 'this run is a pull request from a fork, and forks are given no secrets',
    'missing-secrets': 'some secrets are not configured, not passed through env:, or empty',
  };
  return (
    `Mode **${decision.mode}** (require: ${inputs.require}, reason: \`${decision.reason}\`): ` +
    `the job takes ${path} because ${why[decision.reason]}` +
    (decision.mode === 'online' && decision.missing.length > 0 ? ' (at least one is present)' : '') +
    `. Event: ${forkCheck.why}.`
  );
}

function failureMessage(decision: Decision, presence: Record<string, Presence>, fork: boolean): string {
  const names = decision.missing.join(', ');
  if (fork) {
    return (
      `Missing secrets: ${names}. This run is a pull request from a fork, and secrets are not given to ` +
      'pull requests from forks; use on-missing: offline to take the offline path on such runs.'
    );
  }
  const unset = decision.missing.filter((name) => presence[name] === 'unset');
  const passHint =
    unset.length > 0
      ? ` Not in this step's environment: ${unset.join(', ')}; pass each in the step's env:, e.g. ${unset[0]}: \${{ secrets.${unset[0]} }}.`
      : '';
  return (
    `Missing secrets (unset, empty or whitespace only): ${names}. Each must be configured in the repository/organization settings (an ` +
    `unconfigured secret reads as empty) and passed to this step through env:.${passHint}`
  );
}
