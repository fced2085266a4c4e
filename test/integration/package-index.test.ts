// The loopback package index (test/harness/package-index.ts) against real uv, on the realistic fixture
// (test/fixtures/real-app): what prepare-python's tests and the bench stand on. A cold `uv sync --frozen`
// downloads every wheel from it and the fixture's tests pass; a warm cache needs no request at all; an
// index that is down or a cache that is empty and offline fails; uv's own retries survive a 503.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LOCK_PLACEHOLDER_ORIGIN,
  materializeRealApp,
  realAppLockPath,
  realAppEnv,
  realAppUnavailable,
  startPackageIndex,
  type MaterializedApp,
  type PackageIndex,
} from '../harness/package-index';
import { toolsBin } from '../harness/tools-bin';
import { networkProfile } from '../harness/network-profile';

const reason = realAppUnavailable();
if (reason) console.warn(`package index tests skipped: ${reason}`);
const describeIfWheels = reason ? describe.skip : describe;

let index: PackageIndex;
const cleanups: Array<() => void> = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function app(lock: 'current' | 'old' = 'current'): MaterializedApp {
  const made = materializeRealApp({ lock, indexUrl: index.url });
  cleanups.push(made.cleanup);
  return made;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** Asynchronous on purpose: the index answers from this process. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
const uv = (args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> =>
  run(toolsBin('uv'), args, cwd, env);
const envFor = (cacheDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...realAppEnv({ cacheDir, indexUrl: index.url }),
  ...extra,
});
/** "Installed 39 packages in 80ms" -> 39. */
function installed(stderr: string): number {
  return Number(/Installed (\d+) packages?/.exec(stderr)?.[1] ?? 0);
}

beforeAll(async () => {
  if (!reason) index = await startPackageIndex();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await index?.up();
  index?.reset();
});
afterAll(async () => {
  await index?.stop();
});

describeIfWheels('the package index', () => {
  it('answers the simple API in PEP 503 HTML and PEP 691 JSON, as the Accept header asks', async () => {
    const project = index.files.find((file) => file.project === 'pydantic-core' && file.requiresPython);
    expect(project).toBeDefined();
    const file = project!;

    const json = await fetch(`${index.simpleUrl}/pydantic-core/`, {
      // What uv sends.
      headers: {
        Accept:
          'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01',
      },
    });
    expect(json.headers.get('content-type')).toBe('application/vnd.pypi.simple.v1+json');
    const page = (await json.json()) as {
      meta: { 'api-version': string };
      name: string;
      versions: string[];
      files: Array<{
        filename: string;
        url: string;
        hashes: { sha256: string };
        'requires-python'?: string;
        'core-metadata'?: { sha256: string };
        size: number;
      }>;
    };
    expect(page.meta['api-version']).toMatch(/^1\./);
    expect(page.name).toBe('pydantic-core');
    const entry = page.files.find((f) => f.filename === file.filename);
    expect(entry).toMatchObject({
      hashes: { sha256: file.sha256 },
      'requires-python': file.requiresPython,
      size: file.size,
    });
    expect(page.versions).toContain(file.version);

    // The file and its PEP 658 metadata are what the page says they are.
    const wheel = Buffer.from(await (await fetch(entry!.url)).arrayBuffer());
    expect(createHash('sha256').update(wheel).digest('hex')).toBe(file.sha256);
    const metadata = Buffer.from(await (await fetch(`${entry!.url}.metadata`)).arrayBuffer());
    expect(createHash('sha256').update(metadata).digest('hex')).toBe(entry!['core-metadata']?.sha256);
    expect(metadata.toString()).toMatch(/^Name: pydantic_core$/im);

    const html = await fetch(`${index.simpleUrl}/pydantic-core/`, { headers: { Accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/^application\/vnd\.pypi\.simple\.v1\+html/);
    const text = await html.text();
    const escaped = file.requiresPython!.replace(/>/g, '&gt;').replace(/</g, '&lt;');
    expect(text).toContain(
      `/files/${file.filename}#sha256=${file.sha256}" data-requires-python="${escaped}"`,
    );
    expect(text).toContain(`data-core-metadata="sha256=${file.metadataSha256}"`);

    // The project list, both ways; PEP 503 redirects to the normalized name; unknown names are 404s.
    const rootJson = (await (
      await fetch(`${index.simpleUrl}/`, { headers: { Accept: 'application/vnd.pypi.simple.v1+json' } })
    ).json()) as { projects: Array<{ name: string }> };
    expect(rootJson.projects.map((p) => p.name)).toEqual(
      expect.arrayContaining(['pydantic', 'pydantic-core', 'sqlalchemy']),
    );
    expect(await (await fetch(`${index.simpleUrl}/`)).text()).toContain(
      '<a href="/simple/sqlalchemy/">sqlalchemy</a>',
    );
    const redirect = await fetch(`${index.simpleUrl}/Pydantic_Core/`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`${index.simpleUrl}/pydantic-core/`);
    expect((await fetch(`${index.simpleUrl}/no-such-project/`)).status).toBe(404);
    expect(index.pageRequests.map((r) => r.format)).toEqual(expect.arrayContaining(['json', 'html']));
  });

  it('is a valid index for uv in both formats: uv lock against it gives the committed lock back', async () => {
    const html = await startPackageIndex({ format: 'html' });
    try {
      for (const server of [index, html]) {
        const made = materializeRealApp({ indexUrl: server.url });
        cleanups.push(made.cleanup);
        unlinkSync(path.join(made.dir, 'uv.lock'));
        const env = { ...realAppEnv({ cacheDir: tempDir('ci-kit-uv-cache-'), indexUrl: server.url }) };
        const locked = await uv(['lock'], made.dir, env);
        expect(locked.stderr).toMatch(/Resolved 45 packages/);
        expect(locked.code).toBe(0);
        const lock = readFileSync(path.join(made.dir, 'uv.lock'), 'utf8')
          .split(server.url)
          .join(LOCK_PLACEHOLDER_ORIGIN);
        const committed = readFileSync(realAppLockPath('current'), 'utf8');
        // PEP 503 HTML has no file sizes, so a lock made from it has none.
        const withoutSizes = (text: string): string => text.replace(/, size = \d+/g, '');
        if (server === index) expect(lock).toBe(committed);
        else expect(withoutSizes(lock)).toBe(withoutSizes(committed));
        expect(new Set(server.pageRequests.map((r) => r.format))).toEqual(
          new Set([server === index ? 'json' : 'html']),
        );
      }
    } finally {
      await html.stop();
    }
  });

  it('is down as asked: refused connections, resets or 503s until up()', async () => {
    const url = `${index.simpleUrl}/click/`;
    await index.down();
    await expect(fetch(url)).rejects.toThrow();
    expect(index.requests).toHaveLength(0);
    await index.up();
    expect((await fetch(url)).status).toBe(200);
    await index.down('reset');
    await expect(fetch(url)).rejects.toThrow();
    await index.up();
    await index.down(503);
    expect((await fetch(url)).status).toBe(503);
    await index.up();
    expect(index.requests.map((r) => r.status)).toEqual([200, 0, 503]);
  });

  it('goes through a network profile when asked: the first byte after its latency, bodies sharing its width', async () => {
    // The two largest wheels at once through 64 Mbit/s (8 MB/s): about a second, whichever finishes last.
    const big = [...index.files].sort((a, b) => b.size - a.size).slice(0, 2);
    const bytes = big.reduce((sum, file) => sum + file.size, 0);
    const profile = networkProfile(64, 100);
    expect(profile.label).toBe('64 Mbit/s, 100 ms');
    index.setNetwork(profile);
    try {
      const page = performance.now();
      expect((await fetch(`${index.simpleUrl}/click/`)).status).toBe(200);
      expect(performance.now() - page).toBeGreaterThanOrEqual(95);
      const started = performance.now();
      const bodies = await Promise.all(
        big.map(async (file) =>
          Buffer.from(await (await fetch(`${index.url}/files/${file.filename}`)).arrayBuffer()),
        ),
      );
      const took = performance.now() - started;
      bodies.forEach((body, i) =>
        expect(createHash('sha256').update(body).digest('hex')).toBe(big[i]!.sha256),
      );
      // The line's time for both bodies, plus one latency (the two requests wait for it side by side).
      expect(took).toBeGreaterThanOrEqual((bytes * 8) / 64_000 + 100 - 20);
    } finally {
      index.setNetwork(undefined);
    }
    const fast = performance.now();
    await fetch(`${index.url}/files/${big[0]!.filename}`).then((r) => r.arrayBuffer());
    expect(performance.now() - fast).toBeLessThan((big[0]!.size * 8) / 64_000);
  });

  it('cold: uv sync --frozen installs every wheel from it and the tests pass; warm: a new project fetches nothing, also with the index down', async () => {
    const cache = tempDir('ci-kit-uv-cache-');
    const cold = app();
    const synced = await uv(['sync', '--frozen'], cold.dir, envFor(cache));
    expect(synced.stderr).toMatch(/Installed \d+ packages/);
    expect(synced.code).toBe(0);
    const count = installed(synced.stderr);
    expect(count).toBeGreaterThanOrEqual(35); // the default groups: the app and its dev group
    // One download per installed package, each a 200, no page needed: the lock names every file.
    expect(index.fileRequests).toHaveLength(count);
    expect(new Set(index.fileRequests.map((r) => r.path)).size).toBe(count);
    expect(index.fileRequests.every((r) => r.status === 200)).toBe(true);
    expect(index.pageRequests).toHaveLength(0);
    expect(index.fileBytes).toBeGreaterThan(10_000_000);

    const tests = await run(
      path.join(cold.dir, '.venv/bin/python'),
      ['-m', 'pytest', '-q'],
      cold.dir,
      envFor(cache),
    );
    expect(tests.stdout).toMatch(/5 passed/);
    expect(tests.code).toBe(0);

    index.reset();
    const warm = app();
    const again = await uv(['sync', '--frozen'], warm.dir, envFor(cache));
    expect(again.code).toBe(0);
    expect(installed(again.stderr)).toBe(count);
    expect(index.requests).toHaveLength(0);

    await index.down();
    const offline = app();
    const down = await uv(['sync', '--frozen'], offline.dir, envFor(cache));
    expect(down.code).toBe(0);
    expect(installed(down.stderr)).toBe(count);
  });

  it('fails with the index down and an empty cache, and offline with an empty cache', async () => {
    await index.down();
    const refused = await uv(
      ['sync', '--frozen'],
      app().dir,
      envFor(tempDir('ci-kit-uv-cache-'), { UV_HTTP_RETRIES: '0' }),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Failed to (fetch|download)/);
    expect(refused.stderr).toMatch(/Connection refused|error sending request|tcp connect/i);
    expect(index.requests).toHaveLength(0);

    await index.up();
    const offline = await uv(
      ['sync', '--frozen'],
      app().dir,
      envFor(tempDir('ci-kit-uv-cache-'), { UV_OFFLINE: '1' }),
    );
    expect(offline.code).not.toBe(0);
    expect(offline.stderr).toMatch(/Network connectivity is disabled/);
    expect(index.requests).toHaveLength(0);
  });

  it("survives a 503 and a reset mid-body on uv's own retries", async () => {
    const core = index.files.find(
      (f) => f.project === 'pydantic-core' && f.filename.includes('cp311') && f.version === '2.50.5',
    );
    const sqlalchemy = index.files.find((f) => f.project === 'sqlalchemy' && f.filename.includes('cp311'));
    expect(core && sqlalchemy).toBeDefined();
    index.script(`/files/${core!.filename}`, [{ status: 503 }]);
    index.script(`/files/${sqlalchemy!.filename}`, [{ kind: 'reset' }]);
    const made = app();
    const synced = await uv(['sync', '--frozen', '--no-dev'], made.dir, envFor(tempDir('ci-kit-uv-cache-')));
    expect(synced.stderr).toMatch(/Installed \d+ packages/);
    expect(synced.code).toBe(0);
    expect(index.requestsFor(`/files/${core!.filename}`).map((r) => r.status)).toEqual([503, 200]);
    const sqlaRequests = index.requestsFor(`/files/${sqlalchemy!.filename}`);
    expect(sqlaRequests[0]?.fault).toEqual({ kind: 'reset' });
    expect(sqlaRequests.at(-1)?.bytes).toBe(sqlalchemy!.size);
  });

  it('serves the older lock too: a lock bump changes only the bumped wheels', async () => {
    const cache = tempDir('ci-kit-uv-cache-');
    const old = app('old');
    expect((await uv(['sync', '--frozen', '--no-dev'], old.dir, envFor(cache))).code).toBe(0);
    const oldFiles = new Set(index.fileRequests.map((r) => r.path));
    index.reset();
    const bumped = app('current');
    const synced = await uv(['sync', '--frozen', '--no-dev'], bumped.dir, envFor(cache));
    expect(synced.code).toBe(0);
    const fetched = index.fileRequests.map((r) => path.basename(r.path).split('-')[0]);
    // The bump in wheels-old.txt that the runtime group sees (pytest is dev-only).
    expect(fetched.sort()).toEqual([
      'anyio',
      'certifi',
      'click',
      'greenlet',
      'idna',
      'orjson',
      'pydantic',
      'pydantic_core',
      'rich',
    ]);
    expect(oldFiles.size).toBeGreaterThan(fetched.length);
  });
});
