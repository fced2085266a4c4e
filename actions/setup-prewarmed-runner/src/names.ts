/** Input names of setup-prewarmed-runner's node step, exactly as action.yml declares them. */
export enum Inputs {
  Tools = 'tools',
  InstallMissing = 'install-missing',
  Strict = 'strict',
  NodeVersionMin = 'node-version-min',
}

/** Output names, exactly as action.yml declares them (the composite maps the node step's outputs). */
export enum Outputs {
  Prewarmed = 'prewarmed',
  Installed = 'installed',
  Missing = 'missing',
  ImageVersion = 'image-version',
  /** Set by runEntry for every action (packages/runner/src/telemetry.ts). */
  Telemetry = 'telemetry',
}

/** Environment variables this action reads (CI_KIT_ prefix: ours, not the runner's). */
export enum Env {
  /** Where the pre-warmed image keeps its manifest; tests and custom images may point elsewhere. */
  ImageManifest = 'CI_KIT_IMAGE_MANIFEST',
  /**
   * Base URL of a mirror of the release files (air-gapped runners), laid out as upstream serves
   * them: see MIRROR_LAYOUT. The image build's MIRROR build arg uses the same layout.
   */
  DownloadMirror = 'CI_KIT_DOWNLOAD_MIRROR',
  /** Set by the composite action from bootstrap.sh's `installed` output (`node:apt git:apt`). */
  BootstrapInstalled = 'CI_KIT_BOOTSTRAP_INSTALLED',
  /** Seconds bootstrap.sh took, for the summary. */
  BootstrapSeconds = 'CI_KIT_BOOTSTRAP_SECONDS',
}

export const DEFAULT_IMAGE_MANIFEST = '/etc/forgejo-ci-kit/toolchain.json';

/** Every tool the action knows, in the order the summary lists them. */
export const TOOL_NAMES = ['node', 'git', 'curl', 'tar', 'uv', 'nox', 'helm', 'kubeconform'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Tools only bootstrap.sh (apt, the Node tarball) can provide; the node step can only report them. */
export const SYSTEM_TOOLS: readonly ToolName[] = ['node', 'git', 'curl', 'tar'];

/**
 * Where each release file lives under a mirror base: upstream's own paths (GitHub release paths,
 * helm's files under /helm/). images/python-ci/install-tools.sh uses the same layout.
 */
export const MIRROR_LAYOUT: Record<'helm' | 'kubeconform' | 'uv', string> = {
  helm: '/helm/{file}',
  kubeconform: '/yannh/kubeconform/releases/download/v{version}/{file}',
  uv: '/astral-sh/uv/releases/download/{version}/{file}',
};
