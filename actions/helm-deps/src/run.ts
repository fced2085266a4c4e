import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import {
  coreInputReader,
  coreLogger,
  execRunner,
  runChecked,
  runnerVariable,
  UserError,
  writeResult,
  type InputReader,
  type Logger,
  type ProcessRunner,
} from '@ci-kit/runner';
import { retryCommand } from '@ci-kit/retry';
import { downloadTimeouts, downloadVerified, redactUrl } from '@ci-kit/download';
import {
  cacheKey,
  restoreEntry,
  saveBlockedBy,
  saveEntry,
  toolkitCacheService,
  type CacheService,
} from '@ci-kit/cache';
import {
  archiveName,
  isHttpRepository,
  parseChartLock,
  parseYaml,
  type LockedDependency,
} from './chart-lock';
import { findRelease, indexUrlOf } from './chart-index';
import { loadInputs, type HelmDepsInputs } from './inputs';
import { Outputs } from './names';

export interface Deps {
  read: InputReader;
  log: Logger;
  env: NodeJS.ProcessEnv;
  run: ProcessRunner;
  cacheService: CacheService;
}

const defaultDeps = (): Deps => ({
  read: coreInputReader,
  log: coreLogger,
  env: process.env,
  run: execRunner,
  cacheService: toolkitCacheService,
});

/**
 * The chart's dependencies in charts/, as Chart.lock pins them: restored from the cache (keyed on
 * Chart.lock), else each archive downloaded with retries and checked against the sha256 its
 * repository's index.yaml gives (repositories that are not http(s), such as oci:// or file://, go
 * through `helm dependency build`, retried on network failures); then `helm dependency list` must say
 * `ok` for every one, and a fresh set is saved.
 */
