import { expect } from "chai";
import { ClusterKind, PRESETS } from "../../lib/config/enums";
import { createHash } from "node:crypto";
import { alarmSpecs, compositeSpec, PipelineHealth } from "../../lib/ops/alarms";
import { alarmName, compositeRule, compositeRuleProblem, metricAlarmNames } from "../../lib/ops/alarmNames";
import { connectorUrn, dashboardConsoleUrl } from "../../lib/ops/console";
import { AUTOSCALED_TASKS_PER_MCU } from "../../lib/connector/capacity";
import {
  deliveryLatencyBoundSeconds,
  expectedRunningTasks,
  offsetFlushIntervalMs,
  timeLagThresholdSeconds,
} from "../../lib/ops/health";
import { sinkConsumerGroup, timeLagMetric } from "../../lib/ops/metrics";
import { connectorProperties } from "../../lib/connector/properties";
import { estimatePreset } from "../../lib/s3/cost";

const CHECKS = {
  stack: "prod",
  connectorUrn:
    "urn:pulumi:prod::msk-s3-sink::msk-s3-sink:index:S3SinkConnector$aws:mskconnect/connector:Connector::orders-connector",
  bucket: "orders-sink",
  logGroupName: "/aws/mskconnect/orders-connector",
  dashboardUrl:
    "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/orders-connector",
};
const HEALTH: PipelineHealth = {
  connectorName: "orders-connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders-connector",
  topics: ["orders.pin", "orders.geo"],
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
  checks: CHECKS,
};
const REPLACE = `npm run pulumi -- up --stack prod --replace '${CHECKS.connectorUrn}'`;

describe("ops: alarm specs", () => {
  const specs = alarmSpecs(HEALTH);

  it("errored tasks, then one time-lag alarm per topic; no start-up or running-task alarm", () => {
    expect(specs.map((s) => [s.key, s.alarmName])).to.deep.equal([
      ["errored-tasks", "orders-connector-errored-tasks"],
      ["time-lag-orders.pin", "orders-connector-time-lag-orders.pin"],
      ["time-lag-orders.geo", "orders-connector-time-lag-orders.geo"],
    ]);
    expect(metricAlarmNames("orders-connector", HEALTH.topics)).to.deep.equal(specs.map((s) => s.alarmName));
  });

  it("errored tasks: AWS/KafkaConnect ErroredTaskCount by ConnectorName, Maximum > 0 in 3 of 5 minutes, missing = not breaching", () => {
    expect(specs[0]).to.deep.equal({
      key: "errored-tasks",
      alarmName: "orders-connector-errored-tasks",
      description:
        "Tasks of MSK Connect connector orders-connector have failed: records of their partitions no longer reach S3. " +
        "First check: ERROR lines in the worker log group /aws/mskconnect/orders-connector. Fix the cause (IAM, network, " +
        "or a record the sink cannot write), then restart the tasks by replacing the connector, which resumes from its " +
        `committed offsets: ${REPLACE}`,
      metric: {
        namespace: "AWS/KafkaConnect",
        metricName: "ErroredTaskCount",
        dimensions: { ConnectorName: "orders-connector" },
        statistic: "Maximum",
        periodSeconds: 60,
      },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      missingData: "notBreaching",
    });
  });

  it("time lag: AWS/Kafka EstimatedMaxTimeLag by Cluster Name, Consumer Group and Topic, above the threshold for 5 minutes, missing = not breaching", () => {
    expect(specs[2]).to.deep.equal({
      key: "time-lag-orders.geo",
      alarmName: "orders-connector-time-lag-orders.geo",
      description:
        "Records of topic orders.geo have waited more than 361 s to reach S3 for 5 minutes (the delivery preset's bound, " +
        "one offset commit and one metric period). First check: the connector's state and orders-connector-errored-tasks; " +
        "if it is RUNNING without errors, ERROR lines in the worker log group /aws/mskconnect/orders-connector. A partition " +
        "that went quiet keeps its last records in an open file until its next record (docs/delivery.md).",
      metric: {
        namespace: "AWS/Kafka",
        metricName: "EstimatedMaxTimeLag",
        dimensions: {
          "Cluster Name": "orders-msk",
          "Consumer Group": "connect-orders-connector",
          Topic: "orders.geo",
        },
        statistic: "Maximum",
        periodSeconds: 60,
      },
      comparison: "GreaterThanThreshold",
      threshold: 361,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      missingData: "notBreaching",
    });
  });

  it("without worker logs the first check is the connector's state", () => {
    const noLogs = alarmSpecs({ ...HEALTH, checks: { ...CHECKS, logGroupName: undefined } });
    expect(noLogs[0].description).to.include(
      "First check: the connector's state in the MSK console (worker logs are off: set logs.enabled).",
    );
  });

  it("the composite: ALARM while any metric alarm is; its description points to the dashboard, or to the alarms by name", () => {
    expect(compositeSpec(HEALTH, specs)).to.deep.equal({
      key: "pipeline",
      alarmName: "orders-connector-pipeline",
      description:
        "Pipeline orders-connector -> s3://orders-sink: records are late or tasks have failed. Open the dashboard " +
        `${CHECKS.dashboardUrl}: its alarm widget shows which alarm fired; its description says what to check first. ` +
        "A deploy that replaces the connector (any change but to its capacity) pages once if records wait past the " +
        "threshold while the new one starts. A second message follows when all are OK again.",
      rule:
        'ALARM("orders-connector-errored-tasks") OR ALARM("orders-connector-time-lag-orders.pin") OR ' +
        'ALARM("orders-connector-time-lag-orders.geo")',
    });
    const bare = compositeSpec({ ...HEALTH, checks: { ...CHECKS, dashboardUrl: undefined } }, specs);
    expect(bare.description).to.include("See which of the alarms named orders-connector-* is in ALARM;");
  });

  it("serverless clusters: the time-lag metric is MaxEstimatedTimeLag", () => {
    const lag = alarmSpecs({ ...HEALTH, clusterKind: ClusterKind.Serverless })[1];
    expect(lag.metric.metricName).to.equal("MaxEstimatedTimeLag");
    expect(timeLagMetric(ClusterKind.Provisioned)).to.equal("EstimatedMaxTimeLag");
  });
});

