import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DiskError, diskErrorCode, diskErrorFor } from '../src/disk';

const errno = (code: string) => Object.assign(new Error(`${code}: something, write`), { code });

describe('disk errors', () => {
  it('knows the errnos of a disk that cannot be written, and no others', () => {
    for (const code of ['EROFS', 'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM'])
      expect(diskErrorCode(errno(code))).toBe(code);
    for (const code of ['ENOENT', 'ECONNRESET', undefined])
      expect(diskErrorCode(code ? errno(code) : new Error('x'))).toBeUndefined();
  });

  it('names the variable, the folder and the problem', async () => {
    const error = await diskErrorFor(errno('ENOSPC'), '/runner/tool-cache', 'RUNNER_TOOL_CACHE');
    expect(error).toBeInstanceOf(DiskError);
    expect((error as Error).message).toBe(
      'cannot write to RUNNER_TOOL_CACHE (/runner/tool-cache): it is on a full disk (no space left on the device) (ENOSPC: something, write); give the runner a writable RUNNER_TOOL_CACHE with free space',
    );
  });

  it('leaves other errors alone when the folder is writable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-disk-'));
    try {
      const original = new Error('HTTP 404');
      expect(await diskErrorFor(original, dir, 'RUNNER_TEMP')).toBe(original);
      // A folder that is gone is not a disk problem either.
      expect(await diskErrorFor(original, path.join(dir, 'missing'), 'RUNNER_TEMP')).toBe(original);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
