/**
 * The README's Day 2 table, row by row: each change is made between two runs of the program on the mock
 * runtime, and what the second `pulumi up` would do is compared with what the row says.
 */
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rawStackConfig } from "../../lib/config/stackConfig";
import { parseStackConfig } from "../../lib/stackSettings";
import {
  asStackConfig,
  awsInvokes,
  CREATED_STACK,
  IAM_BROKERS,
  mskApiInvokes,
  SECURITY_GROUPS,
  SSH_KEY,
  SUBNETS,
} from "../support/fixtures";
import { deployedConnector, LifecycleDiff, runAfter, runFirst, RunSpec } from "../support/lifecycle";
import { ProgramRun } from "../support/stack";
import { settingsOf } from "../support/stackChecks";
import { WALKTHROUGH } from "../support/worlds";
import { readmeSection } from "../engine/readme";

const root = join(__dirname, "..", "..");
const section = readmeSection("## Day 2: changing a running stack");
const KEY = "msk-s3-sink:sshPrivateKey";
const CONNECTOR = "aws:mskconnect/connector:Connector";

/** Table rows: change → its cells. */
function tableCells(): Map<string, { does: string; proof: string }> {
  const rows = section.split("\n").filter((l) => /^\| [a-z]/.test(l) && !l.includes("what `up` does"));
  return new Map(
    rows.map((l) => {
      const [change, does, proof] = l.split(" | ").map((c) => c.replace(/^\| |\|$/g, "").trim());
      return [change, { does, proof: /^`([^`]+)`$/.exec(proof ?? "")?.[1] ?? "" }];
    }),
  );
}

/** Table rows: change → the bold outcome that opens the second cell. */
function tableRows(): Map<string, string> {
  return new Map(
    [...tableCells()].map(([change, { does }]) => [change, /^\*\*([^*]+)\*\*/.exec(does)?.[1] ?? does]),
  );
}

/** What `pulumi up` does, in the table's words. */
function outcome(diff: LifecycleDiff): string {
  if (Object.keys(diff.replaceForcing).some((r) => r.startsWith(`${CONNECTOR} `)))
    return "replaces the connector";
  if (Object.keys(diff.replaceForcing).length > 0) return "replaces another resource";
  return Object.keys(diff.inPlace).length + diff.created.length > 0 ? "update in place" : "no change";
}

// The walkthrough world, not Pulumi.dev.yaml: a user's edit of the stack file cannot change a row.
const devConfig = WALKTHROUGH;
const dev = (over: Record<string, unknown> = {}, invokes = awsInvokes()): RunSpec => ({
  config: {
    ...devConfig,
    [KEY]: SSH_KEY,
    ...Object.fromEntries(Object.entries(over).map(([k, v]) => [`msk-s3-sink:${k}`, JSON.stringify(v)])),
  },
  invokes,
  secretKeys: [KEY],
});
const merged = (key: string, extra: object) => ({
  ...(JSON.parse(devConfig[`msk-s3-sink:${key}`] ?? "{}") as object),
  ...extra,
});
const devTopics = settingsOf("dev", { config: dev().config, secretKeys: [KEY] }).topics.names;

/** A zip on disk: a new one for the "new zip" row. */
function newZip(): string {
  const path = join(mkdtempSync(join(tmpdir(), "zip-")), "confluentinc-kafka-connect-s3-10.0.3.zip");
  writeFileSync(path, "a rebuilt connector zip");
  return path;
}

/** The cluster with a third broker. */
const brokerAdded = () => {
  const cluster = awsInvokes()["aws:msk/getCluster:getCluster"]({});
  const brokers = `${IAM_BROKERS},b-3.pinterest.abc123.c2.kafka.us-east-1.amazonaws.com:9098`;
  return awsInvokes({ "aws:msk/getCluster:getCluster": { ...cluster, bootstrapBrokersSaslIam: brokers } });
};

/** The account after the first `up`: its connector runs on the cluster's network of that day. */
const DEV_ACCOUNT = {
  existing: [
    deployedConnector(`${WALKTHROUGH["msk-s3-sink:userId"]}-connector`, {
      bootstrapServers: IAM_BROKERS,
      subnetIds: SUBNETS,
      securityGroupIds: SECURITY_GROUPS,
    }),
  ],
};

/** Second runs after the committed dev stack, by README row. */
const DEV_CHANGES: Record<string, () => RunSpec> = {
  "add a topic (`topics.names`)": () =>
    dev({ topics: merged("topics", { names: [...devTopics, `${devTopics[0]}-extra`] }) }),
  "raise partitions (`topics.partitions`)": () => dev({ topics: merged("topics", { partitions: 6 }) }),
  "change a connector property (`connector.properties`)": () =>
    dev({ connector: { properties: { "behavior.on.null.values": "ignore" } } }),
  "new zip (`plugin.source`, or new bytes at its URL)": () => dev({ plugin: { source: newZip() } }),
  "cluster adds a broker (or its security groups change)": () => dev({}, brokerAdded()),
  "the same with `connector.followClusterChanges: true`": () =>
    dev({ connector: { followClusterChanges: true } }, brokerAdded()),
  "change preset (`deliveryPreset`)": () => ({
    ...dev(),
    config: { ...dev().config, "msk-s3-sink:deliveryPreset": "balanced" },
  }),
};

/** What each row's second `pulumi up` does, exactly: resource → the inputs that force a replacement or change in place. */
const id = devConfig["msk-s3-sink:userId"];
const TOPICS_SCRIPT = { [`command:remote:Command ${id}-topics-ensure`]: ["create", "update"] };
const REPLACED = (inputs: string[]) => ({ [`${CONNECTOR} ${id}-connector`]: inputs });
const DEV_DIFFS: Record<string, Pick<LifecycleDiff, "replaceForcing" | "inPlace">> = {
  "add a topic (`topics.names`)": {
    replaceForcing: REPLACED(["connectorConfiguration"]),
    inPlace: TOPICS_SCRIPT,
  },
  "raise partitions (`topics.partitions`)": { replaceForcing: {}, inPlace: TOPICS_SCRIPT },
  "change a connector property (`connector.properties`)": {
    replaceForcing: REPLACED(["connectorConfiguration"]),
    inPlace: {},
  },
  "new zip (`plugin.source`, or new bytes at its URL)": {
    replaceForcing: {
      [`aws:mskconnect/customPlugin:CustomPlugin ${id}-plugin`]: ["description"],
      ...REPLACED(["plugins"]),
    },
    inPlace: { [`aws:s3/bucketObjectv2:BucketObjectv2 ${id}-plugin-object`]: ["source"] },
  },
  "cluster adds a broker (or its security groups change)": { replaceForcing: {}, inPlace: TOPICS_SCRIPT },
  "the same with `connector.followClusterChanges: true`": {
    replaceForcing: REPLACED(["kafkaCluster"]),
    inPlace: TOPICS_SCRIPT,
  },
  "change preset (`deliveryPreset`)": { replaceForcing: REPLACED(["connectorConfiguration"]), inPlace: {} },
};

/**
 * The preview's S3 key-layout warning each row gives (Confluent S3 sink 10.0.3 key formats: DefaultPartitioner
 * `partition=<N>`, the presets' TimeBasedPartitioner `path.format`); rows not listed give none.
 */
const KEY_LAYOUT_WARNINGS: Record<string, string[]> = {
  "change preset (`deliveryPreset`)": [
    `connector ${id}-connector: the S3 key layout changes from topics/<topic>/partition=<N>/ to topics/<topic>/year=YYYY/month=MM/day=dd/hour=HH/; objects written from now on land under the new prefixes, those already written stay where they are: downstream readers (Athena/Glue tables, crawlers) must follow`,
  ],
};

/** Rows decided by the topic script, the config or the network checks: a phrase of the test, in the file the row names, that proves it. */
const PROVEN_ELSEWHERE: Record<string, RegExp> = {
  "lower partitions": /refuses a decrease with exit 3 before changing anything/,
  "change the replication factor (`topics.replicationFactor`)":
    /kafka-topics\.sh cannot change it to 2: reassign its replicas by hand/,
  "remove a key from `topics.configs`":
    /configs set by hand survive a rerun and are reported as unmanaged; a config the stack set and no longer lists is deleted/,
  "two topic names that differ only by `.` and `_`": /collides with topics\.names\[0\]/,
  "turn on `network.s3GatewayEndpoint`":
    /a Gateway endpoint for S3 on the workers' route table[\s\S]*where another S3 endpoint serves the table: refused before any resource/,
  "turn off `network.s3GatewayEndpoint`":
    /when turning it off takes it away: naming the table and the VPC[\s\S]*turning it off where nothing else routes S3 for the workers is refused/,
};

/**
 * Whether the test holding text[at] runs: the nearest it/describe call before it (for a table of
 * cases, the first after it) is neither `xit(`/`xdescribe(` nor `.skip(`, and no suite before it is skipped.
 */
function runsAt(text: string, at: number): boolean {
  const calls = [...text.matchAll(/(?<![\w.])(x?it|x?describe)(\.skip|\.only)?\s*\(/g)];
  const skipped = (m: RegExpMatchArray) => m[1].startsWith("x") || m[2] === ".skip";
  const before = calls.filter((m) => m.index < at);
  const holder = before.at(-1) ?? calls.find((m) => m.index > at);
  return (
    holder !== undefined && !skipped(holder) && !before.some((m) => m[1].endsWith("describe") && skipped(m))
  );
}

describe("README Day 2 table", () => {
  let devFirst: ProgramRun;
  before(async () => {
    devFirst = await runFirst("dev", dev());
  });

  it("lists the changes users make, each with one of three outcomes", () => {
    expect([...tableRows().keys()]).to.deep.equal([
      ...Object.keys(DEV_CHANGES).slice(0, 2),
      "lower partitions",
      ...Object.keys(DEV_CHANGES).slice(2, 6),
      "change capacity (`connector.provisioned`, `…autoscaling`)",
      "change preset (`deliveryPreset`)",
      ...Object.keys(PROVEN_ELSEWHERE).slice(1),
    ]);
    for (const [change, does] of tableRows())
      expect(["update in place", "replaces the connector", "refused"], change).to.include(does);
    expect(Object.keys(PROVEN_ELSEWHERE).map((c) => tableRows().get(c))).to.deep.equal([
      "refused",
      "refused",
      "update in place",
      "refused",
      "update in place",
      "update in place",
    ]);
    // Each row names its proof: this file for the rows run here, the deciding test's file for the others.
    const here = "tests/unit/day2.test.ts";
    for (const [change, { proof }] of tableCells())
      if (!(change in PROVEN_ELSEWHERE)) expect(proof, change).to.equal(here);
    for (const [change, proof] of Object.entries(PROVEN_ELSEWHERE)) {
      const file = tableCells().get(change)?.proof ?? "";
      expect(file, change)
        .to.match(/^tests\/.+\.test\.ts$/)
        .and.not.equal(here);
      const text = readFileSync(join(root, file), "utf8");
      const found = proof.exec(text);
      expect(found, change).to.not.equal(null);
      // A skipped test proves nothing: its start and its end must both sit in tests that run.
      const [start, end] = [found!.index, found!.index + found![0].length - 1];
      expect([runsAt(text, start), runsAt(text, end)], `${change}: ${file}`).to.deep.equal([true, true]);
    }
    expect(Object.keys(DEV_DIFFS)).to.deep.equal(Object.keys(DEV_CHANGES));
  });

  for (const [change, second] of Object.entries(DEV_CHANGES))
    it(`${change}: as the table says (stack dev)`, async () => {
      const { diff, second: run } = await runAfter("dev", devFirst, second(), DEV_ACCOUNT);
      expect(outcome(diff), JSON.stringify(diff)).to.equal(tableRows().get(change));
      expect(run.warnings.filter((w) => w.includes("S3 key layout"))).to.deep.equal(
        KEY_LAYOUT_WARNINGS[change] ?? [],
      );
      // The label alone would hide which resource changes and why: pin the diff itself.
      expect(diff).to.deep.equal({ ...DEV_DIFFS[change], created: [], deleted: [] });
    });

  it("change capacity (`connector.provisioned`, `…autoscaling`): as the table says (a created stack)", async () => {
    const spec = (workerCount: number) => ({
      config: asStackConfig("us-east-1", {
        ...CREATED_STACK,
        connector: { provisioned: { mcuCount: 1, workerCount } },
      }),
      invokes: mskApiInvokes(),
    });
    const { diff } = await runAfter("staging", await runFirst("staging", spec(1)), spec(2));
    expect(diff.inPlace).to.deep.equal({ [`${CONNECTOR} u1-connector`]: ["capacity"] });
    expect(outcome(diff)).to.equal(
      tableRows().get("change capacity (`connector.provisioned`, `…autoscaling`)"),
    );
  });
});

describe("README adoption commands", () => {
  const commands = [
    ...section.matchAll(/^npm run pulumi -- config (set|rm) --path (\S+)(?: '([^']+)')? --stack dev$/gm),
  ];

  it("set and then remove plugin.import and connector.import, which the config accepts as given", () => {
    expect(commands.map((m) => `${m[1]} ${m[2]}`)).to.deep.equal([
      "set plugin.import",
      "set connector.import",
      "rm plugin.import",
      "rm connector.import",
    ]);
    const region = devConfig["aws:region"];
    // As the CLI stores `--path a.b value`: a map under the namespace key, merged with the stack file's.
    const raw = rawStackConfig(devConfig, () => false, "dev").raw;
    for (const [, , path, value] of commands.filter((m) => m[1] === "set")) {
      const [top, leaf] = path.split(".");
      const filled = value
        .replace("<region>", region)
        .replace("<account>", "123456789012")
        .replace("<id>", id)
        .replace("<uuid>", "0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-4");
      raw[top] = { ...(raw[top] ?? {}), [leaf]: filled };
    }
    const s = parseStackConfig({ ...raw, sshPrivateKey: SSH_KEY }, { stack: "dev", region });
    expect(s.plugin.importArn).to.match(new RegExp(`:custom-plugin/${id}-plugin/`));
    expect(s.connector.importArn).to.match(new RegExp(`:connector/${id}-connector/`));
    expect(section).to.include(
      "```bash\nnpm run pulumi -- config rm --path plugin.import --stack dev\nnpm run pulumi -- config rm --path connector.import --stack dev\nnpm run up -- dev\n```",
    );
  });
});
