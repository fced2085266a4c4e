import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError,
  __name
} from "./chunk-LQCNKXSJ.mjs";

// toolchain.json
var toolchain_default = {
  $comment: "The one source of truth for pinned tool versions and release checksums. sha256 values are keyed by the upstream release file name (see ../shared/upstream-facts.md for their sources).",
  node: {
    version: "20.19.5",
    sha256: {
      "node-v20.19.5-linux-x64.tar.xz": "315046739a513a70e03a4a55a8afda8cf979f30852e576075c340084e3f8ac0f",
      "node-v20.19.5-linux-arm64.tar.xz": "d462267863ae8ee556039ebdf559055a8ec562c633889ef1403f3adb449ba1dd"
    }
  },
  uv: {
    version: "0.8.24",
    sha256: {
      "uv-x86_64-unknown-linux-gnu.tar.gz": "db8179fffd97b7557b9a519bae82eaa4f499b02ef546f738a35e74e26c47e6b7",
      "uv-aarch64-unknown-linux-gnu.tar.gz": "9526f8b0eddd13f5162c18df5ecf35c21e4f96567d21849750356b60121882df",
      "uv-x86_64-unknown-linux-musl.tar.gz": "b38ce629a8653a6b444b7c1bff2d8b99bdafd274e66a4900c5838051e3d99d26",
      "uv-aarch64-unknown-linux-musl.tar.gz": "2b8f7383b19d408c680a74a6dbd41c70976516922234eb0075fd2de67413cf29"
    },
    "pip-sha256": {
      "uv-0.8.24-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl": "0a75005a146e81ed1bbb0b6e55db18c8ad1e7d714392cdb94a63fa7a3259ad4f",
      "uv-0.8.24-py3-none-manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64.whl": "8595ca23e4f0b8ea934a29f8080578cd197ada22931b358498e9445ddd2bac5c",
      "uv-0.8.24-py3-none-manylinux_2_28_aarch64.whl": "1143a8c6e59f4600dfc1b96b335c7fa47428246be37ac19b6f6dd1535c385ccd",
      "uv-0.8.24-py3-none-musllinux_1_1_x86_64.whl": "bd1576fe700b064ee0f4f56908dc112b65df4c780ced04fabdf83eb6e3ec7322",
      "uv-0.8.24-py3-none-macosx_10_12_x86_64.whl": "1cd064933beb3c7392a8dc88d903be809b70612c563e2d659a96d505cac1daf5",
      "uv-0.8.24-py3-none-macosx_11_0_arm64.whl": "a2bd708a545c1c21d7be8575f4cff00d0cff26be13fc81e3f7e54b8751fb90c0",
      "uv-0.8.24-py3-none-win_amd64.whl": "59d2527b9afdd89361d057b0c8077fca3212e7335df46532bf9057c6fc5eb9ff",
      "uv-0.8.24-py3-none-win_arm64.whl": "712af0dcb2e1522b85e168e10a1dcb9fe5775e81cee632d8a6d7e95054a096f3"
    }
  },
  nox: {
    version: "2026.10.20"
  },
  helm: {
    version: "3.16.4",
    sha256: {
      "helm-v3.16.4-linux-amd64.tar.gz": "fc307327959aa38ed8f9f7e66d45492bb022a66c3e5da6063958254b9767d179",
      "helm-v3.16.4-linux-arm64.tar.gz": "d3f8f15b3d9ec8c8678fbf3280c3e5902efabe5912e2f9fcf29107efbc8ead69",
      "helm-v3.16.4-darwin-amd64.tar.gz": "8dc25671120a4af197afe7ad9041fb8e1dd71bc01e5ef73dba1139cbc9e9f44b",
      "helm-v3.16.4-darwin-arm64.tar.gz": "e2442d8f05d53d84c39b869bc5fe5affad247ee2f4c706a040919c146edb1f94"
    }
  },
  kubeconform: {
    version: "0.7.0",
    sha256: {
      "kubeconform-linux-amd64.tar.gz": "c31518ddd122663b3f3aa874cfe8178cb0988de944f29c74a0b9260920d115d3",
      "kubeconform-linux-arm64.tar.gz": "cc907ccf9e3c34523f0f32b69745265e0a6908ca85b92f41931d4537860eb83c",
      "kubeconform-darwin-amd64.tar.gz": "c6771cc894d82e1b12f35ee797dcda1f7da6a3787aa30902a15c264056dd40d4",
      "kubeconform-darwin-arm64.tar.gz": "b5d32b2cb77f9c781c976b20a85e2d0bc8f9184d5d1cfe665a2f31a19f99eeb9"
    }
  }
};

// packages/tools/src/toolchain.ts
var TOOLCHAIN = toolchain_default;
function pinnedSha256(tool, version, fileName) {
  if (TOOLCHAIN[tool].version !== version) return void 0;
  return TOOLCHAIN[tool].sha256?.[fileName];
}
__name(pinnedSha256, "pinnedSha256");

// packages/download/src/url.ts
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "***";
    parsed.password = "";
    return parsed.toString().replace("***:@", "***@");
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//***@");
  }
}
__name(redactUrl, "redactUrl");
function assertDownloadScheme(url, input) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${input}: '${redactUrl(url)}' is not a valid URL; use an http(s):// or file:// URL`);
  }
  if (!["http:", "https:", "file:"].includes(parsed.protocol)) {
    throw new UserError(
      `${input}: scheme '${parsed.protocol}' of '${redactUrl(url)}' is not supported; use http://, https:// or file://`
    );
  }
  return parsed;
}
__name(assertDownloadScheme, "assertDownloadScheme");
function siblingUrl(archiveUrl, fileName) {
  const parsed = new URL(archiveUrl);
  parsed.pathname = parsed.pathname.replace(/[^/]*$/, encodeURIComponent(fileName));
  return parsed.toString();
}
__name(siblingUrl, "siblingUrl");

export {
  redactUrl,
  assertDownloadScheme,
  siblingUrl,
  TOOLCHAIN,
  pinnedSha256
};
