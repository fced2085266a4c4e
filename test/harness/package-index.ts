// A loopback Python package index: serves the realistic fixture's wheels (.tools/pypi, downloaded once by
// scripts/setup-tools.sh) through the simple repository API the way uv talks to an index, and breaks on
// cue. PEP 503 HTML and PEP 691 JSON pages (chosen by the Accept header), `#sha256=` fragments and
// `data-requires-python` read from each wheel's METADATA, PEP 658 `.metadata` files, PyPI's cache
// headers. Faults are the release mirror's (mirror.ts), scripted per path; `down()` takes the whole index
// away. Every request is recorded, so tests count what uv fetched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { BODY_FAULTS, respond, type Fault, type RecordedRequest } from './mirror';
import { SharedLine, type NetworkProfile } from './network-profile';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where scripts/setup-tools.sh puts the fixture's wheels. */
export const WHEELS_DIR = path.join(REPO_ROOT, '.tools', 'pypi');
export const REAL_APP_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'real-app');
/**
 * The origin the committed locks name instead of a real host (`.invalid` never resolves): locks are made
 * against a live index on a random port, then this origin is put in its place (relock.mjs), and
 * materializeRealApp puts a live origin back.
 */
export const LOCK_PLACEHOLDER_ORIGIN = 'http://ci-kit-index.invalid';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const HTML_TYPE = 'application/vnd.pypi.simple.v1+html';
/** PyPI's own: pages may change (10 minutes), files never do. */
const PAGE_CACHE = 'max-age=600, public';
const FILE_CACHE = 'max-age=365000000, immutable, public';

export interface IndexFile {
  /** PEP 503 normalized project name (`pydantic-core`). */
  project: string;
  version: string;
  filename: string;
  size: number;
  sha256: string;
  /** The wheel's Requires-Python, if it has one. */
  requiresPython?: string;
  /** The wheel's METADATA, served as `<file>.metadata` (PEP 658). */
  metadata: Buffer;
  metadataSha256: string;
}

export type RequestKind = 'page' | 'file' | 'metadata' | 'other';

export interface IndexRequest extends RecordedRequest {
  kind: RequestKind;
  /** Body bytes sent in full (0 for HEAD, errors, and bodies a fault cut off). */
  bytes: number;
  /** `json` or `html` for pages. */
  format?: 'json' | 'html';
}

/** How the index is away while down: connections refused (closed listener), reset, or 503 to all. */
export type Outage = 'refuse' | 'reset' | 503;

export interface PackageIndexOptions {
  /** Folder of wheels (flat); default .tools/pypi. */
  dir?: string;
  /** Which wheels to serve (default: all), e.g. to hide the versions an older lock must not see. */
  filter?: (file: IndexFile) => boolean;
  /** Serve PEP 658 metadata (default true); without it uv reads METADATA from the wheels themselves. */
  coreMetadata?: boolean;
  /** Answer pages in this format whatever the client asks (default: as its Accept header says). */
  format?: 'json' | 'html';
  /** Address to listen on and to name in file URLs (default 127.0.0.1), e.g. a container bridge's. */
  host?: string;
  /**
   * Port (default: a free one). uv keys its cache of an index's wheels by the index URL, so a cache
   * warmed on one port misses on another: a restarted index that must serve a warm cache keeps its port.
   */
  port?: number;
  /** The network between the index and its clients (default none: loopback as it is); see setNetwork. */
  network?: NetworkProfile;
}

