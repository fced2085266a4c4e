#!/bin/sh
# setup-prewarmed-runner, step 1: make sure the commands every later step needs exist, in a job
# container that may have nothing but a shell (no Node, no curl, no git). Node comes first: the
# Forgejo runner runs every node action with the job container's own `node`.
#
# Inputs arrive through env (the composite action maps them; never through ${{ }} in run:):
#   CI_KIT_TOOLS            tools the job wants (node, git, curl, tar matter here; node always does)
#   CI_KIT_INSTALL_MISSING  true/false: install what is missing
#   CI_KIT_STRICT           true/false: fail, installing nothing, when anything is missing
#   CI_KIT_APT_RETRIES      apt's Acquire::Retries, and attempts of the retry loop around apt-get
#   CI_KIT_NODE_VERSION_MIN the oldest Node major the job accepts (input node-version-min, default 20)
#   CI_KIT_NODE_MIRROR      where official Node tarballs live (default https://nodejs.org/dist), for
#                           distributions without a new enough Node; the layout is <mirror>/v<ver>/<file>
#   CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS     no byte for this long ends a download attempt (default 30)
#   CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS  one download attempt, however busy (default 600)
#                           (the limits the node actions read, with the same values allowed)
#
# What it installs: Debian packages with apt (--no-install-recommends, retries, backoff); Node from
# the distribution when its candidate is 20 or newer (Debian trixie, the base of python:3.13-slim),
# else the official tarball verified against the sha256 in toolchain.json. A second run installs
# nothing. Writes `installed` and `node` to GITHUB_OUTPUT and one summary line to the log.
# -f: input values such as tools: '*' must stay words, never become file names.
set -euf

export DEBIAN_FRONTEND=noninteractive
ACCEPTED_TOOLS='node git curl tar uv nox helm kubeconform'
NODE_MAJOR_MIN=20 # what our bundles need; node-version-min may ask for more
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

# one_line TEXT: TEXT with CR and LF as spaces. Messages can carry input and env values (a mirror
# URL): a CR or LF in one would end the line and let the rest be read as a workflow command of its
# own (::set-output, ::add-path::).
one_line() { printf '%s' "$*" | tr '\r\n' '  '; }
log() { printf '%s\n' "setup-prewarmed-runner: $(one_line "$*")"; }
warn() { printf '%s\n' "::warning::setup-prewarmed-runner: $(one_line "$*")"; }
# fail MESSAGE: one clear line (an error annotation on the runner), then exit 1.
fail() {
  printf '::error::setup-prewarmed-runner: %s\n' "$(one_line "$*")"
  exit 1
}
now() { date +%s; }

# redact_url URL: URL as it may be printed (the node actions' redactUrl): user:password@ as ***@, and the
# value of a query parameter that carries a credential (token, access_token, sig, X-Amz-Signature,
# X-Amz-Credential, api_key, ...: the whole name or its last -/_/. part, any case) as ***.
redact_url() {
  p='\([?&#;]\)\(\([^=&#;]*[-_.]\)\{0,1\}'
  v='\)=[^&#;]*/\1\2=***/g'
  printf '%s' "$1" | sed -e 's|^\([A-Za-z][A-Za-z0-9+.-]*://\)[^/?#]*@|\1***@|' \
    -e "s/${p}[Tt][Oo][Kk][Ee][Nn]$v" -e "s/${p}[Ss][Ii][Gg]$v" -e "s/${p}[Ss][Ii][Gg][Nn][Aa][Tt][Uu][Rr][Ee]$v" \
    -e "s/${p}[Cc][Rr][Ee][Dd][Ee][Nn][Tt][Ii][Aa][Ll]$v" -e "s/${p}[Ss][Ee][Cc][Rr][Ee][Tt]$v" \
    -e "s/${p}[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd]$v" -e "s/${p}[Pp][Aa][Ss][Ss][Ww][Dd]$v" -e "s/${p}[Kk][Ee][Yy]$v" \
    -e "s/${p}[Aa][Pp][Ii][Kk][Ee][Yy]$v" -e "s/${p}[Aa][Uu][Tt][Hh]$v" -e "s/${p}[Jj][Ww][Tt]$v"
}
# has_userinfo URL: URL carries user[:password]@ before its path.
has_userinfo() {
  rest=${1#*://}
  case "${rest%%[/?#]*}" in *@*) return 0 ;; *) return 1 ;; esac
}

