import {
  coreCommands,
  coreInputReader,
  coreLogger,
  detectPlatform,
  execRunner,
  formatMs,
  PhaseTimer,
  systemId,
  writeResult,
  type InputReader,
  type Logger,
  type Platform,
  type ProcessRunner,
  type RunnerCommands,
  telemetry,
} from '@ci-kit/runner';
import { toolkitCacheService, type CacheService } from '@ci-kit/cache';
import { loadInputs } from './inputs';
import { Outputs } from './names';
import { ensureUv, whichOnPath } from './uv';
import { resolvePython } from './python';
import { ensureNox } from './nox';
import { describeRestore, restoreUvCache } from './restore-uv-cache';
import { describeSyncReport } from './sync-report';
import { installDependencies } from './install-deps';
import { prepareJobFolders } from './job-folders';
import { pythonRequestOf } from './python-request';
import { findCacheDir } from './find-cache';
import { handOverInstall } from './activate';

export { findCacheName } from './find-cache';

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
  /** Outputs, env and PATH for later steps, state for post. */
  commands: RunnerCommands;
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
  commands: coreCommands,
});

/** main: one phase after another, each timed and in its own log group; post saves the cache (post.ts). */
export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const { commands, env, log } = deps;
  const inputs = loadInputs(deps.read);
  const platform = deps.platform();
  const folders = await prepareJobFolders(inputs, env, commands);
  const { workspace, tempDir, toolCacheRoot, projectDir, stagingRoot, uvCacheDir } = folders;
  const timer = new PhaseTimer();
  telemetry.timePhasesWith(timer);

  const uv = await timer.time(PHASES.uv, () =>
    log.group('uv', () =>
      ensureUv(inputs, {
        run: deps.run,
        log,
        which: deps.which,
        cacheService: deps.cacheService,
        platform,
        toolCacheRoot,
        tempDir,
        jobEnv: env,
      }),
    ),
  );
  if (uv.binDir) commands.addPath(uv.binDir);
  commands.setOutput(Outputs.UvVersion, uv.version);
  commands.setOutput(Outputs.UvPath, uv.uv);

  const pythonRequest = await pythonRequestOf(inputs, workspace, log);
  const findCache = await findCacheDir(toolCacheRoot);
  if (pythonRequest) commands.exportVariable('UV_PYTHON', pythonRequest);
  // @actions/cache is most of this bundle: parsed while `uv python find` runs, it costs the job little.
  // (Not earlier: on the image the uv phase starts no process to overlap it with.)
  if (inputs.cache && deps.cacheService.available()) deps.cacheService.preload?.();
  const python = await timer.time(PHASES.python, () =>
    log.group('Python', () =>
      resolvePython(pythonRequest, {
        run: deps.run,
        log,
        uv: uv.uv,
        attempts: inputs.retries,
        cwd: projectDir,
        ...(findCache ? { findCacheDir: findCache } : {}),
      }),
    ),
  );
  commands.setOutput(Outputs.PythonVersion, python.version);
  log.info(`Python ${python.version} at ${python.path}`);

  const restore = await timer.time(PHASES.restore, () =>
    log.group('uv cache', () =>
      restoreUvCache(inputs, deps, {
        platform,
        python: python.abi,
        pythonRequest: pythonRequest ?? '',
        pythonPath: python.path,
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
      log.group('nox', () =>
        ensureNox(inputs.noxVersion as string, {
          run: deps.run,
          log,
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
    if (nox.binDir) commands.addPath(nox.binDir);
    noxVersion = nox.version;
  }
  commands.setOutput(Outputs.NoxVersion, noxVersion);

  const installed = await timer.time(PHASES.install, () =>
    log.group(`Install dependencies (${inputs.install})`, () =>
      installDependencies(
        inputs.install,
        projectDir,
        {
          locked: inputs.locked,
          syncArgs: inputs.syncArgs,
          createVenv: inputs.activateEnvironment === 'true',
        },
        { run: deps.run, log, uv: uv.uv, attempts: inputs.retries, tempDir, workspace, env },
      ),
    ),
  );
  await handOverInstall(
    installed,
    { mode: inputs.activateEnvironment, install: inputs.install, uv: uv.uv, tempDir },
    commands,
    log,
  );

  const ms = (name: string) => formatMs(timer.phases.find((p) => p.name === name)?.ms ?? 0);
  await writeResult(
    log,
    'prepare-python',
    ['what', 'result', 'time'],
    [
      [PHASES.uv, `${uv.version} (${uv.source})`, ms(PHASES.uv)],
      [PHASES.python, python.version, ms(PHASES.python)],
      [PHASES.restore, describeRestore(restore.report, restore.key), ms(PHASES.restore)],
      [PHASES.nox, noxVersion || 'skipped', ms(PHASES.nox)],
      [
        `${PHASES.install}: ${inputs.install}`,
        [
          installed.venv ? `venv ${installed.venv}` : (installed.command ?? 'skipped'),
          ...(installed.report ? [describeSyncReport(installed.report)] : []),
        ].join('; '),
        ms(PHASES.install),
      ],
    ],
  );
}
