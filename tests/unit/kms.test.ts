import { expect } from "chai";
import { parseStackConfig } from "../../lib/config/settings";
import { kmsKeyArnOf, parseKmsArn } from "../../lib/s3/kms";
import { asStackConfig, CREATED_STACK, mskApiInvokes } from "../support/fixtures";
import { at } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALIAS = "arn:aws:kms:us-east-1:123456789012:alias/sink";
const withKms = (kmsKeyArn: string) =>
  asStackConfig("us-east-1", { ...CREATED_STACK, bucket: { create: { name: "u1-sink", kmsKeyArn } } });

describe("SSE-KMS key: an alias is resolved to its key", () => {
  it("parses key and alias ARNs", () => {
    expect(parseKmsArn(ALIAS)).to.deep.equal({
      region: "us-east-1",
      account: "123456789012",
      kind: "alias",
      resource: "alias/sink",
    });
    expect(parseKmsArn(KEY)?.kind).to.equal("key");
    expect(parseKmsArn("arn:aws:s3:::b")).to.equal(undefined);
  });

  it("a key ARN is used as given; an alias becomes the key it targets; a different or missing alias is refused", () => {
    expect(kmsKeyArnOf(KEY)).to.equal(KEY);
    expect(kmsKeyArnOf(ALIAS, { arn: ALIAS, targetKeyArn: KEY })).to.equal(KEY);
    const other = "arn:aws:kms:us-east-1:999999999999:alias/sink";
    expect(() => kmsKeyArnOf(ALIAS, { arn: other, targetKeyArn: KEY })).to.throw(
      `msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": the alias in this account is ${other}; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
    expect(() => kmsKeyArnOf(ALIAS)).to.throw(
      `msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": no such alias in this account and region; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
  });

  it("refuses a key in another region than the stack's before any lookup", () => {
    const raw = {
      ...CREATED_STACK,
      bucket: { create: { kmsKeyArn: ALIAS.replace("us-east-1", "eu-west-1") } },
    };
    expect(() => parseStackConfig(raw, { stack: "staging", region: "us-east-1" })).to.throw(
      `msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS.replace("us-east-1", "eu-west-1")}": is in eu-west-1, but the stack deploys to us-east-1 (aws:region): S3 encrypts with a KMS key of the bucket's region`,
    );
  });

  it("the stack looks the alias up and puts the key ARN in the role policy and the bucket encryption", async () => {
    const asked: unknown[] = [];
    const run = await runProgram("staging", withKms(ALIAS), {
      ...mskApiInvokes(),
      "aws:kms/getAlias:getAlias": (args) => {
        asked.push(args);
        return { arn: ALIAS, name: "alias/sink", targetKeyArn: KEY, targetKeyId: "1234", id: ALIAS };
      },
    });
    if (run.error) throw run.error;
    expect(asked).to.deep.equal([{ name: "alias/sink" }]);
    const policy: unknown = JSON.parse(
      at<string>(one(run.resources, "aws:iam/rolePolicy:RolePolicy").inputs, "policy"),
    );
    const statements = at<{ Sid: string; Resource: unknown }[]>(policy, "Statement");
    expect(statements.find((s) => s.Sid === "SinkObjectsKms")?.Resource).to.equal(KEY);
    const sse = one(
      run.resources,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    expect(at(sse.inputs, "rules", 0, "applyServerSideEncryptionByDefault")).to.deep.equal({
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: KEY,
    });
  });

  it("a key ARN needs no lookup; an alias that does not exist stops the stack before anything is registered", async () => {
    const direct = await runProgram("staging", withKms(KEY), mskApiInvokes());
    if (direct.error) throw direct.error;
    expect(direct.invoked).to.not.include("aws:kms/getAlias:getAlias");
    const missing = await runProgram("staging", withKms(ALIAS), {
      ...mskApiInvokes(),
      "aws:kms/getAlias:getAlias": () => {
        throw new Error("reading KMS Alias (alias/sink): not found");
      },
    });
    expect(missing.error?.message).to.equal(
      `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": no such alias in this account and region; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
    expect(missing.resources).to.deep.equal([]);
  });
});
