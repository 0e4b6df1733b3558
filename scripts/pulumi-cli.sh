#!/usr/bin/env bash
# Prints the Pulumi CLI this project runs, first found wins:
#   1. $PULUMI_CLI;
#   2. the first `pulumi` on PATH outside node_modules/.bin (npm puts that directory first inside
#      `npm run`, and the `pulumi` npm package there only downloads a CLI);
#   3. without --user-only: that npm package (node_modules/.bin/pulumi), which downloads the version
#      pinned in package.json on first use.
# Exits 2 when there is none. Used by scripts/pulumi.sh, it/engine.sh and npm run verify.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -n "${PULUMI_CLI:-}" ]; then echo "$PULUMI_CLI"; exit 0; fi
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  case $dir in */node_modules/.bin) continue ;; esac
  if [ -x "$dir/pulumi" ]; then echo "$dir/pulumi"; exit 0; fi
done
if [ "${1:-}" != --user-only ] && [ -x node_modules/.bin/pulumi ]; then
  echo "$PWD/node_modules/.bin/pulumi"
  exit 0
fi
exit 2
