import { expect } from "chai";
import { ExecutionRole } from "../../components/executionRole";
import { ResourceMode } from "../../lib/config/enums";
import { IAM_PROPAGATION_SECONDS, iamPropagationDelayMs } from "../../lib/connector/iam";
import { asStackConfig, awsInvokes, CLUSTER_ARN, CREATED_STACK, mskApiInvokes } from "../support/fixtures";
import { installMocks, Output, settle } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";

const ROLE = "aws:iam/role:Role";
const roleArgs = {
  roleName: "u1-msk-connect-role",
  mode: ResourceMode.Create,
  clusterArn: CLUSTER_ARN,
  topicNames: ["u1.pin"],
  bucketArn: "arn:aws:s3:::b",
  objects: { prefix: "topics/", tagging: false },
  region: "us-east-1",
  connectorName: "u1-connector",
};

/** How long the role's ARN takes to resolve when the role was created `ageMs` ago. */
async function arnDelay(ageMs: number, preview: boolean): Promise<number> {
  const createDate = new Date(Date.now() - ageMs).toISOString();
  installMocks(awsInvokes(), "staging", preview, { echo: (type) => (type === ROLE ? { createDate } : {}) });
  const started = Date.now();
  const role = new ExecutionRole("u1-role", roleArgs);
  await (role.arn as unknown as Output).promise();
  await settle();
  return Date.now() - started;
}

describe("a just-created execution role gets time to propagate before the connector assumes it", () => {
  it("waits for what is left of the bound, nothing for an older role, the whole bound for an unreadable date", () => {
    const now = Date.parse("2026-05-01T12:00:30Z");
    expect(IAM_PROPAGATION_SECONDS).to.equal(30);
    expect(iamPropagationDelayMs("2026-05-01T12:00:10Z", now)).to.equal(10_000);
    expect(iamPropagationDelayMs("2026-05-01T11:00:00Z", now)).to.equal(0);
    expect(iamPropagationDelayMs("2026-05-01T12:05:00Z", now)).to.equal(30_000);
    expect(iamPropagationDelayMs("soon", now)).to.equal(30_000);
  });

  it("the role's ARN resolves only after the wait during an update, and at once in a preview", async () => {
    expect(await arnDelay(IAM_PROPAGATION_SECONDS * 1000 - 400, false)).to.be.at.least(300);
    // A preview of a role created this instant would otherwise wait the whole bound (and time out).
    expect(await arnDelay(0, true)).to.be.below(10_000);
  });

  it("the connector takes the role's ARN from the role and its policy, so it is created after both", async () => {
    const run = await runProgram("staging", asStackConfig("us-east-1", CREATED_STACK), mskApiInvokes());
    if (run.error) throw run.error;
    const deps = one(run.resources, "aws:mskconnect/connector:Connector").propertyDependencies
      .serviceExecutionRoleArn;
    expect(deps).to.include.members([
      one(run.resources, ROLE).urn,
      one(run.resources, "aws:iam/rolePolicy:RolePolicy").urn,
    ]);
  });
});
