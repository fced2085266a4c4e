// A real Forgejo server (v13.0.5, built by scripts/setup-tools.sh) as the e2e test bench, all on
// 127.0.0.1: `forgejo web` with sqlite in a temp work folder (DEFAULT_ACTIONS_URL = self), an admin
// made with the CLI, users, organizations and repositories made through the REST API, the vendored
// real actions/checkout and actions/cache published as public repositories at their tags, our actions
// published from the lean release tree at v1, v1.0.0 and the commit sha, `forgejo-runner daemon`s
// registered with their own config and a shared `forgejo-runner cache-server`, real pushes over git
// HTTP, and runs read back from the server (job statuses, steps, logs).
//
// Start it once per test file (beforeAll) and share it between the tests: it takes about a second to
// answer, plus the publishing. Logs (the server's, the runners', every job's) are kept in
// .tmp/e2e-logs/<name>/ after the run; everything else is removed by stop().
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './action-manifest';
import { startForgejoCacheServer, type ForgejoCacheServer } from './forgejo-cache';
import { git as gitSync, publishWorkTree, type GitServer } from './git-server';
import { assertBundlesPublished } from './stack';
import { ForgejoApi, type Account, type ActionRunInfo } from './forgejo-server/api';
import { cloneRepo, gitAuthEnv, runGit, type WorkClone } from './forgejo-server/git';
import { FORGEJO_BIN, haveForgejoServer, startServerProcess } from './forgejo-server/process';
import { startRunner, type Runner, type RunnerOptions } from './forgejo-server/runner';
import { findRun, readRun, type RunFilter, type RunResult } from './forgejo-server/runs';
import { WebSession } from './forgejo-server/web';

export { haveForgejoServer, FORGEJO_BIN };
export type { Account, ActionRunInfo, Runner, RunnerOptions, RunResult, WorkClone };

/** The vendored real actions (../shared/vendor/actions), overridable with CI_KIT_VENDOR_ACTIONS. */
export const VENDOR_ACTIONS_DIR =
  process.env.CI_KIT_VENDOR_ACTIONS ?? path.resolve(repoRoot, '../shared/vendor/actions');

/** The real actions, unmodified, as `actions/<name>` at these tags (README of the vendor folder). */
export const VENDORED_ACTIONS = [
  {
    repo: 'checkout',
    file: 'actions-checkout-v4.tar.gz',
    sha256: 'a8390bce24b39b32ba4378cc4c9a7798544ce9931dd15415aa1508420c08e558',
    tags: ['v4'],
  },
  {
    repo: 'cache',
    file: 'actions-cache-v4.3.0.tar.gz',
    sha256: 'dfd51511088bb895ec03e7aa880834aa2e9fc7a55f4488ac66df14525492bc5b',
    tags: ['v4', 'v4.3.0'],
  },
] as const;

/** Where the kit is published: `uses: <server>/ops/forgejo-ci-kit/actions/<name>@v1`. */
export const KIT = { owner: 'ops', repo: 'forgejo-ci-kit', tags: ['v1', 'v1.0.0'] };

/** Where logs are kept after a run: .tmp/e2e-logs/<name>/. */
export const E2E_LOGS = path.join(repoRoot, '.tmp/e2e-logs');

export interface ForgejoServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** What /api/v1/version says. */
  version: string;
  /** From spawn to a created admin token, in ms. */
  startMs: number;
  admin: Account;
  /** The REST API as the admin. */
  api: ForgejoApi;
  /** Kept logs: the server's, the runners', every job's. */
  logDir: string;
  /** A web session (anonymous, or signed in as `account`): job views, approvals. */
  web(account?: Account): Promise<WebSession>;
  /** A user with a random password. */
  createUser(username: string): Promise<Account>;
  createOrg(name: string): Promise<void>;
  /** A public repository; `actions: false` for repositories that only serve actions. */
  createRepo(owner: string, name: string, opts?: { actions?: boolean }): Promise<void>;
  /** actions/checkout (v4) and actions/cache (v4, v4.3.0) from the vendored tarballs, Actions off. */
  publishVendoredActions(): Promise<void>;
  /**
   * This repository as it is on disk as `ops/forgejo-ci-kit`: main holds the whole tree, the tags (v1,
   * v1.0.0) the lean release tree (scripts/lean-tree.sh); Actions off. Resolves with the tags' commit.
   * `HEAD` (or CI_KIT_E2E_KIT=HEAD): the committed HEAD instead of the working tree.
   */
  publishKit(from?: 'worktree' | 'HEAD'): Promise<string>;
  /** A folder's files as a new repository's main branch, with tags; resolves with the commit. */
  publishFolder(
    owner: string,
    repo: string,
    folder: string,
    opts?: { tags?: string[]; actions?: boolean },
  ): Promise<string>;
  /** A working copy of a repository, pushing as `account` (default: the admin). */
  clone(owner: string, repo: string, account?: Account): Promise<WorkClone>;
  /** The cache server that every runner of this bench shares (started on first use). */
  sharedCache(): Promise<ForgejoCacheServer>;
  /**
   * A registered `forgejo-runner daemon` (stopped with the server). Cache: the shared one by default.
   * `dir`: the runner host's folder (default: one in the bench's scratch folder).
   */
  startRunner(
    opts: Omit<RunnerOptions, 'cache'> & { cache?: RunnerOptions['cache'] | false; dir?: string },
  ): Promise<Runner>;
  /** The newest run that matches (waits for it to appear). */
  findRun(filter: RunFilter): Promise<ActionRunInfo>;
  /** Waits for the run to finish and reads every job back; logs kept under `logDir`. */
  readRun(repo: string, run: ActionRunInfo, timeoutMs?: number): Promise<RunResult>;
  /** findRun then readRun. */
  waitForRun(filter: RunFilter): Promise<RunResult>;
  stop(): Promise<void>;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The CLI logs its root warning to stdout first: the token is the line of 40 letters and digits. */
