#!/bin/sh
# actionlint on this repository's workflows, the shipped template and the e2e workflows, with the
# Forgejo allowances in .forgejo/actionlint.yaml (runner labels, full-URL uses:).
set -eu
cd "$(dirname "$0")/.."
actionlint=.tools/bin/actionlint
[ -x "$actionlint" ] || { echo "actionlint missing: run sh scripts/setup-tools.sh" >&2; exit 1; }
files=$(git ls-files --cached --others --exclude-standard '.forgejo/workflows/*.yml' 'examples/workflows/*.yml' 'test/e2e/workflows/*.yml' 'test/hostile/workflows/*.yml' 'bench/workflows/*.yml')
# shellcheck disable=SC2086 # word splitting of the file list is intended (no spaces in our paths)
"$actionlint" -config-file .forgejo/actionlint.yaml $files
echo "actionlint: $(echo "$files" | wc -w) workflows clean"
