import { describe, expect, it } from '@jest/globals';
import type { Platform } from '@ci-kit/runner';
import { detectPlatform } from '@ci-kit/runner';
import {
  planFromDefinition,
  renderUrlTemplate,
  TOOL_DEFINITIONS,
  TOOLCHAIN,
  pinnedSha256,
} from '@ci-kit/tools';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cacheKey, restoreEntry, sameKey, type CacheService } from '@ci-kit/cache';

const linuxX64: Platform = { os: 'linux', arch: 'x64', libc: 'gnu' };
const linuxArm: Platform = { os: 'linux', arch: 'arm64', libc: 'gnu' };
const alpine: Platform = { os: 'linux', arch: 'x64', libc: 'musl' };
const plan = (tool: keyof typeof TOOL_DEFINITIONS, platform: Platform, downloadUrl?: string) =>
  planFromDefinition(TOOL_DEFINITIONS[tool], {
    version: TOOLCHAIN[tool].version,
    platform,
    downloadUrlInput: 'download-url',
    ...(downloadUrl ? { downloadUrl } : {}),
  });

describe('tool definitions follow the upstream release names and layouts', () => {
  it('helm', () => {
    expect(plan('helm', linuxX64)).toMatchObject({
      fileName: 'helm-v3.16.4-linux-amd64.tar.gz',
      url: 'https://get.helm.sh/helm-v3.16.4-linux-amd64.tar.gz',
      binDir: 'linux-amd64',
      binaries: ['helm'],
      checksumFileName: 'helm-v3.16.4-linux-amd64.tar.gz.sha256sum',
    });
  });
  it('kubeconform', () => {
    expect(plan('kubeconform', linuxArm)).toMatchObject({
      fileName: 'kubeconform-linux-arm64.tar.gz',
      url: 'https://github.com/yannh/kubeconform/releases/download/v0.7.0/kubeconform-linux-arm64.tar.gz',
      binDir: '',
      checksumFileName: 'CHECKSUMS',
    });
  });
  it('uv, glibc and musl', () => {
    expect(plan('uv', linuxX64)).toMatchObject({
      fileName: 'uv-x86_64-unknown-linux-gnu.tar.gz',
      url: 'https://github.com/astral-sh/uv/releases/download/0.8.24/uv-x86_64-unknown-linux-gnu.tar.gz',
      binDir: 'uv-x86_64-unknown-linux-gnu',
      binaries: ['uv', 'uvx'],
    });
    expect(plan('uv', alpine).fileName).toBe('uv-x86_64-unknown-linux-musl.tar.gz');
  });
  it('every pinned checksum in toolchain.json names a file our definitions produce', () => {
    const produced = new Set<string>();
    for (const tool of ['helm', 'kubeconform', 'uv'] as const) {
      for (const os of ['linux', 'darwin'] as const) {
        for (const arch of ['x64', 'arm64'] as const) {
          for (const libc of ['gnu', 'musl'] as const) {
            produced.add(TOOL_DEFINITIONS[tool].fileName(TOOLCHAIN[tool].version, { os, arch, libc }));
          }
        }
      }
      for (const file of Object.keys(TOOLCHAIN[tool].sha256 ?? {})) expect(produced).toContain(file);
    }
    expect(pinnedSha256('kubeconform', '0.7.1', 'kubeconform-linux-amd64.tar.gz')).toBeUndefined();
    expect(pinnedSha256('helm', '3.16.4', 'helm-v3.16.4-linux-amd64.tar.gz')).toBe(
      'fc307327959aa38ed8f9f7e66d45492bb022a66c3e5da6063958254b9767d179',
    );
  });
  it('renders a mirror template in the tool words', () => {
    expect(plan('helm', linuxX64, 'https://mirror.example/helm/{version}/{os}-{arch}/{file}').url).toBe(
      'https://mirror.example/helm/3.16.4/linux-amd64/helm-v3.16.4-linux-amd64.tar.gz',
    );
  });
});

