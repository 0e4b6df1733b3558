import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { gateFindings } from "../../../scripts/ci/prod-gate";
import { settingsProblems, stackFileText, stackSetupText } from "../../../scripts/ci/stack";
import { loadWorkflows } from "../../../scripts/workflows/check";
import { isDeployJob, isPreviewJob, renderGroup } from "../../../scripts/workflows/model";
import { tempDir } from "../../support/cli";
import { readmeSection } from "../../engine/readme";

// The README's "Continuous delivery" commands, run as written with aws, gh and npm replaced by recorders,
// then held against the workflows: every role, environment, variable and check they set up is one the
// workflows and scripts use.
const root = join(__dirname, "..", "..", "..");
const section = readmeSection("## Continuous delivery");
const blocks = [...section.matchAll(/```bash\n([^]*?)```/g)].map((m) => m[1]);
const inline = [...section.matchAll(/`((?:aws|npm run pulumi --|gh) [^`]+)`/g)].map((m) => m[1]);

const STUB = `#!/usr/bin/env bash
{
  printf 'CALL\\x1f%s' "$(basename "$0")"
  for a in "$@"; do printf '\\x1f%s' "$a"; done
  printf '\\x1eENV\\x1f%s\\x1f%s\\x1e' "\${PULUMI_BACKEND_URL-}" "\${PULUMI_CONFIG_PASSPHRASE-}"
  for a in "$@"; do case $a in file://*) printf 'FILE\\x1f'; cat "\${a#file://}"; printf '\\x1e';; esac; done
  if [[ " $* " == *" --input - "* ]]; then printf 'STDIN\\x1f'; cat; printf '\\x1e'; fi
} >> "$STUB_LOG"
case " $* " in *" users/"*) echo 4242;; esac
`;

interface Recorded {
  tool: string;
  args: string[];
  env: { backend: string; passphrase: string };
  files: string[];
  stdin?: string;
}

function runWithStubs(script: string): { status: number | null; stderr: string; calls: Recorded[] } {
  const dir = tempDir();
  for (const tool of ["aws", "gh", "npm"]) {
    writeFileSync(join(dir, tool), STUB);
    chmodSync(join(dir, tool), 0o755);
  }
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  const r = spawnSync("bash", ["-euo", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      STUB_LOG: log,
      DEV_PASSPHRASE: "dev-secret",
      PROD_PASSPHRASE: "prod-secret",
    },
  });
  const calls: Recorded[] = [];
  for (const rec of readFileSync(log, "utf8").split("\x1e").filter(Boolean)) {
    const [kind, ...fields] = rec.split("\x1f");
    const last = calls[calls.length - 1];
    if (kind === "CALL")
      calls.push({ tool: fields[0], args: fields.slice(1), env: { backend: "", passphrase: "" }, files: [] });
    else if (kind === "ENV") last.env = { backend: fields[0], passphrase: fields[1] };
    else if (kind === "FILE") last.files.push(fields.join("\x1f"));
    else if (kind === "STDIN") last.stdin = fields.join("\x1f");
  }
  return { status: r.status, stderr: r.stderr, calls };
}

const run = runWithStubs(blocks.join("\n"));
const calls = (tool: string, ...prefix: string[]) =>
  run.calls.filter((c) => c.tool === tool && prefix.every((p, i) => c.args[i] === p));
const workflows = loadWorkflows(root);
const jobs = workflows.flatMap((w) => w.jobs);
const previewEnvs = jobs
  .filter(isPreviewJob)
  .flatMap((j) => j.matrixStacks.map((s) => renderGroup(j.environment!, s)));
const deployJobs = jobs.filter(isDeployJob);
const stacks = jobs.filter(isPreviewJob).flatMap((j) => j.matrixStacks);
const allEnvs = [...previewEnvs, ...deployJobs.map((j) => j.environment!)];
const durationIn = (env: string) =>
  Math.max(
    ...jobs
      .filter(
        (j) =>
          j.environment === env ||
          (isPreviewJob(j) && j.matrixStacks.some((s) => renderGroup(j.environment!, s) === env)),
      )
      .flatMap((j) => j.steps.map((s) => Number(s.with["role-duration-seconds"] ?? 0))),
  );

describe("docs/ci-cd.md: the set-up commands", () => {
  it("run as written, block after block", () => {
    // OIDC provider, per-environment roles, runner SSH policy, GitHub environments, stacks, branch protection.
    expect(blocks.length).to.equal(6);
    expect(run.status, run.stderr).to.equal(0);
  });

  it("create the OIDC provider, and per environment a role trusting only that environment's subject, long enough for its jobs", () => {
    expect(calls("aws", "iam", "create-open-id-connect-provider")[0].args).to.deep.equal([
      "iam",
      "create-open-id-connect-provider",
      "--url",
      "https://token.actions.githubusercontent.com",
      "--client-id-list",
      "sts.amazonaws.com",
    ]);
    expect(allEnvs).to.have.members(["preview-dev", "preview-prod", "dev", "prod"]);
    for (const env of allEnvs) {
      const [create] = calls("aws", "iam", "create-role").filter((c) => c.args[3] === `msk-s3-sink-${env}`);
      expect(create.args, env).to.deep.equal([
        "iam",
        "create-role",
        "--role-name",
        `msk-s3-sink-${env}`,
        "--assume-role-policy-document",
        `file://trust-${env}.json`,
        "--max-session-duration",
        create.args[7],
      ]);
      expect(Number(create.args[7]), env).to.be.at.least(durationIn(env));
      expect(JSON.parse(create.files[0])).to.deep.equal({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: {
              Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": `repo:my-org/msk-s3-sink:environment:${env}`,
              },
            },
          },
        ],
      });
    }
    expect(calls("aws", "iam", "attach-role-policy").map((c) => c.args[3])).to.deep.equal(
      previewEnvs.map((e) => `msk-s3-sink-${e}`),
    );
  });

  it("let the dev deploy role change the EC2 client's security group only, the group the dev environment names", () => {
    const [policy] = calls("aws", "iam", "put-role-policy");
    expect(policy.args.slice(0, 7)).to.deep.equal([
      "iam",
      "put-role-policy",
      "--role-name",
      "msk-s3-sink-dev",
      "--policy-name",
      "runner-ssh",
      "--policy-document",
    ]);
    const sg = calls("gh", "variable", "set", "EC2_CLIENT_SECURITY_GROUP_ID")[0].args;
    expect(sg.slice(3, 5)).to.deep.equal(["--env", "dev"]);
    expect(JSON.parse(policy.files[0])).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
          Resource: `arn:aws:ec2:us-east-1:123456789012:security-group/${sg[6]}`,
        },
        { Effect: "Allow", Action: "ec2:DescribeSecurityGroupRules", Resource: "*" },
      ],
    });
  });

  it("create every environment the workflows use; dev and prod admit main only, and prod passes the approval gate", () => {
    const puts = calls("gh", "api", "--method", "PUT").filter((c) => c.args[3].includes("/environments/"));
    expect(puts.map((c) => c.args[3])).to.have.members(
      allEnvs.map((e) => `repos/my-org/msk-s3-sink/environments/${e}`),
    );
    for (const j of deployJobs) {
      const body = JSON.parse(
        puts.find((c) => c.args[3].endsWith(`/${j.environment}`))!.stdin!,
      ) as Parameters<typeof gateFindings>[1];
      expect(body.deployment_branch_policy, j.environment).to.deep.equal({
        protected_branches: false,
        custom_branch_policies: true,
      });
      const branch = calls("gh", "api", "--method", "POST").find(
        (c) =>
          c.args[3] === `repos/my-org/msk-s3-sink/environments/${j.environment}/deployment-branch-policies`,
      );
      expect(branch?.args.slice(4)).to.deep.equal(["-f", "name=main", "-f", "type=branch"]);
      if (j.environment !== "dev")
        expect(
          gateFindings(
            j.environment!,
            {
              ...body,
              protection_rules: [
                {
                  type: "required_reviewers",
                  reviewers: (body as { reviewers: unknown[] }).reviewers,
                  prevent_self_review: true,
                },
              ],
            },
            [{ name: "main", type: "branch" }],
            undefined,
          ),
        ).to.deep.equal({ problems: [], warnings: [] });
    }
    const prod = JSON.parse(puts.find((c) => c.args[3].endsWith("/prod"))!.stdin!) as Record<string, unknown>;
    expect(prod).to.deep.include({
      reviewers: [{ type: "User", id: 4242 }],
      prevent_self_review: true,
      can_admins_bypass: false,
    });
  });

  it("give each environment every value its jobs check, with the role created for it", () => {
    const names = (
      parse(readFileSync(join(root, ".github", "actionlint.yaml"), "utf8")) as {
        "config-variables": string[];
      }
    )["config-variables"];
    for (const env of allEnvs) {
      const set = (kind: string) =>
        Object.fromEntries(
          calls("gh", kind, "set")
            .filter((c) => c.args[3] === "--env" && c.args[4] === env)
            .map((c) => [c.args[2], c.args[6]]),
        );
      const vars = set("variable");
      expect(
        Object.keys(vars).every((v) => names.includes(v)),
        env,
      ).to.equal(true);
      expect(vars.AWS_ROLE_ARN, env).to.equal(`arn:aws:iam::123456789012:role/msk-s3-sink-${env}`);
      const stack = env.replace(/^preview-/, "");
      const secrets = set("secret");
      expect(secrets.PULUMI_CONFIG_PASSPHRASE, env).to.equal(`${stack}-secret`);
      expect(
        settingsProblems(stack, { CI_ENVIRONMENT: env, ...vars, ...secrets }, stackFileText(stack)),
        env,
      ).to.deep.equal([]);
    }
  });

  it("create each previewed stack in the CI backend with its own passphrase, as the failure message says", () => {
    const inits = calls("npm", "run", "pulumi", "--", "stack", "init");
    expect(inits.map((c) => c.args.slice(5))).to.deep.equal(
      stacks.map((s) => [s, "--secrets-provider", "passphrase"]),
    );
    for (const [i, s] of stacks.entries()) {
      expect(inits[i].env).to.deep.equal({
        backend: "s3://my-state-bucket?region=us-east-1",
        passphrase: `${s}-secret`,
      });
      expect(stackSetupText(s, {})).to.include(
        `  npm run pulumi -- stack init ${s} --secrets-provider passphrase\n`,
      );
    }
  });

  it("require the pull-request workflow's always-run summary job on main", () => {
    const summary = workflows
      .find((w) => w.file.endsWith("pull-request.yml"))!
      .jobs.find((j) => (j.if ?? "").includes("always()"))!;
    const [protection] = calls("gh", "api", "--method", "PUT").filter((c) =>
      c.args[3].endsWith("/branches/main/protection"),
    );
    expect(JSON.parse(protection.stdin!)).to.deep.include({
      required_status_checks: { strict: true, contexts: [summary.name] },
    });
  });

  it("inline commands run as written too", () => {
    expect(inline).to.include.members([
      "npm run pulumi -- stack export --stack dev --file dev.json",
      "aws iam update-role --role-name msk-s3-sink-dev --max-session-duration 10800",
    ]);
    const r = runWithStubs(inline.join("\n"));
    expect(r.status, r.stderr).to.equal(0);
    expect(r.calls.map((c) => [c.tool, ...c.args].join(" "))).to.deep.equal(inline);
  });
});
