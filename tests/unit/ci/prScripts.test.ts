import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  commentBody,
  main as commentMain,
  marker,
  MAX_OUTPUT,
  policyViolations,
  trimmedOutput,
  upsertComment,
} from "../../../scripts/ci/pr-comment";
import {
  DEPENDABOT_NOTICE,
  FORK_NOTICE,
  main as resultMain,
  pullRequestResult,
} from "../../../scripts/ci/pr-result";
import { gateFindings, main as gateMain, PLANS } from "../../../scripts/ci/prod-gate";
import { capturePrinted, recorder, tempDir } from "../../support/cli";

/** A failed preview as the CLI prints it: the resource tree, then its "Policy Violations:" block, then the summary. */
const FAILED = [
  "Previewing update (dev):",
  "     Type                    Name             Plan",
  " +   pulumi:pulumi:Stack     msk-s3-sink-dev  create",
  "",
  "Policy Violations:",
  "    [mandatory]  msk-s3-sink-policy v0.1.0  connector-tls-in-transit (aws:mskconnect/connector:Connector: c)",
  "    Kafka traffic must be TLS in transit.",
  "",
  "Resources:",
  "    + 6 to create",
].join("\n");
const VIOLATIONS = FAILED.split("\n").slice(4, 7).join("\n");
const base = {
  stack: "dev",
  headSha: "0123456789abcdef0123",
  runUrl: "https://github.com/o/r/actions/runs/7",
};

describe("scripts/ci/pr-comment.ts", () => {
  const printed = capturePrinted();

  it("finds the CLI's policy violations block, and nothing when there is none", () => {
    expect(policyViolations(FAILED)).to.equal(VIOLATIONS);
    expect(policyViolations("Previewing update (dev):\nResources:\n    4 unchanged\n")).to.equal(undefined);
  });

  it("writes a failed preview with its violations and output under the stack's marker", () => {
    expect(commentBody({ ...base, outcome: "failure", output: FAILED })).to.equal(
      [
        "<!-- msk-s3-sink preview: dev -->",
        "### `pulumi preview` of stack `dev`: ❌ failed",
        "Commit 0123456789ab · [workflow run](https://github.com/o/r/actions/runs/7)",
        "",
        "**Policy pack `policy`:** violations (mandatory ones fail the preview):",
        "",
        "```",
        VIOLATIONS,
        "```",
        "",
        "<details><summary>Output</summary>",
        "",
        "```",
        FAILED,
        "```",
        "",
        "</details>",
      ].join("\n"),
    );
  });

  it("says whether the policies ran: clean success, failure before the policies, or no preview at all", () => {
    const policyLine = (outcome: string, output: string) =>
      commentBody({ ...base, outcome, output }).split("\n")[4];
    expect(policyLine("success", "Resources:\n    6 unchanged")).to.equal(
      "**Policy pack `policy`:** no violations.",
    );
    expect(policyLine("failure", "error: no stack named 'dev' found")).to.equal(
      "**Policy pack `policy`:** no results: the preview stopped before the policies ran (see the output).",
    );
    expect(commentBody({ ...base, outcome: "skipped", output: "" }).split("\n")[1]).to.equal(
      "### `pulumi preview` of stack `dev`: ⚠️ did not run: an earlier step failed (GitHub settings or AWS credentials)",
    );
    expect(commentBody({ ...base, outcome: "skipped", output: "" })).to.include("\n(no output)\n");
  });

  it("keeps the tail of long output, drops colours and out-fences backticks in it", () => {
    const long = `${"x".repeat(MAX_OUTPUT)}TAIL`;
    expect(trimmedOutput(long)).to.equal(
      `… 4 earlier characters cut; the workflow run has the full log\n${long.slice(4)}`,
    );
    expect(trimmedOutput(`${String.fromCharCode(27)}[31mred${String.fromCharCode(27)}[0m`)).to.equal("red");
    expect(commentBody({ ...base, outcome: "success", output: "a ```` b" })).to.include(
      "\n`````\na ```` b\n`````\n",
    );
  });

  it("edits the comment an earlier run posted, on any page", () => {
    const tmp = tempDir();
    const pages = [
      [{ id: 1, body: "LGTM" }],
      [
        { id: 99, body: `${marker("dev")}\nold` },
        { id: 100, body: `${marker("prod")}\nold` },
      ],
    ];
    const { run, calls } = recorder([{ match: /--paginate/, stdout: JSON.stringify(pages) }]);
    const args = upsertComment(run, "o/r", "12", "dev", "new body", tmp);
    const input = join(tmp, "preview-comment-dev.json");
    expect(calls).to.deep.equal([
      { cmd: "gh", args: ["api", "--paginate", "--slurp", "repos/o/r/issues/12/comments"] },
      { cmd: "gh", args: ["api", "--method", "PATCH", "repos/o/r/issues/comments/99", "--input", input] },
    ]);
    expect(args).to.deep.equal(calls[1].args);
    expect(JSON.parse(readFileSync(input, "utf8"))).to.deep.equal({ body: "new body" });
  });

  it("posts a new comment when the pull request has none for the stack, whatever the outcome", () => {
    const tmp = tempDir();
    const out = join(tmp, "preview-dev.txt");
    writeFileSync(out, FAILED);
    const { run, calls } = recorder([{ match: /--paginate/, stdout: "[[]]" }]);
    const env = {
      GITHUB_REPOSITORY: "o/r",
      PREVIEW_OUTCOME: "failure",
      HEAD_SHA: base.headSha,
      PR_NUMBER: "12",
      RUNNER_TEMP: tmp,
      GITHUB_RUN_ID: "7",
    };
    expect(commentMain(["dev", out], env, run)).to.equal(0);
    expect(calls[1]).to.deep.equal({
      cmd: "gh",
      args: [
        "api",
        "--method",
        "POST",
        "repos/o/r/issues/12/comments",
        "--input",
        join(tmp, "preview-comment-dev.json"),
      ],
    });
    const posted = JSON.parse(readFileSync(join(tmp, "preview-comment-dev.json"), "utf8")) as {
      body: string;
    };
    expect(posted.body).to.equal(commentBody({ ...base, outcome: "failure", output: FAILED }));
    expect(printed).to.deep.equal(["pr-comment: posted the preview comment for stack dev"]);
    const denied = recorder([
      { match: /--paginate/, stdout: "[[]]" },
      { match: /POST/, status: 1, stderr: "HTTP 403" },
    ]);
    expect(() => commentMain(["dev", out], env, denied.run)).to.throw(
      "could not write the preview comment (does the job have pull-requests: write?)",
    );
  });
});

