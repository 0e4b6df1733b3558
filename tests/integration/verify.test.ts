/**
 * `npm run verify` for real: the producing half through the walkthrough's Kafka 2.8.1 console producer
 * over real sshd into the real broker; the S3 half against moto's S3 server with objects in the
 * connector's key layouts; and the whole command (scripts/verify/main.ts) with both. Only two things
 * are stand-ins, said where they are: the Pulumi CLI (a script that answers `stack output` and
 * `config get` as the real CLI does, since the CLI cannot deploy here) and the connector's S3 upload.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { parseStackConfig } from "../../lib/config/settings";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import { formatPath, objectKeyMatcher } from "../../lib/ops/objectKeys";
import { parseSent, produceCommand, RECORD_KEY, verifyRecord } from "../../lib/ops/produce";
import { VerifyError } from "../../lib/ops/stackOutputs";
import { verifyTarget, VerifyTarget } from "../../lib/ops/verifyTarget";
import { main } from "../../scripts/verify/main";
import { objectsSince, runRecordsIn } from "../../scripts/verify/s3";
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

describe("integration: npm run verify (2.8.1 producer over real SSH, moto's S3 server)", function () {
  let h: Harness;
  let s3server: S3Server;
  let s3: S3Client;
  const saved = { ...process.env };

  before(async function () {
    this.timeout(240_000);
    const layout = requirePrerequisites(this);
    h = await Harness.start(layout);
    s3server = await S3Server.start(layout, h.dir);
    Object.assign(process.env, AWS_ENV, { AWS_ENDPOINT_URL_S3: s3server.endpoint });
    s3 = new S3Client({ region: "us-east-1" });
  });

  after(async function () {
    this.timeout(60_000);
    process.env = saved;
    await s3server?.stop();
    await h?.stop();
  });

  /** A stack of topics on the real broker with the 2.8.1 tools, and the verifyTarget the program would export for it. */
  async function stackWithTopics(id: string, preset = "walkthrough", partitions = 3) {
    const raw = { ...rawConfig(id, h, h.tools("2.8.1"), { partitions }), deliveryPreset: preset };
    const c = stackCommands(raw, h.bootstrapServers);
    const created = await h.ssh(c.create, { target: c.target });
    expect(created.code, created.stderr).to.equal(0);
    const s = parseStackConfig(raw, STACK);
    const props = connectorProperties(sinkTargetOf(s));
    return verifyTarget(s, props, h.bootstrapServers, s.client.host);
  }

  /** Reads a topic with today's console consumer run directly as root (independent of the path under test). */
  async function consume(topic: string, n: number): Promise<string[]> {
    const cp = `${h.layout.brokerJars}/*`;
    const args = ["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp];
    const tool = [
      "org.apache.kafka.tools.consumer.ConsoleConsumer",
      "--bootstrap-server",
      h.bootstrapServers,
    ];
    const opts = ["--topic", topic, "--from-beginning", "--max-messages", String(n), "--timeout-ms", "60000"];
    const props = ["--property", "print.key=true", "--property", "print.partition=true"];
    const r = await run("java", [...args, ...tool, ...opts, ...props], { timeoutMs: 120_000 });
    return r.stdout.split("\n").filter((l) => l.startsWith("Partition:"));
  }

  describe("producing half", () => {
    it("sends keyed JSON records to every topic with kafka-console-producer.sh 2.8.1 and client.properties; the broker holds them on one partition", async function () {
      this.timeout(300_000);
      const t = await stackWithTopics(newId());
      const records = (topic: string) => [1, 2, 3].map((n) => verifyRecord("run1", topic, n, new Date(0)));
      const batches = t.topics.map((topic) => ({ topic, records: records(topic) }));
      const r = await sshExec(
        t.client!,
        h.privateKey,
        produceCommand(t.client!, t.bootstrapServers, batches),
        240_000,
      );
      expect(r.code, r.stderr).to.equal(0);
      expect(parseSent(r.stdout)).to.deep.equal(Object.fromEntries(t.topics.map((x) => [x, 3])));
      for (const topic of t.topics) {
        const lines = await consume(topic, 3);
        const partitions = new Set(lines.map((l) => l.split("\t")[0]));
        expect(partitions.size, lines.join("\n")).to.equal(1);
        expect(lines.map((l) => l.split("\t").slice(1).join("\t"))).to.deep.equal(
          records(topic).map((v) => `${RECORD_KEY}\t${v}`),
        );
      }
    });

    it("a broker that does not answer: the producer is cut at client.toolTimeoutSeconds, and says so", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      const client = { ...t.client!, toolTimeoutSeconds: 10 };
      const dead = `127.0.0.1:${await freePort()}`;
      const cmd = produceCommand(client, dead, [{ topic: t.topics[0], records: ['{"a":1}'] }]);
      const r = await sshExec(client, h.privateKey, cmd, 90_000);
      expect(r.code).to.equal(124);
      expect(r.stderr).to.include(
        "kafka-console-producer.sh timed out after 10 s (client.toolTimeoutSeconds)",
      );
    });

    it("an unreachable client fails within seconds, naming it", async function () {
      this.timeout(60_000);
      const port = await freePort();
      const client = { ...h.sshTarget, port, kafkaBinDir: "/x", commandConfig: "c", toolTimeoutSeconds: 5 };
      const started = Date.now();
      const e = await sshExec(client, h.privateKey, "true", 30_000).catch((x: unknown) => x);
      expect(e).to.be.instanceOf(VerifyError);
      expect((e as Error).message).to.match(
        new RegExp(
          `^cannot reach the EC2 client kafkait@127\\.0\\.0\\.1:${port} over SSH: connect ECONNREFUSED`,
        ),
      );
      expect(Date.now() - started).to.be.below(10_000);
    });
  });

  /** What the connector would upload for `records` of `topic` in its key layout (walkthrough or time-based). */
  function connectorKey(t: VerifyTarget, topic: string, partition: number, offset: number, at: Date): string {
    const p = t.deliveryProperties;
    const encoded = p["path.format"] ? formatPath(p["path.format"], at) : `partition=${partition}`;
    const gz = p["s3.compression.type"] === "gzip" ? ".gz" : "";
    return `${t.keyPrefixes[topic]}${encoded}/${topic}+${partition}+${String(offset).padStart(10, "0")}.json${gz}`;
  }
  const put = (bucket: string, key: string, body: string) =>
    s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: key.endsWith(".gz") ? gzipSync(body) : body }),
    );

  describe("S3 half", () => {
    for (const preset of ["walkthrough", "bulk"])
      it(`${preset}: finds only connector objects newer than the start, in the preset's key layout, and this run's records in them`, async function () {
        this.timeout(60_000);
        const id = newId();
        const t = verifyTarget(
          parseStackConfig(
            {
              userId: id,
              topicManagement: "msk-api",
              topics: { partitions: 1, replicationFactor: 1 },
              deliveryPreset: preset,
              connector: { properties: preset === "bulk" ? { "s3.compression.type": "gzip" } : {} },
            },
            STACK,
          ),
          connectorProperties({
            region: "us-east-1",
            bucket: `user-${id}-bucket`,
            topics: [`${id}.pin`, `${id}.geo`, `${id}.user`],
            preset: preset as "walkthrough",
            overrides: preset === "bulk" ? { "s3.compression.type": "gzip" } : {},
          }),
          "unused:9098",
          undefined,
        );
        await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
        const [topic] = t.topics;
        const lines = (run: string, n: number) =>
          Array.from({ length: n }, (_, i) => verifyRecord(run, topic, i, new Date())).join("\n") + "\n";
        await put(t.bucket, connectorKey(t, topic, 0, 0, new Date()), lines("old", 1));
        await new Promise((r) => setTimeout(r, 2100));
        const start = new Date(Math.floor(Date.now() / 1000) * 1000);
        const fresh = connectorKey(t, topic, 0, 1, new Date());
        await put(t.bucket, fresh, lines("r42", 2) + lines("other", 1));
        await put(t.bucket, `${t.keyPrefixes[topic]}notes.txt`, "not the connector's");
        await put(t.bucket, "kafka-connect-s3/confluentinc-kafka-connect-s3-10.0.3.zip", "zip");
        const match = objectKeyMatcher(topic, t.keyPrefixes[topic], t.deliveryProperties);
        const found = await objectsSince(
          s3,
          t.bucket,
          t.keyPrefixes[topic],
          start,
          (k) => match(k) !== undefined,
        );
        expect(found.map((f) => f.key)).to.deep.equal([fresh]);
        expect(await runRecordsIn(s3, t.bucket, fresh, "r42")).to.equal(2);
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
      // Messages as pulumi 3.274 prints them (observed with the CLI built from the Go module proxy).
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
      return {
        dir,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
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
      return { code, out, err };
    }

    it("healthy: records in through the EC2 client, objects out in S3; prints progress and the per-topic summary", async function () {
      this.timeout(300_000);
      const stack = `it${TAG}a`;
      const t = await stackWithTopics(newId());
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const p = fakeProject(stack, { bucketName: t.bucket, verifyTarget: t }, h.privateKey);
      // Stand-in for the connector's S3 upload: once verify has sent, write each topic's object.
      let run = "";
      const uploads: Promise<unknown>[] = [];
      const r = await runMain([stack, "--poll", "1"], p, (l) => {
        run ||= /; run ([0-9a-f]+)$/.exec(l)?.[1] ?? "";
        if (l.startsWith("sent: "))
          t.topics.forEach((topic, i) =>
            uploads.push(
              put(
                t.bucket,
                connectorKey(t, topic, 1, i, new Date()),
                verifyRecord(run, topic, i, new Date()) + "\n",
              ),
            ),
          );
      });
      await Promise.all(uploads);
      console.log(`    --- npm run verify -- ${stack}\n${r.out.map((l) => `    ${l}`).join("\n")}`);
      expect(r.err).to.deep.equal([]);
      expect(r.code).to.equal(0);
      expect(r.out[0]).to.equal(`verify ${stack}: 3 topics → s3://${t.bucket} (us-east-1); run ${run}`);
      expect(r.out[1]).to.equal(
        "preset walkthrough: an object closes with every record (flush.size=1); expect objects within about 0 s (waiting up to 120 s)",
      );
      expect(r.out).to.include(`sent: ${t.topics.map((x) => `${x} 3`).join(", ")}`);
      expect(r.out.at(-1)).to.equal(`OK: every topic reached s3://${t.bucket}`);
      const table = r.out.at(-2)!.split("\n");
      const width = Math.max(...t.topics.map((x) => x.length));
      expect(table[0]).to.equal(
        `${"topic".padEnd(width)}  records sent  objects found  seconds from send to object`,
      );
      for (const [i, topic] of t.topics.entries())
        expect(table[i + 1]).to.match(new RegExp(`^${topic.replace(/\./g, "\\.")} +3 +1 +\\d+\\.\\d$`));
      expect(p.calls()).to.equal(
        `stack output --json --stack ${stack} | file://${p.dir}/.pulumi-state\nconfig get sshPrivateKey --stack ${stack} | file://${p.dir}/.pulumi-state\n`,
      );
    });

    it("unhealthy: nothing reaches S3; exits 1 on the timeout with the preset's expected latency", async function () {
      this.timeout(300_000);
      const stack = `it${TAG}b`;
      const t = await stackWithTopics(newId());
      await s3.send(new CreateBucketCommand({ Bucket: t.bucket }));
      const r = await runMain(
        [stack, "--timeout", "8", "--poll", "2"],
        fakeProject(stack, { verifyTarget: t }, h.privateKey),
      );
      console.log(
        `    --- npm run verify -- ${stack} --timeout 8\n${[...r.out, ...r.err].map((l) => `    ${l}`).join("\n")}`,
      );
      expect(r.code).to.equal(1);
      expect(r.err).to.deep.equal([
        `verify: timed out after 8 s: no new object under ${t.topics.map((x) => `s3://${t.bucket}/topics/${x}/`).join(", ")}; ` +
          "preset walkthrough: its expected latency for this traffic is about 0 s. Check that the connector is RUNNING, its worker logs, and the consumer lag (dashboard); wait longer with --timeout <seconds>",
      ]);
    });

    it("bad input: unknown stack, stack not deployed, no outputs, no EC2 client, no SSH key, no AWS credentials", async function () {
      this.timeout(120_000);
      const t = await stackWithTopics(newId());
      const stack = `it${TAG}c`;
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
          { verifyTarget: { ...t, client: undefined } },
          h.privateKey,
          [stack],
          {},
          `verify: stack "${stack}" names no EC2 client`,
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
