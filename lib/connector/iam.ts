/** IAM policy documents of the connector's execution role, as plain objects (JSON.stringify them for AWS). */
import type { SinkObjects } from "./properties";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  /** Absent in trust policies. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Where and for which connector MSK Connect may assume the execution role. */
export interface TrustScope {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  partition: string;
  region: string;
  accountId: string;
  /** The connector's name; its ARN is `…:connector/<name>/<uuid>`. */
  connectorName: string;
}

/** ARNs of every connector with this name (each replacement gets a new uuid). */
export function connectorArnPattern(t: TrustScope): string {
  return `arn:${t.partition}:kafkaconnect:${t.region}:${t.accountId}:connector/${t.connectorName}/*`;
}

/**
 * Only MSK Connect, acting for this account and for this connector, may assume the execution role: the
 * trust policy of AWS's "Service execution role" page, whose conditions guard against the cross-service
 * confused deputy (https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-service-execution-role.html).
 */
export function connectorTrustPolicy(t: TrustScope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "MskConnectAssumeRole",
        Effect: "Allow",
        Principal: { Service: "kafkaconnect.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": t.accountId },
          ArnLike: { "aws:SourceArn": connectorArnPattern(t) },
        },
      },
    ],
  };
}

/** `arn:aws:kafka:region:acct:cluster/name/uuid` → the same cluster's topic or group ARN for `resource`. */
export function kafkaResourceArn(clusterArn: string, kind: "topic" | "group", resource: string): string {
  if (!/:cluster\/[^/]+\/[^/]+$/.test(clusterArn)) throw new Error(`not an MSK cluster ARN: ${clusterArn}`);
  return `${clusterArn.replace(":cluster/", `:${kind}/`)}/${resource}`;
}

export interface ExecutionRoleScope {
  clusterArn: string;
  topics: readonly string[];
  bucketArn: string;
  /** Where the sink writes and whether it tags objects (`sinkObjects` of its effective properties). */
  objects: SinkObjects;
  /** The bucket's SSE-KMS key, and the endpoint S3 calls KMS through for the role (`s3ViaService`). */
  kms?: { keyArn: string; viaService: string };
}

/**
 * The `kms:ViaService` value for S3 in a region: "<service>.<region>.<DNS suffix>" (AWS KMS developer
 * guide, "AWS KMS condition keys", kms:ViaService); the suffix is the partition's (aws.getPartition).
 */
export function s3ViaService(region: string, dnsSuffix: string): string {
  return `s3.${region}.${dnsSuffix}`;
}

/** Least privilege for an IAM-authenticated S3 sink connector: read the sink topics, run Connect, write the bucket. */
export function executionRolePolicy(scope: ExecutionRoleScope): PolicyDocument {
  const { clusterArn, bucketArn, objects } = scope;
  const internal = kafkaResourceArn(clusterArn, "topic", "__amazon_msk_connect_*");
  const statements: PolicyStatement[] = [
    {
      Sid: "ClusterConnect",
      Effect: "Allow",
      Action: ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
      Resource: clusterArn,
    },
    {
      Sid: "ReadSinkTopics",
      Effect: "Allow",
      Action: ["kafka-cluster:ReadData", "kafka-cluster:DescribeTopic"],
      Resource: scope.topics.map((t) => kafkaResourceArn(clusterArn, "topic", t)),
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
      Resource: internal,
    },
    {
      Sid: "ConnectConsumerGroups",
      Effect: "Allow",
      Action: ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
      Resource: [
        kafkaResourceArn(clusterArn, "group", "connect-*"),
        kafkaResourceArn(clusterArn, "group", "__amazon_msk_connect_*"),
      ],
    },
    {
      Sid: "SinkBucket",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
      Resource: bucketArn,
    },
    {
      // The S3 sink 10.0.3 writes through multipart uploads only (S3OutputStream: CreateMultipartUpload,
      // UploadPart, CompleteMultipartUpload, all authorized by s3:PutObject, and AbortMultipartUpload on
      // failure); it tags objects with s3.object.tagging (S3Storage.addTags) and reads none back. Its
      // bucket check (doesBucketExistV2, GetBucketAcl) counts AccessDenied as "exists".
      Sid: "SinkObjects",
      Effect: "Allow",
      Action: [
        "s3:PutObject",
        "s3:AbortMultipartUpload",
        ...(objects.tagging ? ["s3:PutObjectTagging"] : []),
      ],
      // Only under <topics.dir>/: the plugin zip in the same bucket stays out of the role's reach.
      Resource: `${bucketArn}/${objects.prefix}*`,
    },
  ];
  if (scope.kms)
    statements.push({
      Sid: "SinkObjectsKms",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: scope.kms.keyArn,
      // Only when S3 uses the key for the role (SSE-KMS), never through direct KMS calls.
      Condition: { StringEquals: { "kms:ViaService": scope.kms.viaService } },
    });
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * How long the connector waits after the execution role's trust or permissions policy was put: the bound
 * terraform-provider-aws itself gives IAM changes to propagate (`propagationTimeout = 2 * time.Minute`,
 * internal/service/iam/wait.go, after AWS IAM's "changes are eventually consistent"). Its CreateConnector
 * (internal/service/kafkaconnect/connector.go) calls the API once, with no retry on an unassumable role.
 */
export const IAM_PROPAGATION_SECONDS = 120;

/**
 * The wait itself, as a command on the machine running `up`: a Node.js timer, since Node is there wherever the
 * program runs (`sleep` is not, in cmd.exe on Windows).
 */
export const IAM_PROPAGATION_WAIT = `node -e "setTimeout(() => {}, ${IAM_PROPAGATION_SECONDS * 1000})"`;
