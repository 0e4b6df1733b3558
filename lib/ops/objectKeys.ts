/**
 * Where the Confluent S3 sink (kafka-connect-s3 10.0.3) puts a record, so that verify lists only the keys
 * that can hold its own records. TopicPartitionWriter.fileKeyToCommit names an object
 * `<topics.dir>/<topic>/<encoded partition>/<topic>+<kafka partition>+<start offset>.<ext>`, the start
 * offset zero-padded to `filename.offset.zero.pad.width` (10; kafka-connect-storage-common 10.2.2
 * StorageSinkConnectorConfig). The encoded partition is `partition=<n>` (DefaultPartitioner) or
 * `path.format` applied to the start of the record time's `partition.duration.ms` bucket in `timezone`
 * (TimeBasedPartitioner.getPartition). Within one directory and partition, S3's lexicographic listing
 * order is therefore start-offset order: `StartAfter` skips everything older.
 */
import {
  directoryDelim,
  isTimeBasedPartitioner,
  partitionerOf,
  schemalessValues,
  STRING_CONVERTER,
  timeWindowOf,
  wholeNumber,
} from "../connector/delivery";
import type { Ack } from "./produce";
import type { VerifyTarget } from "./verifyTarget";

/** Joda pattern letters the presets use, as digits: YYYY/yyyy, MM, dd, HH, mm, ss. */
const FIELDS: Record<string, [width: number, read: (d: Date) => number]> = {
  YYYY: [4, (d) => d.getUTCFullYear()],
  yyyy: [4, (d) => d.getUTCFullYear()],
  MM: [2, (d) => d.getUTCMonth() + 1],
  dd: [2, (d) => d.getUTCDate()],
  HH: [2, (d) => d.getUTCHours()],
  mm: [2, (d) => d.getUTCMinutes()],
  ss: [2, (d) => d.getUTCSeconds()],
};

/** The path a UTC time falls under: quoted literals kept, digit fields filled (throws on other letters). */
export function formatPath(format: string, at: Date): string {
  return [...format.matchAll(/'([^']*)'|([A-Za-z])\2*|[^'A-Za-z]/g)]
    .map((m) => {
      if (m[1] !== undefined) return m[1];
      if (!m[2]) return m[0];
      const f = FIELDS[m[0]];
      if (!f) throw new Error(`path.format field ${m[0]} is not one verify can fill`);
      return String(f[1](at)).padStart(f[0], "0");
    })
    .join("");
}

/** The key layout of one stack's connector. */
interface Layout {
  dirDelim: string;
  fileDelim: string;
  padWidth: number;
  flushSize: number;
  /** Time-based: path format and bucket width; undefined for the DefaultPartitioner. */
  time?: { format: string; durationMs: number; wallclock: boolean };
}

function layoutOf(p: Readonly<Record<string, string>>): Layout {
  const { durationMs = 3_600_000, format = "" } = timeWindowOf(p);
  const wallclock = p["timestamp.extractor"] === "Wallclock";
  const time = isTimeBasedPartitioner(partitionerOf(p)) ? { format, durationMs, wallclock } : undefined;
  return {
    dirDelim: directoryDelim(p),
    fileDelim: p["file.delim"] ?? "+",
    padWidth: wholeNumber(p["filename.offset.zero.pad.width"]) ?? 10,
    flushSize: Math.max(1, wholeNumber(p["flush.size"]) ?? 1),
    time,
  };
}

/** Why verify cannot produce to this connector safely or find its records, or undefined. */
export function verifyProblem(t: VerifyTarget): string | undefined {
  const p = t.deliveryProperties;
  const format = p["format.class"] ?? "";
  const converter = p["value.converter"] ?? "";
  if (!format.endsWith(".JsonFormat"))
    return `format.class ${format}: verify reads JSON objects only (io.confluent.connect.s3.format.json.JsonFormat)`;
  if (!schemalessValues(p))
    return `value.converter ${converter}: verify's records are schemaless and would fail the task; it needs org.apache.kafka.connect.json.JsonConverter with schemas.enable=false or ${STRING_CONVERTER}`;
  const partitioner = partitionerOf(p);
  if (!isTimeBasedPartitioner(partitioner) && !partitioner.endsWith(".DefaultPartitioner"))
    return `partitioner.class ${partitioner}: verify finds its records under the DefaultPartitioner or a time-based one only`;
  const l = layoutOf(p);
  if (l.time) {
    if (!["Record", "Wallclock"].includes(p["timestamp.extractor"] ?? ""))
      return `timestamp.extractor ${p["timestamp.extractor"]}: verify's records carry no field to partition on (use Record or Wallclock)`;
    if ((p.timezone ?? "UTC") !== "UTC") return `timezone ${p.timezone}: verify computes paths in UTC only`;
    try {
      formatPath(l.time.format, new Date(0));
    } catch (e) {
      return (e as Error).message;
    }
  }
  return undefined;
}

