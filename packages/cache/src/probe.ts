import { request } from 'node:http';
import { request as requestTls } from 'node:https';

/**
 * How long the cache service may take to answer one small lookup before a step stops asking it.
 * @actions/cache sets no socket timeout: a service that accepts connections and never answers holds
 * each cache call for minutes (the seed's runner host under load), and a job makes three.
 */
export const PROBE_TIMEOUT_MS = 20_000;

/**
 * One lookup of a key that cannot exist, on the v1 cache API (Forgejo's, act's, GitHub's legacy one):
 * any HTTP answer means the service is there; no answer within `timeoutMs`, a refused or reset
 * connection is the problem returned. undefined: it answered (or there is no v1 URL to probe).
 */
export function probeCacheService(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<string | undefined> {
  const base = env.ACTIONS_CACHE_SERVICE_V2 ? '' : env.ACTIONS_CACHE_URL || '';
  if (!base) return Promise.resolve(undefined);
  const url = new URL(`_apis/artifactcache/cache?keys=ci-kit-probe&version=probe`, base);
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? requestTls : request;
    const req = send(
      url,
      {
        method: 'GET',
        headers: {
          Accept: 'application/json;api-version=6.0-preview.1',
          ...(env.ACTIONS_RUNTIME_TOKEN ? { Authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(undefined);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve(`the cache service at ${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(`the cache service at ${url.host} cannot be reached (${error.code ?? error.message})`);
    });
    req.end();
  });
}
