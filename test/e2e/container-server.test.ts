// Container mode on the real Forgejo server: a `forgejo-runner daemon` registered with a
// `self-hosted:docker://<image>` label runs the jobs of a push in podman containers (podman's Docker API,
// host network) from the Debian trixie minbase image, the stand-in for python:3.13-slim (no Node). A node
// action fails there; after setup-prewarmed-runner (bootstrap.sh installs Node, git and curl from the
// Debian mirror) the real actions/checkout and our node action run. Needs root and podman (npm run
// setup-tools) and reaches the Debian mirror, like container.test.ts on the server stand-in.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/runner';
import { containerModeUnavailable, startPodman, type Podman } from '../harness/podman';
import { haveForgejoServer, startForgejoServer, type ForgejoServer } from '../harness/forgejo-server';

const unavailable =
  containerModeUnavailable() ??
  (haveForgejoServer() ? undefined : 'no .tools/forgejo (run npm run setup-tools)');
if (unavailable) console.log(`container-server e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

let server: ForgejoServer;
let podman: Podman;

describeIf('container mode on the real Forgejo server (podman)', () => {
  beforeAll(async () => {
    const made = spawnSync('sh', [path.join(repoRoot, 'scripts/setup-chroot.sh')], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (made.status !== 0) throw new Error(`scripts/setup-chroot.sh failed:\n${made.stderr}`);
    server = await startForgejoServer({ name: 'container-server' });
    podman = await startPodman();
    await server.createOrg('ops');
    await server.publishVendoredActions();
    await server.publishKit();
    await server.startRunner({
      name: 'container-runner',
      labels: [`self-hosted:docker://${podman.image}`],
      capacity: 2,
      dockerHost: podman.dockerHost,
    });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await podman?.stop();
  });

  it('a node action fails in the bare image; after setup-prewarmed-runner, checkout and our action run', async () => {
    const kit = (action: string): string => `${server.url}/ops/forgejo-ci-kit/actions/${action}@v1`;
    const workflow = `name: container
on: push
jobs:
  bare:
    runs-on: self-hosted
    steps:
      - run: command -v node || echo "no node in this image"
      - id: guard
        uses: ${kit('secret-guard')}
        with:
          secrets: E2E_TOKEN
  bootstrapped:
    runs-on: self-hosted
    steps:
      - id: setup
        uses: ${kit('setup-prewarmed-runner')}
        with:
          tools: node git curl tar
      - uses: actions/checkout@v4
      - id: guard
        uses: ${kit('secret-guard')}
        with:
          secrets: E2E_TOKEN
      - run: |
          node --version
          echo "checked out $(git rev-parse HEAD): $(cat README.md)"
          echo "guard mode=\${{ steps.guard.outputs.mode }} reason=\${{ steps.guard.outputs.reason }}"
`;
    await server.createRepo('ops', 'in-containers');
    const clone = await server.clone('ops', 'in-containers');
    await clone.write({ '.forgejo/workflows/container.yml': workflow, 'README.md': 'container mode\n' });
    const sha = clone.commit('container mode');
    clone.push(['main']);
    const run = await server.waitForRun({
      repo: 'ops/in-containers',
      headSha: sha,
      event: 'push',
      timeoutMs: 300_000,
    });
    const why = `${run.summary()}\n${run.failures().join('\n')}\nlogs: ${run.logDir}`;

    // The seed's failure, for real: the runner execs `node` in the job container, which has none.
    expect(`${run.job('bare').status}\n${why}`).toMatch(/^failure\n/);
    expect(run.job('bare').log).toContain('no node in this image');
    expect(run.job('bare').log).toMatch(/executable file not found/);

    // The same action, and the real checkout, after bootstrap.sh installed Node from the Debian mirror.
    expect(`${run.job('bootstrapped').status}\n${why}`).toMatch(/^success\n/);
    const log = run.job('bootstrapped').log;
    expect(log).toMatch(/^\S+ v20\./m);
    expect(log).toContain(`checked out ${sha}: container mode`);
    expect(log).toContain('guard mode=offline reason=missing-secrets');
  }, 300_000);
});
