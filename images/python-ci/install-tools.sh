#!/bin/sh
# Install logic of images/python-ci/Dockerfile, kept in a script so it is testable on its own.
#   install-tools.sh base   Debian packages (git, curl, tar, xz, zstd, ca-certificates), then Node
#                           (the official archive), uv, helm, kubeconform (sha256-verified) and nox
#                           (hash-locked venv), and the manifest /etc/forgejo-ci-kit/toolchain.json
#   install-tools.sh dind   the Docker CLI and buildx from Debian (on top of base)
#
# Versions and sha256 come from the environment (the Dockerfile's build args, generated from
# toolchain.json by scripts/image-build-args.mjs): IMAGE_VERSION NODE_VERSION UV_VERSION NOX_VERSION
# HELM_VERSION KUBECONFORM_VERSION and <TOOL>_SHA256_<AMD64|ARM64>. Optional: MIRROR (a base URL
# laid out like upstream: <MIRROR>/dist/v<ver>/<file> for Node (nodejs.org's layout),
# <MIRROR>/astral-sh/uv/releases/download/<ver>/<file>,
# <MIRROR>/helm/<file>, <MIRROR>/yannh/kubeconform/releases/download/v<ver>/<file>; the layout
# setup-prewarmed-runner's CI_KIT_DOWNLOAD_MIRROR uses), PYPI_INDEX, APT_RETRIES, TARGETARCH,
# PREFIX (default /usr/local), MANIFEST (default /etc/forgejo-ci-kit/toolchain.json).
set -eu

export DEBIAN_FRONTEND=noninteractive
PREFIX=${PREFIX:-/usr/local}
MANIFEST=${MANIFEST:-/etc/forgejo-ci-kit/toolchain.json}
APT_RETRIES=${APT_RETRIES:-5}
MIRROR=${MIRROR:-}
MIRROR=${MIRROR%/}

log() { printf '%s\n' "install-tools: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# need NAME...: every named variable is set and not empty.
need() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    # shellcheck disable=SC2154 # value is set by the eval above
    [ -n "$value" ] || die "$name is not set: pass the build args from scripts/image-build-args.mjs"
  done
}

# retry CMD...: CMD up to APT_RETRIES+1 times, waiting 2, 4, 8, ... (at most 60) s between attempts.
retry() {
  attempt=1
  delay=2
  until "$@"; do
    [ "$attempt" -le "$APT_RETRIES" ] || return 1
    log "attempt $attempt failed, retrying in ${delay}s: $*"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
    [ "$delay" -le 60 ] || delay=60
  done
}

apt_setup() {
  # Every apt call of this image (and of jobs run in it) retries transient download failures.
  mkdir -p /etc/apt/apt.conf.d
  printf 'Acquire::Retries "%s";\n' "$APT_RETRIES" >/etc/apt/apt.conf.d/80forgejo-ci-kit-retries
}

