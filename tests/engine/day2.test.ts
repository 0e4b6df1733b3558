/**
 * The README's commands for a running stack, under the real CLI after the Quick start: adopting a
 * walkthrough clicked through by hand (Day 2), and the operator's outputs and `npm run verify`
 * before anything is deployed. Each ends at the AWS provider boundary or in its one-line message.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { committedStacks } from "../support/stack";
import { emailSubscriptionStatus } from "../../lib/ops/notifications";
import { afterQuickStart, atBoundary, CLI, QuickStart, readmeBlocks, readmeInline, sh } from "./cli";

const devConfig = (qs: QuickStart) =>
  (parse(readFileSync(join(qs.ws.dir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> })
    .config;

describe("Day 2 and operating commands under the real Pulumi CLI", function () {
  let qs: QuickStart;

  before(function () {
    if (!CLI) this.skip();
    qs = afterQuickStart();
  });

  it("adopting a hand-made walkthrough: both imports set as written, the update reaches the boundary; removing them too", () => {
    const [adopt, release] = readmeBlocks("### A walkthrough already clicked through");
    const region = devConfig(qs)["aws:region"] as string;
    const fill = (line: string) =>
      line
        .replace(/<region>/g, region)
        .replace(/<account>/g, "123456789012")
        .replace(/<id>/g, qs.id)
        .replace(/<uuid>/g, "0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-4");
    for (const line of adopt.slice(0, -1)) expect(sh(qs.ws, fill(line)).code, line).to.equal(0);
    const imported = devConfig(qs);
    expect(imported["msk-s3-sink:plugin"]).to.deep.include({
      import: `arn:aws:kafkaconnect:${region}:123456789012:custom-plugin/${qs.id}-plugin/0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-4`,
    });
    expect(adopt[adopt.length - 1]).to.equal("npm run up -- dev");
    atBoundary(sh(qs.ws, adopt[adopt.length - 1], { tty: true }));

    for (const line of release.slice(0, -1)) expect(sh(qs.ws, line).code, line).to.equal(0);
    expect(JSON.stringify(devConfig(qs))).to.not.include("import");
    atBoundary(sh(qs.ws, release[release.length - 1], { tty: true }));
  });

  it("npm run verify (producing and watch only) before a deployment, and for a stack not in the backend or not in the project: one line each, exit 1", () => {
    const [verify, watch] = readmeBlocks("## Verify: records in, objects out");
    expect([verify, watch]).to.deep.equal([["npm run verify -- dev"], ["npm run verify -- prod --watch"]]);
    // dev exists after the Quick start but has no outputs; prod was never selected, so it is not in the backend.
    const said = [
      'verify: stack "dev" has no outputs: run `npm run up -- dev` first\n',
      `verify: stack "prod" is not deployed in file://${qs.ws.dir}/.pulumi-state: run \`npm run up -- prod\` first`,
    ];
    for (const [i, line] of [verify[0], watch[0]].entries()) {
      const undeployed = sh(qs.ws, line);
      expect(undeployed.code, undeployed.output).to.equal(1);
      expect(undeployed.output, undeployed.output).to.include(said[i]);
    }
    const stacks = committedStacks(qs.ws.dir);
    const unknown = sh(qs.ws, "npm run verify -- nosuch");
    expect(unknown.code).to.equal(1);
    expect(unknown.output).to.include(
      `unknown stack "nosuch": there is no Pulumi.nosuch.yaml (stacks: ${stacks.join(", ")})`,
    );
  });

  it("the operator's outputs command runs as written; before a deployment the stack has none", () => {
    const outputs = readmeInline("## Operating it: alarms, dashboard, verify", /stack output/, {
      stack: "dev",
    });
    expect(outputs).to.equal("npm run pulumi -- stack output --stack dev");
    const r = sh(qs.ws, outputs);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.include("Current stack outputs (0)");
  });

  it("the update the alarmEmail output names (up with --refresh) runs as written, to the provider boundary", () => {
    const said = emailSubscriptionStatus("oncall@example.com", true, "dev");
    const command = /then (npm run up -- dev --refresh) shows it confirmed$/.exec(said)?.[1];
    expect(command, said).to.equal("npm run up -- dev --refresh");
    atBoundary(sh(qs.ws, command!, { tty: true }));
  });
});