export async function generateRunnerToken(proc: { cli(args: string[]): Promise<string> }): Promise<string> {
  const printed = await proc.cli(['actions', 'generate-runner-token']);
  const token = printed
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z0-9]{20,}$/.test(line))
    .pop();
  if (!token)
    throw new Error(`forgejo actions generate-runner-token printed no token: ${printed.slice(-500)}`);
  return token;
}

/**
 * Starts the server, makes its admin and an API token. `name` names the kept log folder (the test
 * file's name): .tmp/e2e-logs/<name>/, emptied first.
 */
export async function startForgejoServer(opts: { name: string }): Promise<ForgejoServer> {
  const started = Date.now();
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-forgejo-'));
  const logDir = path.join(E2E_LOGS, opts.name.replace(/[^A-Za-z0-9._-]+/g, '_'));
  await rm(logDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  const runners: Runner[] = [];
  let cache: Promise<ForgejoCacheServer> | undefined;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.allSettled(runners.map((r) => r.stop()));
      await Promise.allSettled([server?.stop(), cache?.then((c) => c.stop())]);
      await rm(scratch, { recursive: true, force: true });
    })());
  try {
    server = await startServerProcess(path.join(scratch, 'server'), path.join(logDir, 'server'));
    const proc = server;
    const admin: Account = { username: 'kit-admin', password: randomBytes(12).toString('hex') };
    await proc.cli([
      'admin',
      'user',
      'create',
      '--admin',
      '--username',
      admin.username,
      '--password',
      admin.password,
      '--email',
      'kit-admin@ci-kit.invalid',
      '--must-change-password=false',
    ]);
    const token = await new ForgejoApi(proc.url, admin).request<{ sha1: string }>(
      'POST',
      `/users/${admin.username}/tokens`,
      { name: 'e2e', scopes: ['all'] },
    );
    admin.token = token.sha1;
    const api = new ForgejoApi(proc.url, admin);
    const startMs = Date.now() - started;
    const orgs = new Set<string>();
    const ensureOrg = async (name: string): Promise<void> => {
      if (orgs.has(name)) return;
      await api.createOrg(name);
      orgs.add(name);
    };
    // One token for every runner of this bench, asked of the CLI once (or again when a registration
    // failed); runners started at once share the one request, since the server only makes a new token
    // when it has none.
    let registrationToken: Promise<string> | undefined;
    const tokens = (renew: boolean): Promise<string> => {
      if (renew || !registrationToken) registrationToken = generateRunnerToken(proc);
      return registrationToken;
    };

    const bench: ForgejoServer = {
      url: proc.url,
      version: proc.version,
      startMs,
      admin,
      api,
      logDir,
      async web(account) {
        const session = new WebSession(proc.url);
        if (account) await session.signIn(account);
        return session;
      },
      async createUser(username) {
        return api.createUser(username, randomBytes(12).toString('hex'));
      },
      createOrg: ensureOrg,
      async createRepo(owner, name, repoOpts = {}) {
        await api.createRepo(owner, name, repoOpts);
      },
      async publishVendoredActions() {
        await ensureOrg('actions');
        for (const action of VENDORED_ACTIONS) {
          const tarball = path.join(VENDOR_ACTIONS_DIR, action.file);
          if (!existsSync(tarball)) {
            throw new Error(
              `no ${action.file} in ${VENDOR_ACTIONS_DIR}: set CI_KIT_VENDOR_ACTIONS to the folder holding the vendored actions (see ../shared/vendor/README.md)`,
            );
          }
          const got = await sha256File(tarball);
          if (got !== action.sha256)
            throw new Error(`${tarball} has sha256 ${got}, expected ${action.sha256}`);
          const unpacked = await mkdtemp(path.join(scratch, `vendor-${action.repo}-`));
          const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { encoding: 'utf8' });
          if (tar.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${tar.stderr}`);
          const [top] = await readdir(unpacked);
          await bench.publishFolder('actions', action.repo, path.join(unpacked, top ?? ''), {
            tags: [...action.tags],
            actions: false,
          });
        }
      },
      async publishKit(from = process.env.CI_KIT_E2E_KIT === 'HEAD' ? 'HEAD' : 'worktree') {
        await ensureOrg(KIT.owner);
        await api.createRepo(KIT.owner, KIT.repo, { actions: false });
        const bare = path.join(scratch, 'kit.git');
        gitSync(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
        let commit: string;
        if (from === 'HEAD') {
          // The committed HEAD (its dist/ is current there), whatever the working tree holds right now.
          gitSync([`--git-dir=${bare}`, 'fetch', '--quiet', repoRoot, '+HEAD:refs/heads/main']);
          const tree = spawnSync('sh', [path.join(repoRoot, 'scripts/lean-tree.sh'), 'main'], {
            encoding: 'utf8',
            env: { ...process.env, GIT_DIR: bare },
          });
          if (tree.status !== 0) throw new Error(`scripts/lean-tree.sh failed: ${tree.stderr}`);
          commit = runGit([
            `--git-dir=${bare}`,
            'commit-tree',
            tree.stdout.trim(),
            '-m',
            'forgejo-ci-kit HEAD (lean release tree)',
          ]).stdout;
          for (const tag of KIT.tags) gitSync([`--git-dir=${bare}`, 'tag', '--force', tag, commit]);
        } else {
          // publishWorkTree only asks its git server for the bare repository to write into: a local one
          // here, pushed to the Forgejo server below.
          const local = { bareRepo: async () => bare } as unknown as GitServer;
          commit = await publishWorkTree(local, repoRoot, {
            owner: KIT.owner,
            repo: KIT.repo,
            tags: KIT.tags,
            tagTreeScript: path.join(repoRoot, 'scripts/lean-tree.sh'),
          });
        }
        // A dist/ being rebuilt (the build empties it first) would otherwise show up as "Cannot find
        // module" in some job.
        assertBundlesPublished(bare, commit);
        const remote = `${proc.url}/${KIT.owner}/${KIT.repo}.git`;
        runGit(
          [
            `--git-dir=${bare}`,
            'push',
            '--quiet',
            '--force',
            remote,
            'main',
            ...KIT.tags.map((t) => `refs/tags/${t}`),
          ],
          gitAuthEnv(admin),
        );
        return commit;
      },
      async publishFolder(owner, repo, folder, folderOpts = {}) {
        await ensureOrg(owner).catch(() => undefined); // a user's name is not an organization
        await api.createRepo(owner, repo, { actions: folderOpts.actions ?? true });
        const clone = await cloneRepo(proc.url, admin, owner, repo, scratch);
        await clone.copyFrom(folder);
        const commit = clone.commit(`${owner}/${repo} for the e2e run`);
        for (const tag of folderOpts.tags ?? []) clone.git(['tag', '--force', tag]);
        clone.push(['main', ...(folderOpts.tags ?? []).map((t) => `refs/tags/${t}`)], { force: true });
        return commit;
      },
      async clone(owner, repo, account = admin) {
        return cloneRepo(proc.url, account, owner, repo, scratch);
      },
      sharedCache() {
        cache ??= startForgejoCacheServer({
          dir: path.join(scratch, 'cache-server'),
          secret: randomBytes(32).toString('hex'),
        });
        return cache;
      },
      async startRunner(runnerOpts) {
        let cacheOpt: RunnerOptions['cache'];
        if (runnerOpts.cache === undefined) {
          const shared = await bench.sharedCache();
          cacheOpt = { url: shared.url, secret: shared.secret };
        } else if (runnerOpts.cache !== false) {
          cacheOpt = runnerOpts.cache;
        }
        // A runner host's own folder (its tool cache and work folders), kept by the caller, or one here.
        const dir = runnerOpts.dir ?? path.join(scratch, `runner-${runnerOpts.name}`);
        await mkdir(dir, { recursive: true });
        const runner = await startRunner(proc.url, tokens, dir, logDir, {
          ...runnerOpts,
          cache: cacheOpt,
        });
        runners.push(runner);
        return runner;
      },
      findRun(filter) {
        return findRun(api, filter);
      },
      async readRun(repo, run, timeoutMs) {
        return readRun(api, new WebSession(proc.url), repo, run, { logDir, timeoutMs });
      },
      async waitForRun(filter) {
        const run = await findRun(api, filter);
        return bench.readRun(filter.repo, run, filter.timeoutMs);
      },
      stop,
    };
    return bench;
  } catch (err) {
    await stop();
    throw err;
  }
}
