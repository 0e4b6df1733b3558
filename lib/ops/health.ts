/**
 * What a healthy pipeline looks like in numbers: how many tasks should run, how late records may
 * reach S3, and from that how much consumer time lag is still normal.
 */
import { wholeNumber } from "../connector/delivery";
import { estimateDelivery } from "../s3/cost";
import { autoscaledTasksMax, AutoscalingCapacityArgs, ProvisionedCapacityArgs } from "../connector/capacity";

/** Kafka Connect's `tasks.max` default. */
export const DEFAULT_TASKS_MAX = 1;

/**
 * Tasks that should be RUNNING. The Confluent S3 sink starts exactly `tasks.max` tasks (its
 * `taskConfigs(maxTasks)` returns `maxTasks` copies, whatever the partition count); provisioned
 * capacity keeps the configured `tasks.max`; autoscaled capacity overrides it, and at the fewest
 * workers that is minWorkerCount × mcuCount × 2.
 */
export function expectedRunningTasks(
  capacity: { provisioned?: ProvisionedCapacityArgs; autoscaling?: AutoscalingCapacityArgs },
  props: Readonly<Record<string, string>>,
): number {
  const a = capacity.autoscaling;
  if (a) return autoscaledTasksMax(a.mcuCount, a.minWorkerCount);
  return wholeNumber(props["tasks.max"]) ?? DEFAULT_TASKS_MAX;
}

/**
 * The traffic the latency bound is computed for: a slow but steady topic, one record a second on
 * every partition. The bound of a record-time rotation adds one gap between records (lib/s3/cost.ts),
 * so a slower rate would only stretch it; a quiet partition keeps its open file indefinitely
 * (docs/delivery.md), which is what the lag alarm then reports.
 */
export const REFERENCE_RECORDS_PER_SECOND_PER_PARTITION = 1;

/**
 * Worst-case seconds from a record's arrival to its S3 object for these connector properties, from
 * the cost model (estimateDelivery). Throws what the model throws for properties it cannot estimate.
 */
export function deliveryLatencyBoundSeconds(
  props: Readonly<Record<string, string>>,
  topics: number,
  partitionsPerTopic: number,
): number {
  const partitions = topics * partitionsPerTopic;
  return estimateDelivery(
    {
      recordsPerSecond: partitions * REFERENCE_RECORDS_PER_SECOND_PER_PARTITION,
      meanRecordBytes: 1024,
      topics,
      partitionsPerTopic,
    },
    props,
  ).worstCaseLatencySeconds;
}

/**
 * Kafka Connect commits a sink task's offsets every `offset.flush.interval.ms` (a worker property,
 * default 60000), and the S3 sink hands over only offsets whose files are in S3:
 * https://kafka.apache.org/documentation/#connectconfigs_offset.flush.interval.ms
 */
export const DEFAULT_OFFSET_FLUSH_INTERVAL_MS = 60_000;

/** MSK publishes consumer lag once a minute: one period of staleness on top of the lag itself. */
export const LAG_METRIC_PERIOD_SECONDS = 60;

/** The worker's offset commit interval in ms: its `offset.flush.interval.ms`, else Kafka's default. */
export function offsetFlushIntervalMs(
  workerProperties: Readonly<Record<string, string>> | undefined,
): number {
  const ms = wholeNumber(workerProperties?.["offset.flush.interval.ms"]);
  return ms !== undefined && ms > 0 ? ms : DEFAULT_OFFSET_FLUSH_INTERVAL_MS;
}

/**
 * Consumer time lag that is still healthy: a record may wait the delivery bound for its object, then
 * up to one offset commit interval for its offset, then one metric period to be reported.
 */
export function timeLagThresholdSeconds(latencyBoundSeconds: number, offsetFlushMs: number): number {
  return Math.ceil(latencyBoundSeconds) + Math.ceil(offsetFlushMs / 1000) + LAG_METRIC_PERIOD_SECONDS;
}
