import * as aws from "@pulumi/aws";
import { ConfigError } from "../lib/config";
import { BROKER_PORT, mskApiProblem } from "../lib/configRules";
import { Settings } from "../lib/config";

/** What the connector and topics need from the existing MSK cluster. */
export interface ClusterFacts {
  arn: string;
  bootstrapServers: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

/** Looks the cluster up by name before any resource is registered, and checks it fits the settings. */
export async function lookupCluster(s: Settings): Promise<ClusterFacts> {
  const c = await aws.msk.getCluster({ clusterName: s.cluster.name });
  const brokers =
    s.cluster.bootstrapServers ??
    (s.cluster.authentication === "iam" ? c.bootstrapBrokersSaslIam : c.bootstrapBrokersTls);
  const problems: string[] = [];
  if (!brokers)
    problems.push(
      `msk-s3-sink:cluster.authentication = "${s.cluster.authentication}": cluster ${s.cluster.name} has no brokers on port ${BROKER_PORT[s.cluster.authentication]} for it; enable that authentication on the cluster`,
    );
  const apiProblem =
    s.topicManagement === "msk-api" ? mskApiProblem("provisioned", c.kafkaVersion) : undefined;
  if (apiProblem) problems.push(`msk-s3-sink:topicManagement = "msk-api": ${apiProblem}`);
  if (problems.length > 0) throw new ConfigError(problems);
  const nodes = c.brokerNodeGroupInfos[0];
  return {
    arn: c.arn,
    bootstrapServers: brokers,
    subnetIds: s.cluster.subnetIds ?? nodes?.clientSubnets ?? [],
    securityGroupIds: s.cluster.securityGroupIds ?? nodes?.securityGroups ?? [],
  };
}

/** The EC2 client's address: configured, or found by instance id or Name tag. */
export async function lookupClientHost(client: Settings["client"]): Promise<string> {
  if (client.host) return client.host;
  const instance = client.instanceId
    ? await aws.ec2.getInstance({ instanceId: client.instanceId })
    : await aws.ec2.getInstance({
        filters: [
          { name: "tag:Name", values: [client.instanceName!] },
          { name: "instance-state-name", values: ["running"] },
        ],
      });
  const address = client.address === "public" ? instance.publicIp : instance.privateIp;
  if (!address)
    throw new ConfigError([
      `msk-s3-sink:client.address = "${client.address}": instance ${instance.id} has no ${client.address} IP; use the other address or client.host`,
    ]);
  return address;
}
