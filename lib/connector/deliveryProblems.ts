/** Checks a full S3 sink property map: what the connector rejects, or accepts and then mishandles. */
import {
  TIME_BASED_PARTITIONER,
  DEFAULT_PARTITIONER,
  FIELD_PARTITIONER,
  wholeNumber,
  partitionerOf,
  isTimeBasedPartitioner,
  schemalessValues,
  STRING_CONVERTER,
} from "./delivery";

/** `key=value`, or `key (unset)`, for messages. */
function shown(props: Readonly<Record<string, string>>, key: string): string {
  const value = props[key];
  return value === undefined ? `${key} (unset)` : `${key}=${JSON.stringify(value)}`;
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

const INT_MAX = 2 ** 31 - 1;

/** flush.size: required, a Java int ≥ 1. */
function flushSizeProblems(props: Readonly<Record<string, string>>): string[] {
  const n = wholeNumber(props["flush.size"]);
  if (n !== undefined && n >= 1 && n <= INT_MAX) return [];
  return [
    `${shown(props, "flush.size")}: required; a whole number of records per S3 object from 1 to ${INT_MAX}`,
  ];
}

/** tasks.max: optional (Connect defaults to 1), else a whole number ≥ 1. */
function tasksMaxProblems(props: Readonly<Record<string, string>>): string[] {
  if (props["tasks.max"] === undefined) return [];
  const n = wholeNumber(props["tasks.max"]);
  if (n !== undefined && n >= 1 && n <= INT_MAX) return [];
  return [`${shown(props, "tasks.max")}: a whole number of tasks, at least 1`];
}

/**
 * rotate.interval.ms and rotate.schedule.interval.ms: -1 (off, the default) or whole milliseconds ≥ 1.
 * The connector treats 0 and other negatives as "off" without saying so, so we refuse them as
 * probable mistakes.
 */
function rotationValueProblems(props: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const key of ["rotate.interval.ms", "rotate.schedule.interval.ms"]) {
    if (props[key] === undefined) continue;
    const n = wholeNumber(props[key]);
    if (n === undefined || (n !== -1 && n < 1))
      problems.push(`${shown(props, key)}: -1 (off) or a whole number of milliseconds, at least 1`);
  }
  return problems;
}

/** partition.duration.ms, when present: whole milliseconds ≥ 1 (the partitioner divides by it). */
function partitionDurationValueProblems(props: Readonly<Record<string, string>>): string[] {
  if (props["partition.duration.ms"] === undefined) return [];
  const n = wholeNumber(props["partition.duration.ms"]);
  if (n !== undefined && n >= 1) return [];
  return [
    `${shown(props, "partition.duration.ms")}: a whole number of milliseconds, at least 1 (e.g. 3600000 for hourly)`,
  ];
}

/** s3.part.size, when present: a Java int from 5 MiB (S3's minimum part) up, as the connector validates. */
function partSizeProblems(props: Readonly<Record<string, string>>): string[] {
  if (props["s3.part.size"] === undefined) return [];
  const n = wholeNumber(props["s3.part.size"]);
  if (n !== undefined && n >= 5 * 1024 * 1024 && n <= INT_MAX) return [];
  return [`${shown(props, "s3.part.size")}: a whole number of bytes from 5242880 (5 MiB) to ${INT_MAX}`];
}

/** What TimeBasedPartitioner (and its Hourly/Daily subclasses) need before they start. */
function timeBasedPartitionerProblems(props: Readonly<Record<string, string>>): string[] {
  const partitioner = partitionerOf(props);
  if (!isTimeBasedPartitioner(partitioner)) return [];
  const problems: string[] = [];
  const needs = `${partitioner.split(".").pop()} needs it`;
  if (partitioner === TIME_BASED_PARTITIONER) {
    if (props["partition.duration.ms"] === undefined)
      problems.push(
        `${shown(props, "partition.duration.ms")}: ${needs}; a whole number of milliseconds, at least 1 (e.g. 3600000)`,
      );
    const pathFormat = props["path.format"];
    if (isBlank(pathFormat) || pathFormat?.trim() === "/")
      problems.push(
        `${shown(props, "path.format")}: ${needs}; a Joda-Time pattern such as 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH`,
      );
  }
  if (isBlank(props.locale))
    problems.push(`${shown(props, "locale")}: ${needs}; a Java language code such as en`);
  if (isBlank(props.timezone))
    problems.push(`${shown(props, "timezone")}: ${needs}; a time-zone ID such as UTC`);
  const extractor = props["timestamp.extractor"];
  if (extractor !== undefined && !isTimestampExtractor(extractor.trim()))
    problems.push(
      `${shown(props, "timestamp.extractor")}: Record, RecordField, Wallclock, or the fully qualified name of a TimestampExtractor class`,
    );
  return problems;
}

