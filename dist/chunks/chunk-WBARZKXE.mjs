import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);

// actions/setup-prewarmed-runner/src/names.ts
var DEFAULT_IMAGE_MANIFEST = "/etc/forgejo-ci-kit/toolchain.json";
var TOOL_NAMES = ["node", "git", "curl", "tar", "uv", "nox", "helm", "kubeconform"];
var SYSTEM_TOOLS = ["node", "git", "curl", "tar"];
var MIRROR_LAYOUT = {
  helm: "/helm/{file}",
  kubeconform: "/yannh/kubeconform/releases/download/v{version}/{file}",
  uv: "/astral-sh/uv/releases/download/{version}/{file}"
};

export {
  DEFAULT_IMAGE_MANIFEST,
  TOOL_NAMES,
  SYSTEM_TOOLS,
  MIRROR_LAYOUT
};
