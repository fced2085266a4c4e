// A loopback stand-in for the release hosts (get.helm.sh, GitHub release downloads): serves files from
// memory and misbehaves on cue, one scripted fault per matching request, so download retries, timeouts and
// checksum checks are tested against real sockets instead of a mocked fetch.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';

export type Fault =
  | { status: 500 | 502 | 503 | 504 | 404 | 403 | 408 }
  /** retryAfter: seconds (`'2'`) or an HTTP date, sent verbatim as Retry-After. */
  | { status: 429; retryAfter?: string }
  /** Headers and half the body, then a TCP reset (ECONNRESET on the client). */
  | { kind: 'reset' }
  /** The connection is reset before any byte of a response. */
  | { kind: 'refuse' }
  /** Correct Content-Length, half the body, then a clean close: a premature end of the body. */
  | { kind: 'truncate' }
  /** Headers and a first chunk, then silence; with ms, the rest follows after ms (a slow, not dead, host). */
  | { kind: 'stall'; ms?: number }
  /** Same length, some bytes flipped: only a checksum notices. */
  | { kind: 'wrong-bytes' }
  /** A 200 with a login page (`Content-Type: text/html`) instead of the file: a captive portal, an SSO proxy. */
  | { kind: 'html' }
  | { kind: 'delay'; ms: number };

export interface RecordedRequest {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  /** Status sent; 0 when the connection was refused. */
  status: number;
  /** Date.now() on arrival, for asserting backoff gaps. */
  at: number;
  /** The fault this request consumed, if any. */
  fault?: Fault;
  /** The Authorization header as sent, if any (to check where credentials went). */
  authorization?: string;
}

export interface Mirror {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  urlFor(urlPath: string): string;
  addFile(urlPath: string, body: Buffer | string): void;
  /** Every file under localDir, served under prefix (`/` by default). */
  addDir(localDir: string, prefix?: string): void;
  getFile(urlPath: string): Buffer | undefined;
  /** Queues faults for matching requests; after they are used up the file is served normally. */
  script(match: string | RegExp, faults: Fault[]): void;
  /**
   * Matching requests without `Authorization: Basic <user:password>` get 401, as an authenticated
   * mirror answers; until reset().
   */
  requireBasicAuth(match: string | RegExp, user: string, password: string): void;
  /** Matching requests get `status` with `Location: location` (absolute or relative); until reset(). */
  redirect(match: string | RegExp, location: string, status?: 301 | 302 | 303 | 307 | 308): void;
  /** Live list of every request so far. */
  requests: RecordedRequest[];
  requestsFor(match: string | RegExp): RecordedRequest[];
  /** Forgets requests, unused faults, auth requirements and redirects; files stay. */
  reset(): void;
  /** Closes the server and destroys open (also stalled) connections. */
  stop(): Promise<void>;
}

/** Body faults make no sense for HEAD: a HEAD request neither consumes nor triggers them. */
export const BODY_FAULTS = new Set(['reset', 'truncate', 'stall', 'wrong-bytes']);
/** How long the partial body of a `reset` gets to reach the client before the RST discards it. */
const RESET_AFTER_MS = 50;

