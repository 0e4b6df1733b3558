/**
 * A pure model of how many S3 objects and PUT-priced requests the Confluent S3 sink (kafka-connect-s3
 * 10.0.3) makes for a steady workload, what those requests cost, and how long a record can wait
 * before it is in S3.
 *
 * Assumptions, each one a simplification:
 * - Records arrive at a steady rate, spread evenly over every partition of every topic. Record
 *   timestamps (CreateTime) follow arrival time, so record time and wall-clock time advance together.
 * - An object is committed for each (topic partition, output partition) when `flush.size` records
 *   have accumulated, or when a rotation fires: `rotate.interval.ms` (record time, only with a
 *   time-based partitioner), `rotate.schedule.interval.ms` (wall clock), or, with
 *   `rotate.interval.ms` set, a record that falls in the next time window (e.g. the next hour).
 * - Request count: the connector's S3OutputStream uploads every object as a multipart upload, even a
 *   one-record object. That is CreateMultipartUpload (POST), then UploadPart (PUT) once per
 *   `s3.part.size` bytes it fills plus once at commit for the remainder, then
 *   CompleteMultipartUpload (POST). So an object of `b` bytes costs floor(b / partSize) + 3
 *   requests, and a small object costs 3. S3 bills POST at the PUT price, so all of them count.
 * - Object bytes = records × `meanRecordBytes`. That is JsonFormat with no compression, with the
 *   newline counted inside `meanRecordBytes`. Parquet uses a different output stream and is not
 *   modelled here.
 * - Left out: GET/LIST requests, storage, data transfer, upload time, consumer lag and retries.
 */

import { walkthroughProperties } from "../connector/properties";
import type { PresetName } from "../config/enums";
import {
  isTimeBasedPartitioner,
  partitionerOf,
  presetProperties,
  rotateIntervalMs,
  timeWindowOf,
  wholeNumber,
} from "../connector/delivery";
import { deliveryProblems } from "../connector/deliveryProblems";

/** A steady load on the sink. */
export interface Workload {
  /** Records per second over all topics, > 0. */
  recordsPerSecond: number;
  /** Mean bytes a record takes in the S3 object, > 0. */
  meanRecordBytes: number;
  /** Number of topics the connector reads, a whole number ≥ 1. */
  topics: number;
  /** Partitions of each topic, a whole number ≥ 1. */
  partitionsPerTopic: number;
}

/** What a property map does to S3 for a workload. */
export interface DeliveryEstimate {
  /** S3 requests billed at the PUT price (PUT, COPY, POST, LIST) per 1,000,000 records. */
  putsPerMillionRecords: number;
  /** S3 objects committed per day. */
  objectsPerDay: number;
  /** USD per day for those requests at {@link PUT_PRICE_USD_PER_1000}. */
  putCostUsdPerDay: number;
  /**
   * Longest a record waits after it arrives before the object that holds it is committed, at a
   * steady rate. A rotation on record time (`rotate.interval.ms`, or a window change) fires only
   * when a later record arrives, so one inter-arrival gap is added. A partition that goes quiet
   * keeps its open file until traffic resumes, and this figure does not cover that case.
   */
  worstCaseLatencySeconds: number;
}

/**
 * S3 Standard price for PUT, COPY, POST and LIST requests in us-east-1: USD 0.005 per 1,000
 * (aws.amazon.com/s3/pricing). Other regions and storage classes cost more.
 */
export const PUT_PRICE_USD_PER_1000 = 0.005;

/** The connector's default `s3.part.size`: 25 MiB. */
export const DEFAULT_PART_SIZE_BYTES = 25 * 1024 * 1024;

/**
 * The walkthrough's connector properties (region, bucket and topics do not affect delivery).
 * The presets are layered on top of these.
 */
export const WALKTHROUGH_DELIVERY_BASE: Readonly<Record<string, string>> = walkthroughProperties({
  region: "us-east-1",
  bucket: "cost-estimate",
  topics: ["cost.estimate"],
});

const SECONDS_PER_DAY = 86_400;
// Tolerance for ceil() on ratios that should be whole but come out as 6000.000000000001.
const EPSILON = 1e-9;