# --- inputs --------------------------------------------------------------------------------------
# boolean VALUE: true or false, as YAML 1.2 spells them; nothing (status 1) for anything else.
boolean() {
  case "$1" in
    true | True | TRUE) echo true ;;
    false | False | FALSE) echo false ;;
    *) return 1 ;;
  esac
}

# This script runs in every job: the cases below spare the fast path an exec of sed or tr (about a
# millisecond each) when the value has nothing to change.
TOOLS=${CI_KIT_TOOLS-$ACCEPTED_TOOLS}
case "$TOOLS" in *[,'
'"$(printf '\t')"]*) TOOLS=$(printf '%s' "$TOOLS" | tr ',\n\t' '   ') ;; esac
for tool in $TOOLS; do
  case " $ACCEPTED_TOOLS " in
    *" $tool "*) ;;
    *) fail "The value '$tool' is not valid for 'tools'. Valid values are: $(echo "$ACCEPTED_TOOLS" | sed 's/ /, /g')" ;;
  esac
done
INSTALL_MISSING=$(boolean "${CI_KIT_INSTALL_MISSING:-true}") ||
  fail "The value '$CI_KIT_INSTALL_MISSING' is not valid for 'install-missing'. Valid values are: true, false"
STRICT=$(boolean "${CI_KIT_STRICT:-false}") ||
  fail "The value '$CI_KIT_STRICT' is not valid for 'strict'. Valid values are: true, false"
APT_RETRIES=${CI_KIT_APT_RETRIES:-5}
case "$APT_RETRIES" in
  '' | *[!0-9]*) fail "The value '$APT_RETRIES' is not valid for 'apt-retries'. Valid values are: a whole number from 0 to 20" ;;
esac
[ "$APT_RETRIES" -le 20 ] || fail "The value '$APT_RETRIES' is not valid for 'apt-retries'. Valid values are: a whole number from 0 to 20"

# trim VALUE: without leading and trailing blanks, as the node actions read these variables.
trim() {
  case "$1" in
    [[:space:]]* | *[[:space:]]) printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' ;;
    *) printf '%s' "$1" ;;
  esac
}

MAX_SECONDS=21600
# whole_seconds VALUE: seconds above 0 and up to MAX_SECONDS, decimals allowed (the node actions'
# rule), rounded up to whole seconds, which is what curl takes; status 1 for anything else.
whole_seconds() {
  case "$1" in
    '' | .* | *. | *.*.* | *[!0-9.]*) return 1 ;;
  esac
  # Leading zeros dropped: $((...)) would read 010 as octal. Six digits are over the maximum already.
  whole=${1%%.*}
  case "$whole" in 0*) whole=$(printf '%s' "$whole" | sed 's/^0*//') ;; esac
  [ "${#whole}" -le 5 ] || return 1
  whole=${whole:-0}
  case "$1" in *.*[1-9]*) whole=$((whole + 1)) ;; esac
  [ "$whole" -gt 0 ] && [ "$whole" -le "$MAX_SECONDS" ] || return 1
  echo "$whole"
}
IDLE_RAW=$(trim "${CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS-}")
IDLE_TIMEOUT=$(whole_seconds "${IDLE_RAW:-30}") ||
  fail "The value '$IDLE_RAW' is not valid for CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS. Valid values are: a number of seconds above 0 and up to $MAX_SECONDS (e.g. 30 or 0.5)"
ATTEMPT_RAW=$(trim "${CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS-}")
ATTEMPT_TIMEOUT=$(whole_seconds "${ATTEMPT_RAW:-600}") ||
  fail "The value '$ATTEMPT_RAW' is not valid for CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS. Valid values are: a number of seconds above 0 and up to $MAX_SECONDS (e.g. 30 or 0.5)"
# node-version-min: a Node major version from 20 (what the bundles run on) to 99; a team that wants
# the current LTS on every job says 24. Two digits, no sign, no leading zero: the node step's rule.
NODE_MIN_RAW=$(trim "${CI_KIT_NODE_VERSION_MIN-}")
NODE_MIN=${NODE_MIN_RAW:-$NODE_MAJOR_MIN}
case "$NODE_MIN" in
  [2-9][0-9]) ;;
  *) NODE_MIN=0 ;;
