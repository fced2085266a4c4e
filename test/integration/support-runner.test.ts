// The runner harness itself, exercised with throwaway actions that use the real @actions/core v3: if
// parsing or env building drifted from what core writes and reads, every integration test would lie.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ActionTimeoutError,
  createJob,
  repoRoot,
  runAction,
  runMainAndPost,
  spawnAction,
  type Job,
} from '../harness/runner';

const coreUrl = pathToFileURL(path.join(repoRoot, 'node_modules/@actions/core/lib/core.js')).href;

let scratch: string;
const jobs: Job[] = [];

async function newJob(...args: Parameters<typeof createJob>): Promise<Job> {
  const job = await createJob(...args);
  jobs.push(job);
  return job;
}

async function writeScript(name: string, body: string): Promise<string> {
  const file = path.join(scratch, name);
  await writeFile(file, `import * as core from ${JSON.stringify(coreUrl)};\n${body}`);
  return file;
}

/** A killed orphan may linger as a zombie until init reaps it; either way it no longer runs. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined || / Z /.test(stat)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-runner-test-'));
});

afterEach(async () => {
  await Promise.all(jobs.splice(0).map((job) => job.cleanup()));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('runAction', () => {
  it('parses every file command and workflow command @actions/core writes', async () => {
    const script = await writeScript(
      'everything.mjs',
      `
core.setOutput('greeting', 'hello ' + core.getInput('who name'));
core.setOutput('glob', core.getInput('cache-dependency-glob'));
core.setOutput('multi', 'line one\\nline two');
core.setOutput('empty', '');
core.exportVariable('CI_KIT_EXPORTED', 'a=b');
core.addPath('/opt/first');
core.addPath('/opt/second');
core.saveState('token', 'state value');
core.setSecret('s3cret');
core.warning('careful: 100%', { file: 'src/a.ts', startLine: 3 });
core.warning('plain');
core.error('two\\nlines');
core.notice('fyi');
core.startGroup('Download helm');
core.endGroup();
await core.summary.addRaw('## Did things\\n').write();
console.log('plain log line');
`,
    );
    const job = await newJob();
    const result = await runAction(job, 'throwaway', {
      script,
      inputs: { 'who name': 'forgejo', 'cache-dependency-glob': '**/uv.lock' },
    });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.outputs).toEqual({
      greeting: 'hello forgejo',
      glob: '**/uv.lock',
      multi: 'line one\nline two',
      empty: '',
    });
    expect(result.env).toEqual({ CI_KIT_EXPORTED: 'a=b' });
    expect(result.path).toEqual(['/opt/first', '/opt/second']);
    expect(result.state).toEqual({ token: 'state value' });
    expect(result.summary).toBe('## Did things\n');
    expect(result.masks).toEqual(['s3cret']);
    expect(result.warnings).toEqual(['careful: 100%', 'plain']);
    expect(result.errors).toEqual(['two\nlines']);
    expect(result.notices).toEqual(['fyi']);
    expect(result.groups).toEqual(['Download helm']);
    expect(result.commands.find((c) => c.message === 'careful: 100%')?.properties).toEqual({
      file: 'src/a.ts',
      line: '3',
    });
    expect(result.stdout).toContain('plain log line');
    expect(result.problems).toEqual([]);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('builds a fresh runner env instead of passing the test process env on', async () => {
    const script = await writeScript(
      'env.mjs',
      `core.setOutput('env', JSON.stringify(process.env)); core.setOutput('cwd', process.cwd());`,
    );
    const job = await newJob();
    process.env.CI_KIT_LEAK_CHECK = 'leaked';
    try {
      const result = await runAction(job, 'throwaway', {
        script,
        env: { EXTRA: 'given', RUNNER_ARCH: 'ARM64', GITHUB_REF: undefined },
        state: { token: 'abc' },
        path: ['/opt/earlier', '/opt/later'],
        event: { name: 'pull_request', payload: { pull_request: { number: 7 } } },
      });
      const env = JSON.parse(result.outputs.env ?? '{}') as Record<string, string>;
      expect(env.CI_KIT_LEAK_CHECK).toBeUndefined();
      expect(env.NODE_OPTIONS).toBeUndefined();
      expect(env.HOME).toBe(job.home);
      expect(env.RUNNER_TEMP).toBe(job.temp);
      expect(env.RUNNER_TOOL_CACHE).toBe(job.toolCache);
      expect(env.GITHUB_WORKSPACE).toBe(job.workspace);
      expect(result.outputs.cwd).toBe(job.workspace);
      expect(env.RUNNER_OS).toBe('Linux');
      expect(env.RUNNER_ARCH).toBe('ARM64');
      expect(env.EXTRA).toBe('given');
      expect(env.GITHUB_REF).toBeUndefined();
      expect(env.FORGEJO_REF).toBe('refs/heads/main');
      expect(env.GITHUB_ACTIONS).toBe('true');
      expect(env.FORGEJO_ACTIONS).toBe('true');
      expect(env.FORGEJO_SERVER_URL).toBe(env.GITHUB_SERVER_URL);
      expect(env.STATE_token).toBe('abc');
      expect(env.GITHUB_EVENT_NAME).toBe('pull_request');
      expect(JSON.parse(await readFile(env.GITHUB_EVENT_PATH ?? '', 'utf8'))).toEqual({
        pull_request: { number: 7 },
      });
      // The last GITHUB_PATH line written comes first, as on the runner.
      expect(env.PATH?.split(':').slice(0, 2)).toEqual(['/opt/later', '/opt/earlier']);
      expect(env.PATH).not.toContain('node_modules/.bin');
      for (const name of [
        'GITHUB_OUTPUT',
        'GITHUB_ENV',
        'GITHUB_PATH',
        'GITHUB_STATE',
        'GITHUB_STEP_SUMMARY',
      ]) {
        expect(env[name]?.startsWith(job.root)).toBe(true);
      }
    } finally {
      delete process.env.CI_KIT_LEAK_CHECK;
    }
  });

  it('looks like github.com when asked to', async () => {
    const script = await writeScript('gh.mjs', `core.setOutput('env', JSON.stringify(process.env));`);
    const job = await newJob();
    const result = await runAction(job, 'throwaway', { script, runner: 'github' });
    const env = JSON.parse(result.outputs.env ?? '{}') as Record<string, string>;
    expect(env.GITHUB_SERVER_URL).toBe('https://github.com');
    expect(Object.keys(env).filter((name) => name.startsWith('FORGEJO_'))).toEqual([]);
  });

  it('gives each step fresh command files', async () => {
    const script = await writeScript('once.mjs', `core.setOutput('n', core.getInput('n'));`);
    const job = await newJob();
    const first = await runAction(job, 'throwaway', { script, inputs: { n: 1 } });
    const second = await runAction(job, 'throwaway', { script, inputs: { n: 2 } });
    expect(first.outputs).toEqual({ n: '1' });
    expect(second.outputs).toEqual({ n: '2' });
  });

  it('reports a failing step and malformed file lines', async () => {
    const script = await writeScript(
      'fail.mjs',
      `import { appendFileSync } from 'node:fs';
appendFileSync(process.env.GITHUB_OUTPUT, 'no equals sign here\\n');
core.setFailed('input tool: "hlem" is not one of helm, kubeconform, uv, custom');`,
    );
    const job = await newJob();
    const result = await runAction(job, 'throwaway', { script });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual(['input tool: "hlem" is not one of helm, kubeconform, uv, custom']);
    expect(result.problems).toEqual(['invalid line 1: "no equals sign here"']);
  });

  it('kills the whole process group on timeout and rejects with what was printed', async () => {
    const script = await writeScript(
      'hang.mjs',
      `import { spawn } from 'node:child_process';
const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
console.log('grandchild ' + sleeper.pid);
setInterval(() => {}, 1000);`,
    );
    const job = await newJob();
    const error = (await runAction(job, 'throwaway', { script, timeoutMs: 1500 }).catch(
      (e: unknown) => e,
    )) as ActionTimeoutError;
    expect(error).toBeInstanceOf(ActionTimeoutError);
    expect(error.stdout).toMatch(/grandchild \d+/);
    const pid = Number(/grandchild (\d+)/.exec(error.stdout)?.[1]);
    expect(await gone(pid)).toBe(true);
  });

  it('lets a test kill a step mid-run, like a runner losing its host', async () => {
    const script = await writeScript(
      'busy.mjs',
      `core.saveState('started', 'yes'); console.log('downloading'); setInterval(() => {}, 1000);`,
    );
    const job = await newJob();
    const running = await spawnAction(job, 'throwaway', { script });
    await expect(running.waitForStdout(/downloading/, 10_000)).resolves.toBe('downloading');
    running.kill();
    const result = await running.result;
    expect(result.signal).toBe('SIGKILL');
    expect(result.exitCode).toBeNull();
    expect(result.state).toEqual({ started: 'yes' });
  });

  it('fails waitForStdout when the step ends without printing the pattern', async () => {
    const script = await writeScript('quiet.mjs', `console.log('nothing to see');`);
    const job = await newJob();
    const running = await spawnAction(job, 'throwaway', { script });
    await expect(running.waitForStdout(/never/, 10_000)).rejects.toThrow(/ended before stdout matched/);
  });
});

