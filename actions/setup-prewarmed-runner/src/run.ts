import path from 'node:path';
import * as core from '@actions/core';
import {
  coreInputReader,
  coreLogger,
  detectPlatform,
  errorMessage,
  formatMs,
  UserError,
  writeSummaryTable,
  type InputReader,
  type Logger,
  type Platform,
  runnerVariable,
} from '@ci-kit/runner';
import type { CacheService } from '@ci-kit/cache';
import { assertDownloadScheme } from '@ci-kit/download';
import { TOOLCHAIN } from '@ci-kit/tools';
import { loadInputs, type SetupInputs } from './inputs';
import { readImageManifest, type ImageManifest } from './manifest';
import { DEFAULT_IMAGE_MANIFEST, Env, Outputs, SYSTEM_TOOLS, TOOL_NAMES, type ToolName } from './names';
import {
  describeExpected,
  PROBES,
  probeTool,
  processExec,
  RUNNER_RECORDED,
  type Exec,
  type Probe,
} from './probe';
import { findOnPath, recordOnRunner, recordVerified } from '@ci-kit/tools';

type Installer = typeof import('./install');

export interface Deps {
  read: InputReader;
  log: Logger;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  /** Default: the runner's cache service (loaded with the install code, off the fast path). */
  cacheService?: CacheService;
  platform: () => Platform;
  /** The install code, imported only when something is missing. */
  loadInstaller: () => Promise<Installer>;
}

const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  exec: processExec,
  platform: () => detectPlatform(),
  loadInstaller: () => import('./install'),
});

/** One summary row: tool | expected | found | action | time. */
interface Row {
  tool: ToolName;
  expected: string;
  found: string;
  action: string;
  ms: number;
  /** Still missing or at the wrong version when the action ends. */
  missing: boolean;
}

