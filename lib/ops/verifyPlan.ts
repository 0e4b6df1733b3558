/**
 * How long `npm run verify` waits and what it says: the preset's expected latency for verify's own
 * traffic (from the cost model, lib/s3/cost.ts), progress while waiting, the per-topic summary and the
 * reason on timeout.
 */
import { rotateIntervalMs, wholeNumber } from "../connector/delivery";
import { estimateDelivery, WALKTHROUGH_DELIVERY_BASE } from "../s3/cost";
import type { Ack } from "./produce";
import type { VerifyTarget } from "./verifyTarget";

/** Records verify sends to each topic at the start. */
export const RECORDS_PER_TOPIC = 2;
/** Seconds between the one-record "ticks" that move record time on while a batched preset waits. */
export const TICK_SECONDS = 30;
/** Slack on top of the expected latency: connector poll, S3 upload, the poll interval. */
export const TIMEOUT_SLACK_SECONDS = 120;

/** The effective delivery properties (anything unset takes the connector's default, as the base does). */
const propsOf = (t: VerifyTarget) => ({ ...WALKTHROUGH_DELIVERY_BASE, ...t.deliveryProperties });

/** True when objects close only after more records (flush.size above the first batch, or record-time rotation). */
export function needsTicks(t: VerifyTarget): boolean {
  const p = propsOf(t);
  const flush = wholeNumber(p["flush.size"]) ?? 1;
  return flush > RECORDS_PER_TOPIC || rotateIntervalMs(p) !== undefined;
}

/**
 * Worst-case seconds from verify's first record to its object: the cost model at verify's traffic
 * (one partition per topic, since the records are keyed; a record per topic every TICK_SECONDS),
 * or undefined when the model cannot estimate these properties.
 */
export function expectedLatencySeconds(t: VerifyTarget): number | undefined {
  const topics = t.topics.length;
  try {
    return estimateDelivery(
      { recordsPerSecond: topics / TICK_SECONDS, meanRecordBytes: 200, topics, partitionsPerTopic: 1 },
      propsOf(t),
    ).worstCaseLatencySeconds;
  } catch {
    return undefined;
  }
}

/** Default wait: the expected latency plus slack; 15 minutes when it cannot be estimated. */
export function defaultTimeoutSeconds(t: VerifyTarget): number {
  const e = expectedLatencySeconds(t);
  return e === undefined ? 900 : Math.ceil(e) + TIMEOUT_SLACK_SECONDS;
}

/** What the preset does and how long to expect, said once before waiting. */
export function latencyMessage(t: VerifyTarget, timeoutSeconds: number): string {
  const p = propsOf(t);
  const e = expectedLatencySeconds(t);
  const expect =
    e === undefined ? "its latency cannot be estimated" : `expect objects within about ${Math.ceil(e)} s`;
  const closes: string[] = [];
  const rotate = rotateIntervalMs(p);
  if (rotate !== undefined)
    closes.push(
      `${rotate / 1000} s of record time after its first record (rotate.interval.ms=${p["rotate.interval.ms"]})`,
    );
  closes.push(
    p["flush.size"] === "1"
      ? "with every record (flush.size=1)"
      : `at ${p["flush.size"]} records (flush.size)`,
  );
  const ticks = needsTicks(t)
    ? `; verify sends one more record per topic every ${TICK_SECONDS} s so that record time moves on`
    : "";
  return `preset ${t.deliveryPreset}: an object closes ${closes.join(" or ")}${ticks}; ${expect} (waiting up to ${timeoutSeconds} s)`;
}

/**
 * How many of a topic's acknowledged records the connector must have written by now: a record is in a
 * closed object once its partition has moved `flush.size` offsets past it (the object holds at most that
 * many), or, with record-time rotation, once a later record is `rotate.interval.ms` newer (TopicPartitionWriter
 * .rotateOnTime rotates on the first record that far from the object's first one); 5 s of slack for the gap
 * between a record's CreateTime and its acknowledgement.
 */
export function mustBeWritten(t: VerifyTarget, acks: readonly Ack[]): number {
  const p = propsOf(t);
  const flush = Math.max(1, wholeNumber(p["flush.size"]) ?? 1);
  const rotate = rotateIntervalMs(p);
  return acks.filter((a) => {
    const later = acks.filter((b) => b.partition === a.partition);
    return (
      Math.max(...later.map((b) => b.offset)) >= a.offset + flush - 1 ||
      (rotate !== undefined && Math.max(...later.map((b) => b.timestamp)) - a.timestamp >= rotate + 5_000)
    );
  }).length;
}

/** What is known for one topic so far. */
export interface TopicProgress {
  topic: string;
  /** Records the broker acknowledged. */
  acked: number;
  /** Of those, how many must be in S3 by now (mustBeWritten). */
  due: number;
  /** This run's records found in the objects' contents. */
  found: number;
  /** Seconds from the first send until the first of them was found. */
  firstFoundSeconds?: number;
}

/** Done when every topic has records due and at least as many found. */
export const isDone = (p: TopicProgress) => p.due > 0 && p.found >= p.due;

/** One progress line while waiting: found/acknowledged per topic. */
export function progressLine(elapsedSeconds: number, topics: readonly TopicProgress[]): string {
  const parts = topics.map((t) => `${t.topic} ${t.found}/${t.acked}${isDone(t) ? " ✓" : ""}`);
  return `[${String(Math.round(elapsedSeconds)).padStart(4)} s] ${parts.join(" · ")}`;
}

/** The per-topic summary table. */
export function summaryTable(topics: readonly TopicProgress[]): string {
  const rows = [
    ["topic", "acknowledged", "due in S3", "found", "seconds to first found"],
    ...topics.map((t) => [
      t.topic,
      String(t.acked),
      String(t.due),
      String(t.found),
      t.firstFoundSeconds === undefined ? "-" : t.firstFoundSeconds.toFixed(1),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The reason verify gives up, naming what is missing per topic and the preset's latency. */
export function timeoutMessage(
  t: VerifyTarget,
  timeoutSeconds: number,
  short: readonly TopicProgress[],
): string {
  const e = expectedLatencySeconds(t);
  const expected =
    e === undefined
      ? "its latency cannot be estimated"
      : `its expected latency for this traffic is about ${Math.ceil(e)} s`;
  const missing = short.map(
    (p) =>
      `${p.topic} ${p.found} of ${p.due || p.acked} found under s3://${t.bucket}/${t.keyPrefixes[p.topic]}`,
  );
  return (
    `timed out after ${timeoutSeconds} s: ${missing.join(", ")}; ` +
    `preset ${t.deliveryPreset}: ${expected}. Check that the connector is RUNNING, its worker logs, and the consumer lag ` +
    "(`npm run verify -- <stack> --watch`, dashboard); wait longer with --timeout <seconds>"
  );
}