esac
[ "$NODE_MIN" -ge "$NODE_MAJOR_MIN" ] ||
  fail "The value '$NODE_MIN_RAW' is not valid for 'node-version-min'. Valid values are: a Node major version from $NODE_MAJOR_MIN to 99 (e.g. 20 or 24)"
NODE_MAJOR_MIN=$NODE_MIN
NODE_MIRROR=${CI_KIT_NODE_MIRROR:-https://nodejs.org/dist}
NODE_MIRROR=${NODE_MIRROR%/}
ACTION_PATH=${GITHUB_ACTION_PATH:-$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)}
TOOLCHAIN_JSON="$ACTION_PATH/../../toolchain.json"

wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac }
has() { command -v "$1" >/dev/null 2>&1; }

# node_ok [NODE]: NODE (default: node on PATH) works and is NODE_MAJOR_MIN or newer. Remembers what it
# printed in NODE_VERSION, and for which file in NODE_VERSION_OF, so the summary does not start the
# same node again (each start is tens of ms, on the fast path of every job).
NODE_VERSION=''
NODE_VERSION_OF=''
node_ok() {
  NODE_VERSION=$("${1:-node}" --version 2>/dev/null) || NODE_VERSION=''
  NODE_VERSION_OF=$(command -v "${1:-node}" 2>/dev/null) || NODE_VERSION_OF=''
  major=${NODE_VERSION#v}
  major=${major%%.*}
  case $major in '' | *[!0-9]*) return 1 ;; esac
  [ "$major" -ge "$NODE_MAJOR_MIN" ]
}

# find_missing: sets MISSING to what is missing now, as command names (node = no node NODE_MAJOR_MIN or
# newer).
# Not run in $(...): node_ok's NODE_VERSION must outlive it.
find_missing() {
  MISSING=''
  node_ok || MISSING='node'
  for command in git curl tar; do
    if wants "$command" && ! has "$command"; then MISSING="$MISSING $command"; fi
  done
  MISSING=${MISSING# }
}

# without WORD LIST...: LIST minus WORD, space-separated.
without() {
  word=$1
  shift
  rest=''
  for item in "$@"; do [ "$item" = "$word" ] || rest="$rest $item"; done
  echo "${rest# }"
}

START=$(now)

# --- telemetry (docs/telemetry.md): one JSON line in the job's telemetry file, written on exit ---------
# The node step of this action reads it back and hands it on in its `telemetry` output. Hosts only,
# never URLs; reasons as the short words the node actions use.
RETRIES_JSON=''  # {"host":...,"reason":...,"delayMs":...}, comma-separated
PHASES_JSON=''   # "apt update":ms, ... comma-separated
DOWNLOADED=0
RETRY_HOST=''    # the host the next retried command talks to
RETRY_REASON=''  # why the last attempt failed (download sets it; apt is "network")
PERMANENT=false  # the last attempt failed for good (download sets it for HTTP 4xx but 408 and 429)
# safe_part VALUE: VALUE with every character but [A-Za-z0-9._-] as _, as telemetry.ts names the file.
safe_part() {
  case "${1:-x}" in
    *[!A-Za-z0-9._-]*) printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_' ;;
    *) printf '%s' "${1:-x}" ;;
  esac
}
telemetry_file() {
  [ -n "${RUNNER_TEMP:-}" ] || return 1
  echo "$RUNNER_TEMP/ci-kit-telemetry-$(safe_part "${GITHUB_RUN_ID:-}")-$(safe_part "${GITHUB_RUN_ATTEMPT:-}")-$(safe_part "${GITHUB_JOB:-}").jsonl"
}
# json_word TEXT: TEXT with no character that would need escaping in a JSON string.
json_word() {
  case "$1" in
    *[!A-Za-z0-9\ ._:-]*) printf '%s' "$1" | tr -c 'A-Za-z0-9 ._:-' '_' ;;
    *) printf '%s' "$1" ;;
  esac
}
# phase NAME SECONDS: a phase of this step, in ms.
phase() { PHASES_JSON="${PHASES_JSON:+$PHASES_JSON,}\"$(json_word "$1")\":$(($2 * 1000))"; }
kit_version() {
  sed -n -e '/^[[:space:]]*"version":[[:space:]]*"/{' -e 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' -e 'q' -e '}' \
    "$ACTION_PATH/../../package.json" 2>/dev/null
}
write_telemetry() {
  status=$?
  file=$(telemetry_file) || return 0
  outcome=success
  [ "$status" = 0 ] || outcome=failure
  printf '{"v":1,"action":"setup-prewarmed-runner/bootstrap","kit":"%s","outcome":"%s","ms":{%s},"retries":[%s],"bytes":%s,"cache":{"hits":0,"misses":0,"restoredBytes":0,"savedBytes":0},"warnings":{}}\n' \
    "$(json_word "$(kit_version)")" "$outcome" "${PHASES_JSON:+$PHASES_JSON,}\"total\":$((($(now) - START) * 1000))" \
    "$RETRIES_JSON" "$DOWNLOADED" >>"$file" 2>/dev/null || true
}
trap write_telemetry EXIT
NODE_BIN=''
INSTALLED=''     # command:source pairs (node:apt, git:apt, node:tarball)
APT_INSTALLED='' # Debian packages installed

