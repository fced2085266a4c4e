#!/bin/sh
# The image's own smoke test: every tool in the manifest runs and reports exactly the version the
# manifest records (git, curl, tar, zstd: they run). Run by the image build, by the publishing
# workflow before it pushes, and by the image build test:
#   sh /usr/local/lib/forgejo-ci-kit/smoke-test.sh [/etc/forgejo-ci-kit/toolchain.json]
set -eu

MANIFEST=${1:-/etc/forgejo-ci-kit/toolchain.json}
[ -f "$MANIFEST" ] || {
  echo "smoke-test: no manifest at $MANIFEST" >&2
  exit 1
}
failures=0

# manifest_version TOOL: the "version" on TOOL's line (the manifest keeps one tool a line).
manifest_version() {
  sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*{[[:space:]]*\"version\":[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$MANIFEST" | head -n 1
}

# check TOOL EXPECTED GOT
check() {
  if [ -n "$2" ] && [ "$2" = "$3" ]; then
    printf 'smoke-test: %-12s %-12s ok\n' "$1" "$3"
  else
    printf 'smoke-test: %-12s expected %s, got %s\n' "$1" "${2:-(not in manifest)}" "${3:-nothing}" >&2
    failures=$((failures + 1))
  fi
}

# first_version TEXT: the first x.y.z in TEXT.
first_version() { printf '%s\n' "$1" | grep -o '[0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*' | head -n 1; }

check node "$(manifest_version node)" "$(node --version 2>/dev/null | sed 's/^v//')"
check uv "$(manifest_version uv)" "$(first_version "$(uv --version 2>/dev/null)")"
check uvx "$(manifest_version uv)" "$(first_version "$(uvx --version 2>/dev/null)")"
check nox "$(manifest_version nox)" "$(nox --version 2>&1 | tail -n 1)"
check helm "$(manifest_version helm)" "$(first_version "$(helm version --short 2>/dev/null)")"
check kubeconform "$(manifest_version kubeconform)" "$(first_version "$(kubeconform -v 2>/dev/null)")"
for command in git curl tar zstd python3; do
  if "$command" --version >/dev/null 2>&1; then
    printf 'smoke-test: %-12s %-12s ok\n' "$command" present
  else
    echo "smoke-test: $command does not run" >&2
    failures=$((failures + 1))
  fi
done
if grep -q '"target": "dind"' "$MANIFEST"; then
  for command in 'docker --version' 'docker buildx version'; do
    if $command >/dev/null 2>&1; then
      printf 'smoke-test: %-12s %-12s ok\n' "${command% *}" present
    else
      echo "smoke-test: $command does not run" >&2
      failures=$((failures + 1))
    fi
  done
fi
[ "$failures" -eq 0 ] || {
  echo "smoke-test: $failures problem(s)" >&2
  exit 1
}
echo "smoke-test: all tools match $MANIFEST"
