/** Config schema of the Kafka side: the MSK cluster, the sink topics and the EC2 client that manages them. */
import { z } from "zod";
import { ClusterKind, KafkaAuthentication } from "./enums";
import { int, mapOnly, text, flag } from "./zodParts";

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