# write_outputs: for step 2, which reads them through the composite action's env.
write_outputs() {
  if [ -z "$NODE_BIN" ] && has node; then NODE_BIN=$(command -v node); fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
      echo "installed=${INSTALLED# }"
      echo "packages=${APT_INSTALLED# }"
      echo "node=$NODE_BIN"
      echo "seconds=$(($(now) - START))"
    } >>"$GITHUB_OUTPUT"
  fi
}

# summary: the one line a reader looks for.
summary() {
  found=''
  for command in node git curl tar; do
    [ "$command" = node ] || wants "$command" || continue
    if [ "$command" = node ]; then
      if [ -n "$NODE_BIN" ] && [ "$NODE_BIN" = "$NODE_VERSION_OF" ]; then
        found="$found node $NODE_VERSION"
      elif [ -n "$NODE_BIN" ]; then
        found="$found node $("$NODE_BIN" --version 2>/dev/null)"
      fi
    elif has "$command"; then
      found="$found $command"
    fi
  done
  installed=${INSTALLED# }
  packages=${APT_INSTALLED# }
  log "bootstrap: present:${found:- none}; installed: ${installed:-nothing}${packages:+ (apt packages: $packages)} in $(($(now) - START)) s"
}

find_missing
if [ -z "$MISSING" ]; then
  write_outputs
  summary
  exit 0
fi

log "missing: $MISSING"
case " $MISSING " in
  *" node "*) [ -z "$NODE_VERSION" ] || log "node $NODE_VERSION is older than node-version-min $NODE_MAJOR_MIN" ;;
esac
if [ "$STRICT" = true ]; then
  fail "strict: this job is not on the pre-warmed image; missing: $MISSING (use the forgejo-ci-kit python-ci image, or strict: false to install them)"
fi
if [ "$INSTALL_MISSING" = false ]; then
  case " $MISSING " in
    *" node "*) fail "node $NODE_MAJOR_MIN or newer is missing and install-missing is false; the next step needs it" ;;
  esac
  log "install-missing is false: leaving $MISSING missing"
  write_outputs
  summary
  exit 0
fi

# --- privileges ----------------------------------------------------------------------------------
SUDO=false
if [ "$(id -u)" != 0 ]; then
  if has sudo && sudo -n true 2>/dev/null; then
    SUDO=true
  else
    fail "cannot install $MISSING: not running as root and no password-less sudo; run the job container as root, or use the pre-warmed image"
  fi
fi
# as_root CMD...: CMD as root (through sudo when this step is not root).
as_root() {
  if [ "$SUDO" = true ]; then sudo -n "$@"; else "$@"; fi
}

