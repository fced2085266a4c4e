#!/bin/sh
# Fails when dist/ differs from a fresh build: new, removed and changed files all count.
set -eu
cd "$(dirname "$0")/.."
node scripts/build.mjs
changes=$(git status --porcelain --untracked-files=all -- dist)
if [ -n "$changes" ]; then
  printf 'dist/ is stale; run "npm run build" and commit the result:\n%s\n' "$changes" >&2
  exit 1
fi
echo "dist/ is up to date"
