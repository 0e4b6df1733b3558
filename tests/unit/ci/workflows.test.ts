import { expect } from "chai";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { readmeInline } from "../../engine/readme";
import { committedStacks } from "../../support/stack";
import { comment, MAX_OUTPUT, policyLines } from "../../../scripts/ci/preview-comment";
import { sshTarget } from "../../../scripts/ci/ssh-port";
import { bash, fixture, GITHUB, jobs, Reply, ROOT, run, setupSteps, stubs } from "./stubs";

const pr = jobs("pull-request.yml");
const deploy = jobs("deploy.yml");
const events = (name: string) => JSON.parse(`[${fixture(name).trim().replace(/\n/g, ",")}]`) as object[];
/** Runs a workflow step's script with stand-ins for `tools`. */
const step = (file: string, job: string, name: string, tools: string[], replies: Reply[], env = {}) => {
  const s = stubs(tools, replies);
  return { ...bash(run(file, job, name), s.env(env)), log: s.log() };
};
const GATE = "Check that environment prod holds deploys for a reviewer and admits main only";
const UP = "pulumi up, unless main has moved on";
const HEAD = GITHUB.commit.sha as string;

describe("deploy.yml", () => {
  it("deploys dev on every push and prod only when asked, each after the commit's tests and nothing else", () => {
    expect(Object.keys(deploy)).to.deep.equal(["test", "up"]);
    expect(deploy.test).to.deep.include({ uses: "./.github/workflows/test.yml" });
    expect(deploy.up).to.deep.include({
      needs: "test",
      environment: "${{ matrix.stack }}",
      concurrency: { group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false },
    });
    expect(deploy.up.strategy!.matrix.stack).to.equal(
      `\${{ fromJSON(inputs.prod && '["dev", "prod"]' || '["dev"]') }}`,
    );
    expect(deploy.up.steps.map((s) => `${s.name ?? s.uses} if ${s.if}`)).to.deep.equal([
      ...["actions/checkout", "./.github/actions/setup"].map((u) => `${u} if undefined`),
      `${GATE} if matrix.stack == 'prod'`,
      "aws-actions/configure-aws-credentials if undefined",
      "Open SSH from this runner to the EC2 client if undefined",
      `${UP} if undefined`,
      "Close SSH again if always() && steps.ssh.outcome == 'success'",
    ]);
  });

  it("skips, with a notice, a deploy whose commit is no longer main's head, and deploys main's head", () => {
    const head = [{ match: /^gh api repos\/o\/r\/commits\/main --jq/, json: GITHUB.commit }];
    const env = { GITHUB_REPOSITORY: "o/r", STACK: "dev", DEPLOY_MESSAGE: "Fix topics" };
    const up = (sha: string) =>
      step("deploy.yml", "up", UP, ["gh", "pulumi"], head, { ...env, GITHUB_SHA: sha });
    const old = "0".repeat(40);
    expect(up(old)).to.deep.equal({
      status: 0,
      out: `::notice::stack dev not updated: main has moved on from ${old} to ${HEAD}, and deploying an older commit would undo it (a push deploys dev itself; run this workflow again for prod)\n`,
      log: ["gh api repos/o/r/commits/main --jq .sha"],
    });
    expect(up(HEAD).log.slice(1)).to.deep.equal([
      "pulumi stack select dev --non-interactive",
      "pulumi up --stack dev --policy-pack policy --diff --suppress-outputs --non-interactive --yes --message Fix topics",
    ]);
  });

  it("the prod gate fails closed unless prod holds deploys for a reviewer and admits main only (GitHub's documented responses)", () => {
    const gate = (environment: object, branches: object, PROD_APPROVAL = "") => {
      const replies = [
        { match: /deployment-branch-policies$/, json: branches },
        { match: /environments\/prod$/, json: environment },
      ];
      const env = { GITHUB_REPOSITORY: "o/r", GITHUB_ACTOR: "al", PROD_APPROVAL };
      const r = step("deploy.yml", "up", GATE, ["gh"], replies, env);
      return `${r.status} ${r.out}`;
    };
    const env = GITHUB.environment;
    const mainOnly = { total_count: 1, branch_policies: [{ id: 361472, name: "main" }] };
    const rules = (env.protection_rules as { type: string }[]).filter((r) => r.type !== "required_reviewers");
    const noReviewers = { ...env, protection_rules: rules };
    expect([
      gate(env, mainOnly),
      gate({ ...env, can_admins_bypass: true }, mainOnly), // what a new environment gets unless told otherwise
      gate(env, GITHUB.branchPolicies),
      gate({ ...env, deployment_branch_policy: null }, mainOnly),
      gate(noReviewers, mainOnly),
      gate(noReviewers, mainOnly, "dispatch"),
    ]).to.deep.equal([
      "0 ",
      '1 ::error::environment prod lets administrators bypass its required reviewers: turn off "Allow administrators to bypass configured protection rules" (can_admins_bypass: false, docs/ci-cd.md)\n',
      "1 ::error::environment prod admits branch:release/*, branch:main: it must admit main only\n",
      "1 ::error::environment prod admits every branch: set its deployment branches to main only\n",
      "1 ::error::environment prod has no required reviewers, so nothing held this deploy for approval: add reviewers, or have an admin set the repository variable PROD_APPROVAL=dispatch (docs/ci-cd.md)\n",
      "0 ::warning::environment prod has no required reviewers: al's manual run is the approval (PROD_APPROVAL=dispatch)\n",
    ]);
  });
});

