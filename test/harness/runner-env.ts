// The env a runner gives a step, built from scratch: only PATH comes from the test process, so nothing of
// the developer's or jest's env (NODE_OPTIONS, GITHUB_*, proxies) can stand in for a variable we forgot.
import path from 'node:path';
import { inputEnvName } from './action-manifest';
import type { JobDirs, RunOptions } from './runner';

export function buildStepEnv(
  job: JobDirs,
  action: string,
  opts: RunOptions,
  files: Record<string, string>,
  eventPath: string,
  inputDefaults: Record<string, string>,
): Record<string, string> {
  const runner = opts.runner ?? 'forgejo';
  const server = runner === 'github' ? 'https://github.com' : 'https://forge.invalid';
  const context: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: server,
    GITHUB_API_URL: runner === 'github' ? 'https://api.github.com' : `${server}/api/v1`,
    GITHUB_REPOSITORY: 'ops/example-project',
    GITHUB_REPOSITORY_OWNER: 'ops',
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_EVENT_NAME: opts.event?.name ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'test',
    GITHUB_ACTION: action,
    GITHUB_ACTOR: 'ci-kit-tester',
  };
  const env: Record<string, string | undefined> = {
    PATH: [...(opts.path ?? [])].reverse().concat(basePath()).join(path.delimiter),
    HOME: job.home,
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: job.temp,
    RUNNER_TOOL_CACHE: job.toolCache,
    ...context,
    ...files,
  };
  if (runner === 'forgejo') {
    // Forgejo sets each context variable twice (GITHUB_X and FORGEJO_X) and says who it is.
    env.FORGEJO_ACTIONS = 'true';
    for (const [name, value] of Object.entries(context)) env[name.replace(/^GITHUB_/, 'FORGEJO_')] = value;
  }
  const inputs = { ...(opts.inputDefaults === false ? {} : inputDefaults), ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = String(value);
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value;
  Object.assign(env, opts.env);
  return Object.fromEntries(
    Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined),
  );
}

/** The test's PATH minus what npm/npx put in front of it: a runner has no node_modules/.bin of ours. */
function basePath(): string {
  const dirs = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(path.delimiter);
  const npmAdded = (dir: string): boolean =>
    dir.includes(`node_modules${path.sep}.bin`) || dir.endsWith('node-gyp-bin');
  return dirs.filter((dir) => dir !== '' && !npmAdded(dir)).join(path.delimiter);
}
