import { expect } from "chai";
import { clusterMovedWarning, connectorNetwork } from "../../lib/connector/network";
import { awsInvokes, IAM_BROKERS, SECURITY_GROUPS, SSH_KEY, SUBNETS } from "../support/fixtures";
import * as pulumi from "@pulumi/pulumi";
import { deployedConnector, runAfter, runFirst } from "../support/lifecycle";
import { at, invokeError } from "../support/pulumiMocks";
import { one, ProgramRun, runProgram } from "../support/stack";
import { WALKTHROUGH } from "../support/worlds";

const KEY = "msk-s3-sink:sshPrivateKey";
const CONNECTOR = "aws:mskconnect/connector:Connector";
const live = { bootstrapServers: IAM_BROKERS, subnetIds: SUBNETS, securityGroupIds: SECURITY_GROUPS };
const BROKER_3 = "b-3.pinterest.abc123.c2.kafka.us-east-1.amazonaws.com:9098";
const MOVED = {
  bootstrapServers: `${IAM_BROKERS},${BROKER_3}`,
  subnetIds: SUBNETS,
  securityGroupIds: [...SECURITY_GROUPS, "sg-0fedcba9876543210"],
};

/** The cluster lookup of an account whose cluster has a third broker and another security group. */
const movedCluster = () =>
  awsInvokes({
    "aws:msk/getCluster:getCluster": {
      arn: at(awsInvokes()["aws:msk/getCluster:getCluster"]({}), "arn"),
      clusterName: "pinterest-msk-cluster",
      kafkaVersion: "2.8.1",
      bootstrapBrokersSaslIam: MOVED.bootstrapServers,
      bootstrapBrokersTls: "",
      bootstrapBrokers: "",
      brokerNodeGroupInfos: [{ clientSubnets: MOVED.subnetIds, securityGroups: MOVED.securityGroupIds }],
    },
  });

describe("the connector's network when the cluster changes (rule)", () => {
  it("a stack without a connector yet takes the live cluster's", () => {
    expect(connectorNetwork({ live, configured: {}, follow: false })).to.deep.equal({
      network: live,
      notApplied: [],
    });
  });

  it("a deployed connector keeps its network and each difference is named; following applies them", () => {
    const kept = connectorNetwork({ live: MOVED, configured: {}, deployed: live, follow: false });
    expect(kept.network).to.deep.equal(live);
    expect(kept.notApplied).to.deep.equal([
      `brokers are now ${MOVED.bootstrapServers} (the connector has ${IAM_BROKERS})`,
      `security groups are now [${MOVED.securityGroupIds.join(", ")}] (the connector has [${SECURITY_GROUPS.join(", ")}])`,
    ]);
    expect(connectorNetwork({ live: MOVED, configured: {}, deployed: live, follow: true })).to.deep.equal({
      network: MOVED,
      notApplied: [],
    });
  });

  it("the same brokers or groups in another order are no change; values set in config always apply", () => {
    const reordered = { ...live, bootstrapServers: IAM_BROKERS.split(",").reverse().join(",") };
    expect(
      connectorNetwork({ live: reordered, configured: {}, deployed: live, follow: false }),
    ).to.deep.equal({
      network: live,
      notApplied: [],
    });
    const configured = { subnetIds: ["subnet-0ffff"] };
    const chosen = connectorNetwork({
      live: { ...MOVED, ...configured },
      configured,
      deployed: live,
      follow: false,
    });
    expect(chosen.network.subnetIds).to.deep.equal(["subnet-0ffff"]);
  });
});

