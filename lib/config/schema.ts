import { z } from "zod";
import { PRESETS } from "../connector/delivery";
import { ClusterKind, KafkaAuthentication, NetworkChecks, TopicManagement } from "./enums";

/** The project's config namespace: keys are `msk-s3-sink:<key>`. */
export const NAMESPACE = "msk-s3-sink";

/** The walkthrough's connector zip, from Confluent Hub's CDN. */
export const WALKTHROUGH_PLUGIN_URL =
  "https://d1i4a15mxbxib1.cloudfront.net/api/plugins/confluentinc/kafka-connect-s3/versions/10.0.3/confluentinc-kafka-connect-s3-10.0.3.zip";

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const int = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);
const text = (what: string) =>
  z.string({ error: `must be a string (${what})` }).min(1, `must not be empty (${what})`);
/** A record's own message for a non-map value; key and value problems keep their own messages. */
const mapOnly = (message: string) => (issue: { code?: string }) =>
  issue.code === "invalid_type" ? message : undefined;
const flag = z.boolean({ error: "must be true or false" });
const properties = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "property names use A-Z, a-z, 0-9, '.', '_' and '-'"),
  z.string({ error: "must be a string (quote numbers and booleans in YAML)" }),
  { error: mapOnly("must be a map of property name to string value") },
);
/** `create: true` is shorthand for `create: {}`. */
const creatable = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(
    (v) => (v === true ? {} : v),
    z.strictObject(shape, { error: "must be true or a map of settings" }),
  );

export const bucketSchema = z.strictObject({
  /** Name of an existing bucket to use unchanged. */
  adopt: text("an existing bucket name").optional(),
  /** Create a hardened bucket. */
  create: creatable({
    name: text("a bucket name").optional(),
    forceDestroy: flag.default(false),
    kmsKeyArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/, "must be a KMS key or alias ARN")
      .optional(),
    noncurrentVersionDays: int(1, 3650).default(30),
  }).optional(),
});

/** The walkthrough's cluster. */
export const DEFAULT_CLUSTER_NAME = "pinterest-msk-cluster";

export const clusterSchema = z.strictObject({
  name: text("the MSK cluster name").default(DEFAULT_CLUSTER_NAME),
  kind: z
    .enum(ClusterKind, { error: 'must be "provisioned" or "serverless"' })
    .default(ClusterKind.Provisioned),
  kafkaVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?(\.tiered)?$/, 'must be a Kafka version such as "3.6.0"')
    .optional(),
  arn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/,
      "must be an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)",
    )
    .optional(),
  authentication: z
    .enum(KafkaAuthentication, { error: 'must be "iam" or "none"' })
    .default(KafkaAuthentication.Iam),
  bootstrapServers: text("host:port[,host:port...]").optional(),
  subnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id (subnet-…)"), {
      error: "must be a list of subnet ids",
    })
    .min(1)
    .optional(),
  securityGroupIds: z
    .array(z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id (sg-…)"), {
      error: "must be a list of security group ids",
    })
    .min(1)
    .optional(),
});

export const networkSchema = z.strictObject({
  checks: z.enum(NetworkChecks, { error: 'must be "error", "warn" or "off"' }).default(NetworkChecks.Error),
  s3GatewayEndpoint: flag.default(false),
});

export const pluginSchema = z.strictObject({
  source: text("a local file path or an https URL").default(WALKTHROUGH_PLUGIN_URL),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
    .optional(),
  fileName: z
    .string()
    .regex(/^[A-Za-z0-9._-]+\.(zip|jar)$/, "must be a file name ending in .zip or .jar")
    .optional(),
  name: text("the custom plugin name").optional(),
  import: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:kafkaconnect:[a-z0-9-]+:\d{12}:custom-plugin\/[^/]+\/[^/]+$/,
      "must be a custom plugin ARN (arn:aws:kafkaconnect:<region>:<account>:custom-plugin/<name>/<uuid>)",
    )
    .optional(),
});

const provisioned = z.strictObject({
  mcuCount: z
    .union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], { error: "must be 1, 2, 4 or 8" })
    .default(1),
  workerCount: int(1, 10).default(1),
});
const autoscaling = z.strictObject({
  mcuCount: z
    .union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], { error: "must be 1, 2, 4 or 8" })
    .default(1),
  minWorkerCount: int(1, 10).default(1),
  maxWorkerCount: int(1, 10).default(2),
  scaleInCpuPercent: int(1, 100).default(20),
  scaleOutCpuPercent: int(1, 100).default(80),
});

export const connectorSchema = z.strictObject({
  name: text("the connector name").optional(),
  import: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:kafkaconnect:[a-z0-9-]+:\d{12}:connector\/[^/]+\/[^/]+$/,
      "must be a connector ARN (arn:aws:kafkaconnect:<region>:<account>:connector/<name>/<uuid>)",
    )
    .optional(),
  followClusterChanges: flag.default(false),
  kafkaConnectVersion: z.enum(["2.7.1", "3.7.x"], { error: 'must be "2.7.1" or "3.7.x"' }).default("2.7.1"),
  provisioned: provisioned.optional(),
  autoscaling: autoscaling.optional(),
  properties: properties.default({}),
});