describe("scripts/ci/ssh-rule.sh", () => {
  const SG = "sg-0123456789abcdef0";
  // DescribeSecurityGroupRules as the AWS CLI prints it (EC2 API reference, SecurityGroupRule).
  const sgr = (id: string, FromPort: number, CidrIpv4: string, Description?: string, IsEgress = false) =>
    JSON.stringify({ SecurityGroupRuleId: id, IsEgress, IpProtocol: "tcp", FromPort, CidrIpv4, Description });
  const rules = `{"SecurityGroupRules": [${[
    sgr("sgr-01", 2222, "203.0.113.9/32", "msk-s3-sink CI dev run 4000"),
    sgr("sgr-02", 22, "203.0.113.8/32", "msk-s3-sink CI staging run 4001"),
    sgr("sgr-03", 22, "192.0.2.1/32", "the student's laptop"),
    sgr("sgr-04", -1, "0.0.0.0/0", undefined, true),
  ].join(",")}]}`;
  const perm = (CidrIp: string, p: number, Description?: string) =>
    JSON.stringify([{ IpProtocol: "tcp", FromPort: p, ToPort: p, IpRanges: [{ CidrIp, Description }] }]);
  type Options = { target?: string; ip?: string; env?: Record<string, string> };
  const rule = (
    action: string,
    { target = "2222 eu-central-1\n", ip = "198.51.100.7\n", env }: Options = {},
  ) => {
    const s = stubs(
      ["aws", "curl", "npx"],
      [
        { match: /^npx --no-install ts-node -T scripts\/ci\/ssh-port.ts dev$/, stdout: target },
        { match: /^aws ec2 describe-security-group-rules/, stdout: rules },
        { match: /^curl/, stdout: ip },
      ],
    );
    const vars = { STACK: "dev", GITHUB_RUN_ID: "4242", ...(env ?? { EC2_CLIENT_SECURITY_GROUP_ID: SG }) };
    return {
      ...bash(`bash scripts/ci/ssh-rule.sh ${action}`, s.env(vars)),
      log: s.log().filter((c) => !c.startsWith("npx")),
    };
  };
  const ec2 = (action: string, rest: string) => `aws ec2 ${action} --region eu-central-1 ${rest}`;
  const DESCRIBE = ec2("describe-security-group-rules", `--filters Name=group-id,Values=${SG} --output json`);
  const REVOKE_STALE = ec2(
    "revoke-security-group-ingress",
    `--group-id ${SG} --ip-permissions ${perm("203.0.113.9/32", 2222)}`,
  );
  const AUTHORIZE = `--group-id ${SG} --ip-permissions ${perm("198.51.100.7/32", 2222, "msk-s3-sink CI dev run 4242")}`;

  it("open: removes the rules earlier deploys of the stack left, then allows this runner's /32 on client.port only", () => {
    expect(rule("open")).to.deep.equal({
      status: 0,
      out: `ssh-rule: removed tcp/2222 from 203.0.113.9/32 on ${SG}, opened by a deploy of dev\nssh-rule: allowed tcp/2222 from 198.51.100.7/32 on ${SG} for this job\n`,
      log: [
        DESCRIBE,
        REVOKE_STALE,
        "curl -fsS --max-time 10 https://checkip.amazonaws.com",
        ec2("authorize-security-group-ingress", AUTHORIZE),
      ],
    });
    expect(rule("close").log).to.deep.equal([DESCRIBE, REVOKE_STALE]);
  });

  it("opens nothing for MSK API topics or on a self-hosted runner; refuses a hosted runner without the group, or an answer that is no IPv4 address", () => {
    const outcome = (r: { status: number | null; out: string }) => `${r.status} ${r.out}`;
    expect(outcome(rule("open", { target: "" }))).to.equal(
      "0 ssh-rule: stack dev manages topics through the MSK API; no SSH from this runner\n",
    );
    expect(rule("open", { env: { RUNNER_ENVIRONMENT: "self-hosted" } })).to.deep.equal({
      status: 0,
      out: "",
      log: [],
    });
    expect(rule("open", { env: {} })).to.deep.equal({
      status: 1,
      out: "::error::stack dev creates topics over SSH from this runner: set vars.EC2_CLIENT_SECURITY_GROUP_ID to the EC2 client's security group, or run the deploy on a self-hosted runner that reaches it (docs/ci-cd.md)\n",
      log: [],
    });
    const html = rule("open", { ip: "<html>0.0.0.0/0</html>" });
    expect([html.status, html.out.split("\n").slice(-2)[0], html.log.length]).to.deep.equal([
      1,
      '::error::checkip.amazonaws.com answered "<html>0.0.0.0/0</html>", not an IPv4 address',
      3,
    ]);
  });

  it("ssh-port.ts reads topicManagement, client.port and aws:region with the program's defaults, for every committed stack", () => {
    const key =
      "msk-s3-sink:sshPrivateKey:\n    secure: v1:AA\n  msk-s3-sink:client:\n    host: h\n    port: 2222";
    const file = `config:\n  aws:region: eu-central-1\n  msk-s3-sink:userId: abc\n  ${key}\n`;
    expect(sshTarget(file)).to.deep.equal({ port: 2222, region: "eu-central-1" });
    const read = (s: string) => sshTarget(readFileSync(join(ROOT, `Pulumi.${s}.yaml`), "utf8"));
    const committed = Object.fromEntries(committedStacks().map((s) => [s, read(s)]));
    expect(committed).to.deep.include({ dev: { port: 22, region: "us-east-1" }, prod: undefined });
  });
});

