import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main as checkSettingsMain } from "../../../scripts/ci/check-settings";
import { main as previewMain, PREVIEW_SCRIPT } from "../../../scripts/ci/pulumi-preview";
import { main as upMain, upArgs } from "../../../scripts/ci/pulumi-up";
import { qualifiedStack, selectStack, settingsProblems, stackSetupText } from "../../../scripts/ci/stack";
import { capturePrinted, recorder, tempDir } from "../../support/cli";

const ROLE = "arn:aws:iam::123456789012:role/msk-s3-sink-preview-dev";
const PASSPHRASE_FILE = "encryptionsalt: v1:abc\nconfig:\n  aws:region: us-east-1\n";
const complete = {
  CI_ENVIRONMENT: "preview-dev",
  AWS_ROLE_ARN: ROLE,
  AWS_REGION: "us-east-1",
  PULUMI_BACKEND_URL: "s3://state-bucket?region=us-east-1",
  PULUMI_CONFIG_PASSPHRASE: "p",
};
const SETUP_S3 = [
  'Stack "dev" does not exist in the backend this job uses. Create it once, from a checkout of main:',
  "",
  "  export PULUMI_BACKEND_URL='s3://state-bucket?region=us-east-1'",
  "  export PULUMI_CONFIG_PASSPHRASE='<the value of secrets.PULUMI_CONFIG_PASSPHRASE in GitHub environment \"preview-dev\">'",
  "  npm run pulumi -- stack init dev --secrets-provider passphrase",
  "",
  "Pulumi.dev.yaml keeps its encryptionsalt when the passphrase is the one that encrypted its secrets.",
  "Already deployed from a workstation? Move that state instead of starting empty: with the old backend",
  "  npm run pulumi -- stack export --stack dev --file dev.json",
  "then with this one, after the stack init above:",
  "  npm run pulumi -- stack import --stack dev --file dev.json",
].join("\n");

describe("scripts/ci/stack.ts: settings and stack selection", () => {
  it("finds nothing missing in complete settings", () => {
    expect(settingsProblems("dev", complete, PASSPHRASE_FILE)).to.deep.equal([]);
    expect(
      settingsProblems(
        "prod",
        {
          ...complete,
          PULUMI_BACKEND_URL: undefined,
          PULUMI_ACCESS_TOKEN: "t",
          PULUMI_CONFIG_PASSPHRASE: undefined,
        },
        "config: {}\n",
      ),
    ).to.deep.equal([]);
  });

  it("names each missing value and the environment to set it in", () => {
    expect(settingsProblems("dev", { CI_ENVIRONMENT: "dev" }, PASSPHRASE_FILE)).to.deep.equal([
      'vars.AWS_ROLE_ARN is not set in GitHub environment "dev": the role this job assumes through GitHub OIDC',
      'vars.AWS_REGION is not set in GitHub environment "dev": the region of the AWS credentials',
      'neither vars.PULUMI_BACKEND_URL nor secrets.PULUMI_ACCESS_TOKEN is set in GitHub environment "dev": the backend that holds stack dev',
      'secrets.PULUMI_CONFIG_PASSPHRASE is not set in GitHub environment "dev": Pulumi.dev.yaml\'s secrets use the passphrase provider',
    ]);
    expect(
      settingsProblems("dev", { ...complete, AWS_ROLE_ARN: "msk-s3-sink-deploy" }, PASSPHRASE_FILE),
    ).to.deep.equal([
      'vars.AWS_ROLE_ARN "msk-s3-sink-deploy" is not an IAM role ARN in GitHub environment "preview-dev": the role this job assumes through GitHub OIDC',
    ]);
  });

  it("qualifies the stack with PULUMI_ORG", () => {
    expect(qualifiedStack("prod", {})).to.equal("prod");
    expect(qualifiedStack("prod", { PULUMI_ORG: "acme" })).to.equal("acme/prod");
  });

  it("selects without creating; a missing stack fails with the one-time setup commands", () => {
    const ok = recorder();
    expect(selectStack(ok.run, "dev", { PULUMI_ORG: "acme" })).to.equal("acme/dev");
    expect(ok.calls).to.deep.equal([
      { cmd: "pulumi", args: ["stack", "select", "acme/dev", "--non-interactive"] },
    ]);
    const missing = recorder([
      { match: /stack select/, status: 255, stderr: "error: no stack named 'dev' found\n" },
    ]);
    expect(() => selectStack(missing.run, "dev", complete)).to.throw(
      `error: no stack named 'dev' found\n\n${SETUP_S3}`,
    );
  });

  it("tells Pulumi Cloud users to log in instead", () => {
    expect(
      stackSetupText("prod", { PULUMI_ORG: "acme", CI_ENVIRONMENT: "prod" }).split("\n").slice(0, 5),
    ).to.deep.equal([
      'Stack "acme/prod" does not exist in the backend this job uses. Create it once, from a checkout of main:',
      "",
      "  npm run pulumi -- login   # Pulumi Cloud, with the token stored as secrets.PULUMI_ACCESS_TOKEN",
      "  export PULUMI_CONFIG_PASSPHRASE='<the value of secrets.PULUMI_CONFIG_PASSPHRASE in GitHub environment \"prod\">'",
      "  npm run pulumi -- stack init acme/prod --secrets-provider passphrase",
    ]);
  });
});

