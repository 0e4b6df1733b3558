import { expect } from "chai";
import { parseStackConfig } from "../../lib/stackSettings";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import {
  connectorConsoleUrl,
  consoleHost,
  dashboardConsoleUrl,
  logGroupConsoleUrl,
  s3ListCommand,
  s3PrefixConsoleUrl,
} from "../../lib/ops/console";
import { crossAccountTopicWarning, emailSubscriptionStatus } from "../../lib/ops/notifications";
import { verifyTarget } from "../../lib/ops/verifyTarget";

const ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-connector/abc-1";

describe("ops: console links and commands", () => {
  it("console host per partition", () => {
    expect(consoleHost("eu-west-1")).to.equal("console.aws.amazon.com");
    expect(consoleHost("cn-north-1")).to.equal("console.amazonaws.cn");
    expect(consoleHost("us-gov-west-1")).to.equal("console.amazonaws-us-gov.com");
  });

  it("connector, bucket prefix, dashboard and log group links", () => {
    expect(connectorConsoleUrl("eu-west-1", ARN)).to.equal(
      "https://eu-west-1.console.aws.amazon.com/msk/home?region=eu-west-1#/connectors/connectorDetails?connectorArn=arn%3Aaws%3Akafkaconnect%3Aeu-west-1%3A123456789012%3Aconnector%2Forders-connector%2Fabc-1",
    );
    expect(s3PrefixConsoleUrl("eu-west-1", "b1", "topics/orders.pin/")).to.equal(
      "https://console.aws.amazon.com/s3/buckets/b1?region=eu-west-1&prefix=topics%2Forders.pin%2F&showversions=false",
    );
    expect(dashboardConsoleUrl("eu-west-1", "orders-connector")).to.equal(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/orders-connector",
    );
    expect(logGroupConsoleUrl("eu-west-1", "/aws/mskconnect/orders-connector")).to.equal(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fmskconnect$252Forders-connector",
    );
  });

  it("the aws s3 ls command and key prefix of a topic's s3:// prefix", () => {
    expect(s3ListCommand("eu-west-1", "s3://b1/topics/orders.pin/")).to.equal(
      "aws s3 ls --recursive --region eu-west-1 s3://b1/topics/orders.pin/",
    );
  });
});

describe("ops: verifyTarget output", () => {
  const raw = {
    userId: "orders",
    topicManagement: "msk-api",
    topics: { partitions: 3, replicationFactor: 3 },
    deliveryPreset: "bulk",
    connector: { properties: { "topics.dir": "raw", "s3.compression.type": "gzip" } },
    client: { host: "198.51.100.7", user: "ec2-user", port: 2222 },
  };
  const s = parseStackConfig(raw, { stack: "prod", region: "eu-west-1" });
  const props = connectorProperties(sinkTargetOf(s));

  const arn =
    "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-connector/0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-4";

  it("carries topics, key prefixes under topics.dir, the delivery properties, the client and what watch mode reads, and nothing else", () => {
    expect(verifyTarget(s, props, "b-1:9098", "198.51.100.7", arn)).to.deep.equal({
      region: "eu-west-1",
      bucket: "user-orders-bucket",
      topics: ["orders.pin", "orders.geo", "orders.user"],
      keyPrefixes: {
        "orders.pin": "raw/orders.pin/",
        "orders.geo": "raw/orders.geo/",
        "orders.user": "raw/orders.user/",
      },
      deliveryPreset: "bulk",
      deliveryProperties: {
        "flush.size": "100000",
        "rotate.interval.ms": "240000",
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "partition.duration.ms": "3600000",
        "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
        locale: "en",
        timezone: "UTC",
        "timestamp.extractor": "Record",
        "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
        "s3.compression.type": "gzip",
        "topics.dir": "raw",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
      },
      bootstrapServers: "b-1:9098",
      connectorArn: arn,
      // MSK Connect's sink consumer group: connect-<connector name> (docs/operating.md, consumer lag).
      consumerGroup: "connect-orders-connector",
      clusterName: "pinterest-msk-cluster",
      clusterKind: "provisioned",
      client: {
        host: "198.51.100.7",
        port: 2222,
        user: "ec2-user",
        kafkaBinDir: "/home/ec2-user/kafka_2.12-2.8.1/bin",
        commandConfig: "client.properties",
        toolTimeoutSeconds: 120,
      },
    });
  });

  it("without a client host there is no client", () => {
    expect(verifyTarget(s, props, "b-1:9098", undefined, arn)).to.not.have.property("client");
  });
});

describe("ops: the e-mail subscription's state as the stack output says it", () => {
  it("awaiting confirmation names what to do; confirmed says so", () => {
    expect(emailSubscriptionStatus("oncall@orders.example", true, "prod")).to.equal(
      "oncall@orders.example: awaiting confirmation, no alarm reaches it yet; follow the link in the e-mail from AWS Notifications, then npm run up -- prod --refresh shows it confirmed",
    );
    expect(emailSubscriptionStatus("oncall@orders.example", false, "prod")).to.equal(
      "oncall@orders.example: confirmed",
    );
  });
});

describe("ops: an adopted alarm topic of another account", () => {
  const arn = "arn:aws:sns:eu-west-1:123456789012:ops";
  it("the stack's own account: no warning (the topic is read instead)", () => {
    expect(crossAccountTopicWarning(arn, "123456789012")).to.equal(undefined);
  });

  it("another account: a warning naming the owner and the statement its policy needs", () => {
    expect(crossAccountTopicWarning(arn, "210987654321")).to.include(
      "belongs to account 123456789012, not the stack's 210987654321: its topic policy must allow cloudwatch.amazonaws.com sns:Publish for aws:SourceAccount 210987654321",
    );
  });
});
