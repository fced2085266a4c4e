import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import {
  coreInputReader,
  coreLogger,
  detectPlatform,
  diskErrorFor,
  execRunner,
  formatMs,
  PhaseTimer,
  systemId,
  writeResult,
  type InputReader,
  type Logger,
  type Platform,
  type ProcessRunner,
  UserError,
  invalidInput,
  runnerVariable,
  telemetry,
} from '@ci-kit/runner';
import { PAYLOAD, toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { loadInputs, type PreparePythonInputs } from './inputs';
import { Inputs, Outputs } from './names';
import { ensureUv, whichOnPath } from './uv';
import { parsePythonVersionFile, resolvePython } from './python';
import { ensureNox } from './nox';
import { describeRestore, restoreUvCache } from './restore-uv-cache';
import { describeSyncReport } from './sync-report';
import { shieldPinnedUv } from './pinned-uv';
import { installDependencies } from './install-deps';

export interface Deps {
  read: InputReader;
  log: Logger;
  env: NodeJS.ProcessEnv;
  run: ProcessRunner;
  which: (tool: string) => Promise<string>;
  cacheService: CacheService;
  platform: () => Platform;
  /** Distribution and libc, for the uv cache key (see systemId). */
  system: () => string;
}

/** The phases main times, in order: the timer's names and the summary's rows come from here. */
const PHASES = {
  uv: 'uv',
  python: 'Python',
  restore: 'uv cache',
  nox: 'nox',
  install: 'install',
} as const;

export const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  run: execRunner,
  which: whichOnPath,
  cacheService: toolkitCacheService,
  platform: () => detectPlatform(),
  system: () => systemId(),
});

const STAGING_PREFIX = 'ci-kit-uv-cache-';
/**
 * In the tool cache: the uv cache `uv python find` alone uses (python.ts says why). One per user: the
 * tool cache is shared by every job on a runner, and a folder a root job made is not writable for a
 * later job that runs as another user (issue 28).
 */
export function findCacheName(uid: number | undefined): string {
  return `ci-kit-uv-python-find-${uid ?? 'user'}`;
}

/** A UV_CACHE_DIR that an earlier prepare-python step of this job made (RUNNER_TEMP/ci-kit-uv-cache-*\/payload). */
function isOwnCacheDir(dir: string, tempDir: string): boolean {
  const parts = path.relative(tempDir, dir).split(path.sep);
  return parts.length === 2 && (parts[0] ?? '').startsWith(STAGING_PREFIX) && parts[1] === PAYLOAD;
}