export interface PackageIndex {
  /** `http://<host>:<port>`, no trailing slash; stays the same across down() and up(). */
  url: string;
  /** The index URL to give uv: `<url>/simple`. */
  simpleUrl: string;
  files: IndexFile[];
  /** Queues faults for requests whose path matches (string: exact path); then serves normally. */
  script(match: string | RegExp, faults: Fault[]): void;
  /** Live list of every request that reached the index (not those refused while down). */
  requests: IndexRequest[];
  /** GET requests for wheel files, any status: what uv downloaded or tried to. */
  readonly fileRequests: IndexRequest[];
  /** Simple API pages asked for. */
  readonly pageRequests: IndexRequest[];
  /** Body bytes sent for wheel files. */
  readonly fileBytes: number;
  requestsFor(match: string | RegExp): IndexRequest[];
  /** Forgets requests and unused faults; files stay, and so does an outage (until up()). */
  reset(): void;
  /** A whole outage until up(). Default 'refuse': the listener closes, open connections are destroyed. */
  down(how?: Outage): Promise<void>;
  up(): Promise<void>;
  readonly isDown: boolean;
  /** From the next request on, answers go through this network (undefined: loopback as it is). */
  setNetwork(profile: NetworkProfile | undefined): void;
  stop(): Promise<void>;
}

/** The Pythons the fixture's wheels are for. */
export const REAL_APP_PYTHONS = ['3.11', '3.13'];

/**
 * Why the realistic fixture cannot run here, or undefined when it can: its wheels are downloaded, uv is
 * built, this is x86_64 Linux and `python` (default python3) is one of REAL_APP_PYTHONS.
 */
export function realAppUnavailable(dir = WHEELS_DIR, python = 'python3'): string | undefined {
  if (!existsSync(dir) || !readdirSync(dir).some((name) => name.endsWith('.whl'))) {
    return `no wheels in ${dir}: run npm run setup-tools (downloads the realistic fixture's wheels once)`;
  }
  if (!existsSync(path.join(REPO_ROOT, '.tools', 'bin', 'uv'))) return 'uv missing: run npm run setup-tools';
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `the fixture's wheels are for x86_64 Linux, this is ${process.platform}/${process.arch}`;
  }
  const probe = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    encoding: 'utf8',
  });
  const version = probe.stdout?.trim();
  if (probe.status !== 0 || !version)
    return `${python} does not run (${probe.error?.message ?? probe.stderr})`;
  if (!REAL_APP_PYTHONS.includes(version)) {
    return `${python} is ${version}; the fixture's wheels are for CPython ${REAL_APP_PYTHONS.join(' and ')}`;
  }
  return undefined;
}

