/**
 * `npx ts-node -T scripts/ci/ssh-ingress.ts open|close <stack>`: lets a GitHub-hosted runner reach the
 * EC2 client over SSH for one `pulumi up` of a `remote`-topics stack, and takes that away again.
 *
 * open:  when the stack manages topics over SSH and vars.EC2_CLIENT_SECURITY_GROUP_ID is set, removes
 *        rules an earlier run of this stack left behind, then allows tcp/<client.port> from the runner's
 *        public address as a /32 (never wider), and records the rule in $RUNNER_TEMP. Without the
 *        variable it passes on a self-hosted runner (its network must reach the client) and fails on a
 *        GitHub-hosted one, saying what to set.
 * close: revokes the recorded rule (the workflow runs it with `if: always()`).
 *
 * The address comes from https://checkip.amazonaws.com (AWS's own endpoint: the job already trusts AWS
 * with its credentials, so no third party learns of it), or from RUNNER_PUBLIC_IP when set.
 * IAM: ec2:AuthorizeSecurityGroupIngress and ec2:RevokeSecurityGroupIngress on that one security group's
 * ARN, ec2:DescribeSecurityGroupRules on "*" (docs/ci-cd.md).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shellQuote } from "../../lib/kafka/shell";
import { CiError, Env, need, Runner, runMain, runOk, spawnRunner } from "./run";
import {
  authorizeArgs,
  CHECKIP_ARGS,
  describeRulesArgs,
  descriptionPrefix,
  Opened,
  publicIpv4Problem,
  revokeArgs,
} from "./ingress";
import { stackFileText, sshTarget, SshTarget } from "./stack";

export { ipPermissions, publicIpv4Problem } from "./ingress";

/** A word to paste into a shell: as is when plain, else single-quoted. */
const asShellWord = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : shellQuote(a));

const statePath = (env: Env, stack: string) =>
  join(need(env, "RUNNER_TEMP", "run this in a GitHub Actions job"), `ssh-ingress-${stack}.json`);

function runnerAddress(run: Runner, env: Env): string {
  const ip = (
    env.RUNNER_PUBLIC_IP ?? runOk(run, "curl", CHECKIP_ARGS, "could not learn this runner's public address")
  ).trim();
  const problem = publicIpv4Problem(ip);
  if (problem) throw new CiError(`refusing to open SSH: ${problem}`);
  return ip;
}

/** Revokes ingress rules that an earlier run of this stack opened and never closed (a lost runner). */
function revokeLeftovers(run: Runner, stack: string, groupId: string, region: string): void {
  const out = runOk(
    run,
    "aws",
    describeRulesArgs(region, groupId),
    "could not list the client's security group rules",
  );
  const { SecurityGroupRules: rules = [] } = JSON.parse(out) as {
    SecurityGroupRules?: { IsEgress?: boolean; Description?: string; CidrIpv4?: string; FromPort?: number }[];
  };
  for (const r of rules) {
    if (
      r.IsEgress ||
      !r.CidrIpv4 ||
      r.FromPort === undefined ||
      !r.Description?.startsWith(descriptionPrefix(stack))
    )
      continue;
    console.log(
      `ssh-ingress: removing ${r.CidrIpv4} port ${r.FromPort} left by an earlier run ("${r.Description}")`,
    );
    runOk(
      run,
      "aws",
      revokeArgs({ groupId, region, cidr: r.CidrIpv4, port: r.FromPort }),
      "could not remove a leftover rule",
    );
  }
}

/** `open`: returns what was opened (undefined when nothing needed opening). */
export function open(run: Runner, env: Env, stack: string, target: SshTarget): Opened | undefined {
  if (!target.remote) {
    console.log(`ssh-ingress: stack ${stack} manages topics through the MSK API; no SSH from this runner`);
    return undefined;
  }
  const groupId = env.EC2_CLIENT_SECURITY_GROUP_ID;
  if (!groupId) {
    if (env.RUNNER_ENVIRONMENT === "self-hosted") {
      console.log(
        `ssh-ingress: self-hosted runner; its network must reach the EC2 client on port ${target.port}`,
      );
      return undefined;
    }
    throw new CiError(
      `stack ${stack} creates topics over SSH (topicManagement: remote), and a GitHub-hosted runner has no fixed address.\n` +
        `Set vars.EC2_CLIENT_SECURITY_GROUP_ID in GitHub environment "${env.CI_ENVIRONMENT ?? stack}" to the EC2 client's security group ` +
        `(the job then allows port ${target.port} from this runner's /32 and removes it afterwards), ` +
        `or run this job on a self-hosted runner that reaches the client (docs/ci-cd.md).`,
    );
  }
  if (!/^sg-[0-9a-f]{8,17}$/.test(groupId))
    throw new CiError(`vars.EC2_CLIENT_SECURITY_GROUP_ID "${groupId}" is not a security group id (sg-…)`);
  revokeLeftovers(run, stack, groupId, target.region);
  const opened: Opened = {
    groupId,
    region: target.region,
    cidr: `${runnerAddress(run, env)}/32`,
    port: target.port,
  };
  const description = `${descriptionPrefix(stack)}run ${env.GITHUB_RUN_ID ?? "local"}`;
  const r = run("aws", authorizeArgs(opened, description));
  if (r.status !== 0 && r.stderr.includes("InvalidPermission.Duplicate")) {
    console.log(
      `ssh-ingress: ${opened.cidr} may already reach port ${opened.port}; that rule is not this job's and stays`,
    );
    return undefined;
  }
  if (r.status !== 0)
    throw new CiError(
      `could not allow ${opened.cidr} on ${groupId} (does the role allow ec2:AuthorizeSecurityGroupIngress on it?)\n${r.stderr.trim()}`,
    );
  writeFileSync(statePath(env, stack), JSON.stringify(opened));
  console.log(`ssh-ingress: allowed tcp/${opened.port} on ${groupId} from ${opened.cidr} for this job`);
  return opened;
}

/** `close`: revokes what `open` recorded; returns it (undefined when there was nothing). */
export function close(run: Runner, env: Env, stack: string): Opened | undefined {
  const path = statePath(env, stack);
  if (!existsSync(path)) {
    console.log("ssh-ingress: nothing was opened");
    return undefined;
  }
  const o = JSON.parse(readFileSync(path, "utf8")) as Opened;
  const args = revokeArgs(o);
  runOk(
    run,
    "aws",
    args,
    `could not remove ${o.cidr} from ${o.groupId}; remove it by hand: aws ${args.map(asShellWord).join(" ")}`,
  );
  rmSync(path);
  console.log(`ssh-ingress: removed tcp/${o.port} from ${o.cidr} on ${o.groupId}`);
  return o;
}

/** The command line: `open|close <stack>`. */
export function main(argv: string[], env: Env, run: Runner, stackFile = stackFileText): number {
  const [action, stack] = argv;
  if (!stack || (action !== "open" && action !== "close"))
    throw new CiError("usage: ssh-ingress.ts open|close <stack>");
  if (action === "open") open(run, env, stack, sshTarget(stackFile(stack)));
  else close(run, env, stack);
  return 0;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env, spawnRunner));
