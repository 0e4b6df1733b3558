/**
 * `npm run verify -- <stack> [--watch] [--timeout <seconds>] [--poll <seconds>]`: the walkthrough's final
 * check. Checks the bucket, produces a few records marked with this run to each topic through the EC2
 * client, counting only those the broker acknowledged, then reads the objects that can hold them until
 * every record the connector must have written is found. Without an EC2 client, or with --watch, it
 * produces nothing and reports what is there (watch.ts).
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { KafkaConnectClient } from "@aws-sdk/client-kafkaconnect";
import { S3Client } from "@aws-sdk/client-s3";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { listingsFor, verifyProblem } from "../../lib/ops/objectKeys";
import {
  Ack,
  newRunMarker,
  parseSends,
  produceCommand,
  sendProblem,
  unreachableProblem,
} from "../../lib/ops/produce";
import { knownStacks, parseVerifyTarget, unknownStackProblem, VerifyError } from "../../lib/ops/stackOutputs";
import {
  defaultTimeoutSeconds,
  isDone,
  latencyMessage,
  mustBeWritten,
  needsTicks,
  progressLine,
  RECORDS_PER_TOPIC,
  summaryTable,
  TICK_SECONDS,
  timeoutMessage,
  TopicProgress,
} from "../../lib/ops/verifyPlan";
import type { VerifyTarget } from "../../lib/ops/verifyTarget";
import { sshPrivateKey, stackOutputs } from "./pulumi";
import { checkBucket, listKeys, requireCredentials, runRecordsIn } from "./s3";
import { sshExec } from "./ssh";
import { watch } from "./watch";

const USAGE = "usage: npm run verify -- <stack> [--watch] [--timeout <seconds>] [--poll <seconds>]";

/** Command-line options. */
export interface VerifyOptions {
  stack: string;
  watch: boolean;
  timeoutSeconds?: number;
  pollSeconds: number;
}

/** Parses the arguments after `--`; a usage error is a VerifyError. */
export function parseArgs(argv: readonly string[]): VerifyOptions {
  const opts: VerifyOptions = { stack: "", watch: false, pollSeconds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--timeout" || a === "--poll") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1)
        throw new VerifyError(`${a} takes a whole number of seconds ≥ 1 (${USAGE})`);
      if (a === "--timeout") opts.timeoutSeconds = n;
      else opts.pollSeconds = n;
    } else if (a === "--watch") opts.watch = true;
    else if (!a.startsWith("-") && opts.stack === "") opts.stack = a;
    else throw new VerifyError(`unexpected argument ${a} (${USAGE})`);
  }
  if (opts.stack === "") throw new VerifyError(USAGE);
  return opts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `count` records to each topic over SSH; returns the acknowledgements, or throws why records were refused. */
async function produce(t: VerifyTarget, key: string, topics: string[], run: number, count: number) {
  const c = t.client!;
  const where = `${c.user}@${c.host}:${c.port}`;
  const r = await sshExec(
    c,
    key,
    produceCommand(c, t.bootstrapServers, topics, run, count),
    topics.length * (c.toolTimeoutSeconds + 10) * 1000,
  );
  const exits = [...r.stderr.matchAll(/^exit (\d+) (.+)$/gm)].map(([, code, topic]) =>
    code === "124"
      ? `kafka-verifiable-producer.sh timed out after ${c.toolTimeoutSeconds} s (client.toolTimeoutSeconds) for topic ${topic}`
      : `kafka-verifiable-producer.sh exited ${code} for topic ${topic} on ${where}: ${r.stderr.trim().split("\n").slice(-2).join(" | ")}`,
  );
  if (r.code !== 0)
    exits.push(`the command on ${where} exited ${r.code}: ${r.stderr.trim().split("\n").pop()}`);
  const sends = parseSends(r.stdout, topics);
  const unreachable = unreachableProblem(r.stderr, where, t.bootstrapServers);
  if (unreachable && topics.every((tp) => sends[tp].acks.length === 0)) throw new VerifyError(unreachable);
  const problems = [...exits, ...topics.flatMap((tp) => sendProblem(tp, sends[tp], where) ?? [])];
  if (problems.length > 0) throw new VerifyError(problems.join("; "));
  return sends;
}

