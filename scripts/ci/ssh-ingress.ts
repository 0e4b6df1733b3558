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
 * ARN, ec2:DescribeSecurityGroupRules on "*" (README, Continuous delivery).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CiError, Env, need, Runner, runMain, runOk, spawnRunner } from "./run";
import { stackFileText, sshTarget, SshTarget } from "./stack";

/** The rule this job opened, kept between the open and close steps. */
export interface Opened {
  groupId: string;
  region: string;
  cidr: string;
  port: number;
}

/** Descriptions start with this, so a later run of the same stack can find a rule that was never closed. */
export const descriptionPrefix = (stack: string) => `msk-s3-sink CI ${stack} `;

/** Why an address is not one runner's public IPv4 address, or undefined when it is. */
export function publicIpv4Problem(ip: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return `"${ip}" is not an IPv4 address`;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (m.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith("0"))))
    return `"${ip}" is not an IPv4 address`;
  const privateOrSpecial =
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168);
  return privateOrSpecial ? `${ip} is not a public address` : undefined;
}

/** The `--ip-permissions` JSON for one tcp port from one /32. */
export function ipPermissions(cidr: string, port: number, description?: string): string {
  const range = description === undefined ? { CidrIp: cidr } : { CidrIp: cidr, Description: description };
  return JSON.stringify([{ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: [range] }]);
}

const statePath = (env: Env, stack: string) =>
  join(need(env, "RUNNER_TEMP", "run this in a GitHub Actions job"), `ssh-ingress-${stack}.json`);

function runnerAddress(run: Runner, env: Env): string {
  const ip = (
    env.RUNNER_PUBLIC_IP ??
    runOk(
      run,
      "curl",
      ["-fsS", "--max-time", "10", "https://checkip.amazonaws.com"],
      "could not learn this runner's public address",
    )
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
    [
      "ec2",
      "describe-security-group-rules",
      "--region",
      region,
      "--filters",
      `Name=group-id,Values=${groupId}`,
      "--output",
      "json",
    ],
    "could not list the client's security group rules",
  );
  const { SecurityGroupRules: rules = [] } = JSON.parse(out) as {
    SecurityGroupRules?: { IsEgress?: boolean; Description?: string; CidrIpv4?: string; FromPort?: number }[];
  };
  for (const r of rules)
    if (
      !r.IsEgress &&
      r.CidrIpv4 &&
      r.FromPort !== undefined &&
      r.Description?.startsWith(descriptionPrefix(stack))
    ) {
      console.log(
        `ssh-ingress: removing ${r.CidrIpv4} port ${r.FromPort} left by an earlier run ("${r.Description}")`,
      );
      runOk(
        run,
        "aws",
        [
          "ec2",
          "revoke-security-group-ingress",
          "--region",
          region,
          "--group-id",
          groupId,
          "--ip-permissions",
          ipPermissions(r.CidrIpv4, r.FromPort),
        ],
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
        `or run this job on a self-hosted runner that reaches the client (README, Continuous delivery).`,
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
  const r = run("aws", [
    "ec2",
    "authorize-security-group-ingress",
    "--region",
    opened.region,
    "--group-id",
    groupId,
    "--ip-permissions",
    ipPermissions(opened.cidr, opened.port, description),
  ]);
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
  const args = [
    "ec2",
    "revoke-security-group-ingress",
    "--region",
    o.region,
    "--group-id",
    o.groupId,
    "--ip-permissions",
    ipPermissions(o.cidr, o.port),
  ];
  runOk(
    run,
    "aws",
    args,
    `could not remove ${o.cidr} from ${o.groupId}; remove it by hand: aws ${args.join(" ")}`,
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