export async function run(overrides: Partial<Deps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const inputs = loadInputs(deps.read);
  const workspace = runnerVariable(deps.env, 'GITHUB_WORKSPACE');
  const temp = runnerVariable(deps.env, 'RUNNER_TEMP');
  const chartDir = path.resolve(workspace, inputs.chart);
  const lockFile = path.join(chartDir, 'Chart.lock');
  if (!existsSync(lockFile) && !(await declaresDependencies(chartDir))) {
    // A chart with no dependencies has no Chart.lock, and nothing to install: as helm dependency build.
    deps.log.info(`${inputs.chart}: Chart.yaml declares no dependencies: nothing to install`);
    core.setOutput(Outputs.CacheHit, 'false');
    core.setOutput(Outputs.Downloaded, '0');
    return;
  }
  if (!existsSync(lockFile)) {
    throw new UserError(
      `chart: ${path.relative(workspace, lockFile) || 'Chart.lock'} does not exist; run helm dependency update in the chart and commit Chart.lock (helm-deps installs what it locks)`,
    );
  }
  const lockText = await readFile(lockFile, 'utf8');
  const locked = parseChartLock(lockText, path.relative(workspace, lockFile));
  const chartsDir = path.join(chartDir, 'charts');
  const key = cacheKey(
    'ci-kit-helm-deps',
    createHash('sha256').update(`${inputs.chart}\n${lockText}`).digest('hex').slice(0, 32),
  );
  const work = await mkdtemp(path.join(temp, 'ci-kit-helm-deps-'));
  try {
    const call = { service: deps.cacheService, log: deps.log, root: work };
    const restored = inputs.cache
      ? await deps.log.group('chart dependencies: cache', () =>
          restoreEntry(call, key, [], { into: chartsDir }),
        )
      : undefined;
    const missing = locked.filter((dep) => !existsSync(path.join(chartsDir, archiveName(dep))));
    const downloaded =
      missing.length === 0 ? 0 : await fetchMissing(missing, chartDir, chartsDir, work, inputs, deps);
    await checkWithHelm(chartDir, locked, deps);
    let saved = 'not needed';
    const blocked = saveBlockedBy(
      inputs.saveCache,
      deps.env.GITHUB_EVENT_NAME ?? '',
      deps.env.GITHUB_REF ?? '',
    );
    if (inputs.cache && missing.length > 0 && blocked) {
      saved = `not saved: ${blocked}`;
    } else if (inputs.cache && missing.length > 0 && !restored?.serviceDown) {
      saved = (await saveEntry(call, key, { from: chartsDir })).status;
    }
    core.setOutput(Outputs.CacheHit, String(restored?.status === 'hit' && missing.length === 0));
    core.setOutput(Outputs.Downloaded, String(downloaded));
    await writeResult(
      deps.log,
      'helm-deps',
      ['what', 'result'],
      [
        ['dependencies', locked.map((dep) => `${dep.name} ${dep.version}`).join(', ') || 'none'],
        ['cache', restored ? `${restored.status} (${key})` : 'off'],
        [
          'downloaded',
          `${downloaded} archive${downloaded === 1 ? '' : 's'}, each checked against its index.yaml sha256`,
        ],
        ['saved', saved],
      ],
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Downloads what the cache did not have: ourselves for http(s) repositories, helm for the rest. */
async function fetchMissing(
  missing: LockedDependency[],
  chartDir: string,
  chartsDir: string,
  work: string,
  inputs: HelmDepsInputs,
  deps: Deps,
): Promise<number> {
  await mkdir(chartsDir, { recursive: true });
  const timeouts = downloadTimeouts();
  const indexes = new Map<string, string>();
  let downloaded = 0;
  for (const dep of missing.filter(isHttpRepository)) {
    const indexUrl = indexUrlOf(dep.repository);
    let index = indexes.get(indexUrl);
    if (index === undefined) {
      warnAboutPlainHttp(dep.repository, deps.log);
      const file = path.join(work, `index-${indexes.size}.yaml`);
      await downloadVerified({
        url: indexUrl,
        dest: file,
        what: 'index.yaml',
        attempts: inputs.retries,
        log: deps.log,
        urlKnob: 'the repository in Chart.lock',
        ...timeouts,
      });
      index = await readFile(file, 'utf8');
      indexes.set(indexUrl, index);
    }
    const release = findRelease(index, indexUrl, dep);
    deps.log.info(
      `${dep.name} ${dep.version}: ${redactUrl(release.url)} (sha256 ${release.sha256.slice(0, 12)}… from index.yaml)`,
    );
    await downloadVerified({
      url: release.url,
      dest: path.join(chartsDir, archiveName(dep)),
      expectedSha256: release.sha256,
      what: archiveName(dep),
      attempts: inputs.retries,
      log: deps.log,
      urlKnob: 'the repository in Chart.lock',
      ...timeouts,
    });
    downloaded++;
  }
  const others = missing.filter((dep) => !isHttpRepository(dep));
  if (others.length > 0) {
    deps.log.info(
      `${others.map((dep) => `${dep.name} (${redactUrl(dep.repository)})`).join(', ')}: not an http(s) repository, so helm fetches it (helm dependency build)`,
    );
    await retryCommand(deps.run, 'helm', ['dependency', 'build', chartDir], {
      attempts: inputs.retries,
      log: deps.log,
      what: 'helm dependency build',
      host: 'chart repository',
    });
    downloaded += others.length;
  }
  return downloaded;
}

/**
 * The sha256 that vouches for an archive comes from the repository's index.yaml: over plain http both
 * come over one unauthenticated channel, so the check proves integrity, not origin. Accepted (internal
 * repositories often are), never silently.
 */
function warnAboutPlainHttp(repository: string, log: Logger): void {
  if (!/^http:/i.test(repository)) return;
  log.warning(
    `chart repository ${redactUrl(repository)} is plain http: its index.yaml, which gives each archive's sha256, comes over the same unauthenticated channel as the archives, so anyone on the network path could replace both; serve it over https`,
  );
}

/** Whether Chart.yaml lists dependencies (a missing Chart.yaml is helm's error to give, below). */
async function declaresDependencies(chartDir: string): Promise<boolean> {
  const file = path.join(chartDir, 'Chart.yaml');
  if (!existsSync(file)) return true;
  const chart = parseYaml(await readFile(file, 'utf8')) as { dependencies?: unknown } | null;
  return Array.isArray(chart?.dependencies) && chart.dependencies.length > 0;
}

/** helm's own word on charts/: every dependency `ok` (present, at the locked version). */
async function checkWithHelm(chartDir: string, locked: LockedDependency[], deps: Deps): Promise<void> {
  const list = await runChecked(deps.run, 'helm', ['dependency', 'list', chartDir], { silent: true });
  const status = new Map(
    list.stdout
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length >= 4)
      .map((cols) => [`${cols[0]} ${cols[1]}`, cols.at(-1) as string]),
  );
  const bad = locked.filter((dep) => status.get(`${dep.name} ${dep.version}`) !== 'ok');
  if (bad.length > 0) {
    throw new UserError(
      `helm dependency list does not say ok for ${bad.map((dep) => `${dep.name} ${dep.version} (${status.get(`${dep.name} ${dep.version}`) ?? 'not listed'})`).join(', ')}; check Chart.yaml against Chart.lock (helm dependency update)`,
    );
  }
}
