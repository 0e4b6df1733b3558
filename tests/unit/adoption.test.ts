import { expect } from "chai";
import { adoptionWarning } from "../../lib/connector/adoption";
import { walkthroughProperties } from "../../lib/connector/properties";
import { parseStackConfig } from "../../lib/stackSettings";
import { awsInvokes, IAM_BROKERS, SECURITY_GROUPS, SSH_KEY, SUBNETS } from "../support/fixtures";
import { diffRuns, runTwice } from "../support/lifecycle";
import { Existing } from "../support/pulumiMocks";
import { one, ProgramRun, runProgram } from "../support/stack";
import { WALKTHROUGH } from "../support/worlds";

const KEY = "msk-s3-sink:sshPrivateKey";
const PLUGIN = "aws:mskconnect/customPlugin:CustomPlugin";
const CONNECTOR = "aws:mskconnect/connector:Connector";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
// The tests' own walkthrough world, so a user's edit of Pulumi.dev.yaml cannot break them.
const config = WALKTHROUGH;
const id = config["msk-s3-sink:userId"];
const adoptedName = (key: string) => (JSON.parse(config[`msk-s3-sink:${key}`]) as { adopt: string }).adopt;
const bucket = adoptedName("bucket");
const region = config["aws:region"];
const arn = (kind: string, name: string) =>
  `arn:aws:kafkaconnect:${region}:123456789012:${kind}/${name}/0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-4`;
const PLUGIN_ARN = arn("custom-plugin", `${id}-plugin`);
const CONNECTOR_ARN = arn("connector", `${id}-connector`);
const ZIP = "kafka-connect-s3/confluentinc-kafka-connect-s3-10.0.3.zip";

/** What the console set on the plugin and connector beyond the walkthrough's steps: a description and tags. */
const byHand = { description: "Created in the MSK Connect console", tags: { owner: "data-platform" } };

/** The console-made plugin's and connector's inputs, as the provider reads them back on import. */
const consoleInputs: Record<string, Record<string, unknown>> = {
  [PLUGIN]: {
    ...byHand,
    name: `${id}-plugin`,
    contentType: "ZIP",
    location: { s3: { bucketArn: `arn:aws:s3:::${bucket}`, fileKey: ZIP } },
  },
  [CONNECTOR]: {
    ...byHand,
    name: `${id}-connector`,
    kafkaconnectVersion: "2.7.1",
    capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
    connectorConfiguration: {
      ...walkthroughProperties({ region, bucket, topics: [] }),
      "topics.regex": `${id}.*`,
    },
    kafkaCluster: {
      apacheKafkaCluster: {
        bootstrapServers: IAM_BROKERS,
        vpc: { subnets: SUBNETS, securityGroups: SECURITY_GROUPS },
      },
    },
    kafkaClusterClientAuthentication: { authenticationType: "IAM" },
    kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
    plugins: [{ customPlugin: { arn: PLUGIN_ARN, revision: 1 } }],
    serviceExecutionRoleArn: `arn:aws:iam::123456789012:role/${adoptedName("executionRole")}`,
    workerConfiguration: {
      arn: `arn:aws:kafkaconnect:${region}:123456789012:worker-configuration/${adoptedName("workerConfiguration")}/abc`,
      revision: 2,
    },
  },
};

/** The account after the walkthrough was clicked through: its plugin and connector, as the console made them. */
const walkthrough: Existing[] = [
  {
    type: PLUGIN,
    id: PLUGIN_ARN,
    state: { ...consoleInputs[PLUGIN], arn: PLUGIN_ARN, latestRevision: 1, tagsAll: byHand.tags },
  },
  {
    type: CONNECTOR,
    id: CONNECTOR_ARN,
    state: { ...consoleInputs[CONNECTOR], arn: CONNECTOR_ARN, version: "1", tagsAll: byHand.tags },
  },
];

const dev = (imports: boolean) => ({
  config: {
    ...config,
    [KEY]: SSH_KEY,
    ...(imports
      ? {
          "msk-s3-sink:plugin": JSON.stringify({ import: PLUGIN_ARN }),
          "msk-s3-sink:connector": JSON.stringify({ import: CONNECTOR_ARN }),
        }
      : {}),
  },
  invokes: awsInvokes(),
  secretKeys: [KEY],
});
// The walkthrough's bucket is not versioned: S3 reports the version "null".
const unversioned = { echo: (type: string) => (type === OBJECT ? { versionId: "null" } : {}) };

