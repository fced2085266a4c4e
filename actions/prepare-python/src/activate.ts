import path from 'node:path';
import type { Logger, RunnerCommands } from '@ci-kit/runner';
import type { ActivateMode } from './inputs';
import type { InstallResult } from './install-deps';
import { Outputs } from './names';
import { shieldPinnedUv } from './pinned-uv';
import { describeSyncReport } from './sync-report';

/**
 * What the install leaves for later steps: the environment activated (VIRTUAL_ENV, its bin on PATH,
 * the pinned uv still first), and where the packages came from, as outputs and one log line.
 */
export async function handOverInstall(
  installed: InstallResult,
  ctx: { mode: ActivateMode; install: string; uv: string; tempDir: string },
  commands: RunnerCommands,
  log: Logger,
): Promise<void> {
  if (installed.venv && ctx.mode !== 'false') {
    commands.exportVariable('VIRTUAL_ENV', installed.venv);
    commands.addPath(path.join(installed.venv, 'bin'));
    log.info(`activated ${installed.venv} for the next steps (VIRTUAL_ENV, PATH)`);
    await shieldPinnedUv(installed.venv, ctx.uv, ctx.tempDir, (dir) => commands.addPath(dir), log);
  }
  if (installed.report) {
    commands.setOutput(Outputs.PackagesFromCache, String(installed.report.fromCache));
    commands.setOutput(Outputs.PackagesDownloaded, String(installed.report.fetched));
    log.info(`${installed.command ?? ctx.install}: ${describeSyncReport(installed.report)}`);
  }
}
