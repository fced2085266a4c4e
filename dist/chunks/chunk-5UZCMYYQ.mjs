import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  errorMessage,
  recordStep,
  telemetry
} from "./chunk-PYQVS2IG.mjs";
import {
  __name,
  debug,
  setFailed,
  setOutput,
  warning
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/entry.ts
import { readFileSync } from "node:fs";

// packages/runner/src/leg-telemetry.ts
import { createHash } from "node:crypto";
var LEG_ARTIFACT_PREFIX = "ci-kit-telemetry-";
var RETENTION_DAYS = 3;
var BUDGET_MS = 5e3;
function runtimeClaims(token) {
  const payload = token?.split(".");
  if (!payload || payload.length !== 3) return void 0;
  try {
    const claims = JSON.parse(Buffer.from(payload[1] ?? "", "base64url").toString("utf8"));
    const { TaskID, RunID, JobID } = claims;
    const id = /* @__PURE__ */ __name((value) => Number.isSafeInteger(value) && value > 0 ? value : 0, "id");
    if (!id(TaskID) || !id(RunID)) return void 0;
    return { taskId: id(TaskID), runId: id(RunID), jobId: id(JobID) };
  } catch {
    return void 0;
  }
}
__name(runtimeClaims, "runtimeClaims");
function httpUrl(text) {
  try {
    const url = new URL(text ?? "");
    return url.protocol === "http:" || url.protocol === "https:" ? url : void 0;
  } catch {
    return void 0;
  }
}
__name(httpUrl, "httpUrl");
async function uploadLegTelemetry(job, env, fetchImpl = globalThis.fetch) {
  if (env.CI_KIT_TELEMETRY_ARTIFACTS === "false") return { uploaded: false, why: "turned off" };
  if (env.FORGEJO_ACTIONS !== "true" && env.GITEA_ACTIONS !== "true") {
    return { uploaded: false, why: "not a Forgejo run" };
  }
  const token = env.ACTIONS_RUNTIME_TOKEN;
  const claims = runtimeClaims(token);
  if (!claims) return { uploaded: false, why: "ACTIONS_RUNTIME_TOKEN is not a Forgejo task token" };
  const runtime = httpUrl(env.ACTIONS_RUNTIME_URL);
  if (!runtime) return { uploaded: false, why: "ACTIONS_RUNTIME_URL is not an http(s) URL" };
  const origins = new Set([runtime.origin, httpUrl(env.GITHUB_SERVER_URL)?.origin].filter(Boolean));
  const name = `${LEG_ARTIFACT_PREFIX}${claims.taskId}`;
  const file = `step-${String(job.steps.length).padStart(3, "0")}.json`;
  const record = {
    v: 1,
    job: (env.GITHUB_JOB ?? "").replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100),
    task: claims.taskId,
    steps: job.steps
  };
  const content = Buffer.from(JSON.stringify(record));
  const collection = `${runtime.href.replace(/\/?$/, "/")}_apis/pipelines/workflows/${claims.runId}/artifacts`;
  const signal = AbortSignal.timeout(BUDGET_MS);
  const headers = { Authorization: `Bearer ${token}`, Accept: "application/json;api-version=6.0-preview" };
  const send = /* @__PURE__ */ __name(async (url, init) => {
    const response = await fetchImpl(url, {
      ...init,
      headers: { ...headers, ...init.headers },
      signal,
      redirect: "error"
    });
    if (response.ok) return response;
    await response.body?.cancel();
    return `${init.method} ${new URL(url).pathname} answered HTTP ${response.status}`;
  }, "send");
  try {
    const post = await send(`${collection}?api-version=6.0-preview`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Type: "actions_storage", Name: name, RetentionDays: RETENTION_DAYS })
    });
    if (typeof post === "string") return { uploaded: false, why: post };
    const created = await post.json();
    const upload = httpUrl(String(created.fileContainerResourceUrl ?? ""));
    if (!upload || !origins.has(upload.origin)) {
      return { uploaded: false, why: "the server gave an upload URL on another host" };
    }
    upload.searchParams.set("itemPath", `${name}/${file}`);
    const put = await send(upload.href, {
      method: "PUT",
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Range": `bytes 0-${content.length - 1}/${content.length}`,
        "x-tfs-filelength": String(content.length),
        "x-actions-results-md5": createHash("md5").update(content).digest("base64")
      },
      body: content
    });
    if (typeof put === "string") return { uploaded: false, why: put };
    await put.body?.cancel();
    const patch = await send(
      `${collection}?api-version=6.0-preview&artifactName=${encodeURIComponent(name)}`,
      {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Size: content.length })
      }
    );
    if (typeof patch === "string") return { uploaded: false, why: patch };
    await patch.body?.cancel();
    return { uploaded: true, artifact: `${name}/${file}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { uploaded: false, why: message.replace(/[^A-Za-z0-9 ._,()/:=-]/g, "_").slice(0, 200) };
  }
}
__name(uploadLegTelemetry, "uploadLegTelemetry");

// packages/runner/src/entry.ts
function kitVersion() {
  try {
    const json = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return json.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
__name(kitVersion, "kitVersion");
async function writeTelemetry(action, error) {
  let job;
  try {
    const outcome = error ? "failure" : "success";
    job = recordStep(telemetry.snapshot(action, kitVersion(), outcome, error), process.env);
    setOutput("telemetry", JSON.stringify(job));
  } catch (error2) {
    debug(`telemetry not written: ${errorMessage(error2)}`);
    return;
  }
  try {
    const kept = await uploadLegTelemetry(job, process.env);
    debug(
      kept.uploaded ? `telemetry kept as ${kept.artifact}` : `telemetry not kept as an artifact: ${kept.why}`
    );
  } catch (error2) {
    debug(`telemetry not kept as an artifact: ${errorMessage(error2)}`);
  }
}
__name(writeTelemetry, "writeTelemetry");
function errorClassOf(error) {
  return error instanceof UserError ? "user-error" : "infrastructure";
}
__name(errorClassOf, "errorClassOf");
async function runEntry(fn, action) {
  let failedAs;
  const fail = /* @__PURE__ */ __name(async (error) => {
    failedAs = errorClassOf(error);
    if (!(error instanceof UserError) && error instanceof Error && error.stack) debug(error.stack);
    setFailed(errorMessage(error));
    if (action) await writeTelemetry(action, failedAs);
  }, "fail");
  process.on("unhandledRejection", (reason) => {
    void fail(reason).finally(() => process.exit());
  });
  process.on("uncaughtException", (error) => {
    void fail(error).finally(() => process.exit());
  });
  try {
    await fn();
    if (action) await writeTelemetry(action, failedAs);
  } catch (error) {
    await fail(error);
  }
  process.exit();
}
__name(runEntry, "runEntry");
async function runPostEntry(fn, action) {
  await runEntry(async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof UserError) throw error;
      telemetry.warning(errorMessage(error));
      warning(errorMessage(error));
    }
  }, action);
}
__name(runPostEntry, "runPostEntry");

export {
  runEntry,
  runPostEntry
};
