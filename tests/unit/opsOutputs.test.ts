import { expect } from "chai";
import { ClusterKind } from "../../lib/config/enums";
import { parseStackConfig } from "../../lib/config/settings";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import { PipelineHealth } from "../../lib/ops/alarms";
import {
  connectorConsoleUrl,
  consoleHost,
  dashboardConsoleUrl,
  keyPrefixOf,
  logGroupConsoleUrl,
  s3ListCommand,
  s3PrefixConsoleUrl,
} from "../../lib/ops/console";
import { dashboardBody, dashboardName, workerErrorsQuery } from "../../lib/ops/dashboard";
import { verifyTarget } from "../../lib/ops/verifyTarget";

const ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-connector/abc-1";
const HEALTH: PipelineHealth = {
  connectorName: "orders.connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders.connector",
  topics: ["orders.pin"],
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
};

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
    expect(keyPrefixOf("s3://b1/topics/orders.pin/")).to.equal("topics/orders.pin/");
    expect(() => keyPrefixOf("https://b1/x")).to.throw("not an s3:// URI: https://b1/x");
  });
});

describe("ops: dashboard", () => {
  it("names take A-Z, a-z, 0-9, - and _ only", () => {
    expect(dashboardName("orders.connector_1-x")).to.equal("orders-connector_1-x");
  });

  const spec = {
    region: "eu-west-1",
    connectorArn: ARN,
    bucket: "b1",
    keyPrefixes: { "orders.pin": "topics/orders.pin/" },
    health: HEALTH,
  };

  it("links, records read and sent, task counts, time and offset lag per topic, on a 24-column grid", () => {
    const body = JSON.parse(dashboardBody(spec)) as { widgets: Record<string, unknown>[] };
    const common = { region: "eu-west-1", view: "timeSeries", stacked: false, period: 60 };
    expect(body.widgets).to.deep.equal([
      {
        type: "text",
        x: 0,
        y: 0,
        width: 24,
        height: 2,
        properties: {
          markdown:
            "## orders.connector → s3://b1\n" +
            `[connector](${connectorConsoleUrl("eu-west-1", ARN)}) · worker logs are off (set logs.enabled) · ` +
            `S3 prefixes: [orders.pin](${s3PrefixConsoleUrl("eu-west-1", "b1", "topics/orders.pin/")})`,
        },
      },
      {
        type: "metric",
        x: 0,
        y: 2,
        width: 12,
        height: 6,
        properties: {
          title: "Records read and sent per second",
          ...common,
          stat: "Average",
          metrics: [
            [
              "AWS/KafkaConnect",
              "SinkRecordReadRate",
              "ConnectorName",
              "orders.connector",
              { label: "read from Kafka" },
            ],
            [
              "AWS/KafkaConnect",
              "SinkRecordSendRate",
              "ConnectorName",
              "orders.connector",
              { label: "sent to S3" },
            ],
          ],
        },
      },
      {
        type: "metric",
        x: 12,
        y: 2,
        width: 12,
        height: 6,
        properties: {
          title: "Tasks and workers",
          ...common,
          stat: "Maximum",
          metrics: [
            [
              "AWS/KafkaConnect",
              "RunningTaskCount",
              "ConnectorName",
              "orders.connector",
              { label: "running tasks" },
            ],
            [
              "AWS/KafkaConnect",
              "ErroredTaskCount",
              "ConnectorName",
              "orders.connector",
              { label: "errored tasks" },
            ],
            ["AWS/KafkaConnect", "WorkerCount", "ConnectorName", "orders.connector", { label: "workers" }],
          ],
          annotations: { horizontal: [{ label: "tasks the capacity should run", value: 2 }] },
        },
      },
      {
        type: "metric",
        x: 0,
        y: 8,
        width: 12,
        height: 6,
        properties: {
          title: "Consumer time lag per topic (s)",
          ...common,
          stat: "Maximum",
          metrics: [
            [
              "AWS/Kafka",
              "EstimatedMaxTimeLag",
              "Cluster Name",
              "orders-msk",
              "Consumer Group",
              "connect-orders.connector",
              "Topic",
              "orders.pin",
              { label: "orders.pin" },
            ],
          ],
          annotations: { horizontal: [{ label: "alarm threshold", value: 361 }] },
        },
      },
      {
        type: "metric",
        x: 12,
        y: 8,
        width: 12,
        height: 6,
        properties: {
          title: "Consumer offset lag per topic (records)",
          ...common,
          stat: "Maximum",
          metrics: [
            [
              "AWS/Kafka",
              "MaxOffsetLag",
              "Cluster Name",
              "orders-msk",
              "Consumer Group",
              "connect-orders.connector",
              "Topic",
              "orders.pin",
              { label: "orders.pin" },
            ],
          ],
        },
      },
    ]);
  });

  it("with worker logs: a worker-log link and an error table from Logs Insights", () => {
    const body = JSON.parse(dashboardBody({ ...spec, logGroupName: "/aws/mskconnect/orders.connector" })) as {
      widgets: { type: string; properties: Record<string, unknown> }[];
    };
    expect(body.widgets[0].properties.markdown).to.include(
      `[worker logs](${logGroupConsoleUrl("eu-west-1", "/aws/mskconnect/orders.connector")})`,
    );
    expect(body.widgets[5]).to.deep.equal({
      type: "log",
      x: 0,
      y: 14,
      width: 24,
      height: 6,
      properties: {
        title: "Worker log: errors",
        region: "eu-west-1",
        view: "table",
        query: workerErrorsQuery("/aws/mskconnect/orders.connector"),
      },
    });
    expect(workerErrorsQuery("/g")).to.equal(
      "SOURCE '/g' | fields @timestamp, @message | filter @message like /ERROR|Exception/ | sort @timestamp desc | limit 50",
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
