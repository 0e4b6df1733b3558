import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { clusterMovedWarning, ConnectorNetwork, connectorNetwork, networkOf } from "../lib/connector/network";
import { clientAddress, ClusterFacts, clusterFacts } from "../lib/kafka/cluster";
import { Settings } from "../lib/config/settings";
import { FoundAlias, kmsKeyArnOf, parseKmsArn } from "../lib/s3/kms";

/** Looks the cluster up by name before any resource is registered, and checks it fits the settings. */
export async function lookupCluster(s: Settings): Promise<ClusterFacts> {
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

/** A created bucket's SSE-KMS key ARN, an alias resolved to the key it points to; undefined without one. */
export async function lookupKmsKey(bucket: Settings["bucket"]): Promise<string | undefined> {
  if (bucket.mode !== ResourceMode.Create || !bucket.kmsKeyArn) return undefined;
  const arn = parseKmsArn(bucket.kmsKeyArn);
  if (arn?.kind !== "alias") return bucket.kmsKeyArn;
  let found: FoundAlias | undefined;
  try {
    found = await aws.kms.getAlias({ name: arn.resource });
  } catch {
    found = undefined;
  }
  return kmsKeyArnOf(bucket.kmsKeyArn, found);
}

/**
 * The connector this stack deployed, read back from AWS; undefined before the stack has deployed one (its
 * own last outputs, read through a StackReference, have no connectorArn) or when it is gone.
 */
export async function lookupDeployedConnector(
  connectorName: string,
): Promise<aws.mskconnect.Connector | undefined> {
  const self = new pulumi.StackReference(
    `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  );
  if (!(await self.getOutputDetails("connectorArn")).value) return undefined;
  let arn: string;
  try {
    arn = (await aws.mskconnect.getConnector({ name: connectorName })).arn;
  } catch {
    return undefined;
  }
  return aws.mskconnect.Connector.get(`${connectorName}-deployed`, arn);
}

/** The connector's network: the live cluster's, or what the deployed connector has, with a warning when they differ. */
export async function lookupConnectorNetwork(
  s: Settings,
  live: ClusterFacts,
): Promise<pulumi.Output<ConnectorNetwork>> {
  const deployed = await lookupDeployedConnector(s.connector.name);
  const running: pulumi.Output<ConnectorNetwork | undefined> = deployed
    ? deployed.kafkaCluster.apply(networkOf)
    : pulumi.output(undefined);
  return running.apply(async (network) => {
    const choice = connectorNetwork({
      live,
      configured: s.cluster,
      deployed: network,
      follow: s.connector.followClusterChanges,
    });
    if (choice.notApplied.length > 0)
      await pulumi.log.warn(clusterMovedWarning(s.cluster.name, s.connector.name, choice.notApplied));
    return choice.network;
  });
}
