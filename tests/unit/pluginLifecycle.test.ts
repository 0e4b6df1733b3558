import { expect } from "chai";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PluginObject } from "../../components/pluginObject";
import { PluginSourceKind } from "../../lib/config/enums";
import { sha256Hex, unpinnedMessage } from "../../lib/s3/plugin";
import { asStackConfig, awsInvokes, CREATED_STACK, mskApiInvokes, SSH_KEY } from "../support/fixtures";
import { runAfter, runFirst } from "../support/lifecycle";
import { installMocks, Output, settle } from "../support/pulumiMocks";
import { one, ProgramRun, runProgram } from "../support/stack";
import { WALKTHROUGH } from "../support/worlds";

const KEY = "msk-s3-sink:sshPrivateKey";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const PLUGIN = "aws:mskconnect/customPlugin:CustomPlugin";
const CONNECTOR = "aws:mskconnect/connector:Connector";

/** Two zips with the same file name and different bytes, as a user replaces one by the other. */
function twoZips(): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), "zips-"));
  const paths: [string, string] = [join(dir, "a", "s3-sink.zip"), join(dir, "b", "s3-sink.zip")];
  paths.forEach((p, i) => {
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, `zip bytes ${i}`);
  });
  return paths;
}

describe("the plugin zip in a bucket the stack creates", () => {
  it("is written after the bucket's versioning is in place, so it gets a version id to pin", async () => {
    const run = await runProgram("staging", asStackConfig("us-east-1", CREATED_STACK), mskApiInvokes());
    if (run.error) throw run.error;
    const object = one(run.resources, OBJECT);
    expect(object.dependencies).to.include(
      one(run.resources, "aws:s3/bucketVersioning:BucketVersioning").urn,
    );
    expect(object.retainOnDelete).to.equal(false);
  });

  it("without a version id fails with the way out, instead of leaving the plugin unpinned", async () => {
    installMocks(awsInvokes(), "staging", false, {
      echo: (type) => (type === OBJECT ? { versionId: "null" } : {}),
    });
    const zip = new PluginObject("u1-plugin-object", {
      bucketName: "u1-sink",
      key: "kafka-connect-s3/s3.zip",
      source: "https://example.com/s3.zip",
      sourceKind: PluginSourceKind.Url,
      versionedBucket: true,
    });
    const failure = await (zip.versionId as unknown as Output).promise().then(
      () => undefined,
      (e: Error) => e,
    );
    await settle();
    expect(failure?.message).to.include(
      unpinnedMessage(
        "kafka-connect-s3/s3.zip",
        "urn:pulumi:staging::msk-s3-sink::msk-s3-sink:index:PluginObject$aws:s3/bucketObjectv2:BucketObjectv2::u1-plugin-object",
      ),
    );
  });
});

// The walkthrough world adopts its bucket (whatever Pulumi.dev.yaml says), which is unversioned.
describe("a new zip at the same key (an unversioned, adopted bucket: the walkthrough's case)", () => {
  const dev = (source: string) => ({
    config: {
      ...WALKTHROUGH,
      [KEY]: SSH_KEY,
      "msk-s3-sink:plugin": JSON.stringify({ source }),
    },
    invokes: awsInvokes(),
    secretKeys: [KEY],
  });

  // An unversioned bucket: S3 reports the version "null" for every upload.
  const unversioned = { echo: (type: string) => (type === OBJECT ? { versionId: "null" } : {}) };
  const [a, b] = twoZips();
  let deployed: ProgramRun;
  before(async () => {
    deployed = await runFirst("dev", dev(a), unversioned);
  });

  it("replaces the custom plugin (its description carries the content) and moves the connector to it", async () => {
    const { second, diff } = await runAfter("dev", deployed, dev(b), unversioned);
    const id = WALKTHROUGH["msk-s3-sink:userId"];
    expect(one(second.resources, PLUGIN).inputs.description).to.equal(
      `kafka-connect-s3/s3-sink.zip sha256:${sha256Hex(Buffer.from("zip bytes 1"))}`,
    );
    expect(diff.replaceForcing).to.deep.equal({
      [`${PLUGIN} ${id}-plugin`]: ["description"],
      [`${CONNECTOR} ${id}-connector`]: ["plugins"],
    });
    expect(diff.inPlace).to.deep.equal({ [`${OBJECT} ${id}-plugin-object`]: ["source"] });
    // Both are deleted before they are created again: the account may allow only these two names.
    for (const r of [one(second.resources, PLUGIN), one(second.resources, CONNECTOR)])
      expect(r.deleteBeforeReplace, r.name).to.equal(true);
    expect(one(deployed.resources, OBJECT).retainOnDelete).to.equal(true);
  });

  it("the same zip again changes nothing", async () => {
    const { diff } = await runAfter("dev", deployed, dev(a), unversioned);
    expect(diff).to.deep.equal({ replaceForcing: {}, inPlace: {}, created: [], deleted: [] });
  });
});
