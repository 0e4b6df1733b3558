import * as aws from "@pulumi/aws";
import { ResourceMode } from "../lib/config/enums";
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