describe("adopting a walkthrough clicked through by hand (stack dev)", () => {
  let adopted: ProgramRun;
  before(async () => {
    adopted = await runProgram("dev", dev(true).config, dev(true).invokes, [KEY], {
      existing: walkthrough,
      ...unversioned,
    });
    if (adopted.error) throw adopted.error;
  });

  it("imports the console-made plugin and connector as they are, description and tags too: nothing left to update or replace", async () => {
    for (const [type, importId] of [
      [PLUGIN, PLUGIN_ARN],
      [CONNECTOR, CONNECTOR_ARN],
    ]) {
      const r = one(adopted.resources, type);
      expect(r.importId, type).to.equal(importId);
      // The engine diffs the program's inputs, less ignoreChanges, with the imported inputs: a difference
      // updates the resource right after the import, or fails the update where it would replace it
      // (pulumi pkg/resource/deploy/step_generator.go, "previously-imported resources … may not be replaced").
      const imported = { ...r, inputs: consoleInputs[type], outputs: consoleInputs[type] };
      expect(await diffRuns([imported], [r]), type).to.deep.equal({
        replaceForcing: {},
        inPlace: {},
        created: [],
        deleted: [],
      });
    }
    expect(adopted.outputs).to.deep.include({ connectorArn: CONNECTOR_ARN, pluginArn: PLUGIN_ARN });
  });

  it("does not upload over the zip the walkthrough put in the bucket, and says what happens next", () => {
    expect(adopted.resources.filter((r) => r.type === OBJECT)).to.deep.equal([]);
    expect(adopted.warnings).to.deep.equal([
      adoptionWarning("plugin", `${id}-plugin`, ZIP, "dev"),
      adoptionWarning("connector", `${id}-connector`, ZIP, "dev"),
    ]);
    expect(adopted.warnings[1]).to.equal(
      `msk-s3-sink:connector.import: adopting connector ${id}-connector as it is. After this update, run npm run pulumi -- config rm --path connector.import --stack dev and npm run up -- dev: it is then replaced by the stack's connector under the same name (minutes without delivery, offsets kept in consumer group connect-${id}-connector)`,
    );
  });

  it("the next up without the import config replaces plugin and connector under the same names, and keeps the zip on destroy", async () => {
    const { second, diff } = await runTwice("dev", dev(true), dev(false), {
      existing: walkthrough,
      ...unversioned,
    });
    expect(diff.replaceForcing).to.deep.equal({
      [`${PLUGIN} ${id}-plugin`]: ["description"],
      [`${CONNECTOR} ${id}-connector`]: ["connectorConfiguration", "plugins"],
    });
    expect(diff.created).to.deep.equal([`${OBJECT} ${id}-plugin-object`]);
    expect(one(second.resources, OBJECT).retainOnDelete).to.equal(true);
    expect(one(second.resources, CONNECTOR).importId).to.equal("");
    expect(second.warnings).to.deep.equal([]);
  });

  it("refuses an import ARN that names another plugin or connector, or another region", () => {
    const other = arn("connector", "someone-else").replace(region, "eu-west-1");
    const raw = { userId: id, sshPrivateKey: SSH_KEY, client: { host: "h" }, connector: { import: other } };
    expect(() => parseStackConfig(raw, { stack: "dev", region })).to.throw(
      [
        `msk-s3-sink:connector.import = "${other}": names connector "someone-else", but connector.name is "${id}-connector": set connector.name to "someone-else" to adopt it`,
        `msk-s3-sink:connector.import = "${other}": is in eu-west-1, but the stack deploys to us-east-1 (aws:region)`,
      ].join("\n  - "),
    );
    expect(() =>
      parseStackConfig({ ...raw, connector: {}, plugin: { import: "plugin" } }, { stack: "dev", region }),
    ).to.throw(
      'msk-s3-sink:plugin.import = "plugin": must be a custom plugin ARN (arn:aws:kafkaconnect:<region>:<account>:custom-plugin/<name>/<uuid>)',
    );
  });
});
