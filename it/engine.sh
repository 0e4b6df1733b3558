#!/usr/bin/env bash
# Engine tier: the README's commands run as written under the real Pulumi CLI, in a fresh copy of the
# repository, up to the AWS provider boundary (tests/engine/). The CLI, first found wins:
#   1. the user's CLI as scripts/pulumi-cli.sh --user-only finds it ($PULUMI_CLI, else a `pulumi` on PATH
#      outside node_modules/.bin: a user's machine with the official installer);
#   2. one built into .it/engine by a builder script, shared/engine/build.sh in a folder above the checkout,
#      which a CI machine without access to get.pulumi.com provides (from the Go module proxy: a few minutes
#      cold, seconds after);
#   3. none: the tier is skipped, loudly, with the reason (exit 0), unless MSK_S3_SINK_REQUIRE_ENGINE=1.
#
#   bash it/engine.sh                 # from anywhere in the repo; needs node_modules and network to npm
#   bash it/engine.sh --grep prod     # extra arguments go to mocha
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cli=$(scripts/pulumi-cli.sh --user-only) || cli=""
build=""
up=$PWD
while [ -z "$build" ] && [ "$up" != / ]; do
  up=$(dirname "$up")
  [ -f "$up/shared/engine/build.sh" ] && build="$up/shared/engine/build.sh"
done
if [ -z "$cli" ] && [ -n "$build" ]; then
  echo "it/engine.sh: no pulumi on PATH; building the CLI and Node.js language host from the Go module proxy ($build)"
  bash "$build" .it/engine
  cli="$PWD/.it/engine/bin/pulumi"
fi
if [ -z "$cli" ]; then
  reason="no pulumi CLI on PATH and no shared/engine/build.sh above the checkout to build one"
  if [ "${MSK_S3_SINK_REQUIRE_ENGINE:-}" = 1 ]; then echo "it/engine.sh: FAILED: $reason" >&2; exit 1; fi
  echo "it/engine.sh: SKIPPED the engine tier: $reason (install the Pulumi CLI to run it)" >&2
  exit 0
fi
echo "it/engine.sh: engine tier with $cli ($("$cli" version))"
export MSK_S3_SINK_ENGINE_CLI="$cli"
exec npx mocha --config it/engine.mocharc.json "$@"
