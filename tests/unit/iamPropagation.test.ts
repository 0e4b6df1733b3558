import { expect } from "chai";
import { mskApiInvokes } from "../support/fixtures";
import { runTwice, RunSpec } from "../support/lifecycle";
import { one, runProgram } from "../support/stack";
import { COMPANY, devConfig } from "../support/worlds";
import { awsInvokes } from "../support/fixtures";

const NS = "msk-s3-sink";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const SLEEP = "command:local:Command";
const id = COMPANY[`${NS}:userId`];
const prod = (topics?: string[]): RunSpec => ({
  config: topics
    ? {
        ...COMPANY,
        [`${NS}:topics`]: JSON.stringify({ ...JSON.parse(COMPANY[`${NS}:topics`]), names: topics }),
      }
    : COMPANY,
  invokes: mskApiInvokes(),
});

describe("a created execution role gets time to propagate before the connector assumes it", () => {
  it("waits terraform-provider-aws's own IAM propagation bound, after the role and its policy are put", async () => {
    const run = await runProgram("prod", prod().config, prod().invokes);
    if (run.error) throw run.error;
    const sleep = one(run.resources, SLEEP, `${id}-role-propagation`);
    // internal/service/iam/wait.go: propagationTimeout = 2 * time.Minute, the longest the provider itself
    // waits for an IAM change to propagate.
    expect(sleep.inputs.create).to.equal('node -e "setTimeout(() => {}, 120000)"');
    const role = one(run.resources, ROLE);
    const policy = one(run.resources, ROLE_POLICY);
    expect(sleep.dependencies).to.include.members([role.urn, policy.urn]);
    // The trust policy (which connector may assume it) and the permissions: a change of either sleeps again.
    expect(sleep.inputs.triggers).to.deep.equal([
      role.outputs.arn,
      role.inputs.assumeRolePolicy,
      policy.inputs.policy,
    ]);
    // The connector takes the ARN once the policy is put, and depends on the role's component: it waits
    // for the sleep as well, without the sleep's id in its inputs.
    const connector = one(run.resources, "aws:mskconnect/connector:Connector");
    expect(connector.propertyDependencies.serviceExecutionRoleArn).to.include.members([role.urn, policy.urn]);
    expect(connector.propertyDependencies.serviceExecutionRoleArn).to.not.include(sleep.urn);
    // The SDK sends a component dependency as the component and its children (runtime/dependsOn.ts
    // getAllTransitivelyReferencedResourceURNs): the engine sees the sleep among the connector's dependencies.
    expect(connector.dependencies).to.include(sleep.urn);
  });

  it("counts from the policy's attachment: a changed policy of a long-existing role sleeps again, an unchanged one never", async () => {
    const topics = [`${id}.pin`, `${id}.geo`, `${id}.user`];
    const changed = await runTwice("prod", prod(topics), prod([...topics, `${id}.orders`]));
    expect(changed.diff.inPlace[`${ROLE_POLICY} ${id}-role-policy`]).to.deep.equal(["policy"]);
    expect(changed.diff.replaceForcing[`${SLEEP} ${id}-role-propagation`]).to.deep.equal(["triggers"]);
    const same = await runTwice("prod", prod(topics), prod(topics));
    expect(same.diff).to.deep.equal({ replaceForcing: {}, inPlace: {}, created: [], deleted: [] });
  });

  it("an adopted role is never waited for: it is looked up, not put", async () => {
    const run = await runProgram("dev", devConfig(), awsInvokes(), [`${NS}:sshPrivateKey`]);
    if (run.error) throw run.error;
    expect(run.resources.filter((r) => r.type === SLEEP)).to.deep.equal([]);
  });
});
