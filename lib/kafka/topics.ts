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
/** Exit code when an existing topic's replication factor differs from the configured one (checked before any change). */
export const REPLICATION_FACTOR_CHANGE_EXIT = 4;
/** Exit code when a missing topic collides with an existing one ('.' versus '_'; checked before any change). */
export const TOPIC_COLLISION_EXIT = 5;

/**
 * Topic configs the script never deletes although the stack does not set them: the replication
 * throttles kafka-reassign-partitions.sh (and Cruise Control) set while moving replicas.
 */
export const UNMANAGED_TOPIC_CONFIGS = [
  "leader.replication.throttled.replicas",
  "follower.replication.throttled.replicas",
] as const;

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

/** Refusals, all before any change: each prints its reason; the script exits with the first code. */
function refusals(topics: TopicSet): string[] {
  const lines = [
    "refused=0",
    `refuse() { echo "$2" >&2; [ "$refused" != 0 ] || refused=$1; }`,
    // Kafka refuses a topic whose name differs from an existing one only by '.' versus '_'.
    `for t in $topics; do if ! has "$t"; then for e in $(printf '%s\\n' "$existing" | awk -v t="$t" '{ k = $0; u = t; gsub(/\\./, "_", k); gsub(/\\./, "_", u); if (k == u && $0 != t) print }'); do refuse ${TOPIC_COLLISION_EXIT} "topic $t collides with existing topic $e: Kafka treats '.' and '_' in topic names as the same; rename $t in topics.names"; done; fi; done`,
  ];
  const { partitions: p, replicationFactor: rf } = topics;
  if (p !== undefined || rf !== undefined) {
    const regex = `(${topics.names.map(javaRegexLiteral).join("|")})`;
    lines.push(
      "described=''",
      `for t in $topics; do if has "$t"; then described=$(kt --describe --topic ${shellQuote(regex)}); break; fi; done`,
      `field() { printf '%s\\n' "$described" | awk -v t="$1" -v f="$2:" '$1 == "Topic:" && $2 == t { for (i = 3; i < NF; i++) if ($i == f) print $(i + 1) }'; }`,
    );
  }
  if (p !== undefined)
    lines.push(
      `for t in $topics; do if has "$t" && [ "$(field "$t" PartitionCount)" -gt ${p} ]; then refuse ${PARTITION_DECREASE_EXIT} "topic $t has $(field "$t" PartitionCount) partitions; Kafka cannot decrease them to ${p}"; fi; done`,
    );
  if (rf !== undefined)
    lines.push(
      `for t in $topics; do if has "$t" && [ "$(field "$t" ReplicationFactor)" != ${rf} ]; then refuse ${REPLICATION_FACTOR_CHANGE_EXIT} "topic $t has replication factor $(field "$t" ReplicationFactor); kafka-topics.sh cannot change it to ${rf}: reassign its replicas by hand with kafka-reassign-partitions.sh, or set topics.replicationFactor to $(field "$t" ReplicationFactor)"; fi; done`,
    );
  lines.push('[ "$refused" = 0 ] || exit "$refused"');
  return lines;
}

/**
 * Shell script that makes the cluster hold `topics`: creates the missing ones, raises partition
 * counts, sets the configured topic configs and deletes the others (except replication
 * throttles). It lists before creating (so a re-run changes nothing, with any tool version) and
 * refuses a name collision, a partition decrease or a replication-factor change before it changes anything.
 */
export function ensureTopicsScript(target: KafkaToolsTarget, topics: TopicSet): string {
  const createFlags = [
    topics.partitions !== undefined ? ` --partitions ${topics.partitions}` : "",
    topics.replicationFactor !== undefined ? ` --replication-factor ${topics.replicationFactor}` : "",
    ...Object.entries(topics.configs).map(([k, v]) => ` --config ${shellQuote(`${k}=${v}`)}`),
  ].join("");
  const keep = [...Object.keys(topics.configs), ...UNMANAGED_TOPIC_CONFIGS].join(" ");
  const lines = [
    ...preamble(target),
    `topics=${shellQuote(topics.names.join(" "))}`,
    ...refusals(topics),
    `keep=${shellQuote(keep)}`,
    "for t in $topics; do",
    '  if has "$t"; then',
    ...(topics.partitions !== undefined
      ? [
          `    if [ "$(field "$t" PartitionCount)" -lt ${topics.partitions} ]; then kt --alter --topic "$t" --partitions ${topics.partitions}; fi`,
        ]
      : []),
    ...(Object.keys(topics.configs).length > 0
      ? [
          `    kc --alter --entity-type topics --entity-name "$t" --add-config ${shellQuote(alterConfigList(topics.configs))}`,
        ]
      : []),
    // Dynamic topic configs the stack does not set (e.g. removed from topics.configs) are deleted.
    '    dynamic=$(kc --describe --entity-type topics --entity-name "$t")',
    `    stale=$(printf '%s\\n' "$dynamic" | awk -v keep="$keep" 'BEGIN { n = split(keep, k, " "); for (i = 1; i <= n; i++) K[k[i]] = 1 } /^ +[a-z0-9.]+=/ { sub(/^ +/, ""); key = substr($1, 1, index($1, "=") - 1); if (!(key in K)) s = s (s == "" ? "" : ",") key } END { print s }')`,
    '    if [ -n "$stale" ]; then kc --alter --entity-type topics --entity-name "$t" --delete-config "$stale"; echo "topic $t: deleted configs $stale"; fi',
    '    echo "topic $t exists"',
    "  else",
    `    kt --create --topic "$t"${createFlags} || { existing=$(kt --list); has "$t"; }`,
    '    echo "topic $t created"',
    "  fi",
    "done",
  ];
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
