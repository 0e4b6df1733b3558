import { expect } from "chai";
import { connectorProperties } from "../../lib/connector/properties";
import { ClusterKind, PRESETS, PresetName } from "../../lib/config/enums";
import {
  formatPath,
  listingsFor,
  recentPrefixes,
  startOffsetOf,
  verifyProblem,
} from "../../lib/ops/objectKeys";
import { isRunLine, newRunMarker, parseSends, produceCommand, sendProblem } from "../../lib/ops/produce";
import {
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
  mustBeWritten,
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
    connectorArn: "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/t-connector/0b1c2d3e-4",
    consumerGroup: "connect-t-connector",
    clusterName: "pinterest-msk-cluster",
    clusterKind: ClusterKind.Provisioned,
  };
}

const at = (iso: string) => new Date(iso).getTime();

describe("verify: producing with kafka-verifiable-producer.sh", () => {
  it("one bash command: per topic the tool with client.properties plus timeouts, keyed records, acks=all, bounded", () => {
    const cmd = produceCommand(CLIENT, "b-1:9098", ["t.pin", "t.geo"], 4711042, 2);
    const tool = (t: string) =>
      `timeout 120 ./kafka-verifiable-producer.sh --bootstrap-server '\\''b-1:9098'\\'' ` +
      `--producer.config <(cat '\\''client.properties'\\'' && printf '\\''max.block.ms=10000\\nrequest.timeout.ms=10000\\ndelivery.timeout.ms=15000\\n'\\'') ` +
      `--topic '\\''${t}'\\'' --max-messages 2 --acks -1 --value-prefix 4711042 --repeating-keys 1 || echo "exit $? ${t}" >&2`;
    expect(cmd).to.equal(
      `bash -c 'cd '\\''/home/ec2-user/kafka_2.12-2.8.1/bin'\\'' || exit\n${tool("t.pin")}\n${tool("t.geo")}'`,
    );
  });

  // Lines as kafka-verifiable-producer.sh 2.8.1 printed them against the harness broker.
  const OUTPUT = [
    '{"timestamp":1796314509381,"name":"startup_complete"}',
    '{"timestamp":1796314509567,"name":"producer_send_success","key":"0","value":"1234567.0","offset":0,"topic":"t1","partition":2}',
    '{"timestamp":1796314509570,"name":"producer_send_success","key":"0","value":"1234567.1","offset":1,"topic":"t1","partition":2}',
    "[2026-12-03 16:15:06,554] WARN a log line on stdout is skipped",
    '{"timestamp":1796314515188,"name":"producer_send_error","topic":"nosuch","key":"0","value":"1234567.0","exception":"class org.apache.kafka.common.errors.TimeoutException","message":"Topic nosuch not present in metadata after 5000 ms."}',
    '{"timestamp":1796314509578,"name":"tool_data","sent":3,"acked":3,"target_throughput":-1,"avg_throughput":15.07537688442211}',
  ].join("\n");

  it("reads acknowledgements (partition, offset, time) and refusals per topic from the tool's JSON lines", () => {
    expect(parseSends(OUTPUT, ["t1", "nosuch"])).to.deep.equal({
      t1: {
        acks: [
          { partition: 2, offset: 0, timestamp: 1796314509567 },
          { partition: 2, offset: 1, timestamp: 1796314509570 },
        ],
        errors: [],
      },
      nosuch: {
        acks: [],
        errors: [
          "org.apache.kafka.common.errors.TimeoutException: Topic nosuch not present in metadata after 5000 ms.",
        ],
      },
    });
  });

  it("a missing topic and a refused principal are said as such; no refusal, no problem", () => {
    const sends = parseSends(OUTPUT, ["t1", "nosuch"]);
    expect(sendProblem("t1", sends.t1, "ec2-user@h:22")).to.equal(undefined);
    expect(sendProblem("nosuch", sends.nosuch, "ec2-user@h:22")).to.equal(
      "topic nosuch does not exist on the cluster, or the client may not describe it (1 of 1 records refused: " +
        "org.apache.kafka.common.errors.TimeoutException: Topic nosuch not present in metadata after 5000 ms.): run `npm run up` to create it",
    );
    const denied = {
      acks: [],
      errors: [
        "org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [t1]",
      ],
    };
    expect(sendProblem("t1", denied, "ec2-user@h:22")).to.equal(
      "not authorized to write to topic t1 (1 of 1 records refused: org.apache.kafka.common.errors.TopicAuthorizationException: " +
        "Not authorized to access topics: [t1]): grant the EC2 client's principal kafka-cluster:Connect, DescribeTopic and WriteData on it",
    );
  });

  it("the run marker is seven digits; object lines carry it as a JSON number or string", () => {
    expect([newRunMarker(() => 0), newRunMarker(() => 0.9999999)]).to.deep.equal([1000000, 9999999]);
    expect(
      ["4711042.0", "4711042.13", '"4711042.1"', " 4711042.2\r"].map((l) => isRunLine(l, 4711042)),
    ).to.deep.equal([true, true, true, true]);
    expect(
      ["14711042.0", "4711042.1x", '"4711042.1', "4711042", '{"v":4711042.1}'].map((l) =>
        isRunLine(l, 4711042),
      ),
    ).to.deep.equal([false, false, false, false, false]);
  });
});