# retry DESCRIPTION CMD...: CMD up to APT_RETRIES+1 times, waiting 1, 2, 4, ... (at most 30) s.
retry() {
  what=$1
  shift
  attempt=1
  delay=1
  PERMANENT=false
  until "$@"; do
    # A fact that will not change (HTTP 404, 403, 401, ...: download sets PERMANENT) is not retried.
    if [ "$PERMANENT" = true ]; then
      log "$what failed: ${RETRY_REASON:-permanent}, which another attempt would not change; not retrying"
      return 1
    fi
    if [ "$attempt" -gt "$APT_RETRIES" ]; then
      log "$what failed $attempt times; giving up"
      return 1
    fi
    log "$what failed (attempt $attempt of $((APT_RETRIES + 1))); retrying in ${delay}s"
    RETRIES_JSON="${RETRIES_JSON:+$RETRIES_JSON,}{\"host\":\"$(json_word "${RETRY_HOST:-unknown}")\",\"reason\":\"$(json_word "${RETRY_REASON:-network}")\",\"delayMs\":$((delay * 1000))}"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
    [ "$delay" -le 30 ] || delay=30
  done
}

# apt_host: the host of the first package source (the Debian mirror), for telemetry.
apt_host() {
  host=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
    sed -n 's|.*[[:space:]]\{0,1\}https\{0,1\}://\([^/@[:space:]]*@\)\{0,1\}\([^/[:space:]]*\).*|\2|p' | head -n 1)
  echo "${host:-apt}"
}

# Error-Mode=any: without it apt-get update exits 0 when an index could not be fetched.
APT_OPTS="-q -o Acquire::Retries=$APT_RETRIES -o APT::Update::Error-Mode=any -o Dpkg::Use-Pty=0"
# shellcheck disable=SC2086 # APT_OPTS is a word list on purpose
apt_update() { as_root env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS update; }
# shellcheck disable=SC2086
apt_install() { as_root env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS install -y --no-install-recommends "$@"; }

# candidate_major PACKAGE: the major version apt would install, or nothing.
candidate_major() {
  apt-cache policy "$1" 2>/dev/null |
    sed -n 's/^[[:space:]]*Candidate:[[:space:]]*\([0-9]*:\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}

# --- Node from the official tarball --------------------------------------------------------------
node_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) return 1 ;;
  esac
}

# pinned_node_file ARCH: "<file> <sha256>" of the Node tarball pinned in toolchain.json.
# No jq and no node here: toolchain.json is flattened and matched with sed.
pinned_node_file() {
  [ -f "$TOOLCHAIN_JSON" ] || return 1
  tr -d '\n\r' <"$TOOLCHAIN_JSON" |
    grep -o "\"node-v[0-9][0-9.]*-linux-$1\\.tar\\.xz\"[[:space:]]*:[[:space:]]*\"[0-9a-f]\\{64\\}\"" |
    head -n 1 | sed 's/^"\([^"]*\)"[^"]*"\([0-9a-f]*\)"$/\1 \2/'
}

# download URL FILE: one attempt, as root like every step in the root-only staging folder. An attempt
# that gets no byte for IDLE_TIMEOUT s (connecting included) or runs over ATTEMPT_TIMEOUT s is ended,
# so a stalled mirror costs seconds, not the job's timeout. No curl --retry: retry() is the one retry
# loop, so every failed attempt is in the log with its reason and waits its backoff.
download() {
  started=$(now)
  curl_status=0
  # -w: the status and the size for telemetry (curl prints them after the body went to -o).
  # The URL goes to curl on stdin (--config -), not on its command line, which any process on the host
  # can read: it may hold user:password@ (curl sends them as Basic auth, to that host only) or a token.
  written=$(printf 'url = "%s"\n' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')" |
    as_root curl -fsSL --connect-timeout "$IDLE_TIMEOUT" --speed-limit 1 --speed-time "$IDLE_TIMEOUT" \
      --max-time "$ATTEMPT_TIMEOUT" -w '%{http_code} %{size_download}' -o "$2" --config -) || curl_status=$?
  http_code=${written%% *}
  size=${written#* }
  case "$size" in '' | *[!0-9]*) size=0 ;; esac
  # For telemetry: curl's exit status as the node actions' reason words (curl(1), EXIT CODES).
  case "$curl_status" in
    0) DOWNLOADED=$((DOWNLOADED + size)) ;;
    22)
      RETRY_REASON="http-${http_code:-0}"
      # As the node actions: 408, 429 and 5xx are worth another attempt, every other 4xx is permanent.
      case "$http_code" in 408 | 429) ;; 4[0-9][0-9]) PERMANENT=true ;; esac
      ;;
    6) RETRY_REASON=dns ;;
    7) RETRY_REASON=refused ;;
    18) RETRY_REASON=truncated ;;
    28) RETRY_REASON=stall ;;
    35 | 52 | 55 | 56) RETRY_REASON=reset ;;
    *) RETRY_REASON=other ;;
  esac
  [ "$curl_status" = 28 ] || return "$curl_status"
  # curl says 28 for both limits; only the overall one can take ATTEMPT_TIMEOUT s.
  if [ $(($(now) - started)) -ge "$ATTEMPT_TIMEOUT" ]; then
    RETRY_REASON=timeout
    log "download of $(redact_url "$1") timed out: not done after $ATTEMPT_TIMEOUT s (CI_KIT_DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS)"
  else
    log "download of $(redact_url "$1") stalled: no data for $IDLE_TIMEOUT s (CI_KIT_DOWNLOAD_IDLE_TIMEOUT_SECONDS)"
  fi
  return 28
}

