import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { close, ipPermissions, main, open, publicIpv4Problem } from "../../../scripts/ci/ssh-ingress";
import { sshTarget, stackFileText } from "../../../scripts/ci/stack";
import { capturePrinted, recorder, tempDir } from "../../support/cli";
import { committedStacks } from "../../support/stack";

const SG = "sg-0123456789abcdef0";
const remote = { remote: true, port: 2222, region: "eu-central-1" };
const envFor = (extra: Record<string, string> = {}) => ({
  RUNNER_TEMP: tempDir(),
  RUNNER_ENVIRONMENT: "github-hosted",
  GITHUB_RUN_ID: "4242",
  CI_ENVIRONMENT: "dev",
  ...extra,
});
const perm = (cidr: string, port: number, description?: string) =>
  JSON.stringify([
    {
      IpProtocol: "tcp",
      FromPort: port,
      ToPort: port,
      IpRanges: [description ? { CidrIp: cidr, Description: description } : { CidrIp: cidr }],
    },
  ]);

describe("scripts/ci/ssh-ingress.ts", () => {
  const printed = capturePrinted();

  it("accepts one public IPv4 address and refuses the rest", () => {
    expect(publicIpv4Problem("198.51.100.7")).to.equal(undefined);
    expect(publicIpv4Problem("0.0.0.0")).to.equal("0.0.0.0 is not a public address");
    expect(publicIpv4Problem("10.1.2.3")).to.equal("10.1.2.3 is not a public address");
    expect(publicIpv4Problem("172.31.0.1")).to.equal("172.31.0.1 is not a public address");
    expect(publicIpv4Problem("192.168.1.1")).to.equal("192.168.1.1 is not a public address");
    expect(publicIpv4Problem("100.64.0.1")).to.equal("100.64.0.1 is not a public address");
    expect(publicIpv4Problem("169.254.169.254")).to.equal("169.254.169.254 is not a public address");
    expect(publicIpv4Problem("256.1.1.1")).to.equal('"256.1.1.1" is not an IPv4 address');
    expect(publicIpv4Problem("1.2.3.4/0")).to.equal('"1.2.3.4/0" is not an IPv4 address');
    expect(publicIpv4Problem("<html>")).to.equal('"<html>" is not an IPv4 address');
  });

  it("writes one tcp port from one /32 as --ip-permissions", () => {
    expect(ipPermissions("198.51.100.7/32", 22, "d")).to.equal(
      '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"198.51.100.7/32","Description":"d"}]}]',
    );
  });

  it("open: removes this stack's leftovers, asks AWS's checkip for the address, allows that /32 only", () => {
    const rules = {
      SecurityGroupRules: [
        {
          IsEgress: false,
          CidrIpv4: "203.0.113.9/32",
          FromPort: 2222,
          Description: "msk-s3-sink CI dev run 4000",
        },
        {
          IsEgress: false,
          CidrIpv4: "203.0.113.8/32",
          FromPort: 22,
          Description: "msk-s3-sink CI staging run 4001",
        },
        { IsEgress: false, CidrIpv4: "192.0.2.1/32", FromPort: 22, Description: "the student's laptop" },
        { IsEgress: true, CidrIpv4: "0.0.0.0/0", FromPort: -1 },
      ],
    };
    const { run, calls } = recorder([
      { match: /describe-security-group-rules/, stdout: JSON.stringify(rules) },
      { match: /^curl/, stdout: "198.51.100.7\n" },
    ]);
    const env = envFor({ EC2_CLIENT_SECURITY_GROUP_ID: SG });
    const opened = open(run, env, "dev", remote);
    expect(opened).to.deep.equal({
      groupId: SG,
      region: "eu-central-1",
      cidr: "198.51.100.7/32",
      port: 2222,
    });
    expect(calls).to.deep.equal([
      {
        cmd: "aws",
        args: [
          "ec2",
          "describe-security-group-rules",
          "--region",
          "eu-central-1",
          "--filters",
          `Name=group-id,Values=${SG}`,
          "--output",
          "json",
        ],
      },
      {
        cmd: "aws",
        args: [
          "ec2",
          "revoke-security-group-ingress",
          "--region",
          "eu-central-1",
          "--group-id",
          SG,
          "--ip-permissions",
          perm("203.0.113.9/32", 2222),
        ],
      },
      { cmd: "curl", args: ["-fsS", "--max-time", "10", "https://checkip.amazonaws.com"] },
      {
        cmd: "aws",
        args: [
          "ec2",
          "authorize-security-group-ingress",
          "--region",
          "eu-central-1",
          "--group-id",
          SG,
          "--ip-permissions",
          perm("198.51.100.7/32", 2222, "msk-s3-sink CI dev run 4242"),
        ],
      },
    ]);
    expect(JSON.parse(readFileSync(join(env.RUNNER_TEMP, "ssh-ingress-dev.json"), "utf8"))).to.deep.equal(
      opened,
    );
    expect(printed).to.deep.equal([
      'ssh-ingress: removing 203.0.113.9/32 port 2222 left by an earlier run ("msk-s3-sink CI dev run 4000")',
      `ssh-ingress: allowed tcp/2222 on ${SG} from 198.51.100.7/32 for this job`,
    ]);
  });

  it("open: RUNNER_PUBLIC_IP replaces the lookup; a private or malformed address opens nothing", () => {
    const { run, calls } = recorder([{ match: /describe/, stdout: "{}" }]);
    open(run, envFor({ EC2_CLIENT_SECURITY_GROUP_ID: SG, RUNNER_PUBLIC_IP: "198.51.100.8" }), "dev", remote);
    expect(calls.map((c) => c.cmd + " " + c.args[1])).to.deep.equal([
      "aws describe-security-group-rules",
      "aws authorize-security-group-ingress",
    ]);
    const bad = recorder([{ match: /describe/, stdout: "{}" }]);
    expect(() =>
      open(
        bad.run,
        envFor({ EC2_CLIENT_SECURITY_GROUP_ID: SG, RUNNER_PUBLIC_IP: "10.0.0.5" }),
        "dev",
        remote,
      ),
    ).to.throw("refusing to open SSH: 10.0.0.5 is not a public address");
    expect(bad.calls.some((c) => c.args[1] === "authorize-security-group-ingress")).to.equal(false);
  });

  it("open: nothing to do for MSK API topics or on a self-hosted runner; a hosted runner without the group fails saying what to set", () => {
    const { run, calls } = recorder();
    expect(open(run, envFor(), "prod", { remote: false, port: 22, region: "eu-west-1" })).to.equal(undefined);
    expect(open(run, envFor({ RUNNER_ENVIRONMENT: "self-hosted" }), "dev", remote)).to.equal(undefined);
    expect(calls).to.deep.equal([]);
    expect(printed).to.deep.equal([
      "ssh-ingress: stack prod manages topics through the MSK API; no SSH from this runner",
      "ssh-ingress: self-hosted runner; its network must reach the EC2 client on port 2222",
    ]);
    expect(() => open(run, envFor(), "dev", remote)).to.throw(
      "stack dev creates topics over SSH (topicManagement: remote), and a GitHub-hosted runner has no fixed address.\nSet vars.EC2_CLIENT_SECURITY_GROUP_ID in GitHub environment \"dev\" to the EC2 client's security group (the job then allows port 2222 from this runner's /32 and removes it afterwards), or run this job on a self-hosted runner that reaches the client (docs/ci-cd.md).",
    );
    expect(() => open(run, envFor({ EC2_CLIENT_SECURITY_GROUP_ID: "0.0.0.0/0" }), "dev", remote)).to.throw(
      'vars.EC2_CLIENT_SECURITY_GROUP_ID "0.0.0.0/0" is not a security group id (sg-…)',
    );
  });

  it("open: a rule that already exists is not this job's, so close leaves it", () => {
    const { run } = recorder([
      { match: /describe/, stdout: "{}" },
      {
        match: /authorize/,
        status: 254,
        stderr:
          "An error occurred (InvalidPermission.Duplicate) when calling the AuthorizeSecurityGroupIngress operation",
      },
    ]);
    const env = envFor({ EC2_CLIENT_SECURITY_GROUP_ID: SG, RUNNER_PUBLIC_IP: "198.51.100.7" });
    expect(open(run, env, "dev", remote)).to.equal(undefined);
    const after = recorder();
    expect(close(after.run, env, "dev")).to.equal(undefined);
    expect(after.calls).to.deep.equal([]);
    expect(printed).to.deep.equal([
      "ssh-ingress: 198.51.100.7/32 may already reach port 2222; that rule is not this job's and stays",
      "ssh-ingress: nothing was opened",
    ]);
  });

  it("open: an IAM refusal names the permission", () => {
    const { run } = recorder([
      { match: /describe/, stdout: "{}" },
      { match: /authorize/, status: 254, stderr: "UnauthorizedOperation" },
    ]);
    expect(() =>
      open(
        run,
        envFor({ EC2_CLIENT_SECURITY_GROUP_ID: SG, RUNNER_PUBLIC_IP: "198.51.100.7" }),
        "dev",
        remote,
      ),
    ).to.throw(
      `could not allow 198.51.100.7/32 on ${SG} (does the role allow ec2:AuthorizeSecurityGroupIngress on it?)\nUnauthorizedOperation`,
    );
  });

  it("close: revokes exactly the recorded rule, once", () => {
    const env = envFor();
    writeFileSync(
      join(env.RUNNER_TEMP, "ssh-ingress-dev.json"),
      JSON.stringify({ groupId: SG, region: "eu-central-1", cidr: "198.51.100.7/32", port: 2222 }),
    );
    const { run, calls } = recorder();
    close(run, env, "dev");
    expect(calls).to.deep.equal([
      {
        cmd: "aws",
        args: [
          "ec2",
          "revoke-security-group-ingress",
          "--region",
          "eu-central-1",
          "--group-id",
          SG,
          "--ip-permissions",
          perm("198.51.100.7/32", 2222),
        ],
      },
    ]);
    expect(existsSync(join(env.RUNNER_TEMP, "ssh-ingress-dev.json"))).to.equal(false);
    close(run, env, "dev");
    expect(calls).to.have.length(1);
  });

  it("close: a failed revoke fails the step with the command to run by hand", () => {
    const env = envFor();
    writeFileSync(
      join(env.RUNNER_TEMP, "ssh-ingress-dev.json"),
      JSON.stringify({ groupId: SG, region: "eu-central-1", cidr: "198.51.100.7/32", port: 22 }),
    );
    const { run } = recorder([{ match: /revoke/, status: 255, stderr: "ExpiredToken" }]);
    expect(() => close(run, env, "dev")).to.throw(
      `could not remove 198.51.100.7/32 from ${SG}; remove it by hand: aws ec2 revoke-security-group-ingress --region eu-central-1 --group-id ${SG} --ip-permissions '${perm("198.51.100.7/32", 22)}'`,
    );
  });

  it("main reads the stack file and refuses other actions", () => {
    const file =
      "config:\n  aws:region: us-east-1\n  msk-s3-sink:userId: abc\n  msk-s3-sink:topicManagement: msk-api\n";
    const { run, calls } = recorder();
    expect(main(["open", "x"], envFor(), run, () => file)).to.equal(0);
    expect(calls).to.deep.equal([]);
    expect(() => main(["up", "x"], envFor(), run, () => file)).to.throw(
      "usage: ssh-ingress.ts open|close <stack>",
    );
  });
});

