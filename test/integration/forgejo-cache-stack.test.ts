// Forgejo's cache stack as a job meets it, the real code: forgejo-runner's cache server refuses what
// the runner's per-job proxy did not sign, and a pull request's run writes under its write-isolation
// key (refs/pull/N/head), which its base branch never reads, while it reads the base branch's entries.
// Spoken to over the v1 API directly, as @actions/cache does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCacheStack, type CacheStack } from '../harness/forgejo-cache';

const VERSION = 'a'.repeat(64);

async function save(cacheUrl: string, key: string, body: string): Promise<void> {
  const api = `${cacheUrl}_apis/artifactcache`;
  const json = { 'Content-Type': 'application/json' };
  const reserve = await fetch(`${api}/caches`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ key, version: VERSION }),
  });
  expect(reserve.status).toBe(200);
  const { cacheId } = (await reserve.json()) as { cacheId: number };
  const upload = await fetch(`${api}/caches/${cacheId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes 0-${body.length - 1}/*` },
    body,
  });
  expect(upload.status).toBe(200);
  const commit = await fetch(`${api}/caches/${cacheId}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ size: body.length }),
  });
  expect(commit.status).toBe(200);
}

/** The entry a lookup finds (key and content), or undefined on a miss. */
async function lookup(cacheUrl: string, keys: string[]): Promise<{ key: string; body: string } | undefined> {
  const query = new URLSearchParams({ keys: keys.join(','), version: VERSION });
  const res = await fetch(`${cacheUrl}_apis/artifactcache/cache?${query}`);
  if (res.status === 204) return undefined;
  expect(res.status).toBe(200);
  const hit = (await res.json()) as { archiveLocation: string; cacheKey: string };
  const archive = await fetch(hit.archiveLocation);
  expect(archive.status).toBe(200);
  return { key: hit.cacheKey, body: await archive.text() };
}

let stack: CacheStack;
beforeAll(async () => {
  stack = await startCacheStack({ repo: 'ops/app' });
});
afterAll(async () => {
  await stack?.stop();
});

describe("Forgejo's signed cache stack", () => {
  it('refuses a request the proxy did not sign', async () => {
    const res = await fetch(`${stack.server}/_apis/artifactcache/cache?keys=k&version=${VERSION}`);
    expect(res.status).toBe(403);
  });

  it('round-trips through the proxy, and keys come back lowercased', async () => {
    await save(stack.url, 'Round-Trip-MyApp', 'payload-1');
    expect(await lookup(stack.url, ['Round-Trip-MyApp'])).toEqual({
      key: 'round-trip-myapp',
      body: 'payload-1',
    });
  });

  it('keeps a pull request run’s writes to that pull request; it still reads its base branch', async () => {
    await save(stack.url, 'base-entry', 'from main');
    const pr = await stack.newRun({ repo: 'ops/app', runNumber: '7', isolationKey: 'refs/pull/3/head' });
    await save(pr, 'pr-entry', 'from the pull request');

    // The pull request sees its own entry and the base branch's.
    expect(await lookup(pr, ['pr-entry'])).toEqual({ key: 'pr-entry', body: 'from the pull request' });
    expect(await lookup(pr, ['base-entry'])).toEqual({ key: 'base-entry', body: 'from main' });
    // The base branch (no isolation key) and another pull request never see it.
    expect(await lookup(stack.url, ['pr-entry'])).toBeUndefined();
    const other = await stack.newRun({ repo: 'ops/app', runNumber: '8', isolationKey: 'refs/pull/4/head' });
    expect(await lookup(other, ['pr-entry'])).toBeUndefined();
  });

  it('keeps repositories apart', async () => {
    await save(stack.url, 'repo-entry', 'ops/app');
    const elsewhere = await stack.newRun({ repo: 'ops/other' });
    expect(await lookup(elsewhere, ['repo-entry'])).toBeUndefined();
  });
});
