// The pure parts of the real-server harness (test/harness/forgejo-server/runs.ts): which commit a run
// is for, and the server's job durations.
import { describe, expect, it } from '@jest/globals';
import type { ActionRunInfo } from '../harness/forgejo-server/api';
import { goDurationMs, headShaOf } from '../harness/forgejo-server/runs';

function run(fields: Partial<ActionRunInfo>): ActionRunInfo {
  return {
    id: 1,
    title: '',
    workflow_id: 'ci.yml',
    index_in_repo: 1,
    commit_sha: 'c'.repeat(40),
    prettyref: 'main',
    event: 'push',
    trigger_event: 'push',
    event_payload: '',
    status: 'success',
    is_fork_pull_request: false,
    need_approval: false,
    approved_by: 0,
    ...fields,
  };
}

describe('headShaOf', () => {
  it("is the run's commit for a push, plus the payload's after", () => {
    expect(headShaOf(run({ event_payload: JSON.stringify({ after: 'a'.repeat(40) }) }))).toEqual([
      'c'.repeat(40),
      'a'.repeat(40),
    ]);
  });

  it("adds a pull request's head (pull_request_target runs on the base's commit)", () => {
    const payload = JSON.stringify({ pull_request: { head: { sha: 'h'.repeat(40) } } });
    expect(headShaOf(run({ event: 'pull_request_target', event_payload: payload }))).toContain(
      'h'.repeat(40),
    );
  });

  it('keeps the commit alone when the payload is not JSON', () => {
    expect(headShaOf(run({ event_payload: '{not json' }))).toEqual(['c'.repeat(40)]);
  });
});

describe('goDurationMs', () => {
  it.each([
    ['0s', 0],
    ['3s', 3000],
    ['1.5s', 1500],
    ['350ms', 350],
    ['1m2s', 62_000],
    ['1h0m1s', 3_601_000],
  ])('%s is %d ms', (text, ms) => {
    expect(goDurationMs(text)).toBeCloseTo(ms);
  });

  it('is NaN for anything else', () => {
    expect(goDurationMs('')).toBeNaN();
    expect(goDurationMs('3 s')).toBeNaN();
    expect(goDurationMs('soon')).toBeNaN();
  });
});
