// cacheServiceAvailable is the toolkit's isFeatureAvailable without loading the toolkit (start-up):
// both are asked the same questions here, so a toolkit upgrade that changes the rule fails this test.
import { afterEach, describe, expect, it } from '@jest/globals';
import { isFeatureAvailable } from '@actions/cache';
import { cacheServiceAvailable } from '../src/service';

const KEYS = ['GITHUB_SERVER_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_SERVICE_V2'];
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const CASES: Record<string, string | undefined>[] = [];
for (const server of [
  undefined,
  'https://github.com',
  'https://forge.example',
  'https://acme.ghe.com',
  'http://x.localhost',
]) {
  for (const v1 of [undefined, 'http://127.0.0.1:1/']) {
    for (const results of [undefined, 'http://127.0.0.1:2/']) {
      for (const v2 of [undefined, 'true']) {
        CASES.push({
          GITHUB_SERVER_URL: server,
          ACTIONS_CACHE_URL: v1,
          ACTIONS_RESULTS_URL: results,
          ACTIONS_CACHE_SERVICE_V2: v2,
        });
      }
    }
  }
}

describe('cacheServiceAvailable', () => {
  it.each(CASES)('agrees with @actions/cache isFeatureAvailable: %j', (env) => {
    for (const key of KEYS) {
      if (env[key] === undefined) delete process.env[key];
      else process.env[key] = env[key];
    }
    expect(cacheServiceAvailable(process.env)).toBe(isFeatureAvailable());
  });

  it('on a Forgejo runner: the v1 URL decides', () => {
    const forgejo = { GITHUB_SERVER_URL: 'https://code.example', ACTIONS_CACHE_SERVICE_V2: 'true' };
    expect(cacheServiceAvailable({ ...forgejo, ACTIONS_CACHE_URL: 'http://127.0.0.1:3/' })).toBe(true);
    expect(cacheServiceAvailable({ ...forgejo, ACTIONS_RESULTS_URL: 'http://127.0.0.1:3/' })).toBe(false);
  });
});
