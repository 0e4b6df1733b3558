import { expect } from "chai";
import { connectorProperties } from "../../lib/connector/properties";
import { PRESETS, PresetName } from "../../lib/connector/delivery";
import { formatPath, objectKeyMatcher, pathFormatPattern } from "../../lib/ops/objectKeys";
import { parseSent, produceCommand, RECORD_KEY, verifyRecord } from "../../lib/ops/produce";
import {
  clientProblem,
  configGetArgs,
  knownStacks,
  outputArgs,
  parseVerifyTarget,
  pulumiCommand,
  pulumiEnv,
  pulumiFailure,
  unknownStackProblem,
} from "../../lib/ops/stackOutputs";
import {
  defaultTimeoutSeconds,
  expectedLatencySeconds,
  latencyMessage,
  needsTicks,
  progressLine,
  summaryTable,
  timeoutMessage,
} from "../../lib/ops/verifyPlan";
import { DELIVERY_KEYS, VerifyTarget } from "../../lib/ops/verifyTarget";
import { parseArgs } from "../../scripts/verify/main";

const CLIENT = {
  host: "198.51.100.7",
  port: 22,
  user: "ec2-user",
  kafkaBinDir: "/home/ec2-user/kafka_2.12-2.8.1/bin",
  commandConfig: "client.properties",
  toolTimeoutSeconds: 120,
};

/** A target as the program exports it, for a preset. */
function target(preset: PresetName, overrides: Record<string, string> = {}): VerifyTarget {
  const props = connectorProperties({
    region: "eu-west-1",
    bucket: "b1",
    topics: ["t.pin", "t.geo"],
    preset,
    overrides,
  });
  return {
    region: "eu-west-1",
    bucket: "b1",
    topics: ["t.pin", "t.geo"],
    keyPrefixes: { "t.pin": "topics/t.pin/", "t.geo": "topics/t.geo/" },
    deliveryPreset: preset,
    deliveryProperties: Object.fromEntries(DELIVERY_KEYS.filter((k) => props[k]).map((k) => [k, props[k]])),
    bootstrapServers: "b-1:9098,b-2:9098",
    client: CLIENT,
  };
}

describe("verify: producing", () => {
  it("a record is one line of JSON naming the run, topic, sequence and send time", () => {
    expect(verifyRecord("r1", "t.pin", 2, new Date("2026-11-25T19:04:05.123Z"))).to.equal(
      '{"verify":"msk-s3-sink","run":"r1","topic":"t.pin","seq":2,"sentAt":"2026-11-25T19:04:05.123Z"}',
    );
  });

  it("the producer command: the walkthrough's console producer with client.properties, keyed records, bounded", () => {
    const cmd = produceCommand(CLIENT, "b-1:9098", [
      { topic: "t.pin", records: ['{"a":1}', "it's"] },
      { topic: "t.geo", records: ['{"b":2}'] },
    ]);
    expect(cmd).to.equal(
      [
        "set -eu",
        "cd '/home/ec2-user/kafka_2.12-2.8.1/bin'",
        `produce() { _t=$1; shift; printf '%s\\n' "$@" | timeout 120 ./kafka-console-producer.sh --bootstrap-server 'b-1:9098' --producer.config 'client.properties' --topic "$_t" --property parse.key=true --property 'key.separator=|' || { _rc=$?; [ "$_rc" != 124 ] || echo "kafka-console-producer.sh timed out after 120 s (client.toolTimeoutSeconds)" >&2; exit "$_rc"; }; echo "sent $# $_t"; }`,
        `produce 't.pin' '${RECORD_KEY}|{"a":1}' '${RECORD_KEY}|it'\\''s'`,
        `produce 't.geo' '${RECORD_KEY}|{"b":2}'`,
        "",
      ].join("\n"),
    );
  });

  it("reads the per-topic sent lines", () => {
    expect(parseSent("sent 3 t.pin\nnoise\nsent 3 t.geo\nsent 1 t.pin\n")).to.deep.equal({
      "t.pin": 4,
      "t.geo": 3,
    });
  });
});