export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const started = performance.now();
  const inputs = loadInputs(deps.read);
  const mirror = mirrorBase(deps.env);
  const manifestPath = deps.env[Env.ImageManifest] || DEFAULT_IMAGE_MANIFEST;

  // Everything the fast path needs, at once: the manifest and one version check per tool.
  const [manifest, probes] = await Promise.all([
    readImageManifest(manifestPath, deps.log),
    Promise.all(
      inputs.tools.map((tool) => probeTool(deps.exec, tool, expectedVersion(tool, inputs), deps.env)),
    ),
  ]);
  const checkedMs = performance.now() - started;
  rememberVerified(probes, deps.env);
  const fromBootstrap = parseBootstrapInstalled(deps.env[Env.BootstrapInstalled]);
  const rows = new Map<ToolName, Row>(
    probes.map((probe) => [probe.tool, rowOf(probe, fromBootstrap, inputs)]),
  );
  const problems = probes.filter((probe) => probe.status !== 'ok');
  const prewarmed = problems.length === 0 && fromBootstrap.size === 0;
  const notes = manifestNotes(manifest, manifestPath, inputs.tools);
  if (fromBootstrap.size > 0) {
    const seconds = deps.env[Env.BootstrapSeconds];
    notes.push(
      `bootstrap.sh installed ${[...fromBootstrap.keys()].join(', ')}${seconds ? ` in ${seconds} s` : ''}.`,
    );
  }

  if (inputs.strict && (!prewarmed || !manifest)) {
    const reasons = [
      ...problems.map((probe) => describeProblem(probe, inputs)),
      ...[...fromBootstrap.keys()].map((tool) => `${tool} had to be installed by bootstrap`),
      ...(manifest ? [] : [`no image manifest at ${manifestPath}`]),
    ];
    setOutputs(
      false,
      [...fromBootstrap.keys()],
      problems.map((p) => p.tool),
      manifest,
    );
    await writeSummary(rows, notes, started);
    throw new UserError(
      `strict: this job is not on the pre-warmed image: ${reasons.join('; ')} ` +
        '(run the job in the forgejo-ci-kit python-ci image, or set strict: false to install what is missing)',
    );
  }

  const failures: string[] = [];
  if (problems.length > 0 && inputs.installMissing) {
    await installMissing(deps, inputs, probes, rows, failures, mirror);
  } else {
    for (const probe of problems) {
      const row = rows.get(probe.tool) as Row;
      row.action = SYSTEM_TOOLS.includes(probe.tool)
        ? 'not installed (bootstrap step)'
        : 'not installed (install-missing: false)';
      deps.log.warning(`${describeProblem(probe, inputs)}; ${row.action}`);
    }
  }

  const installed = [...rows.values()]
    .filter((row) => row.action.startsWith('installed'))
    .map((row) => row.tool);
  const missing = [...rows.values()].filter((row) => row.missing).map((row) => row.tool);
  setOutputs(prewarmed, installed, missing, manifest);
  await writeSummary(rows, notes, started);
  const total = performance.now() - started;
  const image = manifest ? `image ${manifest.imageVersion || 'of unknown version'}` : 'no image manifest';
  deps.log.info(
    `${prewarmed ? 'pre-warmed' : 'not pre-warmed'} (${image}): ` +
      probes.map((probe) => `${probe.tool} ${rows.get(probe.tool)?.found || 'missing'}`).join(', ') +
      `; checked in ${formatMs(checkedMs)}, done in ${formatMs(total)}` +
      `${installed.length ? `; installed ${installed.join(', ')}` : ''}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
  );
  if (failures.length > 0) throw new UserError(failures.join('; '));
}

async function installMissing(
  deps: Deps,
  inputs: SetupInputs,
  probes: Probe[],
  rows: Map<ToolName, Row>,
  failures: string[],
  mirror: string | undefined,
): Promise<void> {
  const installer = await deps.loadInstaller();
  const ctx = {
    toolCacheRoot: runnerVariable(deps.env, 'RUNNER_TOOL_CACHE'),
    tempDir: runnerVariable(deps.env, 'RUNNER_TEMP'),
    platform: deps.platform(),
    log: deps.log,
    env: deps.env,
    ...(deps.cacheService ? { cacheService: deps.cacheService } : {}),
    exec: deps.exec,
    ...(mirror ? { mirror } : {}),
  };
  const broken = new Set(probes.filter((probe) => probe.status !== 'ok').map((probe) => probe.tool));
  // uv first: nox is installed with it.
  let uvCommand = 'uv';
  for (const tool of TOOL_NAMES) {
    if (!broken.has(tool)) continue;
    const row = rows.get(tool) as Row;
    if (SYSTEM_TOOLS.includes(tool)) {
      row.action = 'not installed (bootstrap step)';
      deps.log.warning(
        `${row.tool}: found ${row.found || 'nothing'}, expected ${row.expected}; only the bootstrap step installs it`,
      );
      continue;
    }
    const began = performance.now();
    try {
      const result = await deps.log.group(`Install ${tool} ${pinnedVersion(tool)}`, async () => {
        if (tool === 'nox') {
          uvCommand = await uvForNox(deps, ctx, installer, inputs, broken, uvCommand);
          return installer.installNox(uvCommand, ctx);
        }
        return installer.installReleaseTool(tool as 'uv' | 'helm' | 'kubeconform', ctx);
      });
      const check = await probeTool(
        deps.exec,
        tool,
        pinnedVersion(tool),
        deps.env,
        path.join(result.binPath, tool),
      );
      if (check.status !== 'ok') {
        throw new UserError(
          `${tool} installed from ${result.source} reports ${check.found || 'no version'}, not ${row.expected}`,
        );
      }
      core.addPath(result.binPath);
      if (tool === 'uv') uvCommand = path.join(result.binPath, 'uv');
      Object.assign(row, { found: check.found, action: `installed (${result.source})`, missing: false });
      deps.log.info(
        `${tool} ${check.found} from ${result.source} on PATH at ${result.binPath} (${result.detail})`,
      );
    } catch (error) {
      row.action = 'install failed';
      failures.push(`${tool}: ${errorMessage(error)}`);
      deps.log.warning(`could not install ${tool}: ${errorMessage(error)}`);
    } finally {
      row.ms = performance.now() - began;
    }
  }
}

/** The uv that installs nox: the one on PATH when it is the pinned one, else a pinned one from the tool cache. */
async function uvForNox(
  deps: Deps,
  ctx: Parameters<Installer['installNox']>[1],
  installer: Installer,
  inputs: SetupInputs,
  broken: Set<ToolName>,
  current: string,
): Promise<string> {
  if (current !== 'uv') return current;
  if (inputs.tools.includes('uv') && !broken.has('uv')) return 'uv';
  const probe = await probeTool(deps.exec, 'uv', pinnedVersion('uv'), deps.env);
  if (probe.status === 'ok') return 'uv';
  const result = await installer.installReleaseTool('uv', ctx);
  return path.join(result.binPath, 'uv');
}

/** What a probe compares with: the pin, or for node the oldest major the job accepts (node-version-min). */
function expectedVersion(tool: ToolName, inputs: Pick<SetupInputs, 'nodeVersionMin'>): string {
  return tool === 'node' ? String(inputs.nodeVersionMin) : pinnedVersion(tool);
}

function pinnedVersion(tool: ToolName): string {
  return tool in TOOLCHAIN ? TOOLCHAIN[tool as keyof typeof TOOLCHAIN].version : '';
}

/**
 * The exact-pinned tools found at their pins, for our later steps in this job (prepare-python would
 * start nox again only to read its version): recorded with the file's identity, see packages/tools.
 */
function rememberVerified(probes: Probe[], env: NodeJS.ProcessEnv): void {
  for (const probe of probes) {
    if (probe.status !== 'ok' || PROBES[probe.tool].match !== 'exact') continue;
    const file = findOnPath(probe.tool, env);
    if (!file) continue;
    recordVerified(env, probe.tool, file, probe.found);
    // Only what was run: a version read from the record is in it already (one line per file and change).
    if (!probe.readStatically && RUNNER_RECORDED.has(probe.tool))
      recordOnRunner(env, probe.tool, file, probe.found);
  }
}

function rowOf(
  probe: Probe,
  fromBootstrap: Map<string, string>,
  inputs: Pick<SetupInputs, 'nodeVersionMin'>,
): Row {
  const viaBootstrap = fromBootstrap.get(probe.tool);
  const action =
    probe.status === 'ok'
      ? viaBootstrap
        ? `installed (${viaBootstrap}, bootstrap)`
        : 'present'
      : probe.status;
  return {
    tool: probe.tool,
    expected: describeExpected(probe.tool, expectedVersion(probe.tool, inputs)),
    found: probe.found,
    action,
    ms: probe.ms,
    missing: probe.status !== 'ok',
  };
}

function describeProblem(probe: Probe, inputs: Pick<SetupInputs, 'nodeVersionMin'>): string {
  const expected = describeExpected(probe.tool, expectedVersion(probe.tool, inputs));
  return probe.status === 'missing'
    ? `${probe.tool} is missing (expected ${expected})`
    : `${probe.tool} is ${probe.found}, expected ${expected}`;
}

/** bootstrap.sh's `installed` output: `node:apt git:apt` (command:source pairs). */
function parseBootstrapInstalled(value: string | undefined): Map<string, string> {
  const pairs = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return new Map(
    pairs.map((pair) => [pair.split(':')[0] ?? pair, pair.split(':')[1] ?? 'bootstrap'] as [string, string]),
  );
}

function manifestNotes(
  manifest: ImageManifest | undefined,
  manifestPath: string,
  tools: ToolName[],
): string[] {
  if (!manifest)
    return [`No image manifest at \`${manifestPath}\`: this job is not on the pre-warmed image.`];
  const drift = tools
    .filter(
      (tool) =>
        tool in TOOLCHAIN && manifest.versions[tool] && manifest.versions[tool] !== pinnedVersion(tool),
    )
    .map((tool) => `${tool} ${manifest.versions[tool]} (this action pins ${pinnedVersion(tool)})`);
  const notes = [
    `Image ${manifest.imageVersion || '(version not recorded)'}, manifest \`${manifest.path}\`.`,
  ];
  if (drift.length > 0)
    notes.push(`The image was built with ${drift.join(', ')}: use an image tag made for this release.`);
  return notes;
}

function setOutputs(
  prewarmed: boolean,
  installed: string[],
  missing: string[],
  manifest: ImageManifest | undefined,
) {
  core.setOutput(Outputs.Prewarmed, String(prewarmed));
  core.setOutput(Outputs.Installed, installed.join(','));
  core.setOutput(Outputs.Missing, missing.join(','));
  core.setOutput(Outputs.ImageVersion, manifest?.imageVersion ?? '');
}

async function writeSummary(rows: Map<ToolName, Row>, notes: string[], started: number): Promise<void> {
  await writeSummaryTable(
    'setup-prewarmed-runner',
    ['tool', 'expected', 'found', 'action', 'time'],
    [...rows.values()].map((row) => [row.tool, row.expected, row.found || '—', row.action, formatMs(row.ms)]),
    [...notes, `Total ${formatMs(performance.now() - started)}.`],
  );
}

/** CI_KIT_DOWNLOAD_MIRROR, checked like an input: an http(s):// or file:// base URL. */
function mirrorBase(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[Env.DownloadMirror]?.trim();
  if (!value) return undefined;
  assertDownloadScheme(value, Env.DownloadMirror);
  return value;
}
