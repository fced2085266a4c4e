// bootstrap.sh on this machine, with a PATH made of chosen real commands, for what needs no Debian
// root: input checks (same wording as the node step), strict and install-missing, a clear error off
// Debian and without root, and the official Node tarball path (download with retries, sha256 from
// toolchain.json, tool cache, time limits, a peer job racing for the same tool-cache entry) against
// the loopback mirror. The apt and sudo paths run for real in bootstrap-chroot.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { sha256Hex } from '../harness/tarball';
import {
  fakeNodeTarball,
  NODE_ARCH,
  NODE_FILE,
  NODE_URL_PATH,
  NODE_VERSION,
  toolchainPinning,
  BOOTSTRAP_COMMANDS as BASE_COMMANDS,
} from '../harness/node-tarball';

let scratch: string;
let mirror: Mirror;
let nodeTarball: Buffer;
/** Runs not finished yet (a test that timed out), each its own process group: killed after each test. */
const running = new Set<ChildProcess>();

interface Run {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  githubPath: string[];
}

/** Where a command is on this machine. */
function which(command: string): string {
  return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
}

/** A folder of symlinks to the real commands named, so a test decides exactly what "exists". */
function pathWith(commands: string[]): string {
  const dir = path.join(scratch, `path-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  for (const command of commands) {
    symlinkSync(which(command), path.join(dir, command));
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
  writeFileSync(path.join(dir, 'toolchain.json'), toolchainPinning(nodeSha256));
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
    detached: true,
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
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
  nodeTarball = fakeNodeTarball(scratch);
  mirror.addFile(`/dist${NODE_URL_PATH}`, nodeTarball);
});

afterEach(() => {
  // A run still going is a test that timed out (a download that never ends): its whole group goes.
  for (const child of running) if (child.pid) process.kill(-child.pid, 'SIGKILL');
  running.clear();
  mirror.reset();
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

  // The download limits follow the node actions' rule and words (packages/download/src/timeouts.ts).
  it.each([
    ['CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS', 'soon'],
    ['CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS', '0'],
    ['CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS', '.5'],
    ['CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS', '-1'],
    ['CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS', '21600.5'],
    ['CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS', '99999999999999999999'],
  ])('rejects %s=%s in one line naming the variable', async (name, value) => {
    const run = await bootstrap({ PATH: pathWith(ALL_PRESENT), [name]: value });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `::error::setup-prewarmed-runner: The value '${value}' is not valid for ${name}. Valid values are: a number of seconds above 0 and up to 21600 (e.g. 30 or 0.5)\n`,
    );
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

  it('starts node once on the fast path (the summary reuses the version the check read)', async () => {
    const bin = pathWith(without(ALL_PRESENT, 'node'));
    const starts = path.join(bin, 'node-starts');
    shim(bin, 'node', `echo started >> ${q(starts)}\necho v20.19.5`);
    const run = await bootstrap({ PATH: bin });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('present: node v20.19.5 git curl tar');
    expect(readFileSync(starts, 'utf8')).toBe('started\n');
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

    const runnerTemp = await mkdtemp(path.join(scratch, 'runner-temp-'));
    const job = {
      RUNNER_TEMP: runnerTemp,
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'node job',
    };
    const run = await bootstrap({ ...env, ...job }, { actionPath });
    expect(run.code).toBe(0);
    const home = path.join(toolCache, 'node', NODE_VERSION, NODE_ARCH);
    expect(run.outputs).toMatchObject({ installed: 'node:tarball', node: path.join(home, 'bin', 'node') });
    // Its telemetry line, in the job's file (the name telemetry.ts gives it): the 503 by host and reason.
    const records = readFileSync(path.join(runnerTemp, 'ci-kit-telemetry-42-1-node_job.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      expect.objectContaining({
        v: 1,
        action: 'setup-prewarmed-runner/bootstrap',
        outcome: 'success',
        retries: [{ host: new URL(mirror.url).host, reason: 'http-503', delayMs: 1000 }],
        bytes: nodeTarball.length,
      }),
    ]);
    expect(Object.keys(records[0]?.ms as object)).toEqual(['node download', 'total']);
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
    // A fresh job container has no node on PATH: the entry goes on PATH for the later steps.
    expect(again.githubPath).toEqual([path.join(home, 'bin')]);
    expect(mirror.requests).toEqual([]);
  });

  it('a 404 on the Node download is permanent: one request, one error, no retry loop', async () => {
    const actionPath = checkout(sha256Hex(nodeTarball));
    const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'));
    const started = Date.now();
    const run = await bootstrap(
      {
        PATH: pathWith(noNode),
        RUNNER_TOOL_CACHE: toolCache,
        CI_KIT_NODE_MIRROR: `${mirror.url}/no-such-folder`,
        CI_KIT_APT_RETRIES: '6',
      },
      { actionPath },
    );
    expect(run.code).toBe(1);
    expect(mirror.requestsFor(`/no-such-folder/v${NODE_VERSION}/${NODE_FILE}`).map((r) => r.status)).toEqual([
      404,
    ]);
    expect(run.stdout).not.toContain('retrying in');
    expect(run.stdout).toContain(`could not download ${NODE_FILE}`);
    expect(run.stdout).toContain('HTTP 404');
    // Six retries waited 1+2+4+8+16+30 s before; one attempt takes well under that.
    expect(Date.now() - started).toBeLessThan(10_000);
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

/** A word for sh: single-quoted. */
function q(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Puts a sh script named `name` into the PATH folder `bin`, in place of the real command. */
function shim(bin: string, name: string, body: string): void {
  writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/** A job that has to take the tarball path (no node), with its own PATH folder and tool cache. */
async function tarballRun(commands: string[], env: Record<string, string> = {}) {
  const bin = pathWith(commands);
  const toolCache = await mkdtemp(path.join(scratch, 'tool-cache-'));
  const home = path.join(toolCache, 'node', NODE_VERSION, NODE_ARCH);
  const actionPath = checkout(sha256Hex(nodeTarball));
  const run = () =>
    bootstrap(
      { PATH: bin, RUNNER_TOOL_CACHE: toolCache, CI_KIT_NODE_MIRROR: `${mirror.url}/dist`, ...env },
      { actionPath },
    );
  return { bin, home, versionDir: path.dirname(home), run };
}

const NO_NODE = [...BASE_COMMANDS, 'git', 'curl'];
const without = (commands: string[], name: string) => commands.filter((c) => c !== name);

describe('bootstrap.sh download time limits', () => {
  /** The value after `flag` in a logged curl command line. */
  const flag = (line: string, name: string) => line.split(' ')[line.split(' ').indexOf(name) + 1];

  it('passes them to curl in whole seconds, rounded up (30 and 600 by default)', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{}, '30', '600'],
      [
        { CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS: '0.5', CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: ' 2.1 ' },
        '1',
        '3',
      ],
    ];
    for (const [env, idle, attempt] of cases) {
      const calls = path.join(scratch, `curl-calls-${Math.random().toString(36).slice(2)}`);
      const job = await tarballRun(without(NO_NODE, 'curl'), env);
      shim(job.bin, 'curl', `printf '%s\\n' "$*" >>${q(calls)}\nexec ${q(which('curl'))} "$@"`);
      const run = await job.run();
      expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
      const [line = ''] = readFileSync(calls, 'utf8').split('\n');
      expect({
        connect: flag(line, '--connect-timeout'),
        speedLimit: flag(line, '--speed-limit'),
        speedTime: flag(line, '--speed-time'),
        maxTime: flag(line, '--max-time'),
      }).toEqual({ connect: idle, speedLimit: '1', speedTime: idle, maxTime: attempt });
    }
  });

  it('ends an attempt that stalls after a few bytes, and gets the file on the next one', async () => {
    // Headers and the first bytes, then silence (see Fault 'stall'); the second request is served whole.
    mirror.script(`/dist${NODE_URL_PATH}`, [{ kind: 'stall' }]);
    const job = await tarballRun(NO_NODE, { CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS: '2' });
    const run = await job.run();
    expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
    expect(run.stdout).toContain(
      `download of ${mirror.url}/dist${NODE_URL_PATH} stalled: no data for 2 s (CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS)`,
    );
    expect(run.stdout).toContain(`download of ${NODE_FILE} failed (attempt 1 of 6); retrying in 1s`);
    // Two requests: the stalled one, then the whole file.
    expect(mirror.requestsFor(`/dist${NODE_URL_PATH}`).map((r) => r.fault)).toEqual([
      { kind: 'stall' },
      undefined,
    ]);
    expect(run.outputs.installed).toBe('node:tarball');
    expect(existsSync(`${job.home}.complete`)).toBe(true);
  }, 30_000); // the bound: without a stall limit the first attempt never ends

  it('ends an attempt that is not done after CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS', async () => {
    // Bytes stop for a minute, within the idle limit of 30 s only for the first half of it.
    mirror.script(`/dist${NODE_URL_PATH}`, [{ kind: 'stall', ms: 60_000 }]);
    const job = await tarballRun(NO_NODE, { CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: '2' });
    const run = await job.run();
    expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
    expect(run.stdout).toContain(
      `download of ${mirror.url}/dist${NODE_URL_PATH} timed out: not done after 2 s (CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS)`,
    );
    expect(mirror.requestsFor(`/dist${NODE_URL_PATH}`)).toHaveLength(2);
  }, 30_000);
});

describe('bootstrap.sh checking the tarball', () => {
  it('says the file could not be read, never "sha256 mismatch ... got" with an empty digest', async () => {
    // As sha256sum does on a file it may not read (the old sudo path: a root-only staging folder).
    const job = await tarballRun(without(NO_NODE, 'sha256sum'));
    shim(job.bin, 'sha256sum', 'echo "sha256sum: $1: Permission denied" >&2\nexit 1');
    const run = await job.run();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::setup-prewarmed-runner: could not read the downloaded ${NODE_FILE} to check its sha256`,
    );
    expect(run.stdout).not.toContain('sha256 mismatch');
    expect(readdirSync(job.versionDir)).toEqual([]);
  });
});

