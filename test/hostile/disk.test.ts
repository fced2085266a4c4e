// Guarantee 4: a tool cache or temp folder that cannot be written (read-only, or a disk that fills up)
// fails the step with one clear error naming the folder, fails it at once (a full disk is not a network
// hiccup worth retrying), and leaves nothing marked complete.
//
// Root ignores permissions, so the folders are real read-only or tiny tmpfs mounts (test/harness/
// fs-faults.ts); where mounting is not possible the tests say why and are skipped.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createJob, repoRoot, runAction, type Job } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { toolsBin } from '../harness/cache-server';
import { mirrorTemplate, publishRelease } from '../harness/fixtures';
import { TOOLCHAIN } from '@ci-kit/tools';
import { canMount, mountReadOnly, mountSmall, unmountAll } from '../harness/fs-faults';
import { makeTarGz, pseudoRandomBytes, sha256Hex } from '../harness/tarball';
import { listTree, re, tinyInputs, TINY_PATH } from './fixtures';
import { tally } from './tally';

const mount = canMount();
const maybe = mount.ok ? describe : describe.skip;
if (!mount.ok) console.warn(`disk tests skipped: ${mount.why}`);

let mirror: Mirror;
let sha256 = '';
const jobs: Job[] = [];

async function newJob(): Promise<Job> {
  const job = await createJob();
  jobs.push(job);
  return job;
}

beforeAll(async () => {
  mirror = await startMirror();
  // 4 MB of incompressible filler: more than the 1 MB disks below can hold, once extracted or downloaded.
  const body = await makeTarGz([
    { path: 'tool-bin/mytool', body: '#!/bin/sh\necho ok\n', mode: 0o755 },
    { path: 'tool-bin/FILLER', body: pseudoRandomBytes(4 * 1024 * 1024, 'disk') },
  ]);
  sha256 = sha256Hex(body);
  mirror.addFile(TINY_PATH, body);
});

afterEach(async () => {
  unmountAll();
  mirror.reset();
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  unmountAll();
  await mirror?.stop();
});

maybe('cached-tool on a folder that cannot be written', () => {
  it.each([
    ['RUNNER_TOOL_CACHE read-only', 'toolCache', 'ro', /read-only/],
    ['RUNNER_TEMP read-only', 'temp', 'ro', /read-only/],
    ['RUNNER_TOOL_CACHE on a full 1 MB disk', 'toolCache', 'small', /no space left|full/],
    ['RUNNER_TEMP on a full 1 MB disk', 'temp', 'small', /no space left|full/],
  ] as const)('%s: one clear error naming the folder, no retry', async (_name, which, kind, reason) => {
    const job = await newJob();
    const dir = job[which];
    if (kind === 'ro') mountReadOnly(dir);
    else mountSmall(dir, 1024);
    tally.faults += 1;
    const result = await runAction(job, 'cached-tool', { inputs: tinyInputs(mirror.url, sha256) });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error).toContain(dir);
    expect(error).toMatch(reason);
    expect(error).toMatch(which === 'toolCache' ? /RUNNER_TOOL_CACHE/ : /RUNNER_TEMP/);
    expect(result.warnings).toEqual([]);
    expect(mirror.requestsFor(TINY_PATH).length).toBeLessThanOrEqual(1);
    expect(result.stderr).toBe('');
    expect(listTree(job.toolCache).filter((entry) => entry.endsWith('.complete'))).toEqual([]);
  });
});

maybe('prepare-python on a folder that cannot be written', () => {
  async function projectJob(): Promise<Job> {
    const job = await newJob();
    await cp(path.join(repoRoot, 'test/fixtures/py-app'), job.workspace, { recursive: true });
    return job;
  }

  it('RUNNER_TOOL_CACHE read-only while uv must be installed: one error naming it, no pip fallback', async () => {
    const uv = await publishRelease(
      mirror,
      'uv',
      TOOLCHAIN.uv.version,
      { os: 'linux', arch: 'x64' },
      toolsBin('uv'),
      {
        uvxPath: toolsBin('uvx'),
      },
    );
    const job = await projectJob();
    mountReadOnly(job.toolCache);
    tally.faults += 1;
    const result = await runAction(job, 'prepare-python', {
      inputs: {
        'nox-version': 'none',
        cache: 'false',
        'uv-download-url': mirrorTemplate('uv', mirror.url),
        'uv-sha256': uv.sha256,
      },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^cannot write to RUNNER_TOOL_CACHE \\(${re(job.toolCache)}\\): it is on a read-only file system`,
        ),
      ),
    ]);
    expect(result.stdout).not.toContain('pip install');
  });

  it('RUNNER_TOOL_CACHE read-only and the uv download gone (404): the pip fallback names the folder too', async () => {
    const job = await projectJob();
    mountReadOnly(job.toolCache);
    tally.faults += 2;
    const result = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', cache: 'false', 'uv-download-url': `${mirror.url}/none/{file}` },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^cannot write to RUNNER_TOOL_CACHE \\(${re(job.toolCache)}\\): it is on a read-only file system`,
        ),
      ),
    ]);
  });

  it('RUNNER_TEMP read-only: one error naming it', async () => {
    const job = await projectJob();
    mountReadOnly(job.temp);
    tally.faults += 1;
    const result = await runAction(job, 'prepare-python', {
      inputs: { 'nox-version': 'none', install: 'sync' },
      path: [path.dirname(toolsBin('uv'))],
      env: { UV_OFFLINE: '1' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(job.temp);
    expect(result.errors[0]).toMatch(/read-only/i);
  });
});
