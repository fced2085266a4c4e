// The image's versions are typed once, in toolchain.json: scripts/image-build-args.mjs turns them into
// build args, and those must be exactly the ARGs the Dockerfile declares from toolchain.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'images/python-ci/Dockerfile'), 'utf8');
const installScript = readFileSync(path.join(root, 'images/python-ci/install-tools.sh'), 'utf8');
const toolchain = JSON.parse(readFileSync(path.join(root, 'toolchain.json'), 'utf8')) as Record<
  string,
  { version?: string; sha256?: Record<string, string> }
>;
/** ARGs that are not versions: what the build fetches from, and what the builder sets. */
const NOT_FROM_TOOLCHAIN = new Set(['BASE_IMAGE', 'MIRROR', 'PYPI_INDEX', 'APT_RETRIES', 'TARGETARCH']);

function generated(): Record<string, string> {
  const lines = execFileSync(process.execPath, [path.join(root, 'scripts/image-build-args.mjs')], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  return Object.fromEntries(
    lines.map((line) => {
      const match = /^--build-arg ([A-Z0-9_]+)=(\S+)$/.exec(line);
      if (!match) throw new Error(`not a build arg line: ${line}`);
      return [match[1], match[2]];
    }),
  );
}

describe('image build args', () => {
  it('are exactly the ARGs the Dockerfile declares (besides mirror, base and builder args)', () => {
    const declared = new Set([...dockerfile.matchAll(/^ARG ([A-Z0-9_]+)/gm)].map((m) => m[1] as string));
    const fromToolchain = [...declared].filter((name) => !NOT_FROM_TOOLCHAIN.has(name)).sort();
    expect(Object.keys(generated()).sort()).toEqual(fromToolchain);
  });

  it('carry the pinned versions and linux sha256 of toolchain.json', () => {
    const args = generated();
    expect(args.IMAGE_VERSION).toBe(readFileSync(path.join(root, 'images/python-ci/VERSION'), 'utf8').trim());
    for (const tool of ['node', 'uv', 'nox', 'helm', 'kubeconform']) {
      expect(args[`${tool.toUpperCase()}_VERSION`]).toBe(toolchain[tool]?.version);
    }
    // Node 24 from the official archive, verified as uv, helm and kubeconform are.
    expect(args.NODE_SHA256_AMD64).toBe(
      toolchain.node?.sha256?.[`node-v${toolchain.node?.version}-linux-x64.tar.xz`],
    );
    expect(args.NODE_SHA256_ARM64).toBe(
      toolchain.node?.sha256?.[`node-v${toolchain.node?.version}-linux-arm64.tar.xz`],
    );
    expect(args.NODE_VERSION).toMatch(/^24\./);
    expect(args.UV_SHA256_AMD64).toBe(toolchain.uv?.sha256?.['uv-x86_64-unknown-linux-gnu.tar.gz']);
    expect(args.UV_SHA256_ARM64).toBe(toolchain.uv?.sha256?.['uv-aarch64-unknown-linux-gnu.tar.gz']);
    expect(args.HELM_SHA256_ARM64).toBe(
      toolchain.helm?.sha256?.[`helm-v${toolchain.helm?.version}-linux-arm64.tar.gz`],
    );
    expect(args.KUBECONFORM_SHA256_AMD64).toBe(
      toolchain.kubeconform?.sha256?.['kubeconform-linux-amd64.tar.gz'],
    );
  });

  it('are the only place versions come from: no pinned version or digest is typed in the image files', () => {
    for (const pinned of Object.values(toolchain)) {
      if (!pinned || typeof pinned !== 'object' || !pinned.version) continue;
      expect(dockerfile).not.toContain(pinned.version);
      expect(installScript).not.toContain(pinned.version);
      for (const digest of Object.values(pinned.sha256 ?? {})) {
        expect(dockerfile).not.toContain(digest);
        expect(installScript).not.toContain(digest);
      }
    }
  });

  it('the base image is pinned by digest, with its tag beside it', () => {
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=python:3\.13-slim@sha256:[0-9a-f]{64}$/m);
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\} AS base$/m);
    expect(dockerfile).toMatch(/^FROM base AS dind$/m);
  });
});
