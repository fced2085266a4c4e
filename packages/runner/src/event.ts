import { readFileSync } from 'node:fs';

/** The webhook payload a run was started by, as the runner wrote it to GITHUB_EVENT_PATH. */
export type EventPayload = Record<string, unknown>;

export interface RunnerEvent {
  /** GITHUB_EVENT_NAME (Forgejo sets the same name as GitHub for its workflow triggers). */
  name: string;
  /** undefined when the file is missing, unreadable or not a JSON object. */
  payload: EventPayload | undefined;
  /** Why there is no payload, for a debug line; never a reason to fail a step. */
  problem?: string;
}

/**
 * Reads the event the run was started by. A missing or broken payload is not an error: callers get
 * `payload: undefined` and decide what an unknown event means for them.
 */
export function loadEvent(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): RunnerEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return { name, payload: undefined, problem: 'GITHUB_EVENT_PATH is not set' };
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    return { name, payload: undefined, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) return { name, payload: parsed };
    return { name, payload: undefined, problem: `${file} does not hold a JSON object` };
  } catch {
    return { name, payload: undefined, problem: `${file} is not valid JSON` };
  }
}

export interface ForkCheck {
  /** True when the run is a pull request from a fork and so gets no secrets. */
  fork: boolean;
  /** One line saying how that was decided (repository names only, nothing from branch names or titles). */
  why: string;
}

/** `pull_request.flow` of an AGit pull request (Forgejo's issues_model.PullRequestFlowAGit). */
const AGIT_FLOW = 1;

/**
 * Whether the run is a pull request that the forge treats as coming from a fork, which means it
 * runs without secrets:
 * - GitHub: `pull_request`, `pull_request_review` and `pull_request_review_comment` runs from a fork
 *   get no secrets (except GITHUB_TOKEN); `pull_request_target` runs in the base repository with them.
 * - Forgejo (services/actions/notifier_helper.go): every run with a pull request attached is marked
 *   IsForkPullRequest when the head repository differs from the base, and for AGit-flow pull requests
 *   always ("anyone with read permission can push refs/for/<branch>/<topic>", go-gitea/gitea#23884);
 *   its secrets are withheld for those runs unless the trigger is `pull_request_target`.
 *
 * The payload does not say "fork" directly, so it is read the way both forges build it:
 * - head.repo and base.repo differ (by id, else by full_name): a fork. `head.repo.fork` alone is not
 *   used when identities are known, because a same-repository pull request inside a repository that
 *   is itself a fork has `fork: true` there.
 * - head.repo null: the fork was deleted (GitHub) or the head repository is gone (Forgejo sends
 *   `repo: null`, `repo_id: -1`); no secrets are given, so it counts as a fork.
 * - AGit flow (Forgejo/Gitea only), decided first: Forgejo v13 sends `pull_request.flow` (1 for AGit,
 *   0 for a branch; modules/structs/pull.go, services/convert/pull.go in v13.0.5), and that is the
 *   server's own word, so `flow: 1` is AGit and `flow: 0` is not, whatever the label says. An AGit
 *   pull request's head.repo is the base repository, so without this it would read as "within the
 *   repository" as soon as head.label is no longer emptied (Forgejo v16).
 *   Servers that send no `flow` get the older reading: convert.ToAPIPullRequest sets head.repo to the
 *   base repository, head.label to "" and head.ref to `refs/pull/<n>/head` for AGit; a GitHub-flow pull
 *   request always has a non-empty head.label (the branch, or `owner:branch` on GitHub), so an empty
 *   label with a `refs/pull/` ref is read as AGit.
 */
export function detectForkPullRequest(eventName: string, payload: EventPayload | undefined): ForkCheck {
  if (!eventName.startsWith('pull_request'))
    return { fork: false, why: `not a pull request event (${eventName || 'unknown'})` };
  if (eventName === 'pull_request_target') {
    return { fork: false, why: 'pull_request_target runs in the base repository, with its secrets' };
  }
  const pr = payload?.pull_request;
  if (!isObject(pr)) return { fork: false, why: `${eventName} event without a pull_request in the payload` };
  const head = isObject(pr.head) ? pr.head : undefined;
  const base = isObject(pr.base) ? pr.base : undefined;
  if (!head) return { fork: false, why: 'pull request payload without a head' };

  const baseRepo = isObject(base?.repo)
    ? base.repo
    : isObject(payload?.repository)
      ? payload.repository
      : undefined;
  const headRepo = isObject(head.repo) ? head.repo : undefined;
  if (!headRepo)
    return { fork: true, why: 'the head repository of the pull request no longer exists (a deleted fork)' };

  if (pr.flow === AGIT_FLOW) {
    return {
      fork: true,
      why: 'AGit pull request (pull_request.flow: 1, pushed to refs/for/<branch>/<topic>), treated as a fork',
    };
  }
  if (
    typeof pr.flow !== 'number' &&
    head.label === '' &&
    typeof head.ref === 'string' &&
    head.ref.startsWith('refs/pull/')
  ) {
    return {
      fork: true,
      why: 'AGit-flow pull request (empty head.label, head.ref refs/pull/<n>/head; this server sends no pull_request.flow), treated as a fork',
    };
  }

  const same = sameRepository(headRepo, baseRepo);
  if (same === true) return { fork: false, why: `pull request within ${describeRepo(headRepo)}` };
  if (same === false) {
    return {
      fork: true,
      why: `head repository ${describeRepo(headRepo)} differs from base ${describeRepo(baseRepo)}`,
    };
  }
  if (typeof headRepo.fork === 'boolean') {
    return { fork: headRepo.fork, why: `head repository ${headRepo.fork ? 'is' : 'is not'} a fork` };
  }
  // Nothing to compare: assume a fork, as Forgejo does for a flow it does not know.
  return { fork: true, why: 'head and base repository cannot be compared; assumed a fork' };
}

/** true/false when the payload identifies both repositories, undefined when it does not. */
function sameRepository(head: EventPayload, base: EventPayload | undefined): boolean | undefined {
  if (!base) return undefined;
  if (typeof head.id === 'number' && typeof base.id === 'number') return head.id === base.id;
  if (typeof head.full_name === 'string' && typeof base.full_name === 'string') {
    // GitHub and Forgejo owner and repository names are case-insensitive.
    return head.full_name.toLowerCase() === base.full_name.toLowerCase();
  }
  return undefined;
}

/** A repository's full name for a log line; anything that does not look like `owner/name` is left out. */
function describeRepo(repo: EventPayload | undefined): string {
  const name = repo?.full_name;
  return typeof name === 'string' && /^[\w.-]+\/[\w.-]+$/.test(name) ? name : '(unnamed repository)';
}

function isObject(value: unknown): value is EventPayload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