describe("scripts/ci/pulumi-stack.sh", () => {
  it("selects $PULUMI_ORG/$STACK without creating it and runs the command on it with the policy pack", () => {
    const s = stubs(["pulumi"]);
    const env = s.env({ STACK: "prod", PULUMI_ORG: "acme" });
    expect(bash("bash scripts/ci/pulumi-stack.sh preview --color never", env).status).to.equal(0);
    expect(s.log()).to.deep.equal([
      "pulumi stack select acme/prod --non-interactive",
      "pulumi preview --stack acme/prod --policy-pack policy --diff --suppress-outputs --non-interactive --color never",
    ]);
  });

  it("a missing stack fails with the commands that create it in the job's backend, which scripts/pulumi.sh keeps", () => {
    const s = stubs(["pulumi"], [{ match: /stack select/, status: 255 }]);
    const missing = (env: Record<string, string>) =>
      bash("bash scripts/ci/pulumi-stack.sh up", s.env({ STACK: "dev", ...env })).out;
    expect(missing({ PULUMI_ORG: "my-org" })).to.equal(
      "::error::stack my-org/dev does not exist in https://api.pulumi.com. Create it once, from a checkout of main: export PULUMI_BACKEND_URL=https://api.pulumi.com PULUMI_ACCESS_TOKEN=<secrets.PULUMI_ACCESS_TOKEN> PULUMI_CONFIG_PASSPHRASE=<secrets.PULUMI_CONFIG_PASSPHRASE>; npm run pulumi -- stack init my-org/dev --secrets-provider passphrase (docs/ci-cd.md)\n",
    );
    const s3 = missing({ PULUMI_BACKEND_URL: "s3://state" });
    expect(s3).to.include(": export PULUMI_BACKEND_URL=s3://state PULUMI_CONFIG_PASSPHRASE=<");
    // The docs give the same command. Through scripts/pulumi.sh it reaches the CLI with that backend; without
    // PULUMI_BACKEND_URL the wrapper would use the local file backend.
    const init = "npm run pulumi -- stack init my-org/dev --secrets-provider passphrase";
    expect(
      readmeInline("## Continuous delivery", /^PULUMI_BACKEND_URL=\S+ npm run pulumi -- stack init/),
    ).to.equal(`PULUMI_BACKEND_URL=https://api.pulumi.com ${init}`);
    expect(s3.endsWith(`; ${init.replace("my-org/", "")} (docs/ci-cd.md)\n`)).to.equal(true);
    const cli = stubs(["pulumi"], [], ["PULUMI_BACKEND_URL"]);
    const backends: Record<string, string>[] = [{ PULUMI_BACKEND_URL: "https://api.pulumi.com" }, {}];
    for (const backend of backends) {
      const env = cli.env({
        PULUMI_CLI: join(cli.dir, "bin", "pulumi"),
        PULUMI_CONFIG_PASSPHRASE: "p",
        ...backend,
      });
      expect(bash(`bash scripts/pulumi.sh run ${init.slice(18)}`, env).status).to.equal(0);
    }
    expect(cli.calls().map((c) => `${c.args.join(" ")} in ${c.env.PULUMI_BACKEND_URL}`)).to.deep.equal([
      "stack init my-org/dev --secrets-provider passphrase in https://api.pulumi.com",
      `stack init my-org/dev --secrets-provider passphrase in file://${ROOT}/.pulumi-state`,
    ]);
  });
});

