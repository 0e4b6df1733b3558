import * as pulumi from "@pulumi/pulumi";
import { CustomPlugin } from "./components/customPlugin";
import { ExecutionRole } from "./components/executionRole";
import { KafkaTopics } from "./components/kafkaTopics";
import { checkLiveTopics, lookupClientHost, lookupCluster } from "./components/lookups";
import { NetworkPrerequisites } from "./components/networkPrerequisites";
import { checkNetwork } from "./components/networkLookups";
import { PluginObject } from "./components/pluginObject";
import { S3SinkConnector } from "./components/s3SinkConnector";
import { SinkBucket } from "./components/sinkBucket";
import { ResourceMode, TopicManagement } from "./lib/config/enums";
import { parseStackConfig } from "./lib/config/settings";
import { connectorProperties, topicPrefixes } from "./lib/connector/properties";
import { topicsSpec } from "./lib/kafka/topicCommands";
import { resolvePluginSource } from "./lib/s3/plugin";
import { rawStackConfig } from "./lib/config/stackConfig";
import { networkNeeds } from "./lib/network/needs";

/** The stack: validate config, look up what exists, then register the pipeline. */
export = async () => {
  const { raw, region } = rawStackConfig(pulumi.runtime.allConfig());
  const s = parseStackConfig(raw, { stack: pulumi.getStack(), region });
  const pluginSource = await resolvePluginSource(s.plugin, ".plugin-cache");
  const cluster = await lookupCluster(s);
  const remote = s.topicManagement === TopicManagement.Remote;
  if (!remote) await checkLiveTopics(s, cluster.arn);
  const host = remote ? await lookupClientHost(s.client) : undefined;
  const properties = connectorProperties({
    region: s.region,
    bucket: s.bucket.name,
    topics: s.topics.names,
    preset: s.deliveryPreset,
    overrides: s.connector.properties,
  });
  const s3Endpoint = await checkNetwork(s, networkNeeds(s, cluster, properties));

  const id = s.userId;
  const b = s.bucket;
  const sink = new SinkBucket(`${id}-bucket`, {
    bucketName: b.name,
    mode: b.mode,
    ...(b.mode === ResourceMode.Create
      ? {
          forceDestroy: b.forceDestroy,
          kmsKeyArn: b.kmsKeyArn,
          noncurrentVersionDays: b.noncurrentVersionDays,
        }
      : {}),
    protect: !s.isDev,
  });
  const zip = new PluginObject(`${id}-plugin-object`, {
    bucketName: sink.bucketName,
    key: s.plugin.objectKey,
    source: pluginSource.location,
    sourceKind: pluginSource.kind,
  });
  const plugin = new CustomPlugin(`${id}-plugin`, {
    pluginName: s.plugin.name,
    bucketArn: sink.bucketArn,
    fileKey: zip.key,
    objectVersion: zip.versionId,
  });
  const topics = new KafkaTopics(`${id}-topics`, {
    ...topicsSpec(s),
    bootstrapServers: cluster.bootstrapServers,
    clusterArn: cluster.arn,
    connection: host
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
    kmsKeyArn: b.mode === ResourceMode.Create ? b.kmsKeyArn : undefined,
  });
  const network = s3Endpoint
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
      bootstrapServers: cluster.bootstrapServers,
      subnetIds: cluster.subnetIds,
      securityGroupIds: cluster.securityGroupIds,
      authentication: s.cluster.authentication,
      pluginArn: plugin.arn,
      pluginRevision: plugin.revision,
      executionRoleArn: role.arn,
      workerConfiguration: s.workerConfiguration,
      logRetentionDays: s.logs.enabled ? s.logs.retentionDays : undefined,
    },
    { dependsOn: network ? [plugin, topics, role, network] : [plugin, topics, role] },
  );

  return {
    bucketName: sink.bucketName,
    topicPrefixes: topicPrefixes(s.bucket.name, properties, s.topics.names),
    connectorArn: connector.arn,
    pluginArn: plugin.arn,
    topicNames: topics.names,
  };
};
