// Forgejo's REST API (/api/v1) as one account: users, organizations, repositories, forks, pull
// requests, collaborators, secrets, variables, and the Actions runs of a repository.

/** An account on the test server. The password is also its git-over-HTTP credential. */
export interface Account {
  username: string;
  password: string;
  /** An API token with every scope (the admin's; other accounts use basic auth). */
  token?: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface RepoInfo {
  id: number;
  name: string;
  full_name: string;
  clone_url: string;
  html_url: string;
  default_branch: string;
  fork: boolean;
}

export interface PullRequestInfo {
  number: number;
  head: { ref: string; sha: string; label: string; repo: { full_name: string } | null };
  base: { ref: string };
  html_url: string;
}

/** `GET /repos/{o}/{r}/actions/runs` entries (Forgejo's ActionRun). */
export interface ActionRunInfo {
  id: number;
  title: string;
  workflow_id: string;
  index_in_repo: number;
  commit_sha: string;
  prettyref: string;
  event: string;
  trigger_event: string;
  event_payload: string;
  status: string;
  is_fork_pull_request: boolean;
  need_approval: boolean;
  approved_by: number;
  started?: string;
  stopped?: string;
  created?: string;
  html_url?: string;
}

export class ForgejoApi {
  constructor(
    readonly url: string,
    readonly account: Account,
  ) {}

  private authorization(): string {
    if (this.account.token) return `token ${this.account.token}`;
    const basic = Buffer.from(`${this.account.username}:${this.account.password}`).toString('base64');
    return `Basic ${basic}`;
  }

  /** One request; throws ApiError naming the method, path and the server's message on a non-2xx. */
  async request<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/api/v1${apiPath}`, {
      method,
      headers: {
        Authorization: this.authorization(),
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new ApiError(
        `${method} /api/v1${apiPath} as ${this.account.username}: HTTP ${res.status} ${text.slice(0, 500)}`,
        res.status,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  as(account: Account): ForgejoApi {
    return new ForgejoApi(this.url, account);
  }

  /** Admin only: a user with this password, no password change required. */
  async createUser(username: string, password: string): Promise<Account> {
    await this.request('POST', '/admin/users', {
      username,
      password,
      email: `${username}@ci-kit.invalid`,
      must_change_password: false,
    });
    return { username, password };
  }

  async createOrg(name: string): Promise<void> {
    await this.request('POST', '/orgs', { username: name, visibility: 'public' });
  }

  /**
   * A public, empty repository of `owner` (an organization, or a user: then as the admin). `actions`
   * false turns Actions off (repositories that only serve actions must not run their own workflows).
   */
  async createRepo(
    owner: string,
    name: string,
    opts: { actions?: boolean; private?: boolean } = {},
  ): Promise<RepoInfo> {
    const body = { name, private: opts.private ?? false, auto_init: false, default_branch: 'main' };
    let repo: RepoInfo;
    try {
      repo = await this.request<RepoInfo>('POST', `/orgs/${owner}/repos`, body);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      repo = await this.request<RepoInfo>('POST', `/admin/users/${owner}/repos`, body);
    }
    await this.setActions(owner, name, opts.actions ?? true);
    return repo;
  }

  async setActions(owner: string, repo: string, enabled: boolean): Promise<void> {
    await this.request('PATCH', `/repos/${owner}/${repo}`, { has_actions: enabled });
  }

  async addCollaborator(
    owner: string,
    repo: string,
    user: string,
    permission: 'read' | 'write' | 'admin',
  ): Promise<void> {
    await this.request('PUT', `/repos/${owner}/${repo}/collaborators/${user}`, { permission });
  }

  /** Forks `owner/repo` into this account; resolves with the fork. */
  async fork(owner: string, repo: string): Promise<RepoInfo> {
    return this.request<RepoInfo>('POST', `/repos/${owner}/${repo}/forks`, {});
  }

  async openPullRequest(
    owner: string,
    repo: string,
    opts: { head: string; base?: string; title: string; body?: string },
  ): Promise<PullRequestInfo> {
    // The server records a pushed branch from its push queue, a moment after the push: until then the
    // head is "not found".
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        return await this.request<PullRequestInfo>('POST', `/repos/${owner}/${repo}/pulls`, {
          head: opts.head,
          base: opts.base ?? 'main',
          title: opts.title,
          body: opts.body ?? '',
        });
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 404 || Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async pullRequests(owner: string, repo: string): Promise<PullRequestInfo[]> {
    return this.request<PullRequestInfo[]>('GET', `/repos/${owner}/${repo}/pulls?state=all&limit=50`);
  }

  async setSecret(owner: string, repo: string, name: string, value: string): Promise<void> {
    await this.request('PUT', `/repos/${owner}/${repo}/actions/secrets/${name}`, { data: value });
  }

  async setVariable(owner: string, repo: string, name: string, value: string): Promise<void> {
    try {
      await this.request('POST', `/repos/${owner}/${repo}/actions/variables/${name}`, { value });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      await this.request('PUT', `/repos/${owner}/${repo}/actions/variables/${name}`, { value, name });
    }
  }

  /** The repository's Actions runs, newest first (one page of 50). */
  async runs(
    owner: string,
    repo: string,
    query: { headSha?: string; event?: string } = {},
  ): Promise<ActionRunInfo[]> {
    const params = new URLSearchParams({ limit: '50' });
    if (query.headSha) params.set('head_sha', query.headSha);
    if (query.event) params.append('event', query.event);
    const res = await this.request<{ workflow_runs: ActionRunInfo[] | null }>(
      'GET',
      `/repos/${owner}/${repo}/actions/runs?${params}`,
    );
    return res.workflow_runs ?? [];
  }
}
