// bootstrap.sh for real: a bare Debian trixie root (debootstrap --variant=minbase, the base of
// python:3.13-slim, without node, curl or git), made once per machine by scripts/setup-chroot.sh and
// unpacked fresh for each test, entered with chroot in a private mount and PID namespace (so /proc
// and every process in it go away with the test), with the host's resolv.conf. apt fetches from the
// Debian mirror the root was made from; one test sends it through a loopback proxy that fails the
// first requests, so the retries have to carry it. Another runs it as a user with password-less sudo,
// with the official Node tarball from a loopback mirror. With node-version-min 24, Debian's Node 20 is
// not enough, and the root gets Node 24 LTS from an archive in the official layout (made from the npm
// package's binary, test/harness/node-versions.ts), verified against its sha256. Needs root; takes a
// few minutes.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { startMirror } from '../harness/mirror';
import {
  fakeNodeTarball,
  NODE_ARCH,
  NODE_URL_PATH,
  NODE_VERSION,
  toolchainFor,
  toolchainPinning,
} from '../harness/node-tarball';
import { pinnedNodeArchive } from '../harness/node-versions';

const IN_ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ACTION_IN_ROOT = '/ci-kit/actions/setup-prewarmed-runner';

/** Why this machine cannot run the test, or undefined when it can. */
function cannotChroot(): string | undefined {
  if (process.platform !== 'linux') return 'chroot tests need Linux';
  if (process.getuid?.() !== 0) return 'chroot tests need root (debootstrap, chroot, mount)';
  for (const tool of ['unshare', 'chroot', 'mount', 'tar']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is missing`;
  }
  return undefined;
}

const reason = cannotChroot();
if (reason) console.warn(`bootstrap-chroot tests skipped: ${reason}`);
const describeIfRoot = reason ? describe.skip : describe;

let tarball: string;
const roots: string[] = [];
const servers: Array<{ stop(): Promise<void> }> = [];

/** A fresh copy of the bare root, with the action checkout and the host's resolver config. */
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'ci-kit-chroot-'));
  roots.push(root);
  const unpacked = spawnSync('tar', ['--numeric-owner', '-xf', tarball, '-C', root], { encoding: 'utf8' });
  if (unpacked.status !== 0) throw new Error(`unpacking ${tarball} failed: ${unpacked.stderr}`);
  copyFileSync('/etc/resolv.conf', path.join(root, 'etc/resolv.conf'));
  mkdirSync(path.join(root, ACTION_IN_ROOT), { recursive: true });
  copyFileSync(
    path.join(repoRoot, 'actions/setup-prewarmed-runner/bootstrap.sh'),
    path.join(root, ACTION_IN_ROOT, 'bootstrap.sh'),
  );
  copyFileSync(path.join(repoRoot, 'toolchain.json'), path.join(root, 'ci-kit/toolchain.json'));
  return root;
}

interface InRoot {
  code: number | null;
  output: string;
}

/** Runs a sh command inside the root: own mount and PID namespaces, a clean env as a job container has. */
function inRoot(
  root: string,
  command: string,
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<InRoot> {
  const envArgs = Object.entries({ PATH: IN_ROOT_PATH, HOME: '/root', ...env }).map(([k, v]) => `${k}=${v}`);
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      'sh',
      '-c',
      'mount -t proc proc "$1/proc" && root=$1 && shift && exec chroot "$root" /usr/bin/env -i "$@"',
      'sh',
      root,
      ...envArgs,
      'sh',
      '-c',
      command,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`'${command}' in ${root} did not finish within ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** bootstrap.sh inside the root, the way the composite action runs it; returns its GITHUB_OUTPUT too. */
async function bootstrap(root: string, env: Record<string, string> = {}) {
  writeFileSync(path.join(root, 'ci-kit/output'), '');
  const run = await inRoot(root, `sh ${ACTION_IN_ROOT}/bootstrap.sh`, {
    GITHUB_ACTION_PATH: ACTION_IN_ROOT,
    GITHUB_OUTPUT: '/ci-kit/output',
    ...env,
  });
  const outputs = Object.fromEntries(
    readFileSync(path.join(root, 'ci-kit/output'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const summary = run.output.split('\n').find((line) => line.includes('bootstrap: present:')) ?? '';
  return { ...run, outputs, summary };
}

interface FlakyProxy {
  url: string;
  failed: number;
  forwarded: number;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy (apt's Acquire::http::Proxy) that answers the first `failFirst` requests
 * with 503 and forwards the rest to the Debian mirror they name.
 */
async function startFlakyProxy(failFirst: number): Promise<FlakyProxy> {
  const sockets = new Set<Socket>();
  const state = { failed: 0, forwarded: 0 };
  const server: Server = createServer((req, res) => {
    if (state.failed < failFirst) {
      state.failed++;
      res.writeHead(503, { 'Content-Type': 'text/plain', Connection: 'close' });
      res.end('503 Service Unavailable (test proxy)\n');
      return;
    }
    state.forwarded++;
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = request(req.url ?? '', { method: req.method, headers }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get failed() {
      return state.failed;
    },
    get forwarded() {
      return state.forwarded;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
  servers.push(proxy);
  return proxy;
}

/** The proxy only sees plain-http apt traffic: the root's sources must use an http:// mirror. */
function sourcesAreHttp(root: string): boolean {
  const file = path.join(root, 'etc/apt/sources.list');
  return existsSync(file) && /^deb http:\/\//m.test(readFileSync(file, 'utf8'));
}

describeIfRoot('bootstrap.sh in a bare Debian trixie root', () => {
  beforeAll(() => {
    const made = spawnSync('sh', [path.join(repoRoot, 'scripts/setup-chroot.sh')], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (made.status !== 0) throw new Error(`scripts/setup-chroot.sh failed:\n${made.stderr}`);
    tarball = made.stdout.trim().split('\n').pop() ?? '';
  }, 600_000);

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
  });

  afterAll(async () => {
    await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
  });

  it('starts without node, curl and git', async () => {
    const root = await freshRoot();
    const probe = await inRoot(root, 'for c in node curl git; do command -v $c || echo "no $c"; done');
    expect(probe.output.trim().split('\n')).toEqual(['no node', 'no curl', 'no git']);
  }, 300_000);

  it("installs Node 20 (Debian's), git and curl with apt, and nothing on the second run", async () => {
    const root = await freshRoot();
    const first = await bootstrap(root);
    console.log(`chroot bootstrap, first run: ${first.summary}`);
    expect([first.code, first.code === 0 ? '' : first.output]).toEqual([0, '']);
    expect(first.outputs).toMatchObject({
      installed: 'node:apt git:apt curl:apt',
      packages: 'nodejs git curl ca-certificates',
      node: '/usr/bin/node',
    });
    expect(first.summary).toMatch(
      /present: node v20\.\d+\.\d+ git curl tar; installed: node:apt git:apt curl:apt/,
    );

    const works = await inRoot(
      root,
      'node -e "console.log(process.versions.node)" && git --version && curl --version | head -n 1 && tar --version | head -n 1',
    );
    expect(works.code).toBe(0);
    const [nodeVersion, git, curl, tar] = works.output.trim().split('\n');
    expect(nodeVersion).toMatch(/^20\.\d+\.\d+$/);
    expect(git).toMatch(/^git version /);
    expect(curl).toMatch(/^curl /);
    expect(tar).toMatch(/^tar \(GNU tar\)/);

    const second = await bootstrap(root);
    console.log(`chroot bootstrap, second run: ${second.summary}`);
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({ installed: '', packages: '' });
    expect(second.output).not.toMatch(/apt-get|missing:/);
    expect(second.summary).toMatch(/installed: nothing in \d+ s$/);
  }, 300_000);

  it('gets through a proxy that fails the first requests, on retries', async () => {
    const root = await freshRoot();
    if (!sourcesAreHttp(root)) {
      console.warn(
        "proxy test skipped: the root's apt sources are not plain http, so a proxy cannot see them",
      );
      return;
    }
    const proxy = await startFlakyProxy(4);
    writeFileSync(
      path.join(root, 'etc/apt/apt.conf.d/99ci-kit-test-proxy'),
      `Acquire::http::Proxy "${proxy.url}";\n`,
    );

    const run = await bootstrap(root, { CI_KIT_APT_RETRIES: '5' });
    console.log(
      `chroot bootstrap through a flaky proxy: ${run.summary} (proxy: ${proxy.failed} x 503, ${proxy.forwarded} forwarded)`,
    );
    expect([run.code, run.code === 0 ? '' : run.output]).toEqual([0, '']);
    expect(proxy.failed).toBe(4);
    expect(proxy.forwarded).toBeGreaterThan(4);
    expect(run.outputs.installed).toBe('node:apt git:apt curl:apt');
    expect((await inRoot(root, 'node --version')).output).toMatch(/^v20\./);
  }, 300_000);

  it('fails with one clear line when apt keeps failing', async () => {
    const root = await freshRoot();
    if (!sourcesAreHttp(root)) return;
    const proxy = await startFlakyProxy(Number.MAX_SAFE_INTEGER);
    writeFileSync(
      path.join(root, 'etc/apt/apt.conf.d/99ci-kit-test-proxy'),
      `Acquire::http::Proxy "${proxy.url}";\n`,
    );

    const run = await bootstrap(root, { CI_KIT_APT_RETRIES: '1' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('apt-get update failed (attempt 1 of 2); retrying in 1s');
    expect(run.output).toContain(
      '::error::setup-prewarmed-runner: apt-get update kept failing; could not install: node git curl',
    );
    expect(proxy.forwarded).toBe(0);
  }, 300_000);

  it('as a user with password-less sudo: the official tarball, every root step through sudo', async () => {
    const root = await freshRoot();
    // A job image that runs its steps as a user who may sudo, as Ubuntu's and Debian's runner images
    // do; Debian's mirror gives sudo, as it gives the packages in the tests above.
    const made = await inRoot(
      root,
      [
        'set -e',
        'for i in 1 2 3; do apt-get -q update && apt-get -q install -y --no-install-recommends sudo && break; sleep 5; done',
        'command -v sudo',
        'useradd --create-home --shell /bin/sh ci',
        "echo 'ci ALL=(ALL) NOPASSWD: ALL' >/etc/sudoers.d/ci",
        'chmod 0440 /etc/sudoers.d/ci',
        // As a container runtime does: the host name resolves, or sudo warns on every call.
        'echo "127.0.1.1 $(uname -n)" >>/etc/hosts',
        // trixie's nodejs is 20: with no candidate at all the script has to take the tarball path.
        "printf 'Package: nodejs\\nPin: version *\\nPin-Priority: -1\\n' >/etc/apt/preferences.d/no-nodejs",
      ].join('\n'),
    );
    expect([made.code, made.code === 0 ? '' : made.output]).toEqual([0, '']);
    // The user can sudo, and cannot write the tool cache's parent folder without it.
    const user = await inRoot(
      root,
      'runuser -u ci -- id -u; runuser -u ci -- sudo -n true && echo sudo; runuser -u ci -- touch /opt/probe 2>/dev/null || echo "no write"',
    );
    expect(user.output.trim().split('\n')).toEqual([expect.stringMatching(/^[1-9]\d*$/), 'sudo', 'no write']);

    const mirror = await startMirror();
    servers.push(mirror);
    const tarball = fakeNodeTarball(root);
    mirror.addFile(`/dist${NODE_URL_PATH}`, tarball);
    writeFileSync(path.join(root, 'ci-kit/toolchain.json'), toolchainFor(tarball));
    for (const file of ['output', 'path']) {
      writeFileSync(path.join(root, 'ci-kit', file), '');
      chmodSync(path.join(root, 'ci-kit', file), 0o666);
    }

    const run = await inRoot(root, `runuser -u ci -- env HOME=/home/ci sh ${ACTION_IN_ROOT}/bootstrap.sh`, {
      GITHUB_ACTION_PATH: ACTION_IN_ROOT,
      GITHUB_OUTPUT: '/ci-kit/output',
      GITHUB_PATH: '/ci-kit/path',
      RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
      CI_KIT_TOOLS: 'node',
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist`,
    });
    const summary = run.output.split('\n').find((line) => line.includes('bootstrap: present:')) ?? '';
    console.log(`chroot bootstrap as a sudo user: ${summary}`);
    expect([run.code, run.code === 0 ? '' : run.output]).toEqual([0, '']);
    expect(run.output).toContain(
      "the distribution's nodejs is not available, not 20 or newer: using the official tarball",
    );
    expect(mirror.requestsFor(`/dist${NODE_URL_PATH}`)).toHaveLength(1);

    const home = `/opt/hostedtoolcache/node/${NODE_VERSION}/${NODE_ARCH}`;
    const outputs = Object.fromEntries(
      readFileSync(path.join(root, 'ci-kit/output'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(outputs).toMatchObject({ installed: 'node:tarball', node: `${home}/bin/node` });
    expect(outputs.packages).toContain('curl');
    expect(readFileSync(path.join(root, 'ci-kit/path'), 'utf8')).toBe(`${home}/bin\n`);
    // In the tool cache, complete, and made by root: only sudo could have put it there.
    expect(existsSync(path.join(root, home))).toBe(true);
    expect(existsSync(path.join(root, `${home}.complete`))).toBe(true);
    expect(statSync(path.join(root, home)).uid).toBe(0);
    expect(statSync(path.join(root, `${home}.complete`)).uid).toBe(0);
    const works = await inRoot(root, `runuser -u ci -- ${home}/bin/node --version`);
    expect(works.output).toBe(`v${NODE_VERSION}\n`);
    // Nothing of the staging folder is left beside the entry.
    const listing = await inRoot(root, `ls -A /opt/hostedtoolcache/node/${NODE_VERSION}`);
    expect(listing.output.trim().split('\n').sort()).toEqual([NODE_ARCH, `${NODE_ARCH}.complete`]);
  }, 300_000);
  it("with node-version-min 24: Debian's Node 20 is not enough, so Node 24 LTS comes from the verified archive", async () => {
    const root = await freshRoot();
    const archive = pinnedNodeArchive();
    const mirror = await startMirror();
    servers.push(mirror);
    mirror.addFile(`/dist${archive.urlPath}`, archive.body);
    writeFileSync(path.join(root, 'ci-kit/toolchain.json'), toolchainPinning(archive.sha256));
    writeFileSync(path.join(root, 'ci-kit/path'), '');

    const run = await bootstrap(root, {
      GITHUB_PATH: '/ci-kit/path',
      RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
      CI_KIT_NODE_VERSION_MIN: '24',
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist`,
    });
    console.log(`chroot bootstrap with node-version-min 24: ${run.summary}`);
    expect([run.code, run.code === 0 ? '' : run.output]).toEqual([0, '']);
    expect(run.output).toContain(
      "the distribution's nodejs is 20, not 24 or newer: using the official tarball",
    );
    expect(mirror.requestsFor(`/dist${archive.urlPath}`)).toHaveLength(1);
    const home = `/opt/hostedtoolcache/node/${archive.version}/${NODE_ARCH}`;
    expect(run.outputs).toMatchObject({
      installed: 'git:apt curl:apt node:tarball',
      node: `${home}/bin/node`,
    });
    expect(run.summary).toContain(`present: node v${archive.version} git curl tar`);
    expect(readFileSync(path.join(root, 'ci-kit/path'), 'utf8')).toBe(`${home}/bin\n`);
    // The real Node 24 runs in the bare root, from the tool cache (later steps get it on PATH).
    const works = await inRoot(
      root,
      `PATH=${home}/bin:$PATH node -e "console.log(process.version, typeof fetch)"`,
    );
    expect(works.output.trim()).toBe(`v${archive.version} function`);

    // A second run finds it in the tool cache: no download, nothing installed.
    const second = await bootstrap(root, {
      RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
      CI_KIT_NODE_VERSION_MIN: '24',
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist`,
      PATH: `${home}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    });
    expect([second.code, second.outputs.installed]).toEqual([0, '']);
    expect(mirror.requestsFor(`/dist${archive.urlPath}`)).toHaveLength(1);
  }, 300_000);
});
