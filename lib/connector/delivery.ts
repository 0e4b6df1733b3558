/**
 * Delivery presets for the Confluent S3 sink (kafka-connect-s3 10.0.3); `deliveryProblems.ts` checks
 * the property combinations the connector rejects, or accepts but then loses, garbles or ignores.
 *
 * Facts this module relies on (read from confluentinc/kafka-connect-storage-cloud and
 * kafka-connect-storage-common sources):
 * - `rotate.interval.ms` only works through a TimeBasedPartitioner (or its Hourly/Daily subclasses).
 *   With any other partitioner the task has no timestamp extractor, so it logs a warning and
 *   ignores the property.
 * - Rotation on record time (`timestamp.extractor=Record`) is deterministic. A replay after a crash
 *   cuts the same files and gives them the same names, which is what exactly-once needs.
 *   `rotate.schedule.interval.ms` rotates on the worker's wall clock, so it gives that up.
 * - TimeBasedPartitioner refuses to start without `partition.duration.ms`, `path.format`, `locale`
 *   and `timezone`. `rotate.schedule.interval.ms` also needs `timezone`.
 * - In 10.0.3 `behavior.on.null.values` accepts `ignore` and `fail` (default `fail`). `write` was
 *   added later (kafka-connect-storage-cloud PR #601, merged December 2022).
 */
import { PRESETS, type PresetName } from "../config/enums";

const PARTITIONER_PACKAGE = "io.confluent.connect.storage.partitioner";
export const TIME_BASED_PARTITIONER = `${PARTITIONER_PACKAGE}.TimeBasedPartitioner`;
export const HOURLY_PARTITIONER = `${PARTITIONER_PACKAGE}.HourlyPartitioner`;
export const DAILY_PARTITIONER = `${PARTITIONER_PACKAGE}.DailyPartitioner`;
export const DEFAULT_PARTITIONER = `${PARTITIONER_PACKAGE}.DefaultPartitioner`;
export const FIELD_PARTITIONER = `${PARTITIONER_PACKAGE}.FieldPartitioner`;

/**
 * Properties that both non-walkthrough presets share: hourly Hive-style prefixes cut on the record's own
 * timestamp, so every file boundary depends only on the data.
 */
const HOURLY_RECORD_TIME: Readonly<Record<string, string>> = {
  "partitioner.class": TIME_BASED_PARTITIONER,
  // Athena/Glue/Spark read `key=value` prefixes as partition columns, so queries can prune by hour.
  "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
  "partition.duration.ms": "3600000",
  // The partitioner calls `new Locale(value)`, which takes a bare language code. The path format is
  // all digits, so the locale changes nothing, but the connector will not start if it is empty.
  locale: "en",
  // UTC hours have no daylight-saving gaps or repeats.
  timezone: "UTC",
  // Kafka's record timestamp, not the wall clock, so rotation is deterministic (exactly-once).
  "timestamp.extractor": "Record",
  // A tombstone has no value to store. The default `fail` would stop the task on the first one,
  // and 10.0.3 has no `write` option.
  "behavior.on.null.values": "ignore",
};

const PRESET_PROPERTIES: Readonly<Record<PresetName, Readonly<Record<string, string>>>> = {
  /** The tutorial as written: one S3 object, and so three S3 requests, for every record. */
  walkthrough: {},
  /**
   * About a minute from Kafka to S3 at any rate. 10,000 records of 1 KiB is about 10 MiB, one
   * multipart part. One object per minute per topic partition once the rate drops below
   * ~167 records/s per partition.
   */
  balanced: {
    ...HOURLY_RECORD_TIME,
    "flush.size": "10000",
    "rotate.interval.ms": "60000",
  },
  /**
   * Large objects for analytics. 100,000 records of 1 KiB is about 98 MiB, near the 128 MiB that
   * Spark and Athena like to read. 4 minutes divides the hour evenly (15 files per hour), and the
   * minute left under the 5-minute bound covers the wait for the next record, which is what triggers
   * a record-time rotation, plus the upload.
   */
  bulk: {
    ...HOURLY_RECORD_TIME,
    "flush.size": "100000",
    "rotate.interval.ms": "240000",
  },
};

