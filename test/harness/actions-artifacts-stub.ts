// A loopback stand-in for the parts of a Forgejo v13 server that per-leg telemetry uses, written from
// v13.0.5's source (routers/api/actions/artifacts*.go, routers/api/v1/repo/action.go) so that unit and
// integration tests can run the real code against the real request and response shapes:
// - the Actions artifacts API a step reaches with ACTIONS_RUNTIME_TOKEN (the legacy "pipelines" API that
//   actions/upload-artifact@v3 speaks), under /api/actions_pipeline/_apis/pipelines/workflows/{run}/artifacts:
//   POST (an upload URL, keyed on md5(name)), PUT .../{md5(name)}/upload?itemPath=<name>/<path> (one
//   chunk: Content-Range, x-tfs-filelength, x-actions-results-md5 checked as the server checks them),
//   PATCH ?artifactName= (confirm), GET (the run's artifacts, 404 when there are none), GET
//   .../{md5(name)}/download_url?itemPath=<name> (its files), GET .../{id}/download (a file);
// - the REST API the job token reads: GET /api/v1/repos/{repo}/actions/tasks and .../actions/runs/{id}.
// The runtime token is a JWT whose claims carry TaskID, RunID and JobID; the real server checks its
// signature and that the task is running, this stub only reads the claims and checks the run id.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubTask {
  id: number;
  name: string;
  status: string;
  run_number: number;
  created_at?: string;
}

interface StoredFile {
  id: number;
  runId: number;
  name: string;
  path: string;
  content: Buffer;
  confirmed: boolean;
}

export interface ArtifactsStub {
  url: string;
  /** Every request: method, path and query, and its Authorization header. */
  requests: Array<{ method: string; url: string; authorization: string }>;
  files: StoredFile[];
  tasks: StubTask[];
  close(): Promise<void>;
}

/** A JWT shaped like Forgejo's CreateAuthorizationToken (services/actions/auth.go), unsigned for tests. */
export function runtimeToken(claims: { TaskID: number; RunID: number; JobID: number }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    part({ alg: 'HS256', typ: 'JWT' }),
    part({
      exp: now + 86400,
      nbf: now,
      scp: `Actions.Results:${claims.RunID}:${claims.JobID}`,
      ac: '[{"Scope":"","Permission":2}]',
      ...claims,
    }),
    'c2lnbmF0dXJl',
  ].join('.');
}

function claimsOf(authorization: string): { TaskID: number; RunID: number } | undefined {
  const token = /^Bearer (.+)$/.exec(authorization)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      TaskID: number;
      RunID: number;
    };
  } catch {
    return undefined;
  }
}

const md5hex = (text: string) => createHash('md5').update(text).digest('hex');

export async function startArtifactsStub(
  opts: { tasks?: StubTask[]; run?: Record<string, unknown>; jobToken?: string } = {},
): Promise<ArtifactsStub> {
  const files: StoredFile[] = [];
  const requests: ArtifactsStub['requests'] = [];
  const tasks = opts.tasks ?? [];
  let nextId = 1;
  let base = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', base);
    const authorization = request.headers.authorization ?? '';
    requests.push({ method: request.method ?? '', url: url.pathname + url.search, authorization });
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };

    const api = /^\/api\/v1\/repos\/([^/]+\/[^/]+)\/actions\/(tasks|runs\/(\d+))$/.exec(url.pathname);
    if (api) {
      if (opts.jobToken && authorization !== `token ${opts.jobToken}`) return json(401, { message: 'no' });
      if (api[2] === 'tasks') {
        const limit = Math.min(Number(url.searchParams.get('limit') || 30), 50);
        const page = Number(url.searchParams.get('page') || 1);
        const sorted = [...tasks].sort((a, b) => b.id - a.id);
        return json(200, {
          workflow_runs: sorted.slice((page - 1) * limit, page * limit),
          total_count: sorted.length,
        });
      }
      return opts.run ? json(200, opts.run) : json(404, { message: 'not found' });
    }

    const artifacts =
      /^\/api\/actions_pipeline\/_apis\/pipelines\/workflows\/(\d+)\/artifacts(?:\/([^/]+)\/(upload|download_url|download))?$/.exec(
        url.pathname,
      );
    if (!artifacts) return json(404, { message: 'not found' });
    const claims = claimsOf(authorization);
    if (!claims) return json(401, { message: 'Bad authorization header' });
    const runId = Number(artifacts[1]);
    if (claims.RunID !== runId) return json(400, { message: 'run-id does not match' });
    const [, , key, action] = artifacts;
    const method = request.method;

    if (!key && method === 'POST') {
      const { Name, RetentionDays } = JSON.parse(body.toString('utf8')) as {
        Name: string;
        RetentionDays?: number;
      };
      const retention = RetentionDays && RetentionDays > 0 ? `?retentionDays=${RetentionDays}` : '';
      return json(200, {
        fileContainerResourceUrl: `${base}/api/actions_pipeline/_apis/pipelines/workflows/${runId}/artifacts/${md5hex(Name)}/upload${retention}`,
      });
    }
    if (action === 'upload' && method === 'PUT') {
      const itemPath = url.searchParams.get('itemPath') ?? '';
      const name = itemPath.split('/')[0] ?? '';
      const filePath = itemPath.slice(name.length + 1);
      if (key !== md5hex(name)) return json(400, { message: 'Invalid artifact hash' });
      if (/[\\/":<>|*?\r\n]/.test(name)) return json(400, { message: 'invalid character' });
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
      if (!range) return json(500, { message: 'Error save upload chunk' });
      const md5 = createHash('md5').update(body).digest('base64');
      if (request.headers['x-actions-results-md5'] !== md5) return json(500, { message: 'md5 not match' });
      const existing = files.find((f) => f.runId === runId && f.name === name && f.path === filePath);
      if (existing) Object.assign(existing, { content: body, confirmed: false });
      else files.push({ id: nextId++, runId, name, path: filePath, content: body, confirmed: false });
      return json(200, { message: 'success' });
    }
    if (!key && method === 'PATCH') {
      const name = url.searchParams.get('artifactName') ?? '';
      if (name === '') return json(400, { message: 'Error artifact name is empty' });
      for (const file of files) if (file.runId === runId && file.name === name) file.confirmed = true;
      return json(200, { message: 'success' });
    }
    if (!key && method === 'GET') {
      const names = [...new Set(files.filter((f) => f.runId === runId).map((f) => f.name))];
      if (names.length === 0) return json(404, {});
      return json(200, {
        count: names.length,
        value: names.map((name) => ({
          name,
          fileContainerResourceUrl: `${base}/api/actions_pipeline/_apis/pipelines/workflows/${runId}/artifacts/${md5hex(name)}/download_url`,
        })),
      });
    }
    if (action === 'download_url' && method === 'GET') {
      const name = url.searchParams.get('itemPath') ?? '';
      if (key !== md5hex(name)) return json(400, { message: 'Invalid artifact hash' });
      const found = files.filter((f) => f.runId === runId && f.name === name);
      if (found.length === 0) return json(404, {});
      return json(200, {
        value: found.map((f) => ({
          path: `${name}/${f.path}`,
          itemType: 'file',
          contentLocation: `${base}/api/actions_pipeline/_apis/pipelines/workflows/${runId}/artifacts/${f.id}/download`,
        })),
      });
    }
    if (action === 'download' && method === 'GET') {
      const file = files.find((f) => f.id === Number(key));
      if (!file) return json(404, {});
      if (file.runId !== runId) return json(400, {});
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(file.content);
      return;
    }
    return json(405, { message: 'method not allowed' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(500);
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    files,
    tasks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
