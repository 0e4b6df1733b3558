import { javaRegexLiteral } from "../config/names";
import { shellQuote } from "./shell";

/** Where the Kafka command-line tools run and how they reach the cluster. */
export interface KafkaToolsTarget {
  /** Directory holding kafka-topics.sh and kafka-configs.sh (the walkthrough's `kafka_2.12-2.8.1/bin`). */
  binDir: string;
  /** Bootstrap brokers, `host:port[,host:port…]`. */
  bootstrapServers: string;
  /** Client properties file, relative to `binDir` or absolute (the walkthrough's `client.properties`). */
  commandConfig: string;
  /** Upper bound, in seconds, for each Kafka tool invocation (coreutils `timeout`). */
  toolTimeoutSeconds: number;
}

/** The topics to ensure, all with the same settings. */
export interface TopicSet {
  names: readonly string[];
  /** Partition count; broker default (`num.partitions`) when omitted. */
  partitions?: number;
  /** Replication factor; broker default (`default.replication.factor`) when omitted. */
  replicationFactor?: number;
  /** Topic-level configs (`retention.ms`, …), applied at creation and re-applied to existing topics. */
  configs: Readonly<Record<string, string>>;
}

/** Exit code of the ensure script when a partition decrease is asked for (checked before any change). */
export const PARTITION_DECREASE_EXIT = 3;

function preamble(target: KafkaToolsTarget): string[] {
  const common = `--bootstrap-server ${shellQuote(target.bootstrapServers)} --command-config ${shellQuote(target.commandConfig)}`;
  const t = target.toolTimeoutSeconds;
  return [
    "set -eu",
    `cd ${shellQuote(target.binDir)}`,
    // coreutils timeout exits 124; say which bound fired, since Kafka's own output does not.
    `tool() { _tool=$1; shift; timeout ${t} "./$_tool" ${common} "$@" || { _rc=$?; [ "$_rc" != 124 ] || echo "$_tool timed out after ${t} s (client.toolTimeoutSeconds)" >&2; return "$_rc"; }; }`,
    'kt() { tool kafka-topics.sh "$@"; }',
    'kc() { tool kafka-configs.sh "$@"; }',
    "existing=$(kt --list)",
    `has() { printf '%s\\n' "$existing" | grep -qxF -- "$1"; }`,
  ];
}

/** kafka-configs wants list values in brackets: cleanup.policy=[compact,delete]. */
function alterConfigList(configs: Readonly<Record<string, string>>): string {
  return Object.entries(configs)
    .map(([k, v]) => (v.includes(",") ? `${k}=[${v}]` : `${k}=${v}`))
    .join(",");
}

/**
 * Shell script that makes the cluster hold `topics`: creates the missing ones, raises partition
 * counts, re-applies configs. It lists before creating (so a re-run changes nothing, with any
 * tool version) and refuses a partition decrease before it changes anything.
 */
export function ensureTopicsScript(target: KafkaToolsTarget, topics: TopicSet): string {
  const createFlags = [
    topics.partitions !== undefined ? ` --partitions ${topics.partitions}` : "",
    topics.replicationFactor !== undefined ? ` --replication-factor ${topics.replicationFactor}` : "",
    ...Object.entries(topics.configs).map(([k, v]) => ` --config ${shellQuote(`${k}=${v}`)}`),
  ].join("");
  const lines = [...preamble(target), `topics=${shellQuote(topics.names.join(" "))}`];
  if (topics.partitions !== undefined) {
    const regex = `(${topics.names.map(javaRegexLiteral).join("|")})`;
    lines.push(
      "counts=''",
      `for t in $topics; do if has "$t"; then counts=$(kt --describe --topic ${shellQuote(regex)}); break; fi; done`,
      `count() { printf '%s\\n' "$counts" | awk -v t="$1" '$1 == "Topic:" && $2 == t { for (i = 3; i < NF; i++) if ($i == "PartitionCount:") print $(i + 1) }'; }`,
      "refused=0",
      `for t in $topics; do if has "$t" && [ "$(count "$t")" -gt ${topics.partitions} ]; then echo "topic $t has $(count "$t") partitions; Kafka cannot decrease them to ${topics.partitions}" >&2; refused=1; fi; done`,
      `[ "$refused" = 0 ] || exit ${PARTITION_DECREASE_EXIT}`,
    );
  }
  lines.push(
    "for t in $topics; do",
    '  if has "$t"; then',
    ...(topics.partitions !== undefined
      ? [
          `    if [ "$(count "$t")" -lt ${topics.partitions} ]; then kt --alter --topic "$t" --partitions ${topics.partitions}; fi`,
        ]
      : []),
    ...(Object.keys(topics.configs).length > 0
      ? [
          `    kc --alter --entity-type topics --entity-name "$t" --add-config ${shellQuote(alterConfigList(topics.configs))}`,
        ]
      : []),
    '    echo "topic $t exists"',
    "  else",
    `    kt --create --topic "$t"${createFlags} || { existing=$(kt --list); has "$t"; }`,
    '    echo "topic $t created"',
    "  fi",
    "done",
  );
  return lines.join("\n") + "\n";
}

/** Shell script that deletes the given topics where they exist; a re-run exits 0. */
export function deleteTopicsScript(target: KafkaToolsTarget, names: readonly string[]): string {
  return (
    [
      ...preamble(target),
      `for t in ${names.map(shellQuote).join(" ")}; do`,
      '  if has "$t"; then kt --delete --topic "$t"; echo "topic $t deleted"; fi',
      "done",
    ].join("\n") + "\n"
  );
}