/** One bounded ListObjectsV2: keys under `prefix` after `startAfter`, up to start offset `lastOffset`. */
export interface Listing {
  prefix: string;
  startAfter: string;
  lastOffset: number;
}

/** The encoded partitions (directories) that hold records of these times, oldest first. */
function timeDirs(l: Layout, fromMs: number, toMs: number): string[] {
  const d = l.time!.durationMs;
  const dirs = new Set<string>();
  for (let b = fromMs - (fromMs % d); b <= toMs; b += d) dirs.add(formatPath(l.time!.format, new Date(b)));
  return [...dirs];
}

/**
 * The listings that can hold the acknowledged records of `topic`, per partition: the start offset of the
 * object holding the first record is above `first − flush.size` (an object holds at most flush.size
 * records), so StartAfter skips every older object and a poll costs one request per directory and
 * partition (plus one per 1,000 objects written meanwhile) however large the prefix. Record time is at
 * most the acknowledgement's time; a minute of slack covers the EC2 client's clock before the first.
 * With `timestamp.extractor=Wallclock` the connector's clock decides, so the directories run to `now`.
 */
export function listingsFor(t: VerifyTarget, topic: string, acks: readonly Ack[], now: number): Listing[] {
  const l = layoutOf(t.deliveryProperties);
  const pad = (n: number) => String(n).padStart(l.padWidth, "0");
  return [...new Set(acks.map((a) => a.partition))].flatMap((p) => {
    const mine = acks.filter((a) => a.partition === p);
    const offsets = mine.map((a) => a.offset);
    const times = mine.map((a) => a.timestamp);
    const first = Math.max(0, Math.min(...offsets) - l.flushSize + 1);
    const dirs = l.time
      ? timeDirs(l, Math.min(...times) - 60_000, l.time.wallclock ? now : Math.max(...times))
      : [`partition=${p}`];
    return dirs.map((dir) => {
      const prefix = `${t.keyPrefixes[topic]}${dir}${l.dirDelim}${topic}${l.fileDelim}${p}${l.fileDelim}`;
      return { prefix, startAfter: prefix + pad(first), lastOffset: Math.max(...offsets) };
    });
  });
}

/** The start offset in a key returned for a listing (the digits after its prefix). */
export function startOffsetOf(key: string, prefix: string): number | undefined {
  const m = /^(\d+)\./.exec(key.slice(prefix.length));
  return key.startsWith(prefix) && m ? Number(m[1]) : undefined;
}

/**
 * Watch mode, time-based partitioners: the prefixes of the current and the previous bucket (hour), which
 * hold the newest objects while the pipeline keeps up; each listing is bounded by one bucket's objects.
 * Undefined for the DefaultPartitioner, whose keys carry no time.
 */
export function recentPrefixes(t: VerifyTarget, topic: string, now: number): string[] | undefined {
  const l = layoutOf(t.deliveryProperties);
  if (!l.time) return undefined;
  return timeDirs(l, now - l.time.durationMs, now).map((d) => `${t.keyPrefixes[topic]}${d}${l.dirDelim}`);
}

/** Watch mode, DefaultPartitioner: the file-name prefix in a `partition=<n>` directory and the pad width. */
export function partitionFilePrefix(
  t: VerifyTarget,
  topic: string,
  dir: string,
): { prefix: string; padWidth: number } {
  const l = layoutOf(t.deliveryProperties);
  const p = /partition=(\d+)/.exec(dir)?.[1] ?? "";
  return { prefix: `${dir}${topic}${l.fileDelim}${p}${l.fileDelim}`, padWidth: l.padWidth };
}
