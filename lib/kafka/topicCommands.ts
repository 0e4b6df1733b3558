import { Settings } from "../config/settings";
import { deleteTopicsScript, ensureTopicsScript, KafkaToolsTarget } from "./topics";

/** Where the stack's Kafka tools run, given the cluster's bootstrap brokers. */
export function toolsTarget(s: Settings, bootstrapServers: string): KafkaToolsTarget {
  return {
    binDir: s.client.kafkaBinDir,
    bootstrapServers,
    commandConfig: s.client.commandConfig,
    toolTimeoutSeconds: s.client.toolTimeoutSeconds,
  };
}

/** The remote command's scripts: create and update both ensure (idempotent); delete only when the stack opted in. */
export function topicCommands(
  s: Settings,
  bootstrapServers: string,
): { create: string; update: string; delete?: string } {
  const target = toolsTarget(s, bootstrapServers);
  const ensure = ensureTopicsScript(target, s.topics);
  return s.topics.deleteOnDestroy
    ? { create: ensure, update: ensure, delete: deleteTopicsScript(target, s.topics.names) }
    : { create: ensure, update: ensure };
}
