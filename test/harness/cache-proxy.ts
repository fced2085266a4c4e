// A fault-injecting proxy in front of the real cache server (cache-server.ts), for what its own
// --fail-status cannot do: answer one kind of request only (a 409 on reserve, a 500 on upload), be slow,
// or serve a damaged archive on restore (truncated, corrupt, cut short with a matching length, stalled).
// Lookups are rewritten so the archive download comes through the proxy too, as the Forgejo runner's
// own proxy does for its cache server.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type CacheRequestKind = 'lookup' | 'reserve' | 'upload' | 'commit' | 'download' | 'other';

export type CacheFault =
  /** Answer with this status instead of forwarding; html: an HTML error page, as a reverse proxy sends. */
  | { on: CacheRequestKind | 'any'; status: number; message?: string; html?: boolean }
  /** Forward, then send the answer's headers and half its body and close: a response cut off mid-way. */
  | { on: CacheRequestKind | 'any'; cut: true }
  /** Forward after a pause: a slow service. */
  | { on: CacheRequestKind | 'any'; delayMs: number }
  /** Damage the archive download: */
  | {
      on: 'download';
      /** truncate: full Content-Length, first `keep` of the body, then close (an incomplete download).
       *  short: first `keep` of the body with a Content-Length that matches (an archive stored cut short).
       *  corrupt: same length, bytes flipped from `keep` on (a damaged store or proxy).
       *  stall: first `keep` of the body, then silence. */
      damage: 'truncate' | 'short' | 'corrupt' | 'stall';
      /** Fraction of the body kept intact (default 0.5). */
      keep?: number;
    };

export interface CacheProxyRequest {
  method: string;
  kind: CacheRequestKind;
  path: string;
  status: number;
  /** Set when a fault was applied. */
  fault?: string;
}

export interface CacheProxy {
  /** ACTIONS_CACHE_URL form: http://127.0.0.1:PORT/TOKEN/ (the token of the real server). */
  url: string;
  /** Faults stay in effect until cleared; several may be active (one per kind). */
  setFaults(faults: CacheFault[]): void;
  requests: CacheProxyRequest[];
  /** The last archive body served in full by the real server (to rebuild damage in a control check). */
  lastArchive(): Buffer | undefined;
  stop(): Promise<void>;
}

export function kindOf(method: string, urlPath: string): CacheRequestKind {
  const rest = urlPath.replace(/^.*\/_apis\/artifactcache\//, '');
  if (rest === urlPath) return 'other';
  if (method === 'GET' && rest.startsWith('cache')) return rest.startsWith('caches') ? 'other' : 'lookup';
  if (method === 'POST' && rest === 'caches') return 'reserve';
  if (method === 'PATCH' && /^caches\/\d+$/.test(rest)) return 'upload';
  if (method === 'POST' && /^caches\/\d+$/.test(rest)) return 'commit';
  if (method === 'GET' && rest.startsWith('artifacts/')) return 'download';
  return 'other';
}

export async function startCacheProxy(target: string): Promise<CacheProxy> {
  const upstream = new URL(target);
  let faults: CacheFault[] = [];
  let archive: Buffer | undefined;
  const requests: CacheProxyRequest[] = [];
  const sockets = new Set<Socket>();
  let origin = '';

  const faultFor = (kind: CacheRequestKind): CacheFault | undefined =>
    faults.find((f) => f.on === kind) ?? faults.find((f) => f.on === 'any');

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ res: IncomingMessage; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const urlPath = new URL(req.url ?? '/', 'http://proxy.invalid').pathname;
    const kind = kindOf(method, urlPath);
    const record: CacheProxyRequest = { method, kind, path: urlPath, status: 0 };
    requests.push(record);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fault = faultFor(kind);

    if (fault && 'status' in fault) {
      record.status = fault.status;
      record.fault = `status ${fault.status}`;
      const text = fault.message ?? `injected by cache-proxy (${kind})`;
      const body = fault.html
        ? `<html><body><h1>${fault.status}</h1><p>${text}</p></body></html>`
        : JSON.stringify({ message: text });
      const type = fault.html ? 'text/html' : 'application/json';
      res.writeHead(fault.status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (fault && 'delayMs' in fault) {
      record.fault = `delay ${fault.delayMs}`;
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }

    const answer = await forward(req, Buffer.concat(chunks));
    let body = answer.body;
    record.status = answer.res.statusCode ?? 0;
    const headers = { ...answer.res.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;

    if (kind === 'lookup' && record.status === 200) {
      // Point the archive download at us.
      const parsed = JSON.parse(body.toString('utf8')) as { archiveLocation?: string };
      if (parsed.archiveLocation) {
        const location = new URL(parsed.archiveLocation);
        parsed.archiveLocation = `${origin}${location.pathname}${location.search}`;
      }
      body = Buffer.from(JSON.stringify(parsed));
    }
    if (fault && 'cut' in fault) {
      record.fault = 'cut';
      res.writeHead(record.status, { ...headers, 'Content-Length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (kind === 'download' && record.status === 200) {
      archive = body;
      if (fault && 'damage' in fault) {
        record.fault = `${fault.damage} ${fault.keep ?? 0.5}`;
        const keep = Math.max(1, Math.floor(body.length * (fault.keep ?? 0.5)));
        switch (fault.damage) {
          case 'truncate':
            res.writeHead(200, { ...headers, 'Content-Length': body.length });
            res.write(body.subarray(0, keep), () => res.socket?.destroy());
            return;
          case 'short':
            body = body.subarray(0, keep);
            break;
          case 'corrupt': {
            body = Buffer.from(body);
            for (let i = keep; i < body.length; i += 97) body[i] = (body[i] ?? 0) ^ 0xa5;
            break;
          }
          case 'stall':
            res.writeHead(200, { ...headers, 'Content-Length': body.length });
            res.write(body.subarray(0, keep));
            return;
        }
      }
    }
    res.writeHead(record.status, { ...headers, 'Content-Length': body.length });
    res.end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`cache-proxy: ${String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}${upstream.pathname}`,
    setFaults: (next) => {
      faults = [...next];
    },
    requests,
    lastArchive: () => archive,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