export async function startMirror(): Promise<Mirror> {
  const files = new Map<string, Buffer>();
  const scripts: Array<{ match: string | RegExp; faults: Fault[] }> = [];
  const auths: Array<{ match: string | RegExp; expected: string }> = [];
  const redirects: Array<{ match: string | RegExp; location: string; status: number }> = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const matches = (match: string | RegExp, urlPath: string): boolean =>
    typeof match === 'string' ? match === urlPath : match.test(urlPath);

  const takeFault = (urlPath: string, method: string): Fault | undefined => {
    for (const entry of scripts) {
      const next = entry.faults[0];
      if (!next || !matches(entry.match, urlPath)) continue;
      if (method === 'HEAD' && 'kind' in next && BODY_FAULTS.has(next.kind)) continue;
      return entry.faults.shift();
    }
    return undefined;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const urlPath = decodePath(req.url ?? '/');
    const record: RecordedRequest = { method, path: urlPath, status: 0, at: Date.now() };
    if (req.headers.authorization !== undefined) record.authorization = req.headers.authorization;
    requests.push(record);
    const auth = auths.find((entry) => matches(entry.match, urlPath));
    if (auth && req.headers.authorization !== auth.expected) {
      sendStatus(res, record, 401, { 'WWW-Authenticate': 'Basic realm="test mirror"' });
      return;
    }
    const moved = redirects.find((entry) => matches(entry.match, urlPath));
    if (moved) {
      sendStatus(res, record, moved.status, { Location: moved.location });
      return;
    }
    const fault = takeFault(urlPath, method);
    if (fault) record.fault = fault;
    respond(res, record, fault, files.get(urlPath), later);
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const addFile = (urlPath: string, body: Buffer | string): void => {
    files.set(normalize(urlPath), Buffer.isBuffer(body) ? body : Buffer.from(body));
  };

  return {
    url,
    urlFor: (urlPath) => `${url}${normalize(urlPath)}`,
    addFile,
    addDir: (localDir, prefix = '/') => {
      for (const file of listFiles(localDir)) {
        const relative = path.relative(localDir, file).split(path.sep).join('/');
        addFile(path.posix.join(normalize(prefix), relative), readFileSync(file));
      }
    },
    getFile: (urlPath) => files.get(normalize(urlPath)),
    script: (match, faults) => {
      scripts.push({ match: typeof match === 'string' ? normalize(match) : match, faults: [...faults] });
    },
    requireBasicAuth: (match, user, password) => {
      const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      auths.push({ match: typeof match === 'string' ? normalize(match) : match, expected });
    },
    redirect: (match, location, status = 302) => {
      redirects.push({ match: typeof match === 'string' ? normalize(match) : match, location, status });
    },
    requests,
    requestsFor: (match) =>
      requests.filter((r) => matches(typeof match === 'string' ? normalize(match) : match, r.path)),
    reset: () => {
      requests.length = 0;
      scripts.length = 0;
      auths.length = 0;
      redirects.length = 0;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Headers of a file answer: a release file by default; package-index.ts passes its pages' own. */
const FILE_HEADERS: Record<string, string> = { 'Content-Type': 'application/octet-stream' };

/**
 * Answers one request: `body` (404 when undefined) with `fault` applied, if any. Shared with
 * package-index.ts, so the release mirror and the package index misbehave the same way. `later` runs a
 * callback after ms on a timer the caller clears on stop.
 */
export function respond(
  res: ServerResponse,
  record: RecordedRequest,
  fault: Fault | undefined,
  body: Buffer | undefined,
  later: (ms: number, fn: () => void) => void,
  headers: Record<string, string> = FILE_HEADERS,
  /** How a whole body goes out (package-index.ts paces it through a network profile). */
  send: (res: ServerResponse, payload: Buffer) => void = (out, payload) => out.end(payload),
): void {
  const socket = res.req.socket;
  const serve = (payload: Buffer | undefined): void => {
    if (!payload) {
      sendStatus(res, record, 404);
      return;
    }
    record.status = 200;
    res.writeHead(200, { ...headers, 'Content-Length': payload.length });
    send(res, payload);
  };

  if (!fault) return serve(body);
  if ('status' in fault) {
    const extra: Record<string, string> =
      fault.status === 429 && fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
    return sendStatus(res, record, fault.status, extra);
  }
  switch (fault.kind) {
    case 'refuse':
      socket.resetAndDestroy();
      return;
    case 'html': {
      const page =
        '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please log in</body></html>\n';
      record.status = 200;
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(page),
      });
      res.end(page);
      return;
    }
    case 'delay':
      return later(fault.ms, () => serve(body));
    case 'wrong-bytes':
      return serve(body && flipBytes(body));
  }
  if (!body) return serve(body);
  record.status = 200;
  res.writeHead(200, { ...headers, 'Content-Length': body.length });
  const half = Math.floor(body.length / 2);
  switch (fault.kind) {
    case 'reset':
      res.write(body.subarray(0, half), () => later(RESET_AFTER_MS, () => socket.resetAndDestroy()));
      return;
    case 'truncate':
      res.write(body.subarray(0, half), () => socket.destroy());
      return;
    case 'stall': {
      const first = Math.min(1024, half);
      res.write(body.subarray(0, first));
      if (fault.ms !== undefined) later(fault.ms, () => res.end(body.subarray(first)));
      return;
    }
  }
}

function sendStatus(
  res: ServerResponse,
  record: RecordedRequest,
  status: number,
  headers: Record<string, string> = {},
): void {
  record.status = status;
  const body = `${status} ${STATUS_CODES[status] ?? ''} (test mirror)\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/**
 * Flips bytes in the second half only: the archive still starts like gzip, so only a checksum (not a
 * failed extraction) can tell, as with a corrupting proxy or disk.
 */
function flipBytes(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  if (copy.length === 0) return copy;
  const at = new Set([Math.floor(copy.length / 2), Math.floor((copy.length * 3) / 4), copy.length - 1]);
  for (const index of at) copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}

function decodePath(rawUrl: string): string {
  const pathname = new URL(rawUrl, 'http://mirror.invalid').pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function normalize(urlPath: string): string {
  return urlPath.startsWith('/') ? urlPath : `/${urlPath}`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}
