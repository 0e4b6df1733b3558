import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { AlarmSpec, MetricRef } from "../lib/ops/alarms";

/** Where alarm and recovery notifications go. */
export interface AlarmNotificationArgs {
  /** Adopt an existing SNS topic by ARN, or create one. */
  mode: ResourceMode;
  /** Created: the topic's name. */
  topicName?: string;
  /** Adopted: the topic's ARN. */
  topicArn?: string;
  /** Created: an e-mail address to subscribe (AWS mails a confirmation link). */
  email?: string;
}

export interface PipelineAlarmsArgs {
  /** The alarms, from lib/ops/alarms.ts `alarmSpecs`. */
  alarms: AlarmSpec[];
  /** The SNS topic every alarm notifies, on alarm and on recovery. */
  notifications: AlarmNotificationArgs;
}

const metricOf = (m: MetricRef) => ({
  namespace: m.namespace,
  metricName: m.metricName,
  dimensions: m.dimensions,
  stat: m.statistic,
  period: m.periodSeconds,
});

/** CloudWatch alarms on the pipeline's health, notifying one SNS topic (created or adopted). */
export class PipelineAlarms extends pulumi.ComponentResource {
  /** ARN of the topic the alarms notify. */
  readonly topicArn: pulumi.Output<string>;
  /** Alarm names, in the order of the specs. */
  readonly alarmNames: string[];

  constructor(name: string, args: PipelineAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:PipelineAlarms", name, {}, opts);
    const n = args.notifications;
    if (n.mode === ResourceMode.Adopt) {
      if (!n.topicArn) throw new Error(`${name}: an adopted topic needs topicArn`);
      this.topicArn = pulumi.output(n.topicArn);
    } else {
      // No SSE-KMS with the AWS-managed key: CloudWatch cannot publish to a topic encrypted with aws/sns.
      const topic = new aws.sns.Topic(`${name}-topic`, { name: n.topicName }, { parent: this });
      this.topicArn = topic.arn;
      if (n.email)
        new aws.sns.TopicSubscription(
          `${name}-email`,
          { topic: topic.arn, protocol: "email", endpoint: n.email },
          { parent: this },
        );
    }
    const actions = [this.topicArn];
    for (const a of args.alarms) {
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
          alarmActions: actions,
          okActions: actions,
          ...(a.metric
            ? {
                namespace: a.metric.namespace,
                metricName: a.metric.metricName,
                dimensions: a.metric.dimensions,
                statistic: a.metric.statistic,
                period: a.metric.periodSeconds,
              }
            : {}),
          metricQueries: a.queries?.map((q) => ({
            id: q.id,
            label: q.label,
            returnData: q.returnData,
            expression: q.expression,
            metric: q.metric ? metricOf(q.metric) : undefined,
          })),
        },
        // Children do not inherit the component's dependsOn: each alarm waits for the connector itself.
        { parent: this, dependsOn: opts?.dependsOn },
      );
    }
    this.alarmNames = args.alarms.map((a) => a.alarmName);
    this.registerOutputs({ topicArn: this.topicArn, alarmNames: this.alarmNames });
  }
}
