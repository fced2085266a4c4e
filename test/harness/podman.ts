// Container mode for the e2e runner: podman (Debian's 4.3, as root) serving the Docker API on a unix
// socket of its own, with its storage in a temp folder, and the Debian trixie minbase root from
// scripts/setup-chroot.sh imported as the job image (a stand-in for python:3.13-slim: no Node).
// Settings as in design.md ("Real components"): vfs storage, runc, cgroupfs, host network namespace,
// no default ulimits.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './runner';

export const MINBASE_TARBALL = path.join(repoRoot, '.tools/chroot/debian-trixie-minbase.tar');
export const MINBASE_IMAGE = 'localhost/ci-kit-e2e/trixie-minbase:latest';

export interface Podman {
  /** DOCKER_HOST for act: unix://<socket>. */
  dockerHost: string;
  image: string;
  /** Loads an image archive (`buildah push IMAGE docker-archive:FILE:NAME`) into this podman's storage. */
  load(archive: string): Promise<void>;
  /** Runs `podman <args>` against this podman's storage (what the job's daemon holds): its output. */
  podman(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Why container mode cannot run here, or undefined when it can. */
export function containerModeUnavailable(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => existsSync(path.join(dir, 'podman')));
  if (!onPath) return 'podman is not installed (npm run setup-tools installs it on Debian as root)';
  if (process.getuid?.() !== 0) return 'container mode here needs root (podman as root, runc)';
  return undefined;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${out}`)),
    );
  });
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

/** Pids of processes whose command line mentions `marker` (our own temp folder): conmon leftovers. */
function pidsMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return pids;
}

export interface PodmanOptions {
  /**
   * vfs (default: what design.md found working everywhere here) or overlay (a container starts in
   * under a second instead of copying its whole image: what a job image of 1 GB needs).
   */
  storageDriver?: 'vfs' | 'overlay';
  /**
   * A store of the same driver whose images this podman uses read-only (`--storage-opt
   * <driver>.imagestore=`): test/harness/example-images.ts keeps the template's images there, so
   * nothing is exported or loaded per run.
   */
  imageStore?: string;
  /** Import the trixie minbase root as `image` (default true; the example bench names its own images). */
  minbase?: boolean;
}

/** Mount points under `dir` (deepest first), from /proc/mounts. */
function mountsUnder(dir: string): string[] {
  try {
    return readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((mount) => mount.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

export async function startPodman(opts: PodmanOptions = {}): Promise<Podman> {
  const driver = opts.storageDriver ?? 'vfs';
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-podman-'));
  const conf = path.join(dir, 'containers.conf');
  await writeFile(
    conf,
    [
      '[containers]',
      'default_ulimits = []',
      'netns = "host"',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      '',
    ].join('\n'),
  );
  await mkdir(path.join(dir, 'storage'));
  await mkdir(path.join(dir, 'run'));
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const base = [
    '--root',
    path.join(dir, 'storage'),
    '--runroot',
    path.join(dir, 'run'),
    '--storage-driver',
    driver,
    ...(opts.imageStore ? ['--storage-opt', `${driver}.imagestore=${opts.imageStore}`] : []),
  ];
  const socket = path.join(dir, 'podman.sock');
  let service: ReturnType<typeof spawn> | undefined;

  const stop = async (): Promise<void> => {
    await run('podman', [...base, 'rm', '--all', '--force', '--time', '0'], env).catch(() => '');
    if (service?.pid) {
      try {
        process.kill(-service.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    // conmon keeps failed exec sessions around for minutes (--exit-delay): ours mention our folder.
    for (const pid of pidsMentioning(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // overlay: a mount left by a container podman could not remove would keep files busy.
    for (const mount of mountsUnder(dir)) await run('umount', ['-l', mount], env).catch(() => '');
    await rm(dir, { recursive: true, force: true });
  };

  try {
    if (opts.minbase ?? true) await run('podman', [...base, 'import', MINBASE_TARBALL, MINBASE_IMAGE], env);
    service = spawn('podman', [...base, 'system', 'service', '--time=0', `unix://${socket}`], {
      env,
      stdio: 'ignore',
      detached: true,
    });
    const deadline = Date.now() + 30_000;
    while (!(await ping(socket))) {
      if (Date.now() > deadline) throw new Error(`podman system service did not answer on ${socket}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    dockerHost: `unix://${socket}`,
    image: MINBASE_IMAGE,
    load: async (archive) => {
      await run('podman', [...base, 'load', '--quiet', '--input', archive], env);
    },
    podman: (args) => run('podman', [...base, ...args], env),
    stop: () => (stopping ??= stop()),
  };
}
