import { z } from "zod";
import { kafkaConnectArn } from "./arns";
import { PRESETS, TopicManagement } from "./enums";
import { clientSchema, clusterSchema, topicsSchema } from "./schemaKafka";
import { alarmsSchema, dashboardSchema, networkSchema } from "./schemaOps";
import { creatable, flag, int, kmsKeyArn, properties, text } from "./zodParts";

/** The project's config namespace: keys are `msk-s3-sink:<key>`. */
export const NAMESPACE = "msk-s3-sink";

/** The walkthrough's connector zip, from Confluent Hub's CDN. */
export const WALKTHROUGH_PLUGIN_URL =
  "https://d1i4a15mxbxib1.cloudfront.net/api/plugins/confluentinc/kafka-connect-s3/versions/10.0.3/confluentinc-kafka-connect-s3-10.0.3.zip";

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const bucketSchema = z.strictObject({
  /** Name of an existing bucket to use unchanged. */
  adopt: text("an existing bucket name").optional(),
  /** The SSE-KMS key of an adopted bucket's default encryption, for a created execution role to use. */
  kmsKeyArn: kmsKeyArn.optional(),
  /** Create a hardened bucket. */
  create: creatable({
    name: text("a bucket name").optional(),
    forceDestroy: flag.default(false),
    kmsKeyArn: kmsKeyArn.optional(),
    noncurrentVersionDays: int(1, 3650).default(30),
  }).optional(),
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
    .refine(
      (arn) => kafkaConnectArn(arn)?.kind === "custom-plugin",
      "must be a custom plugin ARN (arn:aws:kafkaconnect:<region>:<account>:custom-plugin/<name>/<uuid>)",
    )
    .optional(),
});

/** MSK Connect's MCUs per worker. */
const mcuCount = z.literal([1, 2, 4, 8], { error: "must be 1, 2, 4 or 8" }).default(1);
const provisioned = z.strictObject({
  mcuCount,
  workerCount: int(1, 10).default(1),
});
const autoscaling = z.strictObject({
  mcuCount,
  minWorkerCount: int(1, 10).default(1),
  maxWorkerCount: int(1, 10).default(2),
  scaleInCpuPercent: int(1, 100).default(20),
  scaleOutCpuPercent: int(1, 100).default(80),
});

export const connectorSchema = z.strictObject({
  name: text("the connector name").optional(),
  import: z
    .string()
    .refine(
      (arn) => kafkaConnectArn(arn)?.kind === "connector",
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

/** Everything under the namespace; each key documented in docs/configuration.md, Configuration reference. */
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

export type ParsedConfig = z.output<typeof configSchema>;

/** Top-level keys whose stack values are strings. */
export const SCALAR_KEYS = ["userId", "environment", "deliveryPreset", "topicManagement", "sshPrivateKey"];

/** Top-level keys whose stack values are maps or lists (JSON in Pulumi's config). */
export const OBJECT_KEYS = Object.keys(configSchema.shape).filter((k) => !SCALAR_KEYS.includes(k));