describe("ops: CloudWatch's name, description and rule limits", () => {
  // The longest names config allows: a 64-character connector, 249-character topics, a 40-character id.
  const connector = "c".repeat(64);
  const topic = (c: string) => c.repeat(249);
  const longest: PipelineHealth = {
    ...HEALTH,
    connectorName: connector,
    consumerGroup: `connect-${connector}`,
    topics: [topic("a"), topic("b")],
    timeLagThresholdSeconds: 86400,
    checks: {
      stack: "s".repeat(100),
      connectorUrn: connectorUrn("s".repeat(100), `${"u".repeat(40)}-connector`),
      bucket: "b".repeat(63),
      logGroupName: `/aws/mskconnect/${connector}`,
      dashboardUrl: dashboardConsoleUrl("ap-southeast-3", connector),
    },
  };

  it("names up to 255 characters stay as they are; longer ones keep 246 and add 8 hex digits of their SHA-256", () => {
    expect(alarmName("x".repeat(255))).to.equal("x".repeat(255));
    const full = `${connector}-time-lag-${topic("a")}`;
    const sha = createHash("sha256").update(full).digest("hex").slice(0, 8);
    expect(alarmName(full))
      .to.equal(`${full.slice(0, 246)}-${sha}`)
      .and.have.length(255);
    expect(alarmName(`${"x".repeat(255)}y`)).to.not.equal(alarmName(`${"x".repeat(255)}z`));
  });

  it("at the longest names: every name within 255, every description within 1024, distinct names", () => {
    const specs = alarmSpecs(longest);
    const all = [...specs, compositeSpec(longest, specs)];
    for (const a of all) {
      expect(a.alarmName.length, a.key).to.be.at.most(255);
      expect(a.description.length, a.key).to.be.at.most(1024);
    }
    expect(new Set(all.map((a) => a.alarmName)).size).to.equal(all.length);
  });

  it("a rule over more than 100 alarms, or longer than 10240 characters, is named as the problem", () => {
    const names = (n: number, length: number) =>
      Array.from({ length: n }, (_, i) => `${i}`.padEnd(length, "x"));
    expect(compositeRuleProblem(names(100, 10))).to.equal(undefined);
    expect(compositeRuleProblem(names(101, 10))).to.equal(
      "the composite alarm would watch 101 alarms (at most 100)",
    );
    expect(compositeRule(names(2, 3))).to.equal('ALARM("0xx") OR ALARM("1xx")');
    // 40 × `ALARM("<255 characters>")` (264) joined by 39 × " OR " (4).
    expect(compositeRuleProblem(names(40, 255))).to.equal(
      "the composite alarm rule would have 10716 characters (at most 10240)",
    );
  });
});

