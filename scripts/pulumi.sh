#!/usr/bin/env bash
# The Pulumi CLI for this project, with the project's defaults, behind every npm script that runs it:
#   npm run preview -- dev        npm run up -- prod        npm run destroy -- dev     npm run refresh -- dev
#   npm run pulumi -- config set --secret sshPrivateKey --stack dev < key.pem    (any pulumi command)
# Extra arguments go to pulumi (e.g. npm run up -- dev --yes).
#
# CLI: as scripts/pulumi-cli.sh picks it ($PULUMI_CLI, else a `pulumi` on PATH outside node_modules/.bin,
# else the npm package pinned in package.json).
# Backend: $PULUMI_BACKEND_URL if set (s3://bucket/prefix, https://api.pulumi.com, ...), else
# file://<repo>/.pulumi-state. A self-managed backend encrypts secrets with PULUMI_CONFIG_PASSPHRASE.
# Stacks: a preview/up/destroy/refresh of NAME, or a command other than `pulumi stack …` given --stack NAME,
# creates the stack in that backend first if it does not exist; its settings come from Pulumi.NAME.yaml.
# Policy pack: preview and up apply policy/ (MSK_S3_SINK_POLICY_PACK=policy); set it empty to skip.
# Type checking: `npm test` runs strict tsc, so the program itself runs transpile-only (seconds, not tens).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage="usage: scripts/pulumi.sh preview|up|destroy|refresh STACK [pulumi args...] | scripts/pulumi.sh run PULUMI-ARGS..."
stacks=$(for f in Pulumi.*.yaml; do f=${f#Pulumi.}; printf '%s ' "${f%.yaml}"; done)
action=${1:?$usage}
shift

export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}
export PULUMI_NODEJS_TRANSPILE_ONLY=${PULUMI_NODEJS_TRANSPILE_ONLY:-true}
case $PULUMI_BACKEND_URL in
  file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
esac
case $PULUMI_BACKEND_URL in
  https://api.pulumi.com* | https://app.pulumi.com*) ;;
  *) if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
       echo "scripts/pulumi.sh: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets in $PULUMI_BACKEND_URL" >&2
       exit 2
     fi ;;
esac
pulumi=$(scripts/pulumi-cli.sh) || {
  echo "scripts/pulumi.sh: no Pulumi CLI: install it (https://www.pulumi.com/docs/iac/download-install/) or run npm ci" >&2
  exit 2
}

ensure_stack() { # NAME or ORG/NAME: its settings are Pulumi.NAME.yaml
  [ -f "Pulumi.${1##*/}.yaml" ] || {
    echo "scripts/pulumi.sh: no Pulumi.${1##*/}.yaml (stacks: $stacks); see docs/configuration.md, Add an environment" >&2
    exit 2
  }
  "$pulumi" stack select --create "$1" --non-interactive >/dev/null
}

policy=()
[ -n "${MSK_S3_SINK_POLICY_PACK-policy}" ] && policy=(--policy-pack "${MSK_S3_SINK_POLICY_PACK-policy}")
case $action in
  preview | up | destroy | refresh)
    stack=${1:?$usage (stacks: $stacks)}
    shift
    ensure_stack "$stack"
    case $action in
      preview) exec "$pulumi" preview --stack "$stack" "${policy[@]}" --diff "$@" ;;
      up) exec "$pulumi" up --stack "$stack" "${policy[@]}" "$@" ;;
      *) exec "$pulumi" "$action" --stack "$stack" "$@" ;;
    esac ;;
  run)
    args=("$@")
    # `pulumi stack …` commands name stacks themselves (init, rm, select, output, export, …); every other
    # command gets its stack created.
    [ "${args[0]:-}" = stack ] && exec "$pulumi" "$@"
    for i in "${!args[@]}"; do
      case ${args[$i]} in
        --stack | -s) ensure_stack "${args[$((i + 1))]:?$usage}" ;;
        --stack=*) ensure_stack "${args[$i]#--stack=}" ;;
      esac
    done
    exec "$pulumi" "$@" ;;
  *) echo "scripts/pulumi.sh: unknown action $action; $usage" >&2; exit 2 ;;
esac
