import * as pulumi from "@pulumi/pulumi";
import { CustomPlugin } from "./components/customPlugin";
import { ExecutionRole } from "./components/executionRole";
import { KafkaTopics } from "./components/kafkaTopics";
import {
  checkLiveTopics,
  lookupClientHost,
  lookupCluster,
  lookupConnectorNetwork,
  lookupKmsKey,
} from "./components/lookups";
import { pluginObject, warnAdoptions } from "./components/compose";
import { NetworkPrerequisites } from "./components/networkPrerequisites";
import { checkNetwork } from "./components/networkLookups";
import { S3SinkConnector } from "./components/s3SinkConnector";
import { SinkBucket } from "./components/sinkBucket";
import { ResourceMode, TopicManagement } from "./lib/config/enums";
import { ConfigError, parseStackConfig } from "./lib/config/settings";
import { connectorProperties, topicPrefixes } from "./lib/connector/properties";
import { topicsSpec } from "./lib/kafka/topicCommands";
import { resolvePluginSource } from "./lib/s3/plugin";
import { rawStackConfig } from "./lib/config/stackConfig";
import { operatePipeline } from "./components/operations";
import { hasClient } from "./lib/ops/pipeline";
import { networkNeeds } from "./lib/network/needs";

/** Whether a config key was set with --secret (the SDK knows, but does not type it publicly). */
const isConfigSecret = (key: string) =>
  (pulumi.runtime as { isConfigSecret?: (k: string) => boolean }).isConfigSecret?.(key) ?? false;

/** The stack: validate config, look up what exists, then register the pipeline. */
async function pipeline() {
  const { raw, region } = rawStackConfig(pulumi.runtime.allConfig(), isConfigSecret, pulumi.getStack());
  const s = parseStackConfig(raw, { stack: pulumi.getStack(), region });
  const pluginSource = await resolvePluginSource(s.plugin, ".plugin-cache");
  const cluster = await lookupCluster(s);
  const remote = s.topicManagement === TopicManagement.Remote;
  if (!remote) await checkLiveTopics(s, cluster.arn);
  // The EC2 client: for remote topics, and for `npm run verify` whenever the stack names one.
  const host = hasClient(s) ? await lookupClientHost(s.client) : undefined;
  const kmsKeyArn = await lookupKmsKey(s.bucket);
  const properties = connectorProperties({
    region: s.region,
    bucket: s.bucket.name,
    topics: s.topics.names,
    preset: s.deliveryPreset,
    overrides: s.connector.properties,
  });
  const s3Endpoint = await checkNetwork(s, networkNeeds(s, cluster, properties));
  const network = await lookupConnectorNetwork(s, cluster);
  await warnAdoptions(s);

  const id = s.userId;
  const b = s.bucket;
  const sink = new SinkBucket(`${id}-bucket`, {
    bucketName: b.name,
    mode: b.mode,
    ...(b.mode === ResourceMode.Create
      ? {
          forceDestroy: b.forceDestroy,
          kmsKeyArn,
          noncurrentVersionDays: b.noncurrentVersionDays,
        }
      : {}),
    protect: !s.isDev,
  });
  const zip = s.plugin.importArn ? undefined : pluginObject(s, pluginSource, sink);
  const plugin = new CustomPlugin(`${id}-plugin`, {
    pluginName: s.plugin.name,
    bucketArn: sink.bucketArn,
    // Adopting, the plugin keeps the zip it was made from (these inputs are ignored for that run).
    fileKey: zip?.key ?? s.plugin.objectKey,
    objectVersion: zip?.versionId ?? "",
    contentId: zip?.contentId ?? "",
    importArn: s.plugin.importArn,
  });
  const topics = new KafkaTopics(`${id}-topics`, {
    ...topicsSpec(s),
    bootstrapServers: cluster.bootstrapServers,
    clusterArn: cluster.arn,
    connection:
      remote && host
        ? {
            host,
            user: s.client.user,
            port: s.client.port,
            privateKey: new pulumi.Config().requireSecret("sshPrivateKey"),
          }
        : undefined,
  });
  const role = new ExecutionRole(`${id}-role`, {
    roleName: s.executionRole.name,
    mode: s.executionRole.mode,
    clusterArn: cluster.arn,
    topicNames: s.topics.names,
    bucketArn: sink.bucketArn,
    kmsKeyArn,
    region: s.region,
    connectorName: s.connector.name,
  });
  const prerequisites = s3Endpoint
    ? new NetworkPrerequisites(`${id}-network`, {
        vpcId: s3Endpoint.vpcId,
        s3ServiceName: s3Endpoint.serviceName,
        routeTableIds: s3Endpoint.routeTableIds,
      })
    : undefined;
  const connector = new S3SinkConnector(
    `${id}-connector`,
    {
      connectorName: s.connector.name,
      kafkaConnectVersion: s.connector.kafkaConnectVersion,
      ...s.connector.capacity,
      properties,
      bootstrapServers: network.bootstrapServers,
      subnetIds: network.subnetIds,
      securityGroupIds: network.securityGroupIds,
      authentication: s.cluster.authentication,
      pluginArn: plugin.arn,
      pluginRevision: plugin.revision,
      executionRoleArn: role.arn,
      workerConfiguration: s.workerConfiguration,
      logRetentionDays: s.logs.enabled ? s.logs.retentionDays : undefined,
      importArn: s.connector.importArn,
    },
    { dependsOn: prerequisites ? [plugin, topics, role, prerequisites] : [plugin, topics, role] },
  );

  return {
    bucketName: sink.bucketName,
    topicPrefixes: topicPrefixes(s.bucket.name, properties, s.topics.names),
    connectorArn: connector.arn,
    pluginArn: plugin.arn,
    topicNames: topics.names,
    // Operations: alarms, dashboard, console links, `aws s3 ls` commands, verifyTarget.
    ...operatePipeline({
      settings: s,
      properties,
      connectorArn: connector.arn,
      connector,
      bootstrapServers: cluster.bootstrapServers,
      clientHost: host,
    }),
  };
}

/** A bad setting ends the run with its message alone: no stack trace, nothing registered. */
export = async () => {
  try {
    return await pipeline();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const clean = new pulumi.RunError(error.message);
    // The SDK still renders an unhandled error's stack with util.inspect, which took ~30 s here
    // (Node 20, source-mapped frames); a config error's stack says nothing useful anyway.
    clean.stack = "";
    throw clean;
  }
};
