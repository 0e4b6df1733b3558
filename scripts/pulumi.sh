#!/usr/bin/env bash
# One command per Pulumi action on one stack, with a local state backend unless you chose another:
#   npm run preview -- dev        npm run up -- prod        npm run destroy -- dev
# Extra arguments go to pulumi (e.g. npm run up -- dev --yes).
# Backend: $PULUMI_BACKEND_URL if set (s3://bucket/prefix, https://api.pulumi.com, ...), else
# file://<repo>/.pulumi-state. A self-managed backend encrypts secrets with PULUMI_CONFIG_PASSPHRASE.
# CLI: `pulumi` on PATH, else the pinned `pulumi` npm package (downloads the CLI on first use).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

action=${1:?usage: scripts/pulumi.sh preview|up|destroy|refresh STACK [pulumi args...]}
stack=${2:?usage: scripts/pulumi.sh $action STACK [pulumi args...] (stacks: $(ls Pulumi.*.yaml | sed 's/Pulumi\.\(.*\)\.yaml/\1/' | tr '\n' ' '))}
shift 2

export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}
case $PULUMI_BACKEND_URL in
  file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
esac
case $PULUMI_BACKEND_URL in
  https://api.pulumi.com*) ;;
  *) if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
       echo "scripts/pulumi.sh: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets in $PULUMI_BACKEND_URL" >&2
       exit 2
     fi ;;
esac

if command -v pulumi >/dev/null; then pulumi=(pulumi); else pulumi=(npx --no-install pulumi); fi
"${pulumi[@]}" stack select --create "$stack" >/dev/null
case $action in
  preview) exec "${pulumi[@]}" preview --stack "$stack" --policy-pack policy --diff "$@" ;;
  up) exec "${pulumi[@]}" up --stack "$stack" --policy-pack policy "$@" ;;
  destroy | refresh) exec "${pulumi[@]}" "$action" --stack "$stack" "$@" ;;
  *) echo "scripts/pulumi.sh: unknown action $action (preview, up, destroy, refresh)" >&2; exit 2 ;;
esac
