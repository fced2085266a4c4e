import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DOWNLOAD_TIMEOUTS, downloadTimeouts } from '../src/timeouts';

describe('downloadTimeouts', () => {
  it('gives the defaults when nothing is set, and seconds (decimals too) from the env', () => {
    expect(downloadTimeouts({})).toEqual(DEFAULT_DOWNLOAD_TIMEOUTS);
    expect(
      downloadTimeouts({
        CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS: '0.5',
        CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: ' 90 ',
        CI_KIT_DOWNLOAD_DEADLINE_SECONDS: '',
      }),
    ).toEqual({
      idleTimeoutMs: 500,
      attemptTimeoutMs: 90_000,
      deadlineMs: DEFAULT_DOWNLOAD_TIMEOUTS.deadlineMs,
    });
  });

  it.each(['0', '-1', 'soon', '30s', '1e3', '21601'])('refuses %j, naming the variable', (value) => {
    expect(() => downloadTimeouts({ CI_KIT_DOWNLOAD_DEADLINE_SECONDS: value })).toThrow(
      `The value '${value}' is not valid for CI_KIT_DOWNLOAD_DEADLINE_SECONDS`,
    );
  });
});
