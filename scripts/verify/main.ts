/**
 * `npm run verify -- <stack> [--timeout <seconds>] [--poll <seconds>]`: the walkthrough's final check.
 * Reads the stack's outputs, produces a few JSON records to each topic through the EC2 client, then
 * polls S3 until an object newer than the start appears under each topic's prefix.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { objectKeyMatcher } from "../../lib/ops/objectKeys";
import { parseSent, produceCommand, TopicBatch, verifyRecord } from "../../lib/ops/produce";
import {
  clientProblem,
  knownStacks,
  parseVerifyTarget,
  unknownStackProblem,
  VerifyError,
} from "../../lib/ops/stackOutputs";
import {
  defaultTimeoutSeconds,
  latencyMessage,
  needsTicks,
  progressLine,
  RECORDS_PER_TOPIC,
  summaryTable,
  TICK_SECONDS,
  timeoutMessage,
  TopicProgress,
} from "../../lib/ops/verifyPlan";
import type { VerifyClient, VerifyTarget } from "../../lib/ops/verifyTarget";
import { sshPrivateKey, stackOutputs } from "./pulumi";
import { FoundObject, objectsSince, requireCredentials, runRecordsIn } from "./s3";
import { sshExec } from "./ssh";

const USAGE = "usage: npm run verify -- <stack> [--timeout <seconds>] [--poll <seconds>]";

/** Command-line options. */
export interface VerifyOptions {
  stack: string;
  timeoutSeconds?: number;
  pollSeconds: number;
}

/** Parses the arguments after `--`; a usage error is a VerifyError. */
export function parseArgs(argv: readonly string[]): VerifyOptions {
  const opts: VerifyOptions = { stack: "", pollSeconds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--timeout" || a === "--poll") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1)
        throw new VerifyError(`${a} takes a whole number of seconds ≥ 1 (${USAGE})`);
      if (a === "--timeout") opts.timeoutSeconds = n;
      else opts.pollSeconds = n;
    } else if (!a.startsWith("-") && opts.stack === "") opts.stack = a;
    else throw new VerifyError(`unexpected argument ${a} (${USAGE})`);
  }
  if (opts.stack === "") throw new VerifyError(USAGE);
  return opts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one batch over SSH; returns topic → records accepted. */
async function produce(
  t: VerifyTarget,
  c: VerifyClient,
  key: string,
  batches: TopicBatch[],
): Promise<Record<string, number>> {
  const r = await sshExec(
    c,
    key,
    produceCommand(c, t.bootstrapServers, batches),
    (c.toolTimeoutSeconds + 60) * 1000,
  );
  if (r.code !== 0)
    throw new VerifyError(
      `kafka-console-producer.sh failed on ${c.user}@${c.host} (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`,
    );
  return parseSent(r.stdout);
}

/** Produces, waits and reports for a parsed target; returns the exit code. */
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
  const run = randomBytes(4).toString("hex");
  await requireCredentials(s3);
  out(`verify ${stack}: ${t.topics.length} topics → s3://${t.bucket} (${t.region}); run ${run}`);
  out(latencyMessage(t, timeout));
  // S3's LastModified has whole seconds: start a second early so the first objects are not missed.
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
  const progress: TopicProgress[] = t.topics.map((topic) => ({ topic, sent: 0, objects: 0 }));
  let seq = 0;
  const send = async (topics: TopicProgress[], n: number) => {
    const batches = topics.map((p) => ({
      topic: p.topic,
      records: Array.from({ length: n }, () => verifyRecord(run, p.topic, ++seq, new Date())),
    }));
    const sent = await produce(t, c, privateKey, batches);
    for (const p of topics) p.sent += sent[p.topic] ?? 0;
  };
  out(`producing ${RECORDS_PER_TOPIC} records to each topic through ${c.user}@${c.host}:${c.port} …`);
  await send(progress, RECORDS_PER_TOPIC);
  const firstSend = Date.now();
  out(`sent: ${progress.map((p) => `${p.topic} ${p.sent}`).join(", ")}`);
  const found = new Map<string, FoundObject[]>();
  let lastTick = Date.now();
  for (;;) {
    for (const p of progress.filter((x) => x.objects === 0)) {
      const match = objectKeyMatcher(p.topic, t.keyPrefixes[p.topic], t.deliveryProperties);
      const objects = await objectsSince(
        s3,
        t.bucket,
        t.keyPrefixes[p.topic],
        start,
        (k) => match(k) !== undefined,
      );
      if (objects.length > 0) {
        found.set(p.topic, objects);
        p.objects = objects.length;
        p.firstObjectSeconds = Math.max(0, (objects[0].lastModified.getTime() - firstSend) / 1000);
      }
    }
    const elapsed = (Date.now() - firstSend) / 1000;
    out(progressLine(elapsed, progress));
    const pending = progress.filter((x) => x.objects === 0);
    if (pending.length === 0) break;
    if (elapsed >= timeout) {
      out(summaryTable(progress));
      throw new VerifyError(
        timeoutMessage(
          t,
          timeout,
          pending.map((p) => p.topic),
        ),
      );
    }
    if (needsTicks(t) && Date.now() - lastTick >= TICK_SECONDS * 1000) {
      await send(pending, 1);
      lastTick = Date.now();
    }
    await sleep(opts.pollSeconds * 1000);
  }
  const json = (t.deliveryProperties["format.class"] ?? "").endsWith(".JsonFormat");
  if (json)
    for (const [topic, objects] of found) {
      let ours = 0;
      for (const o of objects) ours += await runRecordsIn(s3, t.bucket, o.key, run);
      out(
        `${topic}: ${objects.length} new object(s), ${ours} of this run's records, first ${objects[0].key}`,
      );
    }
  out(summaryTable(progress));
  out(`OK: every topic reached s3://${t.bucket}`);
  return 0;
}

/** The whole command: arguments, stack outputs, SSH key, then verify. Prints the reason and returns 1 on failure. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  repoDir: string,
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  try {
    const opts = parseArgs(argv);
    const problem = unknownStackProblem(opts.stack, knownStacks(readdirSync(repoDir)));
    if (problem) throw new VerifyError(problem);
    const target = parseVerifyTarget(stackOutputs(opts.stack, repoDir, env), opts.stack);
    const noClient = clientProblem(target, opts.stack);
    if (noClient) throw new VerifyError(noClient);
    const key = sshPrivateKey(opts.stack, repoDir, env);
    return await verify(opts.stack, target, key, new S3Client({ region: target.region }), opts, out);
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
