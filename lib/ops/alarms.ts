/**
 * The pipeline's CloudWatch alarms as plain data: what each watches, when it fires, how a missing point
 * reads and what the person paged checks first. components/pipelineAlarms.ts registers them as they are:
 * the metric alarms take no action; one composite alarm over them notifies, once per outage.
 *
 * Not alarmed: task start-ups, since AWS documents TaskStartupSuccessPercentage ("the average percentage of
 * successful task starts") without its scale or when it is published (mkc-monitoring-overview.html), and
 * Kafka's task-startup-success-percentage is a ratio over a sample window that reads 0 when nothing started
 * (Frequencies.forBooleanValues in apache/kafka connect/runtime/.../Worker.java); and running tasks, since
 * AWS does not say how RunningTaskCount adds up over several workers. A failed task shows as an errored
 * task, a connector that stopped as consumer lag. Both stay on the dashboard.
 */
import { ClusterKind } from "../config/enums";
import {
  CLUSTER_NAME_DIMENSION,
  ConnectMetric,
  CONNECTOR_NAME_DIMENSION,
  CONSUMER_GROUP_DIMENSION,
  KAFKA_CONNECT_NAMESPACE,
  KAFKA_NAMESPACE,
  Statistic,
  timeLagMetric,
  TOPIC_DIMENSION,
} from "./metrics";
import { alarmName, compositeRule, erroredTasksName, timeLagName } from "./alarmNames";

/** What an alarm's description points the person paged to. */
export interface FirstChecks {
  /** The Pulumi stack, for the replace command. */
  stack: string;
  /** URN of the MSK Connect connector resource (lib/ops/console.ts `connectorUrn`). */
  connectorUrn: string;
  /** The bucket the connector writes to. */
  bucket: string;
  /** Worker log group, when worker logs are delivered to CloudWatch. */
  logGroupName?: string;
  /** The dashboard's console URL, when the stack has a dashboard. */
  dashboardUrl?: string;
}

/** What the alarms are about: one connector, its consumer group and topics, and what healthy means. */
export interface PipelineHealth {
  /** MSK Connect connector name (dimension `ConnectorName`). */
  connectorName: string;
  /** MSK cluster name (dimension `Cluster Name`). */
  clusterName: string;
  /** Provisioned and serverless clusters name the time-lag metric differently. */
  clusterKind: ClusterKind;
  /** The sink's consumer group (dimension `Consumer Group`). */
  consumerGroup: string;
  /** Sink topics (dimension `Topic`), one time-lag alarm each. */
  topics: readonly string[];
  /** Tasks that should be running (lib/ops/health.ts); the dashboard draws it. */
  expectedRunningTasks: number;
  /**
   * Consumer time lag, in seconds, above which records are late (lib/ops/health.ts); undefined when the
   * cost model cannot estimate the connector's delivery and no `alarms.timeLagSeconds` is set (config
   * refuses that with alarms on; the dashboard then draws no threshold).
   */
  timeLagThresholdSeconds?: number;
  checks: FirstChecks;
}

/** CloudWatch's comparison operators the alarms use. */
export enum ComparisonOperator {
  GreaterThanThreshold = "GreaterThanThreshold",
}

/**
 * How an alarm reads a period with no data point (CloudWatch `treatMissingData`):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
 */
export enum MissingData {
  Breaching = "breaching",
  NotBreaching = "notBreaching",
  Ignore = "ignore",
  Missing = "missing",
}

/** One metric, one statistic, one period. */
export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: Statistic;
  periodSeconds: number;
}

/** One metric alarm: a metric, a comparison, and how many of the last periods must breach. */
export interface AlarmSpec {
  /** Suffix of the Pulumi resource name. */
  key: string;
  alarmName: string;
  description: string;
  metric: MetricRef;
  comparison: ComparisonOperator;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  missingData: MissingData;
}

/** The composite alarm that notifies: in ALARM while any metric alarm is. */
export interface CompositeSpec {
  key: string;
  alarmName: string;
  description: string;
  rule: string;
}

const logCheck = (c: FirstChecks) =>
  c.logGroupName
    ? `ERROR lines in the worker log group ${c.logGroupName}`
    : "the connector's state in the MSK console (worker logs are off: set logs.enabled)";

const replaceCommand = (c: FirstChecks) =>
  `npm run pulumi -- up --stack ${c.stack} --replace '${c.connectorUrn}'`;

/**
 * Errored tasks. Missing data is not breaching: the metric counts failures, so a period without a point
 * reports none (AWS's own advice for such metrics, same page as MissingData). A connector being created or
 * replaced has no task to count (AWS gives no schedule for these metrics); a connector that is gone while
 * records wait shows in the time-lag alarms. 3 of 5 minutes: one stray point does not page, a task that
 * stays failed (Kafka Connect does not restart a failed task by itself) does. Maximum: AWS does not say how
 * the count adds up over several workers, and any point above 0 is a failed task whichever statistic reads it.
 */
