# shellcheck shell=sh
# Shared by the setup scripts (sourced, not run): logging with the caller's name, and a retry
# loop for network steps. The caller sets LOG_NAME before sourcing.

log() { printf '%s\n' "${LOG_NAME:-setup}: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# retry CMD...: run CMD up to 4 times, waiting 2, 4, 8 s between attempts
# (network steps only: registries and mirrors have transient failures).
retry() {
  attempt=1
  delay=2
  until "$@"; do
    if [ "$attempt" -ge 4 ]; then
      log "giving up after $attempt attempts: $*"
      return 1
    fi
    log "attempt $attempt failed, retrying in ${delay}s: $*"
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2))
  done
}