/** The built-in extractor aliases, or something shaped like a Java class name. */
function isTimestampExtractor(value: string): boolean {
  if (["Record", "RecordField", "Wallclock"].includes(value)) return true;
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(value);
}

/** rotate.interval.ms needs a timestamp extractor, which only the time-based partitioners provide. */
function rotateIntervalProblems(props: Readonly<Record<string, string>>): string[] {
  const interval = wholeNumber(props["rotate.interval.ms"]);
  if (interval === undefined || interval < 1) return [];
  const partitioner = partitionerOf(props);
  // A custom partitioner may extend TimeBasedPartitioner; only the built-in ones are known not to.
  if (partitioner !== DEFAULT_PARTITIONER && partitioner !== FIELD_PARTITIONER) return [];
  const which =
    props["partitioner.class"] === undefined
      ? `partitioner.class unset (so ${partitioner})`
      : `partitioner.class=${partitioner}`;
  return [
    `${shown(props, "rotate.interval.ms")}: ignored by the connector with ${which}, ` +
      `which has no timestamp extractor; use ${TIME_BASED_PARTITIONER} (or Hourly/DailyPartitioner) with a timestamp.extractor, ` +
      `or leave rotate.interval.ms unset`,
  ];
}

/** rotate.schedule.interval.ms aligns rotations to the day in `timezone`; the connector refuses to start without one. */
function rotateScheduleProblems(props: Readonly<Record<string, string>>): string[] {
  const interval = wholeNumber(props["rotate.schedule.interval.ms"]);
  if (interval === undefined || interval < 1 || !isBlank(props.timezone)) return [];
  return [
    `${shown(props, "timezone")}: required when rotate.schedule.interval.ms is set; a time-zone ID such as UTC`,
  ];
}

/** behavior.on.null.values in 10.0.3: ignore or fail (connector default fail). */
function nullValueProblems(props: Readonly<Record<string, string>>): string[] {
  const value = props["behavior.on.null.values"];
  if (value === undefined || ["ignore", "fail"].includes(value.trim())) return [];
  const why =
    value.trim().toLowerCase() === "write"
      ? " (write arrived after 10.0.x and also needs store.kafka.keys=true)"
      : "";
  return [`${shown(props, "behavior.on.null.values")}: ignore or fail in kafka-connect-s3 10.0.3${why}`];
}

const SCHEMA_FORMATS: Readonly<Record<string, string>> = {
  "io.confluent.connect.s3.format.avro.AvroFormat": "Avro",
  "io.confluent.connect.s3.format.parquet.ParquetFormat": "Parquet",
};

/** Avro and Parquet write from the record's Connect schema; schemaless JSON and plain strings have none worth writing. */
function formatSchemaProblems(props: Readonly<Record<string, string>>): string[] {
  const format = SCHEMA_FORMATS[props["format.class"]?.trim() ?? ""];
  if (format === undefined) return [];
  if (!schemalessValues(props)) return [];
  const detail =
    props["value.converter"]?.trim() === STRING_CONVERTER
      ? shown(props, "value.converter")
      : `${shown(props, "value.converter")} with value.converter.schemas.enable=false`;
  return [
    `${shown(props, "format.class")}: ${format} needs records with a struct schema, but ${detail} gives none; ` +
      `use io.confluent.connect.s3.format.json.JsonFormat, or a schema'd converter ` +
      `(AvroConverter with a schema registry, or JsonConverter with schemas.enable=true)`,
  ];
}

/** Problems with a full S3 sink property map: each string names the property, its value and what is allowed. [] when fine. */
export function deliveryProblems(props: Readonly<Record<string, string>>): string[] {
  return [
    ...flushSizeProblems(props),
    ...tasksMaxProblems(props),
    ...rotationValueProblems(props),
    ...partitionDurationValueProblems(props),
    ...partSizeProblems(props),
    ...timeBasedPartitionerProblems(props),
    ...rotateIntervalProblems(props),
    ...rotateScheduleProblems(props),
    ...nullValueProblems(props),
    ...formatSchemaProblems(props),
  ];
}