# sha256_of FILE: its sha256, read as root (FILE is in the root-only staging folder, so nobody can
# change it between this check and the extraction); status 1, never an empty digest, when FILE
# cannot be read.
sha256_of() {
  digest=$(as_root sha256sum "$1") || return 1
  digest=${digest%% *}
  case "$digest" in '' | *[!0-9a-f]*) return 1 ;; esac
  [ "${#digest}" -eq 64 ] || return 1
  echo "$digest"
}

# entry_problem DEST: why the tool-cache entry DEST is not the pinned Node ($file, $sha256 of
# install_node_tarball), or nothing when it is. Whoever can write the tool cache can rewrite the
# entry and its marker, so the reference is the pin in toolchain.json, and nothing of the entry runs
# before it is checked: the entry keeps the verified tarball (.ci-kit/<file>), whose sha256 must be
# the pin, and bin/node must be that tarball's bin/node, byte for byte. npm, corepack and the
# headers are not compared.
entry_problem() {
  kept="$1/.ci-kit/$file"
  if [ ! -f "$kept" ] || [ -L "$kept" ]; then
    echo 'holds no verified tarball to check it against (planted, or made by a ci-kit before 2026-12)'
    return 0
  fi
  if ! got=$(sha256_of "$kept"); then
    echo 'its kept tarball cannot be read'
    return 0
  fi
  if [ "$got" != "$sha256" ]; then
    echo "its kept tarball has sha256 $got, the pin is $sha256"
    return 0
  fi
  if [ ! -f "$1/bin/node" ] || [ -L "$1/bin/node" ] || ! have=$(sha256_of "$1/bin/node"); then
    echo 'bin/node is not a file'
    return 0
  fi
  # GNU tar stops at the first bin/node instead of reading the whole tarball.
  case $(tar --version 2>/dev/null) in *GNU*) first='--occurrence=1' ;; *) first='' ;; esac
  # shellcheck disable=SC2086 # $first is one option or none
  want=$(as_root tar -xJOf "$kept" $first "${file%.tar.xz}/bin/node" 2>/dev/null | sha256sum)
  [ "${want%% *}" = "$have" ] || echo "bin/node is not the pinned tarball's"
}

# entry_complete DEST: DEST is a finished tool-cache entry, the pinned Node, with a working node.
entry_complete() { [ -f "$1.complete" ] && [ -z "$(entry_problem "$1")" ] && node_ok "$1/bin/node"; }

PEER_WAIT_SECONDS=5
# peer_entry DEST: a peer job's entry at DEST completes within PEER_WAIT_SECONDS (a peer writes
# .complete right after its rename, so seconds are plenty).
peer_entry() {
  waited=0
  until entry_complete "$1"; do
    [ "$waited" -lt "$PEER_WAIT_SECONDS" ] || return 1
    sleep 1
    waited=$((waited + 1))
  done
}

