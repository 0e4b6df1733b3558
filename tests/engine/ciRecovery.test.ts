/**
 * docs/ci-cd.md, "When a runner is lost mid-`up`", under the real Pulumi CLI after the Quick start: a runner
 * that dies mid-`up` leaves its lock in the backend; the next `up` is refused, the docs' `cancel` removes the
 * lock, their `refresh` succeeds, and `up` runs again (to the AWS provider boundary).
 */
import { expect } from "chai";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterQuickStart, atBoundary, CLI, errorLines, QuickStart, readmeInline, sh } from "./cli";

const HEADING = "### When a runner is lost mid-`up`";

describe("docs/ci-cd.md: recovery from a runner lost mid-up, under the real Pulumi CLI", function () {
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
});
