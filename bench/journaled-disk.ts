// The disk under table 8's runner. On ext4 without a journal the kernel's inode allocator skips every
// inode deleted in the last minutes (ext4's recently_deleted(), checked only when there is no journal),
// so after a few jobs have come and gone creating a file costs about 0.7 ms of kernel time instead of
// 0.05: unpacking the fixture's 2,600 files takes 2 to 2.8 s instead of 0.15 s, for `tar` and for uv
// alike. Runner hosts have journals (ext4's default, overlayfs on one, xfs, btrfs); build VMs made from
// minimal images sometimes do not. So when the temp folder is on such a disk and we may mount, the table
// runs on a journaled ext4 in a loop file on that same disk, and says so; otherwise it says what it ran on.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const mkfs = (): string | undefined =>
  ['/usr/sbin/mkfs.ext4', '/sbin/mkfs.ext4'].find((file) => existsSync(file));

export interface BenchDisk {
  /** One sentence for the table's header: what the runner's folders were on. */
  note: string;
  /** Unmounts and deletes what was made (a no-op when nothing was). */
  release(): Promise<void>;
}

interface Mount {
  device: string;
  point: string;
  type: string;
}

/** The mount holding `dir` (the longest mount point that is a prefix of its real path). */
function mountOf(dir: string): Mount | undefined {
  const real = realpathSync(dir);
  let best: Mount | undefined;
  for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
    const [device, point, type] = line.split(' ');
    if (!device || !point || !type) continue;
    const inside = point === '/' || real === point || real.startsWith(`${point}/`);
    if (inside && (!best || point.length > best.point.length)) best = { device, point, type };
  }
  return best;
}

/** Whether an ext4 mount has a journal: its options list a `data=` mode only when it does. */
function ext4Journaled(device: string): boolean | undefined {
  const file = `/proc/fs/ext4/${path.basename(device)}/options`;
  if (!existsSync(file)) return undefined;
  return /^data=/m.test(readFileSync(file, 'utf8'));
}

/**
 * Points TMPDIR at a journaled ext4 for the table when the temp folder is on ext4 without a journal and
 * this process is root with mkfs.ext4; release() puts TMPDIR back. Nothing changes otherwise.
 */
export async function journaledDisk(log: (line: string) => void): Promise<BenchDisk> {
  const none = (note: string): BenchDisk => ({ note, release: async () => undefined });
  const mount = process.platform === 'linux' ? mountOf(tmpdir()) : undefined;
  if (!mount) return none('The runner ran on the machine’s own disk.');
  const journaled = mount.type === 'ext4' ? ext4Journaled(mount.device) : true;
  if (journaled !== false)
    return none(
      `The runner ran on the machine’s own disk (${mount.type}${mount.type === 'ext4' ? ' with a journal' : ''}).`,
    );
  const unfixed =
    'The runner ran on the machine’s own disk, ext4 without a journal, where creating files is about 10× slower after deletions (bench/journaled-disk.ts); unpacking costs both sides more than on a runner host';
  if (process.getuid?.() !== 0 || !mkfs())
    return none(`${unfixed} (not corrected: needs root and mkfs.ext4).`);

  const home = await mkdtemp(path.join(tmpdir(), 'ci-kit-bench-disk-'));
  const image = path.join(home, 'ext4.img');
  const point = path.join(home, 'mnt');
  const savedTmp = process.env.TMPDIR;
  try {
    await run('truncate', ['-s', '16G', image]);
    await run(mkfs() as string, ['-q', '-F', image]);
    await mkdir(point);
    await run('mount', ['-o', 'loop', image, point]);
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    const why = String((error as { stderr?: string }).stderr || (error as Error).message)
      .trim()
      .split('\n')[0];
    return none(`${unfixed} (not corrected: ${why}).`);
  }
  // Like /tmp: anyone may write, nobody may delete another's files (the umask would drop those bits).
  await mkdir(path.join(point, 'tmp'));
  await chmod(path.join(point, 'tmp'), 0o1777);
  process.env.TMPDIR = path.join(point, 'tmp');
  log(`table 8: the runner's folders on a journaled ext4 in ${image} (this disk has no journal)`);
  return {
    note: `The runner’s folders (TMPDIR) were on a journaled ext4 in a loop file on the machine’s disk: the disk itself is ext4 without a journal, where creating files is about 10× slower after deletions than on a runner host’s disk (bench/journaled-disk.ts).`,
    release: async () => {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      await run('umount', [point]).catch(() => run('umount', ['-l', point]).catch(() => undefined));
      await rm(home, { recursive: true, force: true });
    },
  };
}
