import { expect } from "chai";
import { connectorTrustPolicy, executionRolePolicy, kafkaResourceArn } from "../../lib/connector/iam";
import { denyInsecureTransportPolicy } from "../../lib/s3/bucketPolicy";

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
      {
        Sid: "SinkObjects",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: "arn:aws:s3:::sink/*",
      },
    ]);
  });

  it("execution role: may use the bucket's KMS key when it has one", () => {
    const doc = executionRolePolicy({
      clusterArn: cluster,
      topics: ["a"],
      bucketArn: "arn:aws:s3:::sink",
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    });
    expect(doc.Statement.at(-1)).to.deep.equal({
      Sid: "SinkObjectsKms",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "arn:aws:kms:us-east-1:123456789012:key/k",
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
