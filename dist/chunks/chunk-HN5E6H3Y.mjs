import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-PYQVS2IG.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// toolchain.json
var toolchain_default = {
  $comment: "The one source of truth for pinned tool versions and release checksums. sha256 values are keyed by the upstream release file name (see ../shared/upstream-facts.md for their sources).",
  node: {
    version: "24.11.1",
    sha256: {
      "node-v24.11.1-linux-x64.tar.xz": "60e3b0a8500819514aca603487c254298cd776de0698d3cd08f11dba5b8289a8",
      "node-v24.11.1-linux-arm64.tar.xz": "6b0863fb9f627bf4a6c5948dce1de4398174a2e05dbe717503d828e211ca01f0"
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
    version: "2026.10.20",
    requirements: [
      "argcomplete==3.7.2 --hash=sha256:6029205678bdd9c1c728a155f5f9ecf5812393f969eef58807641a2bc2aa5b19 --hash=sha256:aad8b69a0b9969edb62db0d1752354c0d50717b10e0cbb00e2a958381b9fc6b9",
      "attrs==26.1.0 --hash=sha256:c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309 --hash=sha256:d03ceb89cb322a8fd706d4fb91940737b6642aa36998fe130a9bc96c985eff32",
      "colorama==0.4.6 ; sys_platform == 'win32' --hash=sha256:08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44 --hash=sha256:4f1d9991f5acc0ca119f9d443620b77f9d6b33703e51011c16baf57afb285fc6",
      "colorlog==6.12.0 --hash=sha256:2a7924c1dadf18b22a0eb8b06d1c7b01d5341707ec1641eb6fcc4fde0c3e8e5f --hash=sha256:30d392604e9110045a2c2aeefc27d7a017abbab63f3a8aee594eac0801df784e",
      "dependency-groups==1.3.2 --hash=sha256:8c337f7b92445823b0d0ea507f611390c58dcd2112be00aebcd738a2ca7a1c64 --hash=sha256:c81831f43828dbc3987ee247eb198241a0152b8e7ceab10977cc3808eb388ac7",
      "distlib==0.4.4 --hash=sha256:ca4175b4ac7f71223cc30ed7248c45d2b38c2439d8ee6e498ab67ed63cf3508d --hash=sha256:cf09d55b1e85a89576b036aeb71550bfd68320f3f21761ca329eadadad918638",
      "filelock==4.1.0 ; python_full_version < '3.11' --hash=sha256:2ce9818e3e2d8f284c1a964414447ef148d42a5fd5e2a477a7118e574b293ec1 --hash=sha256:ad7f724afef953e731b1cc39bcd3a09166d72ed7fcdf29e6e88b1c3235c6715d",
      "filelock==4.3.1 ; python_full_version >= '3.11' --hash=sha256:4c5ee627c401f1863ac6a0de9a14a28d3bb5f8c730b45e2fd6e5dbc79cf34b9e --hash=sha256:79e43df8e9fe509cd83a3899a7c186c8077cbbe4d200a1ed3705c2f3bb6bc487",
      "humanize==4.16.0 ; python_full_version < '3.11' --hash=sha256:353eb2f34c09d098b2880eee8bef21832eae6d174f48c5762fff7e5fcb74d01d --hash=sha256:7dc2244a2f84a4bfb1d36c37bac80cd78e35cdc5c119206d87b018e1445f3a3f",
      "humanize==4.17.0 ; python_full_version >= '3.11' --hash=sha256:02d0899527760efe18011944f882df4970943b4cdff7b5a0ba7fed43a576ef98 --hash=sha256:1d6a36c453dbfbb3f0b34601d2e0b4ce5d48d780305cd45714843f0068fde6ac",
      "nox==2026.10.20 --hash=sha256:5da57c009c3dfdd762c068d9079b17966ec967a9eb02cd8ebcf016a946eaf67f --hash=sha256:7aff12bb01471f5b087ada34cf0dbe452b02d840593f2e2afecc4bf6e6d6cd3f",
      "packaging==26.4 --hash=sha256:81383611a09c1bc0b08b76e0fd5829d7c6824c65b27a6aee339da133f4233ea2 --hash=sha256:c4b671c41ddb9bf26e543c37723610d28fb6bf7affc4da17cf048d419d2c062a",
      "platformdirs==4.12.4 ; python_full_version < '3.11' --hash=sha256:63743c02414e755de4e31b8f68125c1407495b86c5a006e203c01ff8b9924250 --hash=sha256:78bfb9db2a8471ed7eebe3c3c932da413911042994e699b384fbb4493fa872d7",
      "platformdirs==4.14.8 ; python_full_version >= '3.11' --hash=sha256:1e34af590de4d978631b751eb2202f2fee4497537a17c1720b12fcf57b331392 --hash=sha256:96893d686e84e9e6f358a9ea41a8de544df66dbf2ba6cda250e7dc73acf85b9b",
      "python-discovery==1.9.6 --hash=sha256:383aa67858d73a9585a843a37a4383c6be98e4d86a981a031328e393a6eb2632 --hash=sha256:93b10b90363d4151964cdeee2ec6601f3041b17fc2b253a1c3da7d6e7ddd8337",
      "tomli==2.5.0 ; python_full_version < '3.11' --hash=sha256:069435bd5480429b98c5e5afb02ab21c219b6f0064680671c6dc0d46817346ea --hash=sha256:0dc598040da8d42cf20f0be588ed7004f46db12a0ac6c32e03a59dccedaaadcd --hash=sha256:1245a6638fc4bb0a60af38a7d45413db34a13842027c77597c712c998c62fdf0 --hash=sha256:19b0dd8749f4ea2f112c5fcfb3c5248390c899d7e2e173f1d91abee1fa0ff391 --hash=sha256:1f4a40d03fb9f63424f0979855bdeaf44dd7696b8d59501822c10ed30ba532df --hash=sha256:20aa36de8f2cf87237143bc1fa1aae8d6612c09118f4da21c6a684db5dd1f6f9 --hash=sha256:21e4cae4114aba25aa0d4f85cdf486d290fb35c0954d7bba536248da64d43066 --hash=sha256:22185fad8a1e622f064e78008018a0dd3323550dcb479cb7a1d296888d74024f --hash=sha256:2419c2a189551987b59d80e63ec355671283336f41c6b9b89462df679c7d0c57 --hash=sha256:264507556cd8b8c8e7c6ee037cdf443a463f03f4c958e57195e3d369711b8ff6 --hash=sha256:32a7b79ac57a2e83670ce329ccf675798bc5a2094783a63676866b70503f2e2b --hash=sha256:3f89d10c1ff6a38d992c27fc8a4816af71a909e08a40ec66934240b1e74347c3 --hash=sha256:463b16086865b97facd8d0b3fb4cb7c544e3f58d2a69dc3113d6db9653fdb043 --hash=sha256:49096930c8d886c9bbdab62d2d0d17ce823ddeea522309a190b36245d5b49e01 --hash=sha256:521345fd1f19d45b8df87657aaa38b6f2ca3800059fadf428e7ebf479a383646 --hash=sha256:57b1c3b01fab802e2899bc3d168dca320e14165e2fd9fd584760fb4ca5826859 --hash=sha256:5d8bac3d603c97e6854424e5b2b5b741bdbde387e09f162fb0446812b4a8362b --hash=sha256:610b27d99f28ec5f191c7064a48f3ddb179a1fe6ca73d571483ae859f57b605e --hash=sha256:61ea1ebe1e55a34ea8199cc8dbff398d35027b82271c8ac4802fd3a1fd5b1bcc --hash=sha256:62fc1bc8eb03e3a9cadfca713d65614ed8e09d974a283295ffe3a831976b4dc5 --hash=sha256:6664b7ae7af7294256c53960a6103077f4914cec8ff98479c352f622c6f6b2f0 --hash=sha256:667e521b37a6c5ccaa044202c235b530f90177ffe2cd4a64ecc213c7dd535feb --hash=sha256:69491c143d2fe063046e0301e62a810bed338fa4d1ce0fd870c27dc1e09b0d84 --hash=sha256:6cf74416bdc94ae458b14e37286c1073081850ac8459a00d0c5efef5d44294c6 --hash=sha256:6e95c7614e705bfe2b04b27aa124adec59752d15813df37e2156747cab3a006b --hash=sha256:6f041843c4d3a37245c0c056fd955b186bf8b1fb85690cbe40b81230891dc34b --hash=sha256:752e8b1aa6a4367ef8bf6a1a1e005540f7ed055ba36d7193796812ca5404eb52 --hash=sha256:75dbcde8751b0a960aa3de173aa5e894d590755c6d7758b7e774c06f1dc3cbdd --hash=sha256:7ac2027d37c3afbdf4bdd377f2676f6f1d2122a5be1f1137b49dced590b37e75 --hash=sha256:7ad1ea345759240d6463efa0ed1c704402752e49aa21476620738d74d72d8aa1 --hash=sha256:86665cee9c4835b7a7f1e8ec2c719b5258d4dc782887aded5a8ae7352a96843b --hash=sha256:8ff3a2ca028c7eee0c777f9a092038d0a594a9fa04e215f929a22c329e2cb142 --hash=sha256:91294a9fb94a75542f6e46e4a2ae709bd8d9b51134098cae5cf3bea5478b6d03 --hash=sha256:943276cf269e0071948d9ff697159c1735e623c1151d88abb09b74659ef0cbea --hash=sha256:96243987194634bd411066ce40c952e108f86af04db533ecd8ac3ff2a85b1885 --hash=sha256:984012f71908165449a951de2050d52f276bfe3aa5d5f570f63ddad814370374 --hash=sha256:9b03d7dc168353b4132965bde20feceabaa470e570c6f59660dfae59b1f9eeb3 --hash=sha256:9dbb18c1cfb2f6517942fc9314437f66aa06d94436ffb1f06102ef3572f35276 --hash=sha256:9ebf8d19b17bd0daeb7b7dec81a946a439b753942fd0210d6e96c532249eea6b --hash=sha256:a525685c2f97da40762b8695eb7aa0af4c8344ca1905c73e4e29cb04d34607dc --hash=sha256:abdbf6313b8d9efe157edeb7ab6eae4de064b1300ad31abf73755154b30abe68 --hash=sha256:b69564772b5c8f22ea5f498dff08cfa825045b4d4c4400529000bdf818aa3b2a --hash=sha256:b8ade5023067f99fe72b88accd30d0ea05a158e9e32a11f124e731ea9695313f --hash=sha256:bbaefc84548d754be821bba7c4141c4787dda182f9e77f2f87b71213529efa7b --hash=sha256:bd05de8c1698f8413dd7d869492693a0bf2211543b787ac78cd5e7536af1a6d7 --hash=sha256:bf0b5e8e0f68ebb494356e577c06c139161efd8d3b9050f93b39b7c26cc54ff0 --hash=sha256:c414be4ed9d3cac80c42e348fa5a956117d1a48227f48026e31f59cb4a7671eb --hash=sha256:c47300f9bf791808f77d82747691c4bb09cb14bdf3060cca99b42cdc4361d5a7 --hash=sha256:c4dc1c1781f2f716de763d1e9a7b34c6a894e167e291c7c5d16c72f7a9538545 --hash=sha256:c804ae44fe7b4bab5da295e4f980a1ff04670bca9d23fe0a4e887e08ebd741a8 --hash=sha256:cfac177ebd6236003846ea339981f71457cb6eb748f23381eb257e45092e3980 --hash=sha256:d2ba24db8a9376921b5e87b4762b9adb0f3f1deaea68f2b8b0bb2c11efb9c3e7 --hash=sha256:d3182ee2d887e507bd67319a0a61105d1dd33facc111329559a233b772c1a105 --hash=sha256:d747252933c8a65ef6bd8da0fbb7ce28a90eb6119d8cd00772cd528aa07b68d5 --hash=sha256:d7e369fd63331746182360977b1892bfc215476a30d61612d732425311639f56 --hash=sha256:e12bbcd32897272fb05929110362ae9ff4c1b9bb26bd9e971e71dcd3275b4c3d --hash=sha256:e7ad033e27a516a233bea839cdb77b80146facb3b4f40bf02cd0cac165cdd5c2 --hash=sha256:e9e15b4a6c7dd6b85b5fbab29488a73f1f70de516942308daa266bf0e0aeb0d4 --hash=sha256:ed53f7e89bb04f6d9e8e7799112360b0c4d5cbff067de0814c98c37c39b920f7 --hash=sha256:eff8babca5a7999bc137acbc7482a8b7e17ffca5075ab41f5d770ab408c7bfef --hash=sha256:f15e3e0b835a6d68b10c86bf80a3149780498d6911c93c3ffd1861d19f9200f1 --hash=sha256:f3fcbc57b1791fa6cbe5d8434179d51de12be1a4811469529f47f6e7487a2571 --hash=sha256:f4b653094e18f9031102d3a1da5c729c8f222d85225b18037dac621695e46e1a --hash=sha256:f79203b3965b4000e91808aaa7c040206093f2b8bf86f455982f2274c9ccf442 --hash=sha256:fd4dc129784e0c5335bd4e61dfcc4487499a013419e655cf2da1d091b7e0efdc",
      "typing-extensions==4.16.0 ; python_full_version < '3.11' --hash=sha256:481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8 --hash=sha256:dc983d19a509c94dba722ee6abd33940f7c05a89e243c47e907eb4db6f1a43e5",
      "virtualenv==21.15.11 --hash=sha256:0390c40275487b5e677a1e559e30204ff061db4c5fec39c81d0dff1b24d2b774 --hash=sha256:6ad11e129f546835ae81d47a27f48ed32dcc4e2a0776014a159bab8895cdb9ac"
    ]
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

// packages/tools/src/version.ts
var SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
function normalizeVersion(value, input) {
  const match = SEMVER.exec(value.trim());
  if (!match) {
    throw new UserError(`${input}: '${value}' is not a valid version; use an exact version such as 3.16.4`);
  }
  return value.trim().replace(/^v/, "");
}
__name(normalizeVersion, "normalizeVersion");
var VERSION_PROBES = {
  node: { args: ["--version"], pattern: /\bv(\d+\.\d+\.\d+)/, match: "min-major" },
  git: { args: ["--version"], pattern: /git version (\d+[^\s]*)/, match: "present" },
  curl: { args: ["--version"], pattern: /^curl (\d+[^\s]*)/m, match: "present" },
  tar: { args: ["--version"], pattern: /(\d+\.\d+(?:\.\d+)?)/, match: "present" },
  // `uv 0.8.24` or `uv 0.8.24 (abc123 2025-10-01)`.
  uv: { args: ["--version"], pattern: /^uv (\d+\.\d+\.\d+\S*)/m, match: "exact" },
  // nox prints its version alone (to stderr in most releases).
  nox: { args: ["--version"], pattern: /^(\d+\.\d+\.\d+)\s*$/m, match: "exact" },
  // `helm version --short`: v3.16.4+g7877b45 (the +commit is build metadata, not the version).
  helm: { args: ["version", "--short"], pattern: /\bv?(\d+\.\d+\.\d+)(?:\+\S*)?/, match: "exact" },
  kubeconform: { args: ["-v"], pattern: /\bv?(\d+\.\d+\.\d+)/, match: "exact" }
};
function parseToolVersion(tool, output) {
  return VERSION_PROBES[tool].pattern.exec(output.trim())?.[1];
}
__name(parseToolVersion, "parseToolVersion");
var parseUvVersion = /* @__PURE__ */ __name((output) => parseToolVersion("uv", output), "parseUvVersion");
var parseNoxVersion = /* @__PURE__ */ __name((output) => parseToolVersion("nox", output), "parseNoxVersion");

export {
  TOOLCHAIN,
  pinnedSha256,
  normalizeVersion,
  VERSION_PROBES,
  parseToolVersion,
  parseUvVersion,
  parseNoxVersion
};
