// A folder shaped like a uv cache, generated deterministically: thousands of small unpacked-wheel files
// (Python-like text that compresses as source does, plus some binary extension modules) under
// archive-v0/, small index metadata under simple-v16/, and a few large wheels under wheels-v5/ that are
// zip files already, hence incompressible. Sizes follow the target total.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pseudoRandomBytes } from '../test/harness/tarball';
import { prng } from './stats';

export interface GeneratedCache {
  files: number;
  bytes: number;
  largeFiles: number;
  largeBytes: number;
}

/** Share of the total in the large wheels; the rest is small files. */
const LARGE_SHARE = 0.6;
const LARGE_WHEEL_MAX = 48 * 1024 * 1024;

const WORDS = (
  'def class return import from self none true false if else elif for while in not and or is with as try ' +
  'except finally raise yield lambda pass break continue async await value name path data result config ' +
  'request response session client server error message items keys values append extend update get set ' +
  'list dict tuple str int float bytes len range open read write close format join split strip replace ' +
  'logger debug info warning parse load dump encode decode handler context manager options default args ' +
  'kwargs cache key token timeout retry status header body content length offset size index count total'
).split(' ');

function pythonLike(size: number, random: () => number): Buffer {
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const indent = '    '.repeat(Math.floor(random() * 3));
    const count = 3 + Math.floor(random() * 8);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const word = WORDS[Math.floor(random() * WORDS.length)] as string;
      // Identifiers carry some entropy of their own, as real code does.
      words.push(random() < 0.2 ? `${word}_${Math.floor(random() * 1000)}` : word);
    }
    const line = `${indent}${words.join(' ')}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('').slice(0, size));
}

/** Log-uniform sizes between 200 B and 64 KiB: most files are small, a few are not. */
function smallSize(random: () => number): number {
  return Math.round(Math.exp(Math.log(200) + random() * (Math.log(64 * 1024) - Math.log(200))));
}

export async function generateUvCache(dir: string, totalBytes: number): Promise<GeneratedCache> {
  const random = prng(0x5eed);
  const result: GeneratedCache = { files: 0, bytes: 0, largeFiles: 0, largeBytes: 0 };
  const largeTotal = Math.floor(totalBytes * LARGE_SHARE);
  const largeCount = Math.max(1, Math.ceil(largeTotal / LARGE_WHEEL_MAX));
  for (let i = 0; i < largeCount; i++) {
    const size = Math.floor(largeTotal / largeCount);
    const file = path.join(
      dir,
      'wheels-v5',
      'pypi',
      `bigpkg${i}`,
      `bigpkg${i}-1.${i}.0-cp313-cp313-manylinux_2_17_x86_64.whl`,
    );
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, pseudoRandomBytes(size, `wheel-${i}`));
    result.largeFiles++;
    result.largeBytes += size;
  }
  result.files += result.largeFiles;
  result.bytes += result.largeBytes;

  let pkg = 0;
  while (result.bytes < totalBytes) {
    const pkgDir = path.join(
      dir,
      'archive-v0',
      `${(pkg * 2654435761).toString(36).padStart(8, '0')}`,
      `pkg${pkg}`,
    );
    await mkdir(pkgDir, { recursive: true });
    const filesInPkg = 10 + Math.floor(random() * 60);
    for (let f = 0; f < filesInPkg && result.bytes < totalBytes; f++) {
      const size = Math.min(smallSize(random), totalBytes - result.bytes);
      // One file in ten is a compiled extension module: binary, incompressible.
      const binary = random() < 0.1;
      const body = binary ? pseudoRandomBytes(size, `so-${pkg}-${f}`) : pythonLike(size, random);
      await writeFile(
        path.join(pkgDir, binary ? `_ext${f}.cpython-313-x86_64-linux-gnu.so` : `module${f}.py`),
        body,
      );
      result.files++;
      result.bytes += body.length;
    }
    const meta = path.join(dir, 'simple-v16', 'pypi', `pkg${pkg}.rkyv`);
    await mkdir(path.dirname(meta), { recursive: true });
    const metaBody = pythonLike(300 + Math.floor(random() * 2000), random);
    await writeFile(meta, metaBody);
    result.files++;
    result.bytes += metaBody.length;
    pkg++;
  }
  return result;
}
