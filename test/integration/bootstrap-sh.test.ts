// bootstrap.sh on this machine, with a PATH made of chosen real commands, for what needs no Debian
// root: input checks (same wording as the node step), strict and install-missing, a clear error off
// Debian and without root, and the official Node tarball path (download with retries, sha256 from
// toolchain.json, tool cache) against the loopback mirror. The apt path runs for real in
// bootstrap-chroot.test.ts.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { sha256Hex } from '../harness/tarball';

const NODE_VERSION = (
  JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as { node: { version: string } }
).node.version;
const NODE_ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';
const NODE_FILE = `node-v${NODE_VERSION}-linux-${NODE_ARCH}.tar.xz`;
/** Commands bootstrap.sh itself uses; every PATH below starts from these. */
const BASE_COMMANDS = [
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

let scratch: string;
let mirror: Mirror;
let nodeTarball: Buffer;

interface Run {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  githubPath: string[];
}

/** A folder of symlinks to the real commands named, so a test decides exactly what "exists". */
function pathWith(commands: string[]): string {
  const dir = path.join(scratch, `path-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  for (const command of commands) {
    const real = execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
    symlinkSync(real, path.join(dir, command));
  }
  return dir;
}

/** An action checkout: actions/setup-prewarmed-runner/bootstrap.sh and toolchain.json two levels up. */
function checkout(nodeSha256: string): string {
  const dir = path.join(scratch, `checkout-${Math.random().toString(36).slice(2)}`);
  const actionDir = path.join(dir, 'actions', 'setup-prewarmed-runner');
  mkdirSync(actionDir, { recursive: true });
  copyFileSync(
    path.join(repoRoot, 'actions/setup-prewarmed-runner/bootstrap.sh'),
    path.join(actionDir, 'bootstrap.sh'),
  );
  const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as {
    node: { sha256: Record<string, string> };
  };
  toolchain.node.sha256[NODE_FILE] = nodeSha256;
  writeFileSync(path.join(dir, 'toolchain.json'), JSON.stringify(toolchain, null, 2));
  return actionDir;
}

async function bootstrap(
  env: Record<string, string>,
  opts: { actionPath?: string; asNobody?: boolean } = {},
): Promise<Run> {
  const actionPath = opts.actionPath ?? path.join(repoRoot, 'actions/setup-prewarmed-runner');
  const runDir = await mkdtemp(path.join(scratch, 'run-'));
  const files = { GITHUB_OUTPUT: path.join(runDir, 'output'), GITHUB_PATH: path.join(runDir, 'path') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  chmodSync(runDir, 0o777);
  for (const file of Object.values(files)) chmodSync(file, 0o666);
  const script = path.join(actionPath, 'bootstrap.sh');
  const [command, args] = opts.asNobody
    ? [
        execFileSync('sh', ['-c', 'command -v setpriv'], { encoding: 'utf8' }).trim(),
        ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/sh', script],
      ]
    : ['/bin/sh', [script]];
  const child = spawn(command as string, args as string[], {
    env: { GITHUB_ACTION_PATH: actionPath, HOME: runDir, ...files, ...env },
    cwd: runDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const githubPath = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean);
  return { code, stdout, outputs, githubPath };
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-bootstrap-sh-'));
  chmodSync(scratch, 0o755); // the non-root test runs commands from here as nobody
  mirror = await startMirror();
  // The official layout: node-v<ver>-linux-<arch>/bin/node (here a script that answers --version).
  const top = `node-v${NODE_VERSION}-linux-${NODE_ARCH}`;
  mkdirSync(path.join(scratch, 'node-src', top, 'bin'), { recursive: true });
  writeFileSync(path.join(scratch, 'node-src', top, 'bin', 'node'), `#!/bin/sh\necho v${NODE_VERSION}\n`, {
    mode: 0o755,
  });
  execFileSync('tar', ['-cJf', path.join(scratch, NODE_FILE), '-C', path.join(scratch, 'node-src'), top]);
  nodeTarball = readFileSync(path.join(scratch, NODE_FILE));
  mirror.addFile(`/dist/v${NODE_VERSION}/${NODE_FILE}`, nodeTarball);
});