describe("ops: health targets", () => {
  it("the sink's consumer group is connect-<connector name>, or consumer.override.group.id", () => {
    expect(sinkConsumerGroup("a-connector", {})).to.equal("connect-a-connector");
    expect(sinkConsumerGroup("a-connector", { "consumer.override.group.id": "g1" })).to.equal("g1");
  });

  it("provisioned capacity runs tasks.max tasks (Kafka Connect's default 1 when unset)", () => {
    const provisioned = { provisioned: { mcuCount: 4, workerCount: 3 } };
    expect(expectedRunningTasks(provisioned, { "tasks.max": "3" })).to.equal(3);
    expect(expectedRunningTasks(provisioned, {})).to.equal(1);
  });

  it("autoscaled capacity overrides tasks.max: minWorkerCount × mcuCount × 2", () => {
    const autoscaling = {
      mcuCount: 2,
      minWorkerCount: 3,
      maxWorkerCount: 4,
      scaleInCpuPercent: 20,
      scaleOutCpuPercent: 80,
    };
    expect(AUTOSCALED_TASKS_PER_MCU).to.equal(2);
    expect(expectedRunningTasks({ autoscaling }, { "tasks.max": "3" })).to.equal(12);
  });

  it("the latency bound is the cost model's worst case at one record per second per partition", () => {
    const props = (preset: (typeof PRESETS)[number]) =>
      connectorProperties({
        region: "eu-west-1",
        bucket: "b",
        topics: ["a", "b", "c"],
        preset,
        overrides: {},
      });
    for (const preset of PRESETS)
      expect(deliveryLatencyBoundSeconds(props(preset), 3, 1), preset).to.equal(
        estimatePreset(
          { recordsPerSecond: 3, meanRecordBytes: 1024, topics: 3, partitionsPerTopic: 1 },
          preset,
        ).worstCaseLatencySeconds,
      );
    // walkthrough: flush.size=1 writes at once; balanced: 60 s rotation + 1 s gap; bulk: 240 s + 1 s.
    expect(PRESETS.map((p) => deliveryLatencyBoundSeconds(props(p), 3, 3))).to.deep.equal([0, 61, 241]);
  });

  it("the time-lag threshold adds one offset commit interval and one metric period to the bound", () => {
    expect(offsetFlushIntervalMs(undefined)).to.equal(60000);
    expect(offsetFlushIntervalMs({ "offset.flush.interval.ms": "10000" })).to.equal(10000);
    expect(offsetFlushIntervalMs({ "offset.flush.interval.ms": "soon" })).to.equal(60000);
    expect(timeLagThresholdSeconds(0, 60000)).to.equal(120);
    expect(timeLagThresholdSeconds(241, 60000)).to.equal(361);
    expect(timeLagThresholdSeconds(60.3, 10000)).to.equal(131);
  });

  it("an unmodelled partitioner has no bound: the cost model's reason is passed on", () => {
    const props = {
      ...connectorProperties({
        region: "r",
        bucket: "b",
        topics: ["t"],
        preset: "walkthrough",
        overrides: {},
      }),
      "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
      "partition.field.name": "country",
    };
    expect(() => deliveryLatencyBoundSeconds(props, 1, 1)).to.throw(
      "cannot estimate delivery for partitioner.class=io.confluent.connect.storage.partitioner.FieldPartitioner: its output partitions depend on the data",
    );
  });
});
