// Versions read without starting the tool must be the version the tool would print, or nothing: on any
// doubt the caller runs `<tool> --version`, so "undefined" is always a safe answer and a wrong version
// never is.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeVersionIfRunning, noxVersionFromMetadata } from '../src/static-version';

const VERSION = '2026.10.20';
const ENTRY = `import sys\nfrom nox.__main__ import main\nif __name__ == "__main__":\n    sys.exit(main())\n`;
const RELOCATABLE = `#!/bin/sh\n'''exec' "$(dirname -- "$(realpath -- "$0")")"/'python' "$0" "$@"\n' '''\n`;

let dir: string;
let venv: string;

/** A venv as uv makes it: bin/python (a link to a real executable), bin/nox, one nox dist-info. */
function makeVenv(root: string, { shebang = `#!${root}/bin/python\n`, version = VERSION } = {}): string {
  mkdirSync(path.join(root, 'bin'), { recursive: true });
  symlinkSync(process.execPath, path.join(root, 'bin', 'python'));
  const script = path.join(root, 'bin', 'nox');
  writeFileSync(script, `${shebang}# -*- coding: utf-8 -*-\n${ENTRY}`);
  chmodSync(script, 0o755);
  distInfo(root, version);
  return script;
}

function distInfo(
  root: string,
  version: string,
  metadata = `Metadata-Version: 2.4\nName: nox\nVersion: ${version}\n`,
) {
  const info = path.join(root, 'lib', 'python3.13', 'site-packages', `nox-${version}.dist-info`);
  mkdirSync(info, { recursive: true });
  writeFileSync(path.join(info, 'METADATA'), metadata);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ci-kit-static-version-'));
  venv = path.join(dir, 'venv');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("nox's version from its metadata", () => {
  it('reads the venv the shebang names, also through a link on PATH as the image has it', () => {
    const script = makeVenv(venv);
    expect(noxVersionFromMetadata(script)).toBe(VERSION);
    const onPath = path.join(dir, 'nox');
    symlinkSync(script, onPath);
    expect(noxVersionFromMetadata(onPath)).toBe(VERSION);
  });

  it("reads uv's relocatable venvs (the tool cache's nox), whose python sits beside the script", () => {
    const script = makeVenv(venv, { shebang: RELOCATABLE });
    expect(noxVersionFromMetadata(script)).toBe(VERSION);
  });

  it('gives up when the interpreter is gone, so that running nox reports the broken venv', () => {
    const script = makeVenv(venv);
    unlinkSync(path.join(venv, 'bin', 'python'));
    symlinkSync(path.join(dir, 'no-such-python'), path.join(venv, 'bin', 'python'));
    expect(noxVersionFromMetadata(script)).toBeUndefined();
  });

  it('gives up when the interpreter is not executable', () => {
    const python = path.join(dir, 'python');
    writeFileSync(python, '');
    chmodSync(python, 0o644);
    const script = makeVenv(venv, { shebang: `#!${python}\n` });
    expect(noxVersionFromMetadata(script)).toBeUndefined();
  });

  it('gives up on two nox dist-infos (an upgrade left behind), where only running tells', () => {
    const script = makeVenv(venv);
    distInfo(venv, '2025.5.1');
    expect(noxVersionFromMetadata(script)).toBeUndefined();
  });

  it('gives up when METADATA disagrees with its folder, or is missing', () => {
    const script = makeVenv(venv);
    distInfo(venv, VERSION, `Name: nox\nVersion: 2025.5.1\n`);
    expect(noxVersionFromMetadata(script)).toBeUndefined();
    rmSync(path.join(venv, 'lib', 'python3.13', 'site-packages', `nox-${VERSION}.dist-info`, 'METADATA'));
    expect(noxVersionFromMetadata(script)).toBeUndefined();
  });

  it('gives up on a script that is not nox, another trampoline, or a missing file', () => {
    const notNox = makeVenv(venv);
    writeFileSync(notNox, `#!${venv}/bin/python\nprint("${VERSION}")\n`);
    expect(noxVersionFromMetadata(notNox)).toBeUndefined();
    writeFileSync(notNox, `#!/bin/sh\nexec python3 -m nox "$@"\n${ENTRY}`);
    expect(noxVersionFromMetadata(notNox)).toBeUndefined();
    writeFileSync(notNox, `#!/usr/bin/env python3\n${ENTRY}`);
    expect(noxVersionFromMetadata(notNox)).toBeUndefined();
    expect(noxVersionFromMetadata(path.join(dir, 'nothing'))).toBeUndefined();
  });
});

describe("node's version from the running process", () => {
  const running = { execPath: process.execPath, version: 'v20.19.5' };

  it('is the running version when node on PATH is this executable, also through a link', () => {
    expect(nodeVersionIfRunning(process.execPath, running)).toBe('20.19.5');
    const link = path.join(dir, 'node');
    symlinkSync(process.execPath, link);
    expect(nodeVersionIfRunning(link, running)).toBe('20.19.5');
  });

  it('is unknown for another node, or one that is gone', () => {
    const other = path.join(dir, 'node');
    writeFileSync(other, '#!/bin/sh\necho v18.0.0\n');
    expect(nodeVersionIfRunning(other, running)).toBeUndefined();
    expect(nodeVersionIfRunning(path.join(dir, 'gone'), running)).toBeUndefined();
  });
});