describe("scripts/ci/check-settings.ts, pulumi-preview.ts, pulumi-up.ts", () => {
  const printed = capturePrinted();

  it("check-settings fails before AWS is asked, and leaves the message for the comment", () => {
    const out = join(tempDir(), "preview.txt");
    expect(() =>
      checkSettingsMain(["dev", out], { CI_ENVIRONMENT: "preview-dev" }, () => "config: {}\n"),
    ).to.throw(
      "GitHub settings for stack dev are incomplete (docs/ci-cd.md):\n- vars.AWS_ROLE_ARN is not set",
    );
    expect(readFileSync(out, "utf8")).to.match(
      /^GitHub settings for stack dev are incomplete[^]*secrets.PULUMI_ACCESS_TOKEN[^]*\n$/,
    );
    expect(checkSettingsMain(["dev"], complete, () => PASSPHRASE_FILE)).to.equal(0);
    expect(printed).to.deep.equal(["check-settings: stack dev has its role, region and backend settings"]);
  });

  it("pulumi-preview selects the stack, then previews with the policy pack into the output file", () => {
    const out = join(tempDir(), "preview.txt");
    const { run, calls } = recorder([{ match: /^bash/, status: 255 }]);
    expect(previewMain(["prod", out], { PULUMI_ORG: "acme" }, run)).to.equal(255);
    expect(calls).to.deep.equal([
      { cmd: "pulumi", args: ["stack", "select", "acme/prod", "--non-interactive"] },
      { cmd: "bash", args: ["-c", PREVIEW_SCRIPT, "pulumi-preview", "acme/prod", out] },
    ]);
  });

  it("pulumi-preview writes the setup commands to the output file when the stack is missing", () => {
    const out = join(tempDir(), "preview.txt");
    const { run, calls } = recorder([
      { match: /stack select/, status: 255, stderr: "error: no stack named 'dev' found" },
    ]);
    expect(() => previewMain(["dev", out], complete, run)).to.throw("error: no stack named 'dev' found");
    expect(readFileSync(out, "utf8")).to.equal(`error: no stack named 'dev' found\n\n${SETUP_S3}\n`);
    expect(calls).to.have.length(1);
  });

  it("the preview command streams, tees into the file and keeps pulumi's exit status", () => {
    const dir = tempDir();
    const stub = join(dir, "pulumi");
    writeFileSync(stub, '#!/usr/bin/env bash\necho "args: $*"\necho "Policy Violations:" >&2\nexit 3\n');
    chmodSync(stub, 0o755);
    const out = join(dir, "out.txt");
    writeFileSync(out, "before\n");
    const r = spawnSync("bash", ["-c", PREVIEW_SCRIPT, "pulumi-preview", "acme/dev", out], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    expect(r.status).to.equal(3);
    const expected =
      "args: preview --stack acme/dev --policy-pack policy --diff --suppress-outputs --color never --non-interactive\nPolicy Violations:\n";
    expect(r.stdout).to.equal(expected);
    expect(readFileSync(out, "utf8")).to.equal(`before\n${expected}`);
  });

  it("pulumi-up selects the stack and updates it with the policy pack and the commit's message", () => {
    const { run, calls } = recorder();
    expect(upMain(["dev"], { DEPLOY_MESSAGE: "Fix topics" }, run)).to.equal(0);
    expect(calls).to.deep.equal([
      { cmd: "pulumi", args: ["stack", "select", "dev", "--non-interactive"] },
      {
        cmd: "pulumi",
        args: [
          "up",
          "--stack",
          "dev",
          "--policy-pack",
          "policy",
          "--yes",
          "--diff",
          "--suppress-outputs",
          "--non-interactive",
          "--message",
          "Fix topics",
        ],
      },
    ]);
    expect(upArgs("acme/prod", "deploy abc")).to.include.ordered.members(["up", "--stack", "acme/prod"]);
    expect(() => upMain([], {}, run)).to.throw("usage: pulumi-up.ts <stack>");
  });
});