describe("scripts/ci/stack.ts sshTarget", () => {
  it("reads topicManagement, client.port and aws:region with the program's defaults, ignoring secrets", () => {
    const file = [
      "config:",
      "  aws:region: eu-central-1",
      "  msk-s3-sink:userId: abc",
      "  msk-s3-sink:sshPrivateKey:",
      "    secure: v1:AAAA",
      "  msk-s3-sink:client:",
      "    host: 198.51.100.20",
      "    port: 2222",
    ].join("\n");
    expect(sshTarget(file)).to.deep.equal({ remote: true, port: 2222, region: "eu-central-1" });
    expect(
      sshTarget(
        "config:\n  aws:region: us-east-1\n  msk-s3-sink:userId: abc\n  msk-s3-sink:topicManagement: msk-api\n",
      ),
    ).to.deep.equal({
      remote: false,
      port: 22,
      region: "us-east-1",
    });
  });

  it("agrees with each committed stack file", () => {
    for (const stack of committedStacks()) {
      const config = (parse(stackFileText(stack)) as { config: Record<string, unknown> }).config;
      const client = (config["msk-s3-sink:client"] ?? {}) as { port?: number };
      expect(sshTarget(stackFileText(stack)), stack).to.deep.equal({
        remote: (config["msk-s3-sink:topicManagement"] ?? "remote") === "remote",
        port: client.port ?? 22,
        region: config["aws:region"],
      });
    }
  });
});
