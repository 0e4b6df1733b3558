import { expect } from "chai";
import { join } from "node:path";
import { loadPins, loadWorkflows } from "../../../scripts/workflows/check";
import { Job, parseWorkflow, Step, Workflow } from "../../../scripts/workflows/model";
import { checkWorkflows, Pins, RULES } from "../../../scripts/workflows/rules";

const root = join(__dirname, "..", "..", "..");
const PR = ".github/workflows/pull-request.yml";
const DEPLOY = ".github/workflows/deploy.yml";

const committed = { ws: loadWorkflows(root), pins: loadPins(root) };
/** The committed workflows and pins, deep-copied so each case can break one thing. */
const fresh = () => structuredClone(committed);
const wf = (ws: Workflow[], file: string) => ws.find((w) => w.file === file)!;
const job = (ws: Workflow[], file: string, id: string): Job => wf(ws, file).jobs.find((j) => j.id === id)!;
const step = (j: Job, pred: (s: Step) => boolean): Step => j.steps.find(pred)!;
const runs = (text: string) => (s: Step) => (s.run ?? "").includes(text);
const uses = (action: string) => (s: Step) => (s.uses ?? "").startsWith(action);

/** Breaks the committed workflows with `change`, then expects exactly `expected` from `rule`, and the same among all problems. */
function violates(
  rule: keyof typeof RULES,
  change: (ws: Workflow[], pins: Pins) => void,
  expected: string[],
) {
  const { ws, pins } = fresh();
  change(ws, pins);
  expect(RULES[rule](ws, pins)).to.deep.equal(expected);
  expect(checkWorkflows(ws, pins)).to.include.members(expected);
}

