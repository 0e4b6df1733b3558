import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readmeBlocks, readmeInlines } from "../../engine/readme";
import { bash, Call, GITHUB, jobs, ROOT, run, stubs } from "./stubs";

// docs/ci-cd.md's commands, run as written with aws, gh and npm replaced by stand-ins that answer GitHub's
// documented responses, then held against the workflows: every role, environment, variable and check they set
// up is one the workflows use.
const blocks = readmeBlocks("## Continuous delivery").map((lines) => lines.join("\n"));
const inline = readmeInlines("## Continuous delivery", /^(?:[A-Z_]+=\S+ )*(?:aws|gh|npm run) /);
const repo = GITHUB.repository as { name: string; id: number; owner: { login: string; id: number } };
const IMMUTABLE = `repo:${repo.owner.login}@${repo.owner.id}/${repo.name}@${repo.id}`; // repo:octocat@1/Hello-World@1296269
const SENT = GITHUB.oidcSubject.sub_claim_prefix as string; // the prefix GitHub sends today: repo:octocat/Hello-World
const docs = stubs(
  ["aws", "gh", "npm"],
  [
    { match: /^gh api repos\/my-org\/msk-s3-sink --jq/, json: GITHUB.repository },
    { match: /^gh api repos\/my-org\/msk-s3-sink\/actions\/oidc\/\S+ --jq/, json: GITHUB.oidcSubject },
    { match: /^gh api users\/my-login --jq/, json: GITHUB.user },
  ],
  ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"],
);
const passphrases = { DEV_PASSPHRASE: "dev-secret", PROD_PASSPHRASE: "prod-secret" };
const ran = bash(`set -uo pipefail\n${blocks.join("\n")}`, docs.env(passphrases), docs.dir);
const calls = (...prefix: string[]) =>
  docs.calls().filter((c) => prefix.every((p, i) => [c.tool, ...c.args][i] === p));
const sub = (c: Call) =>
  (JSON.parse(c.files[0]) as { Statement: { Condition: { StringEquals: Record<string, unknown> } }[] })
    .Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"];
