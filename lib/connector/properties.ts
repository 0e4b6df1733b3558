import type { PresetName } from "../config/enums";
import type { Finding } from "../config/errors";
import { exactTopicsRegex } from "../config/names";
import type { Settings } from "../config/settings";
import { directoryDelim, presetProperties } from "./delivery";
import { deliveryProblems } from "./deliveryProblems";
import { INTERNAL_TOPICS, nearMisses, selectionOf, selects } from "../kafka/topicSelection";

/** What the connector's properties are derived from. */
export interface SinkTarget {
  region: string;
  bucket: string;
  topics: readonly string[];
  preset: PresetName;
  overrides: Readonly<Record<string, string>>;
}

/** The sink target a stack's settings describe. */
export function sinkTargetOf(
  s: Pick<Settings, "region" | "bucket" | "topics" | "deliveryPreset" | "connector">,
): SinkTarget {
  return {
    region: s.region,
    bucket: s.bucket.name,
    topics: s.topics.names,
    preset: s.deliveryPreset,
    overrides: s.connector.properties,
  };
}

/** The walkthrough's connector configuration, in its order, with `topics.regex` matching exactly the topics. */
export function walkthroughProperties(
  t: Pick<SinkTarget, "region" | "bucket" | "topics">,
): Record<string, string> {
  return {
    "connector.class": "io.confluent.connect.s3.S3SinkConnector",
    "s3.region": t.region,
    "flush.size": "1",
    "schema.compatibility": "NONE",
    "tasks.max": "3",
    "topics.regex": exactTopicsRegex(t.topics),
    "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
    "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner",
    "value.converter.schemas.enable": "false",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "storage.class": "io.confluent.connect.s3.storage.S3Storage",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "s3.bucket.name": t.bucket,
  };
}

/** Walkthrough base, then the delivery preset, then the stack's own overrides. */
export function connectorProperties(t: SinkTarget): Record<string, string> {
  return { ...walkthroughProperties(t), ...presetProperties(t.preset), ...t.overrides };
}

/** Problems with the effective connector properties; each names the property, its value and what is allowed. */
export function connectorPropertyProblems(props: Readonly<Record<string, string>>, t: SinkTarget): string[] {
  const problems: string[] = [];
  const say = (key: string, allowed: string) =>
    problems.push(`${key}=${JSON.stringify(props[key])}: ${allowed}`);
  if (props["s3.region"] !== t.region)
    say(
      "s3.region",
      `must equal the stack's region "${t.region}" (the connector otherwise writes to another region)`,
    );
  if (props["s3.bucket.name"] !== t.bucket) say("s3.bucket.name", `must equal the sink bucket "${t.bucket}"`);
  if (topicsDir(props) === "")
    say(
      "topics.dir",
      "must name a directory: the connector's role may write only under it, and a blank one puts objects at the bucket root",
    );
  if ("topics" in props)
    say(
      "topics",
      "is not allowed: list topics under topics.names (Kafka Connect rejects topics together with topics.regex)",
    );
  const selection = selectionOf({ "topics.regex": props["topics.regex"] ?? "" });
  if (selection.kind !== "regex") say("topics.regex", "must be a valid regular expression");
  else {
    const missed = t.topics.filter((n) => !selects(selection, n));
    const strays = [...INTERNAL_TOPICS, ...nearMisses(t.topics)].filter(
      (n) => !t.topics.includes(n) && selects(selection, n),
    );
    if (missed.length > 0)
      say("topics.regex", `must match every declared topic; misses ${missed.join(", ")}`);
    if (strays.length > 0)
      say("topics.regex", `must match only the declared topics; also matches ${strays.join(", ")}`);
  }
  return [...problems, ...deliveryProblems(props)];
}

/**
 * The effective properties' problems as config findings, and a plugin zip inside topics.dir: the role may
 * write only there, so it could overwrite the zip.
 */
export function propertyRules(s: Settings, props: Readonly<Record<string, string>>): Finding[] {
  const dir = topicsDir(props);
  const zipInside = dir !== "" && s.plugin.objectKey.startsWith(sinkObjects(props).prefix);
  return [
    ...connectorPropertyProblems(props, sinkTargetOf(s)),
    ...(zipInside
      ? [
          `topics.dir=${JSON.stringify(dir)}: holds the plugin zip (${s.plugin.objectKey}), which the connector's role must not be able to overwrite; choose another directory`,
        ]
      : []),
  ].map((m) => [["connector", "properties"], `${m} (effective value, preset ${s.deliveryPreset})`, false]);
}

/**
 * The sink's `topics.dir`: "topics" unless set, trimmed as Kafka's ConfigDef reads a STRING (StorageCommonConfig
 * of kafka-connect-storage-common 10.2.2; ConfigDef.parseType, Kafka 2.7.1).
 */
export function topicsDir(props: Readonly<Record<string, string>>): string {
  return (props["topics.dir"] ?? "topics").trim();
}

/** Where the sink writes, and whether it tags the objects it writes. */
export interface SinkObjects {
  /** `<topics.dir><directory.delim>`: every key the sink writes starts with it. */
  prefix: string;
  /** `s3.object.tagging` (Kafka's ConfigDef reads a boolean case-insensitively; default false). */
  tagging: boolean;
}

/**
 * The S3 sink 10.0.3 keys objects `<topics.dir><directory.delim><topic>…` (TopicPartitionWriter.fileKey;
 * a blank topics.dir drops the prefix); directory.delim defaults to "/" (StorageCommonConfig).
 */
export function sinkObjects(props: Readonly<Record<string, string>>): SinkObjects {
  return {
    prefix: `${topicsDir(props)}${directoryDelim(props)}`,
    tagging: (props["s3.object.tagging"] ?? "").trim().toLowerCase() === "true",
  };
}

/**
 * Where each topic's records land: `s3://<bucket>/<topics.dir><delim><topic><delim>` (DefaultPartitioner's
 * generatePartitionedPath puts the topic first and the others inherit it; see sinkObjects).
 */
export function topicPrefixes(
  bucket: string,
  props: Readonly<Record<string, string>>,
  topics: readonly string[],
): Record<string, string> {
  const keys = topicKeyPrefixes(props, topics);
  return Object.fromEntries(topics.map((t) => [t, `s3://${bucket}/${keys[t]}`]));
}

/** Each topic's key prefix in the bucket, as {@link topicPrefixes} without `s3://<bucket>/`. */
export function topicKeyPrefixes(props: Readonly<Record<string, string>>, topics: readonly string[]) {
  const { prefix } = sinkObjects(props);
  return Object.fromEntries(topics.map((t) => [t, `${prefix}${t}${directoryDelim(props)}`]));
}
