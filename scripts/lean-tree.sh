#!/bin/sh
# Prints the id of the lean release tree of a commit: only what the actions need to run (each action's
# action.yml and the scripts it runs, dist/, toolchain.json and package.json), the README, the input
# reference (action-docs/) and LICENSE. The release notes travel in the tag. The runner copies the tree at the
# ref into the job for every `uses:`, so this is what each one costs. Writes the tree object (git
# write-tree); changes no ref, index or file.
#   sh scripts/lean-tree.sh [COMMIT]     (default HEAD)
# Used by scripts/release.sh (the tags' commits on release/vX) and the bench (table 3).
set -eu

COMMIT=${1:-HEAD}
LEAN='^(actions/[^/]+/(action\.yml|[^/]+\.sh|[^/]+\.mjs)|dist/.+|action-docs/.+|toolchain\.json|package\.json|LICENSE|README\.md)$'
index=$(mktemp "${TMPDIR:-/tmp}/ci-kit-lean-index-XXXXXX")
trap 'rm -f "$index"' EXIT
rm -f "$index"
# ls-tree lines are `<mode> <type> <object>TAB<path>`, the format update-index --index-info reads; the
# pattern goes through the environment, as awk -v would eat its backslashes.
git ls-tree -r "$COMMIT" | LEAN=$LEAN awk -F '\t' '$2 ~ ENVIRON["LEAN"]' |
  GIT_INDEX_FILE=$index git update-index --add --index-info
GIT_INDEX_FILE=$index git write-tree