describe("verify: which keys can hold this run's records", () => {
  // Keys in the connector's documented layout, <topics.dir>/<topic>/partition=<n>/<topic>+<n>+<start offset, 10 digits>.<ext>
  // (kafka-connect-s3 10.0.3 BaseConnectorIT: "topics/s3_topic/partition=97/s3_topic+97+0000000001.avro").
  const WALKTHROUGH_KEYS = [
    "topics/t.pin/partition=1/t.pin+1+0000000009.json",
    "topics/t.pin/partition=1/t.pin+1+0000000040.json",
    "topics/t.pin/partition=1/t.pin+1+0000000041.json",
    "topics/t.pin/partition=1/t.pin+1+0000000042.json",
    "topics/t.pin/partition=1/t.pin+1+0000000043.json",
    "topics/t.pin/partition=1/t.pin+1+0000000100.json",
  ];

  it("walkthrough (flush.size=1): one listing per partition, StartAfter just before the first acknowledged offset", () => {
    const acks = [
      { partition: 1, offset: 41, timestamp: at("2026-11-05T09:30:00Z") },
      { partition: 1, offset: 43, timestamp: at("2026-11-05T09:30:01Z") },
    ];
    const [l, ...more] = listingsFor(target("walkthrough"), "t.pin", acks, at("2026-11-05T09:31:00Z"));
    expect(more).to.deep.equal([]);
    expect(l).to.deep.equal({
      prefix: "topics/t.pin/partition=1/t.pin+1+",
      startAfter: "topics/t.pin/partition=1/t.pin+1+0000000041",
      lastOffset: 43,
    });
    // What S3 returns after StartAfter (lexicographic order), and what verify keeps (start offset ≤ lastOffset).
    const listed = WALKTHROUGH_KEYS.filter((k) => k > l.startAfter);
    expect(listed.map((k) => startOffsetOf(k, l.prefix))).to.deep.equal([41, 42, 43, 100]);
  });

  // Time-based keys: path.format "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH" gives Hive-style hour directories.
  const BULK_KEYS = [
    "topics/t.geo/year=2026/month=11/day=05/hour=09/t.geo+0+0000100000.json",
    "topics/t.geo/year=2026/month=11/day=05/hour=10/t.geo+0+0000100007.json",
  ];

  it("bulk (hourly, flush.size=100000): the hour directories of the records' times, from first − flush.size + 1", () => {
    const acks = [
      { partition: 0, offset: 100005, timestamp: at("2026-11-05T09:59:30Z") },
      { partition: 0, offset: 100007, timestamp: at("2026-11-05T10:00:30Z") },
    ];
    const ls = listingsFor(target("bulk"), "t.geo", acks, at("2026-11-05T10:01:00Z"));
    expect(ls).to.deep.equal([
      {
        prefix: "topics/t.geo/year=2026/month=11/day=05/hour=09/t.geo+0+",
        startAfter: "topics/t.geo/year=2026/month=11/day=05/hour=09/t.geo+0+0000000006",
        lastOffset: 100007,
      },
      {
        prefix: "topics/t.geo/year=2026/month=11/day=05/hour=10/t.geo+0+",
        startAfter: "topics/t.geo/year=2026/month=11/day=05/hour=10/t.geo+0+0000000006",
        lastOffset: 100007,
      },
    ]);
    expect(BULK_KEYS.map((k, i) => k.startsWith(ls[i].prefix) && k > ls[i].startAfter)).to.deep.equal([
      true,
      true,
    ]);
    expect(BULK_KEYS.map((k, i) => startOffsetOf(k, ls[i].prefix))).to.deep.equal([100000, 100007]);
  });

  it("gzip, delimiters and pad width follow the properties", () => {
    const t = target("walkthrough", { "file.delim": "-", "filename.offset.zero.pad.width": "12" });
    const [l] = listingsFor(t, "t.pin", [{ partition: 0, offset: 7, timestamp: 0 }], 0);
    expect(l.startAfter).to.equal("topics/t.pin/partition=0/t.pin-0-000000000007");
    expect(startOffsetOf("topics/t.pin/partition=0/t.pin-0-000000000007.json.gz", l.prefix)).to.equal(7);
    expect(startOffsetOf("topics/t.pin/partition=0/notes.txt", l.prefix)).to.equal(undefined);
  });

  it("watch mode: the current and previous hour directories for time-based partitioners; none for the default one", () => {
    expect(recentPrefixes(target("bulk"), "t.geo", at("2026-11-05T00:05:00Z"))).to.deep.equal([
      "topics/t.geo/year=2026/month=11/day=04/hour=23/",
      "topics/t.geo/year=2026/month=11/day=05/hour=00/",
    ]);
    expect(recentPrefixes(target("walkthrough"), "t.geo", 0)).to.equal(undefined);
    expect(formatPath("'dt'=YYYY-MM-dd/'h'=HH", new Date("2026-11-05T09:59:59Z"))).to.equal(
      "dt=2026-11-05/h=09",
    );
  });

  // kafka-connect-storage-common 10.2.2: TimeBasedPartitioner formats the record time with path.format as written
  // and drops one trailing directory.delim (TimeBasedPartitioner.configure; TimeBasedPartitionerTest
  // testPathFormatEndDelim: "'year='YYYY/" → "'year='YYYY"); HourlyPartitioner joins its fields with
  // directory.delim; kafka-connect-s3 10.0.3 TopicPartitionWriter.fileKey joins topics.dir, the topic, the
  // encoded partition and the file name with directory.delim.
  it("a time-based path.format is written as given, a trailing delimiter dropped; Hourly joins with directory.delim", () => {
    const acks = [{ partition: 0, offset: 7, timestamp: at("2026-11-05T09:30:00Z") }];
    const now = at("2026-11-05T09:31:00Z");
    const prefixOf = (overrides: Record<string, string>, keyPrefix: string) => {
      const t = { ...target("bulk", overrides), keyPrefixes: { "t.geo": keyPrefix } };
      return listingsFor(t, "t.geo", acks, now).map((l) => l.prefix);
    };
    expect(prefixOf({ "directory.delim": "_" }, "topics_t.geo_")).to.deep.equal([
      "topics_t.geo_year=2026/month=11/day=05/hour=09_t.geo+0+",
    ]);
    expect(
      prefixOf({ "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH/" }, "topics/t.geo/"),
    ).to.deep.equal(["topics/t.geo/year=2026/month=11/day=05/hour=09/t.geo+0+"]);
    const hourly = { "partitioner.class": "io.confluent.connect.storage.partitioner.HourlyPartitioner" };
    expect(prefixOf({ ...hourly, "directory.delim": "_" }, "topics_t.geo_")).to.deep.equal([
      "topics_t.geo_year=2026_month=11_day=05_hour=09_t.geo+0+",
    ]);
  });

  it("reads value.converter.schemas.enable as Kafka's ConfigDef does: trimmed, any case", () => {
    expect(verifyProblem(target("walkthrough", { "value.converter.schemas.enable": " FALSE " }))).to.equal(
      undefined,
    );
  });

  it("refuses connectors its records would fail or that it cannot read, naming the property", () => {
    expect(PRESETS.map((p) => verifyProblem(target(p)))).to.deep.equal([undefined, undefined, undefined]);
    const io = "io.confluent.connect";
    expect(
      verifyProblem(target("walkthrough", { "format.class": `${io}.s3.format.parquet.ParquetFormat` })),
    ).to.equal(
      `format.class ${io}.s3.format.parquet.ParquetFormat: verify reads JSON objects only (io.confluent.connect.s3.format.json.JsonFormat)`,
    );
    expect(verifyProblem(target("walkthrough", { "value.converter.schemas.enable": "true" }))).to.match(
      /^value.converter org.apache.kafka.connect.json.JsonConverter: verify's records are schemaless/,
    );
    // Kafka's StringConverter only: it hands JsonFormat the value as a string (StringConverter.toConnectData, 2.7.1).
    expect(
      verifyProblem(target("walkthrough", { "value.converter": "com.example.StringConverter" })),
    ).to.equal(
      "value.converter com.example.StringConverter: verify's records are schemaless and would fail the task; it needs org.apache.kafka.connect.json.JsonConverter with schemas.enable=false or org.apache.kafka.connect.storage.StringConverter",
    );
    expect(verifyProblem(target("balanced", { "timestamp.extractor": "RecordField" }))).to.match(
      /^timestamp.extractor RecordField: /,
    );
    expect(verifyProblem(target("balanced", { timezone: "Europe/Paris" }))).to.equal(
      "timezone Europe/Paris: verify computes paths in UTC only",
    );
    expect(verifyProblem(target("balanced", { "path.format": "'d'=EEE" }))).to.equal(
      "path.format field EEE is not one verify can fill",
    );
  });
});

