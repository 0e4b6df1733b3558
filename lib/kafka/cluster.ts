import { Settings } from "../config/settings";
import { ConfigError, describeProblem } from "../config/errors";
import { BROKER_PORT, mskApiProblem } from "../config/rules";
import { ClusterKind, KafkaAuthentication, TopicManagement } from "../config/enums";

/** The parts of `aws.msk.getCluster` the program reads. */
export interface FoundCluster {
  arn: string;
  kafkaVersion: string;
  bootstrapBrokersSaslIam: string;
  bootstrapBrokersTls: string;
  brokerNodeGroupInfos: { clientSubnets: string[]; securityGroups: string[] }[];
}

/** The part of `aws.msk.getBootstrapBrokers` a serverless cluster answers (IAM only). */
export interface FoundServerlessBrokers {
  bootstrapBrokersSaslIam: string;
}

/** What the connector and topics need from the existing MSK cluster. */
export interface ClusterFacts {
  arn: string;
  bootstrapServers: string;
  /** Where the connector's workers run. */
  subnetIds: string[];
  /** The workers' security groups. */
  securityGroupIds: string[];
  /** The brokers' security groups (serverless: the configured ones, which the VPC configuration shares). */
  brokerSecurityGroupIds: string[];
}

/** Checks the looked-up cluster fits the settings and picks brokers and network; throws a ConfigError naming the key. */
export function clusterFacts(s: Settings, c: FoundCluster): ClusterFacts {
  const auth = s.cluster.authentication;
  const brokers =
    s.cluster.bootstrapServers ??
    (auth === KafkaAuthentication.Iam ? c.bootstrapBrokersSaslIam : c.bootstrapBrokersTls);
  const nodes = c.brokerNodeGroupInfos[0];
  const facts = {
    arn: c.arn,
    bootstrapServers: brokers,
    subnetIds: s.cluster.subnetIds ?? nodes?.clientSubnets ?? [],
    securityGroupIds: s.cluster.securityGroupIds ?? nodes?.securityGroups ?? [],
    brokerSecurityGroupIds: nodes?.securityGroups ?? [],
  };
  const problems: string[] = [];
  const say = (path: string[], message: string) => problems.push(describeProblem(s, path, message));
  if (!brokers)
    say(
      ["cluster", "authentication"],
      `cluster ${s.cluster.name} has no brokers on port ${BROKER_PORT[auth]} for it; enable that authentication on the cluster`,
    );
  if (s.topicManagement === TopicManagement.MskApi) {
    const problem = mskApiProblem(ClusterKind.Provisioned, c.kafkaVersion);
    if (problem) say(["topicManagement"], problem);
  }
  if (facts.subnetIds.length === 0)
    say(
      ["cluster", "subnetIds"],
      `cluster ${s.cluster.name} reports no client subnets; set the connector's subnets`,
    );
  if (facts.securityGroupIds.length === 0)
    say(
      ["cluster", "securityGroupIds"],
      `cluster ${s.cluster.name} reports no security groups; set the connector's security groups`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return facts;
}

/** A serverless cluster: brokers from its ARN's bootstrap lookup, network from config (validated to be set). */
export function serverlessClusterFacts(s: Settings, found: FoundServerlessBrokers): ClusterFacts {
  const brokers = s.cluster.bootstrapServers ?? found.bootstrapBrokersSaslIam;
  if (!brokers)
    throw new ConfigError([
      describeProblem(s, ["cluster", "arn"], `cluster ${s.cluster.name} reports no IAM brokers (port 9098)`),
    ]);
  const securityGroupIds = s.cluster.securityGroupIds ?? [];
  return {
    arn: s.cluster.arn ?? "",
    bootstrapServers: brokers,
    subnetIds: s.cluster.subnetIds ?? [],
    securityGroupIds,
    brokerSecurityGroupIds: securityGroupIds,
  };
}

/** The EC2 client's address for the configured choice, or a ConfigError naming client.address. */
export function clientAddress(
  client: Settings["client"],
  instance: { id: string; publicIp: string; privateIp: string },
): string {
  const address = client.address === "public" ? instance.publicIp : instance.privateIp;
  if (!address)
    throw new ConfigError([
      describeProblem(
        { client },
        ["client", "address"],
        `instance ${instance.id} has no ${client.address} IP; use the other address or client.host`,
      ),
    ]);
  return address;
}
