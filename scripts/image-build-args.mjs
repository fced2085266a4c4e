// Prints the build args of images/python-ci/Dockerfile, one `--build-arg K=V` a line, generated from
// toolchain.json (versions, sha256 per architecture) and images/python-ci/VERSION, so no version is
// ever typed twice:
//   buildah bud $(node scripts/image-build-args.mjs) --target base -f images/python-ci/Dockerfile .
// `--json` prints the same as one JSON object instead (for tests and workflows).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Tools the image installs from release files (their sha256 become args) or only by version. */
const RELEASE_TOOLS = ['node', 'uv', 'helm', 'kubeconform'];
const VERSION_ONLY = ['nox'];

/** The Docker word for the architecture a Linux release file is built for; undefined for others. */
function linuxArchOf(fileName) {
  if (!/linux/.test(fileName) || /musl/.test(fileName)) return undefined;
  if (/(x86_64|amd64|x64)/.test(fileName)) return 'AMD64';
  if (/(aarch64|arm64)/.test(fileName)) return 'ARM64';
  return undefined;
}

export function buildArgs(toolchain, imageVersion) {
  const args = { IMAGE_VERSION: imageVersion };
  for (const tool of [...VERSION_ONLY, ...RELEASE_TOOLS]) {
    const pinned = toolchain[tool];
    if (!pinned?.version) throw new Error(`toolchain.json has no version for ${tool}`);
    args[`${tool.toUpperCase()}_VERSION`] = pinned.version;
    if (!RELEASE_TOOLS.includes(tool)) continue;
    for (const [fileName, sha256] of Object.entries(pinned.sha256 ?? {})) {
      const arch = linuxArchOf(fileName);
      if (arch) args[`${tool.toUpperCase()}_SHA256_${arch}`] = sha256;
    }
    for (const arch of ['AMD64', 'ARM64']) {
      if (!args[`${tool.toUpperCase()}_SHA256_${arch}`])
        throw new Error(`toolchain.json pins no linux ${arch} sha256 for ${tool}`);
    }
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const toolchain = JSON.parse(readFileSync(path.join(root, 'toolchain.json'), 'utf8'));
  const version = readFileSync(path.join(root, 'images/python-ci/VERSION'), 'utf8').trim();
  const args = buildArgs(toolchain, version);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(args, null, 2));
  } else {
    for (const [name, value] of Object.entries(args)) console.log(`--build-arg ${name}=${value}`);
  }
}
