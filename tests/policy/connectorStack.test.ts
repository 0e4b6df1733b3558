import { expect } from "chai";
import { ensureTopicsScript } from "../../lib/kafka/topics";
import { connectorDeclaredTopics, connectorSinkBucket, declaredTopics } from "../../policy/connectorStack";
import { topicsInScript } from "../../policy/topicScripts";
import { BUCKET, bucketProps, commandProps, connectorProps, T, TOPICS } from "./fixtures";
import { checkStack, StackFixture, stackResources } from "./harness";

const ok = { violations: [] };
const conn = (config: Record<string, string | undefined> = {}): StackFixture => ({
  type: T.connector,
  name: "orders-connector",
  props: connectorProps(config),
});
const mskTopics = (names = TOPICS): StackFixture[] =>
  names.map((name) => ({ type: T.topic, name: `topic-${name}`, props: { name } }));
const target = {
  binDir: "/opt/kafka/bin",
  bootstrapServers: "b-1:9098",
  commandConfig: "client.properties",
  toolTimeoutSeconds: 120,
  clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/orders/0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-2",
};

describe("policy: declared topics", () => {
  it("reads the program's ensure script, with and without partition handling", () => {
    expect(topicsInScript(ensureTopicsScript(target, { names: TOPICS, configs: {} }))).to.deep.equal(TOPICS);
    expect(
      topicsInScript(
        ensureTopicsScript(target, { names: ["a.b", "c"], partitions: 3, configs: { "retention.ms": "1" } }),
      ),
    ).to.deep.equal(["a.b", "c"]);
  });

  it("reads the walkthrough's literal commands, and ignores expansions and scripts that are not kafka-topics", () => {
    const walkthrough =
      "./kafka-topics.sh --bootstrap-server $B --command-config client.properties --create --topic 0a1b.pin\n" +
      "./kafka-topics.sh --bootstrap-server $B --command-config client.properties --create --topic '0a1b.geo'\n" +
      "./kafka-topics.sh --bootstrap-server $B --create --topic \"$T\"\n./kafka-topics.sh --describe --topic '(x|y)'\n";
    expect(topicsInScript(walkthrough)).to.deep.equal(["0a1b.pin", "0a1b.geo"]);
    expect(topicsInScript("echo --create --topic x")).to.deep.equal([]);
  });

  it("collects MSK API topic names and remote command create/update scripts", () => {
    const resources = stackResources([
      ...mskTopics(["a"]),
      {
        type: T.command,
        name: "cmd",
        props: commandProps({ delete: "kafka-topics.sh --create --topic gone" }),
      },
    ]);
    expect(declaredTopics(resources)).to.deep.equal(["a", ...TOPICS]);
  });
});

describe("policy: connector-declared-topics (stack)", () => {
  it("passes when the regex or the list selects exactly the declared topics", async () => {
    expect(await checkStack(connectorDeclaredTopics, stackResources([conn(), ...mskTopics()]))).to.deep.equal(
      ok,
    );
    const listed = conn({ "topics.regex": undefined, topics: "orders.user,orders.pin,orders.geo" });
    expect(
      await checkStack(
        connectorDeclaredTopics,
        stackResources([listed, { type: T.command, name: "cmd", props: commandProps() }]),
      ),
    ).to.deep.equal(ok);
  });

  it("reports unescaped dots, missed topics, undeclared list entries and a stack without declared topics", async () => {
    const run = async (c: StackFixture, others = mskTopics()) =>
      (await checkStack(connectorDeclaredTopics, stackResources([c, ...others]))).violations;
    expect(await run(conn({ "topics.regex": "(orders.pin|orders.geo|orders.user)" }))).to.deep.equal([
      "connector orders-connector: also reads topics the stack does not declare: orders_pin, orders_geo, orders_user",
    ]);
    expect(await run(conn({ "topics.regex": "orders\\.(pin|geo)x?" }))).to.deep.equal([
      "connector orders-connector: does not read declared topics orders.user",
      "connector orders-connector: also reads topics the stack does not declare: orders.pinx, orders.geox",
    ]);
    expect(
      await run(conn({ "topics.regex": undefined, topics: "orders.pin,orders.geo,orders.user,payments" })),
    ).to.deep.equal(["connector orders-connector: also reads topics the stack does not declare: payments"]);
    expect(await run(conn(), [])).to.deep.equal([
      "connector orders-connector: the stack declares no topics (no aws:msk/topic:Topic, no remote command creating them) to compare with",
    ]);
  });

  it("is not applicable without a connector", async () => {
    expect(await checkStack(connectorDeclaredTopics, stackResources(mskTopics()))).to.deep.equal({
      violations: [],
      notApplicable: "the stack has no connector",
    });
  });
});

describe("policy: connector-sink-bucket (stack)", () => {
  const bucket: StackFixture = { type: T.bucket, name: "sink", props: bucketProps() };

  it("passes when s3.bucket.name is the created bucket, or the configured adopted bucket", async () => {
    expect(await checkStack(connectorSinkBucket, stackResources([bucket, conn()]))).to.deep.equal(ok);
    expect(
      await checkStack(connectorSinkBucket, stackResources([conn()]), { sinkBucket: BUCKET }),
    ).to.deep.equal(ok);
  });

  it("reports a connector writing elsewhere", async () => {
    expect(
      (await checkStack(connectorSinkBucket, stackResources([bucket, conn({ "s3.bucket.name": "scratch" })])))
        .violations,
    ).to.deep.equal([
      `connector orders-connector: s3.bucket.name is "scratch": must be the sink bucket "${BUCKET}"`,
    ]);
    expect(
      (await checkStack(connectorSinkBucket, stackResources([conn()]), { sinkBucket: "adopted" })).violations,
    ).to.deep.equal([
      `connector orders-connector: s3.bucket.name is "${BUCKET}": must be the sink bucket "adopted"`,
    ]);
  });

  it("is not applicable when the stack creates no bucket and names none", async () => {
    expect(await checkStack(connectorSinkBucket, stackResources([conn()]))).to.deep.equal({
      violations: [],
      notApplicable: "the stack creates no bucket and this policy has no sinkBucket config",
    });
  });
});
