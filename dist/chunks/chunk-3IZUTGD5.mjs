import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/runner/src/platform.ts
import { existsSync, readFileSync } from "node:fs";
var OS_FROM_RUNNER = { Linux: "linux", macOS: "darwin", Windows: "windows" };
var OS_FROM_NODE = { linux: "linux", darwin: "darwin", win32: "windows" };
var ARCH_FROM_RUNNER = { X64: "x64", ARM64: "arm64" };
var ARCH_FROM_NODE = { x64: "x64", arm64: "arm64" };
function detectPlatform(env = process.env, node = process, isMusl = hasMuslLoader) {
  const os = OS_FROM_RUNNER[env.RUNNER_OS ?? ""] ?? OS_FROM_NODE[node.platform];
  const arch = ARCH_FROM_RUNNER[env.RUNNER_ARCH ?? ""] ?? ARCH_FROM_NODE[node.arch];
  if (!os || !arch) {
    throw new Error(
      `unsupported platform ${env.RUNNER_OS ?? node.platform}/${env.RUNNER_ARCH ?? node.arch}: the actions run on Linux on x64 or arm64 (glibc or musl), the only platforms they are tested on`
    );
  }
  return { os, arch, libc: os === "linux" && isMusl() ? "musl" : "gnu" };
}
__name(detectPlatform, "detectPlatform");
function hasMuslLoader() {
  return ["/lib/ld-musl-x86_64.so.1", "/lib/ld-musl-aarch64.so.1"].some((file) => existsSync(file));
}
__name(hasMuslLoader, "hasMuslLoader");
function systemId(osRelease = () => readFileSafe("/etc/os-release"), glibc = glibcVersion, isMusl = hasMuslLoader) {
  const fields = new Map(
    osRelease().split("\n").map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim())).filter((m) => m !== null).map((m) => [m[1], m[2].replace(/^["']|["']$/g, "")])
  );
  const distro = `${fields.get("ID") || "unknown"}-${fields.get("VERSION_ID") || "unknown"}`;
  const glibcRuntime = glibc();
  const libc = glibcRuntime ? `glibc${glibcRuntime}` : isMusl() ? "musl" : "unknown";
  return `${distro}-${libc}`;
}
__name(systemId, "systemId");
function glibcVersion() {
  const report = process.report?.getReport();
  return report?.header?.glibcVersionRuntime;
}
__name(glibcVersion, "glibcVersion");
function readFileSafe(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
__name(readFileSafe, "readFileSafe");

export {
  detectPlatform,
  systemId
};
