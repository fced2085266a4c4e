// A real save + restore round trip through @actions/cache and the real v1 cache server,
// configured the way a Forgejo job sees it (v1 API under ACTIONS_CACHE_URL).
import * as cache from '@actions/cache';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCacheServer, type CacheServer } from '../harness/cache-server';

const ENV_KEYS = [
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
] as const;

// The Forgejo stack (the cache server behind the runner's signing proxy) and act's unsigned server.
const URL_FORMS = {
  forgejo: /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{8}\/$/, // <proxy>/<run id>/
  act: /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/, // <server>/<token>/
} as const;

describe.each(['forgejo', 'act'] as const)('the %s cache server with @actions/cache', (flavor) => {
  let server: CacheServer;
  let work: string;
  const savedEnv = new Map<string, string | undefined>();

  beforeAll(async () => {
    server = await startCacheServer({ flavor });
    work = await mkdtemp(join(tmpdir(), 'ci-kit-cache-test-'));
    for (const key of ENV_KEYS) savedEnv.set(key, process.env[key]);
    process.env.ACTIONS_CACHE_URL = server.url;
    // The v1 client only sends it as a bearer token (v1 does not require it; v2 throws
    // without it) and this server ignores it; a runner always sets one, so do the same.
    process.env.ACTIONS_RUNTIME_TOKEN = 'test-token';
    delete process.env.ACTIONS_CACHE_SERVICE_V2; // would select the v2 (twirp) API
    delete process.env.ACTIONS_RESULTS_URL;
    delete process.env.ACTIONS_CACHE_MODE; // read/write-only modes would skip save or restore
    // A non-GitHub server URL is what forces v1 on Forgejo ("GHES" in @actions/cache terms).
    process.env.GITHUB_SERVER_URL = 'https://forge.example';
    // Tar entries are relative to GITHUB_WORKSPACE (else process.cwd()); archives go to RUNNER_TEMP.
    process.env.GITHUB_WORKSPACE = join(work, 'workspace');
    process.env.RUNNER_TEMP = join(work, 'runner-temp');
    await mkdir(process.env.RUNNER_TEMP, { recursive: true });
  });

  afterAll(async () => {
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('listens on loopback and prints the ACTIONS_CACHE_URL form', () => {
    expect(server.url).toMatch(URL_FORMS[flavor]);
  });

  it('saves a folder and restores it after it was deleted', async () => {
    const payload = join(work, 'workspace', 'payload');
    await mkdir(join(payload, 'sub'), { recursive: true });
    await writeFile(join(payload, 'sub', 'hello.txt'), 'hello from the cache\n');
    // The same path strings must be used for save and restore: they are part of the cache version.
    const paths = [payload];
    const key = `round-trip-${Date.now()}`;

    expect(await cache.restoreCache(paths, key)).toBeUndefined(); // cold: a miss, not an error
    const id = await cache.saveCache(paths, key);
    expect(id).toBeGreaterThan(0);

    await rm(payload, { recursive: true, force: true });
    // Restore through a prefix restore-key to exercise the server's prefix match too.
    expect(await cache.restoreCache(paths, `${key}-nope`, ['round-trip-'])).toBe(key);
    expect(await readFile(join(payload, 'sub', 'hello.txt'), 'utf8')).toBe('hello from the cache\n');
  });

  it('injected failures surface as @actions/cache errors or misses, not hangs', async () => {
    await server.setFailStatus(500);
    try {
      const paths = [join(work, 'workspace', 'payload')];
      // restoreCache turns service errors into a warning and returns undefined.
      expect(await cache.restoreCache(paths, 'round-trip-')).toBeUndefined();
    } finally {
      await server.setFailStatus(0);
    }
  });
});
