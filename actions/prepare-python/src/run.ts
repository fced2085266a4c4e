import { mkdir, rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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
  writeSummaryTable,
  type InputReader,
  type Logger,
  type Platform,
  type ProcessRunner,
  UserError,
} from '@ci-kit/runner';
import {
  PAYLOAD,
  restoreEntry,
  toolkitCacheService,
  type CacheService,
  type RestoreReport,
} from '@ci-kit/cache';
import { loadInputs, type PreparePythonInputs } from './inputs';
import { Outputs, State, type PostPlan } from './names';
import { ensureUv, whichOnPath } from './uv';
import { resolvePython } from './python';
import { ensureNox } from './nox';
import { hashDependencyFiles, matchDependencyFiles, NO_FILES_MARKER, uvCacheKeys } from './cache-key';
import { installDependencies } from './install-deps';

export interface Deps {
  read: InputReader;
  log: Logger;
  env: NodeJS.ProcessEnv;
  run: ProcessRunner;
  which: (tool: string) => Promise<string>;
  cacheService: CacheService;
  platform: () => Platform;
}

export const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  run: execRunner,
  which: whichOnPath,
  cacheService: toolkitCacheService,
  platform: () => detectPlatform(),
});

export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const env = deps.env;
  const platform = deps.platform();
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const tempDir = required(env, 'RUNNER_TEMP');
  const toolCacheRoot = required(env, 'RUNNER_TOOL_CACHE');
  const projectDir = path.resolve(workspace, inputs.workingDirectory);
  const inWorkspace = path.relative(workspace, projectDir);
  if (inWorkspace === '..' || inWorkspace.startsWith(`..${path.sep}`) || path.isAbsolute(inWorkspace)) {
    throw new UserError(
      `The value '${inputs.workingDirectory}' is not valid for 'working-directory'. Valid values are: a folder inside the workspace (${workspace}), relative to it or absolute`,
    );
  }
  const timer = new PhaseTimer();

  // The cache entry is always saved from cacheRoot/payload (see packages/cache stable-root.ts);
  // uv uses that folder directly unless the user chose another UV_CACHE_DIR.
  const cacheRoot = path.join(tempDir, 'ci-kit-uv-cache');
  const uvCacheDir = env.UV_CACHE_DIR || path.join(cacheRoot, PAYLOAD);
  // Made first, so a folder that cannot be written is named here, not as uv's "no interpreter found".
  await mkdir(uvCacheDir, { recursive: true }).catch(async (error: unknown) => {
    throw await (env.UV_CACHE_DIR
      ? diskErrorFor(error, uvCacheDir, 'UV_CACHE_DIR')
      : diskErrorFor(error, tempDir, 'RUNNER_TEMP'));
  });
  core.exportVariable('UV_CACHE_DIR', uvCacheDir);

  const uv = await timer.time('uv', () =>
    deps.log.group('uv', () =>
      ensureUv(inputs, {
        run: deps.run,
        log: deps.log,
        which: deps.which,
        cacheService: deps.cacheService,
        platform,
        toolCacheRoot,
        tempDir,
      }),
    ),
  );
  if (uv.binDir) core.addPath(uv.binDir);
  core.setOutput(Outputs.UvVersion, uv.version);
  core.setOutput(Outputs.UvPath, uv.uv);

  if (inputs.pythonVersion) core.exportVariable('UV_PYTHON', inputs.pythonVersion);
  const python = await timer.time('python', () =>
    deps.log.group('Python', () =>
      resolvePython(inputs.pythonVersion, {
        run: deps.run,
        log: deps.log,
        uv: uv.uv,
        attempts: inputs.retries,
      }),
    ),
  );
  core.setOutput(Outputs.PythonVersion, python.version);
  deps.log.info(`Python ${python.version} at ${python.path}`);

  const restore = await timer.time('cache restore', () =>
    deps.log.group('uv cache', () =>
      restoreUvCache(inputs, deps, {
        platform,
        python: python.minor,
        workspace,
        cacheRoot,
        uvCacheDir,
        uv: uv.uv,
      }),
    ),
  );

  let noxVersion = '';
  if (inputs.noxVersion) {
    const nox = await timer.time('nox', () =>
      deps.log.group('nox', () =>
        ensureNox(inputs.noxVersion as string, {
          run: deps.run,
          log: deps.log,
          which: deps.which,
          uv: uv.uv,
          attempts: inputs.retries,
          toolDir: path.join(toolCacheRoot, 'ci-kit-uv-tools'),
          env: { UV_CACHE_DIR: uvCacheDir },
        }),
      ),
    );
    if (nox.binDir) core.addPath(nox.binDir);
    noxVersion = nox.version;
  }
  core.setOutput(Outputs.NoxVersion, noxVersion);

  const installed = await timer.time(`install (${inputs.install})`, () =>
    deps.log.group(`Install dependencies (${inputs.install})`, () =>
      installDependencies(inputs.install, projectDir, {
        run: deps.run,
        log: deps.log,
        uv: uv.uv,
        attempts: inputs.retries,
        tempDir,
      }),
    ),
  );
  if (installed.venv) {
    core.exportVariable('VIRTUAL_ENV', installed.venv);
    core.addPath(path.join(installed.venv, 'bin'));
  }

  await writeSummaryTable(
    'prepare-python',
    ['what', 'result', 'time'],
    [
      ['uv', `${uv.version} (${uv.source})`, formatMs(phase(timer, 'uv'))],
      ['Python', python.version, formatMs(phase(timer, 'python'))],
      ['uv cache', describeRestore(restore.report, restore.key), formatMs(phase(timer, 'cache restore'))],
      ['nox', noxVersion || 'skipped', formatMs(phase(timer, 'nox'))],
      [
        `install: ${inputs.install}`,
        installed.venv ? `venv ${installed.venv}` : inputs.install === 'none' ? 'skipped' : 'done',
        formatMs(phase(timer, `install (${inputs.install})`)),
      ],
    ],
  );
}

