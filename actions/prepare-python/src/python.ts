import { UserError, type Logger, type ProcessRunner, type RunOptions } from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';

export interface PythonInfo {
  /** Full version, e.g. 3.13.1. */
  version: string;
  /** major.minor. */
  minor: string;
  /**
   * The interpreter in the cache key: implementation, major.minor and ABI flags (`py3.13`, `py3.13t`
   * free-threaded, `pypy3.10`): wheels built for one never load in another.
   */
  abi: string;
  path: string;
}

/** `py` for CPython (the key format since the first release), the implementation's name otherwise. */
export function abiTag(implementation: string, minor: string, abiflags: string): string {
  const impl = implementation === 'cpython' || implementation === '' ? 'py' : implementation;
  return `${impl}${minor}${abiflags}`.replace(/[^A-Za-z0-9.]/g, '_');
}

interface PythonDeps {
  run: ProcessRunner;
  log: Logger;
  uv: string;
  attempts: number;
  /** The project folder: uv reads its .python-version and requires-python from here, as `uv sync` will. */
  cwd: string;
  /**
   * A uv cache folder that outlives the job (in the tool cache), for `uv python find` alone. uv keeps
   * what it learnt by starting an interpreter (its version, paths, tags; checked against the file's
   * mtime) in its cache, and the job's own cache folder is still empty here: restoring it needs the
   * Python version first. Without it, every job starts each candidate interpreter once more.
   */
  findCacheDir?: string;
}

/** Version, implementation and ABI flags (`t` free-threaded, `d` debug), one line, space-separated. */
const PROBE =
  "import sys; print(sys.version.split()[0], sys.implementation.name, getattr(sys, 'abiflags', ''))";

/**
 * The interpreter uv will use for the project. uv decides, from the project folder: the request when
 * there is one, else the project's .python-version or requires-python, else what is on the machine.
 * One already on the machine is taken as is (no network); else uv installs it, with retries.
 */
export async function resolvePython(request: string | undefined, deps: PythonDeps): Promise<PythonInfo> {
  const findArgs = ['python', 'find', ...(request ? [request] : [])];
  let quiet: RunOptions = {
    silent: true,
    cwd: deps.cwd,
    ...(deps.findCacheDir ? { env: { UV_CACHE_DIR: deps.findCacheDir } } : {}),
  };
  let found = await deps.run(deps.uv, findArgs, quiet);
  if (found.exitCode !== 0 && deps.findCacheDir) {
    // The shared folder may be one uv cannot use (another user's, a broken lock): that is no reason
    // to think Python is missing. Ask again with the job's own cache before installing anything.
    deps.log.info(
      `uv python find failed with the tool cache's ${deps.findCacheDir} (${lastLine(found.stderr)}): asking again without it`,
    );
    quiet = { silent: true, cwd: deps.cwd };
    found = await deps.run(deps.uv, findArgs, quiet);
  }
  if (found.exitCode !== 0) {
    const what = request ? `Python ${request}` : "the project's Python (.python-version or requires-python)";
    deps.log.info(`${what} is not on this machine: installing it with uv`);
    // Without a request, `uv python install` installs what the project's files ask for.
    await retryCommand(deps.run, deps.uv, ['python', 'install', ...(request ? [request] : [])], {
      attempts: deps.attempts,
      log: deps.log,
      what: `uv python install${request ? ` ${request}` : ''}`,
      cwd: deps.cwd,
      retriesItself: 'uv',
    });
    found = await deps.run(deps.uv, findArgs, quiet);
  }
  if (found.exitCode !== 0) {
    throw new UserError(
      request
        ? `python-version: uv could not find or install Python ${request}: ${found.stderr.trim()}`
        : `no Python interpreter found for ${deps.cwd}, and uv could not install one: ${found.stderr.trim()}; set 'python-version' or add a .python-version file`,
    );
  }
  const path = found.stdout.trim().split('\n').pop() ?? '';
  // -I -S: no site import and no PYTHON* variables, so the probe costs one bare interpreter start and a
  // job's PYTHONPATH or a broken sitecustomize cannot change or break it.
  const probe = await deps.run(path, ['-I', '-S', '-c', PROBE], { silent: true });
  const [version = '', implementation = '', abiflags = ''] = probe.stdout.trim().split(' ');
  const minor = /^(\d+\.\d+)/.exec(version)?.[1];
  if (probe.exitCode !== 0 || !minor)
    throw new Error(`could not read the version of ${path}: ${probe.stderr.trim()}`);
  return { version, minor, abi: abiTag(implementation, minor, abiflags), path };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/**
 * The Python request a version file holds, as setup-python reads them: `.tool-versions` (its `python`
 * line), `pyproject.toml` (`requires-python`, a specifier uv accepts as a request), anything else
 * (`.python-version`) the first line that is not a comment.
 */
export function parsePythonVersionFile(fileName: string, text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (fileName.endsWith('.tool-versions')) {
    return lines.map((line) => /^python\s+(\S+)/.exec(line)?.[1]).find((v) => v !== undefined);
  }
  if (fileName.endsWith('.toml')) {
    return /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(text)?.[1]?.trim();
  }
  return lines.find((line) => line !== '' && !line.startsWith('#'));
}
