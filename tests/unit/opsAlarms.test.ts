import { expect } from "chai";
import { ClusterKind } from "../../lib/config/enums";
import { alarmSpecs, PipelineHealth } from "../../lib/ops/alarms";
import { AUTOSCALED_TASKS_PER_MCU } from "../../lib/connector/capacity";
import {
  deliveryLatencyBoundSeconds,
  expectedRunningTasks,
  offsetFlushIntervalMs,
  timeLagThresholdSeconds,
} from "../../lib/ops/health";
import { sinkConsumerGroup, timeLagMetric } from "../../lib/ops/metrics";
import { connectorProperties } from "../../lib/connector/properties";
import { PRESETS } from "../../lib/connector/delivery";
import { estimatePreset } from "../../lib/s3/cost";

const HEALTH: PipelineHealth = {
  connectorName: "orders-connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders-connector",
  topics: ["orders.pin", "orders.geo"],
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
};

describe("ops: alarm specs", () => {
  const specs = alarmSpecs(HEALTH);

  it("one alarm each for errored tasks, running tasks and start-up failures, then one time-lag alarm per topic", () => {
    expect(specs.map((s) => s.alarmName)).to.deep.equal([
      "orders-connector-errored-tasks",
      "orders-connector-running-tasks",
      "orders-connector-task-startup-failures",
      "orders-connector-time-lag-orders.pin",
      "orders-connector-time-lag-orders.geo",
    ]);
    expect(specs.map((s) => s.key)).to.deep.equal([
      "errored-tasks",
      "running-tasks",
      "task-startup-failures",
      "time-lag-orders.pin",
      "time-lag-orders.geo",
    ]);
  });

  it("errored tasks: AWS/KafkaConnect ErroredTaskCount by ConnectorName, Maximum > 0 in 3 of 5 minutes, missing = breaching", () => {
    const { description, ...rest } = specs[0];
    expect(rest).to.deep.equal({
      key: "errored-tasks",
      alarmName: "orders-connector-errored-tasks",
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
      missingData: "breaching",
    });
    expect(description).to.equal(
      "MSK Connect connector orders-connector has errored tasks: records of their partitions stop reaching S3. " +
        "Read the worker logs, fix the cause, then replace the connector. Missing data is breaching: " +
        "a connector that stopped publishing metrics cannot show that no task failed.",
    );
  });

  it("running tasks: RunningTaskCount Maximum below the expected count for two 5-minute periods, missing = breaching", () => {
    const { description, ...rest } = specs[1];
    expect(rest).to.deep.equal({
      key: "running-tasks",
      alarmName: "orders-connector-running-tasks",
      metric: {
        namespace: "AWS/KafkaConnect",
        metricName: "RunningTaskCount",
        dimensions: { ConnectorName: "orders-connector" },
        statistic: "Maximum",
        periodSeconds: 300,
      },
      comparison: "LessThanThreshold",
      threshold: 2,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      missingData: "breaching",
    });
    expect(description).to.include("runs fewer than 2 tasks");
  });

  it("start-up failures: metric math over TaskStartupAttemptsTotal and TaskStartupSuccessPercentage, missing = not breaching", () => {
    const { description, ...rest } = specs[2];
    const metric = (metricName: string) => ({
      namespace: "AWS/KafkaConnect",
      metricName,
      dimensions: { ConnectorName: "orders-connector" },
      statistic: "Maximum",
      periodSeconds: 60,
    });
    expect(rest).to.deep.equal({
      key: "task-startup-failures",
      alarmName: "orders-connector-task-startup-failures",
      queries: [
        {
          id: "attempts",
          label: "task start-up attempts (running total)",
          metric: metric("TaskStartupAttemptsTotal"),
          returnData: false,
        },
        {
          id: "success",
          label: "task start-up success %",
          metric: metric("TaskStartupSuccessPercentage"),
          returnData: false,
        },
        {
          id: "failed",
          label: "failed task start-ups (1 = yes)",
          expression: "IF(DIFF(attempts) > 0 AND success < 100, 1, 0)",
          returnData: true,
        },
      ],
      comparison: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      missingData: "notBreaching",
    });
    expect(description).to.include("already fires orders-connector-running-tasks");
  });

  it("time lag: AWS/Kafka EstimatedMaxTimeLag by Cluster Name, Consumer Group and Topic, Maximum above the threshold for 5 minutes", () => {
    const { description, ...rest } = specs[4];
    expect(rest).to.deep.equal({
      key: "time-lag-orders.geo",
      alarmName: "orders-connector-time-lag-orders.geo",
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
      missingData: "breaching",
    });
    expect(description).to.include(
      "Consumer group connect-orders-connector is more than 361 s behind on topic orders.geo",
    );
  });

  it("serverless clusters: the time-lag metric is MaxEstimatedTimeLag", () => {
    const lag = alarmSpecs({ ...HEALTH, clusterKind: ClusterKind.Serverless })[3];
    expect(lag.metric?.metricName).to.equal("MaxEstimatedTimeLag");
    expect(timeLagMetric(ClusterKind.Provisioned)).to.equal("EstimatedMaxTimeLag");
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
