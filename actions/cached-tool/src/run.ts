import * as core from '@actions/core';
import {
  coreInputReader,
  coreLogger,
  detectPlatform,
  formatMs,
  writeSummaryTable,
  type InputReader,
  type Logger,
  runnerVariable,
  UserError,
  type Platform,
} from '@ci-kit/runner';
import { saveBlockedBy, toolkitCacheService, type CacheService } from '@ci-kit/cache';
import {
  installTool,
  planPinnedTool,
  renderUrlTemplate,
  TOOL_DEFINITIONS,
  type InstallPlan,
} from '@ci-kit/tools';
import { archiveFormatOf, fileNameFromUrl } from '@ci-kit/download';
import { createHash } from 'node:crypto';
import { loadInputs, type CachedToolInputs } from './inputs';
import { Inputs, Outputs } from './names';

export interface Deps {
  read: InputReader;
  log: Logger;
  env: NodeJS.ProcessEnv;
  cacheService: CacheService;
  platform: () => Platform;
}

const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  cacheService: toolkitCacheService,
  platform: () => detectPlatform(),
});

export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const platform = deps.platform();
  const plan = makePlan(inputs, platform);
  const toolCacheRoot = runnerVariable(deps.env, 'RUNNER_TOOL_CACHE');
  const tempDir = runnerVariable(deps.env, 'RUNNER_TEMP');

  const result = await deps.log.group(`Install ${plan.tool} ${plan.version}`, () =>
    installTool({
      plan,
      toolCacheRoot,
      tempDir,
      attempts: inputs.retries,
      remoteCache: inputs.cache,
      ...savePolicy(inputs, deps.env),
      verify: inputs.verify,
      cacheService: deps.cacheService,
      log: deps.log,
    }),
  );

  core.addPath(result.binPath);
  core.setOutput(Outputs.Path, result.binPath);
  core.setOutput(Outputs.Version, plan.version);
  core.setOutput(Outputs.Sha256, result.sha256);
  core.setOutput(Outputs.Source, result.source);
  deps.log.info(
    `${plan.tool} ${plan.version} from ${result.source} on PATH at ${result.binPath} (${result.timer.describe()})`,
  );
  await writeSummaryTable(
    'cached-tool',
    ['tool', 'version', 'source', 'sha256', 'retries', 'time'],
    [
      [
        plan.tool,
        plan.version,
        result.source,
        result.sha256 ? `${result.sha256.slice(0, 12)}… (${result.sha256Source})` : 'not verified',
        String(Math.max(0, result.downloadAttempts - 1)),
        result.timer.phases.map((p) => `${p.name} ${formatMs(p.ms)}`).join(', '),
      ],
    ],
  );
}

/** `save-cache` for this run's event and ref: the shared policy (packages/cache/src/save-policy.ts). */
function savePolicy(inputs: CachedToolInputs, env: NodeJS.ProcessEnv): { saveBlocked?: string } {
  const blocked = saveBlockedBy(inputs.saveCache, env.GITHUB_EVENT_NAME ?? '', env.GITHUB_REF ?? '');
  return blocked ? { saveBlocked: blocked } : {};
}

function makePlan(inputs: CachedToolInputs, platform: Platform): InstallPlan {
  if (inputs.tool === 'custom' && inputs.custom) {
    const { url, archivePath, binary } = inputs.custom;
    const values = { version: inputs.version, os: platform.os, arch: platform.arch, file: '' };
    const rendered = renderUrlTemplate(url, values, 'url');
    // A name in our staging folder, never a path: `..%2F..%2F` or `%zz` there is an error naming `url`.
    const fileName = fileNameFromUrl(rendered, Inputs.Url) ?? binary;
    const format = inputs.custom.format ?? archiveFormatOf(fileName);
    if (!format) {
      throw new UserError(
        `archive-format: the name '${fileName}' does not tell the release file's format; set archive-format to tar.gz, tar.xz, tar.zst, zip, or binary when the file is the executable itself`,
      );
    }
    return {
      tool: binary,
      version: inputs.version,
      platform,
      fileName,
      url: rendered,
      urlKnob: 'url',
      // Two tools with one binary name and version from two places are two tools.
      slotQualifiers: [`src${createHash('sha256').update(url).digest('hex').slice(0, 8)}`],
      format,
      binDir: archivePath,
      binaries: [binary],
      ...(inputs.sha256 ? { sha256: inputs.sha256, sha256Source: 'input' as const } : {}),
    };
  }
  return planPinnedTool(inputs.tool as keyof typeof TOOL_DEFINITIONS, {
    version: inputs.version,
    platform,
    downloadUrlInput: Inputs.DownloadUrl,
    ...(inputs.downloadUrl ? { downloadUrl: inputs.downloadUrl } : {}),
    ...(inputs.sha256 ? { sha256Input: inputs.sha256 } : {}),
  });
}