describe('renderUrlTemplate', () => {
  const values = { version: '1.0.0', os: 'linux', arch: 'amd64', file: 'x.tgz' };
  it('encodes values so they cannot add path segments or queries', () => {
    expect(
      renderUrlTemplate('https://m/{version}/{file}', { ...values, version: '../../etc?x=1' }, 'u'),
    ).toBe('https://m/..%2F..%2Fetc%3Fx%3D1/x.tgz');
  });
  it('rejects unknown placeholders, naming the input', () => {
    expect(() => renderUrlTemplate('https://m/{ver}', values, 'download-url')).toThrow(
      'download-url: unknown placeholder {ver}',
    );
  });
});

describe('cacheKey', () => {
  it('joins parts and replaces characters the service or restore-keys would misread', () => {
    expect(cacheKey('ci-kit-tool', 'helm', '3.16.4', 'linux', 'x64', 'abc')).toBe(
      'ci-kit-tool-helm-3.16.4-linux-x64-abc',
    );
    expect(cacheKey('a,b', 'c d')).toBe('a_b-c_d');
  });

  it("is lowercase, as Forgejo's cache server stores and returns every key", () => {
    expect(cacheKey('ci-kit-uv', 'linux', 'x64', 'pyPyPy3.10', 'MyApp')).toBe(
      'ci-kit-uv-linux-x64-pypypy3.10-myapp',
    );
    expect(sameKey('ci-kit-uv-abc-myapp', 'ci-kit-uv-abc-MyApp')).toBe(true);
    expect(sameKey('ci-kit-uv-abc-myapp', 'ci-kit-uv-abc-myapp2')).toBe(false);
  });
});

describe('restoreEntry', () => {
  const log = {
    info: () => {},
    warning: () => {},
    debug: () => {},
    group: async <T>(_: string, fn: () => Promise<T>) => fn(),
  };
  /**
   * A service that "downloads" a one-file entry and hands it to tar the way @actions/cache does
   * (`tar -xf <archive> -P -C <root>`, found on PATH): restores go through our guarded tar.
   */
  const serviceReturning = (matched: string | undefined, root: string): CacheService => ({
    available: () => true,
    restore: async () => {
      const source = path.join(root, 'entry-source');
      mkdirSync(path.join(source, 'payload'), { recursive: true });
      writeFileSync(path.join(source, 'payload', 'file'), 'cached');
      const archive = path.join(root, 'entry.tar');
      execFileSync('tar', ['-cf', archive, '-C', source, 'payload']);
      // env given: jest's process.env is not the one child_process reads by default.
      execFileSync('tar', ['-xf', archive, '-P', '-C', root], { env: process.env });
      return matched;
    },
    save: async () => 1,
  });

  it('counts a match that differs from the primary key only in case as an exact hit', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'ci-kit-restore-'));
    try {
      const call = (matched: string) => ({ service: serviceReturning(matched, root), log, root });
      // An entry saved under a key with capitals (an older release) comes back lowercased on Forgejo.
      expect((await restoreEntry(call('ci-kit-uv-abc-myapp'), 'ci-kit-uv-abc-MyApp')).status).toBe('hit');
      expect(
        (await restoreEntry(call('ci-kit-uv-old-myapp'), 'ci-kit-uv-abc-myapp', ['ci-kit-uv-'])).status,
      ).toBe('partial');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('detectPlatform', () => {
  it('prefers the runner variables', () => {
    expect(
      detectPlatform(
        { RUNNER_OS: 'Linux', RUNNER_ARCH: 'ARM64' },
        { platform: 'darwin', arch: 'x64' },
        () => false,
      ),
    ).toEqual(linuxArm);
  });
  it('falls back to node and detects musl', () => {
    expect(detectPlatform({}, { platform: 'linux', arch: 'x64' }, () => true)).toEqual(alpine);
  });
  it('names what is unsupported', () => {
    expect(() => detectPlatform({}, { platform: 'aix', arch: 'ppc64' }, () => false)).toThrow(
      'unsupported platform aix/ppc64',
    );
  });
});
