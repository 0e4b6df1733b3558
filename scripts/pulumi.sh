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
# Stacks: preview/up/destroy/refresh take NAME first or as --stack/-s NAME; they, and any command other than
# `pulumi stack …` given --stack NAME, create the stack in that backend first if it does not exist; its
# settings come from Pulumi.NAME.yaml.
# Policy pack: preview and up apply policy/ (MSK_S3_SINK_POLICY_PACK=policy); set it empty to skip.
# Type checking: `npm test` runs strict tsc, so the program itself runs transpile-only (seconds, not tens).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() {
  echo "scripts/pulumi.sh: $*" >&2
  exit 2
}
usage="usage: npm run preview|up|destroy|refresh -- <stack> [pulumi args...] | npm run pulumi -- <pulumi args...>"
stacks=$(for f in Pulumi.*.yaml; do f=${f#Pulumi.}; printf '%s ' "${f%.yaml}"; done)
[ $# -gt 0 ] || die "$usage"
action=$1
shift

export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$PWD/.pulumi-state}
export PULUMI_NODEJS_TRANSPILE_ONLY=${PULUMI_NODEJS_TRANSPILE_ONLY:-true}
case $PULUMI_BACKEND_URL in
  file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
esac
case $PULUMI_BACKEND_URL in
  https://api.pulumi.com* | https://app.pulumi.com*) ;;
  *) if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
       die "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE): it encrypts this stack's secrets in $PULUMI_BACKEND_URL"
     fi ;;
esac
pulumi=$(scripts/pulumi-cli.sh) ||
  die "no Pulumi CLI: install it (https://www.pulumi.com/docs/iac/download-install/) or run npm ci"
# The `pulumi` npm package downloads the CLI on first use (node_modules/pulumi/lib/resolve.js); without
# network it says only `pulumi: fetch failed` (run.js). So run `pulumi version` first (the download, or
# nothing once cached) and name the fix when it fails.
if [ "$pulumi" = "$PWD/node_modules/.bin/pulumi" ] && ! "$pulumi" version >/dev/null; then
  version=$(node -p 'require("./node_modules/pulumi/package.json").version')
  die "the pulumi npm package could not download the Pulumi CLI v$version; install the CLI" \
    "(https://www.pulumi.com/docs/iac/download-install/), then run this again"
fi

ensure_stack() { # NAME or ORG/NAME: its settings are Pulumi.NAME.yaml
  [ -f "Pulumi.${1##*/}.yaml" ] || {
    die "no Pulumi.${1##*/}.yaml (stacks: ${stacks% }); see docs/configuration.md, Add an environment"
  }
  "$pulumi" stack select --create "$1" --non-interactive >/dev/null
}

no_stack() {
  case $action in
    run) die "which stack? npm run pulumi -- <command> --stack <stack>; stacks: ${stacks% }" ;;
    *) die "which stack? npm run $action -- <stack> (or --stack <stack>); stacks: ${stacks% }" ;;
  esac
}

policy=()
[ -n "${MSK_S3_SINK_POLICY_PACK-policy}" ] && policy=(--policy-pack "${MSK_S3_SINK_POLICY_PACK-policy}")
case $action in
  preview | up | destroy | refresh)
    # The stack: the first argument, or --stack/-s NAME or --stack=NAME anywhere, as pulumi takes it.
    stack="" args=()
    while [ $# -gt 0 ]; do
      case $1 in
        --stack | -s) [ $# -ge 2 ] || no_stack; stack=$2; shift ;;
        --stack=*) stack=${1#--stack=} ;;
        -*) args+=("$1") ;;
        *) if [ -z "$stack" ] && [ ${#args[@]} -eq 0 ]; then stack=$1; else args+=("$1"); fi ;;
      esac
      shift
    done
    [ -n "$stack" ] || no_stack
    ensure_stack "$stack"
    case $action in
      preview) exec "$pulumi" preview --stack "$stack" "${policy[@]}" --diff "${args[@]}" ;;
      up) exec "$pulumi" up --stack "$stack" "${policy[@]}" "${args[@]}" ;;
      *) exec "$pulumi" "$action" --stack "$stack" "${args[@]}" ;;
    esac ;;
  run)
    args=("$@")
    # `pulumi stack …` commands name stacks themselves (init, rm, select, output, export, …); every other
    # command gets its stack created.
    [ "${args[0]:-}" = stack ] && exec "$pulumi" "$@"
    for i in "${!args[@]}"; do
      case ${args[$i]} in
        --) break ;;
        --stack | -s) [ -n "${args[$((i + 1))]:-}" ] || no_stack; ensure_stack "${args[$((i + 1))]}" ;;
        --stack=*) ensure_stack "${args[$i]#--stack=}" ;;
      esac
    done
    exec "$pulumi" "$@" ;;
  *) die "unknown action $action; $usage" ;;
esac
