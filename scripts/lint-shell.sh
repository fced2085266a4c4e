#!/bin/sh
# Runs shellcheck on every shell script we ship or run (POSIX sh, so -s sh unless a bash shebang says otherwise).
set -eu
cd "$(dirname "$0")/.."
shellcheck=.tools/bin/shellcheck
[ -x "$shellcheck" ] || { echo "shellcheck missing: run sh scripts/setup-tools.sh" >&2; exit 1; }
files=$(git ls-files --cached --others --exclude-standard '*.sh' .ci/run)
# shellcheck disable=SC2086 # word splitting of the file list is intended (no spaces in our paths)
"$shellcheck" $files
echo "shellcheck: $(echo "$files" | wc -w) scripts clean"