/** Produces, waits and reports for a target with an EC2 client; returns the exit code. */
export async function verify(
  stack: string,
  t: VerifyTarget,
  privateKey: string,
  s3: S3Client,
  opts: VerifyOptions,
  out: (line: string) => void,
): Promise<number> {
  const c = t.client!;
  const timeout = opts.timeoutSeconds ?? defaultTimeoutSeconds(t);
  const run = newRunMarker();
  out(`verify ${stack}: ${t.topics.length} topics → s3://${t.bucket} (${t.region}); run ${run}`);
  out(latencyMessage(t, timeout));
  const acks = new Map<string, Ack[]>(t.topics.map((topic) => [topic, []]));
  const send = async (topics: string[], n: number) => {
    const sends = await produce(t, privateKey, topics, run, n);
    for (const topic of topics) acks.get(topic)!.push(...sends[topic].acks);
  };
  out(`producing ${RECORDS_PER_TOPIC} records to each topic through ${c.user}@${c.host}:${c.port} …`);
  await send(t.topics, RECORDS_PER_TOPIC);
  const firstSend = Date.now();
  out(`acknowledged: ${t.topics.map((topic) => `${topic} ${acks.get(topic)!.length}`).join(", ")}`);
  const progress: TopicProgress[] = t.topics.map((topic) => ({ topic, acked: 0, due: 0, found: 0 }));
  const counted = new Map<string, number>(); // key → this run's records in it
  let lastTick = Date.now();
  for (;;) {
    for (const p of progress.filter((x) => !isDone(x))) {
      const mine = acks.get(p.topic)!;
      [p.acked, p.due] = [mine.length, mustBeWritten(t, mine)];
      for (const l of listingsFor(t, p.topic, mine, Date.now()))
        for (const key of await listKeys(s3, t.bucket, t.region, l))
          if (!counted.has(key)) counted.set(key, await runRecordsIn(s3, t.bucket, t.region, key, run));
      p.found = [...counted]
        .filter(([k]) => k.startsWith(t.keyPrefixes[p.topic]))
        .reduce((n, [, v]) => n + v, 0);
      if (p.found > 0) p.firstFoundSeconds ??= (Date.now() - firstSend) / 1000;
    }
    const elapsed = (Date.now() - firstSend) / 1000;
    out(progressLine(elapsed, progress));
    const pending = progress.filter((x) => !isDone(x));
    if (pending.length === 0) break;
    if (elapsed >= timeout) {
      out(summaryTable(progress));
      throw new VerifyError(timeoutMessage(t, timeout, pending));
    }
    if (needsTicks(t) && Date.now() - lastTick >= TICK_SECONDS * 1000) {
      await send(
        pending.map((p) => p.topic),
        1,
      );
      lastTick = Date.now();
    }
    await sleep(opts.pollSeconds * 1000);
  }
  out(summaryTable(progress));
  out(`OK: this run's records reached s3://${t.bucket} for every topic`);
  return 0;
}

/** The whole command: arguments, stack outputs, the bucket check, then watch or (with the SSH key) verify. Prints the reason and returns 1 on failure. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  repoDir: string,
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  try {
    const opts = parseArgs(argv);
    const unknown = unknownStackProblem(opts.stack, knownStacks(readdirSync(repoDir)));
    if (unknown) throw new VerifyError(unknown);
    const target = parseVerifyTarget(stackOutputs(opts.stack, repoDir, env), opts.stack);
    const s3 = new S3Client({ region: target.region });
    await requireCredentials(s3);
    await checkBucket(s3, target.bucket, target.region, Object.values(target.keyPrefixes));
    if (opts.watch || !target.client) {
      if (!target.client) out(`stack "${opts.stack}" names no EC2 client to produce through: watching only`);
      const cw = new CloudWatchClient({ region: target.region });
      const kc = new KafkaConnectClient({ region: target.region });
      return await watch(opts.stack, target, { s3, cw, kc }, out);
    }
    const problem = verifyProblem(target);
    if (problem) throw new VerifyError(`cannot verify stack "${opts.stack}": ${problem}`);
    const key = sshPrivateKey(opts.stack, repoDir, env);
    return await verify(opts.stack, target, key, s3, opts, out);
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    err(`verify: ${e.message}`);
    return 1;
  }
}

if (require.main === module)
  void main(process.argv.slice(2), process.env, join(__dirname, "..", "..")).then((code) =>
    process.exit(code),
  );
