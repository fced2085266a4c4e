// The fault-injecting mirror, checked from the client side with Node's own fetch: each fault must look to a
// downloader exactly like the failure it stands for, or retry tests built on it prove nothing.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMirror, type Mirror } from '../harness/mirror';

const ARCHIVE = Buffer.from(Array.from({ length: 256 * 1024 }, (_, i) => (i * 31) % 251));
const FILE = '/helm/helm-v3.16.4-linux-amd64.tar.gz';

let mirror: Mirror;

beforeEach(async () => {
  mirror = await startMirror();
  mirror.addFile(FILE, ARCHIVE);
});

afterEach(async () => {
  await mirror.stop();
});

const sha = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

async function get(
  urlPath: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(mirror.urlFor(urlPath), init);
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** Node's fetch wraps socket errors: the interesting part is the cause. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { cause?: { code?: string; message?: string } }) | undefined;
  if (!error) throw new Error('expected the request to fail');
  return `${error.name}: ${error.message} / ${error.cause?.code ?? ''} ${error.cause?.message ?? ''}`;
}

describe('serving', () => {
  it('serves files with length and type, answers HEAD and 404s the rest, recording every request', async () => {
    const ok = await get(FILE);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('content-length')).toBe(String(ARCHIVE.length));
    expect(ok.body.equals(ARCHIVE)).toBe(true);

    const head = await fetch(mirror.urlFor(FILE), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(ARCHIVE.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    expect((await get('/helm/nope.tar.gz')).status).toBe(404);
    expect(mirror.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', FILE, 200],
      ['HEAD', FILE, 200],
      ['GET', '/helm/nope.tar.gz', 404],
    ]);
    expect(mirror.requestsFor(FILE)).toHaveLength(2);
    expect(mirror.requests[0]?.at).toBeLessThanOrEqual(Date.now());
  });

  it('serves a folder under a prefix and decodes paths', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-mirror-test-'));
    try {
      await mkdir(path.join(dir, 'v0.7.0'));
      await writeFile(path.join(dir, 'v0.7.0', 'CHECKSUMS'), 'abc  kubeconform-linux-amd64.tar.gz\n');
      await writeFile(path.join(dir, 'a b.txt'), 'spaced');
      mirror.addDir(dir, '/kc');
      expect((await get('/kc/v0.7.0/CHECKSUMS')).body.toString()).toContain('kubeconform-linux-amd64');
      expect((await get('/kc/a%20b.txt')).body.toString()).toBe('spaced');
      expect(mirror.getFile('kc/a b.txt')?.toString()).toBe('spaced');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('faults', () => {
  it('consumes status faults one per request, in order, then serves the file', async () => {
    mirror.script(FILE, [{ status: 503 }, { status: 500 }, { status: 404 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(FILE)).status);
    expect(statuses).toEqual([503, 500, 404, 200]);
    expect(mirror.requestsFor(FILE).map((r) => r.fault)).toEqual([
      { status: 503 },
      { status: 500 },
      { status: 404 },
      undefined,
    ]);
  });

  it('sends Retry-After with 429, as seconds or as an HTTP date', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    mirror.script(FILE, [
      { status: 429, retryAfter: '2' },
      { status: 429, retryAfter: date },
      { status: 429 },
    ]);
    const first = await get(FILE);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await get(FILE)).headers.get('retry-after')).toBe(date);
    expect((await get(FILE)).headers.get('retry-after')).toBeNull();
  });

  it('matches scripts by regular expression', async () => {
    mirror.addFile(`${FILE}.sha256`, 'x');
    mirror.script(/\.sha256$/, [{ status: 502 }]);
    expect((await get(FILE)).status).toBe(200);
    expect((await get(`${FILE}.sha256`)).status).toBe(502);
    expect((await get(`${FILE}.sha256`)).status).toBe(200);
  });

  it('truncate: full Content-Length, half the body, then a premature close', async () => {
    mirror.script(FILE, [{ kind: 'truncate' }]);
    const response = await fetch(mirror.urlFor(FILE));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(ARCHIVE.length));
    expect(await failure(response.arrayBuffer())).toMatch(/terminated/);
    expect((await get(FILE)).body.equals(ARCHIVE)).toBe(true);
  });

  it('truncate: a raw http client sees fewer bytes than announced', async () => {
    mirror.script(FILE, [{ kind: 'truncate' }]);
    const received = await new Promise<{ bytes: number; complete: boolean }>((resolve) => {
      request(mirror.urlFor(FILE), (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('close', () => resolve({ bytes, complete: res.complete }));
        res.on('error', () => undefined);
      }).end();
    });
    expect(received).toEqual({ bytes: ARCHIVE.length / 2, complete: false });
  });

  it('reset: headers arrive, then the connection is reset mid-body', async () => {
    mirror.script(FILE, [{ kind: 'reset' }]);
    const response = await fetch(mirror.urlFor(FILE));
    expect(response.status).toBe(200);
    expect(await failure(response.arrayBuffer())).toMatch(/ECONNRESET/);
    expect(mirror.requestsFor(FILE)[0]?.status).toBe(200);
  });

  it('refuse: no response at all', async () => {
    mirror.script(FILE, [{ kind: 'refuse' }]);
    expect(await failure(fetch(mirror.urlFor(FILE)))).toMatch(/fetch failed/);
    expect(mirror.requestsFor(FILE)[0]?.status).toBe(0);
    expect((await get(FILE)).status).toBe(200);
  });

  it('stall: hangs after the first bytes until the client gives up, and stop() is still prompt', async () => {
    mirror.script(FILE, [{ kind: 'stall' }]);
    const response = await fetch(mirror.urlFor(FILE), { signal: AbortSignal.timeout(300) });
    expect(response.status).toBe(200);
    expect(await failure(response.arrayBuffer())).toMatch(/TimeoutError|aborted/i);

    mirror.script(FILE, [{ kind: 'stall' }]);
    const pending = fetch(mirror.urlFor(FILE)).then((r) => r.arrayBuffer());
    pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await mirror.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it('stall with ms: a slow host that finishes the body in the end', async () => {
    mirror.script(FILE, [{ kind: 'stall', ms: 300 }]);
    const started = Date.now();
    const { body } = await get(FILE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(body.equals(ARCHIVE)).toBe(true);
  });

  it('wrong-bytes: same length and start, another sha256', async () => {
    mirror.script(FILE, [{ kind: 'wrong-bytes' }]);
    const { status, body } = await get(FILE);
    expect(status).toBe(200);
    expect(body.length).toBe(ARCHIVE.length);
    expect(body.subarray(0, 1024).equals(ARCHIVE.subarray(0, 1024))).toBe(true);
    expect(sha(body)).not.toBe(sha(ARCHIVE));
    expect(sha((await get(FILE)).body)).toBe(sha(ARCHIVE));
  });

  it('delay: answers normally, late', async () => {
    mirror.script(FILE, [{ kind: 'delay', ms: 250 }]);
    const started = Date.now();
    expect((await get(FILE)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('HEAD neither triggers nor uses up a body fault', async () => {
    mirror.script(FILE, [{ kind: 'truncate' }]);
    expect((await fetch(mirror.urlFor(FILE), { method: 'HEAD' })).status).toBe(200);
    const response = await fetch(mirror.urlFor(FILE));
    expect(await failure(response.arrayBuffer())).toMatch(/terminated/);
  });

  it('reset() forgets requests and unused faults but keeps files', async () => {
    mirror.script(FILE, [{ status: 500 }, { status: 500 }]);
    expect((await get(FILE)).status).toBe(500);
    const live = mirror.requests;
    mirror.reset();
    expect(live).toHaveLength(0);
    expect((await get(FILE)).status).toBe(200);
    expect(mirror.requests).toHaveLength(1);
  });
});
