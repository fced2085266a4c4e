// nektos/act (the runner the Forgejo runner is forked from), kept as the second runner: the same e2e
// workflows on both back the claim that the actions run unchanged on GitHub Actions' runner protocol.
// Host mode, or container mode through the Docker API. act's --json log is what collectJobs reads.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toolsBin } from '../cache-server';
import { collectJobs, parseLog, type BackendRun, type RunOptions } from '../driver';
import { runGroup, runnerEnv } from './process';

/** act, as built by scripts/setup-tools.sh. */
export function actBinary(): string {
  return toolsBin('act');
}

export async function runOnAct(
  opts: RunOptions,
  dirs: { runDir: string; outDir: string; home: string },
  labels: string[],
): Promise<BackendRun> {
  const { runDir, outDir, home } = dirs;
  const args = [
    opts.event ?? 'push',
    '--workflows',
    opts.workflow,
    '--directory',
    opts.project,
    '--json',
    '--verbose',
  ];
  const platform = opts.container ? opts.container.image : '-self-hosted';
  for (const label of labels) args.push('--platform', `${label}=${platform}`);
  if (opts.container) {
    // The image is local (never pulled); no Docker socket inside jobs; host network for 127.0.0.1
    // services; containers removed also after a failed job (act keeps them otherwise).
    args.push('--pull=false', '--container-daemon-socket', '-', '--network', 'host', '--rm');
  }
  // Every job runs on this host; RUNNER_TOOL_CACHE is <action-cache-path>/tool_cache in host mode, so a
  // fixed path here is what makes the tool cache survive from one run to the next, as on a real runner.
  args.push('--action-cache-path', path.join(opts.runnerDir, 'act'));
  args.push('--concurrent-jobs', String(opts.concurrentJobs ?? 2));
  // Use exactly the secrets, vars and env given here: no .secrets/.vars/.env/.input from the project.
  for (const [flag, name] of [
    ['--secret-file', '.secrets'],
    ['--var-file', '.vars'],
    ['--env-file', '.env'],
    ['--input-file', '.input'],
  ] as const) {
    args.push(flag, path.join(runDir, `none${name}`));
  }
  // An explicit (empty) token: act would otherwise run `gh auth token` to find one.
  const secrets = { GITHUB_TOKEN: '', ...opts.secrets };
  for (const [name, value] of Object.entries(secrets)) args.push('--secret', `${name}=${value}`);
  for (const [name, value] of Object.entries(opts.vars ?? {})) args.push('--var', `${name}=${value}`);
  const env: Record<string, string> = { E2E_OUT: outDir, ...opts.env };
  for (const [name, value] of Object.entries(env)) args.push('--env', `${name}=${value}`);
  if (env.GITHUB_SERVER_URL) {
    // act clones `owner/repo` actions from GITHUB_SERVER_URL; --github-instance (its host) is what act
    // matches the project's origin URL against for GITHUB_REPOSITORY (else it is the whole URL).
    args.push('--github-instance', new URL(env.GITHUB_SERVER_URL).host);
  }
  if (!env.ACTIONS_CACHE_URL) {
    // act's built-in cache server (the same artifactcache code as ci-kit-cache-server), on loopback.
    args.push('--cache-server-addr', '127.0.0.1');
    args.push('--cache-server-path', path.join(opts.runnerDir, 'cache-server'));
  }
  // The artifact server stays off (no --artifact-server-path): nothing here uploads artifacts.
  if (opts.eventPayload !== undefined) {
    const eventFile = path.join(runDir, 'event.json');
    await writeFile(eventFile, JSON.stringify(opts.eventPayload));
    args.push('--eventpath', eventFile);
  }
  if (opts.job) args.push('--job', opts.job);

  const actEnv = runnerEnv(home);
  if (opts.container) actEnv.DOCKER_HOST = opts.container.dockerHost;
  if (opts.path?.length) actEnv.PATH = [...opts.path, actEnv.PATH].join(path.delimiter);
  const logFile = path.join(runDir, 'act.jsonl');
  const { exitCode, stdout, stderr } = await runGroup(actBinary(), args, {
    cwd: opts.project,
    env: actEnv,
    timeoutMs: opts.timeoutMs ?? 180_000,
    what: `act (log: ${logFile})`,
  });
  await writeFile(logFile, stdout);
  const entries = parseLog(stdout + '\n' + stderr);
  return {
    runner: 'act',
    exitCode,
    entries,
    stderr,
    logFile,
    jobs: collectJobs(entries).map((job) => ({ ...job, log: logFile })),
  };
}