describe('bootstrap.sh and a peer job on the same tool cache', () => {
  /**
   * A peer job, injected at the worst moment: an `mv` first on PATH that, when asked to move the
   * staging tree (…/root) to the entry, first makes the entry itself as a peer would (its own copy of
   * node and a file of its own), then runs the real mv. With `completes`, the peer writes its
   * .complete a second later, as a peer between its rename and its marker.
   */
  function peerJob(bin: string, home: string, completes: boolean): { settled(): Promise<void> } {
    const pidFile = path.join(scratch, `peer-${Math.random().toString(36).slice(2)}.pid`);
    shim(
      bin,
      'mv',
      [
        "prev=''",
        "last=''",
        'for arg; do prev=$last; last=$arg; done',
        `if [ "$last" = ${q(home)} ] && [ ! -e ${q(home)} ]; then`,
        '  case "$prev" in',
        '    */root)',
        `      ${q(which('mkdir'))} -p ${q(home)}`,
        `      ${q(which('cp'))} -R "$prev/." ${q(home)}`,
        `      echo peer >${q(path.join(home, 'peer-entry'))}`,
        completes
          ? `      ( ${q(which('sleep'))} 1; : >${q(`${home}.complete`)} ) >/dev/null 2>&1 &\n      echo $! >${q(pidFile)}`
          : '      :',
        '      ;;',
        '  esac',
        'fi',
        `exec ${q(which('mv'))} "$@"`,
      ].join('\n'),
    );
    return {
      // The peer's marker writer, if it started, has finished (it takes a second).
      async settled() {
        if (!existsSync(pidFile)) return;
        const pid = Number(readFileSync(pidFile, 'utf8'));
        for (let i = 0; i < 50; i++) {
          try {
            process.kill(pid, 0);
          } catch {
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        process.kill(pid, 'SIGKILL');
      },
    };
  }

  it('a peer makes the entry just before the rename: no nesting, the peer entry is used once complete', async () => {
    const job = await tarballRun(without(NO_NODE, 'mv'));
    const peer = peerJob(job.bin, job.home, true);
    try {
      const run = await job.run();
      expect({ code: run.code, nested: existsSync(path.join(job.home, 'root')) }).toEqual({
        code: 0,
        nested: false,
      });
      expect(run.stdout).toContain(`another job put node ${NODE_VERSION} into ${job.home} first: using it`);
      expect(existsSync(path.join(job.home, 'peer-entry'))).toBe(true);
      expect(existsSync(`${job.home}.complete`)).toBe(true);
      expect(execFileSync(path.join(job.home, 'bin', 'node'), ['--version'], { encoding: 'utf8' })).toBe(
        `v${NODE_VERSION}\n`,
      );
      expect(run.outputs).toMatchObject({ installed: '', node: path.join(job.home, 'bin', 'node') });
      expect(run.githubPath).toEqual([path.join(job.home, 'bin')]);
      // Nothing of this job's staging folder is left.
      expect(readdirSync(job.versionDir).sort()).toEqual([NODE_ARCH, `${NODE_ARCH}.complete`]);
    } finally {
      await peer.settled();
    }
  }, 30_000);

  it("a peer's entry that never completes: one clear error, the peer's entry left alone", async () => {
    const job = await tarballRun(without(NO_NODE, 'mv'));
    peerJob(job.bin, job.home, false);
    const run = await job.run();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::setup-prewarmed-runner: could not put node ${NODE_VERSION} into ${job.home}: `,
    );
    expect(run.stdout).toContain("another job's entry there is not complete after 5 s (run the job again)");
    expect(existsSync(path.join(job.home, 'peer-entry'))).toBe(true);
    expect(existsSync(path.join(job.home, 'root'))).toBe(false);
    expect(readdirSync(job.versionDir)).toEqual([NODE_ARCH]);
  }, 30_000);

  it('a broken entry (marker there, node not working) is renamed aside and replaced', async () => {
    const job = await tarballRun(NO_NODE);
    mkdirSync(path.join(job.home, 'bin'), { recursive: true });
    writeFileSync(path.join(job.home, 'bin', 'node'), 'not a program', { mode: 0o755 });
    writeFileSync(path.join(job.home, 'left-over'), '');
    writeFileSync(`${job.home}.complete`, '');
    const run = await job.run();
    expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
    expect(run.outputs.installed).toBe('node:tarball');
    expect(existsSync(path.join(job.home, 'left-over'))).toBe(false);
    expect(execFileSync(path.join(job.home, 'bin', 'node'), ['--version'], { encoding: 'utf8' })).toBe(
      `v${NODE_VERSION}\n`,
    );
    expect(readdirSync(job.versionDir).sort()).toEqual([NODE_ARCH, `${NODE_ARCH}.complete`]);
  });
});

// Issue 28, item 4, in shell: curl sends CI_KIT_NODE_MIRROR's user:password@ (as Basic auth, to that
// host only), but neither the log, the ::error:: line nor curl's command line (which every process on
// the host can read) may show it; a 401 says the mirror refused the credentials.
describe('bootstrap.sh and mirror credentials', () => {
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const nodePath = `/dist/v${NODE_VERSION}/${NODE_FILE}`;
  const withUser = (pw: string) => `${mirror.url.replace('http://', `http://ci:${pw}@`)}/dist`;

  it('sends them to the mirror and prints the URL as ***@, never on curl’s command line', async () => {
    mirror.requireBasicAuth(nodePath, 'ci', password);
    const calls = path.join(scratch, `curl-calls-${Math.random().toString(36).slice(2)}`);
    const job = await tarballRun(without(NO_NODE, 'curl'), { CI_KIT_NODE_MIRROR: withUser(password) });
    shim(job.bin, 'curl', `printf '%s\\n' "$*" >>${q(calls)}\nexec ${q(which('curl'))} "$@"`);
    const run = await job.run();
    expect([run.code, run.code === 0 ? '' : run.stdout]).toEqual([0, '']);
    expect(mirror.requestsFor(nodePath).map((r) => [r.status, r.authorization])).toEqual([
      [200, `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`],
    ]);
    expect(run.stdout).toMatch(/downloading http:\/\/\*\*\*@127\.0\.0\.1:\d+\/dist\/v/);
    expect(run.stdout).not.toContain(password);
    expect(readFileSync(calls, 'utf8')).not.toContain(password);
  });

  it('wrong ones: one ::error:: line saying the mirror refused the credentials, without them', async () => {
    mirror.requireBasicAuth(nodePath, 'ci', password);
    const job = await tarballRun(NO_NODE, { CI_KIT_NODE_MIRROR: withUser('wrong-password') });
    const run = await job.run();
    expect(run.code).toBe(1);
    // Permanent: another attempt with the same credentials gets the same answer.
    expect(mirror.requestsFor(nodePath)).toHaveLength(1);
    expect(run.stdout).not.toContain('wrong-password');
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::setup-prewarmed-runner: could not download ${NODE_FILE.replace(/\./g, '\\.')} from http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+/dist/v[^ ]+: HTTP 401; the mirror refused the credentials in CI_KIT_NODE_MIRROR`,
        ),
      ),
    ]);
  });

  it('a token in the query is printed as ***', async () => {
    // A mirror URL holding a query is unusual (the file's path is appended), but it must not leak either.
    const job = await tarballRun(NO_NODE, {
      CI_KIT_NODE_MIRROR: `${mirror.url}/dist?X-Amz-Signature=${password}&token=${password}&v=1`,
      CI_KIT_APT_RETRIES: '0',
    });
    const run = await job.run();
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(password);
    expect(run.stdout).toContain('/dist?X-Amz-Signature=***&token=***&v=1/v');
  });
});