describe("workflow rules", () => {
  it("pass on the committed workflows, with both stacks previewed and deployed", () => {
    const { ws, pins } = fresh();
    expect(checkWorkflows(ws, pins)).to.deep.equal([]);
    expect(ws.map((w) => w.file)).to.deep.equal([DEPLOY, PR]);
    expect(job(ws, PR, "preview").matrixStacks).to.deep.equal(["dev", "prod"]);
    expect(
      wf(ws, DEPLOY)
        .jobs.filter((j) => j.environment)
        .map((j) => j.environment),
    ).to.deep.equal(["dev", "prod"]);
  });

  it("read the pins from package.json, .pulumi-version and .node-version", () => {
    const { pins } = fresh();
    expect(pins.pulumiVersionFile).to.equal(pins.packagePulumi);
    expect(pins.engines).to.equal(`>=${pins.nodeVersionFile?.split(".")[0]}`);
  });

  it("parse a workflow's triggers, concurrency and steps", () => {
    const w = parseWorkflow(
      "x.yml",
      "on:\n  push:\n    branches: [main]\nconcurrency: g\njobs:\n  a:\n    environment: {name: dev}\n    concurrency: {group: c, cancel-in-progress: false, queue: max}\n    steps:\n      - uses: pulumi/actions@v7\n        with: {command: up, x: [1]}\n        continue-on-error: true\n",
    );
    expect(w.events).to.deep.equal(["push"]);
    expect(w.pushBranches).to.deep.equal(["main"]);
    expect(w.concurrency).to.deep.equal({ group: "g" });
    expect(w.jobs[0]).to.deep.include({
      environment: "dev",
      concurrency: { group: "c", cancelInProgress: false, queue: "max" },
    });
    expect(w.jobs[0].steps[0]).to.deep.include({
      uses: "pulumi/actions@v7",
      with: { command: "up" },
      continueOnError: true,
    });
  });

  it("staticJobNames: a name with an expression, or none", () =>
    violates(
      "staticJobNames",
      (ws) => {
        job(ws, PR, "preview").name = "preview (${{ matrix.stack }})";
        delete job(ws, DEPLOY, "test").name;
      },
      [
        `${DEPLOY}: jobs.test: has no name; give it a static one (it is what branch protection requires)`,
        `${PR}: jobs.preview: name "preview (\${{ matrix.stack }})" has an expression; a skipped job reports it unexpanded, so use a static name`,
      ],
    ));

  it("pullRequestSummary: the result job must run always and need every job", () => {
    const msg = `${PR}: no summary job with \`if: always()\` that needs every other job (the check branch protection requires)`;
    violates("pullRequestSummary", (ws) => delete job(ws, PR, "result").if, [msg]);
    violates("pullRequestSummary", (ws) => (job(ws, PR, "result").needs = ["test"]), [msg]);
  });

  it("previewConcurrency: per PR, per stack, cancel in progress", () => {
    const at = `${PR}: jobs.preview`;
    violates(
      "previewConcurrency",
      (ws) => (job(ws, PR, "preview").concurrency!.group = "preview-${{ matrix.stack }}"),
      [`${at}: a preview needs a concurrency group per pull request (github.event.pull_request.number)`],
    );
    violates(
      "previewConcurrency",
      (ws) => (job(ws, PR, "preview").concurrency!.group = "preview-${{ github.event.pull_request.number }}"),
      [`${at}: the preview's concurrency group must include matrix.stack (one group per stack)`],
    );
    violates("previewConcurrency", (ws) => (job(ws, PR, "preview").concurrency!.cancelInProgress = false), [
      `${at}: a preview's concurrency group needs cancel-in-progress: true (a newer push supersedes it)`,
    ]);
  });

  it("deployConcurrency: never cancelled, never dropped, per stack", () => {
    const at = `${DEPLOY}: jobs.dev`;
    violates(
      "deployConcurrency",
      (ws) =>
        Object.assign(job(ws, DEPLOY, "dev").concurrency!, {
          cancelInProgress: undefined,
          queue: undefined,
          group: "deploy-${{ github.run_id }}",
        }),
      [
        `${at}: a deploy's concurrency needs cancel-in-progress: false (a cancelled update leaves pending operations)`,
        `${at}: a deploy's concurrency needs queue: max (the default single queue drops a waiting deploy)`,
        `${at}: a deploy's concurrency group must name the stack only, not a PR, run or commit`,
      ],
    );
    violates("deployConcurrency", (ws) => delete job(ws, DEPLOY, "prod").concurrency, [
      `${DEPLOY}: jobs.prod: a deploy needs a job-level concurrency group (one Pulumi update per stack)`,
    ]);
    violates(
      "deployConcurrency",
      (ws) => (wf(ws, DEPLOY).concurrency = { group: "deploy", cancelInProgress: true }),
      [`${DEPLOY}: workflow-level cancel-in-progress: true would cancel running deploys`],
    );
  });

  it("disjointGroups: no pull-request group may equal a deploy group, whatever its case", () => {
    violates("disjointGroups", (ws) => (job(ws, PR, "test").concurrency!.group = "Deploy-Dev"), [
      `${PR}: jobs.test: concurrency group "deploy-dev" is also ${DEPLOY}: jobs.dev's deploy group: it could cancel or drop a deploy`,
    ]);
    violates(
      "disjointGroups",
      (ws) => (job(ws, PR, "preview").concurrency!.group = "deploy-${{ matrix.stack }}"),
      [
        `${PR}: jobs.preview: concurrency group "deploy-dev" is also ${DEPLOY}: jobs.dev's deploy group: it could cancel or drop a deploy`,
        `${PR}: jobs.preview: concurrency group "deploy-prod" is also ${DEPLOY}: jobs.prod's deploy group: it could cancel or drop a deploy`,
      ],
    );
  });

  it("deployBranchGuard: main only, never from a pull request trigger", () => {
    violates("deployBranchGuard", (ws) => (job(ws, DEPLOY, "dev").if = "always()"), [
      `${DEPLOY}: jobs.dev: a deploy job needs \`if:\` with github.ref == 'refs/heads/main' (manual runs can pick any branch)`,
    ]);
    violates(
      "deployBranchGuard",
      (ws) => {
        wf(ws, DEPLOY).events.push("pull_request");
        wf(ws, DEPLOY).pushBranches = ["main", "release/*"];
      },
      [
        `${DEPLOY}: deploy jobs in a pull_request-triggered workflow`,
        `${DEPLOY}: on.push.branches must be [main] in a workflow that deploys`,
      ],
    );
  });

  it("environments: deploys in a static environment, previews never in a deploy one", () => {
    violates("environments", (ws) => delete job(ws, DEPLOY, "dev").environment, [
      `${DEPLOY}: jobs.dev: a deploy job needs a static environment (its protection rules, values and OIDC subject)`,
    ]);
    violates("environments", (ws) => (job(ws, PR, "preview").environment = "${{ matrix.stack }}"), [
      `${PR}: jobs.preview: a preview must not use deploy environment "dev" (it would get the deploy role)`,
      `${PR}: jobs.preview: a preview must not use deploy environment "prod" (it would get the deploy role)`,
    ]);
  });

  it("protectedDeploys: prod only by dispatch, after the gate", () =>
    violates(
      "protectedDeploys",
      (ws) => {
        job(ws, DEPLOY, "prod").if = "github.ref == 'refs/heads/main'";
        job(ws, DEPLOY, "prod").needs = ["dev"];
      },
      [
        `${DEPLOY}: jobs.prod: deploys of prod need \`if:\` with github.event_name == 'workflow_dispatch'`,
        `${DEPLOY}: jobs.prod: must need the job that runs scripts/ci/prod-gate.ts (fail closed without required reviewers)`,
      ],
    ));

  it("deploysNeedTests: every deploy waits for npm test of its commit", () =>
    violates("deploysNeedTests", (ws) => (job(ws, DEPLOY, "dev").needs = []), [
      `${DEPLOY}: jobs.dev: a deploy must need (directly or not) a job that runs npm test on the same commit`,
      `${DEPLOY}: jobs.prod: a deploy must need (directly or not) a job that runs npm test on the same commit`,
    ]));

  it("sessionCoversTimeout: the AWS session lasts as long as the job", () => {
    const creds = (ws: Workflow[]) =>
      step(job(ws, DEPLOY, "dev"), uses("aws-actions/configure-aws-credentials"));
    violates("sessionCoversTimeout", (ws) => (creds(ws).with["role-duration-seconds"] = 3600), [
      `${DEPLOY}: jobs.dev: role-duration-seconds 3600 is shorter than timeout-minutes 120 (7200 s)`,
    ]);
    violates("sessionCoversTimeout", (ws) => delete creds(ws).with["role-duration-seconds"], [
      `${DEPLOY}: jobs.dev: set role-duration-seconds (the default is 1 hour)`,
    ]);
    violates("sessionCoversTimeout", (ws) => (creds(ws).with["role-duration-seconds"] = 43201), [
      `${DEPLOY}: jobs.dev: role-duration-seconds 43201 exceeds IAM's 12-hour maximum`,
    ]);
    violates("sessionCoversTimeout", (ws) => delete job(ws, PR, "preview").timeoutMinutes, [
      `${PR}: jobs.preview: a job with AWS credentials needs timeout-minutes`,
    ]);
  });

  it("cliPinned: one exact version in package.json and .pulumi-version, installed before any CLI call", () => {
    violates("cliPinned", (_, pins) => (pins.pulumiVersionFile = "3.200.0"), [
      `.pulumi-version "3.200.0" differs from package.json's pulumi "${fresh().pins.packagePulumi}"`,
    ]);
    violates(
      "cliPinned",
      (_, pins) => {
        pins.packagePulumi = "^3.0.0";
        pins.pulumiVersionFile = "^3.0.0";
      },
      ['package.json: devDependencies.pulumi must be an exact version, not "^3.0.0"'],
    );
    violates(
      "cliPinned",
      (ws) => {
        const install = step(job(ws, DEPLOY, "prod"), uses("pulumi/actions"));
        install.with = { "pulumi-version": "3.265.0" };
      },
      [
        `${DEPLOY}: jobs.prod: pulumi/actions needs pulumi-version-file: .pulumi-version (else it uses any 3.x)`,
      ],
    );
    violates(
      "cliPinned",
      (ws) =>
        (job(ws, PR, "preview").steps = job(ws, PR, "preview").steps.filter(
          (s) => !uses("pulumi/actions")(s),
        )),
      [`${PR}: jobs.preview: runs the Pulumi CLI before installing the pinned one with pulumi/actions`],
    );
  });

  it("nodeVersion: Node 24 actions, setup-node from .node-version, engines agreeing", () => {
    violates(
      "nodeVersion",
      (_, pins) => {
        pins.nodeVersionFile = "20.19.0";
      },
      [
        '.node-version must be an exact Node 24 or later version, not "20.19.0"',
        `package.json: engines.node must be ">=20" (as .node-version), not "${fresh().pins.engines}"`,
      ],
    );
    violates(
      "nodeVersion",
      (ws) => {
        const j = job(ws, PR, "test");
        step(j, uses("actions/setup-node")).with = { "node-version": 20 };
        step(j, uses("actions/setup-go")).uses = "actions/setup-go@v5";
      },
      [
        `${PR}: jobs.test: setup-node needs node-version-file: .node-version`,
        `${PR}: jobs.test: actions/setup-go@v5 runs on Node 20; use actions/setup-go@v6 or later`,
      ],
    );
    violates(
      "nodeVersion",
      (ws) => (step(job(ws, DEPLOY, "dev"), uses("pulumi/actions")).uses = "pulumi/actions@v6"),
      [`${DEPLOY}: jobs.dev: pulumi/actions@v6 runs on Node 20; use pulumi/actions@v7 or later`],
    );
  });

  it("previewSkipsForksAndDependabot: both are skipped explicitly", () =>
    violates(
      "previewSkipsForksAndDependabot",
      (ws) =>
        (job(ws, PR, "preview").if = "github.event.pull_request.head.repo.full_name == github.repository"),
      [
        `${PR}: jobs.preview: a preview needs \`if:\` skipping fork PRs and github.actor == 'dependabot[bot]' (no secrets there)`,
      ],
    ));

  it("previewCommentsOnFailure: continue on error, comment unless cancelled, then fail", () => {
    const at = `${PR}: jobs.preview`;
    violates(
      "previewCommentsOnFailure",
      (ws) => (step(job(ws, PR, "preview"), (s) => s.id === "preview").continueOnError = false),
      [`${at}: the preview step needs an id and continue-on-error: true`],
    );
    violates(
      "previewCommentsOnFailure",
      (ws) => (step(job(ws, PR, "preview"), runs("pr-comment.ts")).if = "success()"),
      [`${at}: after the preview, a step running scripts/ci/pr-comment.ts with \`if: \${{ !cancelled() }}\``],
    );
    violates("previewCommentsOnFailure", (ws) => job(ws, PR, "preview").steps.pop(), [
      `${at}: after the comment, a step that fails when steps.preview.outcome == 'failure'`,
    ]);
  });

  it("sshAlwaysClosed: the ingress opened for a deploy is closed in every case", () =>
    violates(
      "sshAlwaysClosed",
      (ws) => delete step(job(ws, DEPLOY, "dev"), runs("ssh-ingress.ts close")).if,
      [
        `${DEPLOY}: jobs.dev: opens SSH ingress without a later \`if: always()\` step running ssh-ingress.ts close`,
      ],
    ));

  it("queueValues: single or max, and never max with cancel-in-progress", () =>
    violates(
      "queueValues",
      (ws) => {
        job(ws, DEPLOY, "dev").concurrency!.queue = "maxx";
        job(ws, PR, "test").concurrency!.queue = "max";
      },
      [
        `${DEPLOY}: jobs.dev: concurrency queue "maxx" is not single or max`,
        `${PR}: jobs.test: queue: max with cancel-in-progress: true is invalid`,
      ],
    ));
});
