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
  /** The cluster's ARN: names the record, on the EC2 client, of the topic configs the stack set there. */
  clusterArn: string;
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
 * Topic configs the script neither deletes nor reports, even after the stack set them: the replication
 * throttles kafka-reassign-partitions.sh (and Cruise Control) set while moving replicas.
 */
export const REPLICATION_THROTTLES = [
  "leader.replication.throttled.replicas",
  "follower.replication.throttled.replicas",
] as const;

/**
 * Where the script records, per topic, the config keys the stack set (one file per topic, in a
 * directory per cluster): on the EC2 client, written by the script itself beside each change, so an
 * update that fails after the script ran still leaves it right. The program cannot keep it: a failed
 * first update records no stack outputs (pulumi/pulumi#16289), and the command's previous output
 * reaches the remote shell only as an environment variable, which sshd drops unless AcceptEnv lists it
 * (pulumi-command provider/pkg/provider/remote/commandOutputs.go). A topic config cannot hold it
 * either: Kafka rejects config names it does not know (LogConfig.validateNames).
 */
export function configLedger(clusterArn: string): string {
  return `"$HOME"/.msk-s3-sink/topic-configs/${shellQuote(clusterArn.replace(/[^A-Za-z0-9._-]/g, "_"))}`;
}

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
 * counts and sets the configured topic configs. Of the other dynamic configs it deletes only those the
 * stack set on that topic earlier (its record, see configLedger) and reports the rest as unmanaged,
 * leaving them as they are. It lists before creating (so a re-run changes nothing, with any tool
 * version) and refuses a name collision, a partition decrease or a replication-factor change before it
 * changes anything.
 */
export function ensureTopicsScript(target: KafkaToolsTarget, topics: TopicSet): string {
  const createFlags = [
    topics.partitions !== undefined ? ` --partitions ${topics.partitions}` : "",
    topics.replicationFactor !== undefined ? ` --replication-factor ${topics.replicationFactor}` : "",
    ...Object.entries(topics.configs).map(([k, v]) => ` --config ${shellQuote(`${k}=${v}`)}`),
  ].join("");
  const lines = [
    ...preamble(target),
    `topics=${shellQuote(topics.names.join(" "))}`,
    // One description of the existing topics: their sizes, and each one's topic ID (kafka-topics.sh prints
    // "TopicId: <id>" when the broker has one: TopicCommand.printDescription in Kafka 2.8.1 and 4.x).
    "described=''",
    `for t in $topics; do if has "$t"; then described=$(kt --describe --topic ${shellQuote(`(${topics.names.map(javaRegexLiteral).join("|")})`)}); break; fi; done`,
    `field() { printf '%s\\n' "$described" | awk -v t="$1" -v f="$2:" '$1 == "Topic:" && $2 == t { for (i = 3; i < NF; i++) if ($i == f) print $(i + 1) }'; }`,
    ...refusals(topics),
    `ours=${shellQuote(Object.keys(topics.configs).join(" "))}`,
    `skip=${shellQuote(REPLICATION_THROTTLES.join(" "))}`,
    `ledger=${configLedger(target.clusterArn)}`,
    'mkdir -p "$ledger"',
    // The keys of $dynamic's configs that are in $1 ('*': any) and not in $2, comma-separated.
    `pick() { printf '%s\\n' "$dynamic" | awk -v from="$1" -v not="$2" 'BEGIN { split(from, f, " "); for (i in f) F[f[i]] = 1; split(not, n, " "); for (i in n) N[n[i]] = 1 } /^ +[a-z0-9.]+=/ { sub(/^ +/, ""); k = substr($1, 1, index($1, "=") - 1); if ((from == "*" || k in F) && !(k in N)) s = s (s == "" ? "" : ",") k } END { print s }'; }`,
    "for t in $topics; do",
    // The record is "<topic ID> <keys>", '-' for an ID not known (a topic created this run, or a broker
    // without topic IDs). A record of another ID was made for a topic of this name that has been deleted
    // and made again since: the stack set nothing on this one.
    '  id=$(field "$t" TopicId); id=${id:--}; rid=-; was=',
    '  [ ! -s "$ledger/$t" ] || read -r rid was < "$ledger/$t" || :',
    '  [ "$rid" = - ] || [ "$id" = - ] || [ "$rid" = "$id" ] || was=',
    // Recorded before any change, so a run that stops halfway still knows what it may have set.
    `  printf '%s %s\\n' "$id" "$was $ours" > "$ledger/$t"`,
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
    '    dynamic=$(kc --describe --entity-type topics --entity-name "$t")',
    '    stale=$(pick "$was" "$ours $skip")',
    '    if [ -n "$stale" ]; then kc --alter --entity-type topics --entity-name "$t" --delete-config "$stale"; echo "topic $t: deleted configs $stale"; fi',
    `    unmanaged=$(pick '*' "$was $ours $skip")`,
    '    if [ -n "$unmanaged" ]; then echo "topic $t: unmanaged configs $unmanaged (not set by the stack, left as they are)"; fi',
    '    echo "topic $t exists"',
    "  else",
    `    kt --create --topic "$t"${createFlags} || { existing=$(kt --list); has "$t"; }`,
    '    echo "topic $t created"',
    "  fi",
    `  printf '%s %s\\n' "$id" "$ours" > "$ledger/$t"`,
    "done",
  ];
  return lines.join("\n") + "\n";
}

/** The ensure script's line for a topic's dynamic configs the stack did not set (see ensureTopicsScript). */
const UNMANAGED_LINE =
  /^topic ([A-Za-z0-9._-]+): unmanaged configs ([a-z0-9.]+(?:,[a-z0-9.]+)*) \(not set by the stack, left as they are\)$/;

/**
 * The configs the ensure script left alone because the stack did not set them, by topic (keys sorted):
 * topic names and config keys only, read from its own report lines, so the summary need not stay secret
 * as the script's output does.
 */
export function unmanagedTopicConfigs(stdout: string): Record<string, string[]> {
  const found = stdout.split("\n").map((line) => UNMANAGED_LINE.exec(line));
  return Object.fromEntries(found.filter((m) => m !== null).map((m) => [m[1], m[2].split(",").sort()]));
}

/** Shell script that deletes the given topics where they exist; a re-run exits 0. */
export function deleteTopicsScript(target: KafkaToolsTarget, names: readonly string[]): string {
  return (
    [
      ...preamble(target),
      `ledger=${configLedger(target.clusterArn)}`,
      `for t in ${names.map(shellQuote).join(" ")}; do`,
      // A topic created later under this name starts with no record of configs the stack set.
      '  if has "$t"; then kt --delete --topic "$t"; rm -f "$ledger/$t"; echo "topic $t deleted"; fi',
      "done",
    ].join("\n") + "\n"
  );
}