function erroredTasksAlarm(h: PipelineHealth): AlarmSpec {
  const n = h.connectorName;
  return {
    key: "errored-tasks",
    alarmName: erroredTasksName(n),
    description:
      `Tasks of MSK Connect connector ${n} have failed: records of their partitions no longer reach S3. ` +
      `First check: ${logCheck(h.checks)}. Fix the cause (IAM, network, or a record the sink cannot write), ` +
      "then restart the tasks by replacing the connector, which resumes from its committed offsets: " +
      replaceCommand(h.checks),
    metric: {
      namespace: KAFKA_CONNECT_NAMESPACE,
      metricName: ConnectMetric.ErroredTaskCount,
      dimensions: { [CONNECTOR_NAME_DIMENSION]: n },
      statistic: Statistic.Maximum,
      periodSeconds: 60,
    },
    comparison: ComparisonOperator.GreaterThanThreshold,
    threshold: 0,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    missingData: MissingData.NotBreaching,
  };
}

/**
 * One time-lag alarm per topic. Missing data is not breaching: MSK publishes lag only for a group with a
 * committed offset on the topic, and the S3 sink commits an offset only after it has written a file
 * (kafka-connect-s3 10.0.3 S3SinkTask.preCommit returns TopicPartitionWriter.getOffsetToCommitAndReset,
 * set by commitFiles), so a topic that never carried a record has no lag metric at all and would never
 * leave ALARM under `breaching`; the metric is also absent while the group rebalances. A sink that stops
 * leaves the group EMPTY with its offsets, and MSK keeps publishing a growing lag for it.
 */
function lagAlarms(h: PipelineHealth): AlarmSpec[] {
  const threshold = h.timeLagThresholdSeconds;
  if (threshold === undefined)
    throw new Error("time-lag alarms need alarms.timeLagSeconds (alarmRules in lib/ops/pipeline.ts)");
  const n = h.connectorName;
  return h.topics.map((topic) => ({
    key: `time-lag-${topic}`,
    alarmName: timeLagName(n, topic),
    description:
      `Records of topic ${topic} have waited more than ${threshold} s to reach S3 for 5 minutes (the delivery ` +
      `preset's bound, one offset commit and one metric period). First check: the connector's state and ` +
      `${n}-errored-tasks; if it is RUNNING without errors, ${logCheck(h.checks)}. A partition that went ` +
      "quiet keeps its last records in an open file until its next record (docs/delivery.md).",
    metric: {
      namespace: KAFKA_NAMESPACE,
      metricName: timeLagMetric(h.clusterKind),
      dimensions: {
        [CLUSTER_NAME_DIMENSION]: h.clusterName,
        [CONSUMER_GROUP_DIMENSION]: h.consumerGroup,
        [TOPIC_DIMENSION]: topic,
      },
      statistic: Statistic.Maximum,
      periodSeconds: 60,
    },
    comparison: ComparisonOperator.GreaterThanThreshold,
    threshold,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    missingData: MissingData.NotBreaching,
  }));
}

/** The metric alarms: errored tasks, then one time-lag alarm per topic. */
export function alarmSpecs(h: PipelineHealth): AlarmSpec[] {
  return [erroredTasksAlarm(h), ...lagAlarms(h)];
}

/**
 * The composite over the metric alarms: the one alarm with actions. A replacement under traffic pages: action
 * suppression (Create_Composite_Alarm.html) would need an alarm in ALARM only while a deploy replaces the
 * connector, and the one signal there is, its metrics going missing, is also what a connector gone for good
 * shows; AWS documents no schedule for them either (mkc-monitoring-overview.html). The description says so.
 */
export function compositeSpec(h: PipelineHealth, alarms: readonly AlarmSpec[]): CompositeSpec {
  const n = h.connectorName;
  const c = h.checks;
  const where = c.dashboardUrl
    ? `Open the dashboard ${c.dashboardUrl}: its alarm widget shows which alarm fired`
    : `See which of the alarms named ${n}-* is in ALARM`;
  return {
    key: "pipeline",
    alarmName: alarmName(`${n}-pipeline`),
    description:
      `Pipeline ${n} -> s3://${c.bucket}: records are late or tasks have failed. ${where}; ` +
      "its description says what to check first. A deploy that replaces the connector (any change but to its " +
      "capacity) pages once if records wait past the threshold while the new one starts. A second message follows " +
      "when all are OK again.",
    rule: compositeRule(alarms.map((a) => a.alarmName)),
  };
}
