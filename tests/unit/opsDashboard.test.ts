import { expect } from "chai";
import { ClusterKind } from "../../lib/config/enums";
import { PipelineHealth } from "../../lib/ops/alarms";
import { connectorConsoleUrl, logGroupConsoleUrl, s3PrefixConsoleUrl } from "../../lib/ops/console";
import { dashboardBody, dashboardName } from "../../lib/ops/dashboard";
import { workerErrorsQuery } from "../../lib/ops/workerLogs";

const ARN = "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/orders-connector/abc-1";
const HEALTH: PipelineHealth = {
  connectorName: "orders.connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders.connector",
  topics: ["orders.pin"],
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
  checks: { stack: "prod", connectorUrn: "urn", bucket: "b1" },
};
const SPEC = {
  region: "eu-west-1",
  connectorArn: ARN,
  bucket: "b1",
  keyPrefixes: { "orders.pin": "topics/orders.pin/" },
  health: HEALTH,
};
type Widget = {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
};
const widgets = (extra: object = {}) =>
  (JSON.parse(dashboardBody({ ...SPEC, ...extra })) as { widgets: Widget[] }).widgets;
const connector = (metric: string, label: string) => [
  "AWS/KafkaConnect",
  metric,
  "ConnectorName",
  "orders.connector",
  { label },
];
const lag = (metric: string) => [
  "AWS/Kafka",
  metric,
  "Cluster Name",
  "orders-msk",
  "Consumer Group",
  "connect-orders.connector",
  "Topic",
  "orders.pin",
  { label: "orders.pin" },
];
const COMMON = { region: "eu-west-1", view: "timeSeries", stacked: false, period: 60 };

describe("ops: dashboard", () => {
  it("names take A-Z, a-z, 0-9, - and _ only", () => {
    expect(dashboardName("orders.connector_1-x")).to.equal("orders-connector_1-x");
  });

  it("without alarms or logs: links, records, tasks, time and offset lag, worker CPU and memory, on a 24-column grid", () => {
    expect(widgets()).to.deep.equal([
      {
        type: "text",
        ...{ x: 0, y: 0, width: 24, height: 2 },
        properties: {
          markdown:
            "## orders.connector → s3://b1\n" +
            `[connector](${connectorConsoleUrl("eu-west-1", ARN)}) · worker logs are off (set logs.enabled) · ` +
            `S3 prefixes: [orders.pin](${s3PrefixConsoleUrl("eu-west-1", "b1", "topics/orders.pin/")})`,
        },
      },
      {
        type: "metric",
        ...{ x: 0, y: 2, width: 12, height: 6 },
        properties: {
          title: "Records read and sent per second",
          ...COMMON,
          stat: "Average",
          metrics: [
            connector("SinkRecordReadRate", "read from Kafka"),
            connector("SinkRecordSendRate", "sent to S3"),
          ],
        },
      },
      {
        type: "metric",
        ...{ x: 12, y: 2, width: 12, height: 6 },
        properties: {
          title: "Tasks and workers",
          ...COMMON,
          stat: "Maximum",
          metrics: [
            connector("RunningTaskCount", "running tasks"),
            connector("ErroredTaskCount", "errored tasks"),
            connector("WorkerCount", "workers"),
          ],
          annotations: { horizontal: [{ label: "tasks the capacity should run", value: 2 }] },
        },
      },
      {
        type: "metric",
        ...{ x: 0, y: 8, width: 12, height: 6 },
        properties: {
          title: "Consumer time lag per topic (s)",
          ...COMMON,
          stat: "Maximum",
          metrics: [lag("EstimatedMaxTimeLag")],
          annotations: { horizontal: [{ label: "alarm threshold", value: 361 }] },
        },
      },
      {
        type: "metric",
        ...{ x: 12, y: 8, width: 12, height: 6 },
        properties: {
          title: "Consumer offset lag per topic (records)",
          ...COMMON,
          stat: "Maximum",
          metrics: [lag("MaxOffsetLag")],
        },
      },
      {
        type: "metric",
        ...{ x: 0, y: 14, width: 24, height: 6 },
        properties: {
          title: "Worker CPU and memory (%)",
          ...COMMON,
          stat: "Average",
          metrics: [
            connector("CpuUtilization", "CPU"),
            connector("MemoryUtilization", "memory (the JVM heap settles near 80-90 %)"),
          ],
        },
      },
    ]);
  });

  it("with alarms: an alarm-status widget under the links, most recently changed first", () => {
    const arns = ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-connector-pipeline"];
    const all = widgets({ alarmArns: arns });
    expect(all[1]).to.deep.equal({
      type: "alarm",
      ...{ x: 0, y: 2, width: 24, height: 3 },
      properties: { title: "Alarms", alarms: arns, sortBy: "stateUpdatedTimestamp" },
    });
    expect(all[2].y).to.equal(5);
  });

  it("with worker logs: a worker-log link, the ERROR count from the metric filter and the latest error lines", () => {
    const group = "/aws/mskconnect/orders.connector";
    const all = widgets({ logGroupName: group });
    expect(all[0].properties.markdown).to.include(`[worker logs](${logGroupConsoleUrl("eu-west-1", group)})`);
    expect(all.slice(5)).to.deep.equal([
      { ...all[5], ...{ x: 0, y: 14, width: 12, height: 6 } },
      {
        type: "metric",
        ...{ x: 12, y: 14, width: 12, height: 6 },
        properties: {
          title: "Worker log: ERROR lines per minute",
          ...COMMON,
          stat: "Sum",
          metrics: [["msk-s3-sink", "orders.connector-worker-log-errors", { label: "ERROR lines" }]],
        },
      },
      {
        type: "log",
        ...{ x: 0, y: 20, width: 24, height: 6 },
        properties: {
          title: "Worker log: latest errors",
          region: "eu-west-1",
          view: "table",
          query: workerErrorsQuery(group),
        },
      },
    ]);
    expect(all[5].properties.title).to.equal("Worker CPU and memory (%)");
    expect(workerErrorsQuery("/g")).to.equal(
      "SOURCE '/g' | fields @timestamp, @message | filter @message like /ERROR|Exception/ | sort @timestamp desc | limit 50",
    );
  });
});
