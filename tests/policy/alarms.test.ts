import { expect } from "chai";
import { ClusterKind } from "../../lib/config/enums";
import { AlarmSpec, alarmSpecs, compositeSpec, PipelineHealth } from "../../lib/ops/alarms";
import { missingAlarms, pipelineAlarms, pipelineAlarmsDev, ruleAlarmNames } from "../../policy/alarms";
import { connectorProps, T, TOPICS } from "./fixtures";
import { checkStack, StackFixture, stackResources } from "./harness";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const SNS_TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:orders-connector-alarms";
const HEALTH: PipelineHealth = {
  connectorName: "orders-connector",
  clusterName: "orders-msk",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-orders-connector",
  topics: TOPICS,
  expectedRunningTasks: 2,
  timeLagThresholdSeconds: 361,
  checks: { stack: "prod", connectorUrn: "urn", bucket: "b" },
};
const SPECS = alarmSpecs(HEALTH);
const RULE = compositeSpec(HEALTH, SPECS).rule;

/** A metric alarm's inputs as components/pipelineAlarms.ts sends them (no actions unless given). */
const alarmProps = (a: AlarmSpec, actions?: unknown) => ({
  name: a.alarmName,
  namespace: a.metric.namespace,
  metricName: a.metric.metricName,
  dimensions: a.metric.dimensions,
  ...(actions ? { alarmActions: actions } : {}),
});

interface Shape {
  stack?: string;
  alarms?: AlarmSpec[];
  /** The metric alarms' own actions: on the stack's topic, or a given list. */
  own?: "topic" | unknown[];
  /** The composite's rule (none when undefined) and whether it notifies the stack's topic or an ARN. */
  rule?: string;
  compositeActions?: "topic" | unknown[];
  /** Whether the stack's topic has an e-mail subscription. */
  subscribed?: boolean;
}

/** A stack as the program registers it: connector, topics, alarms, composite, topic and subscription. */
function stack(shape: Shape = {}): StackFixture[] {
  const {
    stack = "prod",
    alarms = SPECS,
    own,
    rule = RULE,
    compositeActions = "topic",
    subscribed = true,
  } = shape;
  const actionsOf = (a: "topic" | unknown[] | undefined): unknown[] | undefined =>
    a === "topic" ? [TOPIC_ARN] : a;
  const onTopic = (a: "topic" | unknown[] | undefined): Record<string, string[]> =>
    a === "topic" ? { alarmActions: ["alarm-topic"] } : {};
  const fixtures: StackFixture[] = [
    { type: T.connector, name: "orders-connector", props: connectorProps(), stack },
    ...TOPICS.map((name) => ({ type: T.topic, name: `topic-${name}`, props: { name }, stack })),
    { type: SNS_TOPIC, name: "alarm-topic", props: { name: "orders-connector-alarms" }, stack },
    ...(subscribed
      ? [
          {
            type: SUBSCRIPTION,
            name: "email",
            props: { topic: TOPIC_ARN, protocol: "email", endpoint: "oncall@orders.example" },
            stack,
            propertyDependencies: { topic: ["alarm-topic"] },
          },
        ]
      : []),
    ...alarms.map((a) => ({
      type: ALARM,
      name: a.key,
      props: alarmProps(a, actionsOf(own)),
      stack,
      propertyDependencies: onTopic(own),
    })),
    ...(rule
      ? [
          {
            type: COMPOSITE,
            name: "pipeline",
            props: {
              alarmName: "orders-connector-pipeline",
              alarmRule: rule,
              alarmActions: actionsOf(compositeActions),
            },
            stack,
            propertyDependencies: onTopic(compositeActions),
          },
        ]
      : []),
  ];
  return fixtures;
}

const METRICS = [
  "errored tasks (AWS/KafkaConnect ErroredTaskCount, ConnectorName=orders-connector)",
  ...TOPICS.map(
    (t) =>
      `consumer time lag of ${t} (AWS/Kafka EstimatedMaxTimeLag or MaxEstimatedTimeLag, Consumer Group=connect-orders-connector, Topic=${t})`,
  ),
];
const NONE = METRICS.map(
  (m) => `connector orders-connector: no alarm on ${m} (set msk-s3-sink:alarms.enabled: true)`,
);
const NO_ONE = METRICS.map(
  (m) =>
    `connector orders-connector: the alarm on ${m} reaches no one: neither it nor a composite alarm over it notifies an SNS topic with a subscription (set msk-s3-sink:alarms.email)`,
);
const check = (shape?: Shape) => checkStack(pipelineAlarms, stackResources(stack(shape)));

