#!/bin/sh
# Makes a release commit and its tags, locally; pushing is left to you (the commands are printed).
#
#   sh scripts/release.sh X.Y.Z            release X.Y.Z from the current branch
#   sh scripts/release.sh --dry-run X.Y.Z  the same in a scratch clone of HEAD, which is then thrown
#                                          away: shows what the release would be, changes nothing here
#
# Policy (docs/releasing.md): vX.Y.Z tags are immutable; vX moves to the newest X.y.z; breaking
# changes only in a new major. The script refuses to run on a dirty tree, on a detached HEAD, when
# dist/ or action-docs/ is stale or the tree is over its budget, when the tag exists, when X.Y.Z is
# not above the current version, or when CHANGELOG.md has nothing under [Unreleased].
#
# What it does: sets "version" in package.json (and the root entries of package-lock.json) with
# node, not `npm version` (no git side effects of its own); turns CHANGELOG.md's [Unreleased]
# section into `## [X.Y.Z] - <date>` under a fresh, empty [Unreleased]; commits; tags vX.Y.Z
# (annotated, with the release notes) and moves vX to the same commit (annotated, forced).
#
# Environment: CI_KIT_RELEASE_DATE (YYYY-MM-DD, default today in UTC), CI_KIT_RELEASE_REMOTE (the
# remote named in the printed push commands, default origin).
set -eu

log() { printf '%s\n' "release: $*"; }
die() {
  printf '%s\n' "release: refusing: $*" >&2
  exit 1
}
usage() {
  printf '%s\n' 'usage: sh scripts/release.sh [--dry-run] X.Y.Z' >&2
  exit 2
}

DRY_RUN=false
VERSION=''
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=true ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
      [ -z "$VERSION" ] || usage
      VERSION=$arg
      ;;
  esac
done
[ -n "$VERSION" ] || usage
printf '%s\n' "$VERSION" | grep -Eq '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$' ||
  die "'$VERSION' is not a version of the form X.Y.Z (digits only, no leading zeros, no v)"
MAJOR=${VERSION%%.*}
TAG="v$VERSION"
MAJOR_TAG="v$MAJOR"
DATE=${CI_KIT_RELEASE_DATE:-$(date -u +%Y-%m-%d)}
printf '%s\n' "$DATE" | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' || die "CI_KIT_RELEASE_DATE '$DATE' is not YYYY-MM-DD"
REMOTE=${CI_KIT_RELEASE_REMOTE:-origin}

ROOT=$(git -C "$(dirname -- "$0")" rev-parse --show-toplevel) || die 'not inside a git repository'
cd "$ROOT"

# --- dry run: the real thing, in a scratch clone ---------------------------------------------------
if [ "$DRY_RUN" = true ]; then
  [ -d node_modules ] || die 'node_modules is missing: run npm ci first (the stale checks need it)'
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/ci-kit-release-XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  trap 'exit 130' INT TERM
  log "dry run: cloning HEAD into $scratch (uncommitted changes here are not part of it)"
  git clone -q "$ROOT" "$scratch/repo"
  ln -s "$ROOT/node_modules" "$scratch/repo/node_modules"
  echo '/node_modules' >>"$scratch/repo/.git/info/exclude"
  (cd "$scratch/repo" && CI_KIT_RELEASE_IN_DRY_RUN=1 sh scripts/release.sh "$VERSION")
  log "dry run: the release commit and tags would be:"
  git -C "$scratch/repo" log -1 --format='  %h %s' HEAD
  git -C "$scratch/repo" show --stat --format='' HEAD | sed 's/^/  /'
  for tag in "$TAG" "$MAJOR_TAG"; do
    printf '  %s -> %s (release/%s)\n' "$tag" "$(git -C "$scratch/repo" rev-parse --short "$tag^{commit}")" "$MAJOR_TAG"
  done
  (cd "$scratch/repo" && node scripts/tree-budget.mjs --ref "$TAG") | tail -n 2 | sed 's/^/  /'
  log "dry run: nothing was changed in $ROOT; run without --dry-run to release"
  exit 0
fi

# --- preconditions ---------------------------------------------------------------------------------
dirty=$(git status --porcelain --untracked-files=all)
[ -z "$dirty" ] || die "the working tree is not clean; commit or stash first:
$dirty"
BRANCH=$(git symbolic-ref -q --short HEAD) || die 'HEAD is detached; check out the branch to release from'
if git rev-parse -q --verify "refs/tags/$TAG" >/dev/null; then
  die "tag $TAG exists already (release tags never move)"
fi

CURRENT=$(node -p 'require("./package.json").version')
# shellcheck disable=SC2016 # the $ belongs to the JavaScript
node -e '
  const [next, current] = process.argv.slice(1).map((v) => v.split(".").map(Number));
  const newer = next[0] - current[0] || next[1] - current[1] || next[2] - current[2];
  process.exit(newer > 0 ? 0 : 1);
' "$VERSION" "$CURRENT" || die "$VERSION is not above the current version $CURRENT (package.json)"

