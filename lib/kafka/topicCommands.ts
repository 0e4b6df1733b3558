import type { Settings } from "../config/settings";
import { TopicManagement } from "../config/enums";
import { deleteTopicsScript, ensureTopicsScript, KafkaToolsTarget } from "./topics";

/** The remote command's outputs the provider stores in state whatever `logging` says: kept secret. */
export const REMOTE_COMMAND_OUTPUTS = ["stdout", "stderr"];

/** The EC2 client's Kafka tools and the bounds on running them. */
export interface KafkaClientTools {
  /** Directory holding kafka-topics.sh and kafka-configs.sh. */
  binDir: string;
  /** Client properties file, relative to `binDir` or absolute. */
  commandConfig: string;
  /** Upper bound of each Kafka tool run, in seconds. */
  toolTimeoutSeconds: number;
  /** Upper bound of the whole remote command, in minutes. */
  commandTimeoutMinutes: number;
}

/** The sink topics and how they are managed: what the KafkaTopics component takes from the stack. */
export interface TopicsSpec {
  topicNames: string[];
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  deleteOnDestroy: boolean;
  management: TopicManagement;
  tools: KafkaClientTools;
}

/** The stack settings' topics, as the component's args. */
export function topicsSpec(s: Settings): TopicsSpec {
  return {
    topicNames: s.topics.names,
    partitions: s.topics.partitions,
    replicationFactor: s.topics.replicationFactor,
    configs: s.topics.configs,
    deleteOnDestroy: s.topics.deleteOnDestroy,
    management: s.topicManagement,
    tools: {
      binDir: s.client.kafkaBinDir,
      commandConfig: s.client.commandConfig,
      toolTimeoutSeconds: s.client.toolTimeoutSeconds,
      commandTimeoutMinutes: s.client.commandTimeoutMinutes,
    },
  };
}

/** The remote command's scripts: create and update both ensure (idempotent); delete only when the stack opted in. */
export function topicCommands(
  spec: Pick<
    TopicsSpec,
    "topicNames" | "partitions" | "replicationFactor" | "configs" | "deleteOnDestroy" | "tools"
  >,
  bootstrapServers: string,
  clusterArn: string,
): { create: string; update: string; delete?: string } {
  const { binDir, commandConfig, toolTimeoutSeconds } = spec.tools;
  const target: KafkaToolsTarget = {
    binDir,
    bootstrapServers,
    commandConfig,
    toolTimeoutSeconds,
    clusterArn,
  };
  const { topicNames: names, partitions, replicationFactor, configs } = spec;
  const ensure = ensureTopicsScript(target, { names, partitions, replicationFactor, configs });
  return spec.deleteOnDestroy
    ? { create: ensure, update: ensure, delete: deleteTopicsScript(target, names) }
    : { create: ensure, update: ensure };
}