interface CacheContext {
  platform: Platform;
  python: string;
  workspace: string;
  cacheRoot: string;
  uvCacheDir: string;
  uv: string;
}

async function restoreUvCache(inputs: PreparePythonInputs, deps: Deps, ctx: CacheContext) {
  const files = await matchDependencyFiles(inputs.cacheDependencyGlob, ctx.workspace);
  if (files.length === 0) {
    deps.log.warning(
      `cache-dependency-glob matched no file in ${ctx.workspace} (${inputs.cacheDependencyGlob.join(', ')}); the cache key uses '${NO_FILES_MARKER}'`,
    );
  } else {
    deps.log.info(`cache key from ${files.length} file(s): ${files.join(', ')}`);
  }
  const hash = files.length === 0 ? NO_FILES_MARKER : await hashDependencyFiles(files, ctx.workspace);
  const { key, restoreKeys } = uvCacheKeys(ctx.platform, ctx.python, hash, inputs.cacheSuffix);
  core.setOutput(Outputs.CacheKey, key);

  let report: RestoreReport = { status: 'miss' };
  if (inputs.cache) {
    report = await restoreEntry(
      { service: deps.cacheService, log: deps.log, root: ctx.cacheRoot },
      key,
      restoreKeys,
    );
    await placeRestoredCache(report, ctx);
  }
  const hit = report.status === 'hit';
  core.setOutput(Outputs.CacheHit, String(hit));
  core.setOutput(Outputs.CacheMatchedKey, report.matchedKey ?? '');
  deps.log.info(describeRestore(report, key));

  const plan: PostPlan = {
    save: inputs.cache && !hit,
    ...(inputs.cache ? (hit ? { skipReason: 'exact cache hit' } : {}) : { skipReason: 'cache: false' }),
    key,
    matchedKey: report.matchedKey ?? '',
    cacheRoot: ctx.cacheRoot,
    uvCacheDir: ctx.uvCacheDir,
    uv: ctx.uv,
  };
  core.saveState(State.Plan, JSON.stringify(plan));
  return { report, key };
}

/** A user-chosen UV_CACHE_DIR gets the restored payload moved in (same filesystem, so a rename). */
async function placeRestoredCache(report: RestoreReport, ctx: CacheContext): Promise<void> {
  if (!report.payloadDir || path.resolve(report.payloadDir) === path.resolve(ctx.uvCacheDir)) return;
  if (existsSync(ctx.uvCacheDir)) return;
  await mkdir(path.dirname(ctx.uvCacheDir), { recursive: true });
  await rename(report.payloadDir, ctx.uvCacheDir);
}

function describeRestore(report: RestoreReport, key: string): string {
  switch (report.status) {
    case 'hit':
      return `hit: ${key}`;
    case 'partial':
      return `restored fallback ${report.matchedKey} (primary ${key} missed)`;
    case 'miss':
      return `miss: ${key}`;
    case 'unavailable':
      return 'no cache service on this runner';
    case 'failed':
      return `restore failed: ${report.problem}`;
  }
}

function phase(timer: PhaseTimer, name: string): number {
  return timer.phases.find((p) => p.name === name)?.ms ?? 0;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(`${name} is not set: this action must run on a Forgejo or GitHub Actions runner`);
  return value;
}
