// The download attempts every downloading action defaults to: action.yml files cannot import
// DOWNLOAD_ATTEMPTS (packages/retry/src/defaults.ts, which says why it is 6), so this holds them to it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { DOWNLOAD_ATTEMPTS } from '@ci-kit/retry';

const root = path.resolve(import.meta.dirname, '../..');
const defaultOf = (action: string, input: string): unknown =>
  (
    parse(readFileSync(path.join(root, 'actions', action, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: unknown }>;
    }
  ).inputs[input]?.default;

describe('download attempts', () => {
  it('are enough at the nightly fault rate to lose under 0.05 % of three-tool jobs', () => {
    // 3 of the bench's 4 fault kinds fail a request: a hard failure rate of 0.75 p at p = 0.3.
    const lostPerFile = (0.75 * 0.3) ** DOWNLOAD_ATTEMPTS;
    expect(1 - (1 - lostPerFile) ** 3).toBeLessThan(0.0005);
  });
  it.each(['cached-tool', 'helm-deps'])("are %s's retries default", (action) => {
    expect(defaultOf(action, 'retries')).toBe(String(DOWNLOAD_ATTEMPTS));
  });
  it("are what setup-prewarmed-runner's installs use", () => {
    const code = readFileSync(path.join(root, 'actions/setup-prewarmed-runner/src/install.ts'), 'utf8');
    // The release downloads (installTool); nox's install is a uv command, retried like prepare-python's.
    expect(/installTool\(\{[^}]*\}\)/.exec(code)?.[0]).toMatch(/attempts: DOWNLOAD_ATTEMPTS,/);
  });
});
