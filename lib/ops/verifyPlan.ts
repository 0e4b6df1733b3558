/**
 * How long `npm run verify` waits and what it says: the preset's expected latency for verify's own
 * traffic (from the cost model, lib/s3/cost.ts), progress while waiting, the per-topic summary and the
 * reason on timeout.
 */
import { isTimeBasedPartitioner, partitionerOf, wholeNumber } from "../connector/delivery";
import { estimateDelivery, WALKTHROUGH_DELIVERY_BASE } from "../s3/cost";
import type { VerifyTarget } from "./verifyTarget";

/** Records verify sends to each topic at the start. */
export const RECORDS_PER_TOPIC = 3;
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
  const rotates =
    isTimeBasedPartitioner(partitionerOf(p)) && (wholeNumber(p["rotate.interval.ms"]) ?? -1) > 0;
  return flush > RECORDS_PER_TOPIC || rotates;
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
  if (isTimeBasedPartitioner(partitionerOf(p)) && p["rotate.interval.ms"])
    closes.push(
      `${Number(p["rotate.interval.ms"]) / 1000} s of record time after its first record (rotate.interval.ms=${p["rotate.interval.ms"]})`,
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

/** What was found for one topic so far. */
export interface TopicProgress {
  topic: string;
  sent: number;
  /** Connector objects newer than the start. */
  objects: number;
  /** Seconds from the first send to the first such object's LastModified. */
  firstObjectSeconds?: number;
}

/** One progress line while waiting. */
export function progressLine(elapsedSeconds: number, topics: readonly TopicProgress[]): string {
  const parts = topics.map(
    (t) => `${t.topic}: ${t.objects} object${t.objects === 1 ? "" : "s"}${t.objects > 0 ? " ✓" : ""}`,
  );
  return `[${String(Math.round(elapsedSeconds)).padStart(4)} s] ${parts.join(" · ")}`;
}

/** The per-topic summary table. */
export function summaryTable(topics: readonly TopicProgress[]): string {
  const rows = [
    ["topic", "records sent", "objects found", "seconds from send to object"],
    ...topics.map((t) => [
      t.topic,
      String(t.sent),
      String(t.objects),
      t.firstObjectSeconds === undefined ? "-" : t.firstObjectSeconds.toFixed(1),
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

/** The reason verify gives up, naming the topics still without objects and the preset's latency. */
export function timeoutMessage(t: VerifyTarget, timeoutSeconds: number, missing: readonly string[]): string {
  const e = expectedLatencySeconds(t);
  const expected =
    e === undefined
      ? "its latency cannot be estimated"
      : `its expected latency for this traffic is about ${Math.ceil(e)} s`;
  return (
    `timed out after ${timeoutSeconds} s: no new object under ${missing.map((m) => `s3://${t.bucket}/${t.keyPrefixes[m]}`).join(", ")}; ` +
    `preset ${t.deliveryPreset}: ${expected}. Check that the connector is RUNNING, its worker logs, and the consumer lag ` +
    "(dashboard); wait longer with --timeout <seconds>"
  );
}