describe("scripts/ci/pr-result.ts", () => {
  const printed = capturePrinted();

  it("passes tests plus previews, and skipped previews of forks and Dependabot with a notice", () => {
    expect(pullRequestResult("success", "success", false, "alice")).to.deep.equal({
      ok: true,
      lines: ["test: success", "preview: success (each stack's preview is commented on the pull request)"],
    });
    expect(pullRequestResult("success", "skipped", true, "mallory")).to.deep.equal({
      ok: true,
      lines: ["test: success", FORK_NOTICE],
    });
    expect(pullRequestResult("success", "skipped", false, "dependabot[bot]")).to.deep.equal({
      ok: true,
      lines: ["test: success", DEPENDABOT_NOTICE],
    });
  });

  it("fails failed tests, failed previews, and previews skipped for no reason", () => {
    expect(pullRequestResult("failure", "skipped", false, "alice")).to.deep.equal({
      ok: false,
      lines: [
        "error: test: failure (lint, type check, unit, policy, integration and engine tests)",
        "preview: skipped because test did not pass",
      ],
    });
    expect(pullRequestResult("success", "failure", false, "alice").lines[1]).to.equal(
      "error: preview: failure (see each stack's comment)",
    );
    expect(pullRequestResult("success", "skipped", false, "alice")).to.deep.equal({
      ok: false,
      lines: ["test: success", "error: preview: skipped although this pull request should be previewed"],
    });
    expect(pullRequestResult("success", "cancelled", false, "alice").ok).to.equal(false);
  });

  it("prints annotations and the step summary, and exits 1 when it fails", () => {
    const summary = join(tempDir(), "summary.md");
    expect(
      resultMain({
        TEST_RESULT: "success",
        PREVIEW_RESULT: "skipped",
        IS_FORK: "true",
        GITHUB_STEP_SUMMARY: summary,
      }),
    ).to.equal(0);
    expect(printed).to.deep.equal(["test: success", FORK_NOTICE.replace("notice: ", "::notice::")]);
    expect(readFileSync(summary, "utf8")).to.equal(`- test: success\n- ${FORK_NOTICE}\n`);
    expect(resultMain({ TEST_RESULT: "failure", PREVIEW_RESULT: "skipped", IS_FORK: "false" })).to.equal(1);
  });
});

