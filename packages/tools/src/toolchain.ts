// toolchain.json is bundled into every action at build time, so an action's defaults are exactly
// the versions and checksums of the tag the workflow pinned (check-dist keeps the two in step).
import toolchainJson from '../../../toolchain.json' with { type: 'json' };

export interface PinnedTool {
  version: string;
  /** sha256 per upstream release file name. */
  sha256?: Record<string, string>;
  /** sha256 per wheel on the package index (uv: what the pip fallback may install). */
  'pip-sha256'?: Record<string, string>;
  /** nox: its lock, one requirement with its sha256 per line (scripts/lock-nox.mjs). */
  requirements?: string[];
}

export type Toolchain = Record<'node' | 'uv' | 'nox' | 'helm' | 'kubeconform', PinnedTool>;

export const TOOLCHAIN: Toolchain = toolchainJson as Toolchain;

/**
 * The pinned digest of a release file, only for the pinned version: kubeconform's and uv's file
 * names carry no version, so a name alone would pin another version to the wrong bytes.
 */
export function pinnedSha256(tool: keyof Toolchain, version: string, fileName: string): string | undefined {
  if (TOOLCHAIN[tool].version !== version) return undefined;
  return TOOLCHAIN[tool].sha256?.[fileName];
}
