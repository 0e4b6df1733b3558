/**
 * Where the Confluent S3 sink 10.0.3 writes each record: the key layout downstream readers (Athena/Glue
 * tables, crawlers) are built on. Read from confluentinc/kafka-connect-storage-cloud v10.0.3
 * (`TopicPartitionWriter.fileKey`: `<topics.dir><delim><partitioned path><delim><file>`, no leading
 * part when `topics.dir` is blank) and kafka-connect-storage-common v10.2.2, its parent POM's version
 * (`StorageCommonConfig`: `topics.dir` defaults to `topics`, `directory.delim` to `/`; `DefaultPartitioner`:
 * `<topic><delim>partition=<Kafka partition>`, inherited by the others for the path; `TimeBasedPartitioner`:
 * the record's time formatted with `path.format`, a Joda-Time pattern, a trailing delimiter dropped;
 * `HourlyPartitioner`/`DailyPartitioner`: a fixed `'year'=YYYY/'month'=MM/'day'=dd[/'hour'=HH]`;
 * `FieldPartitioner`: `<field>=<value>` per `partition.field.name`).
 */
import {
  DAILY_PARTITIONER,
  DEFAULT_PARTITIONER,
  directoryDelim,
  FIELD_PARTITIONER,
  HOURLY_PARTITIONER,
  partitionerOf,
  TIME_BASED_PARTITIONER,
  timeWindowOf,
} from "./delivery";
import { topicsDir } from "./properties";

/** A Joda-Time pattern as the keys show it: quoted text is literal ('' is a quote), letters are fields. */
function jodaShape(pattern: string): string {
  return pattern.replace(/''|'([^']*)'/g, (_quoted, literal?: string) =>
    literal === undefined ? "'" : literal,
  );
}

/** The key prefix of a topic's objects under the given connector properties, e.g. `topics/<topic>/partition=<N>/`. */
export function keyLayout(props: Readonly<Record<string, string>>): string {
  const delim = directoryDelim(props);
  const dir = topicsDir(props);
  const partitioner = partitionerOf(props);
  const time = () => jodaShape(timeWindowOf(props).format ?? "");
  const encoded: Record<string, () => string> = {
    [DEFAULT_PARTITIONER]: () => "partition=<N>",
    [HOURLY_PARTITIONER]: time,
    [DAILY_PARTITIONER]: time,
    [TIME_BASED_PARTITIONER]: time,
    [FIELD_PARTITIONER]: () =>
      (props["partition.field.name"] ?? "")
        .split(",")
        .map((f) => `${f.trim()}=<${f.trim()}>`)
        .join(delim),
  };
  const partition = encoded[partitioner]?.() ?? `<${partitioner}>`;
  return `${dir === "" ? "" : `${dir}${delim}`}<topic>${delim}${partition}${delim}`;
}

/** The preview's warning when new connector properties move the keys objects are written under; undefined when they do not. */
export function keyLayoutWarning(
  connectorName: string,
  deployed: Readonly<Record<string, string>>,
  next: Readonly<Record<string, string>>,
): string | undefined {
  const [was, now] = [keyLayout(deployed), keyLayout(next)];
  if (was === now) return undefined;
  return `connector ${connectorName}: the S3 key layout changes from ${was} to ${now}; objects written from now on land under the new prefixes, those already written stay where they are: downstream readers (Athena/Glue tables, crawlers) must follow`;
}
