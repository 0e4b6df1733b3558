/**
 * Everything the stack reads before it creates a resource: its settings, then the plugin source, the
 * cluster, the EC2 client, a KMS alias, live MSK-API topics, the deployed connector's network and the
 * network checks (the only registration here is a read: that connector). Any of these can end the run
 * with its message alone, so nothing is half-created.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TopicManagement } from "../lib/config/enums";
import { ConfigError } from "../lib/config/errors";
import { Settings } from "../lib/config/settings";
import { rawStackConfig } from "../lib/config/stackConfig";
import { parseStackConfig } from "../lib/stackSettings";
import { adoptionWarning } from "../lib/connector/adoption";
import { keyLayoutWarning } from "../lib/connector/keyLayout";
import { ConnectorNetwork } from "../lib/connector/network";
import { connectorProperties, sinkTargetOf } from "../lib/connector/properties";
import { ClusterFacts } from "../lib/kafka/cluster";
import { S3EndpointPlacement } from "../lib/network/endpoints";
import { networkNeeds } from "../lib/network/needs";
import { hasClient } from "../lib/config/rules";
import { PluginSource, resolvePluginSource } from "../lib/s3/plugin";
import {
  checkLiveTopics,
  lookupClientHost,
  lookupCluster,
  lookupConnectorNetwork,
  lookupDeployedConnector,
  lookupKmsKey,
  stopRun,
} from "./lookups";
import { checkNetwork } from "./networkChecks";

/** Whether a config key was set with --secret (the SDK knows, but does not type it publicly). */
const isConfigSecret = (key: string) =>
  (pulumi.runtime as { isConfigSecret?: (k: string) => boolean }).isConfigSecret?.(key) ?? false;

/** The stack's settings, from its config (the project's keys and `aws:region`), checked whole. */
function stackSettings(): Settings {
  const stack = pulumi.getStack();
  const { raw, region } = rawStackConfig(pulumi.runtime.allConfig(), isConfigSecret, stack);
  return parseStackConfig(raw, { stack, region });
}

/**
 * The program as the SDK runs it, given the stack's settings: a bad setting ends the run with its message
 * alone, no stack trace, before anything is registered.
 */
export function runStack<T>(program: (s: Settings) => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await program(stackSettings());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      stopRun(error.message);
    }
  };
}

/** What the stack found, ready for composition. */
export interface Found {
  /** Where the connector zip is uploaded from: a verified local file or an https URL. */
  pluginSource: PluginSource;
  /** The cluster as looked up: its ARN, brokers, subnets and security groups. */
  cluster: ClusterFacts;
  /** The EC2 client's address: for remote topics, and for `npm run verify` whenever the stack names one. */
  host?: string;
  /** The bucket's SSE-KMS key ARN (an alias resolved to its key), when it has one. */
  kmsKeyArn?: string;
  /** The connector's configuration. */
  properties: Record<string, string>;
  /** Set when the stack is to add an S3 gateway endpoint. */
  s3Endpoint?: S3EndpointPlacement;
  /** The connector's brokers, subnets and security groups (pinned to what a deployed connector runs). */
  network: ConnectorNetwork;
}

/** Reads and checks what exists, in the order a user would want errors reported. */
export async function discover(s: Settings): Promise<Found> {
  const pluginSource = await resolvePluginSource(s.plugin, ".plugin-cache");
  const cluster = await lookupCluster(s);
  if (s.topicManagement === TopicManagement.MskApi) await checkLiveTopics(s, cluster.arn);
  const host = hasClient(s) ? await lookupClientHost(s.client) : undefined;
  const kmsKeyArn = await lookupKmsKey(s.bucket);
  const properties = connectorProperties(sinkTargetOf(s));
  const deployed = await lookupDeployedConnector(s.connector.name);
  // The checks and the opt-in endpoint follow the network the connector runs in, not the cluster's alone.
  const network = await lookupConnectorNetwork(s, cluster, deployed);
  const s3Endpoint = await checkNetwork(s, networkNeeds(s, cluster, network, properties));
  await warnKeyLayoutChange(s.connector.name, properties, deployed);
  await warnAdoptions(s);
  return { pluginSource, cluster, host, kmsKeyArn, properties, s3Endpoint, network };
}

/** Says, in the preview, what adopting the plugin or connector does and what to do next. */
async function warnAdoptions(s: Settings): Promise<void> {
  if (s.plugin.importArn)
    await pulumi.log.warn(adoptionWarning("plugin", s.plugin.name, s.plugin.objectKey, s.stack));
  if (s.connector.importArn)
    await pulumi.log.warn(adoptionWarning("connector", s.connector.name, s.plugin.objectKey, s.stack));
}

/** Says, in the preview, when the new properties move the S3 keys from where the deployed connector writes them. */
async function warnKeyLayoutChange(
  connectorName: string,
  properties: Record<string, string>,
  deployed: aws.mskconnect.Connector | undefined,
): Promise<void> {
  if (!deployed) return;
  // A read resource's outputs are known at preview too: the engine reads it then.
  const running = await new Promise<Record<string, string>>((resolve) =>
    deployed.connectorConfiguration.apply(resolve),
  );
  const warning = keyLayoutWarning(connectorName, running, properties);
  if (warning) await pulumi.log.warn(warning);
}
