// The real v1 cache server on loopback, for tests that drive @actions/cache for real. By default it is
// Forgejo's stack (forgejo-runner's cache server with a secret behind the runner's per-job signing
// proxy: what a job on Forgejo talks to; forgejo-cache.ts); `flavor: 'act'` gives nektos/act's
// artifactcache with no signing (GitHub-protocol behaviour; built from test/harness/cache-server/).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startCacheStack } from './forgejo-cache';
import { toolsBin } from './tools-bin';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export { toolsBin };

export interface CacheServer {
  /** Value for ACTIONS_CACHE_URL: http://127.0.0.1:PORT/TOKEN/ (trailing slash included). */
  url: string;
  /** Where the server keeps its database and archives. */
  dir: string;
  /** Answer every cache request with this status from now on (0 = serve normally again). */
  setFailStatus(status: number): Promise<void>;
  /** Stops the server; removes `dir` when it was a fresh temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startCacheServer(
  opts: { dir?: string; failStatus?: number; flavor?: 'forgejo' | 'act' } = {},
): Promise<CacheServer> {
  if ((opts.flavor ?? 'forgejo') === 'forgejo') {
    const stack = await startCacheStack({ dir: opts.dir, failStatus: opts.failStatus });
    return { url: stack.url, dir: stack.dir, setFailStatus: stack.setFailStatus, stop: stack.stop };
  }
  const bin = toolsBin('ci-kit-cache-server');
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'ci-kit-cache-')));
  const args = ['--dir', dir, '--exit-on-stdin-eof'];
  if (opts.failStatus) args.push('--fail-status', String(opts.failStatus));
  // stdin stays an open pipe: if this test process dies, the pipe closes and the
  // server exits too (--exit-on-stdin-eof), so no orphan keeps a port.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000); // keep the tail for error messages
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    child.stdin.destroy();
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };

  let ready: { url: string; port: number };
  try {
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`ci-kit-cache-server not ready after ${READY_TIMEOUT_MS} ms: ${stderr}`)),
        READY_TIMEOUT_MS,
      );
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as { url: string; port: number });
        } catch {
          reject(new Error(`ci-kit-cache-server: unexpected ready line ${JSON.stringify(line)}`));
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`ci-kit-cache-server exited (${code ?? signal}) before ready: ${stderr}`));
      });
    });
  } catch (err) {
    await cleanup();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: ready.url,
    dir,
    async setFailStatus(status: number): Promise<void> {
      const res = await fetch(`http://127.0.0.1:${ready.port}/_ci-kit/fail?status=${status}`, {
        method: 'POST',
      });
      if (!res.ok) throw new Error(`setFailStatus(${status}): HTTP ${res.status} ${await res.text()}`);
    },
    stop(): Promise<void> {
      stopping ??= cleanup();
      return stopping;
    },
  };
}
