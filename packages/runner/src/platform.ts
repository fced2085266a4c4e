import { existsSync, readFileSync } from 'node:fs';

export type Os = 'linux' | 'darwin' | 'windows';
export type Arch = 'x64' | 'arm64';
export type Libc = 'gnu' | 'musl';

export interface Platform {
  os: Os;
  arch: Arch;
  /** Only meaningful on Linux: Alpine-style images need musl builds. */
  libc: Libc;
}

const OS_FROM_RUNNER: Record<string, Os> = { Linux: 'linux', macOS: 'darwin', Windows: 'windows' };
const OS_FROM_NODE: Record<string, Os> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const ARCH_FROM_RUNNER: Record<string, Arch> = { X64: 'x64', ARM64: 'arm64' };
const ARCH_FROM_NODE: Record<string, Arch> = { x64: 'x64', arm64: 'arm64' };

/** The job's os/arch: RUNNER_OS/RUNNER_ARCH when the runner set them, else Node's own view. */
export function detectPlatform(
  env: NodeJS.ProcessEnv = process.env,
  node: { platform: string; arch: string } = process,
  isMusl: () => boolean = hasMuslLoader,
): Platform {
  const os = OS_FROM_RUNNER[env.RUNNER_OS ?? ''] ?? OS_FROM_NODE[node.platform];
  const arch = ARCH_FROM_RUNNER[env.RUNNER_ARCH ?? ''] ?? ARCH_FROM_NODE[node.arch];
  if (!os || !arch) {
    throw new Error(
      `unsupported platform ${env.RUNNER_OS ?? node.platform}/${env.RUNNER_ARCH ?? node.arch}: ` +
        'the actions run on Linux on x64 or arm64 (glibc or musl), the only platforms they are tested on',
    );
  }
  return { os, arch, libc: os === 'linux' && isMusl() ? 'musl' : 'gnu' };
}

/** musl's dynamic loader is how Alpine and friends are told apart from glibc systems. */
function hasMuslLoader(): boolean {
  return ['/lib/ld-musl-x86_64.so.1', '/lib/ld-musl-aarch64.so.1'].some((file) => existsSync(file));
}

/**
 * What a binary built on this machine needs to run elsewhere, as one key part: the distribution and
 * its version (wheels built from source link the system's libraries) and the C library with its
 * version (a wheel built against glibc 2.41 does not load on 2.36, nor on musl). `debian-13-glibc2.41`,
 * `alpine-3.20-musl`; `unknown` parts where the machine does not say.
 */
export function systemId(
  osRelease: () => string = () => readFileSafe('/etc/os-release'),
  glibc: () => string | undefined = glibcVersion,
  isMusl: () => boolean = hasMuslLoader,
): string {
  const fields = new Map(
    osRelease()
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, (m[2] as string).replace(/^["']|["']$/g, '')]),
  );
  const distro = `${fields.get('ID') || 'unknown'}-${fields.get('VERSION_ID') || 'unknown'}`;
  const glibcRuntime = glibc();
  const libc = glibcRuntime ? `glibc${glibcRuntime}` : isMusl() ? 'musl' : 'unknown';
  return `${distro}-${libc}`;
}

/** glibc's runtime version as Node reports it (absent on musl and outside Linux). */
function glibcVersion(): string | undefined {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime;
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