describe("scripts/ci/prod-gate.ts", () => {
  const printed = capturePrinted();
  const reviewers = { type: "required_reviewers", reviewers: [{ type: "User" }], prevent_self_review: true };
  const mainOnly = { protected_branches: false, custom_branch_policies: true };

  it("passes an environment with required reviewers that admits main only (or protected branches)", () => {
    expect(
      gateFindings(
        "prod",
        { protection_rules: [reviewers], deployment_branch_policy: mainOnly },
        [{ name: "main", type: "branch" }],
        undefined,
      ),
    ).to.deep.equal({
      problems: [],
      warnings: [],
    });
    expect(
      gateFindings(
        "prod",
        {
          protection_rules: [reviewers],
          deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
        },
        undefined,
        undefined,
      ).problems,
    ).to.deep.equal([]);
  });

  it("fails closed without reviewers, naming the plans, unless PROD_APPROVAL=dispatch", () => {
    const noReviewers = { protection_rules: [{ type: "branch_policy" }], deployment_branch_policy: mainOnly };
    expect(gateFindings("prod", noReviewers, [{ name: "main" }], undefined).problems).to.deep.equal([
      `environment prod has no required reviewers, so nothing would hold this deploy for approval. Add reviewers (Settings → Environments → prod), or have an admin set the repository variable PROD_APPROVAL=dispatch to accept a manual run as the approval. ${PLANS}`,
    ]);
    expect(gateFindings("prod", noReviewers, [{ name: "main" }], "dispatch")).to.deep.equal({
      problems: [],
      warnings: [
        "environment prod has no required reviewers; PROD_APPROVAL=dispatch makes the person who ran this workflow the approval",
      ],
    });
  });

  it("fails any branch policy but main only, and warns of self-review and admin bypass", () => {
    expect(
      gateFindings(
        "prod",
        { protection_rules: [reviewers], deployment_branch_policy: null },
        undefined,
        undefined,
      ).problems,
    ).to.deep.equal([
      'environment prod admits every branch: set Deployment branches and tags to "Selected", main only',
    ]);
    expect(
      gateFindings(
        "prod",
        { protection_rules: [reviewers], deployment_branch_policy: mainOnly },
        [{ name: "main" }, { name: "release/*" }],
        undefined,
      ).problems,
    ).to.deep.equal([
      "environment prod admits branch:main, branch:release/*; its deployment branches must be main only",
    ]);
    expect(
      gateFindings(
        "prod",
        {
          protection_rules: [{ ...reviewers, prevent_self_review: false }],
          deployment_branch_policy: mainOnly,
          can_admins_bypass: true,
        },
        [{ name: "main" }],
        undefined,
      ).warnings,
    ).to.deep.equal([
      'environment prod: "Prevent self-review" is off, so whoever runs the workflow may approve it',
      "environment prod: administrators may bypass its protection rules",
    ]);
  });

  it("reads the environment and its branch policies through gh api", () => {
    const { run, calls } = recorder([
      {
        match: /deployment-branch-policies/,
        stdout: JSON.stringify({ branch_policies: [{ name: "main", type: "branch" }] }),
      },
      {
        match: /environments\/prod$/,
        stdout: JSON.stringify({
          protection_rules: [reviewers],
          deployment_branch_policy: mainOnly,
          can_admins_bypass: false,
        }),
      },
    ]);
    expect(gateMain(["prod"], { GITHUB_REPOSITORY: "o/r" }, run)).to.equal(0);
    expect(calls).to.deep.equal([
      { cmd: "gh", args: ["api", "repos/o/r/environments/prod"] },
      { cmd: "gh", args: ["api", "repos/o/r/environments/prod/deployment-branch-policies"] },
    ]);
    expect(printed).to.deep.equal([
      "prod-gate: environment prod holds deploys for approval and admits main only",
    ]);
    const missing = recorder([{ match: /environments/, status: 1, stderr: "HTTP 404: Not Found" }]);
    expect(() => gateMain(["prod"], { GITHUB_REPOSITORY: "o/r" }, missing.run)).to.throw(
      "environment prod cannot be read (does it exist? the job needs actions: read)\nHTTP 404: Not Found",
    );
  });
});
