/** Compliant resources, one per type the pack checks; each test breaks one thing. */
import { connectorTrustPolicy, executionRolePolicy } from "../../lib/connector/iam";
import { denyInsecureTransportPolicy } from "../../lib/s3/bucketPolicy";
import { Fixture } from "./harness";

export const T = {
  bucket: "aws:s3/bucket:Bucket",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  connector: "aws:mskconnect/connector:Connector",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  topic: "aws:msk/topic:Topic",
  command: "command:remote:Command",
} as const;

export const BUCKET = "orders-kafka-sink-eu-west-1";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
export const CLUSTER =
  "arn:aws:kafka:eu-west-1:123456789012:cluster/orders-msk/5c3f4e8a-1b2c-4d5e-9f00-112233445566-2";
export const TOPICS = ["orders.pin", "orders.geo", "orders.user"];
export const REGEX = "(orders\\.pin|orders\\.geo|orders\\.user)";
export const KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtestonly\n-----END OPENSSH PRIVATE KEY-----\n";

export const bucketProps = () => ({ bucket: BUCKET, forceDestroy: false });
export const tlsPolicy = () => JSON.stringify(denyInsecureTransportPolicy(BUCKET_ARN));
export const trustPolicy = () =>
  JSON.stringify(
    connectorTrustPolicy({
      partition: "aws",
      region: "eu-west-1",
      accountId: "123456789012",
      connectorName: "orders-connector",
    }),
  );
export const rolePolicyDocument = () =>
  JSON.stringify(
    executionRolePolicy({
      clusterArn: CLUSTER,
      topics: TOPICS,
      bucketArn: BUCKET_ARN,
      objects: { prefix: "topics/", tagging: false },
    }),
  );

/** The prod connector's shape: TLS, IAM, CloudWatch logs, exact regex, explicit null handling. */
export function connectorProps(config: Record<string, string | undefined> = {}): Record<string, unknown> {
  const base: Record<string, string> = {
    "connector.class": "io.confluent.connect.s3.S3SinkConnector",
    "s3.region": "eu-west-1",
    "s3.bucket.name": BUCKET,
    "topics.regex": REGEX,
    "behavior.on.null.values": "ignore",
  };
  for (const [k, v] of Object.entries(config))
    if (v === undefined) delete base[k];
    else base[k] = v;
  return {
    name: "orders-connector",
    connectorConfiguration: base,
    kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
    kafkaClusterClientAuthentication: { authenticationType: "IAM" },
    logDelivery: {
      workerLogDelivery: { cloudwatchLogs: { enabled: true, logGroup: "/aws/mskconnect/orders-connector" } },
    },
  };
}

export const AWS_PROVIDER = {
  type: "pulumi:providers:aws",
  urn: "urn:pulumi:prod::msk-s3-sink::pulumi:providers:aws::default",
  name: "default",
  props: { region: "eu-west-1" },
};

export const connector = (patch: Partial<Fixture> = {}): Fixture => ({
  type: T.connector,
  name: "orders-connector",
  props: connectorProps(),
  opts: { deleteBeforeReplace: true },
  provider: AWS_PROVIDER,
  ...patch,
});

/** A remote command in the program's shape: idempotent ensure script, secret connection, 20-minute timeouts. */
export function commandProps(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const script =
    "set -eu\nkt() { timeout 120 ./kafka-topics.sh --bootstrap-server 'b-1:9098' \"$@\"; }\ntopics='orders.pin orders.geo orders.user'\nfor t in $topics; do kt --create --topic \"$t\"; done\n";
  return {
    connection: { host: "203.0.113.10", user: "ec2-user", port: 22, privateKey: KEY },
    create: script,
    update: script,
    logging: "none",
    ...patch,
  };
}

export const TWENTY_MINUTES = { createSeconds: 1200, updateSeconds: 1200, deleteSeconds: 1200 };
export const command = (patch: Partial<Fixture> = {}): Fixture => ({
  type: T.command,
  name: "orders-topics-ensure",
  props: commandProps(),
  opts: { customTimeouts: TWENTY_MINUTES, additionalSecretOutputs: ["connection", "stdout", "stderr"] },
  ...patch,
});
