/**
 * A change that moves the S3 keys is warned at preview. Expected layouts are the key formats of the
 * Confluent S3 sink 10.0.3 sources (kafka-connect-storage-cloud `TopicPartitionWriter.fileKey`;
 * kafka-connect-storage-common 10.2.2 `DefaultPartitioner`, `TimeBasedPartitioner`, `HourlyPartitioner`,
 * `DailyPartitioner`, `FieldPartitioner`), written out here, not derived from the program.
 */
import { expect } from "chai";
import { keyLayout } from "../../lib/connector/keyLayout";
import { awsInvokes, IAM_BROKERS, SECURITY_GROUPS, SSH_KEY, SUBNETS } from "../support/fixtures";
import { deployedConnector, runAfter, runFirst, RunSpec, WALKTHROUGH_CONNECTOR } from "../support/lifecycle";
import { ProgramRun } from "../support/stack";
import { WALKTHROUGH } from "../support/worlds";

const NS = "msk-s3-sink";
const KEY = `${NS}:sshPrivateKey`;
const P = "io.confluent.connect.storage.partitioner";
const id = WALKTHROUGH[`${NS}:userId`];
const DEFAULT = "topics/<topic>/partition=<N>/";
const HOURLY = "topics/<topic>/year=YYYY/month=MM/day=dd/hour=HH/";

describe("S3 key layout (Confluent S3 sink 10.0.3)", () => {
  it("DefaultPartitioner: topics/<topic>/partition=<N>/; TimeBasedPartitioner: path.format, quotes and a trailing / dropped", () => {
    expect(keyLayout({})).to.equal(DEFAULT);
    expect(keyLayout({ "partitioner.class": `${P}.DefaultPartitioner` })).to.equal(DEFAULT);
    const timeBased = { "partitioner.class": `${P}.TimeBasedPartitioner` };
    expect(keyLayout({ ...timeBased, "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH" })).to.equal(
      HOURLY,
    );
    expect(keyLayout({ ...timeBased, "path.format": "'dt'=YYYY-MM-dd/" })).to.equal(
      "topics/<topic>/dt=YYYY-MM-dd/",
    );
  });

  it("Hourly and Daily partitioners fix their own path.format; FieldPartitioner names its fields", () => {
    const ignored = { "path.format": "'ignored'=YYYY" };
    expect(keyLayout({ ...ignored, "partitioner.class": `${P}.HourlyPartitioner` })).to.equal(HOURLY);
    expect(keyLayout({ ...ignored, "partitioner.class": `${P}.DailyPartitioner` })).to.equal(
      "topics/<topic>/year=YYYY/month=MM/day=dd/",
    );
    expect(
      keyLayout({ "partitioner.class": `${P}.FieldPartitioner`, "partition.field.name": "country, kind" }),
    ).to.equal("topics/<topic>/country=<country>/kind=<kind>/");
  });

  it("topics.dir and directory.delim shape the prefix; a blank topics.dir has none; another class is named", () => {
    expect(keyLayout({ "topics.dir": "raw", "directory.delim": "_" })).to.equal("raw_<topic>_partition=<N>_");
    expect(keyLayout({ "topics.dir": "" })).to.equal("<topic>/partition=<N>/");
    expect(keyLayout({ "partitioner.class": "com.example.MyPartitioner" })).to.equal(
      "topics/<topic>/<com.example.MyPartitioner>/",
    );
  });
});

describe("a change that moves the S3 keys, between two `pulumi up`s (stack dev)", () => {
  const dev = (over: Record<string, unknown> = {}): RunSpec => ({
    config: {
      ...WALKTHROUGH,
      [KEY]: SSH_KEY,
      ...Object.fromEntries(
        Object.entries(over).map(([k, v]) => [`${NS}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
      ),
    },
    invokes: awsInvokes(),
    secretKeys: [KEY],
  });
  const warning = (from: string, to: string) =>
    `connector ${id}-connector: the S3 key layout changes from ${from} to ${to}; objects written from now on land under the new prefixes, those already written stay where they are: downstream readers (Athena/Glue tables, crawlers) must follow`;
  const layoutWarnings = (run: ProgramRun) => run.warnings.filter((w) => w.includes("S3 key layout"));
  /** The account: the connector runs with this configuration (as DescribeConnector reports it). */
  const running = (configuration: Record<string, string>) => ({
    existing: [
      deployedConnector(
        `${id}-connector`,
        { bootstrapServers: IAM_BROKERS, subnetIds: SUBNETS, securityGroupIds: SECURITY_GROUPS },
        configuration,
      ),
    ],
  });
  const TIME_BASED = {
    ...WALKTHROUGH_CONNECTOR,
    "partitioner.class": `${P}.TimeBasedPartitioner`,
    "path.format": "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH",
    "partition.duration.ms": "3600000",
  };

  let walkthrough: ProgramRun;
  let balanced: ProgramRun;
  before(async () => {
    walkthrough = await runFirst("dev", dev());
    balanced = await runFirst("dev", dev({ deliveryPreset: "balanced" }));
  });

  it("walkthrough → balanced: partition=<N>/ → year=/month=/day=/hour=/, warned once at preview", async () => {
    const { second } = await runAfter(
      "dev",
      walkthrough,
      dev({ deliveryPreset: "balanced" }),
      running(WALKTHROUGH_CONNECTOR),
    );
    expect(second.warnings).to.deep.equal([warning(DEFAULT, HOURLY)]);
    expect(layoutWarnings(walkthrough)).to.deep.equal([]);
  });

  it("bulk → walkthrough: back to partition=<N>/", async () => {
    const bulk = await runFirst("dev", dev({ deliveryPreset: "bulk" }));
    const { second } = await runAfter("dev", bulk, dev(), running(TIME_BASED));
    expect(second.warnings).to.deep.equal([warning(HOURLY, DEFAULT)]);
  });

  it("path.format or partitioner.class through connector.properties", async () => {
    const daily = { properties: { "path.format": "'year'=YYYY/'month'=MM/'day'=dd" } };
    const { second } = await runAfter(
      "dev",
      balanced,
      dev({ deliveryPreset: "balanced", connector: daily }),
      running(TIME_BASED),
    );
    expect(second.warnings).to.deep.equal([warning(HOURLY, "topics/<topic>/year=YYYY/month=MM/day=dd/")]);
    const field = {
      properties: { "partitioner.class": `${P}.FieldPartitioner`, "partition.field.name": "country" },
    };
    const toField = await runAfter(
      "dev",
      walkthrough,
      dev({ connector: field }),
      running(WALKTHROUGH_CONNECTOR),
    );
    expect(toField.second.warnings).to.deep.equal([warning(DEFAULT, "topics/<topic>/country=<country>/")]);
  });

  it("balanced → bulk (same hourly layout) or another property: no layout warning", async () => {
    expect(
      layoutWarnings(
        (await runAfter("dev", balanced, dev({ deliveryPreset: "bulk" }), running(TIME_BASED))).second,
      ),
    ).to.deep.equal([]);
    const nulls = { properties: { "behavior.on.null.values": "ignore" } };
    expect(
      layoutWarnings(
        (await runAfter("dev", walkthrough, dev({ connector: nulls }), running(WALKTHROUGH_CONNECTOR)))
          .second,
      ),
    ).to.deep.equal([]);
  });
});