describe("verify: what must be in S3 by now, expected latency and messages", () => {
  it("walkthrough: every acknowledged record; bulk: those a record 240 s (+5 s) later has rotated out", () => {
    const acks = [0, 30, 240, 250, 280].map((s, i) => ({ partition: 0, offset: i, timestamp: s * 1000 }));
    expect(mustBeWritten(target("walkthrough"), acks)).to.equal(5);
    expect(mustBeWritten(target("bulk"), acks)).to.equal(2);
    expect(mustBeWritten(target("bulk"), acks.slice(0, 3))).to.equal(0);
  });

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

  it("rotate.interval.ms=-1 (its default, off) is not said as a rotation", () => {
    expect(latencyMessage(target("balanced", { "rotate.interval.ms": "-1" }), 900)).to.match(
      /^preset balanced: an object closes at 10000 records \(flush\.size\); verify sends/,
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
      { topic: "t.pin", acked: 2, due: 2, found: 2, firstFoundSeconds: 4.26 },
      { topic: "t.geo", acked: 5, due: 3, found: 1 },
    ];
    expect(progressLine(35.4, rows)).to.equal("[  35 s] t.pin 2/2 ✓ · t.geo 1/5");
    expect(summaryTable(rows)).to.equal(
      [
        "topic  acknowledged  due in S3  found  seconds to first found",
        "t.pin  2             2          2      4.3",
        "t.geo  5             3          1      -",
      ].join("\n"),
    );
    expect(timeoutMessage(target("bulk"), 390, [rows[1]])).to.equal(
      "timed out after 390 s: t.geo 1 of 3 found under s3://b1/topics/t.geo/; preset bulk: its expected latency for this traffic is about 270 s. " +
        "Check that the connector is RUNNING, its worker logs, and the consumer lag (`npm run verify -- <stack> --watch`, dashboard); wait longer with --timeout <seconds>",
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

  it("the CLI's errors, said for the user (texts observed from the pinned pulumi CLI)", () => {
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

  it("missing outputs: none at all, no verifyTarget, or an incomplete or mistyped one", () => {
    expect(() => parseVerifyTarget("{}", "dev")).to.throw(
      'stack "dev" has no outputs: run `npm run up -- dev` first',
    );
    expect(() => parseVerifyTarget('{"bucketName":"b"}', "dev")).to.throw(
      'stack "dev" has no verifyTarget output (it has bucketName): run `npm run up -- dev` with this version of the program',
    );
    expect(() => parseVerifyTarget('{"verifyTarget":{"region":"r"}}', "dev")).to.throw(
      'stack "dev": verifyTarget has no valid bucket, topics, keyPrefixes, deliveryPreset, deliveryProperties, bootstrapServers, connectorArn, consumerGroup, clusterName, clusterKind',
    );
    expect(() =>
      parseVerifyTarget(JSON.stringify({ verifyTarget: { ...target("bulk"), topics: "t.pin" } }), "dev"),
    ).to.throw('stack "dev": verifyTarget has no valid topics: run `npm run up -- dev` again');
    expect(() => parseVerifyTarget("not json", "dev")).to.throw(
      'pulumi stack output for "dev" is not JSON: not json',
    );
    const t = target("bulk");
    expect(parseVerifyTarget(JSON.stringify({ verifyTarget: t }), "dev")).to.deep.equal(t);
  });

  it("arguments: a stack, then --timeout and --poll in seconds", () => {
    expect(parseArgs(["dev"])).to.deep.equal({ stack: "dev", watch: false, pollSeconds: 5 });
    expect(parseArgs(["prod", "--watch"])).to.deep.equal({ stack: "prod", watch: true, pollSeconds: 5 });
    expect(parseArgs(["prod", "--timeout", "600", "--poll", "2"])).to.deep.equal({
      stack: "prod",
      watch: false,
      timeoutSeconds: 600,
      pollSeconds: 2,
    });
    expect(() => parseArgs([])).to.throw(
      "usage: npm run verify -- <stack> [--watch] [--timeout <seconds>] [--poll <seconds>]",
    );
    expect(() => parseArgs(["dev", "--timeout", "soon"])).to.throw(
      "--timeout takes a whole number of seconds ≥ 1",
    );
    expect(() => parseArgs(["dev", "prod"])).to.throw("unexpected argument prod");
  });
});
