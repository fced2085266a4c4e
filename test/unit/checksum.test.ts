import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseChecksumFile, redactUrl, sha256File, siblingUrl } from '@ci-kit/download';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('parseChecksumFile', () => {
  it("reads helm's bare digest (.sha256)", () => {
    expect(parseChecksumFile(`${A}\n`, 'helm-v3.16.4-linux-amd64.tar.gz')).toBe(A);
  });
  it("reads one sha256sum line (uv's .sha256, helm's .sha256sum)", () => {
    expect(
      parseChecksumFile(`${B}  uv-x86_64-unknown-linux-gnu.tar.gz\n`, 'uv-x86_64-unknown-linux-gnu.tar.gz'),
    ).toBe(B);
    expect(parseChecksumFile(`${B} *uv.zip`, 'uv.zip')).toBe(B);
  });
  it("matches kubeconform's CHECKSUMS on the file-name column, not on position", () => {
    const list = [
      `${A}  kubeconform-darwin-amd64.tar.gz`,
      `${B}  kubeconform-linux-amd64.tar.gz`,
      `${C}  kubeconform-linux-arm64.tar.gz`,
    ].join('\n');
    expect(parseChecksumFile(list, 'kubeconform-linux-amd64.tar.gz')).toBe(B);
    expect(parseChecksumFile(list, 'kubeconform-linux-arm64.tar.gz')).toBe(C);
  });
  it('returns undefined when the file lists only other assets', () => {
    expect(parseChecksumFile(`${A}  other.tar.gz`, 'wanted.tar.gz')).toBeUndefined();
    expect(parseChecksumFile('<html>not found</html>', 'wanted.tar.gz')).toBeUndefined();
  });
  it('accepts upper-case digests, CRLF line ends and ./ prefixes', () => {
    expect(parseChecksumFile(`${A.toUpperCase()}  ./dist/x.tar.gz\r\n`, 'x.tar.gz')).toBe(A);
  });
});

describe('sha256File', () => {
  it('hashes a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-'));
    try {
      await writeFile(path.join(dir, 'f'), 'abc');
      expect(await sha256File(path.join(dir, 'f'))).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('urls', () => {
  it('never prints credentials', () => {
    expect(redactUrl('https://user:s3cret@mirror.example/x.tgz')).toBe('https://***@mirror.example/x.tgz');
    expect(redactUrl('https://mirror.example/x.tgz')).toBe('https://mirror.example/x.tgz');
  });
  it('finds the checksum file beside the archive', () => {
    expect(siblingUrl('https://h/r/download/v0.7.0/kubeconform-linux-amd64.tar.gz', 'CHECKSUMS')).toBe(
      'https://h/r/download/v0.7.0/CHECKSUMS',
    );
    expect(siblingUrl('file:///srv/mirror/helm.tar.gz', 'helm.tar.gz.sha256sum')).toBe(
      'file:///srv/mirror/helm.tar.gz.sha256sum',
    );
  });
});