describe('runAction with an action.yml', () => {
  let actionDir: string;

  beforeAll(async () => {
    actionDir = path.join(scratch, 'demo-action');
    await mkdir(actionDir, { recursive: true });
    await writeFile(
      path.join(actionDir, 'action.yml'),
      `name: demo
description: throwaway action for the harness tests
inputs:
  retries: { description: n, default: '4' }
  cache: { description: b, default: true }
  token: { description: t, default: '\${{ github.token }}' }
  mode: { description: m }
runs:
  using: node20
  main: dist/main.mjs
  post: dist/post.mjs
  post-if: success()
`,
    );
    await mkdir(path.join(actionDir, 'dist'));
    await writeFile(
      path.join(actionDir, 'dist/main.mjs'),
      `import * as core from ${JSON.stringify(coreUrl)};
core.setOutput('inputs', JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_')))));
core.saveState('cache-key', 'uv-linux-x64-abc');
core.exportVariable('UV_CACHE_DIR', process.env.RUNNER_TEMP + '/uv-cache');
core.addPath('/opt/uv/bin');
if (core.getInput('mode') === 'fail') core.setFailed('asked to fail');`,
    );
    await writeFile(
      path.join(actionDir, 'dist/post.mjs'),
      `import * as core from ${JSON.stringify(coreUrl)};
core.setOutput('seen', JSON.stringify({ key: core.getState('cache-key'), dir: process.env.UV_CACHE_DIR, path: process.env.PATH.split(':')[0], mode: core.getInput('mode') }));`,
    );
  });

  it('runs the files action.yml names and fills input defaults, leaving expressions out', async () => {
    const job = await newJob();
    const result = await runAction(job, 'demo', { actionDir, inputs: { retries: 2 } });
    expect(result.script).toBe(path.join(actionDir, 'dist/main.mjs'));
    expect(JSON.parse(result.outputs.inputs ?? '')).toEqual({ INPUT_RETRIES: '2', INPUT_CACHE: 'true' });
  });

  it('chains main and post with state, env and path carried over', async () => {
    const job = await newJob();
    const { main, post } = await runMainAndPost(job, 'demo', { actionDir, inputs: { mode: 'ok' } });
    expect(main.exitCode).toBe(0);
    expect(post?.exitCode).toBe(0);
    expect(JSON.parse(post?.outputs.seen ?? '')).toEqual({
      key: 'uv-linux-x64-abc',
      dir: `${job.temp}/uv-cache`,
      path: '/opt/uv/bin',
      mode: 'ok',
    });
  });

  it('skips post the way post-if would', async () => {
    const job = await newJob();
    const failed = await runMainAndPost(job, 'demo', { actionDir, inputs: { mode: 'fail' } });
    expect(failed.main.exitCode).toBe(1);
    expect(failed.post).toBeUndefined();
    const laterFailure = await runMainAndPost(job, 'demo', { actionDir, jobStatus: 'failure' });
    expect(laterFailure.post).toBeUndefined();
  });
});

describe('createJob', () => {
  it('shares directories with another job without deleting them', async () => {
    const first = await newJob();
    const second = await newJob({ toolCache: first.toolCache });
    expect(second.toolCache).toBe(first.toolCache);
    expect(second.temp).not.toBe(first.temp);
    await second.cleanup();
    expect(existsSync(first.toolCache)).toBe(true);
    expect(existsSync(second.temp)).toBe(false);
    await first.cleanup();
    expect(existsSync(first.root)).toBe(false);
  });
});

describe('missing bundles', () => {
  it('says to build when dist/<action> is missing', async () => {
    const job = await newJob();
    await expect(runAction(job, 'no-such-action')).rejects.toThrow(
      /dist\/no-such-action\/main\.mjs does not exist/,
    );
  });
});
