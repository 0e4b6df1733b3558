import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { AlarmSpec, CompositeSpec } from "../lib/ops/alarms";
import { adoptedTopicWarning, alarmTopicPolicy, crossAccountTopicWarning } from "../lib/ops/notifications";

/** Where the composite alarm's notifications go. */
export interface AlarmNotificationArgs {
  /** Adopt an existing SNS topic by ARN, or create one. */
  mode: ResourceMode;
  /** Created: the topic's name. */
  topicName?: string;
  /** Created: a customer managed KMS key to encrypt the topic with. */
  kmsKeyArn?: string;
  /** Adopted: the topic's ARN. */
  topicArn?: string;
  /** Created: an e-mail address to subscribe (AWS mails a confirmation link). */
  email?: string;
}

export interface PipelineAlarmsArgs {
  /** The metric alarms, from lib/ops/alarms.ts `alarmSpecs`; they take no action of their own. */
  alarms: AlarmSpec[];
  /** The composite over them (lib/ops/alarms.ts `compositeSpec`), which notifies on alarm and on recovery. */
  composite: CompositeSpec;
  /** The SNS topic the composite alarm notifies, on alarm and on recovery. */
  notifications: AlarmNotificationArgs;
  /** The stack's account: the created topic's policy names it; an adopted topic of this account is read. */
  accountId: string;
}

/** CloudWatch alarms on the pipeline's health and the one composite alarm that notifies an SNS topic. */
export class PipelineAlarms extends pulumi.ComponentResource {
  /** ARN of the topic the composite alarm notifies. */
  readonly topicArn: pulumi.Output<string>;
  /** ARNs of the composite alarm, then of each metric alarm (for the dashboard's alarm widget). */
  readonly alarmArns: pulumi.Output<string[]>;
  /** Whether the e-mail subscription still awaits its confirmation, as of the last create or refresh. */
  readonly emailPendingConfirmation?: pulumi.Output<boolean>;

  constructor(name: string, args: PipelineAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:PipelineAlarms", name, {}, opts);
    const n = args.notifications;
    let topic: aws.sns.Topic | undefined;
    if (n.mode === ResourceMode.Adopt) {
      if (!n.topicArn) throw new Error(`${name}: an adopted topic needs topicArn`);
      this.topicArn = pulumi.output(n.topicArn);
      this.checkAdoptedTopic(name, n.topicArn, args);
    } else {
      topic = new aws.sns.Topic(
        `${name}-topic`,
        { name: n.topicName, kmsMasterKeyId: n.kmsKeyArn },
        { parent: this },
      );
      this.topicArn = topic.arn;
      if (n.email)
        this.emailPendingConfirmation = new aws.sns.TopicSubscription(
          `${name}-email`,
          { topic: topic.arn, protocol: "email", endpoint: n.email },
          { parent: this },
        ).pendingConfirmation;
    }
    const alarms = args.alarms.map(
      (a) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-${a.key}`,
          {
            name: a.alarmName,
            alarmDescription: a.description,
            comparisonOperator: a.comparison,
            threshold: a.threshold,
            evaluationPeriods: a.evaluationPeriods,
            datapointsToAlarm: a.datapointsToAlarm,
            treatMissingData: a.missingData,
            namespace: a.metric.namespace,
            metricName: a.metric.metricName,
            dimensions: a.metric.dimensions,
            statistic: a.metric.statistic,
            period: a.metric.periodSeconds,
          },
          // Children do not inherit the component's dependsOn: each alarm waits for the connector itself.
          { parent: this, dependsOn: opts?.dependsOn },
        ),
    );
    const c = args.composite;
    const composite = new aws.cloudwatch.CompositeAlarm(
      `${name}-${c.key}`,
      {
        alarmName: c.alarmName,
        alarmDescription: c.description,
        alarmRule: c.rule,
        alarmActions: [this.topicArn],
        okActions: [this.topicArn],
      },
      // The rule names the metric alarms: CloudWatch refuses a rule over alarms that do not exist yet.
      { parent: this, dependsOn: alarms },
    );
    if (topic)
      new aws.sns.TopicPolicy(
        `${name}-topic-policy`,
        {
          arn: topic.arn,
          policy: pulumi
            .all([topic.arn, composite.arn])
            .apply(([t, a]) => JSON.stringify(alarmTopicPolicy(t, args.accountId, a))),
        },
        { parent: this },
      );
    this.alarmArns = pulumi.all([composite.arn, ...alarms.map((a) => a.arn)]);
    this.registerOutputs({
      topicArn: this.topicArn,
      alarmArns: this.alarmArns,
      emailPendingConfirmation: this.emailPendingConfirmation,
    });
  }

  /**
   * Reads an adopted topic of the stack's account (config keeps it in the stack's region) and warns in the
   * preview when its encryption keeps CloudWatch out. `aws.sns.getTopic` answers only the ARN, so the topic is
   * read as a resource, which reports its `kmsMasterKeyId`. Another account's topic refuses the read: the
   * preview warns what its policies must allow instead.
   */
  private checkAdoptedTopic(name: string, arn: string, args: PipelineAlarmsArgs): void {
    const crossAccount = crossAccountTopicWarning(arn, args.accountId);
    if (crossAccount) {
      void pulumi.log.warn(crossAccount, this);
      return;
    }
    const adopted = aws.sns.Topic.get(`${name}-adopted-topic`, arn, undefined, { parent: this });
    adopted.kmsMasterKeyId.apply((key) => {
      const warning = adoptedTopicWarning(arn, key);
      if (warning) void pulumi.log.warn(warning, this);
    });
  }
}