export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const env = deps.env;
  const platform = deps.platform();
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const tempDir = runnerVariable(env, 'RUNNER_TEMP');
  const toolCacheRoot = runnerVariable(env, 'RUNNER_TOOL_CACHE');
  const projectDir = path.resolve(workspace, inputs.workingDirectory);
  const inWorkspace = path.relative(workspace, projectDir);
  if (inWorkspace === '..' || inWorkspace.startsWith(`..${path.sep}`) || path.isAbsolute(inWorkspace)) {
    throw invalidInput(
      Inputs.WorkingDirectory,
      inputs.workingDirectory,
      `a folder inside the workspace (${workspace}), relative to it or absolute`,
    );
  }
  const timer = new PhaseTimer();
  telemetry.timePhasesWith(timer);

  // A staging root per step: two prepare-python steps in one job never restore into, or save, each
  // other's folder. uv uses root/payload directly unless the user (or the image) chose UV_CACHE_DIR;
  // a UV_CACHE_DIR that an earlier step of ours exported is not the user's choice.
  const stagingRoot = await mkdtemp(path.join(tempDir, STAGING_PREFIX)).catch(async (error: unknown) => {
    throw await diskErrorFor(error, tempDir, 'RUNNER_TEMP');
  });
  const userCacheDir = env.UV_CACHE_DIR && !isOwnCacheDir(env.UV_CACHE_DIR, tempDir) ? env.UV_CACHE_DIR : '';
  const uvCacheDir = userCacheDir || path.join(stagingRoot, PAYLOAD);
  // Made first, so a folder that cannot be written is named here, not as uv's "no interpreter found".
  await mkdir(uvCacheDir, { recursive: true }).catch(async (error: unknown) => {
    throw await (userCacheDir
      ? diskErrorFor(error, uvCacheDir, 'UV_CACHE_DIR')
      : diskErrorFor(error, tempDir, 'RUNNER_TEMP'));
  });
  core.exportVariable('UV_CACHE_DIR', uvCacheDir);

  const uv = await timer.time(PHASES.uv, () =>
    deps.log.group('uv', () =>
      ensureUv(inputs, {
        run: deps.run,
        log: deps.log,
        which: deps.which,
        cacheService: deps.cacheService,
        platform,
        toolCacheRoot,
        tempDir,
        jobEnv: env,
      }),
    ),
  );
  if (uv.binDir) core.addPath(uv.binDir);
  core.setOutput(Outputs.UvVersion, uv.version);
  core.setOutput(Outputs.UvPath, uv.uv);

  const pythonRequest = await pythonRequestOf(inputs, workspace, deps.log);
  // A tool cache that cannot be written only means uv starts the interpreter again.
  const findCache = path.join(toolCacheRoot, findCacheName(process.getuid?.()));
  const findCacheDir = await mkdir(findCache, { recursive: true })
    .then(() => access(findCache, fsConstants.W_OK))
    .then(
      () => findCache,
      () => undefined,
    );
  if (pythonRequest) core.exportVariable('UV_PYTHON', pythonRequest);
  // @actions/cache is most of this bundle: parsed while `uv python find` runs, it costs the job little.
  // (Not earlier: on the image the uv phase starts no process to overlap it with.)
  if (inputs.cache && deps.cacheService.available()) deps.cacheService.preload?.();
  const python = await timer.time(PHASES.python, () =>
    deps.log.group('Python', () =>
      resolvePython(pythonRequest, {
        run: deps.run,
        log: deps.log,
        uv: uv.uv,
        attempts: inputs.retries,
        cwd: projectDir,
        ...(findCacheDir ? { findCacheDir } : {}),
      }),
    ),
  );
  core.setOutput(Outputs.PythonVersion, python.version);
  deps.log.info(`Python ${python.version} at ${python.path}`);

  const restore = await timer.time(PHASES.restore, () =>
    deps.log.group('uv cache', () =>
      restoreUvCache(inputs, deps, {
        platform,
        python: python.abi,
        pythonRequest: pythonRequest ?? '',
        workspace,
        projectDir,
        stagingRoot,
        uvCacheDir,
        uv: uv.uv,
      }),
    ),
  );

  let noxVersion = '';
  if (inputs.noxVersion) {
    const nox = await timer.time(PHASES.nox, () =>
      deps.log.group('nox', () =>
        ensureNox(inputs.noxVersion as string, {
          run: deps.run,
          log: deps.log,
          which: deps.which,
          uv: uv.uv,
          python: python.path,
          attempts: inputs.retries,
          platform,
          toolCacheRoot,
          tempDir,
          env: { UV_CACHE_DIR: uvCacheDir },
          jobEnv: env,
        }),
      ),
    );
    if (nox.binDir) core.addPath(nox.binDir);
    noxVersion = nox.version;
  }
  core.setOutput(Outputs.NoxVersion, noxVersion);

  const installed = await timer.time(PHASES.install, () =>
    deps.log.group(`Install dependencies (${inputs.install})`, () =>
      installDependencies(
        inputs.install,
        projectDir,
        {
          locked: inputs.locked,
          syncArgs: inputs.syncArgs,
          createVenv: inputs.activateEnvironment === 'true',
        },
        { run: deps.run, log: deps.log, uv: uv.uv, attempts: inputs.retries, tempDir, workspace, env },
      ),
    ),
  );
  if (installed.venv && inputs.activateEnvironment !== 'false') {
    core.exportVariable('VIRTUAL_ENV', installed.venv);
    core.addPath(path.join(installed.venv, 'bin'));
    deps.log.info(`activated ${installed.venv} for the next steps (VIRTUAL_ENV, PATH)`);
    await shieldPinnedUv(installed.venv, uv.uv, tempDir, (dir) => core.addPath(dir), deps.log);
  }
  if (installed.report) {
    core.setOutput(Outputs.PackagesFromCache, String(installed.report.fromCache));
    core.setOutput(Outputs.PackagesDownloaded, String(installed.report.fetched));
    deps.log.info(`${installed.command ?? inputs.install}: ${describeSyncReport(installed.report)}`);
  }

  await writeResult(
    deps.log,
    'prepare-python',
    ['what', 'result', 'time'],
    [
      [PHASES.uv, `${uv.version} (${uv.source})`, formatMs(phase(timer, PHASES.uv))],
      [PHASES.python, python.version, formatMs(phase(timer, PHASES.python))],
      [PHASES.restore, describeRestore(restore.report, restore.key), formatMs(phase(timer, PHASES.restore))],
      [PHASES.nox, noxVersion || 'skipped', formatMs(phase(timer, PHASES.nox))],
      [
        `${PHASES.install}: ${inputs.install}`,
        [
          installed.venv ? `venv ${installed.venv}` : (installed.command ?? 'skipped'),
          ...(installed.report ? [describeSyncReport(installed.report)] : []),
        ].join('; '),
        formatMs(phase(timer, PHASES.install)),
      ],
    ],
  );
}

/**
 * The Python request: `python-version`, else what `python-version-file` names, else none (uv then
 * reads the project folder itself, as `uv sync` will).
 */
async function pythonRequestOf(
  inputs: PreparePythonInputs,
  workspace: string,
  log: Logger,
): Promise<string | undefined> {
  if (!inputs.pythonVersionFile) return inputs.pythonVersion;
  if (inputs.pythonVersion) {
    log.warning(
      `both python-version and python-version-file are set: python-version (${inputs.pythonVersion}) is used`,
    );
    return inputs.pythonVersion;
  }
  const file = path.resolve(workspace, inputs.pythonVersionFile);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError(
      `python-version-file: ${file} does not exist; give a path relative to the workspace (${workspace})`,
    );
  });
  const request = parsePythonVersionFile(file, text);
  if (!request) throw new UserError(`python-version-file: ${file} names no Python version`);
  log.info(`Python ${request}, from ${inputs.pythonVersionFile}`);
  return request;
}

function phase(timer: PhaseTimer, name: string): number {
  return timer.phases.find((p) => p.name === name)?.ms ?? 0;
}
