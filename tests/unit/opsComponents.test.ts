import { expect } from "chai";
import { PipelineAlarms } from "../../components/pipelineAlarms";
import { PipelineDashboard } from "../../components/pipelineDashboard";
import { ClusterKind, ResourceMode } from "../../lib/config/enums";
import { alarmSpecs, compositeSpec, PipelineHealth } from "../../lib/ops/alarms";
import { workerLogErrors } from "../../lib/ops/workerLogs";
import { awsInvokes } from "../support/fixtures";
import { installMocks, MockAccount, Recorder, Registered, settle } from "../support/pulumiMocks";
import { one } from "../support/stack";

let rec: Recorder;
let resources: Registered[];
const types = () => resources.map((r) => `${r.type} ${r.name}`).sort();
const install = (account?: MockAccount) => {
  rec = installMocks(awsInvokes(), "test", false, account);
  resources = rec.resources;
};

const HEALTH: PipelineHealth = {
  connectorName: "c1",
  clusterName: "k1",
  clusterKind: ClusterKind.Provisioned,
  consumerGroup: "connect-c1",
  topics: ["t1"],
  expectedRunningTasks: 3,
  timeLagThresholdSeconds: 120,
  checks: { stack: "test", connectorUrn: "urn:c1", bucket: "b1" },
};
const SPECS = alarmSpecs(HEALTH);
const COMPOSITE = compositeSpec(HEALTH, SPECS);
const ACCOUNT = "123456789012";
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:ops`;
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const adopt = (topicArn = TOPIC_ARN) => ({
  alarms: SPECS,
  composite: COMPOSITE,
  notifications: { mode: ResourceMode.Adopt, topicArn },
  accountId: ACCOUNT,
});

describe("PipelineAlarms", () => {
  it("create: a topic CloudWatch alone may publish to, an e-mail subscription, silent metric alarms and one composite that notifies", async () => {
    install();
    const c = new PipelineAlarms("u1-alarms", {
      ...adopt(),
      notifications: { mode: ResourceMode.Create, topicName: "c1-alarms", email: "ops@example.com" },
    });
    await settle();
    expect(types()).to.deep.equal([
      "aws:cloudwatch/compositeAlarm:CompositeAlarm u1-alarms-pipeline",
      `${ALARM} u1-alarms-errored-tasks`,
      `${ALARM} u1-alarms-time-lag-t1`,
      "aws:sns/topic:Topic u1-alarms-topic",
      "aws:sns/topicPolicy:TopicPolicy u1-alarms-topic-policy",
      "aws:sns/topicSubscription:TopicSubscription u1-alarms-email",
      "msk-s3-sink:index:PipelineAlarms u1-alarms",
    ]);
    const arn = "arn:aws:sns:us-east-1:123456789012:c1-alarms";
    const compositeArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:c1-pipeline";
    expect(one(resources, "aws:sns/topic:Topic").inputs).to.deep.equal({ name: "c1-alarms" });
    expect(one(resources, "aws:sns/topicSubscription:TopicSubscription").inputs).to.deep.equal({
      topic: arn,
      protocol: "email",
      endpoint: "ops@example.com",
    });
    expect(
      JSON.parse(one(resources, "aws:sns/topicPolicy:TopicPolicy").inputs.policy as string),
    ).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloudWatchAlarmPublishes",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: arn,
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnEquals: { "aws:SourceArn": compositeArn },
          },
        },
      ],
    });
    expect(one(resources, ALARM, "u1-alarms-errored-tasks").inputs).to.deep.equal({
      name: "c1-errored-tasks",
      alarmDescription: SPECS[0].description,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      namespace: "AWS/KafkaConnect",
      metricName: "ErroredTaskCount",
      dimensions: { ConnectorName: "c1" },
      statistic: "Maximum",
      period: 60,
    });
    const composite = one(resources, "aws:cloudwatch/compositeAlarm:CompositeAlarm");
    expect(composite.inputs).to.deep.equal({
      alarmName: "c1-pipeline",
      alarmDescription: COMPOSITE.description,
      alarmRule: 'ALARM("c1-errored-tasks") OR ALARM("c1-time-lag-t1")',
      alarmActions: [arn],
      okActions: [arn],
    });
    const alarmUrns = resources.filter((r) => r.type === ALARM).map((r) => r.urn);
    expect(composite.dependencies).to.include.members(alarmUrns);
    expect(await new Promise((r) => c.alarmArns.apply(r))).to.deep.equal([
      compositeArn,
      "arn:aws:cloudwatch:us-east-1:123456789012:alarm:c1-errored-tasks",
      "arn:aws:cloudwatch:us-east-1:123456789012:alarm:c1-time-lag-t1",
    ]);
    expect(await new Promise((r) => c.emailPendingConfirmation!.apply(r))).to.equal(true);
  });

  it("create with a KMS key: the topic is encrypted with it", async () => {
    install();
    const key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    new PipelineAlarms("u1-alarms", {
      ...adopt(),
      notifications: { mode: ResourceMode.Create, topicName: "c1-alarms", kmsKeyArn: key, email: "a@b.io" },
    });
    await settle();
    expect(one(resources, "aws:sns/topic:Topic").inputs).to.deep.equal({
      name: "c1-alarms",
      kmsMasterKeyId: key,
    });
  });

  const topicState = (kmsMasterKeyId?: string) => ({
    existing: [{ type: "aws:sns/topic:Topic", id: TOPIC_ARN, state: { arn: TOPIC_ARN, kmsMasterKeyId } }],
  });

  it("adopt: no topic, policy or subscription; the composite notifies the adopted ARN; the metric alarms notify no one", async () => {
    install(topicState());
    new PipelineAlarms("u1-alarms", adopt());
    await settle();
    expect(types().filter((t) => t.startsWith("aws:sns"))).to.deep.equal([]);
    expect(one(resources, "aws:cloudwatch/compositeAlarm:CompositeAlarm").inputs).to.deep.include({
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
    });
    for (const r of resources.filter((x) => x.type === ALARM))
      expect(r.inputs, r.name).to.not.have.any.keys("alarmActions", "okActions");
    expect(rec.reads).to.deep.equal([
      { type: "aws:sns/topic:Topic", name: "u1-alarms-adopted-topic", id: TOPIC_ARN },
    ]);
    expect(rec.warnings).to.deep.equal([]);
  });

  it("adopt an encrypted topic of this account and region: the preview warns what its key policy needs", async () => {
    const key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    install(topicState(key));
    new PipelineAlarms("u1-alarms", adopt());
    await settle();
    expect(rec.warnings).to.deep.equal([
      `alarms.snsTopic.adopt: ${TOPIC_ARN} is encrypted with KMS key ${key}: its key policy must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*, or CloudWatch cannot publish to it (docs/operating.md)`,
    ]);
    install(topicState("alias/aws/sns"));
    new PipelineAlarms("u1-alarms", adopt());
    await settle();
    expect(rec.warnings).to.deep.equal([
      `alarms.snsTopic.adopt: ${TOPIC_ARN} is encrypted with the AWS managed key alias/aws/sns, whose policy cannot let CloudWatch use it: no alarm will arrive; encrypt the topic with a customer managed key (docs/operating.md)`,
    ]);
  });

  it("adopt a topic of another account: not read (the read would be refused); the preview warns what its policy must allow", async () => {
    install();
    const other = "arn:aws:sns:eu-west-1:210987654321:ops";
    new PipelineAlarms("u1-alarms", adopt(other));
    await settle();
    expect(rec.reads).to.deep.equal([]);
    expect(rec.warnings).to.deep.equal([
      `alarms.snsTopic.adopt: ${other} belongs to account 210987654321, not the stack's ${ACCOUNT}: its topic policy must allow cloudwatch.amazonaws.com sns:Publish for aws:SourceAccount ${ACCOUNT}, and its KMS key policy (if encrypted) kms:Decrypt and kms:GenerateDataKey*, or no alarm arrives (docs/operating.md)`,
    ]);
  });

  it("adopt without an ARN is refused", () => {
    install();
    expect(
      () => new PipelineAlarms("u1-alarms", { ...adopt(), notifications: { mode: ResourceMode.Adopt } }),
    ).to.throw("u1-alarms: an adopted topic needs topicArn");
  });
});

describe("PipelineDashboard", () => {
  it("registers one dashboard with the given name and body", async () => {
    install();
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

  it("with worker logs: a metric filter counting ERROR lines of the worker log group", async () => {
    install();
    new PipelineDashboard("u1-dashboard", {
      dashboardName: "c1",
      body: "{}",
      workerLogs: { logGroupName: "/aws/mskconnect/c1", errors: workerLogErrors("c1") },
    });
    await settle();
    expect(
      one(resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter", "u1-dashboard-worker-errors").inputs,
    ).to.deep.equal({
      name: "c1-worker-log-errors",
      logGroupName: "/aws/mskconnect/c1",
      pattern: "ERROR",
      metricTransformation: {
        namespace: "msk-s3-sink",
        name: "c1-worker-log-errors",
        value: "1",
        defaultValue: "0",
      },
    });
  });
});
