/**
 * docs/ci-cd.md under the real Pulumi CLI after the Quick start. "When a runner is lost mid-`up`": a runner
 * that dies mid-`up` leaves its lock in the backend; the next `up` is refused, the docs' `cancel` removes the
 * lock, their `refresh` succeeds, and `up` runs again (to the AWS provider boundary). Step 5: a stack moves
 * to another backend with the docs' `stack export` and `stack import`.
 */
import { expect } from "chai";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  afterQuickStart,
  atBoundary,
  CLI,
  errorLines,
  QuickStart,
  readmeInline,
  sh,
  stackResources,
} from "./cli";

const HEADING = "### When a runner is lost mid-`up`";

describe("docs/ci-cd.md: a runner lost mid-up, and a stack moved between backends, under the real Pulumi CLI", function () {
  let qs: QuickStart;
  // The lock a self-managed backend writes when an update starts and deletes when it ends, as the CLI names it
  // (pkg/backend/diy/lock.go lockPath, backend.go FullyQualifiedName: organization/<project>/<stack>).
  const locks = () =>
    join(qs.ws.dir, ".pulumi-state", ".pulumi", "locks", "organization", "msk-s3-sink", "dev");
  before(function () {
    if (!CLI) this.skip();
    qs = afterQuickStart();
  });
  after(() => qs && rmSync(locks(), { recursive: true, force: true }));

  it("a lost runner's lock refuses up; the docs' cancel removes it and their refresh succeeds; up runs again", () => {
    mkdirSync(locks(), { recursive: true });
    const lost = { pid: 4242, username: "runner", hostname: "fv-az123-4", timestamp: "2026-12-03T10:00:00Z" };
    writeFileSync(join(locks(), "lost-runner.json"), JSON.stringify(lost));
    expect(errorLines(sh(qs.ws, "npm run up -- dev --yes").output)).to.deep.equal([
      "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.",
    ]);
    const cancel = readmeInline(HEADING, /^npm run pulumi -- cancel/);
    expect(cancel).to.equal("npm run pulumi -- cancel --stack dev --yes");
    const canceled = sh(qs.ws, cancel);
    expect([canceled.code, readdirSync(locks())], canceled.output).to.deep.equal([0, []]);
    expect(canceled.output).to.include("The currently running update for 'dev' has been canceled!");
    const refresh = readmeInline(HEADING, /^npm run refresh/);
    const answer = { prompt: "Do you want to perform this refresh?", keys: ["yes", "\r"] };
    const refreshed = sh(qs.ws, refresh, { answer });
    expect([refreshed.code, errorLines(refreshed.output)], refreshed.output).to.deep.equal([0, []]);
    atBoundary(sh(qs.ws, "npm run up -- dev --yes"));
  });

  it("a stack deployed from a workstation moves to the CI backend with the docs' stack export and stack import", () => {
    const stackFile = readFileSync(join(qs.ws.dir, "Pulumi.dev.yaml"), "utf8");
    const exported = readmeInline("### Set it up, in order", /^npm run pulumi -- stack export/);
    expect([exported, sh(qs.ws, exported).code]).to.deep.equal([
      "npm run pulumi -- stack export --stack dev --file dev.json",
      0,
    ]);
    const moved = join(qs.ws.dir, "ci-state");
    const ci = { ...qs.ws, env: { ...qs.ws.env, PULUMI_BACKEND_URL: `file://${moved}` } };
    mkdirSync(moved);
    expect(sh(ci, "npm run pulumi -- stack init dev --secrets-provider passphrase").code).to.equal(0);
    const imported = readmeInline("### Set it up, in order", /^npm run pulumi -- stack import/);
    const r = sh(ci, imported);
    expect([imported, r.code, errorLines(r.output)], r.output).to.deep.equal([
      "npm run pulumi -- stack import --stack dev --file dev.json",
      0,
      [],
    ]);
    expect(readdirSync(join(moved, ".pulumi", "stacks", "msk-s3-sink"))).to.include("dev.json");
    expect(stackResources(ci, "dev")).to.deep.equal(stackResources(qs.ws, "dev"));
    rmSync(join(qs.ws.dir, "dev.json"));
    writeFileSync(join(qs.ws.dir, "Pulumi.dev.yaml"), stackFile);
  });
});
