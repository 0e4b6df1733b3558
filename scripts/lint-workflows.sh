#!/usr/bin/env bash
# Lint the GitHub Actions workflows in .github/workflows: actionlint (configured by .github/actionlint.yaml),
# then the project's own workflow rules (scripts/workflows/check.ts: concurrency groups, version pins,
# branch guards, session durations, static job names, ...), which need node_modules.
#
# actionlint is built from source with `go install` at a pinned version into a cache directory
# (default: .it/bin, git-ignored) and reused while that version is present. When `shellcheck` is on
# PATH, actionlint also checks every `run:` script with it; if it is missing and we are root on a
# Debian/Ubuntu machine, it is installed with apt, otherwise the run goes on without it (GitHub's
# ubuntu runners ship shellcheck already).
#
# Environment:
#   ACTIONLINT_VERSION  module version to install (default below)
#   ACTIONLINT_BIN_DIR  where the binary is cached (default: <repo>/.it/bin)
#   GO                  Go toolchain to use (default: `go` on PATH, else /usr/local/go/bin/go)
#
# Exit status: 0 when no findings, non-zero on findings or when actionlint cannot be obtained.
set -euo pipefail

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${ACTIONLINT_BIN_DIR:-$ROOT/.it/bin}"
ACTIONLINT="$BIN_DIR/actionlint"

log() { printf 'lint-workflows: %s\n' "$*" >&2; }

find_go() {
  if [[ -n "${GO:-}" ]]; then
    printf '%s\n' "$GO"
  elif command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '%s\n' /usr/local/go/bin/go
  else
    return 1
  fi
}

# `actionlint -version` prints the version on its first line: "v1.7.12" when built by `go install`,
# "1.7.12" for release binaries. Print it without the "v".
installed_version() {
  [[ -x "$ACTIONLINT" ]] || return 1
  local v
  v="$("$ACTIONLINT" -version 2>/dev/null | head -n 1)"
  printf '%s\n' "${v#v}"
}

ensure_actionlint() {
  if [[ "$(installed_version || true)" == "${ACTIONLINT_VERSION#v}" ]]; then
    return 0
  fi
  local go
  if ! go="$(find_go)"; then
    log "Go is not installed, cannot build actionlint ${ACTIONLINT_VERSION}; install Go or put actionlint in ${BIN_DIR}"
    return 1
  fi
  log "installing actionlint ${ACTIONLINT_VERSION} into ${BIN_DIR} (with $("$go" version))"
  mkdir -p "$BIN_DIR"
  GOBIN="$BIN_DIR" "$go" install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
  local got
  got="$(installed_version || true)"
  if [[ "$got" != "${ACTIONLINT_VERSION#v}" ]]; then
    log "expected actionlint ${ACTIONLINT_VERSION#v} after install, found '${got}'"
    return 1
  fi
}

ensure_shellcheck() {
  if command -v shellcheck >/dev/null 2>&1; then
    return 0
  fi
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "shellcheck missing; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    # Try the cached package lists first; refresh them only if that fails.
    if ! apt-get install -y -qq --no-install-recommends shellcheck >/dev/null 2>&1; then
      if ! { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends shellcheck >/dev/null; }; then
        log "could not install shellcheck; continuing without it"
      fi
    fi
  fi
  if ! command -v shellcheck >/dev/null 2>&1; then
    log "shellcheck not available: run: scripts are not checked"
  fi
}

main() {
  cd "$ROOT"
  shopt -s nullglob
  local workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
  if ((${#workflows[@]} == 0)); then
    log "no workflow files under .github/workflows"
    return 0
  fi
  ensure_actionlint
  ensure_shellcheck
  log "actionlint $(installed_version) on ${workflows[*]}"
  "$ACTIONLINT" "$@" "${workflows[@]}"
  log "actionlint: no findings"
  npx --no-install ts-node -T scripts/workflows/check.ts "$ROOT"
}

main "$@"