# place_entry STAGED DEST WORK: STAGED renamed to DEST; status 1 (mv's reason in PLACE_ERROR) when a
# peer job took DEST first; the caller writes DEST.complete. Jobs on one runner share the tool cache,
# so a peer may be doing the same at the same time. The marker goes first, so no one trusts DEST
# while it changes. What is in the way (an old or broken entry) is renamed aside into WORK and
# removed with it: removing it in place leaves a gap a peer can fill. mv -T renames STAGED to DEST or
# fails, where a plain mv would move it into a DEST that a peer has just made (DEST/root).
place_entry() {
  as_root rm -f "$2.complete"
  if [ -e "$2" ] || [ -L "$2" ]; then as_root mv -T "$2" "$3/trash" 2>/dev/null || true; fi
  PLACE_ERROR=$(as_root mv -T "$1" "$2" 2>&1)
}

# use_node DEST: node from the tool-cache entry DEST for this step, and on PATH for the later ones.
use_node() {
  NODE_BIN="$1/bin/node"
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$1/bin" >>"$GITHUB_PATH"; fi
}

# install_node_tarball: into the runner tool cache in @actions/tool-cache's layout
# (<cache>/node/<version>/<arch> plus <arch>.complete), so actions/setup-node finds it too; the
# folder is built beside its final place, root-only, and renamed only when complete and verified.
install_node_tarball() {
  arch=$(node_arch) || fail "no official Node build for $(uname -m)"
  if [ -e /lib/ld-musl-x86_64.so.1 ] || [ -e /lib/ld-musl-aarch64.so.1 ]; then
    fail 'node is missing on a musl system (Alpine): the official Node builds need glibc; install nodejs with the system package manager'
  fi
  pinned=$(pinned_node_file "$arch") || true
  [ -n "$pinned" ] || fail "no Node tarball for linux-$arch pinned in $TOOLCHAIN_JSON"
  file=${pinned% *}
  sha256=${pinned#* }
  version=$(echo "$file" | sed 's/^node-v\([0-9.]*\)-.*/\1/')
  [ "${version%%.*}" -ge "$NODE_MAJOR_MIN" ] ||
    fail "node-version-min is $NODE_MAJOR_MIN, but the Node this action installs is $version (toolchain.json): use a job image with Node $NODE_MAJOR_MIN or newer, or a node-version-min of ${version%%.*} or less"
  cache=${RUNNER_TOOL_CACHE:-/opt/hostedtoolcache}
  dest="$cache/node/$version/$arch"
  if [ -f "$dest.complete" ]; then
    problem=$(entry_problem "$dest")
    if [ -z "$problem" ] && node_ok "$dest/bin/node"; then
      # On PATH too: a new job container on a runner that keeps its tool cache has no node otherwise.
      use_node "$dest"
      log "node $version found in the tool cache: $dest"
      return 0
    fi
    [ -z "$problem" ] ||
      warn "tool cache entry $dest is not the pinned node $version: $problem; not used, replaced by a fresh verified install"
  fi
  as_root mkdir -p "$cache/node/$version"
  work=$(as_root mktemp -d "$cache/node/$version/.$arch.staging-XXXXXX")
  url="$NODE_MIRROR/v$version/$file"
  printed_url=$(redact_url "$url")
  log "downloading $printed_url"
  RETRY_HOST=$(printf '%s' "$NODE_MIRROR" | sed 's|^[a-zA-Z]*://||; s|^[^@/]*@||; s|/.*||')
  phase_start=$(now)
  if ! retry "download of $file" download "$url" "$work/$file"; then
    as_root rm -rf "$work"
    case "$RETRY_REASON" in
      http-401) if has_userinfo "$NODE_MIRROR"; then
        hint='the mirror refused the credentials in CI_KIT_NODE_MIRROR; check the user and token there (a secret)'
      else
        hint='the mirror asks for credentials: put them in CI_KIT_NODE_MIRROR as https://<user>:<token>@host/..., from a secret'
      fi ;;
      *) hint='set CI_KIT_NODE_MIRROR to a mirror of the Node release files' ;;
    esac
    reason=${RETRY_REASON:-failed}
    case "$reason" in http-*) reason="HTTP ${reason#http-}" ;; esac
    fail "could not download $file from $printed_url: $reason; $hint"
  fi
  phase 'node download' $(($(now) - phase_start))
  if ! actual=$(sha256_of "$work/$file"); then
    as_root rm -rf "$work"
    fail "could not read the downloaded $file to check its sha256 (in $work)"
  fi
  if [ "$actual" != "$sha256" ]; then
    as_root rm -rf "$work"
    fail "sha256 mismatch for $file: expected $sha256 (toolchain.json), got $actual"
  fi
  as_root mkdir "$work/root"
  as_root tar -xJf "$work/$file" -C "$work/root" --strip-components=1 --no-same-owner
  # The verified tarball stays in the entry: a later job checks the entry against it (entry_problem).
  as_root mkdir "$work/root/.ci-kit"
  as_root mv "$work/$file" "$work/root/.ci-kit/$file"
  if entry_complete "$dest"; then
    log "another job put node $version into $dest meanwhile: using it"
  elif place_entry "$work/root" "$dest" "$work"; then
    as_root touch "$dest.complete"
    INSTALLED="$INSTALLED node:tarball"
  elif peer_entry "$dest"; then
    log "another job put node $version into $dest first: using it"
  else
    as_root rm -rf "$work"
    fail "could not put node $version into $dest: $PLACE_ERROR; another job's entry there is not complete after $PEER_WAIT_SECONDS s (run the job again)"
  fi
  as_root rm -rf "$work"
  use_node "$dest"
}

