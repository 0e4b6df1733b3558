import { expect } from "chai";
import { ClusterKind } from "../../lib/config/enums";
import { alarmSpecs, AlarmSpec } from "../../lib/ops/alarms";
import { missingAlarms, pipelineAlarms, pipelineAlarmsDev } from "../../policy/alarms";
import { connectorProps, T, TOPICS } from "./fixtures";
import { checkStack, StackFixture, stackResources } from "./harness";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:orders-connector-alarms";
const SPECS = alarmSpecs({
  connectorName: "orders-connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders-connector",
  topics: TOPICS,
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
});

/** An alarm's inputs as components/pipelineAlarms.ts sends them. */
function alarmProps(a: AlarmSpec, actions: unknown = [TOPIC_ARN]): Record<string, unknown> {
  return {
    name: a.alarmName,
    alarmActions: actions,
    ...(a.metric
      ? {
          namespace: a.metric.namespace,
          metricName: a.metric.metricName,
          dimensions: a.metric.dimensions,
        }
      : {
          metricQueries: a.queries?.map((q) => ({
            id: q.id,
            expression: q.expression,
            metric: q.metric && {
              namespace: q.metric.namespace,
              metricName: q.metric.metricName,
              dimensions: q.metric.dimensions,
            },
          })),
        }),
  };
}

const stack = (alarms: AlarmSpec[], stackName = "prod", actions?: unknown): StackFixture[] => [
  { type: T.connector, name: "orders-connector", props: connectorProps(), stack: stackName },
  ...TOPICS.map((name) => ({ type: T.topic, name: `topic-${name}`, props: { name }, stack: stackName })),
  ...alarms.map((a) => ({ type: ALARM, name: a.key, props: alarmProps(a, actions), stack: stackName })),
];

const MISSING_ALL = [
  "connector orders-connector: no alarm with an action on errored tasks (AWS/KafkaConnect ErroredTaskCount, ConnectorName=orders-connector)",
  "connector orders-connector: no alarm with an action on running tasks (AWS/KafkaConnect RunningTaskCount, ConnectorName=orders-connector)",
  "connector orders-connector: no alarm with an action on task start-ups (AWS/KafkaConnect TaskStartupSuccessPercentage or TaskStartupAttemptsTotal, ConnectorName=orders-connector)",
  ...TOPICS.map(
    (t) =>
      `connector orders-connector: no alarm with an action on consumer time lag of ${t} (AWS/Kafka EstimatedMaxTimeLag or MaxEstimatedTimeLag, Consumer Group=connect-orders-connector, Topic=${t})`,
  ),
];
const HINT = " (set msk-s3-sink:alarms.enabled: true)";

describe("policy: pipeline-alarms (stack)", () => {
  it("passes with every alarm the program registers", async () => {
    expect(await checkStack(pipelineAlarms, stackResources(stack(SPECS)))).to.deep.equal({ violations: [] });
  });

  it("names every missing alarm when there are none", async () => {
    expect(await checkStack(pipelineAlarms, stackResources(stack([])))).to.deep.equal({
      violations: MISSING_ALL.map((m) => m + HINT),
    });
  });

  it("an alarm without actions does not count", async () => {
    expect(
      (await checkStack(pipelineAlarms, stackResources(stack(SPECS, "prod", [])))).violations,
    ).to.deep.equal(MISSING_ALL.map((m) => m + HINT));
  });

  it("an alarm on another connector, group or topic does not count", () => {
    const other = SPECS.map((a) =>
      a.metric
        ? {
            ...a,
            metric: { ...a.metric, dimensions: { ...a.metric.dimensions, ConnectorName: "x", Topic: "x" } },
          }
        : a,
    );
    expect(missingAlarms(stackResources(stack(other)))).to.deep.equal([
      MISSING_ALL[0],
      MISSING_ALL[1],
      ...MISSING_ALL.slice(3),
    ]);
  });

  it("a lag alarm on another consumer group does not count, though its topic matches", () => {
    const otherGroup = SPECS.map((a) =>
      a.metric?.dimensions["Consumer Group"]
        ? { ...a, metric: { ...a.metric, dimensions: { ...a.metric.dimensions, "Consumer Group": "x" } } }
        : a,
    );
    expect(missingAlarms(stackResources(stack(otherGroup)))).to.deep.equal(MISSING_ALL.slice(3));
  });

  it("a metric-math start-up alarm whose queries name another connector does not count", () => {
    const otherConnector = SPECS.map((a) =>
      a.queries
        ? {
            ...a,
            queries: a.queries.map((q) =>
              q.metric ? { ...q, metric: { ...q.metric, dimensions: { ConnectorName: "x" } } } : q,
            ),
          }
        : a,
    );
    expect(missingAlarms(stackResources(stack(otherConnector)))).to.deep.equal([MISSING_ALL[2]]);
  });

  it("dev: not applicable (pipeline-alarms-dev advises there); a stack without a connector: not applicable", async () => {
    expect(await checkStack(pipelineAlarms, stackResources(stack([], "dev")))).to.deep.equal({
      violations: [],
      notApplicable: "dev: see pipeline-alarms-dev (advisory)",
    });
    expect(await checkStack(pipelineAlarms, stackResources([]))).to.deep.equal({
      violations: [],
      notApplicable: "the stack has no connector",
    });
  });

  it("the environment comes from the pack config when the stack name is not the environment", async () => {
    const r = await checkStack(pipelineAlarms, stackResources(stack([], "sandbox")), { environment: "dev" });
    expect(r.notApplicable).to.equal("dev: see pipeline-alarms-dev (advisory)");
  });
});

describe("policy: pipeline-alarms-dev (stack, advisory)", () => {
  it("dev: reports the same missing alarms", async () => {
    expect(await checkStack(pipelineAlarmsDev, stackResources(stack([], "dev")))).to.deep.equal({
      violations: MISSING_ALL.map((m) => m + HINT),
    });
    expect(await checkStack(pipelineAlarmsDev, stackResources(stack(SPECS, "dev")))).to.deep.equal({
      violations: [],
    });
  });

  it("outside dev: not applicable", async () => {
    expect(await checkStack(pipelineAlarmsDev, stackResources(stack([])))).to.deep.equal({
      violations: [],
      notApplicable: "not dev: pipeline-alarms applies",
    });
  });
});
