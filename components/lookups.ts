import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clientAddress, ClusterFacts, clusterFacts, serverlessClusterFacts } from "../lib/kafka/cluster";
import { Settings } from "../lib/config/settings";
import { ClusterKind } from "../lib/config/enums";
import { ConfigError, describeProblem, oneLine } from "../lib/config/errors";
import { isTopicNotFound, LiveTopic, liveTopicFindings } from "../lib/kafka/liveTopics";

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
        if (!isTopicNotFound(error))
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
