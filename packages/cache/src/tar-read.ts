import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Reads a tar archive's members ourselves, before anything of it reaches the file system: names as
 * stored (never cleaned up the way tar does on extraction), link targets, types, and on request the
 * sha256 of each file's bytes. Used to refuse a cache entry that would write outside its folder
 * (guarded-restore.ts), and to compare a tool-cache entry with the verified archive it came from
 * (packages/tools, install.ts). ustar, pax (`path`, `linkpath`, `size`) and GNU long names.
 */
export type TarMemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarMember {
  name: string;
  type: TarMemberType;
  /** Link target (symlink, hardlink), '' otherwise. */
  linkname: string;
  size: number;
  /** Hex sha256 of a file's bytes, when asked for. */
  sha256?: string;
}

export type TarCompression = 'gzip' | 'zstd' | 'xz' | 'none';

/** What the first bytes say: gzip, zstd, xz, or none (a plain tar, or not an archive at all). */
export async function sniffCompression(file: string): Promise<TarCompression> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(6);
    const { bytesRead } = await handle.read(head, 0, 6, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
    if (bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
    if (bytes.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
    return 'none';
  } finally {
    await handle.close();
  }
}

/** The decompressed byte stream of an archive; xz and zstd through their own programs. */
export function decompressed(
  file: string,
  compression: TarCompression,
): { stream: Readable; done: Promise<void> } {
  if (compression === 'none') return { stream: createReadStream(file), done: Promise.resolve() };
  if (compression === 'gzip')
    return { stream: createReadStream(file).pipe(createGunzip()), done: Promise.resolve() };
  const [program, args] =
    compression === 'zstd' ? ['zstd', ['-d', '-c', '-q', '--long=30', file]] : ['xz', ['-d', '-c', file]];
  const child = spawn(program as string, args as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run ${program as string}: ${error.message}`)));
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${program as string} exited with ${code}: ${stderr.trim()}`)),
    );
  });
  return { stream: child.stdout, done };
}

const BLOCK = 512;

/** Pulls exact byte counts out of a stream of chunks. */
class Reader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }

  /** Exactly n bytes, or fewer at the end of the stream. */
  async take(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const out = all.subarray(0, Math.min(n, all.length));
    const rest = all.subarray(out.length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Passes n bytes to `each` without holding them all (a 50 MB binary). */
  async stream(n: number, each: (chunk: Buffer) => void): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      if (this.buffered === 0) break;
      const chunk = await this.take(Math.min(left, this.buffered));
      each(chunk);
      left -= chunk.length;
    }
    return n - left;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

function cString(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  // GNU base-256 for large values: the high bit of the first byte set.
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new Error(`not a tar archive: bad number field '${text.slice(0, 20)}'`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = octal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === stored;
}

/** pax extended header records: `<length> <key>=<value>\n`. */
function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number(data.subarray(offset, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0) throw new Error('not a tar archive: bad pax record');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return records;
}

function typeOf(flag: string): TarMemberType {
  if (flag === '0' || flag === '\0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

/** Every member of a tar archive (compressed as its first bytes say), in order. */
export async function readTarMembers(file: string, options: { hash?: boolean } = {}): Promise<TarMember[]> {
  const { stream, done } = decompressed(file, await sniffCompression(file));
  const members: TarMember[] = [];
  await eachTarMember(stream, done, (member) => members.push(member), options);
  return members;
}

/**
 * Parses the decompressed tar stream `stream`, handing each member to `onMember` once its bytes are
 * read (a throw there stops the parse and is thrown back). `done` is the decompressor's exit: when the
 * stream is cut or corrupt, its complaint is the error. Resolves at the end-of-archive blocks.
 */
export async function eachTarMember(
  stream: Readable,
  done: Promise<void>,
  onMember: (member: TarMember) => void,
  options: { hash?: boolean } = {},
): Promise<void> {
  // The decompressor's verdict, settled once; read after the parse (a handler from the start: a
  // decompressor that fails mid-way must not be an unhandled rejection).
  const verdict = done.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  const reader = new Reader(stream);
  let stopped: unknown;
  try {
    let pax: Record<string, string> = {};
    let longName: string | undefined;
    let longLink: string | undefined;
    for (;;) {
      const block = await reader.take(BLOCK);
      if (block.length === 0) throw new Error('not a tar archive: it ends before its end-of-archive blocks');
      if (block.length < BLOCK) throw new Error('the tar archive is cut short');
      if (block.every((byte) => byte === 0)) break;
      if (!checksumOk(block))
        throw new Error('not a tar archive (or a damaged one): a header checksum is wrong');
      const flag = String.fromCharCode(block[156] ?? 0);
      const size = pax.size !== undefined ? Number(pax.size) : octal(block, 124, 12);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        if (size > 1024 * 1024) throw new Error('not a tar archive: an extended header over 1 MiB');
        const data = (await reader.take(padded)).subarray(0, size);
        if (data.length < size) throw new Error('the tar archive is cut short');
        if (flag === 'x') pax = { ...pax, ...paxRecords(data) };
        else if (flag === 'L') longName = cString(data, 0, data.length);
        else if (flag === 'K') longLink = cString(data, 0, data.length);
        // 'g' (global pax header) carries nothing we use.
        continue;
      }
      const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? cString(block, 345, 155) : '';
      const stored = cString(block, 0, 100);
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${stored}` : stored);
      const linkname = pax.linkpath ?? longLink ?? cString(block, 157, 100);
      const type = typeOf(flag);
      const member: TarMember = {
        name,
        type,
        linkname: type === 'symlink' || type === 'hardlink' ? linkname : '',
        size,
      };
      const hash = options.hash && type === 'file' ? createHash('sha256') : undefined;
      const got = await reader.stream(size, (chunk) => hash?.update(chunk));
      const pad = (await reader.take(padded - size)).length;
      if (got < size || pad < padded - size) throw new Error('the tar archive is cut short');
      if (hash) member.sha256 = hash.digest('hex');
      try {
        onMember(member);
      } catch (error) {
        stopped = error;
        throw error;
      }
      pax = {};
      longName = undefined;
      longLink = undefined;
    }
  } catch (error) {
    stream.destroy();
    if (stopped !== undefined) throw stopped;
    // A cut or corrupt compressed stream shows as a cut tar: the decompressor says why.
    const failed = await verdict;
    throw failed && !/exited with (null|141)/.test(failed.message) ? failed : error;
  } finally {
    await reader.close();
    stream.destroy();
  }
  const failed = await verdict;
  // The decompressor may complain that we stopped reading at the end-of-archive blocks.
  if (failed && !/EPIPE|Broken pipe|exited with (null|141)/.test(failed.message)) throw failed;
}
