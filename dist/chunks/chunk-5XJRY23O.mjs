import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  AttemptTimeoutError,
  retry
} from "./chunk-FNWWGSQW.mjs";
import {
  runChecked
} from "./chunk-NK2DXZIW.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/retry/src/retry-command.ts
var TRANSIENT_OUTPUT = new RegExp(
  [
    "connection reset",
    "connection refused",
    "connection closed",
    "broken pipe",
    "timed out",
    "timeout",
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
    "read timed out",
    "remote end closed connection",
    // git, for git dependencies `uv sync` clones (git's own wording, curl's underneath it).
    "could not resolve host",
    "could not resolve proxy",
    "failed to connect to .* (?:port \\d+|couldn't connect to server)",
    "the requested url returned error: (?:408|429|5\\d\\d)",
    "the remote end hung up unexpectedly",
    "early eof",
    "gnutls_handshake\\(\\) failed",
    "ssl_error_syscall"
  ].join("|"),
  "i"
);
function isTransientFailure(output) {
  return TRANSIENT_OUTPUT.test(output);
}
__name(isTransientFailure, "isTransientFailure");
async function retryCommand(runner, command, args, options) {
  const { attempts, log, what, sleep, host, attemptTimeoutMs = 6e5, ...runOptions } = options;
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
        const transient = isTransientFailure(failed.message ?? "");
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