describe("pull-request.yml", () => {
  it("previews each stack in its environment without a deployment record, and comments even a failed preview", () => {
    expect(pr.preview).to.deep.include({
      environment: { name: "preview-${{ matrix.stack }}", deployment: false },
      permissions: { contents: "read", "id-token": "write", "pull-requests": "write" },
    });
    expect(pr.preview.steps.map((s) => `${s.name ?? s.uses} if ${s.if}`).slice(3)).to.deep.equal([
      "pulumi preview if undefined",
      "Write the preview comment if ${{ !cancelled() }}",
      "marocchino/sticky-pull-request-comment if ${{ !cancelled() }}",
      "Fail when the preview failed if steps.preview.outcome == 'failure'",
    ]);
    expect(pr.preview.steps[3]).to.deep.include({ "continue-on-error": true });
    // The action edits only a comment its own token wrote with this header (src/comment.ts findPreviousComment).
    const sticky = { header: "preview-${{ matrix.stack }}", path: "${{ runner.temp }}/comment.md" };
    expect(pr.preview.steps[5].with).to.deep.equal(sticky);
  });

  it("the result passes tests plus previews, or previews skipped for forks and Dependabot, and fails the rest", () => {
    const result = (TEST: string, PREVIEW: string) => {
      const r = bash(run("pull-request.yml", "result", "Judge the pull request"), {
        PATH: process.env.PATH,
        TEST,
        PREVIEW,
      });
      return `${r.status} ${r.out}`;
    };
    expect(result("success", "success")).to.equal("0 test: success, preview: success\n");
    expect(result("success", "skipped")).to.equal(
      "0 test: success, preview: skipped\n::notice::preview skipped: pull requests from forks and Dependabot's get no secrets; push the branch to this repository to preview it\n",
    );
    const failing = ["failure skipped", "success failure", "success cancelled", "cancelled skipped"];
    expect(failing.map((f) => result(f.split(" ")[0], f.split(" ")[1])[0])).to.deep.equal([
      "1",
      "1",
      "1",
      "1",
    ]);
  });
});

