// helm-deps on the real Forgejo server and its runner: a project whose chart depends on a library chart in a loopback chart
// repository (packaged by helm, indexed by `helm repo index`, served by the stack's mirror, which fails
// on cue). Cold: the archive is downloaded (after a 503 and a reset) and saved to the runner's cache
// service; warm (a fresh runner sharing the cache server): restored, no request to the repository;
// a new commit that locks a newer release: another key, the new archive downloaded.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toolsBin } from '../harness/tools-bin';
import { removeRun, runWorkflow, type RunOptions, type WorkflowRun } from '../harness/driver';
import { startStack, workflowPath, type Stack } from '../harness/stack';

const workflow = workflowPath('helm-deps.yml');
let stack: Stack;
let scratch: string;
let project: string;
const runs: WorkflowRun[] = [];

async function helm(args: string[]): Promise<void> {
  const home = path.join(scratch, 'helm-home');
  await promisify(execFile)(toolsBin('helm'), args, {
    env: { ...process.env, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home },
  });
}

/** The project's chart depending on common at `version`, locked by helm (charts/ is not committed). */
async function lockOn(version: string): Promise<void> {
  const chart = path.join(scratch, 'project', 'chart');
  writeFileSync(
    path.join(chart, 'Chart.yaml'),
    `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: ${version}\n    repository: ${stack.mirror.url}/charts\n`,
  );
  await helm(['dependency', 'update', chart]);
  await rm(path.join(chart, 'charts'), { recursive: true, force: true });
}

async function run(opts: Omit<RunOptions, 'workflow' | 'project'>): Promise<WorkflowRun> {
  const result = await runWorkflow({
    workflow,
    project,
    vars: stack.vars,
    env: stack.env,
    ...opts,
  });
  runs.push(result);
  return result;
}

beforeAll(async () => {
  stack = await startStack({ forgejoServer: true });
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-e2e-helm-deps-'));
  // The repository: one library chart, indexed with its absolute URL on the mirror.
  const lib = path.join(scratch, 'lib');
  mkdirSync(path.join(lib, 'templates'), { recursive: true });
  writeFileSync(
    path.join(lib, 'Chart.yaml'),
    'apiVersion: v2\nname: common\nversion: 2.1.0\ntype: library\n',
  );
  writeFileSync(
    path.join(lib, 'templates', '_cm.tpl'),
    '{{- define "common.cm" -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-common\n{{- end -}}\n',
  );
  const repo = path.join(scratch, 'repo');
  await helm(['package', lib, '--destination', repo]);
  // A newer release of it, for the project's next lock.
  writeFileSync(
    path.join(lib, 'Chart.yaml'),
    'apiVersion: v2\nname: common\nversion: 2.2.0\ntype: library\n',
  );
  await helm(['package', lib, '--destination', repo]);
  await helm(['repo', 'index', repo, '--url', `${stack.mirror.url}/charts`]);
  stack.mirror.addDir(repo, '/charts');
  // The project: a chart using it, locked by helm against the mirror (charts/ is not committed).
  const source = path.join(scratch, 'project');
  const chart = path.join(source, 'chart');
  mkdirSync(path.join(chart, 'templates'), { recursive: true });
  writeFileSync(path.join(chart, 'templates', 'cm.yaml'), '{{ include "common.cm" . }}\n');
  await lockOn('2.1.0');
  project = await stack.newProject('helm-deps-project', [source]);
  stack.mirror.reset();
}, 120_000);

afterAll(async () => {
  await Promise.all(runs.map(removeRun));
  await stack?.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('helm-deps on the real runner', () => {
  it('cold through a flaky repository, warm from the shared cache server with no request, and a changed lock downloads anew', async () => {
    const cacheServer = await stack.sharedCacheServer();
    stack.mirror.script('/charts/common-2.1.0.tgz', [{ status: 503 }, { kind: 'reset' }]);
    const cold = await run({ runnerDir: await stack.newRunner(), cacheServer });
    expect(cold.failures()).toEqual([]);
    expect(cold.values['chart.env']).toEqual({ 'cache-hit': 'false', downloaded: '1', rendered: '1' });
    expect(stack.mirror.requestsFor('/charts/common-2.1.0.tgz').map((r) => r.status)).toEqual([
      503, 200, 200,
    ]);

    stack.mirror.reset();
    const warm = await run({ runnerDir: await stack.newRunner('ephemeral'), cacheServer });
    expect(warm.failures()).toEqual([]);
    expect(warm.values['chart.env']).toEqual({ 'cache-hit': 'true', downloaded: '0', rendered: '1' });
    expect(stack.mirror.requests.filter((r) => r.path.startsWith('/charts/'))).toEqual([]);

    // The project moves to common 2.2.0 (a new commit of the same repository, so the same cache
    // scope): another key, so the new archive is downloaded and the old set is not restored.
    await lockOn('2.2.0');
    project = await stack.newProject('helm-deps-project', [path.join(scratch, 'project')]);
    stack.mirror.reset();
    const changed = await run({ runnerDir: await stack.newRunner('changed-lock'), cacheServer });
    expect(changed.failures()).toEqual([]);
    expect(changed.values['chart.env']).toEqual({ 'cache-hit': 'false', downloaded: '1', rendered: '1' });
    expect(stack.mirror.requestsFor('/charts/common-2.2.0.tgz').map((r) => r.status)).toContain(200);
    expect(stack.mirror.requestsFor('/charts/common-2.1.0.tgz')).toEqual([]);
  });
});
