/**
 * The docs' commands for the bucket and the EC2 client, taken from the docs and run as written (placeholders
 * filled) against the harness: the README's `aws configure` and the stack output's `aws s3 ls` with the AWS
 * CLI against moto's S3; Troubleshooting's `ssh -i …` by hand against the real sshd; and the consumer-group
 * delete of "Re-reading a topic from the start" with the walkthrough's 2.8.1 tools on the real broker over
 * real SSH.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseStackConfig } from "../../lib/stackSettings";
import { connectorProperties, sinkTargetOf, topicPrefixes } from "../../lib/connector/properties";
import { s3ListCommand } from "../../lib/ops/console";
import { readmeInline } from "../engine/readme";
import { rawConfig, stackCommands, STACK } from "./commands";
import { Harness, requirePrerequisites, run } from "./harness";
import { S3Server } from "./s3Server";

const ID = `op${crypto.randomBytes(3).toString("hex")}`;
/** AWS's documented example credentials (AWS CLI User Guide, "Configuration basics"). */
const KEYS = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"];

describe("integration: the docs' commands for the bucket and the EC2 client", function () {
  let h: Harness;
  let moto: S3Server;
  let home: string;
  /** A user's shell: its own HOME, the AWS CLI on PATH. */
  let shell: (
    command: string,
    opts?: { input?: string; env?: NodeJS.ProcessEnv; as?: string },
  ) => {
    code: number | null;
    out: string;
    err: string;
  };

  before(async function () {
    this.timeout(240_000);
    const layout = requirePrerequisites(this);
    h = await Harness.start(layout);
    moto = await S3Server.start(layout, h.dir);
    home = fs.mkdtempSync(path.join(os.tmpdir(), "msk-s3-sink-user-"));
    const PATH = `${path.dirname(layout.awsCli)}:${process.env.PATH}`;
    shell = (command, opts = {}) => {
      const argv = opts.as
        ? ["runuser", "-u", opts.as, "--", "bash", "-c", command]
        : ["bash", "-c", command];
      const r = spawnSync(argv[0], argv.slice(1), {
        env: { PATH, HOME: home, LANG: "C.UTF-8", ...opts.env },
        input: opts.input ?? "",
        encoding: "utf8",
        timeout: 120_000,
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
  });

  after(async function () {
    this.timeout(60_000);
    await moto?.stop();
    await h?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("aws configure, answered as a user does, keeps the keys and region; the stack's aws s3 ls lists a topic's objects with them", async () => {
    const configure = readmeInline("## Prerequisites", /^aws configure$/);
    const configured = shell(configure, { input: `${KEYS[0]}\n${KEYS[1]}\nus-east-1\n\n` });
    expect(configured.code, configured.err).to.equal(0);
    const aws = path.join(home, ".aws");
    expect(fs.readFileSync(path.join(aws, "credentials"), "utf8")).to.equal(
      `[default]\naws_access_key_id = ${KEYS[0]}\naws_secret_access_key = ${KEYS[1]}\n`,
    );
    expect(fs.readFileSync(path.join(aws, "config"), "utf8")).to.equal("[default]\nregion = us-east-1\n");

    // The walkthrough's world on the program's own rules: bucket, topics and the connector's topics.dir.
    const s = parseStackConfig(rawConfig(ID, h, h.tools("2.8.1"), {}), STACK);
    const [pin, geo] = s.topics.names;
    const prefixes = topicPrefixes(s.bucket.name, connectorProperties(sinkTargetOf(s)), s.topics.names);
    const s3 = new S3Client({
      region: s.region,
      endpoint: moto.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: KEYS[0], secretAccessKey: KEYS[1] },
    });
    await s3.send(new CreateBucketCommand({ Bucket: s.bucket.name }));
    // Keys as the connector writes them: <topics.dir>/<topic>/partition=<n>/<topic>+<n>+<start offset>.json.
    const keys = [
      `${pin}/partition=0/${pin}+0+0000000000.json`,
      `${pin}/partition=1/${pin}+1+0000000007.json`,
    ];
    for (const key of [...keys, `${geo}/partition=0/${geo}+0+0000000000.json`])
      await s3.send(new PutObjectCommand({ Bucket: s.bucket.name, Key: `topics/${key}`, Body: '"x"\n' }));

    const fill = { region: s.region, bucket: s.bucket.name, topic: pin };
    const list = readmeInline("## Operating it: alarms, dashboard, verify", /^aws s3 ls /, fill);
    expect(list).to.equal(s3ListCommand(s.region, prefixes[pin]));
    // The one difference from AWS: the endpoint, through the AWS CLI's standard variable (botocore's
    // "configured endpoints"); credentials and region come from what `aws configure` wrote.
    const listed = shell(list, { env: { AWS_ENDPOINT_URL_S3: moto.endpoint } });
    expect(listed.code, listed.err).to.equal(0);
    const rows = listed.out.trimEnd().split("\n");
    expect(rows.map((r) => r.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +/, ""))).to.deep.equal(
      keys.map((k) => `4 topics/${k}`),
    );
  });

  it("Re-reading a topic: the docs' kafka-consumer-groups.sh --delete, in the 2.8.1 bin folder over SSH, removes connect-<connector name>", async () => {
    const raw = rawConfig(`${ID}-g`, h, h.tools("2.8.1"), {});
    const c = stackCommands(raw, h.bootstrapServers);
    expect((await h.ssh(c.create, { target: c.target })).code).to.equal(0);
    // The sink's consumer group: Kafka Connect names it connect-<connector name>
    // (connect/runtime/src/main/java/org/apache/kafka/connect/util/SinkUtils.java, consumerGroupId).
    const group = `connect-${c.settings.connector.name}`;
    const groups = async (...args: string[]) => {
      const cp = `${h.layout.brokerJars}/*`;
      const jvm = ["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp];
      const tool = ["org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server"];
      return run("java", [...jvm, ...tool, h.bootstrapServers, ...args], { timeoutMs: 120_000 });
    };
    // Offsets committed for the group, as a sink that has written to S3 leaves them (today's tools, as root).
    const topic = c.settings.topics.names[0];
    const reset = await groups(
      "--group",
      group,
      "--topic",
      topic,
      "--reset-offsets",
      "--to-earliest",
      "--execute",
    );
    expect(reset.code, reset.stderr).to.equal(0);
    expect((await groups("--list")).stdout.split("\n")).to.include(group);

    const remove = readmeInline("## What happens on failure", /^\.\/kafka-consumer-groups\.sh /, {
      "bootstrap servers": h.bootstrapServers,
      "connector name": c.settings.connector.name,
    });
    const r = await h.ssh(`cd ${h.tools("2.8.1").binDir} && ${remove}`);
    expect([r.code, r.stdout], r.stderr).to.deep.equal([
      0,
      `Deletion of requested consumer groups ('${group}') was successful.\n`,
    ]);
    expect((await groups("--list")).stdout.split("\n")).to.not.include(group);
  });

  it("Troubleshooting: ssh -i <key file> -p <client.port> <client.user>@<client.host> logs in to the client's shell; another key is refused", () => {
    const { user } = h.layout;
    const known = path.join(h.layout.home, ".ssh", "known_hosts");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "msk-s3-sink-ssh-"));
    const [right, wrong] = [path.join(dir, "right.pem"), path.join(dir, "wrong.pem")];
    fs.writeFileSync(right, h.privateKey, { mode: 0o600 });
    spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", wrong]);
    for (const f of [dir, right, wrong]) spawnSync("chown", [user, f]);
    // The host key, as a user's first `yes` records it (OpenSSH reads known_hosts from the passwd home, not
    // $HOME: the test user's here, and the line is taken out again below).
    const hostKey = shell(`ssh-keyscan -p ${h.sshPort} 127.0.0.1`).out;
    fs.appendFileSync(known, hostKey);
    try {
      const fill = { "client.port": String(h.sshPort), "client.user": user, "client.host": "127.0.0.1" };
      const byHand = (key: string) =>
        readmeInline("## Troubleshooting", /^ssh -i /, { "key file": key, ...fill });
      const typed = "ls ~/kafka_2.12-2.8.1/bin\n";
      const inside = shell(byHand(right), { as: user, input: typed });
      expect(inside.code, inside.err).to.equal(0);
      expect(inside.out.split("\n")).to.include.members(["kafka-topics.sh", "client.properties"]);
      const refused = shell(byHand(wrong), { as: user, input: typed });
      const said = refused.err.trim().split(/\r?\n/);
      expect([refused.code, said[said.length - 1]]).to.deep.equal([
        255,
        `${user}@127.0.0.1: Permission denied (publickey).`,
      ]);
    } finally {
      const kept = fs
        .readFileSync(known, "utf8")
        .split("\n")
        .filter((l) => l && !hostKey.includes(l));
      if (kept.length === 0) fs.rmSync(known);
      else fs.writeFileSync(known, kept.map((l) => `${l}\n`).join(""));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
