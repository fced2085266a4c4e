// Forgejo's cache stack for tests, the real code on loopback (both binaries are built by
// `npm run setup-tools` from the runner's source):
// - `forgejo-runner cache-server`: the standalone server that runners share (`cache.external_server`
//   in a runner's config). It refuses any request its secret did not sign.
// - `ci-kit-forgejo cache-stack`: that server plus the runner's per-job signing proxy, for tests that
//   drive @actions/cache without a runner (test/harness/forgejo-runner/cachestack.go).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { toolsBin } from './tools-bin';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ForgejoCacheServer {
  /** The server's URL, for a runner's `cache.external_server`. */
  url: string;
  secret: string;
  dir: string;
  /** Stops the server; removes `dir` when it was a fresh temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Waits for the first stdout/stderr line that `ready` accepts; rejects on exit or timeout. */
async function readyLine(
  child: ChildProcess,
  what: string,
  ready: (line: string) => boolean,
): Promise<string> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms: ${seen.slice(-2000)}`)),
      READY_TIMEOUT_MS,
    );
    const onLine = (line: string): void => {
      seen += `${line}\n`;
      if (ready(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before ready: ${seen.slice(-2000)}`));
    });
  });
}

/** `forgejo-runner cache-server` on 127.0.0.1 with a secret, keeping its data in `dir`. */
export async function startForgejoCacheServer(
  opts: { dir?: string; secret?: string; port?: number } = {},
): Promise<ForgejoCacheServer> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'ci-kit-forgejo-cache-')));
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  const port = opts.port ?? (await freePort());
  const child = spawn(
    toolsBin('forgejo-runner'),
    ['cache-server', '--dir', dir, '--host', '127.0.0.1', '--port', String(port), '--secret', secret],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const cleanup = async (): Promise<void> => {
    await stopChild(child);
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    await readyLine(child, 'forgejo-runner cache-server', (line) =>
      line.includes('cache server is listening'),
    );
  } catch (err) {
    await cleanup();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    dir,
    stop: () => (stopping ??= cleanup()),
  };
}

export interface CacheStack {
  /** ACTIONS_CACHE_URL of the first registered run (through the signing proxy). */
  url: string;
  /** The cache server behind the proxy. */
  server: string;
  dir: string;
  /** ACTIONS_CACHE_URL for another run: another repository, or a pull request's isolation key. */
  newRun(run: { repo: string; runNumber?: string; isolationKey?: string }): Promise<string>;
  /** Answer every cache request with this status from now on (0 = serve normally again). */
  setFailStatus(status: number): Promise<void>;
  stop(): Promise<void>;
}

/** Forgejo's cache server behind the runner's signing proxy (`ci-kit-forgejo cache-stack`). */
export async function startCacheStack(
  opts: { dir?: string; repo?: string; isolationKey?: string; failStatus?: number } = {},
): Promise<CacheStack> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'ci-kit-cache-stack-')));
  const args = ['cache-stack', '--dir', dir, '--exit-on-stdin-eof'];
  if (opts.repo) args.push('--repo', opts.repo);
  if (opts.isolationKey) args.push('--isolation-key', opts.isolationKey);
  if (opts.failStatus) args.push('--fail-status', String(opts.failStatus));
  // stdin stays an open pipe: if this test process dies, the stack exits too (--exit-on-stdin-eof).
  const child = spawn(toolsBin('ci-kit-forgejo'), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const cleanup = async (): Promise<void> => {
    await stopChild(child);
    child.stdin?.destroy();
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };
  let ready: { url: string; port: number; server: string };
  try {
    ready = JSON.parse(await readyLine(child, 'ci-kit-forgejo cache-stack', (l) => l.startsWith('{'))) as {
      url: string;
      port: number;
      server: string;
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
  const control = `http://127.0.0.1:${ready.port}/_ci-kit`;
  let stopping: Promise<void> | undefined;
  return {
    url: ready.url,
    server: ready.server,
    dir,
    async newRun(run) {
      const query = new URLSearchParams({
        repo: run.repo,
        'run-number': run.runNumber ?? '1',
        'isolation-key': run.isolationKey ?? '',
      });
      const res = await fetch(`${control}/run?${query}`, { method: 'POST' });
      if (!res.ok) throw new Error(`newRun: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { url: string }).url;
    },
    async setFailStatus(status) {
      const res = await fetch(`${control}/fail?status=${status}`, { method: 'POST' });
      if (!res.ok) throw new Error(`setFailStatus(${status}): HTTP ${res.status} ${await res.text()}`);
    },
    stop: () => (stopping ??= cleanup()),
  };
}
