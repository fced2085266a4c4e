#!/bin/sh
# Forgejo's own schema (forgejo-runner validate, the check a Forgejo runner applies before it runs
# anything) over every action.yml and every workflow we ship or run: this repository's CI, the template
# users copy, and the e2e, hostile and bench workflows.
set -eu
cd "$(dirname "$0")/.."
runner=.tools/bin/forgejo-runner
[ -x "$runner" ] || { echo "forgejo-runner missing: run sh scripts/setup-tools.sh" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
count=0
# Every action.yml of ours, one by one: `validate --directory .` reads only .forgejo/workflows as
# workflows, so the template, e2e, hostile and bench workflows would go unchecked. (It passes too:
# setup-tools keeps no action.yml of Forgejo's own source tree in .tools/.)
for file in $(git ls-files --cached --others --exclude-standard 'action.yml' '*/action.yml'); do
  "$runner" validate --action --path "$file" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  count=$((count + 1))
done
for file in $(git ls-files --cached --others --exclude-standard '.forgejo/workflows/*.yml' 'examples/workflows/*.yml' 'test/e2e/workflows/*.yml' 'test/hostile/workflows/*.yml' 'bench/workflows/*.yml'); do
  "$runner" validate --workflow --path "$file" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  count=$((count + 1))
done
echo "forgejo-runner validate: $count actions and workflows conform to Forgejo's schema"