afterAll(async () => {
  await mirror?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const ALL_PRESENT = [...BASE_COMMANDS, 'node', 'git', 'curl'];

describe('bootstrap.sh inputs', () => {
  it.each([
    [
      { CI_KIT_TOOLS: 'node pip' },
      "The value 'pip' is not valid for 'tools'. Valid values are: node, git, curl, tar, uv, nox, helm, kubeconform",
    ],
    [{ CI_KIT_STRICT: 'yes' }, "The value 'yes' is not valid for 'strict'. Valid values are: true, false"],
    [
      { CI_KIT_INSTALL_MISSING: '1' },
      "The value '1' is not valid for 'install-missing'. Valid values are: true, false",
    ],
    [
      { CI_KIT_APT_RETRIES: 'many' },
      "The value 'many' is not valid for 'apt-retries'. Valid values are: a whole number from 0 to 20",
    ],
    [
      { CI_KIT_APT_RETRIES: '21' },
      "The value '21' is not valid for 'apt-retries'. Valid values are: a whole number from 0 to 20",
    ],
  ])("rejects %j in the node step's words", async (env, message) => {
    const run = await bootstrap({ PATH: pathWith(ALL_PRESENT), ...env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`::error::setup-prewarmed-runner: ${message}\n`);
  });
});

describe('bootstrap.sh with everything there', () => {
  it('installs nothing, says so in one line, and tells the node step which node to use', async () => {
    const bin = pathWith(ALL_PRESENT);
    const run = await bootstrap({ PATH: bin });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^setup-prewarmed-runner: bootstrap: present: node v\d+\.\d+\.\d+ git curl tar; installed: nothing in \d+ s\n$/,
    );
    expect(run.outputs).toMatchObject({ installed: '', packages: '', node: path.join(bin, 'node') });
  });

  it('needs only node when the job asks for no other system tool', async () => {
    const run = await bootstrap({ PATH: pathWith([...BASE_COMMANDS, 'node']), CI_KIT_TOOLS: 'uv helm' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('installed: nothing');
  });
});

describe('bootstrap.sh when something is missing', () => {
  const noGit = [...BASE_COMMANDS, 'node', 'curl'];

  it('strict: fails at once, naming what is missing', async () => {
    const run = await bootstrap({ PATH: pathWith(noGit), CI_KIT_STRICT: 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::setup-prewarmed-runner: strict: this job is not on the pre-warmed image; missing: git',
    );
  });

  it('install-missing false: leaves git missing, but never node', async () => {
    const withoutGit = await bootstrap({ PATH: pathWith(noGit), CI_KIT_INSTALL_MISSING: 'false' });
    expect(withoutGit.code).toBe(0);
    expect(withoutGit.stdout).toContain('install-missing is false: leaving git missing');
    const withoutNode = await bootstrap({
      PATH: pathWith([...BASE_COMMANDS, 'git', 'curl']),
      CI_KIT_INSTALL_MISSING: 'false',
    });
    expect(withoutNode.code).toBe(1);
    expect(withoutNode.stdout).toContain('node 20 or newer is missing and install-missing is false');
  });

  it('off Debian (no apt-get): a clear error naming the missing commands', async () => {
    const run = await bootstrap({ PATH: pathWith(noGit.filter((c) => c !== 'curl')) });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::setup-prewarmed-runner: missing: git curl; this is not a Debian-based system (no apt-get), so they cannot be installed here',
    );
  });

  it('not root and no sudo: a clear error', async () => {
    // As root, drop to nobody; a test run that is not root already is what this checks.
    const run = await bootstrap(
      { PATH: pathWith([...noGit, 'apt-get']) },
      { asNobody: process.getuid?.() === 0 },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::setup-prewarmed-runner: cannot install git: not running as root and no password-less sudo',
    );
  });
});

describe('bootstrap.sh and the official Node tarball', () => {
  const noNode = [...BASE_COMMANDS, 'git', 'curl'];

  it('downloads it (retrying a 503), verifies it against toolchain.json and keeps it in the tool cache', async () => {
    const actionPath = checkout(sha256Hex(nodeTarball));
    const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'));
    const env = {
      PATH: pathWith(noNode),
      RUNNER_TOOL_CACHE: toolCache,
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist/`,
    };
    mirror.script(`/dist/v${NODE_VERSION}/${NODE_FILE}`, [{ status: 503 }]);

    const run = await bootstrap(env, { actionPath });
    expect(run.code).toBe(0);
    const home = path.join(toolCache, 'node', NODE_VERSION, NODE_ARCH);
    expect(run.outputs).toMatchObject({ installed: 'node:tarball', node: path.join(home, 'bin', 'node') });
    expect(run.githubPath).toEqual([path.join(home, 'bin')]);
    expect(existsSync(`${home}.complete`)).toBe(true);
    expect(mirror.requestsFor(`/dist/v${NODE_VERSION}/${NODE_FILE}`).map((r) => r.status)).toEqual([
      503, 200,
    ]);
    expect(run.stdout).toMatch(
      /bootstrap: present: node v[\d.]+ git curl tar; installed: node:tarball in \d+ s/,
    );

    // Next job on this runner: found in the tool cache, nothing downloaded.
    mirror.reset();
    const again = await bootstrap(env, { actionPath });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`node ${NODE_VERSION} found in the tool cache`);
    expect(again.outputs).toMatchObject({ installed: '', node: path.join(home, 'bin', 'node') });
    expect(mirror.requests).toEqual([]);
  });

  it('refuses a tarball whose sha256 is not the pinned one, and leaves nothing behind', async () => {
    const pinned = 'ab'.repeat(32);
    const actionPath = checkout(pinned);
    const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'));
    const run = await bootstrap(
      { PATH: pathWith(noNode), RUNNER_TOOL_CACHE: toolCache, CI_KIT_NODE_MIRROR: `${mirror.url}/dist` },
      { actionPath },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::setup-prewarmed-runner: sha256 mismatch for ${NODE_FILE}: expected ${pinned} (toolchain.json), got ${sha256Hex(nodeTarball)}`,
    );
    expect(readdirSync(path.join(toolCache, 'node', NODE_VERSION))).toEqual([]);
  });
});