describe("policy: pipeline-alarms (stack)", () => {
  it("passes with what the program registers: silent alarms, a composite over them notifying a subscribed topic", async () => {
    expect(await check()).to.deep.equal({ violations: [] });
  });

  it("names every missing alarm when there are none", async () => {
    expect(await check({ alarms: [], rule: "" })).to.deep.equal({ violations: NONE });
  });

  it("a created topic nobody subscribes to reaches no one", async () => {
    expect((await check({ subscribed: false })).violations).to.deep.equal(NO_ONE);
  });

  it("a composite without actions, or whose rule does not fire on the alarm, reaches no one", async () => {
    expect((await check({ compositeActions: [] })).violations).to.deep.equal(NO_ONE);
    const negated = SPECS.map((a) => `NOT ALARM("${a.alarmName}")`).join(" AND ");
    expect((await check({ rule: negated })).violations).to.deep.equal(NO_ONE);
  });

  it("an adopted topic (an ARN that is not the stack's) counts: its subscribers are managed where it is", async () => {
    const adopted = ["arn:aws:sns:eu-west-1:123456789012:ops"];
    expect(await check({ compositeActions: adopted, subscribed: false })).to.deep.equal({ violations: [] });
  });

  it("metric alarms notifying a subscribed topic themselves count without a composite", async () => {
    expect(await check({ own: "topic", rule: "" })).to.deep.equal({ violations: [] });
  });

  it("an alarm on another connector, group or topic does not count", () => {
    const other = SPECS.map((a) => ({
      ...a,
      metric: {
        ...a.metric,
        dimensions: { ...a.metric.dimensions, ConnectorName: "x", "Consumer Group": "x" },
      },
    }));
    expect(missingAlarms(stackResources(stack({ alarms: other, rule: "" })))).to.deep.equal(NONE);
  });

  it("reads the alarm names a rule fires on, quoted or not, not under NOT", () => {
    expect(ruleAlarmNames('ALARM("a-1") OR ALARM(b.2) OR (NOT ALARM("c") AND ALARM( "d" ))')).to.deep.equal([
      "a-1",
      "b.2",
      "d",
    ]);
  });

  it("dev: not applicable (pipeline-alarms-dev advises there); a stack without a connector: not applicable", async () => {
    expect(await check({ stack: "dev", alarms: [], rule: "" })).to.deep.equal({
      violations: [],
      notApplicable: "dev: see pipeline-alarms-dev (advisory)",
    });
    expect(await checkStack(pipelineAlarms, stackResources([]))).to.deep.equal({
      violations: [],
      notApplicable: "the stack has no connector",
    });
  });

  it("the environment comes from the pack config when the stack name is not the environment", async () => {
    const r = await checkStack(
      pipelineAlarms,
      stackResources(stack({ stack: "sandbox", alarms: [], rule: "" })),
      {
        environment: "dev",
      },
    );
    expect(r.notApplicable).to.equal("dev: see pipeline-alarms-dev (advisory)");
  });
});

describe("policy: pipeline-alarms-dev (stack, advisory)", () => {
  it("dev: reports the same findings", async () => {
    const dev = (shape: Shape) =>
      checkStack(pipelineAlarmsDev, stackResources(stack({ stack: "dev", ...shape })));
    expect(await dev({ alarms: [], rule: "" })).to.deep.equal({ violations: NONE });
    expect(await dev({ subscribed: false })).to.deep.equal({ violations: NO_ONE });
    expect(await dev({})).to.deep.equal({ violations: [] });
  });

  it("outside dev: not applicable", async () => {
    expect(await checkStack(pipelineAlarmsDev, stackResources(stack()))).to.deep.equal({
      violations: [],
      notApplicable: "not dev: pipeline-alarms applies",
    });
  });
});