/** Throws one error listing every field of the workload that is not usable. */
function assertWorkload(workload: Workload): void {
  const problems: string[] = [];
  for (const key of ["recordsPerSecond", "meanRecordBytes"] as const) {
    const v = workload[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
      problems.push(`${key} must be a positive finite number, got ${String(v)}`);
  }
  for (const key of ["topics", "partitionsPerTopic"] as const) {
    const v = workload[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1)
      problems.push(`${key} must be a whole number ≥ 1, got ${String(v)}`);
  }
  if (problems.length > 0) throw new Error(`invalid workload: ${problems.join("; ")}`);
}

/** A property that is on only when ≥ 1 (rotate.* use -1 for off). */
function positiveOrUndefined(value: string | undefined): number | undefined {
  const n = wholeNumber(value);
  return n !== undefined && n >= 1 ? n : undefined;
}

/** Billed requests for one object of `records` records: create + parts + complete. */
function requestsPerObject(records: number, meanRecordBytes: number, partSize: number): number {
  return Math.floor((records * meanRecordBytes) / partSize) + 3;
}

/**
 * Estimates objects, PUT-priced requests, their cost and the worst-case latency for a full or
 * partial S3 sink property map (anything unset takes the connector's default). Throws if the
 * workload is invalid, if {@link deliveryProblems} finds anything, or if the partitioner cannot be
 * modelled (FieldPartitioner and custom classes: their number of output partitions depends on the
 * data).
 */
export function estimateDelivery(
  workload: Workload,
  props: Readonly<Record<string, string>>,
): DeliveryEstimate {
  assertWorkload(workload);
  const problems = deliveryProblems(props);
  if (problems.length > 0) throw new Error(`cannot estimate delivery: ${problems.join("; ")}`);
  const partitioner = partitionerOf(props);
  const timeBased = isTimeBasedPartitioner(partitioner);
  if (!timeBased && !partitioner.endsWith(".DefaultPartitioner"))
    throw new Error(
      `cannot estimate delivery for partitioner.class=${partitioner}: its output partitions depend on the data`,
    );

  const { recordsPerSecond: rps, meanRecordBytes } = workload;
  const partitions = workload.topics * workload.partitionsPerTopic;
  const flushSize = wholeNumber(props["flush.size"]) as number;
  const partSize = wholeNumber(props["s3.part.size"]) ?? DEFAULT_PART_SIZE_BYTES;
  // deliveryProblems refuses rotate.interval.ms without a time-based partitioner, where it does nothing.
  const rotateMs = rotateIntervalMs(props);
  const scheduleMs = positiveOrUndefined(props["rotate.schedule.interval.ms"]);
  // Products are formed as (x × rps) / partitions so that whole results stay whole in floating point.
  const recordsIn = (ms: number): number => ((ms / 1000) * rps) / partitions;
  const recordsPerFile = Math.min(
    flushSize,
    ...[rotateMs, scheduleMs].filter((ms): ms is number => ms !== undefined).map(recordsIn),
  );
  const recordsPerPartitionDay = recordsIn(SECONDS_PER_DAY * 1000);
  // deliveryProblems has checked that a time-based partitioner has its window.
  const windowMs = timeBased ? timeWindowOf(props).durationMs : undefined;
  const windowsPerDay = windowMs === undefined ? 0 : (SECONDS_PER_DAY * 1000) / windowMs;

  let objectsPerPartitionDay: number;
  let requestsPerPartitionDay: number;
  if (windowMs !== undefined && rotateMs !== undefined) {
    // With rotate.interval.ms set, a record from the next window closes the file, so each window
    // holds k files: k−1 full ones and a remainder.
    const recordsPerWindow = recordsIn(windowMs);
    const filesPerWindow = Math.max(1, Math.ceil(recordsPerWindow / recordsPerFile - EPSILON));
    const lastFileRecords = recordsPerWindow - (filesPerWindow - 1) * recordsPerFile;
    objectsPerPartitionDay = windowsPerDay * filesPerWindow;
    requestsPerPartitionDay =
      windowsPerDay *
      ((filesPerWindow - 1) * requestsPerObject(recordsPerFile, meanRecordBytes, partSize) +
        requestsPerObject(lastFileRecords, meanRecordBytes, partSize));
  } else {
    // Commits every recordsPerFile records. Without rotate.interval.ms a time-based partitioner keeps
    // one writer per window, so a commit that straddles a window boundary gives one extra object.
    objectsPerPartitionDay = recordsPerPartitionDay / recordsPerFile + windowsPerDay;
    const meanRecordsPerObject = recordsPerPartitionDay / objectsPerPartitionDay;
    requestsPerPartitionDay =
      objectsPerPartitionDay * requestsPerObject(meanRecordsPerObject, meanRecordBytes, partSize);
  }

  const gapSeconds = partitions / rps; // between two records of one partition
  const latencyBounds = [((flushSize - 1) * partitions) / rps];
  if (rotateMs !== undefined) latencyBounds.push(rotateMs / 1000 + gapSeconds);
  if (rotateMs !== undefined && windowMs !== undefined) latencyBounds.push(windowMs / 1000 + gapSeconds);
  // Scheduled rotation also fires when no records arrive (the task still gets empty put() calls).
  if (scheduleMs !== undefined) latencyBounds.push(scheduleMs / 1000);

  const requestsPerDay = requestsPerPartitionDay * partitions;
  return {
    putsPerMillionRecords: (requestsPerDay / (recordsPerPartitionDay * partitions)) * 1_000_000,
    objectsPerDay: objectsPerPartitionDay * partitions,
    putCostUsdPerDay: (requestsPerDay / 1000) * PUT_PRICE_USD_PER_1000,
    worstCaseLatencySeconds: Math.min(...latencyBounds),
  };
}

/** {@link estimateDelivery} for a preset applied over {@link WALKTHROUGH_DELIVERY_BASE}. */
export function estimatePreset(workload: Workload, preset: PresetName): DeliveryEstimate {
  return estimateDelivery(workload, { ...WALKTHROUGH_DELIVERY_BASE, ...presetProperties(preset) });
}
