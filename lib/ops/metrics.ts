/**
 * The CloudWatch metrics the alarms and the dashboard read: namespaces, names and dimensions exactly as
 * AWS documents them. Each group cites its page.
 */
import { ClusterKind } from "../config/enums";

/**
 * MSK Connect publishes these per connector, dimension `ConnectorName`, "by default and at no additional
 * cost": https://docs.aws.amazon.com/msk/latest/developerguide/mkc-monitoring-overview.html
 * The page says neither how often nor what is published while a connector is created, deleted or
 * failed, so no alarm here depends on a point being there (see lib/ops/alarms.ts).
 */
export const KAFKA_CONNECT_NAMESPACE = "AWS/KafkaConnect";
/** The one dimension of every MSK Connect metric. */
export const CONNECTOR_NAME_DIMENSION = "ConnectorName";

/** MSK Connect metric names (same page). */
export enum ConnectMetric {
  /** "The number of tasks that have errored out." */
  ErroredTaskCount = "ErroredTaskCount",
  /** "The running number of tasks in the connector." */
  RunningTaskCount = "RunningTaskCount",
  /** "The average per-second number of records read from the Apache Kafka or Amazon MSK cluster." */
  SinkRecordReadRate = "SinkRecordReadRate",
  /** "The average per-second number of records that are output from the transformations and sent to the destination." */
  SinkRecordSendRate = "SinkRecordSendRate",
  /** "The number of workers that are running in the connector." */
  WorkerCount = "WorkerCount",
  /** "The percentage of CPU consumption by system and user." (what autoscaling scales on) */
  CpuUtilization = "CpuUtilization",
  /** Percentage of the worker's total memory; the page notes the JVM heap settles around 80-90 %. */
  MemoryUtilization = "MemoryUtilization",
}

/**
 * MSK's consumer-lag metrics: EstimatedMaxTimeLag, MaxOffsetLag and SumOffsetLag are in the table of metrics
 * "available at the DEFAULT monitoring level. They are free", visible "After consumer group consumes from a
 * topic" (the per-partition EstimatedTimeLag and OffsetLag need PER_TOPIC_PER_PARTITION, so the stack uses
 * none of them), pushed at 1-minute intervals:
 * https://docs.aws.amazon.com/msk/latest/developerguide/metrics-details.html
 * Dimensions `Cluster Name`, `Consumer Group`, `Topic` as the serverless page lists them; the provisioned
 * table lists only `Consumer Group, Topic` (the 2023 text of awsdocs/amazon-msk-developer-guide), while
 * AWS's own runbook (aws/agent-toolkit-for-aws, troubleshoot-consumer-lag.md) gives all three. An alarm on
 * a dimension set MSK does not publish would see no data and stay OK: the dashboard's lag widget and
 * `npm run verify -- <stack> --watch` read the same set, and show "no lag data" while it is wrong.
 * Emitted only while the group is STABLE or EMPTY, and absent when it has no committed offset:
 * https://docs.aws.amazon.com/msk/latest/developerguide/consumer-lag.html
 * Serverless clusters: https://docs.aws.amazon.com/msk/latest/developerguide/serverless-monitoring.html
 */
export const KAFKA_NAMESPACE = "AWS/Kafka";
export const CLUSTER_NAME_DIMENSION = "Cluster Name";
export const CONSUMER_GROUP_DIMENSION = "Consumer Group";
export const TOPIC_DIMENSION = "Topic";

/** MSK consumer-lag metric names. */
export enum LagMetric {
  /** Provisioned: "Time estimate (in seconds) to drain MaxOffsetLag." */
  EstimatedMaxTimeLag = "EstimatedMaxTimeLag",
  /** Serverless: "A time estimate of the MaxOffsetLag metric." */
  MaxEstimatedTimeLag = "MaxEstimatedTimeLag",
  /** "The maximum offset lag across all partitions in a topic." */
  MaxOffsetLag = "MaxOffsetLag",
}

/** Provisioned and serverless clusters name the time-lag metric differently. */
export function timeLagMetric(kind: ClusterKind): LagMetric {
  return kind === ClusterKind.Serverless ? LagMetric.MaxEstimatedTimeLag : LagMetric.EstimatedMaxTimeLag;
}

/** CloudWatch statistics the alarms and widgets use. */
export enum Statistic {
  Maximum = "Maximum",
  Average = "Average",
  Sum = "Sum",
}

/**
 * The consumer group a sink connector's tasks commit to: Kafka Connect's `connect-<connector name>`
 * (apache/kafka connect/runtime/.../util/SinkUtils.java `consumerGroupId`, which Worker uses for sink tasks;
 * MSK Connect runs Apache Kafka Connect), unless the connector configuration overrides it with
 * `consumer.override.group.id` (KIP-458).
 */
export function sinkConsumerGroup(connectorName: string, props: Readonly<Record<string, string>>): string {
  return props["consumer.override.group.id"] ?? `connect-${connectorName}`;
}
