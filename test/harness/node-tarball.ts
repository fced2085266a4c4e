// A stand-in for the official Node tarball that bootstrap.sh installs where the distribution has no
// new enough Node: the same name and layout (node-v<ver>-linux-<arch>.tar.xz, one top folder, bin/node), but
// bin/node is a script that answers --version, so a test needs neither nodejs.org nor 25 MB. With it
// comes a toolchain.json that pins its sha256, as the real one pins the real tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './runner';
import { sha256Hex } from './tarball';

export const NODE_VERSION = (
  JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as { node: { version: string } }
).node.version;
export const NODE_ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';
export const NODE_FILE = `node-v${NODE_VERSION}-linux-${NODE_ARCH}.tar.xz`;
/** Where bootstrap.sh asks for it, below CI_KIT_NODE_MIRROR (`<mirror>/v<ver>/<file>`). */
export const NODE_URL_PATH = `/v${NODE_VERSION}/${NODE_FILE}`;

/** The tarball's bytes, made with the system tar and xz in a temporary folder under `scratch`. */
export function fakeNodeTarball(scratch: string): Buffer {
  const work = mkdtempSync(path.join(scratch, 'node-src-'));
  try {
    const top = `node-v${NODE_VERSION}-linux-${NODE_ARCH}`;
    mkdirSync(path.join(work, top, 'bin'), { recursive: true });
    writeFileSync(path.join(work, top, 'bin', 'node'), `#!/bin/sh\necho v${NODE_VERSION}\n`, { mode: 0o755 });
    execFileSync('tar', ['-cJf', path.join(work, NODE_FILE), '-C', work, top]);
    return readFileSync(path.join(work, NODE_FILE));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** This repository's toolchain.json, with the Node tarball of this machine's arch pinned to `sha256`. */
export function toolchainPinning(sha256: string): string {
  const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as {
    node: { sha256: Record<string, string> };
  };
  toolchain.node.sha256[NODE_FILE] = sha256;
  return JSON.stringify(toolchain, null, 2);
}

/** toolchainPinning for the tarball given. */
export function toolchainFor(tarball: Buffer): string {
  return toolchainPinning(sha256Hex(tarball));
}

/** Commands bootstrap.sh itself uses: the PATH a test gives it starts from these (no apt-get, no curl). */
export const BOOTSTRAP_COMMANDS = [
  'sh',
  'date',
  'id',
  'tr',
  'sed',
  'grep',
  'head',
  'cut',
  'uname',
  'mkdir',
  'mktemp',
  'rm',
  'mv',
  'touch',
  'cat',
  'dirname',
  'sleep',
  'env',
  'tar',
  'xz',
  'sha256sum',
];
