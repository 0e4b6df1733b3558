import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ipPermissions } from "../../scripts/ci/ssh-ingress";
import { sshTarget, stackFileText } from "../../scripts/ci/stack";
import { pathStubs, tempDir } from "../support/cli";
import { committedStacks } from "../support/stack";

// The CI scripts as the workflows start them (`npx ts-node -T scripts/ci/…`), with stand-ins for aws,
// curl, gh and pulumi on PATH. They spawn processes, so they run with the integration suite.
const ROOT = join(__dirname, "..", "..");

function script(name: string, args: string[], env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join(ROOT, "scripts", "ci", name), ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    },
  );
}

describe("CI scripts as the workflows run them", function () {
  this.timeout(60000);

  it("ssh-ingress.ts opens the runner's /32 for a remote-topics stack and closes it again", function () {
    // The spawned script reads Pulumi.<stack>.yaml from the checkout, so it needs a committed one.
    const stack = committedStacks().find((s) => sshTarget(stackFileText(s)).remote);
    if (!stack) {
      // Shown as pending with its reason, never as a pass.
      this.test!.title += " (skipped: no committed stack manages topics over SSH)";
      this.skip();
    }
    const { port, region } = sshTarget(stackFileText(stack));
    const sg = "sg-0123456789abcdef0";
    const stubs = pathStubs(
      ["aws", "curl"],
      [
        { match: "^aws ec2 describe-security-group-rules", stdout: '{"SecurityGroupRules": []}' },
        { match: "^curl", stdout: "198.51.100.7\n" },
      ],
    );
    const env = {
      PATH: `${stubs.bin}:${process.env.PATH}`,
      RUNNER_TEMP: tempDir(),
      EC2_CLIENT_SECURITY_GROUP_ID: sg,
      GITHUB_RUN_ID: "9",
      RUNNER_ENVIRONMENT: "github-hosted",
    };
    const opened = script("ssh-ingress.ts", ["open", stack], env);
    expect(opened.status, opened.stderr).to.equal(0);
    expect(opened.stdout).to.equal(
      `ssh-ingress: allowed tcp/${port} on ${sg} from 198.51.100.7/32 for this job\n`,
    );
    const closed = script("ssh-ingress.ts", ["close", stack], env);
    expect(closed.status, closed.stderr).to.equal(0);
    expect(stubs.calls().map((c) => [c.cmd, ...c.args].slice(0, 3).join(" "))).to.deep.equal([
      "aws ec2 describe-security-group-rules",
      "curl -fsS --max-time",
      "aws ec2 authorize-security-group-ingress",
      "aws ec2 revoke-security-group-ingress",
    ]);
    expect(stubs.calls()[3].args).to.deep.equal([
      "ec2",
      "revoke-security-group-ingress",
      "--region",
      region,
      "--group-id",
      sg,
      "--ip-permissions",
      ipPermissions("198.51.100.7/32", port),
    ]);
    expect(existsSync(join(env.RUNNER_TEMP, `ssh-ingress-${stack}.json`))).to.equal(false);
  });

  it("a missing setting fails the step with an ::error:: annotation naming it", () => {
    const r = script("check-settings.ts", ["prod"], { CI_ENVIRONMENT: "prod" });
    expect(r.status).to.equal(1);
    expect(r.stderr.split("\n")[0]).to.equal(
      "::error::GitHub settings for stack prod are incomplete (docs/ci-cd.md):",
    );
    expect(r.stderr).to.include('- vars.AWS_ROLE_ARN is not set in GitHub environment "prod"');
  });

  it("pulumi-preview.ts and pr-comment.ts: a failed preview still ends up in the pull request comment", () => {
    const tmp = tempDir();
    const out = join(tmp, "preview-dev.txt");
    const stubs = pathStubs(
      ["pulumi", "gh"],
      [
        {
          match: "^pulumi preview",
          status: 255,
          stdout: "Policy Violations:\n    [mandatory]  msk-s3-sink-policy v0.1.0  x (t: n)\n\nResources:\n",
        },
        { match: "^gh api --paginate", stdout: "[[]]" },
      ],
    );
    const env = { PATH: `${stubs.bin}:${process.env.PATH}`, RUNNER_TEMP: tmp };
    const preview = script("pulumi-preview.ts", ["dev", out], env);
    expect(preview.status).to.equal(255);
    const comment = script("pr-comment.ts", ["dev", out], {
      ...env,
      GITHUB_REPOSITORY: "o/r",
      PREVIEW_OUTCOME: "failure",
      HEAD_SHA: "abc",
      PR_NUMBER: "3",
      GITHUB_RUN_ID: "1",
    });
    expect(comment.status, comment.stderr).to.equal(0);
    expect(stubs.calls().map((c) => [c.cmd, ...c.args].slice(0, 4).join(" "))).to.deep.equal([
      "pulumi stack select dev",
      "pulumi preview --stack dev",
      "gh api --paginate --slurp",
      "gh api --method POST",
    ]);
    const body = (JSON.parse(readFileSync(join(tmp, "preview-comment-dev.json"), "utf8")) as { body: string })
      .body;
    expect(body.split("\n").slice(0, 2)).to.deep.equal([
      "<!-- msk-s3-sink preview: dev -->",
      "### `pulumi preview` of stack `dev`: ❌ failed",
    ]);
    expect(body).to.include("    [mandatory]  msk-s3-sink-policy v0.1.0  x (t: n)");
  });

  it("scripts/workflows/check.ts (npm run lint) exits 1 and names the rule a workflow breaks", () => {
    const root = tempDir();
    for (const f of ["package.json", ".pulumi-version", ".node-version", ".github"])
      cpSync(join(ROOT, f), join(root, f), { recursive: true });
    const check = () =>
      spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", join(ROOT, "scripts", "workflows", "check.ts"), root],
        { encoding: "utf8" },
      );
    expect(check().status).to.equal(0);
    const deploy = join(root, ".github", "workflows", "deploy.yml");
    writeFileSync(
      deploy,
      readFileSync(deploy, "utf8").replace(
        "group: deploy-dev\n      cancel-in-progress: false\n      queue: max",
        "group: deploy-dev\n      cancel-in-progress: false",
      ),
    );
    const r = check();
    expect(r.status).to.equal(1);
    expect(r.stderr).to.equal(
      "workflow rules: .github/workflows/deploy.yml: jobs.dev: a deploy's concurrency needs queue: max (the default single queue drops a waiting deploy)\n",
    );
  });
});
