/**
 * What `npm run verify` needs from a deployed stack, exported as the stack output `verifyTarget`:
 * where records go in (topics, brokers, the EC2 client), where objects come out (bucket, prefixes,
 * the connector's delivery and key-layout properties) and what watch mode reads (connector, consumer
 * group, cluster). No secret: the SSH key stays in stack config.
 */
import { z } from "zod";
import { ClusterKind } from "../config/enums";
import type { Settings } from "../config/settings";
import { topicKeyPrefixes } from "../connector/properties";
import { sinkConsumerGroup } from "./metrics";

/** Connector properties that decide when objects are written and how their keys look. */
export const DELIVERY_KEYS = [
  "flush.size",
  "rotate.interval.ms",
  "rotate.schedule.interval.ms",
  "partitioner.class",
  "partition.duration.ms",
  "partition.field.name",
  "path.format",
  "locale",
  "timezone",
  "timestamp.extractor",
  "format.class",
  "s3.compression.type",
  "s3.part.size",
  "topics.dir",
  "directory.delim",
  "file.delim",
  "filename.offset.zero.pad.width",
  "value.converter",
  "value.converter.schemas.enable",
] as const;

/** The EC2 client verify produces through: the KafkaTopics component's connection and tools. */
const verifyClientSchema = z.object({
  host: z.string(),
  port: z.number(),
  user: z.string(),
  kafkaBinDir: z.string(),
  commandConfig: z.string(),
  toolTimeoutSeconds: z.number(),
});
export type VerifyClient = z.infer<typeof verifyClientSchema>;

/** The stack output `verifyTarget`, as the program writes it and verify reads it back. */
export const verifyTargetSchema = z.object({
  region: z.string(),
  bucket: z.string(),
  topics: z.array(z.string()),
  /** Topic → key prefix (`topics/<topic>/`). */
  keyPrefixes: z.record(z.string(), z.string()),
  deliveryPreset: z.string(),
  /** The effective connector properties among DELIVERY_KEYS. */
  deliveryProperties: z.record(z.string(), z.string()),
  bootstrapServers: z.string(),
  /** Absent when the stack names no EC2 client (MSK API topics and no `client.*`): then verify only watches. */
  client: verifyClientSchema.optional(),
  connectorArn: z.string(),
  /** `connect-<connector>` unless `consumer.override.group.id` sets it: the lag metric's `Consumer Group`. */
  consumerGroup: z.string(),
  clusterName: z.string(),
  clusterKind: z.enum(ClusterKind),
});
export type VerifyTarget = z.infer<typeof verifyTargetSchema>;

/** The output for a stack: settings, effective connector properties, resolved brokers, client host, connector ARN. */
export function verifyTarget(
  s: Settings,
  properties: Readonly<Record<string, string>>,
  bootstrapServers: string,
  clientHost: string | undefined,
  connectorArn: string,
): VerifyTarget {
  const c = s.client;
  return {
    region: s.region,
    bucket: s.bucket.name,
    topics: s.topics.names,
    keyPrefixes: topicKeyPrefixes(properties, s.topics.names),
    deliveryPreset: s.deliveryPreset,
    deliveryProperties: Object.fromEntries(
      DELIVERY_KEYS.filter((k) => properties[k] !== undefined).map((k) => [k, properties[k]]),
    ),
    bootstrapServers,
    connectorArn,
    consumerGroup: sinkConsumerGroup(s.connector.name, properties),
    clusterName: s.cluster.name,
    clusterKind: s.cluster.kind,
    ...(clientHost !== undefined
      ? {
          client: {
            host: clientHost,
            port: c.port,
            user: c.user,
            kafkaBinDir: c.kafkaBinDir,
            commandConfig: c.commandConfig,
            toolTimeoutSeconds: c.toolTimeoutSeconds,
          },
        }
      : {}),
  };
}