export const roleSchema = z.strictObject({
  adopt: text("an existing IAM role name").optional(),
  create: creatable({ name: text("the role name").optional() }).optional(),
});

export const workerConfigurationSchema = z.strictObject({
  adopt: text("an existing worker configuration name").optional(),
  create: creatable({
    name: text("the worker configuration name").optional(),
    properties: properties.optional(),
  }).optional(),
});

export const logsSchema = z.strictObject({
  enabled: flag.default(false),
  retentionDays: z
    .number()
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
      error: `must be one of ${LOG_RETENTION_DAYS.join(", ")}`,
    })
    .default(14),
});

export const topicsSchema = z.strictObject({
  names: z
    .array(z.string({ error: "topic names are strings" }), { error: "must be a list of topic names" })
    .min(1, "must name at least one topic")
    .optional(),
  partitions: int(1, 10000).optional(),
  replicationFactor: int(1, 32).optional(),
  configs: z
    .record(
      z.string().regex(/^[a-z][a-z0-9.]*$/, "topic config names use a-z, 0-9 and '.'"),
      z
        .string({ error: "must be a string" })
        .regex(/^[A-Za-z0-9._,:-]+$/, "topic config values use A-Z, a-z, 0-9, '.', '_', ',', ':' and '-'"),
      { error: mapOnly("must be a map of topic config name to string value") },
    )
    .default({}),
  deleteOnDestroy: flag.default(false),
});

export const clientSchema = z.strictObject({
  host: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, "must be a host name or IP address")
    .optional(),
  instanceId: z
    .string()
    .regex(/^i-[0-9a-f]{8,17}$/, "must be an EC2 instance id (i-…)")
    .optional(),
  instanceName: text("the EC2 client's Name tag").optional(),
  address: z.enum(["public", "private"], { error: 'must be "public" or "private"' }).default("public"),
  user: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "must be a Linux user name")
    .default("ec2-user"),
  port: int(1, 65535).default(22),
  kafkaBinDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]+$/, "must be an absolute path of A-Z, a-z, 0-9, '.', '_', '-' and '/'")
    .default("/home/ec2-user/kafka_2.12-2.8.1/bin"),
  commandConfig: z
    .string()
    .regex(/^[A-Za-z0-9._/-]+$/, "must be a file path of A-Z, a-z, 0-9, '.', '_', '-' and '/'")
    .default("client.properties"),
  toolTimeoutSeconds: int(5, 3600).default(120),
  commandTimeoutMinutes: int(1, 120).default(20),
});

export const alarmsSchema = z.strictObject({
  /** CloudWatch alarms on the connector and the sink's consumer lag (off unless set). */
  enabled: flag.default(false),
  /** Where notifications go: a created SNS topic (default) or an adopted one by ARN. */
  snsTopic: z
    .strictObject({
      adopt: z
        .string()
        .regex(
          /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
          "must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)",
        )
        .optional(),
      create: creatable({
        name: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,256}$/, "an SNS topic name has 1 to 256 of A-Z, a-z, 0-9, '-' and '_'")
          .optional(),
      }).optional(),
    })
    .prefault({}),
  /** E-mail subscription to a created topic (confirmed from the e-mail AWS sends). */
  email: z
    .string({ error: "must be an e-mail address" })
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an e-mail address")
    .optional(),
  /** Consumer time lag (s) above which records count as late; derived from the delivery preset when unset. */
  timeLagSeconds: int(60, 86400).optional(),
});

export const dashboardSchema = z.strictObject({
  /** The stack's CloudWatch dashboard; on outside dev, off in dev unless set. */
  enabled: flag.optional(),
});

/** Everything under the namespace; each key documented in README's configuration reference. */
export const configSchema = z.strictObject({
  userId: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required: the id that names topics, bucket, plugin and connector"
          : "must be a string",
    })
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/,
      "must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'",
    ),
  environment: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, "must be a lowercase name such as dev or prod")
    .optional(),
  deliveryPreset: z.enum(PRESETS, { error: `must be one of ${PRESETS.join(", ")}` }).default("walkthrough"),
  topicManagement: z
    .enum(TopicManagement, { error: 'must be "remote" or "msk-api"' })
    .default(TopicManagement.Remote),
  sshPrivateKey: z
    .string()
    .includes("PRIVATE KEY", { error: "must be an OpenSSH or PEM private key" })
    .optional(),
  bucket: bucketSchema.prefault({}),
  cluster: clusterSchema.prefault({}),
  network: networkSchema.prefault({}),
  plugin: pluginSchema.prefault({}),
  connector: connectorSchema.prefault({}),
  executionRole: roleSchema.prefault({}),
  workerConfiguration: workerConfigurationSchema.prefault({}),
  logs: logsSchema.prefault({}),
  topics: topicsSchema.prefault({}),
  client: clientSchema.prefault({}),
  alarms: alarmsSchema.prefault({}),
  dashboard: dashboardSchema.prefault({}),
});

export type RawConfig = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;

/** Top-level keys whose stack values are strings. */
export const SCALAR_KEYS = ["userId", "environment", "deliveryPreset", "topicManagement", "sshPrivateKey"];

/** Top-level keys whose stack values are maps or lists (JSON in Pulumi's config). */
export const OBJECT_KEYS = Object.keys(configSchema.shape).filter((k) => !SCALAR_KEYS.includes(k));
