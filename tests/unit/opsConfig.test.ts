import { expect } from "chai";
import { ResourceMode } from "../../lib/config/enums";
import { parseStackConfig } from "../../lib/stackSettings";
import { problemsOf } from "../support/problems";

const base = { userId: "u1", topicManagement: "msk-api", topics: { partitions: 1, replicationFactor: 1 } };
const parse = (extra: Record<string, unknown>, stack = "prod") =>
  parseStackConfig({ ...base, ...extra }, { stack, region: "eu-west-1" });
const problems = (extra: Record<string, unknown>) => problemsOf(() => parse(extra), JSON.stringify(extra));
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:ops";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("config: alarms and dashboard", () => {
  it("defaults: alarms off; a created topic named after the connector; dashboard on outside dev, off in dev", () => {
    const s = parse({});
    expect(s.alarms).to.deep.equal({
      enabled: false,
      topic: { mode: ResourceMode.Create, name: "u1-connector-alarms", kmsKeyArn: undefined },
      email: undefined,
      timeLagSeconds: undefined,
    });
    expect(s.dashboard).to.deep.equal({ enabled: true });
    expect(parse({}, "dev").dashboard).to.deep.equal({ enabled: false });
    expect(parse({ dashboard: { enabled: true } }, "dev").dashboard).to.deep.equal({ enabled: true });
    expect(
      parse({ connector: { name: "a.b" }, alarms: { enabled: true } }, "dev").alarms.topic,
    ).to.deep.equal({
      mode: ResourceMode.Create,
      name: "a-b-alarms",
      kmsKeyArn: undefined,
    });
  });

  it("adopts a topic by ARN; creates one by name, KMS key and e-mail subscription", () => {
    expect(parse({ alarms: { enabled: true, snsTopic: { adopt: TOPIC_ARN } } }).alarms.topic).to.deep.equal({
      mode: ResourceMode.Adopt,
      arn: TOPIC_ARN,
    });
    expect(
      parse({
        alarms: {
          enabled: true,
          snsTopic: { create: { name: "ops", kmsKeyArn: KEY_ARN } },
          email: "a@b.io",
          timeLagSeconds: 600,
        },
      }).alarms,
    ).to.deep.equal({
      enabled: true,
      topic: { mode: ResourceMode.Create, name: "ops", kmsKeyArn: KEY_ARN },
      email: "a@b.io",
      timeLagSeconds: 600,
    });
  });

  const cases: [string, Record<string, unknown>, string][] = [
    [
      "adopt and create together",
      { alarms: { enabled: true, snsTopic: { adopt: TOPIC_ARN, create: true } } },
      `msk-s3-sink:alarms.snsTopic = {"adopt":"${TOPIC_ARN}","create":true}: set either adopt or create, not both`,
    ],
    [
      "an e-mail for an adopted topic",
      { alarms: { enabled: true, snsTopic: { adopt: TOPIC_ARN }, email: "a@b.io" } },
      'msk-s3-sink:alarms.email = "a@b.io": subscribes only to a created topic (alarms.snsTopic.create); subscribe to an adopted topic where it is managed',
    ],
    [
      "alarm settings with alarms off",
      { alarms: { email: "a@b.io", timeLagSeconds: 300 } },
      "msk-s3-sink:alarms.enabled: is not true, so alarms.email, alarms.timeLagSeconds would do nothing: set alarms.enabled: true or remove them",
    ],
    [
      "a created topic nobody is subscribed to, outside dev",
      { alarms: { enabled: true } },
      "msk-s3-sink:alarms.email: is required outside dev: the created SNS topic would have no subscriber; set alarms.email, or adopt a topic that has subscribers with alarms.snsTopic.adopt",
    ],
    [
      // CloudWatch refuses an alarm action in another region: PutMetricAlarm answers "ValidationError: Invalid
      // region ca-central-1 specified. Only us-west-2 is supported." (quoted in cds-snc/notification-terraform#128).
      "an adopted topic in another region than the stack's",
      { alarms: { enabled: true, snsTopic: { adopt: "arn:aws:sns:us-east-1:123456789012:ops" } } },
      'msk-s3-sink:alarms.snsTopic.adopt = "arn:aws:sns:us-east-1:123456789012:ops": is in region us-east-1, not the stack\'s eu-west-1 (aws:region): CloudWatch alarms notify SNS topics of their own region only; adopt a topic in eu-west-1, or let the stack create one (alarms.snsTopic.create)',
    ],
    [
      // MSK publishes no consumer-lag metric for a group whose name contains a colon (consumer-lag.html); the
      // default group connect-<connector.name> has none, since connector names take A-Z, a-z, 0-9, '.', '_', '-'.
      "with alarms on, a consumer group override with a colon",
      {
        connector: { properties: { "consumer.override.group.id": "orders:s3" } },
        alarms: { enabled: true, email: "a@b.io" },
      },
      "msk-s3-sink:connector.properties.consumer.override.group.id = \"orders:s3\": with alarms on, the sink's consumer group orders:s3 must be printable ASCII without ':' (MSK publishes no consumer lag for it otherwise, so the time-lag alarms would never fire): choose another group id",
    ],
    [
      // CloudWatch dimension values are ASCII only (consumer-lag.html).
      "with alarms on, a consumer group override that is not ASCII",
      {
        connector: { properties: { "consumer.override.group.id": "commandes-été" } },
        alarms: { enabled: true, email: "a@b.io" },
      },
      "msk-s3-sink:connector.properties.consumer.override.group.id = \"commandes-été\": with alarms on, the sink's consumer group commandes-été must be printable ASCII without ':' (MSK publishes no consumer lag for it otherwise, so the time-lag alarms would never fire): choose another group id",
    ],
    [
      "a topic name instead of an ARN",
      { alarms: { enabled: true, snsTopic: { adopt: "topic-name" } } },
      'msk-s3-sink:alarms.snsTopic.adopt = "topic-name": must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
    ],
    [
      "the AWS managed SNS key",
      {
        alarms: {
          enabled: true,
          email: "a@b.io",
          snsTopic: { create: { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns" } },
        },
      },
      'msk-s3-sink:alarms.snsTopic.create.kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns": is the AWS managed key for SNS, whose key policy cannot be changed: give a customer managed key; its key policy must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*, or CloudWatch cannot publish to it',
    ],
    [
      "a key id instead of a key ARN",
      { alarms: { enabled: true, email: "a@b.io", snsTopic: { create: { kmsKeyArn: "1234abcd" } } } },
      'msk-s3-sink:alarms.snsTopic.create.kmsKeyArn = "1234abcd": must be a KMS key or alias ARN',
    ],
    [
      "more topics than a composite alarm can watch",
      {
        alarms: { enabled: true, email: "a@b.io" },
        topics: {
          partitions: 1,
          replicationFactor: 1,
          names: Array.from({ length: 100 }, (_, i) => `t${i}`),
        },
      },
      "msk-s3-sink:topics.names: with alarms on, the composite alarm would watch 101 alarms (at most 100): list fewer topics or shorter names",
    ],
    [
      "a bad e-mail address",
      { alarms: { enabled: true, email: "not-an-address" } },
      'msk-s3-sink:alarms.email = "not-an-address": must be an e-mail address',
    ],
    [
      "a threshold under a minute",
      { alarms: { enabled: true, email: "a@b.io", timeLagSeconds: 30 } },
      "msk-s3-sink:alarms.timeLagSeconds = 30: must be a whole number from 60 to 86400",
    ],
    [
      "enabled as a string",
      { alarms: { enabled: "yes" } },
      'msk-s3-sink:alarms.enabled = "yes": must be true or false',
    ],
    [
      "a topic name with a dot",
      { alarms: { enabled: true, email: "a@b.io", snsTopic: { create: { name: "a.b" } } } },
      "msk-s3-sink:alarms.snsTopic.create.name = \"a.b\": an SNS topic name has 1 to 256 of A-Z, a-z, 0-9, '-' and '_'",
    ],
    [
      "an unknown alarms key",
      { alarms: { enabled: true, email: "a@b.io", sns: {} } },
      "msk-s3-sink:alarms.sns = {}: is not a known setting (see docs/configuration.md)",
    ],
    [
      "dashboard as a string",
      { dashboard: { enabled: "no" } },
      'msk-s3-sink:dashboard.enabled = "no": must be true or false',
    ],
    [
      "alarms over a partitioner the cost model cannot estimate, with no threshold",
      {
        alarms: { enabled: true, email: "a@b.io" },
        connector: {
          properties: {
            "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
            "partition.field.name": "country",
          },
        },
      },
      "msk-s3-sink:alarms.timeLagSeconds: is required with these connector properties: cannot estimate delivery for partitioner.class=io.confluent.connect.storage.partitioner.FieldPartitioner: its output partitions depend on the data",
    ],
    [
      "an EC2 client named twice on an MSK API stack",
      { client: { host: "h", instanceId: "i-0123456789abcdef0" } },
      'msk-s3-sink:client = {"host":"h","instanceId":"i-0123456789abcdef0"}: set exactly one of client.host, client.instanceId or client.instanceName (found host, instanceId)',
    ],
  ];
  for (const [what, extra, message] of cases)
    it(`refuses ${what}`, () => {
      expect(problems(extra)).to.deep.equal([message]);
    });

  it("adopts a FIFO topic: CloudWatch publishes alarm notifications to standard and FIFO topics alike", () => {
    // CloudWatch User Guide, "Setting up Amazon SNS notifications" (US_SetupSNS.html): the alarm sets the
    // message group ID to a hash of its ARN.
    expect(
      parse({ alarms: { enabled: true, snsTopic: { adopt: `${TOPIC_ARN}.fifo` } } }).alarms.topic,
    ).to.deep.equal({ mode: ResourceMode.Adopt, arn: `${TOPIC_ARN}.fifo` });
  });

  it("dev may keep a created topic without subscribers (pipeline-alarms-dev advises)", () => {
    expect(parse({ alarms: { enabled: true } }, "dev").alarms.email).to.equal(undefined);
  });

  it("an explicit threshold makes an unestimated partitioner acceptable", () => {
    const s = parse({
      alarms: { enabled: true, email: "a@b.io", timeLagSeconds: 900 },
      connector: {
        properties: {
          "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
          "partition.field.name": "country",
        },
      },
    });
    expect(s.alarms.timeLagSeconds).to.equal(900);
  });
});
