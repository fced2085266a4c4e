// toolchain.json is bundled into every action at build time, so an action's defaults are exactly
// the versions and checksums of the tag the workflow pinned (check-dist keeps the two in step).
import toolchainJson from '../../../toolchain.json' with { type: 'json' };

export interface PinnedTool {
  version: string;
  /** sha256 per upstream release file name. */
  sha256?: Record<string, string>;
}

export type Toolchain = Record<'node' | 'uv' | 'nox' | 'helm' | 'kubeconform', PinnedTool>;

export const TOOLCHAIN: Toolchain = toolchainJson as Toolchain;

export function pinnedSha256(tool: keyof Toolchain, fileName: string): string | undefined {
  return TOOLCHAIN[tool].sha256?.[fileName];
}
