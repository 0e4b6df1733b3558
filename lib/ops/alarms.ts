/**
 * The pipeline's CloudWatch alarms as plain data: what each watches, when it fires and why missing
 * data counts the way it does. components/pipelineAlarms.ts registers them as they are.
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
  /** Tasks that should be running (lib/ops/health.ts). */
  expectedRunningTasks: number;
  /**
   * Consumer time lag, in seconds, above which records are late (lib/ops/health.ts); undefined when the
   * cost model cannot estimate the connector's delivery and no `alarms.timeLagSeconds` is set (config
   * refuses that with alarms on; the dashboard then draws no threshold).
   */
  timeLagThresholdSeconds?: number;
}

/** CloudWatch's comparison operators the alarms use. */
export enum ComparisonOperator {
  GreaterThanThreshold = "GreaterThanThreshold",
  GreaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold",
  LessThanThreshold = "LessThanThreshold",
}

/** How an alarm reads a period with no data point (CloudWatch `treatMissingData`). */
export enum MissingData {
  Breaching = "breaching",
  NotBreaching = "notBreaching",
}

/** One metric, one statistic, one period. */
export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: Statistic;
  periodSeconds: number;
}

/** A metric-math query: a metric, or an expression over other queries' ids. */
export interface MetricQuery {
  id: string;
  label: string;
  metric?: MetricRef;
  expression?: string;
  /** The one query whose values the alarm compares. */
  returnData: boolean;
}

/** One alarm: a metric (or metric math), a comparison, and how many periods must breach. */
export interface AlarmSpec {
  /** Suffix of the alarm's name and of its Pulumi resource name. */
  key: string;
  alarmName: string;
  description: string;
  metric?: MetricRef;
  queries?: MetricQuery[];
  comparison: ComparisonOperator;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  missingData: MissingData;
}

const connectMetric = (h: PipelineHealth, metricName: ConnectMetric, periodSeconds: number): MetricRef => ({
  namespace: KAFKA_CONNECT_NAMESPACE,
  metricName,
  dimensions: { [CONNECTOR_NAME_DIMENSION]: h.connectorName },
  statistic: Statistic.Maximum,
  periodSeconds,
});

/** The connector-wide alarms: errored tasks, too few running tasks, failed task start-ups. */
function connectorAlarms(h: PipelineHealth): AlarmSpec[] {
  const n = h.connectorName;
  return [
    {
      key: "errored-tasks",
      alarmName: `${n}-errored-tasks`,
      description:
        `MSK Connect connector ${n} has errored tasks: records of their partitions stop reaching S3. ` +
        "Read the worker logs, fix the cause, then replace the connector. Missing data is breaching: " +
        "a connector that stopped publishing metrics cannot show that no task failed.",
      metric: connectMetric(h, ConnectMetric.ErroredTaskCount, 60),
      comparison: ComparisonOperator.GreaterThanThreshold,
      threshold: 0,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      missingData: MissingData.Breaching,
    },
    {
      key: "running-tasks",
      alarmName: `${n}-running-tasks`,
      description:
        `MSK Connect connector ${n} runs fewer than ${h.expectedRunningTasks} tasks (what its capacity ` +
        "should run) for 10 minutes. Missing data is breaching: a connector that is gone, failed or " +
        "stopped emitting metrics runs no task.",
      metric: connectMetric(h, ConnectMetric.RunningTaskCount, 300),
      comparison: ComparisonOperator.LessThanThreshold,
      threshold: h.expectedRunningTasks,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      missingData: MissingData.Breaching,
    },
    {
      key: "task-startup-failures",
      alarmName: `${n}-task-startup-failures`,
      description:
        `MSK Connect connector ${n} attempted task start-ups and not all succeeded (attempts rose while ` +
        "the success percentage was below 100). Missing data is not breaching: no start-up is the normal " +
        `state, and a connector that stopped emitting metrics already fires ${n}-running-tasks.`,
      queries: [
        {
          id: "attempts",
          label: "task start-up attempts (running total)",
          metric: connectMetric(h, ConnectMetric.TaskStartupAttemptsTotal, 60),
          returnData: false,
        },
        {
          // Maximum: a worker with no start-up in the window reports 0 %, not 100 %.
          id: "success",
          label: "task start-up success %",
          metric: connectMetric(h, ConnectMetric.TaskStartupSuccessPercentage, 60),
          returnData: false,
        },
        {
          // Metric math (IF, DIFF, AND): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
          id: "failed",
          label: "failed task start-ups (1 = yes)",
          expression: "IF(DIFF(attempts) > 0 AND success < 100, 1, 0)",
          returnData: true,
        },
      ],
      comparison: ComparisonOperator.GreaterThanOrEqualToThreshold,
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      missingData: MissingData.NotBreaching,
    },
  ];
}

/** One time-lag alarm per topic on the sink's consumer group. */
function lagAlarms(h: PipelineHealth): AlarmSpec[] {
  const threshold = h.timeLagThresholdSeconds;
  if (threshold === undefined)
    throw new Error("time-lag alarms need alarms.timeLagSeconds (lib/config/rules.ts)");
  const metricName = timeLagMetric(h.clusterKind);
  return h.topics.map((topic) => ({
    key: `time-lag-${topic}`,
    alarmName: `${h.connectorName}-time-lag-${topic}`,
    description:
      `Consumer group ${h.consumerGroup} is more than ${threshold} s behind on topic ${topic} ` +
      "for 5 minutes: records are not reaching S3 in time (the delivery preset's bound, one offset commit " +
      "interval and one metric period). Missing data is breaching: MSK drops consumer-lag metrics while the " +
      "group is rebalancing or has committed nothing, which is how a crash-looping sink looks.",
    metric: {
      namespace: KAFKA_NAMESPACE,
      metricName,
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
    missingData: MissingData.Breaching,
  }));
}

/** Every alarm of the pipeline, connector-wide first, then one per topic. */
export function alarmSpecs(h: PipelineHealth): AlarmSpec[] {
  return [...connectorAlarms(h), ...lagAlarms(h)];
}