describe("verify: object keys in the connector's layout", () => {
  it("DefaultPartitioner (walkthrough): topics/<topic>/partition=<n>/<topic>+<n>+<offset>.json", () => {
    const m = objectKeyMatcher("t.pin", "topics/t.pin/", target("walkthrough").deliveryProperties);
    expect(m("topics/t.pin/partition=0/t.pin+0+0000000042.json")).to.deep.equal({
      encodedPartition: "partition=0",
      kafkaPartition: 0,
      startOffset: 42,
    });
    for (const other of [
      "topics/t.pin/partition=0/t.geo+0+0000000042.json",
      "topics/t.pin/partition=0/t.pin+0+0000000042.avro",
      "topics/t.pin/year=2026/t.pin+0+0000000042.json",
      "topics/t.pinX/partition=0/t.pinX+0+0000000042.json",
      "kafka-connect-s3/plugin.zip",
    ])
      expect(m(other), other).to.equal(undefined);
  });

  for (const preset of ["balanced", "bulk"] as const)
    it(`TimeBasedPartitioner (${preset}): the hourly year=/month=/day=/hour= path of the record's time`, () => {
      const props = target(preset).deliveryProperties;
      const hour = formatPath(props["path.format"], new Date("2026-11-05T09:59:59Z"));
      expect(hour).to.equal("year=2026/month=11/day=05/hour=09");
      const m = objectKeyMatcher("t.geo", "topics/t.geo/", props);
      expect(m(`topics/t.geo/${hour}/t.geo+2+0000100000.json`)).to.deep.equal({
        encodedPartition: hour,
        kafkaPartition: 2,
        startOffset: 100000,
      });
      expect(m("topics/t.geo/partition=2/t.geo+2+0000100000.json")).to.equal(undefined);
    });

  it("path.format to a pattern: quoted literals, digit fields, other letters as one segment", () => {
    expect(pathFormatPattern("'dt'=YYYY-MM-dd/'h'=HH")).to.equal("dt=\\d{4}-\\d{2}-\\d{2}\\/h=\\d{2}");
    expect(pathFormatPattern("'x'=EEE")).to.equal("x=[^/]+");
  });

  it("gzip-compressed JSON ends in .json.gz; topics.dir and delimiters follow the properties", () => {
    const props = {
      ...target("walkthrough").deliveryProperties,
      "s3.compression.type": "gzip",
      "file.delim": "-",
    };
    const m = objectKeyMatcher("t.pin", "raw/t.pin/", props);
    expect(m("raw/t.pin/partition=1/t.pin-1-0000000000.json.gz")?.kafkaPartition).to.equal(1);
    expect(m("raw/t.pin/partition=1/t.pin-1-0000000000.json")).to.equal(undefined);
  });
});

describe("verify: expected latency and messages", () => {
  it("walkthrough writes per record: no ticks, 0 s expected, 120 s default timeout", () => {
    const t = target("walkthrough");
    expect([needsTicks(t), expectedLatencySeconds(t), defaultTimeoutSeconds(t)]).to.deep.equal([
      false,
      0,
      120,
    ]);
    expect(latencyMessage(t, 120)).to.equal(
      "preset walkthrough: an object closes with every record (flush.size=1); expect objects within about 0 s (waiting up to 120 s)",
    );
  });

  it("bulk waits minutes: ticks every 30 s, 240 s rotation + one 30 s gap expected, and says so", () => {
    const t = target("bulk");
    expect([needsTicks(t), expectedLatencySeconds(t), defaultTimeoutSeconds(t)]).to.deep.equal([
      true,
      270,
      390,
    ]);
    expect(latencyMessage(t, 390)).to.equal(
      "preset bulk: an object closes 240 s of record time after its first record (rotate.interval.ms=240000) or at 100000 records (flush.size); " +
        "verify sends one more record per topic every 30 s so that record time moves on; expect objects within about 270 s (waiting up to 390 s)",
    );
  });

  it("balanced: 60 s rotation + 30 s gap", () => {
    expect(expectedLatencySeconds(target("balanced"))).to.equal(90);
    expect(PRESETS.map((p) => defaultTimeoutSeconds(target(p)))).to.deep.equal([120, 210, 390]);
  });

  it("an unestimable partitioner waits 15 minutes and says the latency is unknown", () => {
    const t = target("walkthrough", {
      "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
      "partition.field.name": "country",
      "flush.size": "10",
    });
    expect([expectedLatencySeconds(t), defaultTimeoutSeconds(t)]).to.deep.equal([undefined, 900]);
    expect(latencyMessage(t, 900)).to.include("its latency cannot be estimated (waiting up to 900 s)");
  });

  it("progress, summary and the timeout reason", () => {
    const rows = [
      { topic: "t.pin", sent: 3, objects: 3, firstObjectSeconds: 4.26 },
      { topic: "t.geo", sent: 5, objects: 0 },
    ];
    expect(progressLine(35.4, rows)).to.equal("[  35 s] t.pin: 3 objects ✓ · t.geo: 0 objects");
    expect(summaryTable(rows)).to.equal(
      [
        "topic  records sent  objects found  seconds from send to object",
        "t.pin  3             3              4.3",
        "t.geo  5             0              -",
      ].join("\n"),
    );
    expect(timeoutMessage(target("bulk"), 390, ["t.geo"])).to.equal(
      "timed out after 390 s: no new object under s3://b1/topics/t.geo/; preset bulk: its expected latency for this traffic is about 270 s. " +
        "Check that the connector is RUNNING, its worker logs, and the consumer lag (dashboard); wait longer with --timeout <seconds>",
    );
  });
});

