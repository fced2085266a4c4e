import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-L6KRIO4D.mjs";

// packages/runner/src/platform.ts
import { existsSync } from "node:fs";
var OS_FROM_RUNNER = { Linux: "linux", macOS: "darwin", Windows: "windows" };
var OS_FROM_NODE = { linux: "linux", darwin: "darwin", win32: "windows" };
var ARCH_FROM_RUNNER = { X64: "x64", ARM64: "arm64" };
var ARCH_FROM_NODE = { x64: "x64", arm64: "arm64" };
function detectPlatform(env = process.env, node = process, isMusl = hasMuslLoader) {
  const os = OS_FROM_RUNNER[env.RUNNER_OS ?? ""] ?? OS_FROM_NODE[node.platform];
  const arch = ARCH_FROM_RUNNER[env.RUNNER_ARCH ?? ""] ?? ARCH_FROM_NODE[node.arch];
  if (!os || !arch) {
    throw new Error(
      `unsupported platform ${env.RUNNER_OS ?? node.platform}/${env.RUNNER_ARCH ?? node.arch}: linux, macOS and Windows on x64 or arm64 are supported`
    );
  }
  return { os, arch, libc: os === "linux" && isMusl() ? "musl" : "gnu" };
}
__name(detectPlatform, "detectPlatform");
function hasMuslLoader() {
  return ["/lib/ld-musl-x86_64.so.1", "/lib/ld-musl-aarch64.so.1"].some((file) => existsSync(file));
}
__name(hasMuslLoader, "hasMuslLoader");

export {
  detectPlatform
};