export async function startPackageIndex(opts: PackageIndexOptions = {}): Promise<PackageIndex> {
  const dir = opts.dir ?? WHEELS_DIR;
  if (!existsSync(dir)) throw new Error(`package index: no folder ${dir}: run npm run setup-tools`);
  const files = scanWheels(dir).filter((file) => opts.filter?.(file) ?? true);
  if (files.length === 0) throw new Error(`package index: no wheel to serve in ${dir} (filter too strict?)`);
  const coreMetadata = opts.coreMetadata ?? true;
  const host = opts.host ?? '127.0.0.1';
  const byProject = new Map<string, IndexFile[]>();
  const byFilename = new Map<string, IndexFile>();
  for (const file of files) {
    byProject.set(file.project, [...(byProject.get(file.project) ?? []), file]);
    byFilename.set(file.filename, file);
  }
  const projects = [...byProject.keys()].sort();

  const scripts: Array<{ match: string | RegExp; faults: Fault[] }> = [];
  const requests: IndexRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let outage: Outage | undefined;
  let port = opts.port ?? 0;
  let line: SharedLine | undefined;

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
  const base = (): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const fileUrl = (file: IndexFile): string => `${base()}/files/${encodeURIComponent(file.filename)}`;

  /** The answer for a path: body and headers, or undefined for a 404; redirect for a bare project path. */
  const route = (
    urlPath: string,
    accept: string | undefined,
    record: IndexRequest,
  ): { body: Buffer; headers: Record<string, string> } | { redirect: string } | undefined => {
    if (urlPath === '/simple' || urlPath === '/simple/' || urlPath.startsWith('/simple/')) {
      record.kind = 'page';
      const format = opts.format ?? negotiate(accept);
      record.format = format;
      const headers = {
        'Content-Type': format === 'json' ? JSON_TYPE : `${HTML_TYPE}; charset=utf-8`,
        'Cache-Control': PAGE_CACHE,
        Vary: 'Accept',
      };
      if (urlPath === '/simple') return { redirect: '/simple/' };
      if (urlPath === '/simple/') {
        return { body: Buffer.from(format === 'json' ? rootJson(projects) : rootHtml(projects)), headers };
      }
      const name = urlPath.slice('/simple/'.length).replace(/\/$/, '');
      if (name.includes('/')) return undefined;
      const project = normalizeName(name);
      if (!byProject.has(project)) return undefined;
      // PEP 503: the canonical URL is the normalized name with a trailing slash.
      if (`/simple/${project}/` !== urlPath) return { redirect: `/simple/${project}/` };
      const list = byProject.get(project) ?? [];
      const page =
        format === 'json'
          ? projectJson(project, list, fileUrl, coreMetadata)
          : projectHtml(project, list, fileUrl, coreMetadata);
      return { body: Buffer.from(page), headers };
    }
    if (urlPath.startsWith('/files/')) {
      const name = urlPath.slice('/files/'.length);
      if (coreMetadata && name.endsWith('.whl.metadata')) {
        record.kind = 'metadata';
        const file = byFilename.get(name.slice(0, -'.metadata'.length));
        if (!file) return undefined;
        return {
          body: file.metadata,
          headers: { 'Content-Type': 'text/plain', 'Cache-Control': FILE_CACHE },
        };
      }
      record.kind = 'file';
      const file = byFilename.get(name);
      if (!file) return undefined;
      return {
        body: readFileSync(path.join(dir, file.filename)),
        headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': FILE_CACHE },
      };
    }
    return undefined;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const urlPath = decodePath(req.url ?? '/');
    const record: IndexRequest = {
      method,
      path: urlPath,
      status: 0,
      at: Date.now(),
      kind: 'other',
      bytes: 0,
    };
    requests.push(record);
    const answer = route(urlPath, req.headers.accept, record);
    let fault = takeFault(urlPath, method);
    if (outage !== undefined) fault = outage === 503 ? { status: 503 } : { kind: 'refuse' };
    if (fault) record.fault = fault;
    if (answer && 'redirect' in answer && !fault) {
      record.status = 301;
      res.writeHead(301, { Location: `${base()}${answer.redirect}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const body = answer && 'body' in answer ? answer.body : undefined;
    // Only bodies sent in full count; a reset or truncated one stays at 0.
    res.on('finish', () => {
      if (record.status === 200 && body && method !== 'HEAD') record.bytes = body.length;
    });
    const headers = answer && 'headers' in answer ? answer.headers : undefined;
    const through = line;
    if (!through) return respond(res, record, fault, body, later, headers);
    later(through.latencyMs, () => {
      if (!res.destroyed)
        respond(res, record, fault, body, later, headers, (out, payload) => through.send(out, payload));
    });
  };

  const server = createServer({ keepAliveTimeout: 5000 }, handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const closeListener = (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    return closed;
  };
  await listen();
  port = (server.address() as AddressInfo).port;
  const setNetwork = (profile: NetworkProfile | undefined): void => {
    line = profile ? new SharedLine(profile, later) : undefined;
  };
  setNetwork(opts.network);

  const isWheelGet = (r: IndexRequest): boolean => r.kind === 'file' && r.method === 'GET';
  return {
    url: base(),
    simpleUrl: `${base()}/simple`,
    files,
    script: (match, faults) => {
      scripts.push({ match, faults: [...faults] });
    },
    requests,
    get fileRequests() {
      return requests.filter(isWheelGet);
    },
    get pageRequests() {
      return requests.filter((r) => r.kind === 'page');
    },
    get fileBytes() {
      return requests.filter(isWheelGet).reduce((sum, r) => sum + (r.status === 200 ? r.bytes : 0), 0);
    },
    requestsFor: (match) => requests.filter((r) => matches(match, r.path)),
    reset: () => {
      requests.length = 0;
      scripts.length = 0;
    },
    down: async (how: Outage = 'refuse') => {
      if (outage !== undefined) return;
      outage = how;
      if (how === 'refuse') await closeListener();
      // Keep-alive connections must not outlive the outage's start, whatever its kind.
      else for (const socket of sockets) socket.destroy();
    },
    up: async () => {
      if (outage === undefined) return;
      const was = outage;
      outage = undefined;
      if (was === 'refuse') await listen();
    },
    get isDown() {
      return outage !== undefined;
    },
    setNetwork,
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (server.listening) await closeListener();
      else for (const socket of sockets) socket.destroy();
    },
  };
}

export type RealAppLock = 'current' | 'old';

export interface MaterializedApp {
  dir: string;
  /** The lock materialized as uv.lock, as committed (placeholder origin). */
  lockFile: string;
  cleanup(): void;
}

/**
 * Copies the realistic fixture (project, package, tests) into a fresh temp folder with the chosen lock
 * as uv.lock, its placeholder origin replaced by `indexUrl` (the index's `url`, or its `simpleUrl`).
 */
export function materializeRealApp(opts: {
  lock?: RealAppLock;
  indexUrl: string;
  /** Parent of the temp folder (default the OS temp dir). */
  parent?: string;
}): MaterializedApp {
  const origin = new URL(opts.indexUrl).origin;
  const dir = mkdtempSync(path.join(opts.parent ?? tmpdir(), 'ci-kit-real-app-'));
  try {
    writeFileSync(path.join(dir, 'pyproject.toml'), readFileSync(path.join(REAL_APP_DIR, 'pyproject.toml')));
    for (const sub of ['real_app', 'tests']) {
      cpSync(path.join(REAL_APP_DIR, sub), path.join(dir, sub), {
        recursive: true,
        filter: (source) => !source.includes('__pycache__'),
      });
    }
    const lockFile = realAppLockPath(opts.lock ?? 'current');
    const lock = readFileSync(lockFile, 'utf8');
    if (!lock.includes(LOCK_PLACEHOLDER_ORIGIN)) {
      throw new Error(`${lockFile} does not name ${LOCK_PLACEHOLDER_ORIGIN}: regenerate it with relock.mjs`);
    }
    writeFileSync(path.join(dir, 'uv.lock'), lock.split(LOCK_PLACEHOLDER_ORIGIN).join(origin));
    return { dir, lockFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export function realAppLockPath(lock: RealAppLock): string {
  return path.join(REAL_APP_DIR, lock === 'current' ? 'uv.lock' : 'uv-old.lock');
}

/**
 * An environment for running uv on the materialized fixture: only PATH and HOME kept from this process,
 * no user or system uv config, no Python downloads, this index as the default index (so `--locked` checks
 * agree with the lock and nothing is ever asked of a real registry).
 */
export function realAppEnv(opts: { cacheDir: string; indexUrl: string; python?: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    UV_CACHE_DIR: opts.cacheDir,
    UV_PYTHON: opts.python ?? 'python3',
    UV_PYTHON_DOWNLOADS: 'never',
    UV_NO_CONFIG: '1',
    UV_NO_PROGRESS: '1',
    UV_DEFAULT_INDEX: `${new URL(opts.indexUrl).origin}/simple`,
  };
}

/** PEP 503 normalization. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The wheels in dir with their hashes and METADATA (read once per index start: about 40 MB, ~0.2 s). */
export function scanWheels(dir: string): IndexFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.whl'))
    .sort()
    .map((filename) => {
      // {distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl
      const parts = filename.slice(0, -'.whl'.length).split('-');
      if (parts.length < 5) throw new Error(`package index: ${filename} is not a wheel file name`);
      const body = readFileSync(path.join(dir, filename));
      const metadata = wheelMetadata(body, filename);
      const requiresPython = /^Requires-Python:[ \t]*(.+?)\s*$/im.exec(headerBlock(metadata))?.[1];
      return {
        project: normalizeName(parts[0] ?? ''),
        version: parts[1] ?? '',
        filename,
        size: body.length,
        sha256: sha256(body),
        ...(requiresPython ? { requiresPython } : {}),
        metadata,
        metadataSha256: sha256(metadata),
      };
    });
}

/** `*.dist-info/METADATA` of a wheel, from its zip central directory. */
export function wheelMetadata(zip: Buffer, filename = 'wheel'): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${filename}: not a zip file (no end of central directory)`);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${filename}: corrupt central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (/^[^/]+\.dist-info\/METADATA$/.test(name)) {
      const dataStart =
        localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${filename}: METADATA uses zip method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${filename}: no .dist-info/METADATA`);
}

function headerBlock(metadata: Buffer): string {
  const text = metadata.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** JSON when the client prefers it (uv does: `...v1+json, ...v1+html;q=0.2, text/html;q=0.01`). */
export function negotiate(accept: string | undefined): 'json' | 'html' {
  let best: { format: 'json' | 'html'; q: number } = { format: 'html', q: 0 };
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const mediaType = type.trim().toLowerCase();
    const format =
      mediaType === JSON_TYPE || mediaType === 'application/vnd.pypi.simple.latest+json'
        ? 'json'
        : [HTML_TYPE, 'application/vnd.pypi.simple.latest+html', 'text/html', '*/*'].includes(mediaType)
          ? 'html'
          : undefined;
    if (format && Number.isFinite(q) && q > best.q) best = { format, q };
  }
  return best.format;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rootHtml(projects: string[]): string {
  const links = projects.map((p) => `    <a href="/simple/${p}/">${p}</a><br>\n`).join('');
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Simple index</title>\n  </head>\n  <body>\n${links}  </body>\n</html>\n`;
}

function rootJson(projects: string[]): string {
  return JSON.stringify({ meta: { 'api-version': '1.1' }, projects: projects.map((name) => ({ name })) });
}

function projectHtml(
  project: string,
  files: IndexFile[],
  fileUrl: (file: IndexFile) => string,
  coreMetadata: boolean,
): string {
  const links = files
    .map((file) => {
      const attrs = [`href="${escapeHtml(`${fileUrl(file)}#sha256=${file.sha256}`)}"`];
      if (file.requiresPython) attrs.push(`data-requires-python="${escapeHtml(file.requiresPython)}"`);
      if (coreMetadata) {
        attrs.push(`data-dist-info-metadata="sha256=${file.metadataSha256}"`);
        attrs.push(`data-core-metadata="sha256=${file.metadataSha256}"`);
      }
      return `    <a ${attrs.join(' ')}>${escapeHtml(file.filename)}</a><br>\n`;
    })
    .join('');
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Links for ${project}</title>\n  </head>\n  <body>\n    <h1>Links for ${project}</h1>\n${links}  </body>\n</html>\n`;
}

function projectJson(
  project: string,
  files: IndexFile[],
  fileUrl: (file: IndexFile) => string,
  coreMetadata: boolean,
): string {
  return JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: project,
    versions: [...new Set(files.map((file) => file.version))],
    files: files.map((file) => ({
      filename: file.filename,
      url: fileUrl(file),
      hashes: { sha256: file.sha256 },
      ...(file.requiresPython ? { 'requires-python': file.requiresPython } : {}),
      ...(coreMetadata
        ? {
            'core-metadata': { sha256: file.metadataSha256 },
            'dist-info-metadata': { sha256: file.metadataSha256 },
          }
        : {}),
      size: file.size,
    })),
  });
}

function decodePath(rawUrl: string): string {
  const pathname = new URL(rawUrl, 'http://index.invalid').pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
