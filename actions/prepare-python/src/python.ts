import { UserError, type Logger, type ProcessRunner } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';

export interface PythonInfo {
  /** Full version, e.g. 3.13.1. */
  version: string;
  /** major.minor, what the cache key uses. */
  minor: string;
  path: string;
}

interface PythonDeps {
  run: ProcessRunner;
  log: Logger;
  uv: string;
  attempts: number;
}

/**
 * The interpreter uv will use. With a request, an interpreter already on the machine is taken as
 * is (no network), else uv installs it, with retries. Without one, whatever uv finds.
 */
export async function resolvePython(request: string | undefined, deps: PythonDeps): Promise<PythonInfo> {
  const findArgs = ['python', 'find', ...(request ? [request] : [])];
  let found = await deps.run(deps.uv, findArgs, { silent: true });
  if (found.exitCode !== 0 && request) {
    deps.log.info(`Python ${request} is not on this machine: installing it with uv`);
    await retryCommand(deps.run, deps.uv, ['python', 'install', request], {
      attempts: deps.attempts,
      log: deps.log,
      what: `uv python install ${request}`,
    });
    found = await deps.run(deps.uv, findArgs, { silent: true });
  }
  if (found.exitCode !== 0) {
    throw new UserError(
      request
        ? `python-version: uv could not find or install Python ${request}: ${found.stderr.trim()}`
        : "no Python interpreter found; set 'python-version' so uv installs one",
    );
  }
  const path = found.stdout.trim().split('\n').pop() ?? '';
  const probe = await deps.run(path, ['-c', 'import platform; print(platform.python_version())'], {
    silent: true,
  });
  const version = probe.stdout.trim();
  const minor = /^(\d+\.\d+)/.exec(version)?.[1];
  if (probe.exitCode !== 0 || !minor)
    throw new Error(`could not read the version of ${path}: ${probe.stderr.trim()}`);
  return { version, minor, path };
}
