// The apt-get phase of a bare python:3.13-slim job, measured apart from the job loop in Debian trixie
// minbase roots (scripts/setup-chroot.sh, the same stand-in the bootstrap tests use) against this
// machine's Debian mirror. It depends on the network, so it is not repeated in the loop: two samples
// of each side per bench run, in the order bootstrap.sh, seed, seed, bootstrap.sh, so that a caching
// proxy or a mirror that warms up favours neither. Skipped in smoke mode, or without root or the root
// tarball; a failure (no mirror) is reported, not fatal.
//
// Each sample gets a fresh root: the seed's own commands (apt-get update, then install nodejs git curl
// ca-certificates), or our bootstrap.sh doing the same work with retries.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../test/harness/runner';
import { median } from './stats';

export interface AptOnce {
  measured: boolean;
  /** Why not measured, or what failed. */
  note: string;
  /** Medians of the samples. */
  seedUpdateMs: number;
  seedInstallMs: number;
  bootstrapMs: number;
  /** Every sample, for the report: seed = update + install. */
  seedSamples: number[];
  bootstrapSamples: number[];
}

const ROOT_TARBALL = path.join(repoRoot, '.tools/chroot/debian-trixie-minbase.tar');
const APT_TIMEOUT_MS = 5 * 60_000;
const PACKAGES = ['nodejs', 'git', 'curl', 'ca-certificates'];
const CHROOT_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'HOME=/root',
  'LANG=C.UTF-8',
  'DEBIAN_FRONTEND=noninteractive',
];
const ORDER = ['bootstrap', 'seed', 'seed', 'bootstrap'] as const;

export function aptSkipped(note: string): AptOnce {
  return {
    measured: false,
    note,
    seedUpdateMs: Number.NaN,
    seedInstallMs: Number.NaN,
    bootstrapMs: Number.NaN,
    seedSamples: [],
    bootstrapSamples: [],
  };
}

export async function measureAptOnce(scratch: string, log: (line: string) => void): Promise<AptOnce> {
  if (process.getuid?.() !== 0) return aptSkipped('not root (chroot needs root)');
  if (!existsSync(ROOT_TARBALL))
    return aptSkipped(`no ${ROOT_TARBALL} (make it with sh scripts/setup-chroot.sh)`);
  const work = await mkdtemp(path.join(scratch, 'apt-'));
  const updates: number[] = [];
  const installs: number[] = [];
  const boots: number[] = [];
  try {
    for (const [index, side] of ORDER.entries()) {
      log(
        `apt phase ${index + 1}/${ORDER.length}: ${side === 'seed' ? "the seed's apt-get" : 'bootstrap.sh'} in a bare Debian trixie root (Debian mirror)`,
      );
      const root = await unpackRoot(work, `${side}-${index}`);
      if (side === 'bootstrap') {
        const boot = await runBootstrap(root);
        if (boot.code !== 0)
          return aptSkipped(`bootstrap.sh failed in the root (exit ${boot.code}): ${boot.tail}`);
        boots.push(boot.ms);
      } else {
        const update = await chroot(root, ['apt-get', '-q', 'update']);
        if (update.code !== 0)
          return aptSkipped(`apt-get update failed (exit ${update.code}): ${update.tail}`);
        const install = await chroot(root, [
          'apt-get',
          '-q',
          'install',
          '-y',
          '--no-install-recommends',
          ...PACKAGES,
        ]);
        if (install.code !== 0)
          return aptSkipped(`apt-get install failed (exit ${install.code}): ${install.tail}`);
        updates.push(update.ms);
        installs.push(install.ms);
      }
      await rm(root, { recursive: true, force: true });
    }
    return {
      measured: true,
      note: "measured against this machine's Debian mirror",
      seedUpdateMs: median(updates),
      seedInstallMs: median(installs),
      bootstrapMs: median(boots),
      seedSamples: updates.map((ms, i) => ms + (installs[i] ?? 0)),
      bootstrapSamples: boots,
    };
  } catch (error) {
    return aptSkipped(`could not run: ${(error as Error).message}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** bootstrap.sh as the composite action runs it, from an action checkout inside the root. */
async function runBootstrap(root: string) {
  const actionDir = path.join(root, 'ci-kit/actions/setup-prewarmed-runner');
  await mkdir(actionDir, { recursive: true });
  await copyFile(
    path.join(repoRoot, 'actions/setup-prewarmed-runner/bootstrap.sh'),
    path.join(actionDir, 'bootstrap.sh'),
  );
  await copyFile(path.join(repoRoot, 'toolchain.json'), path.join(root, 'ci-kit/toolchain.json'));
  return chroot(root, [
    'env',
    'CI_KIT_TOOLS=node git curl tar uv nox helm kubeconform',
    'CI_KIT_APT_RETRIES=5',
    'GITHUB_OUTPUT=/tmp/bootstrap-output',
    'sh',
    '/ci-kit/actions/setup-prewarmed-runner/bootstrap.sh',
  ]);
}

async function unpackRoot(work: string, name: string): Promise<string> {
  const root = path.join(work, name);
  await mkdir(root);
  const untar = await run('tar', ['--numeric-owner', '-xf', ROOT_TARBALL, '-C', root]);
  if (untar.code !== 0) throw new Error(`tar -xf ${ROOT_TARBALL}: ${untar.tail}`);
  // setup-chroot.sh leaves no resolver config in the root: the host's, as a container would get.
  await copyFile('/etc/resolv.conf', path.join(root, 'etc/resolv.conf'));
  return root;
}

function chroot(root: string, command: string[]) {
  return run('chroot', [root, 'env', '-i', ...CHROOT_ENV, ...command]);
}

function run(command: string, args: string[]): Promise<{ code: number | null; ms: number; tail: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), APT_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        ms: performance.now() - started,
        tail: output.trim().split('\n').slice(-5).join(' / '),
      });
    });
  });
}
