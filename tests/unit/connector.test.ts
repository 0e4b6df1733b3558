import { connectorCapacity } from "../../lib/connector/capacity";
import { expect } from "chai";
import {
  connectorProperties,
  topicKeyPrefixes,
  topicPrefixes,
  walkthroughProperties,
} from "../../lib/connector/properties";
import { exactTopicsRegex, javaRegexLiteral } from "../../lib/config/names";

const topics = ["0a1b.pin", "0a1b.geo", "0a1b.user"];
const target = {
  region: "us-east-1",
  bucket: "user-0a1b-bucket",
  topics,
  preset: "walkthrough" as const,
  overrides: {},
};

describe("connector properties", () => {
  it("are the walkthrough's, item by item and in its order, with an exact topics.regex", () => {
    expect(Object.entries(walkthroughProperties(target))).to.deep.equal([
      ["connector.class", "io.confluent.connect.s3.S3SinkConnector"],
      ["s3.region", "us-east-1"],
      ["flush.size", "1"],
      ["schema.compatibility", "NONE"],
      ["tasks.max", "3"],
      ["topics.regex", "(0a1b\\.pin|0a1b\\.geo|0a1b\\.user)"],
      ["format.class", "io.confluent.connect.s3.format.json.JsonFormat"],
      ["partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner"],
      ["value.converter.schemas.enable", "false"],
      ["value.converter", "org.apache.kafka.connect.json.JsonConverter"],
      ["storage.class", "io.confluent.connect.s3.storage.S3Storage"],
      ["key.converter", "org.apache.kafka.connect.storage.StringConverter"],
      ["s3.bucket.name", "user-0a1b-bucket"],
    ]);
  });

  it("walkthrough preset without overrides is exactly the walkthrough", () => {
    expect(connectorProperties(target)).to.deep.equal(walkthroughProperties(target));
  });

  it("stack overrides win over preset and base", () => {
    const props = connectorProperties({
      ...target,
      preset: "bulk",
      overrides: { "flush.size": "7", "behavior.on.null.values": "fail" },
    });
    expect(props["flush.size"]).to.equal("7");
    expect(props["behavior.on.null.values"]).to.equal("fail");
    expect(props["s3.bucket.name"]).to.equal("user-0a1b-bucket");
  });

  it("topic prefixes follow topics.dir and directory.delim", () => {
    expect(topicPrefixes("b", {}, ["t.a"])).to.deep.equal({ "t.a": "s3://b/topics/t.a/" });
    expect(topicPrefixes("b", { "topics.dir": "raw" }, ["t.a"])).to.deep.equal({ "t.a": "s3://b/raw/t.a/" });
    // kafka-connect-s3 10.0.3 TopicPartitionWriter.fileKey: `<topics.dir><delim><topic><delim>partition=<n><delim>…`.
    expect(topicPrefixes("b", { "directory.delim": "_" }, ["t.a"])).to.deep.equal({
      "t.a": "s3://b/topics_t.a_",
    });
    // topics.dir and directory.delim are ConfigDef STRINGs, which Kafka trims (ConfigDef.parseType, Kafka 2.7.1).
    expect(topicKeyPrefixes({ "topics.dir": " raw ", "directory.delim": " _ " }, ["t.a"])).to.deep.equal({
      "t.a": "raw_t.a_",
    });
    expect(topicKeyPrefixes({ "topics.dir": "raw" }, ["t.a", "t.b"])).to.deep.equal({
      "t.a": "raw/t.a/",
      "t.b": "raw/t.b/",
    });
  });
});

describe("topics.regex", () => {
  it("escapes every Java regex metacharacter", () => {
    expect(javaRegexLiteral("a.b-c_d")).to.equal("a\\.b-c_d");
    expect(javaRegexLiteral("x+y*(z)")).to.equal("x\\+y\\*\\(z\\)");
  });

  it("a single topic needs no group; several are alternatives", () => {
    expect(exactTopicsRegex(["a.pin"])).to.equal("a\\.pin");
    expect(exactTopicsRegex(["a.pin", "a.geo"])).to.equal("(a\\.pin|a\\.geo)");
  });

  it("matches exactly the declared topics, unlike the walkthrough's <id>.*", () => {
    const regex = new RegExp(`^${exactTopicsRegex(topics)}$`);
    expect(topics.every((t) => regex.test(t))).to.equal(true);
    for (const other of [
      "0a1bXpin",
      "0a1b.pin2",
      "0a1b.other",
      "__amazon_msk_connect_offsets_0a1b-connector",
    ])
      expect(regex.test(other), other).to.equal(false);
    expect(new RegExp("^0a1b.*$").test("0a1bXpin")).to.equal(true);
  });
});

describe("connectorCapacity", () => {
  const auto = {
    mcuCount: 2,
    minWorkerCount: 1,
    maxWorkerCount: 4,
    scaleInCpuPercent: 20,
    scaleOutCpuPercent: 80,
  };

  it("maps provisioned and autoscaling capacity onto MSK Connect's blocks", () => {
    expect(connectorCapacity("c", { provisioned: { mcuCount: 1, workerCount: 2 } })).to.deep.equal({
      provisionedCapacity: { mcuCount: 1, workerCount: 2 },
    });
    expect(connectorCapacity("c", { autoscaling: auto })).to.deep.equal({
      autoscaling: {
        mcuCount: 2,
        minWorkerCount: 1,
        maxWorkerCount: 4,
        scaleInPolicy: { cpuUtilizationPercentage: 20 },
        scaleOutPolicy: { cpuUtilizationPercentage: 80 },
      },
    });
  });

  it("refuses both or neither, naming the component", () => {
    const message = "c: set exactly one of provisioned or autoscaling capacity";
    expect(() => connectorCapacity("c", {})).to.throw(message);
    expect(() =>
      connectorCapacity("c", { provisioned: { mcuCount: 1, workerCount: 1 }, autoscaling: auto }),
    ).to.throw(message);
  });
});
