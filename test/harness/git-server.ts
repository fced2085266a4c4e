// A loopback git host: `git http-backend` (git's own smart-HTTP server, run as CGI) behind a small Node
// HTTP server bound to 127.0.0.1. It stands in for the forge that users' runners clone actions from:
// the runner resolves `uses: ops/forgejo-ci-kit/actions/cached-tool@v1` to
// `<server url>/ops/forgejo-ci-kit` and clones it over plain HTTP, anonymously, as a Forgejo runner
// clones from its DEFAULT_ACTIONS_URL.
//
// Read-only: `git http-backend` refuses pushes from anonymous clients (http.receivepack defaults to
// false without REMOTE_USER), which is what a public action mirror looks like to a runner.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitRequest {
  method: string;
  /** Path without the query, e.g. `/ops/forgejo-ci-kit/info/refs`. */
  path: string;
  query: string;
  status: number;
}

export interface GitServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Folder holding `<owner>/<repo>` bare repositories. */
  root: string;
  requests: GitRequest[];
  /** Clone URL of `<owner>/<repo>`. */
  repoUrl(owner: string, repo: string): string;
  /** Path of the bare repository for `<owner>/<repo>` (created empty when missing). */
  bareRepo(owner: string, repo: string): Promise<string>;
  stop(): Promise<void>;
}

export interface PublishOptions {
  owner: string;
  repo: string;
  /** Tags to point at the new commit (moved if they exist: a moving major tag like `v1`). */
  tags: string[];
  /** Branch to point at the new commit; default `main`. */
  branch?: string;
  message?: string;
  /**
   * Tag a commit of the tree this script prints instead (scripts/lean-tree.sh: what a release tag of the
   * kit holds), so the actions run from exactly what users get. The branch keeps the whole tree.
   */
  tagTreeScript?: string;
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'ci-kit e2e',
  GIT_AUTHOR_EMAIL: 'e2e@ci-kit.invalid',
  GIT_COMMITTER_NAME: 'ci-kit e2e',
  GIT_COMMITTER_EMAIL: 'e2e@ci-kit.invalid',
};

export async function startGitServer(): Promise<GitServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'ci-kit-git-'));
  const requests: GitRequest[] = [];
  const sockets = new Set<Socket>();
  const children = new Set<ReturnType<typeof spawn>>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://git.invalid');
    const record: GitRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.search.replace(/^\?/, ''),
      status: 0,
    };
    requests.push(record);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: record.method,
      PATH_INFO: record.path,
      QUERY_STRING: record.query,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
    };
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    }
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined); // the client may hang up early
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });

    // CGI response: headers, a blank line, the body. Status comes as a `Status:` header.
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      const crlf = text.indexOf('\r\n\r\n');
      const lf = text.indexOf('\n\n');
      const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf + 4 : lf !== -1 ? lf + 2 : -1;
      if (end === -1) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of text.slice(0, end).split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers[name] = value;
      }
      record.status = status;
      res.writeHead(status, headers);
      res.write(head.subarray(end));
    });
    child.once('close', (code) => {
      if (!headersDone) {
        record.status = 500;
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`git http-backend exited ${code}: ${stderr}\n`);
        return;
      }
      res.end();
    });
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    root,
    requests,
    repoUrl: (owner, repo) => `${url}/${owner}/${repo}`,
    async bareRepo(owner, repo) {
      const dir = path.join(root, owner, repo);
      await mkdir(dir, { recursive: true });
      git(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
      return dir;
    },
    stop() {
      stopping ??= (async () => {
        for (const child of children) child.kill('SIGKILL');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        await rm(root, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/**
 * Commits the files of `workTree` as git would see them after `git add -A` (tracked and untracked,
 * minus .gitignore'd paths: node_modules/, .tools/) into the bare repository `<owner>/<repo>` on
 * `server`, as one parentless commit, and points `tags` (and a branch) at it. The work tree's own
 * repository, index and refs are not touched: objects go into the served repository only, through a
 * temporary index. Returns the commit sha.
 */
export async function publishWorkTree(
  server: GitServer,
  workTree: string,
  opts: PublishOptions,
): Promise<string> {
  const bare = await server.bareRepo(opts.owner, opts.repo);
  const scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-git-index-'));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index'), ...GIT_IDENTITY };
    const base = [`--git-dir=${bare}`, `--work-tree=${workTree}`];
    git([...base, 'add', '--all', '--force', '--', ...pathspecs(workTree)], env);
    const tree = git([...base, 'write-tree'], env);
    const message = opts.message ?? `forgejo-ci-kit as of the e2e run (${new Date().toISOString()})`;
    const commit = git([`--git-dir=${bare}`, 'commit-tree', tree, '-m', message], env);
    git([`--git-dir=${bare}`, 'update-ref', `refs/heads/${opts.branch ?? 'main'}`, commit]);
    let tagged = commit;
    if (opts.tagTreeScript) {
      const run = spawnSync('sh', [opts.tagTreeScript, commit], {
        encoding: 'utf8',
        env: { ...process.env, GIT_DIR: bare },
      });
      if (run.status !== 0) throw new Error(`${opts.tagTreeScript} ${commit} failed: ${run.stderr}`);
      tagged = git(
        [`--git-dir=${bare}`, 'commit-tree', run.stdout.trim(), '-m', `${message} (lean release tree)`],
        env,
      );
    }
    for (const tag of opts.tags) git([`--git-dir=${bare}`, 'tag', '--force', tag, tagged]);
    return tagged;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What `git add -A` would add in the work tree's own repository (honours every .gitignore there). */
function pathspecs(workTree: string): string[] {
  const listed = git(['-C', workTree, 'ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  const files = listed.split('\0').filter((file) => file !== '');
  // Deleted but still tracked files would make `git add` fail: keep only what exists.
  const existing = git(['-C', workTree, 'ls-files', '--deleted', '-z']).split('\0');
  const deleted = new Set(existing.filter((file) => file !== ''));
  return files.filter((file) => !deleted.has(file)).map((file) => `:(literal)${file}`);
}

export function git(args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('git', args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`git ${args.slice(0, 3).join(' ')} ... failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout.trim();
}
