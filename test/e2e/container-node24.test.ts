// Container mode, Node 24 (issue 29): a bare job image (the Debian trixie minbase stand-in for
// python:3.13-slim, no Node) gets Node 24 LTS from bootstrap.sh with node-version-min 24, verified: the
// loopback mirror serves an archive in the official layout made from the npm package's Node 24 binary
// (test/harness/node-versions.ts), and a copy of the kit whose toolchain.json pins that archive's sha256
// (the published kit pins the official file's) is published beside it as ops/ci-kit-node-archive. The
// next step, our secret-guard from the kit itself, runs on that Node inside the container. Needs podman
// and root, like container.test.ts; its apt part reaches the Debian mirror (about a minute in all).
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { removeRun, runWorkflow, type WorkflowRun } from '../harness/driver';
import { publishOnForgejoServer } from '../harness/runners/forgejo-server';
import { containerModeUnavailable, startPodman, type Podman } from '../harness/podman';
import { startStack, workflowPath, type Stack } from '../harness/stack';
import { toolchainPinning } from '../harness/node-tarball';
import { nodeVersionsUnavailable, pinnedNodeArchive, type NodeArchive } from '../harness/node-versions';

const unavailable = containerModeUnavailable() ?? nodeVersionsUnavailable();
if (unavailable) console.log(`container-mode Node 24 e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

let stack: Stack;
let podman: Podman;
let scratch: string;
let archive: NodeArchive;
const runs: WorkflowRun[] = [];

describeIf('container mode: a bare image gets Node 24 LTS from bootstrap.sh (podman)', () => {
  beforeAll(async () => {
    const made = spawnSync('sh', [path.join(repoRoot, 'scripts/setup-chroot.sh')], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (made.status !== 0) throw new Error(`scripts/setup-chroot.sh failed:\n${made.stderr}`);
    scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-container-node24-'));
    stack = await startStack({ forgejoServer: true });
    archive = pinnedNodeArchive();
    stack.mirror.addFile(`/dist${archive.urlPath}`, archive.body);
    // The kit's setup-prewarmed-runner, its bundles and a toolchain.json pinning the test archive.
    const kit = path.join(scratch, 'kit');
    for (const part of ['actions/setup-prewarmed-runner', 'dist', 'package.json']) {
      await cp(path.join(repoRoot, part), path.join(kit, part), { recursive: true });
    }
    await writeFile(path.join(kit, 'toolchain.json'), toolchainPinning(archive.sha256));
    // On the Forgejo server the jobs run on (the driver's bench), as a public repository at v1.
    await publishOnForgejoServer('ops', 'ci-kit-node-archive', kit, ['v1']);
    podman = await startPodman();
  }, 600_000);

  afterAll(async () => {
    await Promise.all(runs.map(removeRun));
    await podman?.stop();
    await stack?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('installs Node 24 from the verified archive over Debian 20, and the next node action runs on it', async () => {
    const result = await runWorkflow({
      workflow: workflowPath('container-node24.yml'),
      project: await stack.newProject('example-project', []),
      runnerDir: await stack.newRunner(),
      vars: stack.vars,
      env: stack.env,
      container: podman,
      timeoutMs: 420_000,
    });
    runs.push(result);
    if (result.job('node24').result !== 'success') console.log(result.output('node24'));
    expect(result.errors()).toEqual([]);
    expect(result.job('node24').result).toBe('success');
    expect(result.output('node24')).toContain(
      "the distribution's nodejs is 20, not 24 or newer: using the official tarball",
    );
    expect(stack.mirror.requestsFor(`/dist${archive.urlPath}`)).toHaveLength(1);
    const record = Object.fromEntries(
      [...result.output('node24').matchAll(/^record: ([\w-]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(record).toMatchObject({
      node: `v${archive.version}`,
      installed: expect.stringMatching(/node/),
      missing: '',
      mode: 'offline',
    });
    expect(record['node-path']).toMatch(
      new RegExp(`/node/${archive.version.replace(/\./g, '\\.')}/x64/bin/node$`),
    );
  }, 480_000);
});