[ -f CHANGELOG.md ] || die 'CHANGELOG.md is missing'
grep -Eq '^## \[Unreleased\][[:space:]]*$' CHANGELOG.md || die 'CHANGELOG.md has no "## [Unreleased]" heading'
# unreleased_notes: the lines under [Unreleased], up to the next release heading or link reference.
unreleased_notes() {
  awk '
    /^## \[Unreleased\][[:space:]]*$/ { inside = 1; next }
    inside && (/^## / || /^\[[^]]+\]: /) { exit }
    inside { print }
  ' CHANGELOG.md
}
unreleased_notes | grep -q '[^[:space:]]' ||
  die 'nothing under "## [Unreleased]" in CHANGELOG.md: say what this release changes first'

# The published tree must be what the sources build: stale bundles or docs would ship to every user.
log 'checking that dist/ and action-docs/ are current and the tree is within its budget'
if ! npm run -s check-dist; then
  die 'dist/ is stale (see above): run "npm run build", commit, and release again'
fi
if ! node scripts/action-docs.mjs --check; then
  die 'action-docs/ is stale (see above): run "node scripts/action-docs.mjs", commit, and release again'
fi
if ! node scripts/tree-budget.mjs; then
  die 'the committed tree is over its budget (see above and docs/tree-budget.md)'
fi
dirty=$(git status --porcelain --untracked-files=all)
[ -z "$dirty" ] || die "the checks changed the working tree:
$dirty"

# --- the release commit ----------------------------------------------------------------------------
log "releasing $VERSION (was $CURRENT) on $BRANCH, dated $DATE"
# shellcheck disable=SC2016 # the $ belongs to the JavaScript
node -e '
  const fs = require("node:fs");
  const version = process.argv[1];
  const setVersion = (file, apply) => {
    if (!fs.existsSync(file)) return;
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    apply(json);
    fs.writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  };
  setVersion("package.json", (json) => { json.version = version; });
  // npm keeps the root package version in the lockfile too; npm version would update both.
  setVersion("package-lock.json", (json) => {
    json.version = version;
    if (json.packages && json.packages[""]) json.packages[""].version = version;
  });
' "$VERSION"

notes=$(mktemp "${TMPDIR:-/tmp}/ci-kit-notes-XXXXXX")
changelog=$(mktemp "${TMPDIR:-/tmp}/ci-kit-changelog-XXXXXX")
trap 'rm -f "$notes" "$changelog"' EXIT
{
  printf 'forgejo-ci-kit %s (%s)\n\n' "$VERSION" "$DATE"
  # Blank lines at the ends of the section are dropped; the ones inside are kept.
  unreleased_notes | awk 'NF { for (; blank > 0; blank--) print ""; print; seen = 1; next } seen { blank++ }'
} >"$notes"
awk -v heading="## [$VERSION] - $DATE" '
  !done && /^## \[Unreleased\][[:space:]]*$/ { print; print ""; print heading; print ""; done = 1; skip = 1; next }
  skip && /^[[:space:]]*$/ { next }
  { skip = 0; print }
' CHANGELOG.md >"$changelog"
cat "$changelog" >CHANGELOG.md

git add package.json CHANGELOG.md
[ ! -f package-lock.json ] || git add package-lock.json
git commit -q -m "Release $TAG"
SOURCE=$(git rev-parse HEAD)

# --- the lean release line -------------------------------------------------------------------------
# The runner clones the action repository and copies the tree at the ref into the job for every
# `uses:`. The tags point at a commit of their own line (release/vX) whose tree holds only what the
# actions need to run, and whose parent is the previous release of that line: a clone carries one
# commit per release, not every dist/ change the main branch ever made.
RELEASE_BRANCH="release/$MAJOR_TAG"
TREE=$(sh scripts/lean-tree.sh "$SOURCE")
PARENT=$(git rev-parse -q --verify "refs/heads/$RELEASE_BRANCH^{commit}" || true)
COMMIT=$(git commit-tree "$TREE" ${PARENT:+-p "$PARENT"} -m "Release $TAG

The runtime files of $SOURCE (actions, dist/, toolchain.json, docs) on the lean release line.")
git update-ref "refs/heads/$RELEASE_BRANCH" "$COMMIT" ${PARENT:+"$PARENT"}
# verbatim: the notes' "### Added" headings are not comments to strip.
git tag -a --cleanup=verbatim -F "$notes" "$TAG" "$COMMIT"
git tag -f -a -m "$MAJOR_TAG: the latest $MAJOR.x release, now $TAG" "$MAJOR_TAG" "$COMMIT" >/dev/null

log "made commit $(git rev-parse --short "$SOURCE") \"Release $TAG\" on $BRANCH, its lean commit $(git rev-parse --short "$COMMIT") on $RELEASE_BRANCH, tag $TAG there, and moved $MAJOR_TAG to it"
if [ -n "${CI_KIT_RELEASE_IN_DRY_RUN:-}" ]; then
  log '(dry run: nothing is pushed from the scratch clone)'
  exit 0
fi
cat <<EOF
release: nothing has been pushed. Publish it with:

  git push $REMOTE $BRANCH
  git push $REMOTE $RELEASE_BRANCH
  git push $REMOTE $TAG
  git push --force $REMOTE $MAJOR_TAG

Workflows can then pin uses: .../actions/<name>@$TAG, @$MAJOR_TAG, or the commit:
  @$COMMIT # $TAG
EOF