describe("scripts/ci/preview-comment.ts (policy results from the CLI's event log)", () => {
  // Captured with the pinned CLI on the committed dev stack, debug diagnosticEvents left out:
  // events-pack-did-not-start.jsonl (its output: preview-pack-did-not-start.txt) by `STACK=dev PULUMI_DEBUG_COMMANDS=true bash
  // scripts/ci/pulumi-stack.sh preview --color never --event-log FILE`, as the workflow runs it; the pack cannot
  // start under this CLI ("could not read plugin [policy]: not supported"), so events-config-error.jsonl is the
  // same `pulumi preview` without --policy-pack.
  it("says the policies did not run when the CLI could not start the pack, or stopped before any (event logs of the real v3.259.0 CLI, debug lines left out)", () => {
    const didNotRun = "**Policies:** did not run: the preview stopped before them (see the output).";
    expect(policyLines(events("events-config-error.jsonl"))).to.deep.equal([didNotRun]);
    const output = fixture("preview-pack-did-not-start.txt");
    expect(comment("dev", "failure", events("events-pack-did-not-start.jsonl"), output)).to.equal(
      `### \`pulumi preview\` of stack \`dev\`: ❌ failed\n\n${didNotRun}\n\n<details><summary>Output</summary>\n\n\`\`\`\n${output.trimEnd()}\n\`\`\`\n\n</details>`,
    );
  });

  // No pack starts under this CLI, so events-violations.jsonl is the pack's real findings on the dev
  // world with a wrong sinkBucket (tests/policy harness; "description\nmessage", @pulumi/policy server.js
  // makeReportViolationFun) as v3.259.0 logs them: engine/events.go policyViolationEvent appends "\n",
  // display/events.go ConvertEngineEvent copies the version into policyPackVersionTag, display.go logJSONEvent
  // strips colors (--color never); the summary names local packs `name|local|path` (engine/update.go).
  it("gives each pack's verdict as the CLI's Policies block does, and one line per violation", () => {
    const all = events("events-violations.jsonl");
    const connector = "5f4e3d2c1b0a-connector";
    expect(policyLines(all)).to.deep.equal([
      "**Policies:** ❌ `msk-s3-sink@v0.1.0`",
      `- [advisory] \`connector-worker-logs-dev\` (aws:mskconnect/connector:Connector: ${connector}): Worker log delivery is enabled (dev: advisory). worker log delivery is off: a failing task leaves no trace; enable logDelivery.workerLogDelivery (CloudWatch Logs, Firehose or S3)`,
      `- [mandatory] \`connector-sink-bucket\` (stack): s3.bucket.name is the stack's sink bucket (the created bucket, or the configured adopted one). connector ${connector}: s3.bucket.name is "user-5f4e3d2c1b0a-bucket": must be the sink bucket "someone-elses-bucket"`,
      `- [advisory] \`pipeline-alarms-dev\` (stack): The pipeline's health alarms (dev: advisory). connector ${connector}: no alarm with an action on errored tasks (AWS/KafkaConnect ErroredTaskCount, ConnectorName=${connector}) (set msk-s3-sink:alarms.enabled: true)`,
    ]);
    const advisory = all.filter((e) => !JSON.stringify(e).includes('"mandatory"'));
    expect(policyLines(advisory).slice(0, 2)).to.deep.equal([
      "**Policies:** ⚠️ `msk-s3-sink@v0.1.0`",
      "The preview failed before it finished: resources it had not reached were not checked.",
    ]);
    const summary = JSON.stringify(all.filter((e) => "summaryEvent" in e));
    const clean = JSON.parse(summary.replace('"failed"', '"succeeded"')) as object[];
    expect(policyLines(clean)).to.deep.equal(["**Policies:** ✅ `msk-s3-sink@v0.1.0`: no violations"]);
  });

  it("keeps the output's tail within GitHub's comment size and fences it beyond its own backticks", () => {
    const long = comment("prod", "skipped", [], `${"x".repeat(MAX_OUTPUT)}TAIL`);
    expect(long.split("\n")[0]).to.equal(
      "### `pulumi preview` of stack `prod`: ⚠️ did not run: an earlier step failed (see the workflow run)",
    );
    expect(long).to.include(
      `\n\`\`\`\n… (the workflow run has the whole output)\n${"x".repeat(MAX_OUTPUT - 4)}TAIL\n\`\`\`\n`,
    );
    expect(comment("dev", "success", [], "a ```` b")).to.include("\n`````\na ```` b\n`````\n");
  });
});

