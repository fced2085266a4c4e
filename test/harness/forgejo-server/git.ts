// Git over HTTP against the test server, as users push: a local clone per repository, credentials in
// an `http.extraHeader` given through the environment (never in a URL, an argument or a log line).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Account } from './api';

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'ci-kit e2e',
  GIT_AUTHOR_EMAIL: 'e2e@ci-kit.invalid',
  GIT_COMMITTER_NAME: 'ci-kit e2e',
  GIT_COMMITTER_EMAIL: 'e2e@ci-kit.invalid',
};

/** Env that authenticates git's HTTP requests as `account` (git reads GIT_CONFIG_* as `-c` options). */
export function gitAuthEnv(account: Account): Record<string, string> {
  const basic = Buffer.from(`${account.username}:${account.password}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    GIT_TERMINAL_PROMPT: '0',
  };
}

export interface GitResult {
  stdout: string;
  stderr: string;
}

/** Runs git; throws naming the command (not its env) and git's stderr on failure. */
export function runGit(args: string[], env: Record<string, string> = {}, cwd?: string): GitResult {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_IDENTITY, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`git ${args.slice(0, 4).join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return { stdout: result.stdout.trim(), stderr: result.stderr };
}

/** A local working copy of `owner/repo` on the server, pushing as `account`. */
export class WorkClone {
  constructor(
    readonly dir: string,
    readonly remote: string,
    readonly account: Account,
  ) {}

  git(args: string[]): GitResult {
    return runGit(args, gitAuthEnv(this.account), this.dir);
  }

  /** Writes files (path relative to the clone -> content). */
  async write(files: Record<string, string>): Promise<void> {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(this.dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }

  /** Copies the contents of a folder into the clone. */
  async copyFrom(folder: string): Promise<void> {
    for (const entry of await readdir(folder)) {
      await cp(path.join(folder, entry), path.join(this.dir, entry), { recursive: true });
    }
  }

  /** Commits everything (`git add -A`), even when nothing changed; returns the new commit's sha. */
  commit(message: string): string {
    this.git(['add', '--all']);
    this.git(['commit', '--quiet', '--allow-empty', '-m', message]);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).stdout;
  }

  /** `git push origin <refspecs>`; resolves with git's stderr (the server's remote messages). */
  push(refspecs: string[], opts: { force?: boolean; options?: string[] } = {}): string {
    const args = ['push', '--porcelain'];
    if (opts.force) args.push('--force');
    for (const option of opts.options ?? []) args.push('-o', option);
    return this.git([...args, 'origin', ...refspecs]).stderr;
  }
}

/** A new working copy with `origin` at the repository (empty or not: an empty one starts on main). */
export async function cloneRepo(
  serverUrl: string,
  account: Account,
  owner: string,
  repo: string,
  scratch: string,
): Promise<WorkClone> {
  const parent = await mkdtemp(path.join(scratch, `clone-${owner}-${repo}-`));
  const dir = path.join(parent, repo);
  const remote = `${serverUrl}/${owner}/${repo}.git`;
  runGit(['clone', '--quiet', remote, dir], gitAuthEnv(account));
  const clone = new WorkClone(dir, remote, account);
  // An empty repository clones with no branch: start main.
  if (spawnSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD']).status !== 0) {
    clone.git(['checkout', '--quiet', '-B', 'main']);
  }
  return clone;
}

/** A temp folder for clones and unpacked trees, removed by the caller. */
export async function scratchDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