apt_install() {
  # Error-Mode=any: otherwise apt-get update exits 0 when an index could not be fetched.
  retry apt-get -q -o APT::Update::Error-Mode=any update || die 'apt-get update kept failing'
  retry apt-get -q install -y --no-install-recommends "$@" || die "apt-get install $* kept failing"
  rm -rf /var/lib/apt/lists/*
}

# arch: Debian/Docker words (amd64, arm64), from TARGETARCH or the machine.
arch() {
  case "${TARGETARCH:-$(uname -m)}" in
    amd64 | x86_64) echo amd64 ;;
    arm64 | aarch64) echo arm64 ;;
    *) die "unsupported architecture ${TARGETARCH:-$(uname -m)}" ;;
  esac
}

# fetch URL FILE SHA256: download with retries, then verify; a mismatch fails the build.
fetch() {
  log "downloading $1"
  retry curl -fsSL --connect-timeout 30 -o "$2" "$1" || die "could not download $1"
  actual=$(sha256sum "$2" | cut -d' ' -f1)
  [ "$actual" = "$3" ] || die "sha256 mismatch for $(basename "$2"): expected $3, got $actual"
  log "verified $(basename "$2") ($actual)"
}

# url PATH UPSTREAM: the mirror's copy of an upstream file when MIRROR is set.
url() {
  if [ -n "$MIRROR" ]; then echo "$MIRROR$1"; else echo "$2"; fi
}

install_base() {
  need IMAGE_VERSION NODE_VERSION UV_VERSION NOX_VERSION HELM_VERSION KUBECONFORM_VERSION
  ARCH=$(arch)
  case "$ARCH" in
    amd64) need NODE_SHA256_AMD64 UV_SHA256_AMD64 HELM_SHA256_AMD64 KUBECONFORM_SHA256_AMD64 ;;
    arm64) need NODE_SHA256_ARM64 UV_SHA256_ARM64 HELM_SHA256_ARM64 KUBECONFORM_SHA256_ARM64 ;;
  esac
  apt_setup
  apt_install git curl tar xz-utils zstd ca-certificates

  work=$(mktemp -d)
  mkdir -p "$PREFIX/bin"

  # Node: the official archive (node-v<ver>-linux-<x64|arm64>/bin/node, npm, ...) under /opt, its
  # commands linked onto PATH. Debian trixie's nodejs is 20, past its end of life (2026-04-30).
  if [ "$ARCH" = amd64 ]; then node_arch=x64 sha=$NODE_SHA256_AMD64; else node_arch=arm64 sha=$NODE_SHA256_ARM64; fi
  file="node-v$NODE_VERSION-linux-$node_arch.tar.xz"
  fetch "$(url "/dist/v$NODE_VERSION/$file" "https://nodejs.org/dist/v$NODE_VERSION/$file")" "$work/$file" "$sha"
  node_home=/opt/forgejo-ci-kit/node
  mkdir -p "$node_home"
  tar -xJf "$work/$file" -C "$node_home" --strip-components=1 --no-same-owner
  for command in node npm npx corepack; do
    if [ -e "$node_home/bin/$command" ]; then ln -sf "$node_home/bin/$command" "$PREFIX/bin/$command"; fi
  done
  [ "$("$PREFIX/bin/node" --version)" = "v$NODE_VERSION" ] ||
    die "node from $file says $("$PREFIX/bin/node" --version 2>&1), not v$NODE_VERSION"

  # uv: uv-<triple>/{uv,uvx}
  if [ "$ARCH" = amd64 ]; then triple=x86_64-unknown-linux-gnu sha=$UV_SHA256_AMD64; else triple=aarch64-unknown-linux-gnu sha=$UV_SHA256_ARM64; fi
  file="uv-$triple.tar.gz"
  fetch "$(url "/astral-sh/uv/releases/download/$UV_VERSION/$file" "https://github.com/astral-sh/uv/releases/download/$UV_VERSION/$file")" "$work/$file" "$sha"
  tar -xzf "$work/$file" -C "$work" --no-same-owner
  install -m 0755 "$work/uv-$triple/uv" "$work/uv-$triple/uvx" "$PREFIX/bin/"

  # helm: linux-<arch>/helm
  if [ "$ARCH" = amd64 ]; then sha=$HELM_SHA256_AMD64; else sha=$HELM_SHA256_ARM64; fi
  file="helm-v$HELM_VERSION-linux-$ARCH.tar.gz"
  fetch "$(url "/helm/$file" "https://get.helm.sh/$file")" "$work/$file" "$sha"
  tar -xzf "$work/$file" -C "$work" --no-same-owner
  install -m 0755 "$work/linux-$ARCH/helm" "$PREFIX/bin/helm"

  # kubeconform: the binary at the archive root
  if [ "$ARCH" = amd64 ]; then sha=$KUBECONFORM_SHA256_AMD64; else sha=$KUBECONFORM_SHA256_ARM64; fi
  file="kubeconform-linux-$ARCH.tar.gz"
  fetch "$(url "/yannh/kubeconform/releases/download/v$KUBECONFORM_VERSION/$file" "https://github.com/yannh/kubeconform/releases/download/v$KUBECONFORM_VERSION/$file")" "$work/$file" "$sha"
  mkdir "$work/kubeconform"
  tar -xzf "$work/$file" -C "$work/kubeconform" --no-same-owner
  install -m 0755 "$work/kubeconform/kubeconform" "$PREFIX/bin/kubeconform"
  rm -rf "$work"

  # nox: a venv of the image's python3 under /opt, filled from the lock with --require-hashes
  # (nox-requirements.txt, generated from toolchain.json by scripts/lock-nox.mjs): no byte and no
  # dependency version the lock does not name. Its entry point is linked onto PATH.
  if [ -n "${PYPI_INDEX:-}" ]; then export UV_DEFAULT_INDEX="$PYPI_INDEX"; fi
  nox_lock="$(dirname "$0")/nox-requirements.txt"
  grep -q "^nox==$NOX_VERSION " "$nox_lock" ||
    die "$nox_lock does not lock nox $NOX_VERSION: run node scripts/lock-nox.mjs"
  nox_venv=/opt/forgejo-ci-kit/nox
  UV_PYTHON_DOWNLOADS=never "$PREFIX/bin/uv" venv --quiet --no-project --python python3 "$nox_venv" ||
    die "uv venv $nox_venv failed"
  UV_NO_CACHE=1 retry "$PREFIX/bin/uv" pip install --quiet --python "$nox_venv/bin/python" \
    --require-hashes -r "$nox_lock" || die "uv pip install of nox $NOX_VERSION (with hashes) kept failing"
  ln -sf "$nox_venv/bin/nox" "$PREFIX/bin/nox"

  write_manifest base
  sh "$(dirname "$0")/smoke-test.sh" "$MANIFEST"
}

# write_manifest TARGET: toolchain.json as baked, plus "image". One tool a line, so smoke-test.sh
# can read it with sed; setup-prewarmed-runner reads it as JSON.
write_manifest() {
  mkdir -p "$(dirname "$MANIFEST")"
  node_installed=$("$PREFIX/bin/node" --version | sed 's/^v//')
  if [ "$ARCH" = amd64 ]; then
    node_file=node-v$NODE_VERSION-linux-x64.tar.xz node_sha=$NODE_SHA256_AMD64
    uv_file=uv-x86_64-unknown-linux-gnu.tar.gz uv_sha=$UV_SHA256_AMD64 helm_sha=$HELM_SHA256_AMD64 kc_sha=$KUBECONFORM_SHA256_AMD64
  else
    node_file=node-v$NODE_VERSION-linux-arm64.tar.xz node_sha=$NODE_SHA256_ARM64
    uv_file=uv-aarch64-unknown-linux-gnu.tar.gz uv_sha=$UV_SHA256_ARM64 helm_sha=$HELM_SHA256_ARM64 kc_sha=$KUBECONFORM_SHA256_ARM64
  fi
  cat >"$MANIFEST" <<JSON
{
  "\$comment": "What this forgejo-ci-kit python-ci image baked: versions installed and sha256 verified. Read by setup-prewarmed-runner.",
  "node": { "version": "$node_installed", "sha256": { "$node_file": "$node_sha" }, "source": "official" },
  "uv": { "version": "$UV_VERSION", "sha256": { "$uv_file": "$uv_sha" } },
  "nox": { "version": "$NOX_VERSION" },
  "helm": { "version": "$HELM_VERSION", "sha256": { "helm-v$HELM_VERSION-linux-$ARCH.tar.gz": "$helm_sha" } },
  "kubeconform": { "version": "$KUBECONFORM_VERSION", "sha256": { "kubeconform-linux-$ARCH.tar.gz": "$kc_sha" } },
  "image": { "version": "$IMAGE_VERSION", "target": "$1", "arch": "$ARCH", "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)" }
}
JSON
  log "wrote $MANIFEST"
}

install_dind() {
  [ -f "$MANIFEST" ] || die "$MANIFEST is missing: dind builds on the base target"
  apt_setup
  apt_install docker-cli docker-buildx
  docker --version >/dev/null || die 'docker CLI does not run'
  docker buildx version >/dev/null || die 'docker buildx does not run'
  sed -i 's/"target": "base"/"target": "dind"/' "$MANIFEST"
  sh "$(dirname "$0")/smoke-test.sh" "$MANIFEST"
}

case "${1:-}" in
  base) install_base ;;
  dind) install_dind ;;
  *) die "usage: install-tools.sh base|dind" ;;
esac
