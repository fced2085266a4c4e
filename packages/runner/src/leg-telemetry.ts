import { createHash } from 'node:crypto';
import type { JobTelemetry, StepTelemetry } from './telemetry';

/**
 * Every leg's telemetry, failed legs included, for status-check (docs/telemetry.md, "Every leg").
 *
 * A job output cannot carry it: for a matrix job the server keeps the last leg's output keys only and a
 * failed leg sends none (Forgejo v13.0.5, services/actions/context.go FindTaskNeeds). So on Forgejo each
 * step of ours also keeps the job's record so far as a small Actions artifact of this run, one per leg:
 * `ci-kit-telemetry-<task id>`, one file per step (`step-001.json`, ...; the highest is the whole record
 * so far). Artifacts belong to the run, so status-check (another job of the same run) lists and reads
 * them with its own ACTIONS_RUNTIME_TOKEN, and the server's task list gives each task id its leg's name.
 *
 * The API is the one actions/upload-artifact@v3 speaks, which Forgejo serves to every task
 * (routers/api/actions/artifacts.go): ACTIONS_RUNTIME_URL + `_apis/pipelines/workflows/{run id}/artifacts`,
 * authorised by ACTIONS_RUNTIME_TOKEN, a JWT whose claims carry TaskID, RunID and JobID
 * (services/actions/auth.go). Only a runtime token with those claims is used: under `forgejo-runner exec`,
 * act, older servers (the task token as runtime token) and GitHub nothing is uploaded.
 * Never fails a step, never waits long (one budget for the three requests), never prints a token.
 */
export const LEG_ARTIFACT_PREFIX = 'ci-kit-telemetry-';
const RETENTION_DAYS = 3;
const BUDGET_MS = 5000;

export interface RuntimeClaims {
  taskId: number;
  runId: number;
  jobId: number;
}

/** The claims of a Forgejo runtime token (read, not verified: the server verifies it). */
export function runtimeClaims(token: string | undefined): RuntimeClaims | undefined {
  const payload = token?.split('.');
  if (!payload || payload.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const { TaskID, RunID, JobID } = claims;
    const id = (value: unknown) =>
      Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : 0;
    if (!id(TaskID) || !id(RunID)) return undefined;
    return { taskId: id(TaskID), runId: id(RunID), jobId: id(JobID) };
  } catch {
    return undefined;
  }
}

/** What one leg keeps: the job id (GITHUB_JOB), its task id, and its steps of ours so far. */
export interface LegRecord {
  v: 1;
  job: string;
  task: number;
  steps: StepTelemetry[];
}

export type UploadResult = { uploaded: true; artifact: string } | { uploaded: false; why: string };

function httpUrl(text: string | undefined): URL | undefined {
  try {
    const url = new URL(text ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps this job's record so far as `ci-kit-telemetry-<task>/step-<n>.json` in the run's artifacts.
 * Three requests: POST (where to upload), PUT (the file, in one chunk with its md5), PATCH (confirm).
 */
export async function uploadLegTelemetry(
  job: JobTelemetry,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<UploadResult> {
  if (env.CI_KIT_TELEMETRY_ARTIFACTS === 'false') return { uploaded: false, why: 'turned off' };
  if (env.FORGEJO_ACTIONS !== 'true' && env.GITEA_ACTIONS !== 'true') {
    return { uploaded: false, why: 'not a Forgejo run' };
  }
  const token = env.ACTIONS_RUNTIME_TOKEN;
  const claims = runtimeClaims(token);
  if (!claims) return { uploaded: false, why: 'ACTIONS_RUNTIME_TOKEN is not a Forgejo task token' };
  const runtime = httpUrl(env.ACTIONS_RUNTIME_URL);
  if (!runtime) return { uploaded: false, why: 'ACTIONS_RUNTIME_URL is not an http(s) URL' };
  // The server builds the upload URL from its ROOT_URL (GITHUB_SERVER_URL); the token goes nowhere else.
  const origins = new Set([runtime.origin, httpUrl(env.GITHUB_SERVER_URL)?.origin].filter(Boolean));

  const name = `${LEG_ARTIFACT_PREFIX}${claims.taskId}`;
  const file = `step-${String(job.steps.length).padStart(3, '0')}.json`;
  const record: LegRecord = {
    v: 1,
    job: (env.GITHUB_JOB ?? '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100),
    task: claims.taskId,
    steps: job.steps,
  };
  const content = Buffer.from(JSON.stringify(record));
  const collection = `${runtime.href.replace(/\/?$/, '/')}_apis/pipelines/workflows/${claims.runId}/artifacts`;
  const signal = AbortSignal.timeout(BUDGET_MS);
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json;api-version=6.0-preview' };
  /** The response, or a line saying which request failed (the body of a failed answer is not read). */
  const send = async (url: string, init: RequestInit): Promise<Response | string> => {
    const response = await fetchImpl(url, {
      ...init,
      headers: { ...headers, ...init.headers },
      signal,
      redirect: 'error',
    });
    if (response.ok) return response;
    await response.body?.cancel();
    return `${init.method} ${new URL(url).pathname} answered HTTP ${response.status}`;
  };
  try {
    const post = await send(`${collection}?api-version=6.0-preview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Type: 'actions_storage', Name: name, RetentionDays: RETENTION_DAYS }),
    });
    if (typeof post === 'string') return { uploaded: false, why: post };
    const created = (await post.json()) as { fileContainerResourceUrl?: unknown };
    const upload = httpUrl(String(created.fileContainerResourceUrl ?? ''));
    if (!upload || !origins.has(upload.origin)) {
      return { uploaded: false, why: 'the server gave an upload URL on another host' };
    }
    upload.searchParams.set('itemPath', `${name}/${file}`);
    const put = await send(upload.href, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Range': `bytes 0-${content.length - 1}/${content.length}`,
        'x-tfs-filelength': String(content.length),
        'x-actions-results-md5': createHash('md5').update(content).digest('base64'),
      },
      body: content,
    });
    if (typeof put === 'string') return { uploaded: false, why: put };
    await put.body?.cancel();
    const patch = await send(
      `${collection}?api-version=6.0-preview&artifactName=${encodeURIComponent(name)}`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Size: content.length }),
      },
    );
    if (typeof patch === 'string') return { uploaded: false, why: patch };
    await patch.body?.cancel();
    return { uploaded: true, artifact: `${name}/${file}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { uploaded: false, why: message.replace(/[^A-Za-z0-9 ._,()/:=-]/g, '_').slice(0, 200) };
  }
}
