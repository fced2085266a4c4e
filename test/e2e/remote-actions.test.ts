// How the runner resolves `uses:` for our actions: `owner/repo/path@ref` at a moving tag, an immutable
// tag and a full commit sha, all cloned from the real Forgejo server (its DEFAULT_ACTIONS_URL is
// itself); and the full-URL form (`uses: https://host/owner/repo/path@ref`), which forgejo-runner accepts
// and act (the GitHub-parity check) does not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { removeRun, runWorkflow, type RunnerKind, type WorkflowRun } from '../harness/driver';
import { forgejoServerKit } from '../harness/runners/forgejo-server';
import { startStack, type Stack } from '../harness/stack';

let stack: Stack;
let project: string;
let runner: string;
let scratch: string;
const runs: WorkflowRun[] = [];

async function runYaml(name: string, yaml: string, runnerKind: RunnerKind = 'forgejo'): Promise<WorkflowRun> {
  const workflow = path.join(scratch, `${name}.yml`);
  await writeFile(workflow, yaml);
  const result = await runWorkflow({
    workflow,
    project,
    runnerDir: runner,
    vars: stack.vars,
    env: stack.env,
    runner: runnerKind,
  });
  runs.push(result);
  return result;
}

const guardStep = (uses: string, id: string): string => `
      - id: ${id}
        uses: ${uses}
        with: { secrets: E2E_TOKEN }
      - run: echo "${id}=\${{ steps.${id}.outputs.mode }}/\${{ steps.${id}.outputs.reason }}" >> "$E2E_OUT/pins.env"`;

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  project = await stack.newProject('example-project', []);
  runner = await stack.newRunner();
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-e2e-wf-'));
});

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await rm(scratch, { recursive: true, force: true });
  await stack?.stop();
});

describe('remote action resolution on the real runner', () => {
  it('resolves owner/repo/path@ref at a moving tag, an immutable tag and a full commit sha', async () => {
    const kit = 'ops/forgejo-ci-kit/actions/secret-guard';
    const server = await forgejoServerKit();
    const result = await runYaml(
      'pins',
      `name: pins
on: push
jobs:
  pins:
    runs-on: self-hosted
    steps:${guardStep(`${kit}@v1`, 'major')}${guardStep(`${kit}@v1.0.0`, 'exact')}${guardStep(`${kit}@${server.commit}`, 'sha')}
`,
    );
    expect(result.exitCode).toBe(0);
    expect(result.values['pins.env']).toEqual({
      major: 'offline/missing-secrets',
      exact: 'offline/missing-secrets',
      sha: 'offline/missing-secrets',
    });
    // Each ref resolved on the server itself (the runner's log names the repository and the ref; a ref
    // it already has is reported as cached).
    const remote = `'${server.url}/ops/forgejo-ci-kit'`;
    for (const ref of ['v1', 'v1.0.0', server.commit]) {
      expect(
        result.entries.some((e) => e.msg.includes(remote) && new RegExp(`ref=${ref}( cached)?$`).test(e.msg)),
      ).toBe(true);
    }
  });

  it('takes the full-URL form on forgejo-runner; act rejects it (a difference, in README.md)', async () => {
    const yaml = `name: full-url
on: push
jobs:
  full-url:
    runs-on: self-hosted
    steps:${guardStep(`${(await forgejoServerKit()).url}/ops/forgejo-ci-kit/actions/secret-guard@v1`, 'url')}
`;
    const forgejo = await runYaml('full-url', yaml);
    expect(forgejo.exitCode).toBe(0);
    expect(forgejo.values['pins.env']).toEqual({ url: 'offline/missing-secrets' });

    const act = await runYaml('full-url-act', yaml, 'act');
    expect(act.exitCode).not.toBe(0);
    expect(act.job('full-url').result).toBe('failure');
    expect(JSON.stringify(act.entries)).toContain('Expected format {org}/{repo}[/path]@ref');
  });
});
