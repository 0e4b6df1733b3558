#!/usr/bin/env bash
# `bash scripts/ci/pulumi-stack.sh preview|up [pulumi args]`, in a CI job: selects stack $PULUMI_ORG/$STACK
# (or $STACK) in the job's backend without ever creating it, then runs the command on it with the policy pack.
# A missing stack fails with the commands that create it in that same backend: scripts/pulumi.sh keeps
# $PULUMI_BACKEND_URL when it is set, and Pulumi Cloud is https://api.pulumi.com (docs/ci-cd.md, step 5).
set -euo pipefail
stack=${PULUMI_ORG:+$PULUMI_ORG/}${STACK:?the stack to use}
if ! pulumi stack select "$stack" --non-interactive; then
  backend=${PULUMI_BACKEND_URL:-https://api.pulumi.com}
  token=$([ -n "${PULUMI_BACKEND_URL:-}" ] || echo " PULUMI_ACCESS_TOKEN=<secrets.PULUMI_ACCESS_TOKEN>")
  echo "::error::stack $stack does not exist in $backend. Create it once, from a checkout of main:" \
    "export PULUMI_BACKEND_URL=$backend$token PULUMI_CONFIG_PASSPHRASE=<secrets.PULUMI_CONFIG_PASSPHRASE>;" \
    "npm run pulumi -- stack init $stack --secrets-provider passphrase (docs/ci-cd.md)"
  exit 1
fi
command=$1
shift
exec pulumi "$command" --stack "$stack" --policy-pack policy --diff --suppress-outputs --non-interactive "$@"