// On the tests' own walkthrough world (remote topics, pinterest-msk-cluster in us-east-1), not Pulumi.dev.yaml.
describe("a routine cluster change between two `pulumi up`s (stack dev)", () => {
  const id = WALKTHROUGH["msk-s3-sink:userId"];
  const dev = (invokes = awsInvokes(), connector?: object) => ({
    config: {
      ...WALKTHROUGH,
      [KEY]: SSH_KEY,
      ...(connector ? { "msk-s3-sink:connector": JSON.stringify(connector) } : {}),
    },
    invokes,
    secretKeys: [KEY],
  });

  let deployed: ProgramRun;
  before(async () => {
    deployed = await runFirst("dev", dev());
  });
  // The account: the connector the first `up` made runs on the cluster's network of that day.
  const world = { existing: [deployedConnector(`${id}-connector`, live)] };

  it("does not replace the connector; the preview warns with what changed and the setting that applies it", async () => {
    const { first, second, diff } = await runAfter("dev", deployed, dev(movedCluster()), world);
    expect(diff.replaceForcing).to.deep.equal({});
    // The topic script dials the brokers the cluster has now: updated in place (it is idempotent).
    expect(diff.inPlace).to.deep.equal({
      [`command:remote:Command ${id}-topics-ensure`]: ["create", "update"],
    });
    expect(one(second.resources, CONNECTOR).inputs.kafkaCluster).to.deep.equal(
      one(first.resources, CONNECTOR).inputs.kafkaCluster,
    );
    expect(second.warnings).to.deep.equal([
      clusterMovedWarning(
        "pinterest-msk-cluster",
        `${id}-connector`,
        [
          `brokers are now ${MOVED.bootstrapServers} (the connector has ${IAM_BROKERS})`,
          `security groups are now [${MOVED.securityGroupIds.join(", ")}] (the connector has [${SECURITY_GROUPS.join(", ")}])`,
        ],
        "dev",
      ),
    ]);
    expect(second.warnings[0]).to.match(
      /offsets kept\)\. To apply it: npm run pulumi -- config set --path connector\.followClusterChanges true --stack dev$/,
    );
    expect(second.reads.map((r) => r.type)).to.deep.equal([CONNECTOR]);
    expect(first.warnings).to.deep.equal([]);
  });

  it("with connector.followClusterChanges the change goes through: the connector is replaced, no warning", async () => {
    const { second, diff } = await runAfter(
      "dev",
      deployed,
      dev(movedCluster(), { followClusterChanges: true }),
      world,
    );
    expect(diff.replaceForcing).to.deep.equal({ [`${CONNECTOR} ${id}-connector`]: ["kafkaCluster"] });
    expect(at(one(second.resources, CONNECTOR).inputs, "kafkaCluster", "apacheKafkaCluster")).to.deep.equal({
      bootstrapServers: MOVED.bootstrapServers,
      vpc: { subnets: MOVED.subnetIds, securityGroups: MOVED.securityGroupIds },
    });
    expect(second.warnings).to.deep.equal([]);
  });

  it("after a first `up` that failed with the connector created (no stack outputs), the connector keeps its network", async () => {
    // pulumi/pulumi#16289: a new stack whose first update fails records no outputs; the connector it created
    // is in the account all the same.
    const failed = { ...deployed, outputs: undefined };
    const { second, diff } = await runAfter("dev", failed, dev(movedCluster()), world);
    expect(diff.replaceForcing).to.deep.equal({});
    expect(at(one(second.resources, CONNECTOR).inputs, "kafkaCluster", "apacheKafkaCluster")).to.deep.equal({
      bootstrapServers: IAM_BROKERS,
      vpc: { subnets: SUBNETS, securityGroups: SECURITY_GROUPS },
    });
    expect(second.reads.map((r) => r.type)).to.deep.equal([CONNECTOR]);
  });

  it("a connector gone from the account (deleted by hand) is created with the live cluster's network", async () => {
    // The fixtures' account holds no connector: getConnector answers the provider's "no matching" error.
    const run = await runProgram("dev", dev().config, movedCluster(), [KEY]);
    if (run.error) throw run.error;
    expect(run.invoked).to.include("aws:mskconnect/getConnector:getConnector");
    expect(
      at(one(run.resources, CONNECTOR).inputs, "kafkaCluster", "apacheKafkaCluster", "bootstrapServers"),
    ).to.equal(MOVED.bootstrapServers);
    expect(run.warnings).to.deep.equal([]);
  });

  it("keeps the network the account says the connector runs on, not what the first run passed", async () => {
    // The account's connector runs in two of the cluster's three client subnets (whatever the first run passed).
    const ran = { ...live, subnetIds: SUBNETS.slice(0, 2) };
    const account = { existing: [deployedConnector(`${id}-connector`, ran)] };
    const { second } = await runAfter("dev", deployed, dev(), account);
    expect(
      at(one(second.resources, CONNECTOR).inputs, "kafkaCluster", "apacheKafkaCluster", "vpc"),
    ).to.deep.equal({
      subnets: ran.subnetIds,
      securityGroups: SECURITY_GROUPS,
    });
    expect(second.warnings).to.deep.equal([
      clusterMovedWarning(
        "pinterest-msk-cluster",
        `${id}-connector`,
        [`client subnets are now [${SUBNETS.join(", ")}] (the connector has [${ran.subnetIds.join(", ")}])`],
        "dev",
      ),
    ]);
  });

  it("a failed read of the deployed connector stops the run before anything is registered, naming the permissions and the cause", async () => {
    const failing = (awsError: string) => ({
      ...movedCluster(),
      "aws:mskconnect/getConnector:getConnector": () => {
        throw invokeError(
          `invoking aws:mskconnect/getConnector:getConnector: 1 error occurred:\n\t* reading MSK Connect Connector: operation error KafkaConnect: ListConnectors, ${awsError}\n\n`,
        );
      },
    });
    const cases = [
      "https response error StatusCode: 403, RequestID: 5d0c6a4e-2f1b-4c3d-9e8f-7a6b5c4d3e2f, api error AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: kafkaconnect:ListConnectors",
      "exceeded maximum number of attempts, 3, https response error StatusCode: 429, RequestID: 0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d, api error TooManyRequestsException: Rate exceeded",
    ];
    for (const awsError of cases) {
      const run = await runProgram("dev", dev().config, failing(awsError), [KEY]);
      expect(pulumi.RunError.isInstance(run.error), awsError).to.equal(true);
      expect(run.error?.message).to.equal(
        `connector ${id}-connector could not be read back (invoking aws:mskconnect/getConnector:getConnector: 1 error occurred: * reading MSK Connect Connector: operation error KafkaConnect: ListConnectors, ${awsError}), and its network decides whether it is replaced, so nothing was changed: the deployer needs kafkaconnect:ListConnectors and kafkaconnect:ListTagsForResource; if AWS throttled the request, run again`,
      );
      expect(run.resources).to.deep.equal([]);
      expect(run.reads).to.deep.equal([]);
    }
  });
});
