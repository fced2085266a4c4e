#!/bin/sh
# Once-per-machine Debian root for the bootstrap tests (test/integration/bootstrap-chroot.test.ts)
# and the image build test: a minbase root made with debootstrap from the Debian package mirror,
# packed as a tarball under .tools/chroot/ (gitignored), so each test unpacks a fresh copy in
# seconds instead of bootstrapping for a minute.
#
#   sh scripts/setup-chroot.sh [SUITE]      SUITE defaults to trixie (the base of python:3.13-slim)
#
# The mirror URL comes from DEBIAN_MIRROR when set, else from this machine's own apt sources
# (the first Debian archive URI in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list),
# so no host name is written down here. Prints the tarball's path on stdout.
#
# Idempotent: a stamp records the recipe (suite, variant, debootstrap version); the tarball is
# rebuilt only when it is missing or the recipe changed, and only replaced once complete.
# Needs root (debootstrap creates device nodes and chroots).
set -eu

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
OUT="$ROOT/.tools/chroot"
SUITE=${1:-trixie}
VARIANT=minbase
TARBALL="$OUT/debian-$SUITE-$VARIANT.tar"
STAMP="$OUT/debian-$SUITE-$VARIANT.stamp"

LOG_NAME=setup-chroot
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"


# debian_mirror: DEBIAN_MIRROR, else the first Debian archive URI of this machine's apt sources
# (deb822 "URIs:" lines first, then one-line "deb URL suite" entries; security archives skipped).
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then
    printf '%s\n' "$DEBIAN_MIRROR"
    return 0
  fi
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' "$file" | grep -v -e '-security' | grep '/debian/*$' | head -n 1)
    if [ -n "$uri" ]; then
      printf '%s\n' "$uri"
      return 0
    fi
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    uri=$(sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' "$file" |
      grep -v -e '-security' | grep '/debian/*$' | head -n 1)
    if [ -n "$uri" ]; then
      printf '%s\n' "$uri"
      return 0
    fi
  done
  return 1
}

[ "$(id -u)" = 0 ] || die 'must run as root (debootstrap creates device nodes)'
if ! command -v debootstrap >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die 'debootstrap is missing and there is no apt-get to install it'
  log 'installing debootstrap'
  retry apt-get update -qq
  retry env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
[ -e "/usr/share/debootstrap/scripts/$SUITE" ] || die "this debootstrap does not know the suite '$SUITE'"

DEBOOTSTRAP_VERSION=$(dpkg-query -W -f '${Version}' debootstrap 2>/dev/null || echo unknown)
RECIPE="suite=$SUITE variant=$VARIANT debootstrap=$DEBOOTSTRAP_VERSION"
if [ -f "$TARBALL" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$RECIPE" ]; then
  log "up to date: $TARBALL"
  printf '%s\n' "$TARBALL"
  exit 0
fi

MIRROR=$(debian_mirror) || die 'no Debian mirror found in /etc/apt/sources.list(.d); set DEBIAN_MIRROR'
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

start=$(date +%s)
log "debootstrap --variant=$VARIANT $SUITE from the machine's Debian mirror"
attempt=1
delay=5
until debootstrap --variant="$VARIANT" "$SUITE" "$WORK/root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; do
  if [ "$attempt" -ge 3 ]; then
    tail -n 20 "$WORK/debootstrap.log" >&2
    die "debootstrap failed $attempt times (log above)"
  fi
  log "debootstrap attempt $attempt failed, retrying in ${delay}s"
  rm -rf "$WORK/root"
  sleep "$delay"
  attempt=$((attempt + 1))
  delay=$((delay * 2))
done

# Leave nothing of the build host in the root: no cached .debs, no resolver config.
rm -rf "$WORK/root/var/cache/apt/archives/"*.deb "$WORK/root/var/lib/apt/lists/"* "$WORK/root/etc/resolv.conf"
tar --numeric-owner -C "$WORK/root" -cf "$WORK/root.tar" .
mv "$WORK/root.tar" "$TARBALL"
printf '%s\n' "$RECIPE" >"$STAMP"
log "made $TARBALL in $(($(date +%s) - start))s ($(du -h "$TARBALL" | cut -f1))"
printf '%s\n' "$TARBALL"
