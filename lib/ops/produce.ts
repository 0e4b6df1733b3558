/**
 * The producing half of verify: Kafka's `kafka-verifiable-producer.sh` on the EC2 client, which prints
 * one JSON line per record the broker acknowledged or refused, with its partition and offset
 * (org.apache.kafka.tools.VerifiableProducer, Kafka 2.8.1: `producer_send_success` /
 * `producer_send_error`). The console producer is no use here: it logs "Error when sending message" and
 * still exits 0 (tests/integration/verify.test.ts shows it with the 2.8.1 tools).
 */
import { shellQuote } from "../kafka/shell";
import type { VerifyClient } from "./verifyTarget";

/**
 * Producer settings appended to the client's properties (a later key wins in java.util.Properties), so
 * that a missing topic or a dead broker fails each record within seconds instead of the default 60 s
 * `max.block.ms`; `delivery.timeout.ms` must be at least `linger.ms` + `request.timeout.ms` or the
 * producer refuses to start (Kafka 2.8.1 ProducerConfig).
 */
export const PRODUCER_TIMEOUTS = {
  "max.block.ms": 10_000,
  "request.timeout.ms": 10_000,
  "delivery.timeout.ms": 15_000,
};

/**
 * This run's marker: the tool's `--value-prefix`, so every value is `<run>.<n>`. Seven digits keep the
 * value below 10^7, where Java prints a double without an exponent: the sink's JsonConverter
 * (schemas.enable=false) reads it as a FLOAT64 and JsonFormat writes it back as `<run>.<n>` (Kafka 2.7.1
 * JsonConverter.java, kafka-connect-s3 10.0.3 JsonRecordWriterProvider); a StringConverter writes it quoted.
 */
export function newRunMarker(random: () => number = Math.random): number {
  return 1_000_000 + Math.floor(random() * 9_000_000);
}

/** True for an object line that holds one of this run's records (a JSON number or string `<run>.<n>`). */
export function isRunLine(line: string, run: number): boolean {
  return new RegExp(`^("?)${run}\\.\\d+\\1$`).test(line.trim());
}

/**
 * One remote command: for each topic, `count` records with the same key (so they share one partition,
 * which a record-time rotation needs), acks=all, each tool run bounded by `client.toolTimeoutSeconds`.
 * Bash for the process substitution that adds PRODUCER_TIMEOUTS without writing the client's properties
 * (which may hold credentials) to a file.
 */
export function produceCommand(
  c: VerifyClient,
  bootstrapServers: string,
  topics: readonly string[],
  run: number,
  count: number,
): string {
  const timeouts = Object.entries(PRODUCER_TIMEOUTS)
    .map(([k, v]) => `${k}=${v}\\n`)
    .join("");
  const script = [
    `cd ${shellQuote(c.kafkaBinDir)} || exit`,
    ...topics.map(
      (t) =>
        `timeout ${c.toolTimeoutSeconds} ./kafka-verifiable-producer.sh --bootstrap-server ${shellQuote(bootstrapServers)} ` +
        `--producer.config <(cat ${shellQuote(c.commandConfig)} && printf '${timeouts}') --topic ${shellQuote(t)} ` +
        `--max-messages ${count} --acks -1 --value-prefix ${run} --repeating-keys 1 || echo "exit $? ${t}" >&2`,
    ),
  ].join("\n");
  return `bash -c ${shellQuote(script)}`;
}

/** One acknowledged record. */
export interface Ack {
  partition: number;
  offset: number;
  /** Epoch ms the tool printed the acknowledgement (the record's CreateTime is at most this). */
  timestamp: number;
}

/** What the tool said for one topic. */
export interface TopicSends {
  acks: Ack[];
  /** `<exception class>: <message>` per refused record. */
  errors: string[];
}

/** Reads the tool's JSON lines (other lines, e.g. logging, are skipped as the tool's docs advise). */
export function parseSends(stdout: string, topics: readonly string[]): Record<string, TopicSends> {
  const out: Record<string, TopicSends> = Object.fromEntries(
    topics.map((t) => [t, { acks: [], errors: [] }]),
  );
  for (const line of stdout.split("\n")) {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const sends = out[String(e.topic)];
    if (!sends) continue;
    if (e.name === "producer_send_success")
      sends.acks.push({
        partition: Number(e.partition),
        offset: Number(e.offset),
        timestamp: Number(e.timestamp),
      });
    if (e.name === "producer_send_error")
      sends.errors.push(`${String(e.exception).replace(/^class /, "")}: ${String(e.message)}`);
  }
  return out;
}

/** Why records to `topic` were refused, said for the person who runs verify (undefined when none were). */
export function sendProblem(topic: string, s: TopicSends, where: string): string | undefined {
  const first = s.errors[0];
  if (first === undefined) return undefined;
  const n = `${s.errors.length} of ${s.errors.length + s.acks.length} records`;
  if (/TopicAuthorizationException/.test(first))
    return `not authorized to write to topic ${topic} (${n} refused: ${first}): grant the EC2 client's principal kafka-cluster:Connect, DescribeTopic and WriteData on it`;
  if (/SaslAuthenticationException|AuthenticationException/.test(first))
    return `the cluster refused the credentials of ${where} for topic ${topic} (${first}): check its client properties`;
  if (/not present in metadata/.test(first))
    return `topic ${topic} does not exist on the cluster, or the client may not describe it (${n} refused: ${first}): run \`npm run up\` to create it`;
  return `${n} to topic ${topic} were refused: ${first}`;
}

/**
 * A client that cannot reach any broker: the producer logs "Connection to node -1 (…) could not be
 * established. Broker may not be available." (Kafka NetworkClient, WARN on stderr) and then fails each
 * record on metadata like a missing topic, so this is checked first.
 */
export function unreachableProblem(
  stderr: string,
  where: string,
  bootstrapServers: string,
): string | undefined {
  const said =
    /Connection to node -?\d+ \([^)]*\) could not be established\. Broker may not be available\./.exec(
      stderr,
    );
  return said
    ? `${where} cannot reach the brokers ${bootstrapServers} (${said[0]}): check that the cluster's security group admits the EC2 client`
    : undefined;
}
