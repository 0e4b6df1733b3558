/**
 * `npm run verify` for real: the producing half with the walkthrough's Kafka 2.8.1 tools over real sshd
 * into the real broker (which has a SASL/PLAIN listener and Kafka's StandardAuthorizer for a real
 * authorization failure); the S3 half against moto's server (S3 and CloudWatch); the whole command
 * (scripts/verify/main.ts) with both. Stand-ins, said where they are: the Pulumi CLI (answers `stack
 * output` and `config get` as the real CLI does, since it cannot deploy here), the connector's upload
 * (objects written from the records the broker holds, in the connector's key layout, each value as Kafka's
 * JsonConverter and Jackson write it) and the MSK Connect API (moto has no kafkaconnect backend).
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { expect } from "chai";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { parseStackConfig } from "../../lib/stackSettings";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import { listingsFor } from "../../lib/ops/objectKeys";
import {
  isRunLine,
  parseSends,
  produceCommand,
  sendProblem,
  unreachableProblem,
} from "../../lib/ops/produce";
import { VerifyError } from "../../lib/ops/stackOutputs";
import { verifyTarget, VerifyTarget } from "../../lib/ops/verifyTarget";
import { main } from "../../scripts/verify/main";
import { checkBucket, listKeys, runRecordsIn } from "../../scripts/verify/s3";
import { sshExec } from "../../scripts/verify/ssh";
import { rawConfig, stackCommands, STACK } from "./commands";
import { freePort, Harness, requirePrerequisites, run } from "./harness";
import { S3Server } from "./s3Server";

const TAG = crypto.randomBytes(3).toString("hex");
let seq = 0;
const newId = () => `vf${TAG}-${++seq}`;
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
};
const INTRUDER = { name: "intruder", password: crypto.randomBytes(8).toString("hex") };
const ARN = (id: string) =>
  `arn:aws:kafkaconnect:us-east-1:123456789012:connector/${id}-connector/0b1c2d3e-4`;

describe("integration: npm run verify (2.8.1 tools over real SSH, moto's S3 and CloudWatch)", function () {
  let h: Harness;
  let moto: S3Server;
  let s3: S3Client;
  let connectApi: http.Server;
  const connectorStates = new Map<string, string>();
  const saved = { ...process.env };

  before(async function () {
    this.timeout(240_000);
    const layout = requirePrerequisites(this);
    h = await Harness.start(layout, { saslUsers: { [INTRUDER.name]: INTRUDER.password } });
    moto = await S3Server.start(layout, h.dir);
    // MSK Connect API stand-in: DescribeConnector's documented response fields
    // (https://docs.aws.amazon.com/MSKC/latest/mskc/API_DescribeConnector.html), GET /v1/connectors/{connectorArn}.
    connectApi = http.createServer((req, res) => {
      const arn = decodeURIComponent(req.url!.replace(/^\/v1\/connectors\//, ""));
      const state = connectorStates.get(arn);
      res.writeHead(state ? 200 : 404, { "content-type": "application/json" });
      res.end(
        JSON.stringify(state ? { connectorArn: arn, connectorState: state } : { message: "not found" }),
      );
    });
    await new Promise<void>((r) => connectApi.listen(0, "127.0.0.1", r));
    const { port } = connectApi.address() as { port: number };
    Object.assign(process.env, AWS_ENV, {
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: moto.endpoint,
      AWS_ENDPOINT_URL_KAFKACONNECT: `http://127.0.0.1:${port}`,
    });
    s3 = new S3Client({ region: "us-east-1" });
  });

  after(async function () {
    this.timeout(60_000);
    process.env = saved;
    connectApi?.close();
    await moto?.stop();
    await h?.stop();
  });

  /** Topics on the real broker (2.8.1 tools, 3 partitions), and the verifyTarget the program would export. */
  async function stackWithTopics(id: string, preset = "walkthrough") {
    const raw = { ...rawConfig(id, h, h.tools("2.8.1"), { partitions: 3 }, 60), deliveryPreset: preset };
    const c = stackCommands(raw, h.bootstrapServers);
    const created = await h.ssh(c.create, { target: c.target });
    expect(created.code, created.stderr).to.equal(0);
    const s = parseStackConfig(raw, STACK);
    return verifyTarget(s, connectorProperties(sinkTargetOf(s)), h.bootstrapServers, s.client.host, ARN(id));
  }

  /** The records the broker holds, read with today's console consumer as root (independent of the path under test). */
  async function records(topic: string, n: number) {
    const cp = `${h.layout.brokerJars}/*`;
    const args = ["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp];
    const tool = [
      "org.apache.kafka.tools.consumer.ConsoleConsumer",
      "--bootstrap-server",
      h.bootstrapServers,
    ];
    const opts = ["--topic", topic, "--from-beginning", "--max-messages", String(n), "--timeout-ms", "60000"];
    const props = ["print.key", "print.partition", "print.offset"].flatMap((p) => [
      "--property",
      `${p}=true`,
    ]);
    const r = await run("java", [...args, ...tool, ...opts, ...props], { timeoutMs: 120_000 });
    // DefaultMessageFormatter: "Partition:2\tOffset:0\t<key>\t<value>"
    return r.stdout.split("\n").flatMap((l) => {
      const m = /^Partition:(\d+)\tOffset:(\d+)\t(.*)\t(.*)$/.exec(l);
      return m ? [{ partition: Number(m[1]), offset: Number(m[2]), key: m[3], value: m[4] }] : [];
    });
  }

  /**
   * Values as the S3 sink's JsonFormat writes them under `value.converter=JsonConverter`,
   * `schemas.enable=false`: the converter reads a JSON number with a fraction as FLOAT64 (a double), and
   * JsonRecordWriterProvider writes a value that is not a Struct with Jackson (kafka-connect-s3 10.0.3). Run
   * with the broker's connect-json and Jackson jars: the same conversion as Kafka 2.7.1's JsonConverter.
   */
  async function sinkJsonLines(values: readonly string[]): Promise<string[]> {
    const source = path.join(h.dir, "SinkJson.java");
    fs.writeFileSync(
      source,
      [
        "import java.nio.charset.StandardCharsets;",
        "import java.util.Map;",
        "public class SinkJson {",
        "  public static void main(String[] values) throws Exception {",
        "    var converter = new org.apache.kafka.connect.json.JsonConverter();",
        '    converter.configure(Map.of("schemas.enable", "false"), false);',
        "    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();",
        "    for (String v : values)",
        '      System.out.println(mapper.writeValueAsString(converter.toConnectData("t", v.getBytes(StandardCharsets.UTF_8)).value()));',
        "  }",
        "}",
      ].join("\n"),
    );
    const cp = `${h.layout.brokerJars}/*`;
    const r = await run("java", ["-Xmx256m", "-XX:+UseSerialGC", "-cp", cp, source, ...values], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).to.equal(0);
    return r.stdout.trimEnd().split("\n");
  }

  it("the sink writes <run>.<n> back as a double (<run>.10 as <run>.1), and each line still carries the run marker", async function () {
    this.timeout(120_000);
    const lines = await sinkJsonLines(["4711042.0", "4711042.1", "4711042.10", "9999999.19"]);
    expect(lines).to.deep.equal(["4711042.0", "4711042.1", "4711042.1", "9999999.19"]);
    expect(lines.map((l) => isRunLine(l, Number(l.split(".")[0])))).to.deep.equal([true, true, true, true]);
  });

  describe("producing half", () => {
    it("the console producer exits 0 after 'Error when sending message' (why verify does not use it)", async function () {
      this.timeout(120_000);
      const bin = h.tools("2.8.1").binDir;
      const r = await h.ssh(
        `cd ${bin} && printf 'a\\n' | ./kafka-console-producer.sh --bootstrap-server ${h.bootstrapServers} ` +
          "--producer.config client.properties --topic no-such-topic --producer-property max.block.ms=3000",
      );
      expect(r.code).to.equal(0);
      expect(r.stderr).to.include("Error when sending message to topic no-such-topic");
    });

    it("kafka-verifiable-producer.sh 2.8.1 with client.properties: one acknowledgement per record, all on one partition, as the broker holds them", async function () {
      this.timeout(300_000);
      const t = await stackWithTopics(newId());
      const r = await sshExec(
        t.client!,
        h.privateKey,
        produceCommand(t.client!, t.bootstrapServers, t.topics, 4711042, 2),
        240_000,
      );
      expect(r.code, r.stderr).to.equal(0);
      const sends = parseSends(r.stdout, t.topics);
      for (const topic of t.topics) {
        const { acks, errors } = sends[topic];
        expect(errors).to.deep.equal([]);
        expect(acks.map((a) => a.offset)).to.deep.equal([0, 1]);
        expect(new Set(acks.map((a) => a.partition)).size).to.equal(1);
        const held = await records(topic, 2);
        expect(held).to.deep.equal(
          acks.map((a, i) => ({ partition: a.partition, offset: a.offset, key: "0", value: `4711042.${i}` })),
        );
      }
    });

    it("a missing topic: each record refused within max.block.ms (10 s), said as a missing topic", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      const missing = `${t.topics[0]}-missing`;
      const started = Date.now();
      const r = await sshExec(
        t.client!,
        h.privateKey,
        produceCommand(t.client!, t.bootstrapServers, [missing], 4711042, 2),
        90_000,
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(`    missing topic: refused after ${seconds.toFixed(1)} s`);
      expect(seconds).to.be.below(35);
      const sends = parseSends(r.stdout, [missing]);
      expect(sends[missing].acks).to.deep.equal([]);
      expect(sendProblem(missing, sends[missing], "w")).to.equal(
        `topic ${missing} does not exist on the cluster, or the client may not describe it (2 of 2 records refused: ` +
          `org.apache.kafka.common.errors.TimeoutException: Topic ${missing} not present in metadata after 10000 ms.): run \`npm run up\` to create it`,
      );
    });

    it("an unauthorized client (SASL/PLAIN user without ACLs, StandardAuthorizer): TopicAuthorizationException within seconds", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      const config = path.join(h.layout.home, `verify-it-${TAG}.properties`);
      fs.writeFileSync(
        config,
        [
          "security.protocol=SASL_PLAINTEXT",
          "sasl.mechanism=PLAIN",
          `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${INTRUDER.name}" password="${INTRUDER.password}";`,
          "",
        ].join("\n"),
        { mode: 0o644 },
      );
      try {
        const client = { ...t.client!, commandConfig: config };
        const started = Date.now();
        const r = await sshExec(
          client,
          h.privateKey,
          produceCommand(client, h.saslBootstrapServers, [t.topics[0]], 4711042, 2),
          90_000,
        );
        const seconds = (Date.now() - started) / 1000;
        console.log(`    unauthorized: refused after ${seconds.toFixed(1)} s`);
        expect(seconds).to.be.below(15);
        const sends = parseSends(r.stdout, [t.topics[0]]);
        expect(sendProblem(t.topics[0], sends[t.topics[0]], "w")).to.equal(
          `not authorized to write to topic ${t.topics[0]} (2 of 2 records refused: org.apache.kafka.common.errors.TopicAuthorizationException: ` +
            `Not authorized to access topics: [${t.topics[0]}]): grant the EC2 client's principal kafka-cluster:Connect, DescribeTopic and WriteData on it`,
        );
      } finally {
        fs.rmSync(config, { force: true });
      }
    });

    it("a broker that does not answer: said as unreachable brokers, not as a missing topic", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      const dead = `127.0.0.1:${await freePort()}`;
      const r = await sshExec(
        t.client!,
        h.privateKey,
        produceCommand(t.client!, dead, [t.topics[0]], 4711042, 1),
        90_000,
      );
      expect(unreachableProblem(r.stderr, "w", dead), r.stdout + r.stderr).to.match(
        new RegExp(
          `^w cannot reach the brokers ${dead} \\(Connection to node -1 \\(/127\\.0\\.0\\.1:\\d+\\) could not be established\\. Broker may not be available\\.\\)`,
        ),
      );
    });

    it("SSH: a key the host refuses is said as such; an unreachable host as unreachable, within seconds", async function () {
      this.timeout(60_000);
      const stranger = path.join(h.dir, `stranger-${TAG}`);
      await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", stranger], { timeoutMs: 30_000 });
      const client = { ...h.sshTarget, kafkaBinDir: "/x", commandConfig: "c", toolTimeoutSeconds: 5 };
      const where = `kafkait@127.0.0.1:${h.sshPort}`;
      const refused = await sshExec(client, fs.readFileSync(stranger, "utf8"), "true", 30_000).catch(
        (x: unknown) => x,
      );
      expect(refused).to.be.instanceOf(VerifyError);
      expect((refused as Error).message).to.equal(
        `the EC2 client ${where} refused the SSH key (All configured authentication methods failed): ` +
          "sshPrivateKey must match a key in ~kafkait/.ssh/authorized_keys there, and client.user must be its user",
      );
      const port = await freePort();
      const started = Date.now();
      const e = await sshExec({ ...client, port }, h.privateKey, "true", 30_000).catch((x: unknown) => x);
      expect((e as Error).message).to.match(
        new RegExp(
          `^cannot reach the EC2 client kafkait@127\\.0\\.0\\.1:${port} over SSH: connect ECONNREFUSED`,
        ),
      );
      expect(Date.now() - started).to.be.below(10_000);
    });
  });

  /** A target for `preset` without brokers or client (the S3 half alone). */
  function s3Target(id: string, preset: "walkthrough" | "bulk"): VerifyTarget {
    const overrides = preset === "bulk" ? { "s3.compression.type": "gzip" } : {};
    const s = parseStackConfig(
      {
        userId: id,
        topicManagement: "msk-api",
        topics: { partitions: 2, replicationFactor: 1 },
        deliveryPreset: preset,
        connector: { properties: overrides },
      },
      STACK,
    );
    return verifyTarget(s, connectorProperties(sinkTargetOf(s)), "unused:9098", undefined, ARN(id));
  }
  const put = (bucket: string, key: string, body: string) =>
    s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: key.endsWith(".gz") ? gzipSync(body) : body }),
    );
  /** Counts the requests an S3 client sends. */
  function counted(): { client: S3Client; requests: () => number } {
    const client = new S3Client({ region: "us-east-1" });
    let n = 0;
    client.middlewareStack.add((next) => (args) => (n++, next(args)), { step: "build" });
    return { client, requests: () => n };
  }

  describe("S3 half", () => {
    it("the bucket check: an empty bucket passes; a missing bucket, another region and denied access end in one line each", async function () {
      this.timeout(120_000);
      const t = s3Target(newId(), "walkthrough");
      const prefixes = Object.values(t.keyPrefixes);
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      await checkBucket(s3, t.bucket, "us-east-1", prefixes);
      const fail = (p: Promise<unknown>) =>
        p.then(
          () => "passed",
          (e: Error) => `${e.name}: ${e.message}`,
        );
      expect(await fail(checkBucket(s3, `${t.bucket}-gone`, "us-east-1", prefixes))).to.equal(
        `VerifyError: s3://${t.bucket}-gone does not exist in us-east-1 (HeadBucket: HTTP 404 NotFound): check bucket.name, or run \`npm run up\` to create it`,
      );
      const far = `${t.bucket}-eu`;
      await s3.send(
        new CreateBucketCommand({
          Bucket: far,
          CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
        }),
      );
      expect(await fail(checkBucket(s3, far, "us-east-1", prefixes))).to.equal(
        `VerifyError: s3://${far} is in region eu-west-1, not us-east-1: set aws:region for the stack to the bucket's region`,
      );
      // A regional endpoint answers a bucket of another region with 301 and x-amz-bucket-region, no body
      // (Amazon S3 API Reference, HeadBucket); moto serves every region, so a one-answer server says it here.
      const redirect = http.createServer((_, res) =>
        res.writeHead(301, { "x-amz-bucket-region": "eu-west-1" }).end(),
      );
      await new Promise<void>((r) => redirect.listen(0, "127.0.0.1", r));
      const endpoint = `http://127.0.0.1:${(redirect.address() as { port: number }).port}`;
      try {
        expect(
          await fail(
            checkBucket(new S3Client({ region: "us-east-1", endpoint }), far, "us-east-1", prefixes),
          ),
        ).to.equal(
          `VerifyError: s3://${far} is in region eu-west-1, not us-east-1 (HeadBucket: HTTP 301 Unknown): set aws:region for the stack to the bucket's region`,
        );
      } finally {
        redirect.close();
      }
      // Denied: an IAM user with no policy, and moto's IAM enforcement switched on (moto-api reset-auth).
      const py = path.join(path.dirname(h.layout.motoServer), "python");
      const made = await run(
        py,
        [
          "-c",
          "import boto3,sys; i=boto3.client('iam',endpoint_url=sys.argv[1],region_name='us-east-1',aws_access_key_id='testing',aws_secret_access_key='testing');" +
            "i.create_user(UserName=sys.argv[2]); k=i.create_access_key(UserName=sys.argv[2])['AccessKey']; print(k['AccessKeyId'], k['SecretAccessKey'])",
          moto.endpoint,
          `nobody-${TAG}`,
        ],
        { timeoutMs: 60_000 },
      );
      const [accessKeyId, secretAccessKey] = made.stdout.trim().split(" ");
      const denied = new S3Client({ region: "us-east-1", credentials: { accessKeyId, secretAccessKey } });
      const auth = (count: string) =>
        fetch(`${moto.endpoint}/moto-api/reset-auth`, { method: "POST", body: count });
      await auth("0");
      try {
        expect(await fail(checkBucket(denied, t.bucket, "us-east-1", prefixes))).to.equal(
          `VerifyError: access denied to s3://${t.bucket} (HeadBucket: HTTP 403 Unknown): the credentials verify runs with need s3:ListBucket on the bucket and s3:GetObject on its objects`,
        );
      } finally {
        await auth("inf");
      }
    });

    it("walkthrough: one listing request per poll after 1,001 older objects; only this run's records count, not a foreign object or another run's", async function () {
      this.timeout(180_000);
      const t = s3Target(newId(), "walkthrough");
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const [topic] = t.topics;
      // Keys in the connector's documented layout: <topics.dir>/<topic>/partition=<n>/<topic>+<n>+<offset, 10 digits>.json
      const key = (offset: number) =>
        `topics/${topic}/partition=1/${topic}+1+${String(offset).padStart(10, "0")}.json`;
      for (let o = 0; o < 1001; o += 50)
        await Promise.all(
          Array.from({ length: Math.min(50, 1001 - o) }, (_, i) =>
            put(t.bucket, key(o + i), `1111111.${o + i}\n`),
          ),
        );
      await put(t.bucket, key(1001), "4711042.0\n");
      await put(t.bucket, key(1002), "9999999.0\n"); // another run's record in between
      await put(t.bucket, key(1003), "4711042.1\n");
      await put(t.bucket, `topics/${topic}/notes.txt`, "4711042.9\n"); // not the connector's
      const acks = [1001, 1003].map((offset) => ({ partition: 1, offset, timestamp: Date.now() }));
      const { client, requests } = counted();
      const [l] = listingsFor(t, topic, acks, Date.now());
      const keys = await listKeys(client, t.bucket, "us-east-1", l);
      expect(requests()).to.equal(1);
      expect(keys).to.deep.equal([key(1001), key(1002), key(1003)]);
      let found = 0;
      for (const k of keys) found += await runRecordsIn(s3, t.bucket, "us-east-1", k, 4711042);
      expect(found).to.equal(2);
    });

    it("bulk (hourly, gzip): the hour directories only; this run's lines among others in one object", async function () {
      this.timeout(60_000);
      const t = s3Target(newId(), "bulk");
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const [topic] = t.topics;
      const now = Date.now();
      const hour = (ms: number) =>
        new Date(ms).toISOString().replace(/^(\d+)-(\d+)-(\d+)T(\d+).*$/, "year=$1/month=$2/day=$3/hour=$4");
      const key = (ms: number, offset: number) =>
        `topics/${topic}/${hour(ms)}/${topic}+0+${String(offset).padStart(10, "0")}.json.gz`;
      await put(t.bucket, key(now, 40), "1111111.0\n4711042.0\n4711042.1\n2222222.5\n");
      await put(t.bucket, key(now - 3 * 3_600_000, 10), "4711042.7\n"); // an hour no record of this run is in
      const acks = [41, 42].map((offset) => ({ partition: 0, offset, timestamp: now }));
      const keys = (
        await Promise.all(listingsFor(t, topic, acks, now).map((l) => listKeys(s3, t.bucket, "us-east-1", l)))
      ).flat();
      expect(keys).to.deep.equal([key(now, 40)]);
      expect(await runRecordsIn(s3, t.bucket, "us-east-1", keys[0], 4711042)).to.equal(2);
    });
  });

  describe("the whole command", () => {
    /** A project dir with the stack file, and a stand-in `pulumi` that answers like the real CLI. */
    function fakeProject(stack: string, outputs: object | undefined, key: string | undefined) {
      const dir = fs.mkdtempSync(path.join(h.dir, "project-"));
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: msk-s3-sink\n");
      fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
      const bin = path.join(dir, "bin");
      fs.mkdirSync(bin);
      if (outputs) fs.writeFileSync(path.join(bin, "outputs.json"), JSON.stringify(outputs));
      if (key) fs.writeFileSync(path.join(bin, "key"), key);
      // Messages as the pinned pulumi CLI prints them (observed with the CLI built from the Go module proxy).
      fs.writeFileSync(
        path.join(bin, "pulumi"),
        [
          "#!/bin/sh",
          `here=$(dirname "$0")`,
          'echo "$* | $PULUMI_BACKEND_URL" >> "$here/calls"',
          'case "$1 $2" in',
          `  "stack output") [ -f "$here/outputs.json" ] || { echo "error: no stack named '$5' found" >&2; exit 255; }; cat "$here/outputs.json" ;;`,
          `  "config get") [ -f "$here/key" ] || { echo "error: configuration key '$3' not found for stack '$5'" >&2; exit 255; }; cat "$here/key" ;;`,
          "  *) exit 2 ;;",
          "esac",
          "",
        ].join("\n"),
        { mode: 0o755 },
      );
      // Without PULUMI_CLI, which names a CLI ahead of any on PATH (scripts/pulumi-cli.sh): the stand-in answers.
      const { PULUMI_CLI: _cli, ...env } = process.env;
      return {
        dir,
        env: { ...env, PATH: `${bin}:${process.env.PATH}` },
        calls: () => fs.readFileSync(path.join(bin, "calls"), "utf8"),
      };
    }

    async function runMain(
      argv: string[],
      p: { dir: string; env: NodeJS.ProcessEnv },
      onLine?: (l: string) => void,
    ) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(
        argv,
        p.env,
        p.dir,
        (l) => (out.push(l), onLine?.(l)),
        (l) => err.push(l),
      );
      console.log(
        `    --- npm run verify -- ${argv.join(" ")}\n${[...out, ...err].map((l) => `    ${l}`).join("\n")}`,
      );
      return { code, out, err };
    }

    /**
     * Stand-in for the connector's upload (walkthrough, flush.size=1): each record the broker holds becomes one
     * object `topics/<topic>/partition=<p>/<topic>+<p>+<offset>.json` holding its value as the sink writes it.
     */
    async function connectorUpload(t: VerifyTarget, n: number) {
      for (const topic of t.topics) {
        const held = await records(topic, n);
        const lines = await sinkJsonLines(held.map((r) => r.value));
        for (const [i, r] of held.entries())
          await put(
            t.bucket,
            `topics/${topic}/partition=${r.partition}/${topic}+${r.partition}+${String(r.offset).padStart(10, "0")}.json`,
            `${lines[i]}\n`,
          );
      }
    }

    it("healthy: acknowledged records in through the EC2 client, found in S3 by their run marker; progress and the per-topic summary", async function () {
      this.timeout(300_000);
      const stack = `it${TAG}a`;
      const t = await stackWithTopics(newId());
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      await put(
        t.bucket,
        `topics/${t.topics[0]}/partition=0/${t.topics[0]}+0+0000000000.json`,
        "1234567.0\n",
      ); // an earlier run's
      const p = fakeProject(stack, { verifyTarget: t }, h.privateKey);
      let upload: Promise<void> | undefined;
      const r = await runMain([stack, "--poll", "1"], p, (l) => {
        if (l.startsWith("acknowledged: ")) upload = connectorUpload(t, 2);
      });
      await upload;
      expect(r.err).to.deep.equal([]);
      expect(r.code).to.equal(0);
      const run = /; run (\d{7})$/.exec(r.out[0])?.[1];
      expect(r.out[0]).to.equal(`verify ${stack}: 3 topics → s3://${t.bucket} (us-east-1); run ${run}`);
      expect(r.out[1]).to.equal(
        "preset walkthrough: an object closes with every record (flush.size=1); expect objects within about 0 s (waiting up to 120 s)",
      );
      expect(r.out[2]).to.equal(`producing 2 records to each topic through kafkait@127.0.0.1:${h.sshPort} …`);
      expect(r.out[3]).to.equal(`acknowledged: ${t.topics.map((x) => `${x} 2`).join(", ")}`);
      expect(r.out.at(-1)).to.equal(`OK: this run's records reached s3://${t.bucket} for every topic`);
      const table = r.out.at(-2)!.split("\n");
      expect(table[0]).to.match(/^topic +acknowledged +due in S3 +found +seconds to first found$/);
      for (const [i, topic] of t.topics.entries())
        expect(table[i + 1]).to.match(new RegExp(`^${topic.replace(/\./g, "\\.")} +2 +2 +2 +\\d+\\.\\d$`));
    });

    it("unhealthy: nothing reaches S3; exits 1 on the timeout naming found/due per topic", async function () {
      this.timeout(300_000);
      const stack = `it${TAG}b`;
      const t = await stackWithTopics(newId());
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const r = await runMain(
        [stack, "--timeout", "8", "--poll", "2"],
        fakeProject(stack, { verifyTarget: t }, h.privateKey),
      );
      expect(r.code).to.equal(1);
      expect(r.err).to.deep.equal([
        `verify: timed out after 8 s: ${t.topics.map((x) => `${x} 0 of 2 found under s3://${t.bucket}/topics/${x}/`).join(", ")}; ` +
          "preset walkthrough: its expected latency for this traffic is about 0 s. Check that the connector is RUNNING, its worker logs, and the consumer lag (`npm run verify -- <stack> --watch`, dashboard); wait longer with --timeout <seconds>",
      ]);
    });

    it("a missing bucket, a missing topic: one line each, and a missing bucket stops verify before it produces anything", async function () {
      this.timeout(300_000);
      const stack = `it${TAG}c`;
      const t = await stackWithTopics(newId());
      const nobucket = await runMain([stack], fakeProject(stack, { verifyTarget: t }, h.privateKey));
      expect([nobucket.code, nobucket.out, nobucket.err]).to.deep.equal([
        1,
        [],
        [
          `verify: s3://${t.bucket} does not exist in us-east-1 (HeadBucket: HTTP 404 NotFound): check bucket.name, or run \`npm run up\` to create it`,
        ],
      ]);
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const gone = {
        ...t,
        topics: [...t.topics, `${t.topics[0]}-gone`],
        keyPrefixes: { ...t.keyPrefixes, [`${t.topics[0]}-gone`]: `topics/${t.topics[0]}-gone/` },
      };
      const missing = await runMain([stack], fakeProject(stack, { verifyTarget: gone }, h.privateKey));
      expect(missing.code).to.equal(1);
      expect(missing.err).to.deep.equal([
        `verify: topic ${t.topics[0]}-gone does not exist on the cluster, or the client may not describe it (2 of 2 records refused: ` +
          `org.apache.kafka.common.errors.TimeoutException: Topic ${t.topics[0]}-gone not present in metadata after 10000 ms.): run \`npm run up\` to create it`,
      ]);
    });

    it("watch mode (no EC2 client): newest object age, time lag from CloudWatch, connector state; a FAILED connector exits 1", async function () {
      this.timeout(120_000);
      const stack = `it${TAG}d`;
      const id = newId();
      const t = s3Target(id, "walkthrough");
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const [pin, geo] = t.topics;
      for (const o of [0, 1, 2, 7, 12])
        await put(
          t.bucket,
          `topics/${pin}/partition=${o % 2}/${pin}+${o % 2}+${String(o).padStart(10, "0")}.json`,
          `${o}\n`,
        );
      const cw = new CloudWatchClient({ region: "us-east-1" });
      await cw.send(
        new PutMetricDataCommand({
          Namespace: "AWS/Kafka",
          MetricData: [
            {
              MetricName: "EstimatedMaxTimeLag",
              Dimensions: [
                { Name: "Cluster Name", Value: t.clusterName },
                { Name: "Consumer Group", Value: `connect-${id}-connector` },
                { Name: "Topic", Value: pin },
              ],
              Timestamp: new Date(Date.now() - 60_000),
              Value: 3,
            },
          ],
        }),
      );
      connectorStates.set(t.connectorArn, "RUNNING");
      const p = fakeProject(stack, { verifyTarget: t }, undefined);
      const r = await runMain([stack], p);
      expect(r.err).to.deep.equal([]);
      expect(r.code).to.equal(0);
      expect(r.out.slice(0, 2)).to.deep.equal([
        `stack "${stack}" names no EC2 client to produce through: watching only`,
        `watch ${stack}: connector ${id}-connector is RUNNING; consumer group connect-${id}-connector`,
      ]);
      expect(r.out[2]).to.match(
        new RegExp(
          `^${pin.replace(/\./g, "\\.")}: newest object \\d+ s old \\(topics/${pin.replace(/\./g, "\\.")}/partition=0/${pin.replace(/\./g, "\\.")}\\+0\\+0000000012\\.json\\); time lag 3 s$`,
        ),
      );
      expect(r.out.slice(3)).to.deep.equal([
        `${geo}: no object under the topic's prefix; no lag data (MSK publishes it once the group has committed offsets)`,
        `${t.topics[2]}: no object under the topic's prefix; no lag data (MSK publishes it once the group has committed offsets)`,
      ]);
      connectorStates.set(t.connectorArn, "FAILED");
      const failed = await runMain([stack, "--watch"], p);
      expect(failed.code).to.equal(1);
      expect(failed.err).to.deep.equal([
        'verify: connector is FAILED: read its worker logs, then replace it (docs/operating.md, "What happens on failure")',
      ]);
    });

    it("bad input: unknown stack, stack not deployed, no outputs, no SSH key, no AWS credentials", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const stack = `it${TAG}e`;
      const cases: [object | undefined, string | undefined, string[], NodeJS.ProcessEnv, string][] = [
        [
          { verifyTarget: t },
          h.privateKey,
          ["staging"],
          {},
          `verify: unknown stack "staging": there is no Pulumi.staging.yaml (stacks: ${stack})`,
        ],
        [undefined, h.privateKey, [stack], {}, `verify: stack "${stack}" is not deployed in file://`],
        [
          {},
          h.privateKey,
          [stack],
          {},
          `verify: stack "${stack}" has no outputs: run \`npm run up -- ${stack}\` first`,
        ],
        [
          { verifyTarget: t },
          undefined,
          [stack],
          {},
          `verify: stack "${stack}" has no sshPrivateKey: set it with \`npm run pulumi -- config set --secret sshPrivateKey --stack ${stack} < key.pem\``,
        ],
        [
          { verifyTarget: t },
          h.privateKey,
          [stack],
          {
            AWS_ACCESS_KEY_ID: "",
            AWS_SECRET_ACCESS_KEY: "",
            AWS_PROFILE: "none",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_CONFIG_FILE: "/nonexistent",
          },
          "verify: no AWS credentials: ",
        ],
      ];
      for (const [outputs, key, argv, envPatch, expected] of cases) {
        const p = fakeProject(stack, outputs, key);
        const before = { ...process.env };
        Object.assign(process.env, envPatch);
        for (const [k, v] of Object.entries(envPatch)) if (v === "") delete process.env[k];
        try {
          const r = await runMain(argv, { ...p, env: { ...p.env, ...envPatch } });
          expect(r.code, expected).to.equal(1);
          expect(r.err, expected).to.have.length(1);
          expect(r.err[0].startsWith(expected), `${r.err[0]}\n  should start with\n${expected}`).to.equal(
            true,
          );
        } finally {
          process.env = before;
        }
      }
    });
  });
});