describe("verify: stack outputs and bad input", () => {
  it("reads the stack with scripts/pulumi.sh's backend rule and CLI choice", () => {
    expect(pulumiEnv({ HOME: "/h" }, "/repo")).to.deep.equal({
      HOME: "/h",
      PULUMI_BACKEND_URL: "file:///repo/.pulumi-state",
    });
    expect(pulumiEnv({ PULUMI_BACKEND_URL: "s3://state" }, "/repo").PULUMI_BACKEND_URL).to.equal(
      "s3://state",
    );
    expect(pulumiCommand("/usr/local/bin/pulumi")).to.deep.equal({ file: "/usr/local/bin/pulumi", args: [] });
    expect(pulumiCommand(undefined)).to.deep.equal({ file: "npx", args: ["--no-install", "pulumi"] });
    expect(outputArgs("dev")).to.deep.equal(["stack", "output", "--json", "--stack", "dev"]);
    expect(configGetArgs("dev", "sshPrivateKey")).to.deep.equal([
      "config",
      "get",
      "sshPrivateKey",
      "--stack",
      "dev",
    ]);
  });

  it("unknown stack: named with the stacks there are", () => {
    const stacks = knownStacks(["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "README.md"]);
    expect(stacks).to.deep.equal(["dev", "prod"]);
    expect(unknownStackProblem("dev", stacks)).to.equal(undefined);
    expect(unknownStackProblem("staging", stacks)).to.equal(
      'unknown stack "staging": there is no Pulumi.staging.yaml (stacks: dev, prod)',
    );
  });

  it("the CLI's errors, said for the user (texts observed from pulumi 3.274)", () => {
    expect(pulumiFailure("error: no stack named 'dev' found\n", "dev", "file:///r/.pulumi-state")).to.equal(
      "stack \"dev\" is not deployed in file:///r/.pulumi-state: run `npm run up -- dev` first, or set PULUMI_BACKEND_URL to where it lives (error: no stack named 'dev' found)",
    );
    expect(pulumiFailure("error: incorrect passphrase\n", "dev", "b")).to.match(
      /^cannot decrypt stack "dev": set PULUMI_CONFIG_PASSPHRASE/,
    );
    expect(pulumiFailure("boom\n", "dev", "b")).to.equal('pulumi failed for stack "dev": boom');
    expect(
      pulumiFailure("error: configuration key 'sshPrivateKey' not found for stack 'dev'\n", "dev", "b"),
    ).to.equal(
      'stack "dev" has no sshPrivateKey: set it with `npm run pulumi -- config set --secret sshPrivateKey --stack dev < key.pem`',
    );
  });

  it("missing outputs: none at all, no verifyTarget, or an incomplete one", () => {
    expect(() => parseVerifyTarget("{}", "dev")).to.throw(
      'stack "dev" has no outputs: run `npm run up -- dev` first',
    );
    expect(() => parseVerifyTarget('{"bucketName":"b"}', "dev")).to.throw(
      'stack "dev" has no verifyTarget output (it has bucketName): run `npm run up -- dev` with this version of the program',
    );
    expect(() => parseVerifyTarget('{"verifyTarget":{"region":"r"}}', "dev")).to.throw(
      'stack "dev": verifyTarget lacks bucket, topics, keyPrefixes, deliveryPreset, deliveryProperties, bootstrapServers',
    );
    expect(() => parseVerifyTarget("not json", "dev")).to.throw(
      'pulumi stack output for "dev" is not JSON: not json',
    );
    const t = target("bulk");
    expect(parseVerifyTarget(JSON.stringify({ verifyTarget: t }), "dev")).to.deep.equal(t);
  });

  it("a stack with no EC2 client is refused with what to set", () => {
    const { client: _c, ...noClient } = target("bulk");
    expect(clientProblem(noClient, "prod")).to.equal(
      'stack "prod" names no EC2 client: verify produces records through it over SSH; set client.host (or client.instanceId / client.instanceName) and sshPrivateKey, then `npm run up -- prod`',
    );
    expect(clientProblem(target("bulk"), "prod")).to.equal(undefined);
  });

  it("arguments: a stack, then --timeout and --poll in seconds", () => {
    expect(parseArgs(["dev"])).to.deep.equal({ stack: "dev", pollSeconds: 5 });
    expect(parseArgs(["prod", "--timeout", "600", "--poll", "2"])).to.deep.equal({
      stack: "prod",
      timeoutSeconds: 600,
      pollSeconds: 2,
    });
    expect(() => parseArgs([])).to.throw(
      "usage: npm run verify -- <stack> [--timeout <seconds>] [--poll <seconds>]",
    );
    expect(() => parseArgs(["dev", "--timeout", "soon"])).to.throw(
      "--timeout takes a whole number of seconds ≥ 1",
    );
    expect(() => parseArgs(["dev", "prod"])).to.throw("unexpected argument prod");
  });
});
