import { expect } from "chai";
import { oneLine } from "../../lib/config/errors";
import { parseStackConfig } from "../../lib/stackSettings";
import { arnParts, parseKmsArn } from "../../lib/config/arns";
import { kmsKeyArnOf } from "../../lib/s3/kms";
import { asStackConfig, CREATED_STACK, mskApiInvokes } from "../support/fixtures";
import { at, invokeError } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALIAS = "arn:aws:kms:us-east-1:123456789012:alias/sink";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const withKms = (kmsKeyArn: string) =>
  asStackConfig("us-east-1", { ...CREATED_STACK, bucket: { create: { name: "u1-sink", kmsKeyArn } } });
/**
 * How a failed aws.kms.getAlias reaches the program: the data source (terraform-provider-aws
 * internal/service/kms/alias_data_source.go) wraps its finder's error in "reading KMS Alias (<name>)";
 * the finder (ListAliases, then AssertSingleValueResult) reports a missing alias as "empty result".
 */
const aliasError = (cause: string) =>
  `invoking aws:kms/getAlias:getAlias: 1 error occurred:\n\t* reading KMS Alias (alias/sink): ${cause}`;
const ACCESS_DENIED =
  "operation error KMS: ListAliases, https response error StatusCode: 400, RequestID: 5f1c, api error AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: kms:ListAliases because no identity-based policy allows the kms:ListAliases action";

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

  // ARN format: arn:<partition>:<service>:<region>:<account-id>:<resource>, partitions aws, aws-cn, aws-us-gov
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
  it("arnParts reads region and account in any partition and splits the resource at '/'", () => {
    expect(arnParts("arn:aws-cn:kafka:cn-north-1:123456789012:cluster/sls/5c3f4e8a-1b2c-s1")).to.deep.equal({
      region: "cn-north-1",
      account: "123456789012",
      resource: ["cluster", "sls", "5c3f4e8a-1b2c-s1"],
    });
    expect(arnParts("arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms.fifo")).to.deep.equal({
      region: "us-gov-west-1",
      account: "123456789012",
      resource: ["alarms.fifo"],
    });
    expect(arnParts("arn:aws:kms:us-east-1:123456789012:alias/aws/sns").resource).to.deep.equal([
      "alias",
      "aws",
      "sns",
    ]);
  });

  it("a key ARN is used as given; an alias becomes the key it targets; a different or missing alias is refused", () => {
    const path = ["bucket", "create", "kmsKeyArn"];
    expect(kmsKeyArnOf(KEY, path)).to.equal(KEY);
    expect(kmsKeyArnOf(ALIAS, path, { arn: ALIAS, targetKeyArn: KEY })).to.equal(KEY);
    const other = "arn:aws:kms:us-east-1:999999999999:alias/sink";
    expect(() => kmsKeyArnOf(ALIAS, path, { arn: other, targetKeyArn: KEY })).to.throw(
      `msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": the alias in this account is ${other}; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
    expect(() => kmsKeyArnOf(ALIAS, path)).to.throw(
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
    const sse = one(run.resources, SSE);
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
        throw invokeError(aliasError("empty result"));
      },
    });
    expect(missing.error?.message).to.equal(
      `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": no such alias in this account and region; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
    expect(missing.resources).to.deep.equal([]);
  });

  it("any other failure of the alias lookup (AccessDenied) is named as such, with the permissions to grant, not as a missing alias", async () => {
    const denied = await runProgram("staging", withKms(ALIAS), {
      ...mskApiInvokes(),
      "aws:kms/getAlias:getAlias": () => {
        throw invokeError(aliasError(ACCESS_DENIED));
      },
    });
    expect(denied.error?.message).to.equal(
      `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:bucket.create.kmsKeyArn = "${ALIAS}": the alias could not be read (${oneLine(aliasError(ACCESS_DENIED))}): the deployer needs kms:ListAliases and kms:DescribeKey (what aws.kms.getAlias calls), or give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`,
    );
    expect(denied.resources).to.deep.equal([]);
  });
});

describe("SSE-KMS key of an adopted bucket: the created execution role may use it", () => {
  const adopted = (bucket: Record<string, unknown>, role: unknown = { create: true }) =>
    asStackConfig("us-east-1", { ...CREATED_STACK, bucket, executionRole: role });

  it("bucket.kmsKeyArn (an alias resolved to its key) goes into the role policy, through S3 only; the bucket is left as it is", async () => {
    const run = await runProgram("staging", adopted({ adopt: "u1-sink", kmsKeyArn: ALIAS }), {
      ...mskApiInvokes(),
      "aws:kms/getAlias:getAlias": () => ({
        arn: ALIAS,
        name: "alias/sink",
        targetKeyArn: KEY,
        targetKeyId: "1234",
        id: ALIAS,
      }),
    });
    if (run.error) throw run.error;
    const policy: unknown = JSON.parse(
      at<string>(one(run.resources, "aws:iam/rolePolicy:RolePolicy").inputs, "policy"),
    );
    // kms:ViaService is "<service>.<region>.amazonaws.com" (AWS KMS developer guide, kms:ViaService).
    expect(at<{ Sid: string }[]>(policy, "Statement").find((x) => x.Sid === "SinkObjectsKms")).to.deep.equal({
      Sid: "SinkObjectsKms",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: KEY,
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
    const bucketTypes = ["aws:s3/bucket:Bucket", SSE];
    expect(run.resources.filter((r) => bucketTypes.includes(r.type))).to.deep.equal([]);
  });

  it("refuses bucket.kmsKeyArn that is no KMS ARN, with a created bucket, or with an adopted role, before any lookup", () => {
    const parse =
      (bucket: Record<string, unknown>, role: unknown = { create: true }) =>
      () =>
        parseStackConfig(
          { ...CREATED_STACK, bucket, executionRole: role },
          { stack: "staging", region: "us-east-1" },
        );
    expect(parse({ adopt: "u1-sink", kmsKeyArn: "sink-key" })).to.throw(
      'msk-s3-sink:bucket.kmsKeyArn = "sink-key": must be a KMS key or alias ARN',
    );
    expect(parse({ create: { name: "u1-sink" }, kmsKeyArn: KEY })).to.throw(
      `msk-s3-sink:bucket.kmsKeyArn = "${KEY}": is the key of an adopted bucket; a created bucket takes bucket.create.kmsKeyArn`,
    );
    expect(parse({ adopt: "u1-sink", kmsKeyArn: KEY }, { adopt: "u1-role" })).to.throw(
      `msk-s3-sink:bucket.kmsKeyArn = "${KEY}": is granted only to a created execution role; an adopted role's policy is its owner's: give that role kms:GenerateDataKey and kms:Decrypt on the key`,
    );
    expect(parse({ adopt: "u1-sink", kmsKeyArn: KEY.replace("us-east-1", "eu-west-1") })).to.throw(
      `msk-s3-sink:bucket.kmsKeyArn = "${KEY.replace("us-east-1", "eu-west-1")}": is in eu-west-1, but the stack deploys to us-east-1 (aws:region): S3 encrypts with a KMS key of the bucket's region`,
    );
  });
});
