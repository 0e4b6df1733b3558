import { expect } from "chai";
import { PipelineAlarms } from "../../components/pipelineAlarms";
import { PipelineDashboard } from "../../components/pipelineDashboard";
import { ClusterKind, ResourceMode } from "../../lib/config/enums";
import { alarmSpecs } from "../../lib/ops/alarms";
import { awsInvokes } from "../support/fixtures";
import { installMocks, Registered, settle } from "../support/pulumiMocks";
import { one } from "../support/stack";

let resources: Registered[];
const types = () => resources.map((r) => `${r.type} ${r.name}`).sort();

const SPECS = alarmSpecs({
  connectorName: "c1",
  clusterName: "k1",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-c1",
  topics: ["t1"],
  expectedRunningTasks: 3,
  timeLagThresholdSeconds: 120,
});
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:ops";

describe("PipelineAlarms", () => {
  beforeEach(() => ({ resources } = installMocks(awsInvokes())));
  it("create: an SNS topic, an e-mail subscription, and one MetricAlarm per spec notifying the topic", async () => {
    new PipelineAlarms("u1-alarms", {
      alarms: SPECS,
      notifications: { mode: ResourceMode.Create, topicName: "c1-alarms", email: "ops@example.com" },
    });
    await settle();
    expect(types()).to.deep.equal([
      "aws:cloudwatch/metricAlarm:MetricAlarm u1-alarms-errored-tasks",
      "aws:cloudwatch/metricAlarm:MetricAlarm u1-alarms-running-tasks",
      "aws:cloudwatch/metricAlarm:MetricAlarm u1-alarms-task-startup-failures",
      "aws:cloudwatch/metricAlarm:MetricAlarm u1-alarms-time-lag-t1",
      "aws:sns/topic:Topic u1-alarms-topic",
      "aws:sns/topicSubscription:TopicSubscription u1-alarms-email",
      "msk-s3-sink:index:PipelineAlarms u1-alarms",
    ]);
    const arn = "arn:aws:sns:us-east-1:123456789012:c1-alarms";
    expect(one(resources, "aws:sns/topic:Topic").inputs).to.deep.equal({ name: "c1-alarms" });
    expect(one(resources, "aws:sns/topicSubscription:TopicSubscription").inputs).to.deep.equal({
      topic: arn,
      protocol: "email",
      endpoint: "ops@example.com",
    });
    const running = one(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "u1-alarms-running-tasks");
    expect(running.inputs).to.deep.equal({
      name: "c1-running-tasks",
      alarmDescription: SPECS[1].description,
      comparisonOperator: "LessThanThreshold",
      threshold: 3,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "breaching",
      alarmActions: [arn],
      okActions: [arn],
      namespace: "AWS/KafkaConnect",
      metricName: "RunningTaskCount",
      dimensions: { ConnectorName: "c1" },
      statistic: "Maximum",
      period: 300,
    });
  });

  it("metric math: the start-up alarm sends metricQueries and no single metric", async () => {
    new PipelineAlarms("u1-alarms", {
      alarms: SPECS,
      notifications: { mode: ResourceMode.Adopt, topicArn: TOPIC_ARN },
    });
    await settle();
    const a = one(resources, "aws:cloudwatch/metricAlarm:MetricAlarm", "u1-alarms-task-startup-failures");
    expect(a.inputs).to.not.have.any.keys("namespace", "metricName", "statistic", "period", "dimensions");
    const metric = (metricName: string) => ({
      namespace: "AWS/KafkaConnect",
      metricName,
      dimensions: { ConnectorName: "c1" },
      stat: "Maximum",
      period: 60,
    });
    expect(a.inputs.metricQueries).to.deep.equal([
      {
        id: "attempts",
        label: "task start-up attempts (running total)",
        returnData: false,
        metric: metric("TaskStartupAttemptsTotal"),
      },
      {
        id: "success",
        label: "task start-up success %",
        returnData: false,
        metric: metric("TaskStartupSuccessPercentage"),
      },
      {
        id: "failed",
        label: "failed task start-ups (1 = yes)",
        returnData: true,
        expression: "IF(DIFF(attempts) > 0 AND success < 100, 1, 0)",
      },
    ]);
    expect(a.inputs).to.deep.include({
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
      treatMissingData: "notBreaching",
    });
  });

  it("adopt: no topic or subscription is registered; every alarm notifies the adopted ARN", async () => {
    const c = new PipelineAlarms("u1-alarms", {
      alarms: SPECS,
      notifications: { mode: ResourceMode.Adopt, topicArn: TOPIC_ARN },
    });
    await settle();
    expect(types().filter((t) => t.startsWith("aws:sns"))).to.deep.equal([]);
    for (const r of resources.filter((x) => x.type === "aws:cloudwatch/metricAlarm:MetricAlarm"))
      expect(r.inputs.alarmActions, r.name).to.deep.equal([TOPIC_ARN]);
    expect(await new Promise((r) => c.topicArn.apply(r))).to.equal(TOPIC_ARN);
    expect(c.alarmNames).to.deep.equal(SPECS.map((s) => s.alarmName));
  });

  it("adopt without an ARN is refused", () => {
    expect(
      () => new PipelineAlarms("u1-alarms", { alarms: SPECS, notifications: { mode: ResourceMode.Adopt } }),
    ).to.throw("u1-alarms: an adopted topic needs topicArn");
  });
});

describe("PipelineDashboard", () => {
  beforeEach(() => ({ resources } = installMocks(awsInvokes())));
  it("registers one dashboard with the given name and body", async () => {
    new PipelineDashboard("u1-dashboard", { dashboardName: "c1", body: '{"widgets":[]}' });
    await settle();
    expect(types()).to.deep.equal([
      "aws:cloudwatch/dashboard:Dashboard u1-dashboard",
      "msk-s3-sink:index:PipelineDashboard u1-dashboard",
    ]);
    expect(one(resources, "aws:cloudwatch/dashboard:Dashboard").inputs).to.deep.equal({
      dashboardName: "c1",
      dashboardBody: '{"widgets":[]}',
    });
  });
});
