// One workflow-command guard, as the runners parse (issue 28, item 5): packages/runner's
// WORKFLOW_COMMAND (every node action's log lines) and status-check.mjs's copy (a script with no
// dependencies) must be the same pattern, and must catch every line GitHub's runner or act would act on.
import { describe, expect, it } from '@jest/globals';
import { mayHoldWorkflowCommand, WORKFLOW_COMMAND } from '../../packages/runner/src/logger';
import * as statusCheck from '../../actions/status-check/status-check.mjs';
import { githubRunnerCommands, runnerCommands } from '../harness/runner-commands';

const COMMANDS = [
  '::set-output name=x::y',
  'a\n::warning::b',
  'a\r::warning::b',
  'a\n  ::warning::b',
  'a\n\t##[warning]b',
  'evil##[warning]x',
  'x ##[set-output name=path]/tmp/forged',
  'x\n\u00a0::warning::y',
  'x\n\u1680::warning::y',
  ...Array.from({ length: 11 }, (_, i) => `x\n${String.fromCharCode(0x2000 + i)}::warning::y`),
  'x\n\u2028::warning::y',
  'x\n\u202f::warning::y',
  'x\n\u205f::warning::y',
  'x\n\u3000::warning::y',
  'x\n\u0085::warning::y',
  'x\n\ufeff::warning::y',
  'x\n\u200b::warning::y',
  'x\n\u000b\u000c::warning::y',
];

const TEXT = ['downloading http://x/a.tar.gz', 'a :: b', 'a ##b [c]', 'x\nab::warning::y', 'C:: ok', ''];

describe('the workflow-command guard', () => {
  it('is one pattern in packages/runner and status-check.mjs', () => {
    expect(statusCheck.WORKFLOW_COMMAND.source).toBe(WORKFLOW_COMMAND.source);
    expect(statusCheck.WORKFLOW_COMMAND.flags).toBe(WORKFLOW_COMMAND.flags);
  });

  it.each(COMMANDS)('catches what a runner would act on: %j', (text) => {
    // The row really is a command for one runner or the other (the harness reads as each does) ...
    expect(githubRunnerCommands(text).length + runnerCommands(text).length).toBeGreaterThan(0);
    // ... and both guards see it.
    expect(mayHoldWorkflowCommand(text)).toBe(true);
    expect(statusCheck.mayHoldWorkflowCommand(text)).toBe(true);
  });

  it.each(TEXT)('leaves plain text alone: %j', (text) => {
    expect(mayHoldWorkflowCommand(text)).toBe(false);
    expect(statusCheck.mayHoldWorkflowCommand(text)).toBe(false);
  });
});
