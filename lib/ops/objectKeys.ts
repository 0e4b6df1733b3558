/**
 * The S3 keys the Confluent S3 sink (kafka-connect-s3 10.0.3) writes, derived from the connector's
 * partitioner settings: `<topics.dir>/<topic>/<encoded partition>/<topic>+<kafka partition>+<start offset><ext>`,
 * the start offset zero-padded to 10 digits. The encoded partition is `partition=<n>` for the
 * DefaultPartitioner and the formatted `path.format` for time-based ones (lib/connector/delivery.ts).
 */
import {
  DAILY_PARTITIONER,
  HOURLY_PARTITIONER,
  isTimeBasedPartitioner,
  partitionerOf,
} from "../connector/delivery";

const HOURLY_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
const DAILY_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd";
const escape = (s: string) => s.replace(/[\\^$.|?*+()[\]{}/]/g, (c) => `\\${c}`);

/** The path format a time-based partitioner formats record time with. */
export function pathFormatOf(props: Readonly<Record<string, string>>): string {
  const p = partitionerOf(props);
  if (p === HOURLY_PARTITIONER) return HOURLY_FORMAT;
  if (p === DAILY_PARTITIONER) return DAILY_FORMAT;
  return props["path.format"] ?? "";
}

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

/** Splits a Joda format into quoted literals, letter runs and other characters. */
function tokens(format: string): { literal?: string; field?: string }[] {
  return [...format.matchAll(/'([^']*)'|([A-Za-z])\2*|[^'A-Za-z]/g)].map((m) =>
    m[1] !== undefined ? { literal: m[1] } : m[2] ? { field: m[0] } : { literal: m[0] },
  );
}

/** A regex source for a Joda path format (unknown letter runs match one path segment's characters). */
export function pathFormatPattern(format: string): string {
  return tokens(format)
    .map((t) =>
      t.literal !== undefined
        ? escape(t.literal)
        : FIELDS[t.field!]
          ? `\\d{${FIELDS[t.field!][0]}}`
          : "[^/]+",
    )
    .join("");
}

/** The path a time in UTC falls under (the presets use timezone UTC). */
export function formatPath(format: string, at: Date): string {
  return tokens(format)
    .map((t) => {
      if (t.literal !== undefined) return t.literal;
      const f = FIELDS[t.field!];
      if (!f) throw new Error(`unsupported path.format field ${t.field}`);
      return String(f[1](at)).padStart(f[0], "0");
    })
    .join("");
}

/** The object name's extension for the connector's format and compression. */
function extensionPattern(props: Readonly<Record<string, string>>): string {
  if ((props["format.class"] ?? "").endsWith(".JsonFormat"))
    return props["s3.compression.type"] === "gzip" ? "\\.json\\.gz" : "\\.json";
  return "\\.[A-Za-z0-9.]+";
}

/** What a connector key says about the records it holds. */
export interface ObjectKey {
  /** The encoded partition, e.g. `partition=0` or `year=2026/month=11/day=25/hour=19`. */
  encodedPartition: string;
  kafkaPartition: number;
  startOffset: number;
}

/** Matches keys the connector writes for `topic` under `keyPrefix` (`topics/<topic>/`). */
export function objectKeyMatcher(
  topic: string,
  keyPrefix: string,
  props: Readonly<Record<string, string>>,
): (key: string) => ObjectKey | undefined {
  const dirDelim = props["directory.delim"] ?? "/";
  const fileDelim = escape(props["file.delim"] ?? "+");
  const partitioner = partitionerOf(props);
  const encoded = isTimeBasedPartitioner(partitioner)
    ? pathFormatPattern(pathFormatOf(props)).replace(/\\\//g, escape(dirDelim))
    : partitioner.endsWith(".DefaultPartitioner")
      ? "partition=\\d+"
      : "[^+]+?";
  const re = new RegExp(
    `^${escape(keyPrefix)}(${encoded})${escape(dirDelim)}${escape(topic)}${fileDelim}(\\d+)${fileDelim}(\\d+)${extensionPattern(props)}$`,
  );
  return (key) => {
    const m = re.exec(key);
    return m
      ? { encodedPartition: m[1], kafkaPartition: Number(m[2]), startOffset: Number(m[3]) }
      : undefined;
  };
}