# --- install -------------------------------------------------------------------------------------
PACKAGES=''
NODE_FROM=''
if ! has apt-get; then
  # Without apt only Node can still come from its tarball, and only if the tools for that exist.
  case " $MISSING " in
    " node ") has curl && has tar && has xz && has sha256sum && NODE_FROM=tarball ;;
  esac
  [ "$NODE_FROM" = tarball ] ||
    fail "missing: $MISSING; this is not a Debian-based system (no apt-get), so they cannot be installed here: use the pre-warmed image, or install them in the job image"
else
  RETRY_HOST=$(apt_host)
  RETRY_REASON=network
  phase_start=$(now)
  retry 'apt-get update' apt_update || fail "apt-get update kept failing; could not install: $MISSING"
  phase 'apt update' $(($(now) - phase_start))
  for command in $MISSING; do
    case "$command" in
      node)
        major=$(candidate_major nodejs)
        if [ -n "$major" ] && [ "$major" -ge "$NODE_MAJOR_MIN" ]; then
          NODE_FROM=apt
          PACKAGES="$PACKAGES nodejs"
        else
          log "the distribution's nodejs is ${major:-not available}, not $NODE_MAJOR_MIN or newer: using the official tarball"
          NODE_FROM=tarball
          has curl || PACKAGES="$PACKAGES curl"
          has xz || PACKAGES="$PACKAGES xz-utils"
          has tar || PACKAGES="$PACKAGES tar"
        fi
        ;;
      *) PACKAGES="$PACKAGES $command" ;;
    esac
  done
  # curl and git speak https: without the CA bundle they cannot verify any server.
  case " $PACKAGES $NODE_FROM " in
    *" curl "* | *" git "* | *" tarball "*) [ -s "$CA_BUNDLE" ] || PACKAGES="$PACKAGES ca-certificates" ;;
  esac
  if [ -n "$PACKAGES" ]; then
    log "installing with apt:$PACKAGES"
    phase_start=$(now)
    # shellcheck disable=SC2086 # a list of package names
    if retry 'apt-get install' apt_install $PACKAGES; then
      phase 'apt install' $(($(now) - phase_start))
      APT_INSTALLED=$PACKAGES
      for command in $MISSING; do
        if [ "$command" = node ]; then
          [ "$NODE_FROM" != apt ] || INSTALLED="$INSTALLED node:apt"
        elif has "$command"; then
          INSTALLED="$INSTALLED $command:apt"
        fi
      done
    else
      log "apt-get install of$PACKAGES failed"
    fi
  fi
fi
[ "$NODE_FROM" != tarball ] || install_node_tarball

find_missing
STILL_MISSING=$MISSING
# A tarball Node is on PATH only from the next step on; this step checks it by its path.
if [ -n "$NODE_BIN" ] && node_ok "$NODE_BIN"; then
  # shellcheck disable=SC2086 # a word list
  STILL_MISSING=$(without node $STILL_MISSING)
fi
write_outputs
summary
[ -z "$STILL_MISSING" ] || fail "could not install: $STILL_MISSING (see the apt output above)"
