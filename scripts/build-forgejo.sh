#!/usr/bin/env bash
# Builds a real Forgejo server (v13.0.5, backend only, sqlite) from its source tarball, for the tests
# that need the server's own Actions code: scheduling, needs/matrix outputs, cancellation, secrets and
# tokens on fork pull requests, `uses:` resolution, logs (test/harness/forgejo-server.ts).
#
#   build-forgejo.sh OUT_DIR FORGEJO_TARBALL RUNNER_V11_TARBALL
#     -> OUT_DIR/bin/forgejo (its path printed on stdout); OUT_DIR/src/forgejo is kept: the server
#        reads its templates, options and locales from there (STATIC_ROOT_PATH).
#
# Source: a copy of ../shared/vendor/forgejo/build-forgejo.sh (the shared vendor folder of this
# project's sessions), changed only to take the two tarballs as arguments instead of reading them
# beside itself, and to always build (scripts/setup-tools.sh decides when, with its stamp). Bash, as
# vendored. scripts/setup-tools.sh checks both sha256 first; they are checked here again.
#
# The Go module proxy refuses every module hosted on code.forgejo.org. Forgejo v13.0.5 needs 13 of
# them. Each is rebuilt here from the upstream it was forked from (served by the proxy) under the
# Forgejo import path; the runner module comes from the second tarball. What differs from an official
# build: ten support modules are their upstream look-alikes, no `forgejo f3` command, upstream xorm
# v1.3.9 with one migration call adapted, no web assets. None of it touches the Actions code, the REST
# API, git over HTTP or job logs. Needs: go (>= 1.25), a C compiler (sqlite), git, tar, sha256sum.
# About 3 minutes on 2 cores with an empty module cache (1.1 GB of modules); 45 s when they are cached.
set -euo pipefail

usage='usage: build-forgejo.sh OUT_DIR FORGEJO_TARBALL RUNNER_V11_TARBALL'
out=${1:?$usage}
forgejo_tar=${2:?$usage}
runner_tar=${3:?$usage}
forgejo_tar=$(cd "$(dirname "$forgejo_tar")" && pwd)/$(basename "$forgejo_tar")
runner_tar=$(cd "$(dirname "$runner_tar")" && pwd)/$(basename "$runner_tar")
mkdir -p "$out"
out=$(cd "$out" && pwd)
bin="$out/bin/forgejo"
version=13.0.5

sha256sum -c - >&2 <<EOF
0e29b66941d7ded454e158e3f8705b1492f22932eb89fbef6056a779f37dbd35  $forgejo_tar
daf7bd73db02910f0051e76f5a0e30838ec62b67d195239fdf30297e8456c2f2  $runner_tar
EOF

export GOFLAGS="-mod=mod -buildvcs=false"
work="$out/src"
rm -rf "$work"
mkdir -p "$work/forgejo" "$work/forks/runner" "$out/bin"
tar -xzf "$forgejo_tar" -C "$work/forgejo"
tar -xzf "$runner_tar" -C "$work/forks/runner"

