import { expect } from "chai";
import {
  connectorTrustPolicy,
  executionRolePolicy,
  kafkaResourceArn,
  s3ViaService,
} from "../../lib/connector/iam";
import type { PolicyStatement } from "../../lib/connector/iam";
import { denyInsecureTransportPolicy } from "../../lib/s3/bucketPolicy";
import { mskApiInvokes } from "../support/fixtures";
import { at } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";
import { COMPANY } from "../support/worlds";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

const cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/pinterest-msk-cluster/5c3f-uuid-2";

describe("IAM documents", () => {
  it("topic and group ARNs carry the cluster name and UUID", () => {
    expect(kafkaResourceArn(cluster, "topic", "a.pin")).to.equal(
      "arn:aws:kafka:us-east-1:123456789012:topic/pinterest-msk-cluster/5c3f-uuid-2/a.pin",
    );
    expect(kafkaResourceArn(cluster, "group", "connect-*")).to.equal(
      "arn:aws:kafka:us-east-1:123456789012:group/pinterest-msk-cluster/5c3f-uuid-2/connect-*",
    );
    expect(() => kafkaResourceArn("arn:aws:s3:::b", "topic", "t")).to.throw(
      "not an MSK cluster ARN: arn:aws:s3:::b",
    );
  });

  it("trust: only MSK Connect, only for this account and this connector (AWS's service execution role policy)", () => {
    const scope = {
      partition: "aws-cn",
      region: "cn-north-1",
      accountId: "123456789012",
      connectorName: "u1-c",
    };
    expect(connectorTrustPolicy(scope)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "MskConnectAssumeRole",
          Effect: "Allow",
          Principal: { Service: "kafkaconnect.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws-cn:kafkaconnect:cn-north-1:123456789012:connector/u1-c/*" },
          },
        },
      ],
    });
  });

  it("execution role: least privilege on the cluster, the sink topics, Connect's internal topics and groups, the bucket", () => {
    const doc = executionRolePolicy({
      clusterArn: cluster,
      topics: ["a.pin", "a.geo"],
      bucketArn: "arn:aws:s3:::sink",
      objects: { prefix: "topics/", tagging: false },
    });
    const p = "arn:aws:kafka:us-east-1:123456789012";
    expect(doc.Statement).to.deep.equal([
      {
        Sid: "ClusterConnect",
        Effect: "Allow",
        Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
        Resource: cluster,
      },
      {
        Sid: "ReadSinkTopics",
        Effect: "Allow",
        Action: ["kafka-cluster:ReadData", "kafka-cluster:DescribeTopic"],
        Resource: [
          `${p}:topic/pinterest-msk-cluster/5c3f-uuid-2/a.pin`,
          `${p}:topic/pinterest-msk-cluster/5c3f-uuid-2/a.geo`,
        ],
      },
      {
        Sid: "ConnectInternalTopics",
        Effect: "Allow",
        Action: [
          "kafka-cluster:CreateTopic",
          "kafka-cluster:WriteData",
          "kafka-cluster:ReadData",
          "kafka-cluster:DescribeTopic",
        ],
        Resource: `${p}:topic/pinterest-msk-cluster/5c3f-uuid-2/__amazon_msk_connect_*`,
      },
      {
        Sid: "ConnectConsumerGroups",
        Effect: "Allow",
        Action: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
        Resource: [
          `${p}:group/pinterest-msk-cluster/5c3f-uuid-2/connect-*`,
          `${p}:group/pinterest-msk-cluster/5c3f-uuid-2/__amazon_msk_connect_*`,
        ],
      },
      {
        Sid: "SinkBucket",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
        Resource: "arn:aws:s3:::sink",
      },
      // The S3 sink 10.0.3 writes only through multipart uploads (S3OutputStream: CreateMultipartUpload,
      // UploadPart, CompleteMultipartUpload, all authorized by s3:PutObject, and AbortMultipartUpload),
      // under <topics.dir>/: never over the plugin zip at kafka-connect-s3/.
      {
        Sid: "SinkObjects",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
        Resource: "arn:aws:s3:::sink/topics/*",
      },
    ]);
  });

  it("execution role: tags objects only when the sink is told to (s3.object.tagging)", () => {
    const doc = executionRolePolicy({
      clusterArn: cluster,
      topics: ["a"],
      bucketArn: "arn:aws:s3:::sink",
      objects: { prefix: "landing/", tagging: true },
    });
    expect(doc.Statement.find((s) => s.Sid === "SinkObjects")).to.deep.equal({
      Sid: "SinkObjects",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectTagging"],
      Resource: "arn:aws:s3:::sink/landing/*",
    });
  });

  it("execution role: may use the bucket's KMS key when it has one, only through S3 in the stack's region", () => {
    const doc = executionRolePolicy({
      clusterArn: cluster,
      topics: ["a"],
      bucketArn: "arn:aws:s3:::sink",
      objects: { prefix: "topics/", tagging: false },
      kms: {
        keyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
        viaService: s3ViaService("us-east-1", "amazonaws.com"),
      },
    });
    // kms:ViaService takes "<service>.<region>.amazonaws.com" (AWS KMS developer guide, "kms:ViaService").
    expect(doc.Statement.at(-1)).to.deep.equal({
      Sid: "SinkObjectsKms",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "arn:aws:kms:us-east-1:123456789012:key/k",
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
  });

  it("bucket policy: denies any request without TLS", () => {
    expect(denyInsecureTransportPolicy("arn:aws:s3:::sink")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::sink", "arn:aws:s3:::sink/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });
});

describe("the created execution role on the mock runtime (the company world)", () => {
  const NS = "msk-s3-sink";
  const connector = JSON.parse(COMPANY[`${NS}:connector`]) as Record<string, unknown>;
  const withProperties = (properties: Record<string, string>) => ({
    ...COMPANY,
    [`${NS}:connector`]: JSON.stringify({ ...connector, properties }),
  });
  const statements = async (config: Record<string, string>) => {
    const run = await runProgram("prod", config, mskApiInvokes());
    if (run.error) throw run.error;
    const policy: unknown = JSON.parse(at<string>(one(run.resources, ROLE_POLICY).inputs, "policy"));
    return at<PolicyStatement[]>(policy, "Statement");
  };
  const bucket = (JSON.parse(COMPANY[`${NS}:bucket`]) as { create: { name: string } }).create.name;

  it("writes objects only under the sink's topics.dir: the default topics/, or the one connector.properties sets", async () => {
    const sinkObjects = (s: PolicyStatement[]) => s.find((x) => x.Sid === "SinkObjects")?.Resource;
    expect(sinkObjects(await statements(COMPANY))).to.equal(`arn:aws:s3:::${bucket}/topics/*`);
    expect(sinkObjects(await statements(withProperties({ "topics.dir": "landing/kafka" })))).to.equal(
      `arn:aws:s3:::${bucket}/landing/kafka/*`,
    );
  });

  it("refuses a blank topics.dir, and one that holds the plugin zip, before anything is registered", async () => {
    for (const [dir, message] of [
      [
        " ",
        'topics.dir=" ": must name a directory: the connector\'s role may write only under it, and a blank one puts objects at the bucket root',
      ],
      [
        "kafka-connect-s3",
        'topics.dir="kafka-connect-s3": holds the plugin zip (kafka-connect-s3/confluentinc-kafka-connect-s3-10.0.3.zip), which the connector\'s role must not be able to overwrite; choose another directory',
      ],
    ]) {
      const run = await runProgram("prod", withProperties({ "topics.dir": dir }), mskApiInvokes());
      expect(run.error?.message).to.equal(
        `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:connector.properties: ${message} (effective value, preset bulk)`,
      );
      expect(run.resources).to.deep.equal([]);
    }
  });
});
