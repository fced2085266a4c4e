// Small things the hostile tests share: a tiny custom tool release (fast to download and extract, so a
// fault matrix stays cheap), a port that refuses connections until asked to listen, a PATH without
// Python (so prepare-python's pip fallback cannot hide a download failure), and log helpers.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { makeTarGz, pseudoRandomBytes, sha256Hex } from '../harness/tarball';
import type { Mirror } from '../harness/mirror';

export const TINY_VERSION = '1.0.0';
export const TINY_FILE = 'mytool-linux-x64.tar.gz';
export const TINY_PATH = `/releases/${TINY_VERSION}/${TINY_FILE}`;

export interface TinyRelease {
  body: Buffer;
  sha256: string;
  fileName: string;
  urlPath: string;
}

/** `tool-bin/mytool` (a sh script) plus 64 KiB of incompressible filler, so faults mid-body have a middle. */
export async function buildTinyRelease(label = 'mytool'): Promise<Omit<TinyRelease, 'urlPath'>> {
  const body = await makeTarGz([
    { path: 'tool-bin/mytool', body: `#!/bin/sh\necho "${label} ${TINY_VERSION}"\n`, mode: 0o755 },
    { path: 'tool-bin/FILLER', body: pseudoRandomBytes(64 * 1024, label) },
  ]);
  return { body, sha256: sha256Hex(body), fileName: TINY_FILE };
}

export async function publishTiny(mirror: Mirror): Promise<TinyRelease> {
  const release = await buildTinyRelease();
  mirror.addFile(TINY_PATH, release.body);
  return { ...release, urlPath: TINY_PATH };
}

/**
 * A tiny release of its own (other bytes, so another cache key) under /r/<label>/: for tests that must
 * not find each other's remote cache entries.
 */
export async function publishTinyAt(mirror: Mirror, label: string): Promise<TinyRelease & { base: string }> {
  const release = await buildTinyRelease(label);
  const urlPath = `/r/${label}${TINY_PATH}`;
  mirror.addFile(urlPath, release.body);
  return { ...release, urlPath, base: `${mirror.url}/r/${label}` };
}

/** cached-tool inputs for the tiny tool, from `base` (which may carry user:password@). */
export function tinyInputs(base: string, sha256: string, extra: Record<string, string> = {}) {
  return {
    tool: 'custom',
    version: TINY_VERSION,
    url: `${base}/releases/{version}/mytool-{os}-{arch}.tar.gz`,
    'archive-path': 'tool-bin',
    binary: 'mytool',
    sha256,
    cache: 'false',
    retries: '3',
    ...extra,
  };
}

/** `http://user:password@127.0.0.1:port` for a mirror URL. */
export function withCredentials(url: string, user: string, password: string): string {
  return url.replace('http://', `http://${user}:${password}@`);
}

/**
 * A loopback port that refuses connections (ECONNREFUSED) until open() is called; then it forwards
 * every connection to `targetPort`. Stands in for a mirror that is down, then back.
 */
export async function refusingPort(targetPort: number): Promise<{
  port: number;
  open(): Promise<void>;
  close(): Promise<void>;
}> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    port,
    open: async () => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = (): void => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
  };
}

/**
 * A folder of symlinks to the few system commands an action needs (tar and its decompressors, sh), and
 * nothing else: no python3, so prepare-python has no pip to fall back on.
 */
export async function minimalPath(dir: string, extra: string[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const name of ['tar', 'gzip', 'zstd', 'unzstd', 'sh', 'ls', 'rm', 'mkdir', ...extra]) {
    const found = ['/usr/bin', '/bin', '/usr/local/bin']
      .map((d) => path.join(d, name))
      .find((f) => existsSync(f));
    if (found && !existsSync(path.join(dir, name))) await symlink(found, path.join(dir, name));
  }
  return dir;
}

/** Escapes a string for use inside a RegExp. */
export const re = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every file and folder under dir, relative, sorted (for "nothing half-written was left" checks). */
export function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

/** Runs tasks with at most `limit` at a time (action runs are mostly process start-up: two cores fit four). */
export async function pool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
