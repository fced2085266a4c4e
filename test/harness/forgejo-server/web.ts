// Forgejo's web routes, as its browser UI calls them: the job view (`POST …/actions/runs/{run}/jobs/{job}`,
// JSON with every job's status, the current job's steps and their log lines), a job's raw log
// (`GET …/jobs/{job}/attempt/{attempt}/logs`) and run approval. Basic auth does not count on web routes:
// a session cookie does, and every POST carries the session's CSRF token (cookie `_csrf`, header
// `X-Csrf-Token`). Anonymous sessions can read public repositories; approval needs a signed-in writer.
import type { Account } from './api';

export interface ViewJob {
  id: number;
  name: string;
  status: string;
  duration: string;
}

export interface ViewStep {
  summary: string;
  duration: string;
  status: string;
}

export interface ViewStepLog {
  step: number;
  cursor: number;
  lines: { index: number; message: string; timestamp: number }[];
}

export interface JobView {
  state: {
    run: { status: string; done: boolean; jobs: ViewJob[]; preExecutionError?: string; canApprove: boolean };
    currentJob: { title: string; detail: string; steps: ViewStep[] };
  };
  logs: { stepsLog: ViewStepLog[] };
}

export class WebSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=-1|max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(
    route: string,
    init: { method?: string; body?: string; contentType?: string } = {},
  ): Promise<Response> {
    const method = init.method ?? 'GET';
    if (method !== 'GET' && !this.cookies.has('_csrf')) await this.fetch('/');
    const headers: Record<string, string> = { Cookie: this.cookieHeader() };
    if (method !== 'GET') headers['X-Csrf-Token'] = decodeURIComponent(this.cookies.get('_csrf') ?? '');
    if (init.contentType) headers['Content-Type'] = init.contentType;
    const res = await fetch(`${this.url}${route}`, { method, headers, body: init.body, redirect: 'manual' });
    this.keepCookies(res);
    return res;
  }

  /** Signs in with the login form (the session then acts as that user). */
  async signIn(account: Account): Promise<void> {
    await this.fetch('/user/login');
    const form = new URLSearchParams({
      _csrf: decodeURIComponent(this.cookies.get('_csrf') ?? ''),
      user_name: account.username,
      password: account.password,
    });
    const res = await this.fetch('/user/login', {
      method: 'POST',
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    if (res.status !== 303 && res.status !== 302) {
      throw new Error(`web sign-in as ${account.username}: HTTP ${res.status} (expected a redirect)`);
    }
    // The CSRF token is bound to the session's user: take the new one.
    this.cookies.delete('_csrf');
    await this.fetch('/');
  }

  /** The job view of `job` (its index in the run) with the log lines of the given steps. */
  async jobView(repo: string, run: number, job: number, steps: number[] = []): Promise<JobView> {
    // Without /attempt/N the POST views attempt 0, which no task has: attempt 1 is the first run of a job.
    const res = await this.fetch(`/${repo}/actions/runs/${run}/jobs/${job}/attempt/1`, {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ logCursors: steps.map((step) => ({ step, cursor: 0, expanded: true })) }),
    });
    if (!res.ok)
      throw new Error(
        `job view ${repo} run ${run} job ${job}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    return (await res.json()) as JobView;
  }

  /** A job's whole log as the web UI's download gives it (`undefined` when the job never started). */
  async jobLog(repo: string, run: number, job: number, attempt = 1): Promise<string | undefined> {
    const res = await this.fetch(`/${repo}/actions/runs/${run}/jobs/${job}/attempt/${attempt}/logs`);
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`job log ${repo} run ${run} job ${job}: HTTP ${res.status}`);
    return res.text();
  }

  /** Approves a run that waits for approval (a first-time contributor's fork pull request). */
  async approve(repo: string, run: number): Promise<void> {
    const res = await this.fetch(`/${repo}/actions/runs/${run}/approve`, { method: 'POST' });
    if (!res.ok)
      throw new Error(`approve ${repo} run ${run}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  }

  /** Cancels a run (what the web UI's Cancel button does). */
  async cancel(repo: string, run: number): Promise<void> {
    const res = await this.fetch(`/${repo}/actions/runs/${run}/cancel`, { method: 'POST' });
    if (!res.ok) throw new Error(`cancel ${repo} run ${run}: HTTP ${res.status}`);
  }
}
