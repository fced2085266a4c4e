import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const HEX64 = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return HEX64.test(value);
}

/**
 * Reads the digest for `fileName` out of a published checksum file. Three formats exist upstream:
 * - a bare digest (helm's `<asset>.sha256`);
 * - one sha256sum line, `<hex>  <asset>` (uv's `<asset>.sha256`, helm's `.sha256sum`);
 * - a release-wide list of sha256sum lines (kubeconform's `CHECKSUMS`, Node's `SHASUMS256.txt`),
 *   where only the line whose name column is `fileName` counts.
 * Returns undefined when the file names other assets only: never guess from the wrong line.
 */
export function parseChecksumFile(text: string, fileName: string): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const only = lines.length === 1 ? lines[0] : undefined;
  if (only !== undefined && isSha256(only.toLowerCase())) return only.toLowerCase();
  for (const line of lines) {
    const match = /^([0-9a-fA-F]{64})\s+[*]?(.+)$/.exec(line);
    if (!match) continue;
    const [, digest, name] = match as unknown as [string, string, string];
    // Some lists carry a path ("./dist/x.tar.gz"); the asset's base name is what identifies it.
    if (name === fileName || name.split('/').pop() === fileName) return digest.toLowerCase();
  }
  return undefined;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
