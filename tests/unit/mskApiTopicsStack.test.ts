import { expect } from "chai";
import { awsInvokes, CLUSTER_ARN, GET_TOPIC } from "../support/fixtures";
import { Inputs, invokeError, Invokes } from "../support/pulumiMocks";
import { runProgram } from "../support/stack";

/** Spelled out rather than imported from lib/: the provider's type token. */
const MSK_TOPIC_TYPE = "aws:msk/topic:Topic";
const NS = "msk-s3-sink";
/** A stack of its own: MSK API topics on a provisioned Kafka 3.6 cluster. */
const config = {
  "aws:region": "us-east-1",
  [`${NS}:userId`]: "u1",
  [`${NS}:topicManagement`]: "msk-api",
  [`${NS}:cluster`]: JSON.stringify({ name: "pinterest-msk-cluster", kafkaVersion: "3.6.0" }),
  [`${NS}:topics`]: JSON.stringify({ partitions: 3, replicationFactor: 3 }),
};
const TOPICS = ["u1.pin", "u1.geo", "u1.user"];

/** The account's lookups, with the cluster on 3.6.0 and getTopic answering from `live` (absent: NotFound). */
function invokes(live: (name: string) => Inputs | Error | undefined, asked: string[] = []): Invokes {
  const all = awsInvokes();
  const cluster = all["aws:msk/getCluster:getCluster"];
  return {
    ...all,
    "aws:msk/getCluster:getCluster": (a) => ({ ...cluster(a), kafkaVersion: "3.6.0" }),
    [GET_TOPIC]: (a) => {
      asked.push(`${String(a.clusterArn)} ${String(a.name)}`);
      const found = live(String(a.name));
      if (found instanceof Error) throw found;
      return found ? { clusterArn: a.clusterArn, name: a.name, ...found } : all[GET_TOPIC](a);
    },
  };
}

describe("MSK API topics: the stack on the mock runtime", () => {
  it("reads every topic by cluster ARN; new ones are created, never replaced later (ignoreChanges on the replication factor)", async () => {
    const asked: string[] = [];
    const run = await runProgram(
      "prod",
      config,
      invokes(() => undefined, asked),
    );
    if (run.error) throw run.error;
    expect(asked).to.deep.equal(TOPICS.map((t) => `${CLUSTER_ARN} ${t}`));
    const topics = run.resources.filter((r) => r.type === MSK_TOPIC_TYPE);
    expect(topics.map((t) => [t.inputs.name, t.inputs.replicationFactor, t.ignoreChanges])).to.deep.equal(
      TOPICS.map((t) => [t, 3, ["replicationFactor"]]),
    );
  });

  it("a replication-factor change is refused before any resource is registered", async () => {
    const run = await runProgram(
      "prod",
      config,
      invokes((n) => (n === "u1.geo" ? { partitionCount: 3, replicationFactor: 2 } : undefined)),
    );
    expect(run.error?.message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:topics.replicationFactor = 3: topic u1.geo has replication factor 2 on the cluster, and the MSK API cannot change it (aws.msk.Topic would be replaced, and Kafka refuses a new topic while the old one of that name exists). Keep 2, or reassign the replicas by hand with kafka-reassign-partitions.sh and then set 3`,
    );
    expect(run.resources).to.deep.equal([]);
  });

  it("a partition decrease is refused before any resource is registered; an increase goes ahead", async () => {
    const shrink = await runProgram(
      "prod",
      config,
      invokes(() => ({ partitionCount: 4, replicationFactor: 3 })),
    );
    expect(shrink.error?.message.split("\n")).to.deep.equal([
      `Invalid ${NS} configuration:`,
      ...TOPICS.map(
        (t) =>
          `  - ${NS}:topics.partitions = 3: topic ${t} has 4 partitions on the cluster; Kafka cannot decrease them, so keep 4 or more`,
      ),
    ]);
    expect(shrink.resources).to.deep.equal([]);
    const grow = await runProgram(
      "prod",
      config,
      invokes(() => ({ partitionCount: 1, replicationFactor: 3 })),
    );
    if (grow.error) throw grow.error;
    expect(
      grow.resources.filter((r) => r.type === MSK_TOPIC_TYPE).map((t) => t.inputs.partitionCount),
    ).to.deep.equal([3, 3, 3]);
  });

  it("a topic the lookup cannot read is a warning, and the stack goes on", async () => {
    const denied = invokeError(
      "invoking aws:msk/getTopic:getTopic: 1 error occurred:\n\t* reading MSK Topic: AccessDeniedException: User is not authorized to perform: kafka:DescribeTopic",
    );
    const run = await runProgram(
      "prod",
      config,
      invokes((n) => (n === "u1.pin" ? denied : undefined)),
    );
    if (run.error) throw run.error;
    const warnings = run.warnings;
    expect(warnings).to.deep.equal([
      `could not read topic u1.pin through the MSK API (invoking aws:msk/getTopic:getTopic: 1 error occurred: * reading MSK Topic: AccessDeniedException: User is not authorized to perform: kafka:DescribeTopic); its partitions and replication factor were not compared with ${NS}:topics`,
    ]);
    expect(run.resources.filter((r) => r.type === MSK_TOPIC_TYPE)).to.have.length(3);
  });
});
