/**
 * Builds the remote commands exactly as the program does: a raw stack config (the shape Pulumi
 * hands over) → parseStackConfig → topicsSpec → topicCommands(spec, bootstrapServers, clusterArn). The tests never
 * hold a copy of the command text.
 */
import { parseStackConfig } from "../../lib/stackSettings";
import { Settings, StackContext } from "../../lib/config/settings";
import { topicCommands, topicsSpec } from "../../lib/kafka/topicCommands";
import type { SshTarget, ToolsLayout } from "./harness";

export const STACK: StackContext = { stack: "it", region: "us-east-1" };
/** The cluster the scripts are told they manage (the harness's broker has no ARN; the record is kept per cluster). */
export const CLUSTER_ARN =
  "arn:aws:kafka:us-east-1:000000000000:cluster/it/00000000-0000-0000-0000-000000000000-1";

/** The `topics` block of the stack config. */
export interface TopicsConfig {
  names?: string[];
  partitions?: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
  deleteOnDestroy?: boolean;
}

/** Where the EC2 client is and what key logs in: the harness's sshd and test user. */
export interface ClientHost {
  sshTarget: SshTarget;
  privateKey: string;
}

/** A raw stack config (msk-s3-sink:* keys, maps parsed) for the EC2 client `host` with `tools`. */
export function rawConfig(
  userId: string,
  host: ClientHost,
  tools: ToolsLayout,
  topics: TopicsConfig,
  toolTimeoutSeconds = 15,
): Record<string, unknown> {
  return {
    userId,
    topicManagement: "remote",
    sshPrivateKey: host.privateKey,
    client: {
      host: host.sshTarget.host,
      port: host.sshTarget.port,
      user: host.sshTarget.user,
      kafkaBinDir: tools.binDir,
      commandConfig: "client.properties",
      toolTimeoutSeconds,
    },
    topics: { deleteOnDestroy: true, ...topics },
  };
}

/** What the KafkaTopics component would hand to remote.Command. */
export interface StackCommands {
  settings: Settings;
  /** The connection remote.Command would open (host, port, user from settings.client). */
  target: SshTarget;
  create: string;
  update: string;
  delete: string;
}

/** parseStackConfig + topicCommands, as the program composes them. */
export function stackCommands(
  raw: unknown,
  bootstrapServers: string,
  clusterArn = CLUSTER_ARN,
): StackCommands {
  const settings = parseStackConfig(raw, STACK);
  const c = topicCommands(topicsSpec(settings), bootstrapServers, clusterArn);
  if (c.delete === undefined) throw new Error("deleteOnDestroy is true, yet topicCommands gave no delete");
  const { host, port, user } = settings.client;
  if (host === undefined) throw new Error("client.host is unset");
  return { settings, target: { host, port, user }, create: c.create, update: c.update, delete: c.delete };
}
