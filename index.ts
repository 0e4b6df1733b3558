import { clientConnection, pluginObject, s3Endpoint, sinkBucket } from "./components/compose";
import { CustomPlugin } from "./components/customPlugin";
import { discover, runStack } from "./components/discover";
import { ExecutionRole } from "./components/executionRole";
import { KafkaTopics } from "./components/kafkaTopics";
import { operatePipeline } from "./components/operations";
import { S3SinkConnector } from "./components/s3SinkConnector";
import { TopicManagement } from "./lib/config/enums";
import type { Settings } from "./lib/config/settings";
import { topicsSpec } from "./lib/kafka/topicCommands";
import { sinkObjects } from "./lib/connector/properties";

/**
 * The stack, in the walkthrough's order, from its checked settings: look up what exists, then the bucket, the
 * plugin zip, the custom plugin, the topics, the role, the connector, and what operates it.
 */
async function pipeline(s: Settings) {
  const found = await discover(s);
  const { cluster, host, kmsKeyArn, properties, network } = found;

  const id = s.userId;
  const sink = sinkBucket(s, kmsKeyArn);
  const zip = s.plugin.importArn ? undefined : pluginObject(s, found.pluginSource, sink);
  const plugin = new CustomPlugin(`${id}-plugin`, {
    pluginName: s.plugin.name,
    bucketArn: sink.bucketArn,
    // Adopting, the plugin keeps the zip it was made from (these inputs are ignored for that run).
    fileKey: zip?.key ?? s.plugin.objectKey,
    objectVersion: zip?.versionId ?? "",
    contentId: zip?.contentId ?? "",
    importArn: s.plugin.importArn,
  });
  const remote = s.topicManagement === TopicManagement.Remote;
  const topics = new KafkaTopics(`${id}-topics`, {
    ...topicsSpec(s),
    bootstrapServers: cluster.bootstrapServers,
    clusterArn: cluster.arn,
    connection: remote && host ? clientConnection(s, host) : undefined,
  });
  const role = new ExecutionRole(`${id}-role`, {
    roleName: s.executionRole.name,
    mode: s.executionRole.mode,
    clusterArn: cluster.arn,
    topicNames: s.topics.names,
    bucketArn: sink.bucketArn,
    objects: sinkObjects(properties),
    kmsKeyArn,
    region: s.region,
    connectorName: s.connector.name,
  });
  const endpoint = s3Endpoint(`${id}-network`, found.s3Endpoint);
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
    { dependsOn: [plugin, topics, role, ...(endpoint ? [endpoint] : [])] },
  );

  return {
    bucketName: sink.bucketName,
    connectorArn: connector.arn,
    pluginArn: plugin.arn,
    topicNames: topics.names,
    // Remote topics: configs set on them by hand, which the stack leaves alone (its script's stdout stays secret).
    ...(topics.unmanagedConfigs ? { unmanagedTopicConfigs: topics.unmanagedConfigs } : {}),
    ...(endpoint ? { s3GatewayEndpointId: endpoint.s3GatewayEndpointId } : {}),
    // Operations: per-topic S3 prefixes, alarms, dashboard, console links, `aws s3 ls` commands, verifyTarget.
    ...(await operatePipeline({
      settings: s,
      properties,
      connector,
      bootstrapServers: cluster.bootstrapServers,
      clientHost: host,
    })),
  };
}

export = runStack(pipeline);
