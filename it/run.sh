#!/usr/bin/env bash
# Integration tests (the topic scripts, npm run verify, the CI scripts, the policy pack's start-up):
# installs the prerequisites (it/setup.sh: openssh-server, Kafka jars from Maven Central, the test
# user, moto's S3 server) and runs tests/integration/ with mocha, which starts a KRaft broker, an
# sshd and moto on loopback ports and stops them at the end.
#
#   bash it/run.sh                 # as root, from anywhere in the repo; needs node_modules
#   bash it/run.sh --grep 2.8.1    # extra arguments go to mocha
#
# MSK_S3_SINK_SKIP_INTEGRATION=1: when setup cannot run here, skip the suite (loudly) instead of failing.
# MSK_S3_SINK_DOCS_RAN=<tier>: record the docs' commands the tests take (tests/engine/readme.ts), as npm test does.
# MSK_S3_SINK_IT_KEEP=1: keep the run's temp dir (broker and sshd logs, sshd_config, keys).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! bash it/setup.sh; then
  if [ "${MSK_S3_SINK_SKIP_INTEGRATION:-}" = 1 ]; then
    echo "it/run.sh: it/setup.sh failed; MSK_S3_SINK_SKIP_INTEGRATION=1, so the suite will skip its integration tests" >&2
    # The docs contract (tests/engine/contract.ts) then reports, without failing, the commands left unproven.
    [ -z "${MSK_S3_SINK_DOCS_RAN:-}" ] || { mkdir -p .it/docs-ran && echo "it/setup.sh failed" >".it/docs-ran/$MSK_S3_SINK_DOCS_RAN.skipped"; }
  else
    echo "it/run.sh: it/setup.sh failed (set MSK_S3_SINK_SKIP_INTEGRATION=1 to skip the integration tests instead)" >&2
    exit 1
  fi
fi
exec npx mocha --config it/mocharc.json "$@"
