// A loopback HTTP proxy in front of the cache server that disturbs each request at random, with the same
// kinds of fault the release mirror plays (test/harness/mirror.ts): 503, a reset after half the response,
// a truncated body, or a stall (a pause, then the rest). The mirror scripts faults per request in order;
// the cache service needs a proxy because its server is the real one.
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = '503' | 'reset' | 'truncate' | 'stall';
export const FAULT_KINDS: FaultKind[] = ['503', 'reset', 'truncate', 'stall'];

export interface FaultProxy {
  /** The target URL with the proxy's host and port (path and trailing slash kept). */
  url: string;
  counts: Record<FaultKind | 'none', number>;
  stop(): Promise<void>;
}

export async function startFaultProxy(
  targetUrl: string,
  draw: () => FaultKind | undefined,
  stallMs: number,
): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const counts: FaultProxy['counts'] = { none: 0, '503': 0, reset: 0, truncate: 0, stall: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const fault = draw();
    counts[fault ?? 'none']++;
    if (fault === '503') {
      req.resume();
      req.once('end', () => {
        res.writeHead(503, { 'Content-Type': 'text/plain', 'Content-Length': 28 });
        res.end('503 Service Unavailable (b)\n');
      });
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (chunk: Buffer) => chunks.push(chunk));
        upRes.once('end', () => {
          const body = Buffer.concat(chunks);
          const headers = { ...upRes.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          const socket = req.socket;
          const half = body.subarray(0, Math.floor(body.length / 2));
          switch (fault) {
            case 'reset':
              if (body.length === 0) return socket.resetAndDestroy();
              res.writeHead(upRes.statusCode ?? 502, headers);
              res.write(half, () => later(50, () => socket.resetAndDestroy()));
              return;
            case 'truncate':
              if (body.length === 0) return socket.destroy();
              res.writeHead(upRes.statusCode ?? 502, headers);
              res.write(half, () => socket.destroy());
              return;
            case 'stall':
              later(stallMs, () => {
                res.writeHead(upRes.statusCode ?? 502, headers);
                res.end(body);
              });
              return;
            default:
              res.writeHead(upRes.statusCode ?? 502, headers);
              res.end(body);
          }
        });
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
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
  const port = (server.address() as AddressInfo).port;
  const url = new URL(targetUrl);
  url.port = String(port);
  return {
    url: url.href,
    counts,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
