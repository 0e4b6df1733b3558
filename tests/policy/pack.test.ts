import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  ALL_POLICIES,
  BUCKET_POLICIES,
  CONNECTOR_POLICIES,
  OPERATIONS_POLICIES,
  ROLE_POLICIES,
  TOPICS_POLICIES,
} from "../../policy/policies";

const POLICY_DIR = join(__dirname, "..", "..", "policy");

describe("policy pack layout", () => {
  it("names every rule once, each with a description and an explicit enforcement level", () => {
    const names = ALL_POLICIES.map((p) => p.name);
    expect(new Set(names).size).to.equal(names.length);
    expect(ALL_POLICIES).to.have.length(
      BUCKET_POLICIES.length +
        CONNECTOR_POLICIES.length +
        ROLE_POLICIES.length +
        TOPICS_POLICIES.length +
        OPERATIONS_POLICIES.length,
    );
    for (const p of ALL_POLICIES) {
      expect(p.description, p.name).to.match(/\w/);
      expect(p.enforcementLevel, p.name).to.be.oneOf(["mandatory", "advisory"]);
    }
  });

  it("only the dev variants (worker logs, alarms) and the null-values rule are advisory", () => {
    expect(ALL_POLICIES.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name)).to.deep.equal([
      "connector-worker-logs-dev",
      "connector-null-values-explicit",
      "pipeline-alarms-dev",
    ]);
  });

  it("is a nodejs pack the CLI can load: PulumiPolicy.yaml, and a package.json with the version PolicyPack reads", () => {
    expect(parse(readFileSync(join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8"))).to.include({
      runtime: "nodejs",
    });
    const pkg = JSON.parse(readFileSync(join(POLICY_DIR, "package.json"), "utf8")) as { version?: string };
    expect(pkg.version).to.match(/^\d+\.\d+\.\d+$/);
  });
});
