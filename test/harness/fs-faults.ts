// Folders that cannot be written: a read-only tmpfs, or a tiny one that fills up, mounted over a job's
// folder. Root ignores file permissions (chmod 0555 stops nobody), so a mount is the honest way to make
// a read-only or full folder; it needs root and a kernel that lets this process mount (the sandbox
// does). canMount() says whether it works here, so tests can skip with the reason instead of failing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const mounted = new Set<string>();

function run(args: string[]): void {
  execFileSync(args[0] as string, args.slice(1), { stdio: 'pipe' });
}

let probe: { ok: boolean; why: string } | undefined;

/** Whether tmpfs mounts work here; the reason when they do not. */
export function canMount(): { ok: boolean; why: string } {
  if (probe) return probe;
  if (process.getuid?.() !== 0) return (probe = { ok: false, why: 'not root: mount needs root' });
  const dir = mkdtempSync(path.join(tmpdir(), 'ci-kit-mount-probe-'));
  try {
    run(['mount', '-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', dir]);
    run(['umount', dir]);
    probe = { ok: true, why: '' };
  } catch (error) {
    probe = { ok: false, why: `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return probe;
}

/** Mounts a read-only (empty) tmpfs over `dir`. */
export function mountReadOnly(dir: string): void {
  run(['mount', '-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', dir]);
  mounted.add(dir);
}

/** Mounts a writable tmpfs of `kib` KiB over `dir`: a disk that fills up after that much. */
export function mountSmall(dir: string, kib: number): void {
  run(['mount', '-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir]);
  mounted.add(dir);
}

/** Unmounts what this module mounted (lazily, so a process still holding a file cannot block it). */
export function unmountAll(): void {
  for (const dir of mounted) {
    try {
      run(['umount', '-l', dir]);
    } catch {
      // Already gone.
    }
    mounted.delete(dir);
  }
}

// A test process that dies early must not leave mounts behind.
process.once('exit', unmountAll);
