import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  AttemptTimeoutError,
  retry
} from "./chunk-OOUI75JC.mjs";
import {
  runChecked
} from "./chunk-7JFR4UVO.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/retry/src/retry-command.ts
var HTTP_FAILURES = [
  "connection reset",
  "connection refused",
  "connection closed",
  "broken pipe",
  "operation timed out",
  "connection timed out",
  "read timed out",
  "network timeout",
  "(?:request|connect|read) timeout",
  "dns error",
  "temporary failure in name resolution",
  "failed to lookup address",
  "tcp connect error",
  "error sending request",
  "error decoding response body",
  "unexpected eof",
  "incomplete message",
  "network is unreachable",
  "request failed after",
  "status(?: code)?:? (?:408|429|5\\d\\d)",
  "\\b(?:408|429|500|502|503|504)\\b (?:request timeout|too many requests|internal server error|bad gateway|service unavailable|gateway timeout)",
  "remote end closed connection"
];
var GIT_FAILURES = [
  "could not resolve host",
  "could not resolve proxy",
  "failed to connect to .* (?:port \\d+|couldn't connect to server)",
  "the requested url returned error: (?:408|429|5\\d\\d)",
  "the remote end hung up unexpectedly",
  "early eof",
  "gnutls_handshake\\(\\) failed",
  "ssl_error_syscall"
];
var TRANSIENT_OUTPUT = new RegExp([...HTTP_FAILURES, ...GIT_FAILURES].join("|"), "i");
var GIT_OUTPUT = new RegExp(GIT_FAILURES.join("|"), "i");
function isTransientFailure(output) {
  return TRANSIENT_OUTPUT.test(output);
}
__name(isTransientFailure, "isTransientFailure");
function isGitNetworkFailure(output) {
  return GIT_OUTPUT.test(output);
}
__name(isGitNetworkFailure, "isGitNetworkFailure");
function uvRetryEnv(attempts, jobEnv = process.env) {
  return jobEnv.UV_HTTP_RETRIES ? {} : { UV_HTTP_RETRIES: String(Math.max(0, attempts - 1)) };
}
__name(uvRetryEnv, "uvRetryEnv");
async function retryCommand(runner, command, args, options) {
  const { attempts, log, what, sleep, host, retriesItself, attemptTimeoutMs = 6e5, ...rest } = options;
  const runOptions = retriesItself === "uv" ? { ...rest, env: { ...uvRetryEnv(attempts), ...rest.env } } : rest;
  const transientOutput = retriesItself === "uv" ? isGitNetworkFailure : isTransientFailure;
  const { value } = await retry(
    (_attempt, signal) => runChecked(runner, command, args, { ...runOptions, signal }),
    {
      attempts,
      what,
      host: host ?? "package index",
      log,
      baseDelayMs: 2e3,
      attemptTimeoutMs,
      classify: /* @__PURE__ */ __name((error) => {
        if (error instanceof AttemptTimeoutError)
          return { retryable: true, reason: `no result within ${Math.round(attemptTimeoutMs / 1e3)} s` };
        const failed = error;
        const transient = transientOutput(failed.message ?? "");
        return {
          retryable: transient,
          reason: `exit ${failed.exitCode ?? "?"}${transient ? " (a network failure)" : ""}`
        };
      }, "classify"),
      ...sleep ? { sleep } : {}
    }
  );
  return value;
}
__name(retryCommand, "retryCommand");

export {
  retryCommand
};