// Issue 28, item 2, in shell: anyone who can write the runner's tool cache can rewrite the Node entry
// bootstrap.sh made, and its marker. On a hit the entry is checked against the pin in toolchain.json
// before anything of it runs: the verified tarball kept in the entry must have the pinned sha256, and
// bin/node must be that tarball's, byte for byte; else one warning and a fresh verified install.
describe('bootstrap.sh and a tampered Node entry in the tool cache', () => {
  const warnings = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::warning::'));
  /** A node that answers --version as the pinned one, and leaves `marker` when it runs. */
  const poison = (marker: string) => `#!/bin/sh\necho v${NODE_VERSION}\necho poisoned >>'${marker}'\n`;
  const replaced = (home: string, what: string) =>
    `::warning::setup-prewarmed-runner: tool cache entry ${home} is not the pinned node ${NODE_VERSION}: ${what}; not used, replaced by a fresh verified install`;

  it.each([
    [
      'bin/node overwritten with a script that answers --version',
      (home: string, bad: string) => writeFileSync(path.join(home, 'bin', 'node'), bad, { mode: 0o755 }),
      "bin/node is not the pinned tarball's",
    ],
    [
      'an entry planted whole (no kept tarball)',
      (home: string, bad: string) => {
        rmSync(path.join(home, '.ci-kit'), { recursive: true, force: true });
        writeFileSync(path.join(home, 'bin', 'node'), bad, { mode: 0o755 });
      },
      'holds no verified tarball to check it against (planted, or made by a ci-kit before 2026-12)',
    ],
    [
      'the kept tarball replaced too',
      (home: string, bad: string) => {
        writeFileSync(path.join(home, 'bin', 'node'), bad, { mode: 0o755 });
        for (const name of readdirSync(path.join(home, '.ci-kit')))
          writeFileSync(path.join(home, '.ci-kit', name), 'another tarball');
      },
      'its kept tarball has sha256 ',
    ],
  ] as Array<[string, (home: string, bad: string) => void, string]>)(
    '%s: one warning, never run, replaced',
    async (_name, tamper, what) => {
      const job = await tarballRun(NO_NODE);
      const first = await job.run();
      expect(first.code).toBe(0);
      expect(first.outputs.installed).toBe('node:tarball');
      const marker = path.join(scratch, `ran-${Math.random().toString(36).slice(2)}`);
      tamper(job.home, poison(marker));
      const second = await job.run();
      expect(second.code).toBe(0);
      expect(warnings(second.stdout)).toEqual([
        expect.stringContaining(replaced(job.home, what).split(what)[0] as string),
      ]);
      expect(warnings(second.stdout)[0]).toContain(what);
      expect(warnings(second.stdout)[0]).toMatch(/not used, replaced by a fresh verified install$/);
      expect(second.outputs.installed).toBe('node:tarball');
      expect(readFileSync(path.join(job.home, 'bin', 'node'), 'utf8')).not.toContain('poisoned');
      // The planted node was never started, not even to ask its version.
      expect(existsSync(marker)).toBe(false);
      const third = await job.run();
      expect(warnings(third.stdout)).toEqual([]);
      expect(third.stdout).toContain(`node ${NODE_VERSION} found in the tool cache`);
    },
  );
});
