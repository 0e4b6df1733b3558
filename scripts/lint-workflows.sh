#!/usr/bin/env bash
# Lints .github/: actionlint (configured by .github/actionlint.yaml; it runs shellcheck on every `run:` script
# when shellcheck is on PATH, as it is on GitHub's runners), then shellcheck on scripts/ci/*.sh. The pins the
# workflows share are unit tests (tests/unit/ci/workflows.test.ts). actionlint is built once with `go install` at
# the pinned version into .it/bin (git-ignored); as root on Debian/Ubuntu, shellcheck is installed with apt when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=v1.7.12
bin=.it/bin/actionlint
if [ "$("$bin" -version 2>/dev/null | head -n 1)" != "$version" ]; then
  GOBIN=$PWD/.it/bin go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends shellcheck; } >/dev/null 2>&1 || true
fi
if command -v shellcheck >/dev/null; then
  shellcheck scripts/ci/*.sh
else
  echo "lint-workflows: shellcheck is not on PATH: shell scripts go unchecked" >&2
fi
"$bin"