# A module from the Go module proxy, copied to forks/NAME with its import path renamed to NEW.
# Extra arguments are more import paths inside it to rename (old=new).
fork() {
  local new=$1 upstream=$2 name=$3
  shift 3
  local dir dest="$work/forks/$name"
  dir=$(go mod download -json "$upstream" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [ -n "$dir" ] || { echo "build-forgejo: cannot download $upstream" >&2; return 1; }
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
  local pairs=("${upstream%@*}=$new" "$@") pair
  for pair in "${pairs[@]}"; do
    grep -rl --include='*.go' --include=go.mod -F "${pair%%=*}" "$dest" |
      xargs -r sed -i "s#${pair%%=*}#${pair#*=}#g" || true # grep finds none: nothing to rename
  done
  if [ -f "$dest/go.mod" ]; then
    (cd "$dest" && go mod edit -module "$new")
  else
    (cd "$dest" && go mod init "$new" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1)
  fi
  echo "build-forgejo: $new <- $upstream" >&2
}

fork code.forgejo.org/forgejo-contrib/go-libravatar strk.kbt.io/projects/go/libravatar@v0.0.0-20191008002943-06d1c002b251 go-libravatar
fork code.forgejo.org/forgejo/levelqueue gitea.com/lunny/levelqueue@v0.4.2-0.20230414023320-3c0159fe0fe4 levelqueue
fork code.forgejo.org/forgejo/reply github.com/dimiro1/reply@v0.0.0-20200315094148-d0136a4c9e21 reply
fork code.forgejo.org/go-chi/binding gitea.com/go-chi/binding@v0.0.0-20240430071103-39a851e106ed binding
fork code.forgejo.org/go-chi/cache gitea.com/go-chi/cache@v0.2.1 cache
fork code.forgejo.org/go-chi/session gitea.com/go-chi/session@v0.0.0-20240316035857-16768d98ec96 session
# Forgejo's captcha has the API of dchest/captcha (Expiration, SetCustomStore, New, VerifyString).
fork code.forgejo.org/go-chi/captcha github.com/dchest/captcha@v1.1.0 captcha
fork code.forgejo.org/forgejo/go-rpmutils github.com/sassoftware/go-rpmutils@v0.4.0 go-rpmutils
# The runner<->server wire protocol: Gitea's v0.6.0 has the same types (../README.md).
fork code.forgejo.org/forgejo/actions-proto code.gitea.io/actions-proto-go@v0.6.0 actions-proto \
  gitea.dev/actions-proto-go=code.forgejo.org/forgejo/actions-proto

# Forgejo's fork of gliderlabs/ssh adds one method the server calls; the SSH server stays off.
fork github.com/gliderlabs/ssh github.com/gliderlabs/ssh@v0.3.8 ssh
cat >>"$work/forks/ssh/session.go" <<'EOF'

// ConnPermissions is the one method Forgejo's fork of this module adds (the SSH server is off here).
func (sess *session) ConnPermissions() *Permissions {
	return &Permissions{sess.conn.Permissions}
}
EOF
sed -i 's#^type Session interface {#type Session interface {\n\tConnPermissions() *Permissions\n#' "$work/forks/ssh/session.go"

cd "$work/forgejo"
# F3 (forge-to-forge migration) needs code.forgejo.org/f3/gof3, which has no upstream: it is only a
# CLI subcommand, removed here.
rm -rf services/f3 cmd/forgejo/f3.go
sed -i '/CmdF3(ctx),/d' cmd/forgejo/forgejo.go
sed -i '/forgejo.CmdF3(context.Background())/d' cmd/main.go
# Forgejo's xorm fork takes a context and a queryer in CreateTableSQL; upstream v1.3.9 is used here.
sed -i 's#x.Dialect().CreateTableSQL(table, tempTableName)#x.Dialect().CreateTableSQL(context.Background(), x.DB(), table, tempTableName)#' \
  models/migrations/v1_13/v151.go
sed -i '0,/^\t"errors"$/s##\t"context"\n\t"errors"#' models/migrations/v1_13/v151.go

edits=(-droprequire code.forgejo.org/f3/gof3/v3
  -dropreplace github.com/gliderlabs/ssh
  -dropreplace git.sr.ht/~mariusor/go-xsd-duration
  -dropreplace xorm.io/xorm@v1.3.9
  -replace github.com/gliderlabs/ssh=../forks/ssh
  -replace code.forgejo.org/forgejo/runner/v11=../forks/runner
  -replace code.forgejo.org/forgejo/actions-proto=../forks/actions-proto)
for m in forgejo-contrib/go-libravatar=go-libravatar forgejo/levelqueue=levelqueue forgejo/reply=reply \
  go-chi/binding=binding go-chi/cache=cache go-chi/session=session go-chi/captcha=captcha \
  forgejo/go-rpmutils=go-rpmutils; do
  edits+=(-replace "code.forgejo.org/${m%%=*}=../forks/${m#*=}")
done
go mod edit "${edits[@]}"

tags='sqlite sqlite_unlock_notify'
go build -p 2 -tags "$tags" -o "$bin" \
  -ldflags "-X 'main.Version=$version' -X 'main.ForgejoVersion=$version+gitea-1.22.0' -X 'main.Tags=$tags'" . >&2
echo "$bin"
