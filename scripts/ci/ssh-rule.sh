#!/usr/bin/env bash
# `bash scripts/ci/ssh-rule.sh open|close`: lets this GitHub-hosted runner reach the EC2 client over SSH during
# one deploy of $STACK (when Pulumi.$STACK.yaml manages topics over SSH), in $EC2_CLIENT_SECURITY_GROUP_ID.
# Both first revoke every rule this stack's deploys left: deploys of a stack never overlap (concurrency group
# deploy-<stack>), so such a rule is stale, e.g. from a runner lost mid-`up` that never ran `close`.
# `open` then allows tcp/<client.port> from this runner's public address (AWS's checkip endpoint) as a /32.
# AWS CLI shapes: DescribeSecurityGroupRules returns SecurityGroupRules[] with SecurityGroupRuleId, IsEgress,
# CidrIpv4, FromPort, Description; --ip-permissions takes IpPermission JSON (EC2 API reference).
set -euo pipefail
target=$(npx --no-install ts-node -T scripts/ci/ssh-port.ts "$STACK")
if [ -z "$target" ]; then
  echo "ssh-rule: stack $STACK manages topics through the MSK API; no SSH from this runner"
  exit 0
fi
read -r port region <<<"$target"
sg=${EC2_CLIENT_SECURITY_GROUP_ID:-}
if [ -z "$sg" ]; then
  [ "${RUNNER_ENVIRONMENT:-}" = self-hosted ] && exit 0 # its own network reaches the client
  echo "::error::stack $STACK creates topics over SSH from this runner: set vars.EC2_CLIENT_SECURITY_GROUP_ID to the EC2 client's security group, or run the deploy on a self-hosted runner that reaches it (docs/ci-cd.md)"
  exit 1
fi
tag="msk-s3-sink CI $STACK"
rule() { jq -nc --arg cidr "$1" --argjson port "$2" --arg d "${3-}" \
  '[{IpProtocol: "tcp", FromPort: $port, ToPort: $port, IpRanges: [{CidrIp: $cidr} + if $d == "" then {} else {Description: $d} end]}]'; }
aws ec2 describe-security-group-rules --region "$region" --filters "Name=group-id,Values=$sg" --output json |
  jq -r --arg tag "$tag " '.SecurityGroupRules[] | select((.IsEgress | not) and ((.Description // "") | startswith($tag)))
    | "\(.CidrIpv4) \(.FromPort)"' |
  while read -r cidr from; do
    aws ec2 revoke-security-group-ingress --region "$region" --group-id "$sg" --ip-permissions "$(rule "$cidr" "$from")" >/dev/null
    echo "ssh-rule: removed tcp/$from from $cidr on $sg, opened by a deploy of $STACK"
  done
[ "$1" = open ] || exit 0
ip=$(curl -fsS --max-time 10 https://checkip.amazonaws.com)
[[ $ip =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]] || { echo "::error::checkip.amazonaws.com answered \"$ip\", not an IPv4 address"; exit 1; }
aws ec2 authorize-security-group-ingress --region "$region" --group-id "$sg" \
  --ip-permissions "$(rule "$ip/32" "$port" "$tag run ${GITHUB_RUN_ID:-local}")" >/dev/null
echo "ssh-rule: allowed tcp/$port from $ip/32 on $sg for this job"
