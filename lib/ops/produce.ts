/**
 * The walkthrough's last step as one remote command: `kafka-console-producer.sh --producer.config
 * client.properties` on the EC2 client, fed a few small JSON records per topic. Records carry a key so
 * that all of a run's records of a topic land on one partition: a record-time rotation closes a file
 * only when a later record reaches the same partition.
 */
import { shellQuote } from "../kafka/shell";
import type { VerifyClient } from "./verifyTarget";

/** The key of every verify record; `key.separator` is `|`, which it does not contain. */
export const RECORD_KEY = "msk-s3-sink-verify";

/** One verify record: small, JSON, and traceable to its run. */
export function verifyRecord(run: string, topic: string, seq: number, sentAt: Date): string {
  return JSON.stringify({ verify: "msk-s3-sink", run, topic, seq, sentAt: sentAt.toISOString() });
}

/** Records to send to one topic. */
export interface TopicBatch {
  topic: string;
  records: string[];
}

/**
 * One shell command for the SSH exec: for each topic, the records (one per line, `key|value`) piped
 * into the console producer, bounded by `client.toolTimeoutSeconds`; prints `sent <n> <topic>` per topic.
 */
export function produceCommand(
  c: VerifyClient,
  bootstrapServers: string,
  batches: readonly TopicBatch[],
): string {
  const t = c.toolTimeoutSeconds;
  const lines = [
    "set -eu",
    `cd ${shellQuote(c.kafkaBinDir)}`,
    `produce() { _t=$1; shift; printf '%s\\n' "$@" | timeout ${t} ./kafka-console-producer.sh --bootstrap-server ${shellQuote(bootstrapServers)} --producer.config ${shellQuote(c.commandConfig)} --topic "$_t" --property parse.key=true --property 'key.separator=|' || { _rc=$?; [ "$_rc" != 124 ] || echo "kafka-console-producer.sh timed out after ${t} s (client.toolTimeoutSeconds)" >&2; exit "$_rc"; }; echo "sent $# $_t"; }`,
    ...batches.map(
      (b) =>
        `produce ${shellQuote(b.topic)} ${b.records.map((r) => shellQuote(`${RECORD_KEY}|${r}`)).join(" ")}`,
    ),
  ];
  return lines.join("\n") + "\n";
}

/** `sent <n> <topic>` lines of a produce run → topic → records the producer accepted. */
export function parseSent(stdout: string): Record<string, number> {
  const sent: Record<string, number> = {};
  for (const m of stdout.matchAll(/^sent (\d+) (\S+)$/gm)) sent[m[2]] = (sent[m[2]] ?? 0) + Number(m[1]);
  return sent;
}