const pr = jobs("pull-request.yml");
const up = jobs("deploy.yml").up;
const stacks = [...new Set(up.strategy!.matrix.stack.toString().match(/\w+(?=")/g))]; // the deploy matrix
const envs = [...(pr.preview.strategy!.matrix.stack as string[]).map((s) => `preview-${s}`), ...stacks];
const creds = (env: string) =>
  (env.startsWith("preview-") ? pr.preview : up).steps.find((s) => s.with?.["role-to-assume"]);
const seconds = (env: string) => Number(creds(env)!.with!["role-duration-seconds"]);
const role = (c: Call, env: string) => c.args[3] === `msk-s3-sink-${env}`;

describe("docs/ci-cd.md: the set-up commands", () => {
  it("run as written, block after block", () => {
    expect(blocks).to.have.length(7);
    expect(ran.status, ran.out).to.equal(0);
    expect(envs).to.deep.equal(["preview-dev", "preview-prod", "dev", "prod"]);
  });

  it("create the OIDC provider, and per environment a role trusting the subject GitHub sends for it, long enough for its jobs", () => {
    expect(calls("aws", "iam", "create-open-id-connect-provider")[0].args.join(" ")).to.equal(
      "iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com",
    );
    for (const env of envs) {
      const create = calls("aws", "iam", "create-role").find((c) => role(c, env))!;
      const document = `--assume-role-policy-document file://trust-${env}.json --max-session-duration`;
      expect(create.args.slice(4, 7).join(" ")).to.equal(document);
      expect(Number(create.args[7])).to.be.at.least(seconds(env));
      const provider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
      const condition = {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": `${SENT}:environment:${env}`,
      };
      const statement = {
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: "sts:AssumeRoleWithWebIdentity",
      };
      expect(JSON.parse(create.files[0])).to.deep.equal({
        Version: "2012-10-17",
        Statement: [{ ...statement, Condition: { StringEquals: condition } }],
      });
    }
    const readOnly = calls("aws", "iam", "attach-role-policy").map((c) =>
      c.args[3].replace("msk-s3-sink-", ""),
    );
    expect(readOnly).to.deep.equal(envs.filter((e) => e.startsWith("preview-")));
  });

  it("move a repository to the immutable subject trusting both forms during the switch, then opt it in", () => {
    for (const env of envs)
      expect(sub(calls("aws", "iam", "update-assume-role-policy").find((c) => role(c, env))!)).to.deep.equal([
        `${SENT}:environment:${env}`,
        `${IMMUTABLE}:environment:${env}`,
      ]);
    expect(docs.log().filter((c) => c.includes("/oidc/"))).to.deep.equal([
      "gh api repos/my-org/msk-s3-sink/actions/oidc/customization/sub --jq .sub_claim_prefix",
      "gh api --method PUT repos/my-org/msk-s3-sink/actions/oidc/customization/sub -F use_default=true -F use_immutable_subject=true",
    ]);
  });

  it("let the dev deploy role change only the EC2 client's security group, the one the dev environment names", () => {
    const [policy] = calls("aws", "iam", "put-role-policy");
    const sg = calls("gh", "variable", "set", "EC2_CLIENT_SECURITY_GROUP_ID")[0].args;
    const where = [policy.args.slice(2, 6).join(" "), sg.slice(3, 5).join(" ")];
    expect(where).to.deep.equal(["--role-name msk-s3-sink-dev --policy-name runner-ssh", "--env dev"]);
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

  it("create every environment the workflows use; dev and prod admit main only, and prod passes the deploy's gate", () => {
    const puts = calls("gh", "api", "--method", "PUT").filter((c) => c.args[3].includes("/environments/"));
    const body = (env: string) =>
      JSON.parse(puts.find((c) => c.args[3].endsWith(`/${env}`))!.stdin!) as object;
    const path = (env: string) => `repos/my-org/msk-s3-sink/environments/${env}`;
    expect(puts.map((c) => c.args[3])).to.deep.equal(envs.map(path));
    const mainOnly = { protected_branches: false, custom_branch_policies: true };
    for (const env of stacks) {
      expect(body(env)).to.deep.include({ deployment_branch_policy: mainOnly });
      const branch = `gh api --method POST ${path(env)}/deployment-branch-policies -f name=main -f type=branch`;
      expect(docs.log()).to.include(branch);
    }
    const reviewers = [{ type: "User", id: GITHUB.user.id }];
    expect(body("prod")).to.deep.include({ reviewers, prevent_self_review: true, can_admins_bypass: false });
    // GitHub answers such an environment with a required_reviewers rule naming that user (the docs' example shape).
    const rules = [{ type: "required_reviewers", reviewers: [{ type: "User", reviewer: GITHUB.user }] }];
    const { can_admins_bypass } = body("prod") as { can_admins_bypass: boolean };
    const environment = {
      ...GITHUB.environment,
      protection_rules: rules,
      deployment_branch_policy: mainOnly,
      can_admins_bypass,
    };
    const gh = stubs(
      ["gh"],
      [
        {
          match: /deployment-branch-policies/,
          json: { total_count: 1, branch_policies: [{ name: "main" }] },
        },
        { match: /environments\/prod$/, json: environment },
      ],
    );
    const gate = run("deploy.yml", "up", up.steps[2].name!);
    expect(bash(gate, gh.env({ GITHUB_REPOSITORY: "o/r" }))).to.deep.equal({ status: 0, out: "" });
  });

  it("give each environment every value its jobs read, with the role created for it", () => {
    const config = parse(readFileSync(join(ROOT, ".github", "actionlint.yaml"), "utf8")) as Record<
      string,
      string[]
    >;
    for (const env of envs) {
      const mine = (kind: string) => calls("gh", kind, "set").filter((c) => c.args[4] === env);
      const set = (kind: string) => Object.fromEntries(mine(kind).map((c) => [c.args[2], c.args[6]]));
      expect(Object.keys(set("variable")), env).to.satisfy((v: string[]) =>
        v.every((x) => config["config-variables"].includes(x)),
      );
      expect(set("variable"), env).to.deep.include({
        AWS_ROLE_ARN: `arn:aws:iam::123456789012:role/msk-s3-sink-${env}`,
        AWS_REGION: "us-east-1",
        PULUMI_BACKEND_URL: "s3://my-state-bucket?region=us-east-1",
      });
      expect(set("secret"), env).to.deep.equal({
        PULUMI_CONFIG_PASSPHRASE: `${env.replace("preview-", "")}-secret`,
      });
    }
  });

  it("create each stack in the CI backend with its own passphrase", () => {
    const inits = calls("npm", "run", "pulumi", "--", "stack", "init");
    const backend = "s3://my-state-bucket?region=us-east-1";
    expect(
      inits.map(
        (c) =>
          `${c.args.slice(5).join(" ")} in ${c.env.PULUMI_BACKEND_URL} with ${c.env.PULUMI_CONFIG_PASSPHRASE}`,
      ),
    ).to.deep.equal(stacks.map((s) => `${s} --secrets-provider passphrase in ${backend} with ${s}-secret`));
  });

  it("require the pull-request workflow's always-run result job on main", () => {
    const protection = calls("gh", "api", "--method", "PUT").find((c) =>
      c.args[3].endsWith("/main/protection"),
    )!;
    expect(pr.result).to.deep.include({ if: "always()", needs: ["test", "preview"] });
    const checks = { strict: true, contexts: [pr.result.name] };
    expect(JSON.parse(protection.stdin!)).to.deep.include({ required_status_checks: checks });
  });

  it("inline commands run as written too", () => {
    expect(inline).to.include.members([
      "npm run pulumi -- cancel --stack dev --yes",
      "npm run refresh -- dev",
      "PULUMI_BACKEND_URL=https://api.pulumi.com npm run pulumi -- stack init my-org/dev --secrets-provider passphrase",
      "gh variable set PROD_APPROVAL --body dispatch",
      "gh api repos/my-org/msk-s3-sink/actions/oidc/customization/sub",
    ]);
    const s = stubs(["aws", "gh", "npm"]);
    const r = bash(inline.join("\n"), s.env(), s.dir);
    expect(r.status, r.out).to.equal(0);
    expect(s.log()).to.deep.equal(inline.map((c) => c.replace(/^([A-Z_]+=\S+ )*/, "")));
  });
});