describe("pins: one Pulumi CLI (package.json), Node.js (.node-version), AWS sessions as long as their jobs", () => {
  const read = (f: string) => readFileSync(join(ROOT, f), "utf8");
  const pkg = JSON.parse(read("package.json")) as { engines: object; devDependencies: { pulumi: string } };
  const PIN = pkg.devDependencies.pulumi;
  const WORKFLOWS = ["deploy.yml", "pull-request.yml", "test.yml"];
  const setup = setupSteps();
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), "msk-s3-sink-pins-"));
    for (const f of ["package.json", ".github", "it/engine.sh", "scripts/pulumi-cli.sh"])
      cpSync(join(ROOT, f), join(dir, "repo", f), { recursive: true });
    return { dir, root: join(dir, "repo") };
  };

  it("one exact CLI and Node.js, installed only by the setup action: the CLI with pulumi/actions at package.json's pin", () => {
    expect(PIN).to.match(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines).to.deep.equal({ node: `>=${read(".node-version").split(".")[0]}` });
    const steps = [...WORKFLOWS.flatMap((f) => Object.values(jobs(f)).flatMap((j) => j.steps)), ...setup];
    expect(steps.filter((s) => ["pulumi/actions", "actions/setup-node"].includes(s.uses!))).to.deep.equal([
      { uses: "actions/setup-node", with: { "node-version-file": ".node-version", cache: "npm" } },
      { uses: "pulumi/actions", with: { "pulumi-version": "${{ steps.cli.outputs.version }}" } },
    ]);
    const out = join(mkdtempSync(join(tmpdir(), "msk-s3-sink-out-")), "output");
    const cli = setup.find((s) => s.id === "cli")!;
    expect(bash(cli.run!, { PATH: process.env.PATH, GITHUB_OUTPUT: out }).status).to.equal(0);
    expect(readFileSync(out, "utf8")).to.equal(`version=${PIN}\n`);
  });

  it("every job that assumes an AWS role asks for a session as long as its timeout (STS allows 900–43,200 s)", () => {
    const sessions = WORKFLOWS.flatMap((f) => Object.values(jobs(f))).flatMap((j) =>
      j.steps
        .filter((s) => s.with?.["role-to-assume"])
        .map((s) => [j["timeout-minutes"], s.with!["role-duration-seconds"]] as number[]),
    );
    expect(sessions).to.have.length(2); // up and preview
    for (const [minutes, seconds] of sessions)
      expect(seconds).to.be.within(Math.max(900, 60 * minutes), 43200);
  });

  it("Dependabot bumps npm and every action in one place: a new major of each changes nothing these tests read", () => {
    const config = parse(read(".github/dependabot.yml")) as { updates: object[] };
    expect(config.updates).to.deep.equal([
      { "package-ecosystem": "npm", directory: "/", schedule: { interval: "weekly" } },
      {
        "package-ecosystem": "github-actions",
        directories: ["/", "/.github/actions/setup"],
        schedule: { interval: "weekly" },
      },
    ]);
    const { root } = copy();
    const bump = (f: string) =>
      writeFileSync(
        join(root, f),
        read(f).replace(/@v(\d+)/g, (_, n: string) => `@v${Number(n) + 1}`),
      );
    [...WORKFLOWS.map((f) => `.github/workflows/${f}`), ".github/actions/setup/action.yml"].forEach(bump);
    expect(WORKFLOWS.map((f) => jobs(f, root))).to.deep.equal(WORKFLOWS.map((f) => jobs(f)));
    expect(setupSteps(root)).to.deep.equal(setup);
  });

  // it/engine.sh with no CLI on PATH builds one with shared/engine/build.sh, whose `CLI=v…` line names the version.
  const engine = (build: string, replies: Reply[] = [], env = {}) => {
    const { dir, root } = copy();
    const script = join(dir, "shared", "engine", "build.sh");
    mkdirSync(dirname(script), { recursive: true });
    writeFileSync(script, build);
    const s = stubs(["npx", ...(replies.length ? ["pulumi"] : [])], replies);
    const PATH = `${s.dir}/bin:${dirname(process.execPath)}:/usr/bin:/bin`;
    const r = bash("bash it/engine.sh", { ...s.env(env), PATH }, root);
    return `${r.status} ${r.out.trimEnd().split("\n").pop()!.replace(dir, "<dir>").replace(s.dir, "<stubs>")} ${s.log().join()}`;
  };
  // A stand-in build: out dir $1; the built CLI reports the version it was built at, or $REPORTS.
  const build = (cli: string, body = "") =>
    `set -e\n${cli} LANGHOST=v3.68.0\n${body}mkdir -p "$1/bin"\n` +
    `printf '#!/bin/sh\\necho %s\\n' "\${REPORTS:-$CLI}" > "$1/bin/pulumi"\nchmod +x "$1/bin/pulumi"\n`;
  const FAILED = "1 it/engine.sh: FAILED:";

  it("it/engine.sh builds package.json's pin, checks the built CLI's version and fails clearly when it cannot", () => {
    expect(engine(build("CLI=v3.274.1"))).to.match(
      new RegExp(
        `^0 it/engine.sh: engine tier with \\S+/\\.it/engine/bin/pulumi \\(v${PIN}\\) npx mocha --config it/engine.mocharc.json$`,
      ),
    );
    const user = [{ match: /^pulumi version$/, stdout: "v3.1.0\n" }];
    const other = `<stubs>/bin/pulumi is v3.1.0, not package.json's pulumi ${PIN}`;
    expect([engine("", user), engine("", user, { MSK_S3_SINK_REQUIRE_ENGINE: "1" })]).to.deep.equal([
      `0 it/engine.sh: warning: ${other}, the CLI the workflows install pulumi version,npx mocha --config it/engine.mocharc.json`,
      `${FAILED} ${other} pulumi version`,
    ]);
    const unserved = '[ "$CLI" = v3.274.1 ] || { echo "go: module not found" >&2; exit 1; }\n';
    expect([
      engine(build("CLI=v3.274.1", unserved)),
      engine(build("CLI=v3.274.1", "REPORTS=v3.1.0\n")),
      engine(build("PULUMI_CLI=v3.274.1")),
    ]).to.deep.equal([
      `${FAILED} could not build Pulumi CLI v${PIN} (package.json's pulumi) from the Go module proxy, which serves some releases only `,
      `${FAILED} <dir>/repo/.it/engine/bin/pulumi is v3.1.0, not package.json's pulumi ${PIN} `,
      `${FAILED} <dir>/shared/engine/build.sh has no CLI=v<version> line to set to package.json's pulumi ${PIN} `,
    ]);
  });
});
