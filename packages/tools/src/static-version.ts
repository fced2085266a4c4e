// Versions read without starting the tool. setup-prewarmed-runner checks every tool on every job, in
// parallel on a runner that often has two cores: `nox --version` starts Python and imports nox (about
// 0.1 s of CPU, the slowest probe by far), and `node --version` starts a second Node beside the one
// running the check. Each reader follows only links it can verify and gives up (undefined) on anything
// unexpected; the caller then runs `<tool> --version` as before, so the fallback is the old behaviour.
import {
  accessSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  closeSync,
  realpathSync,
} from 'node:fs';
import path from 'node:path';

/**
 * The version of the nox that the console script `script` starts, from its installed metadata: the
 * script's shebang names its venv's interpreter (which must be executable), and that venv's
 * site-packages must hold exactly one nox-<version>.dist-info whose METADATA says the same version.
 */
export function noxVersionFromMetadata(script: string): string | undefined {
  const head = readHead(script, 4096);
  if (!head) return undefined;
  if (!/^from nox\.__main__ import main$/m.test(head)) return undefined;
  const interpreter = scriptInterpreter(script, head);
  if (!interpreter) return undefined;
  try {
    accessSync(interpreter, constants.X_OK);
    realpathSync(interpreter); // a venv whose base Python is gone has a dangling bin/python
  } catch {
    return undefined;
  }
  // <venv>/bin/python: the venv is two levels up from the interpreter as written, not as resolved.
  const prefix = path.dirname(path.dirname(interpreter));
  const found: { dir: string; version: string }[] = [];
  for (const lib of listDir(path.join(prefix, 'lib')).filter((name) => /^python3\.\d+$/.test(name))) {
    const sitePackages = path.join(prefix, 'lib', lib, 'site-packages');
    for (const name of listDir(sitePackages)) {
      const match = /^nox-([^-]+)\.dist-info$/.exec(name);
      if (match?.[1]) found.push({ dir: path.join(sitePackages, name), version: match[1] });
    }
  }
  const [only] = found;
  if (!only || found.length !== 1) return undefined;
  let metadata: string;
  try {
    metadata = readFileSync(path.join(only.dir, 'METADATA'), 'utf8');
  } catch {
    return undefined;
  }
  const name = /^Name:\s*(\S+)\s*$/m.exec(metadata)?.[1];
  const version = /^Version:\s*(\S+)\s*$/m.exec(metadata)?.[1];
  if (name?.toLowerCase() !== 'nox' || version !== only.version) return undefined;
  return version;
}

/**
 * The running Node's version when `node` on PATH is this very executable (`nodeOnPath`, as found on
 * PATH): the answer `node --version` would print, without starting it.
 */
export function nodeVersionIfRunning(
  nodeOnPath: string,
  running: { execPath: string; version: string } = process,
): string | undefined {
  try {
    if (realpathSync(nodeOnPath) !== realpathSync(running.execPath)) return undefined;
  } catch {
    return undefined;
  }
  return running.version.replace(/^v/, '');
}

/**
 * The Python a console script runs on: `#!/abs/path/python` as pip and uv write it, or the python
 * beside the script for uv's relocatable venvs (the tool cache's nox), whose first lines are
 * `#!/bin/sh` and `'''exec' "$(dirname -- "$(realpath -- "$0")")"/'python' "$0" "$@"`.
 */
function scriptInterpreter(script: string, head: string): string | undefined {
  const direct = /^#!(\/\S+)[ \t]*\r?\n/.exec(head)?.[1];
  if (direct && direct !== '/bin/sh') return direct;
  const relocatable = `#!/bin/sh\n'''exec' "$(dirname -- "$(realpath -- "$0")")"/'python' "$0" "$@"\n`;
  if (!head.startsWith(relocatable)) return undefined;
  try {
    return path.join(path.dirname(realpathSync(script)), 'python');
  } catch {
    return undefined;
  }
}

function readHead(file: string, bytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
