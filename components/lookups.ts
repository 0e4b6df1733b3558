import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ClusterKind } from "../lib/config/enums";
import { ConfigError, describeProblem, oneLine } from "../lib/config/errors";
import { Settings } from "../lib/config/settings";
import { clusterMovedWarning, ConnectorNetwork, connectorNetwork, networkOf } from "../lib/connector/network";
import { clientAddress, ClusterFacts, clusterFacts, serverlessClusterFacts } from "../lib/kafka/cluster";
import { LiveTopic, liveTopicFindings } from "../lib/kafka/liveTopics";
import { isNotFound } from "../lib/provider/notFound";
import { parseKmsArn } from "../lib/config/arns";
import { kmsKeyPath } from "../lib/config/rules";
import { AliasLookup, kmsKeyArnOf } from "../lib/s3/kms";

/**
 * Looks the cluster up before any resource is registered, and checks it fits the settings. A
 * provisioned cluster by name; a serverless one by ARN (`getCluster` finds provisioned clusters
 * only, terraform-provider-aws#35909; `getBootstrapBrokers` answers for both kinds).
 */
export async function lookupCluster(s: Settings): Promise<ClusterFacts> {
  if (s.cluster.kind === ClusterKind.Serverless)
    return serverlessClusterFacts(s, await aws.msk.getBootstrapBrokers({ clusterArn: s.cluster.arn ?? "" }));
  return clusterFacts(s, await aws.msk.getCluster({ clusterName: s.cluster.name }));
}

/** The EC2 client's address: configured, or found by instance id or running instance with that Name tag. */
export async function lookupClientHost(client: Settings["client"]): Promise<string> {
  if (client.host) return client.host;
  const instance = client.instanceId
    ? await aws.ec2.getInstance({ instanceId: client.instanceId })
    : await aws.ec2.getInstance({
        filters: [
          { name: "tag:Name", values: [client.instanceName ?? ""] },
          { name: "instance-state-name", values: ["running"] },
        ],
      });
  return clientAddress(client, instance);
}

/** The bucket's SSE-KMS key ARN (a created bucket's or an adopted one's), an alias resolved to its key. */
export async function lookupKmsKey(bucket: Settings["bucket"]): Promise<string | undefined> {
  if (!bucket.kmsKeyArn) return undefined;
  const arn = parseKmsArn(bucket.kmsKeyArn);
  if (arn?.kind !== "alias") return bucket.kmsKeyArn;
  let lookup: AliasLookup;
  try {
    lookup = await aws.kms.getAlias({ name: arn.resource });
  } catch (error) {
    lookup = isNotFound("alias", error) ? undefined : { failed: error };
  }
  return kmsKeyArnOf(bucket.kmsKeyArn, kmsKeyPath(bucket.mode), lookup);
}

/**
 * Ends the run with this message alone, before anything is registered. A RunError prints no stack, but the SDK
 * still renders an unhandled error's stack with util.inspect, which took ~30 s (Node 20, source-mapped frames).
 */
export function stopRun(message: string): never {
  const error = new pulumi.RunError(message);
  error.stack = "";
  throw error;
}

/**
 * The connector of that name in the account, read back from AWS; undefined when the provider finds none.
 * Looked up by name, never through the stack's own outputs: a first update that failed after creating the
 * connector records none (pulumi/pulumi#16289). Any other failure of the lookup stops the run: taking it
 * for "gone" would replace the connector.
 */
export async function lookupDeployedConnector(name: string): Promise<aws.mskconnect.Connector | undefined> {
  let arn: string;
  try {
    arn = (await aws.mskconnect.getConnector({ name })).arn;
  } catch (error) {
    // The data source pages through ListConnectors, then reads tags with ListTagsForResource
    // (terraform-provider-aws internal/service/kafkaconnect/connector_data_source.go, @Tags;
    // internal/provider/sdkv2/tags_interceptor.go).
    if (isNotFound("connector", error)) return undefined;
    stopRun(
      `connector ${name} could not be read back (${oneLine(error)}), and its network decides whether it is replaced, so nothing was changed: the deployer needs kafkaconnect:ListConnectors and kafkaconnect:ListTagsForResource; if AWS throttled the request, run again`,
    );
  }
  // Reads run during previews too (pulumi/pulumi pkg/resource/deploy/step.go, ReadStep.Apply), so its
  // network and configuration are known before anything is registered; a failed read (DescribeConnector) ends the run.
  return aws.mskconnect.Connector.get(`${name}-deployed`, arn);
}

/** The connector's network: the live cluster's, or what the deployed connector has, with a warning when they differ. */
export async function lookupConnectorNetwork(
  s: Settings,
  live: ClusterFacts,
  deployed: aws.mskconnect.Connector | undefined,
): Promise<ConnectorNetwork> {
  const choice = connectorNetwork({
    live,
    configured: s.cluster,
    deployed:
      deployed && (await new Promise((resolve) => deployed.kafkaCluster.apply((c) => resolve(networkOf(c))))),
    follow: s.connector.followClusterChanges,
  });
  if (choice.notApplied.length > 0)
    await pulumi.log.warn(clusterMovedWarning(s.cluster.name, s.connector.name, choice.notApplied, s.stack));
  return choice.network;
}

/**
 * MSK API topics: reads each topic from the cluster and refuses, before any change, what the MSK
 * API cannot do to it (lib/kafka/liveTopics.ts). A topic the lookup cannot read is reported as a
 * warning; the component still never replaces a topic (it ignores replication-factor changes).
 */
export async function checkLiveTopics(s: Settings, clusterArn: string): Promise<void> {
  const found = await Promise.all(
    s.topics.names.map(async (name): Promise<[string, LiveTopic] | undefined> => {
      try {
        const t = await aws.msk.getTopic({ clusterArn, name });
        return [name, { partitionCount: t.partitionCount, replicationFactor: t.replicationFactor }];
      } catch (error) {
        if (!isNotFound("topic", error))
          void pulumi.log.warn(
            `could not read topic ${name} through the MSK API (${oneLine(error)}); its partitions and replication factor were not compared with msk-s3-sink:topics`,
          );
        return undefined;
      }
    }),
  );
  const live = new Map(found.filter((f) => f !== undefined));
  const wanted = { partitions: s.topics.partitions ?? 0, replicationFactor: s.topics.replicationFactor ?? 0 };
  const findings = liveTopicFindings(wanted, live);
  if (findings.length > 0)
    throw new ConfigError(findings.map(([path, message]) => describeProblem(s, path, message)));
}