/** Connector properties a preset sets on top of the walkthrough's base properties ({} for walkthrough). */
export function presetProperties(preset: PresetName): Record<string, string> {
  const properties = PRESET_PROPERTIES[preset];
  if (properties === undefined)
    throw new Error(`unknown delivery preset "${String(preset)}"; one of ${PRESETS.join(", ")}`);
  return { ...properties };
}

/** Parses a Java int/long property the way ConfigDef does (trimmed decimal), or undefined if it is not one. */
export function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The partitioner class, defaulting to DefaultPartitioner as the connector does. */
export function partitionerOf(props: Readonly<Record<string, string>>): string {
  return props["partitioner.class"]?.trim() || DEFAULT_PARTITIONER;
}

/**
 * The sink's `directory.delim`: "/" unless set, trimmed as Kafka's ConfigDef reads a STRING (StorageCommonConfig
 * of kafka-connect-storage-common 10.2.2; ConfigDef.parseType, Kafka 2.7.1).
 */
export function directoryDelim(props: Readonly<Record<string, string>>): string {
  return (props["directory.delim"] ?? "/").trim();
}

/**
 * A time-based partitioner's window and the path format it applies (kafka-connect-storage-common 10.2.2):
 * HourlyPartitioner and DailyPartitioner put their own over `partition.duration.ms` and `path.format`, fields
 * joined with `directory.delim`; TimeBasedPartitioner.configure takes `path.format` as written (a ConfigDef
 * STRING, trimmed) less one trailing `directory.delim`. durationMs is undefined when unset.
 */
export function timeWindowOf(props: Readonly<Record<string, string>>): {
  durationMs?: number;
  format?: string;
} {
  const delim = directoryDelim(props);
  const partitioner = partitionerOf(props);
  const days = ["'year'=YYYY", "'month'=MM", "'day'=dd"];
  if (partitioner === HOURLY_PARTITIONER)
    return { durationMs: 3_600_000, format: [...days, "'hour'=HH"].join(delim) };
  if (partitioner === DAILY_PARTITIONER) return { durationMs: 86_400_000, format: days.join(delim) };
  const format = props["path.format"]?.trim();
  return {
    durationMs: wholeNumber(props["partition.duration.ms"]),
    format: delim !== "" && format?.endsWith(delim) ? format.slice(0, -delim.length) : format,
  };
}

/** Kafka's converter that hands the sink each value as a plain string. */
export const STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

/**
 * Whether record values reach the sink without a struct schema: Kafka's StringConverter (a plain string under
 * OPTIONAL_STRING_SCHEMA, StringConverter.toConnectData), or JsonConverter with schemas.enable false (no schema),
 * read trimmed and in any case as Kafka's ConfigDef.parseType reads a CLASS and a BOOLEAN (Kafka 2.7.1).
 */
export function schemalessValues(props: Readonly<Record<string, string>>): boolean {
  const converter = props["value.converter"]?.trim();
  return (
    converter === STRING_CONVERTER ||
    (converter === "org.apache.kafka.connect.json.JsonConverter" &&
      props["value.converter.schemas.enable"]?.trim().toLowerCase() === "false")
  );
}

/** `rotate.interval.ms` where it takes effect: at least 1, under a time-based partitioner (see above); else undefined. */
export function rotateIntervalMs(props: Readonly<Record<string, string>>): number | undefined {
  const ms = wholeNumber(props["rotate.interval.ms"]);
  return ms !== undefined && ms >= 1 && isTimeBasedPartitioner(partitionerOf(props)) ? ms : undefined;
}

/** The built-in partitioners that extract a timestamp per record (the only ones that honour rotate.interval.ms). */
export function isTimeBasedPartitioner(partitioner: string): boolean {
  return [TIME_BASED_PARTITIONER, HOURLY_PARTITIONER, DAILY_PARTITIONER].includes(partitioner);
}
