/**
 * Where the connector's workers run and which brokers they dial. MSK Connect cannot change these on a
 * connector: new values replace it (terraform-provider-aws connector.go, `kafka_cluster` ForceNew). The
 * program reads them from the live cluster, so a routine cluster change (a broker added, security groups
 * edited) would replace the connector on the next `up`. Instead the connector keeps what it runs with
 * until the stack says to follow the cluster; values set in config always apply.
 */

/** The connector's `kafkaCluster` settings. */
export interface ConnectorNetwork {
  bootstrapServers: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

/** What the connector will run with, and the cluster's changes it does not take up yet. */
export interface NetworkChoice {
  network: ConnectorNetwork;
  /** One sentence per setting where the live cluster differs from the deployed connector. */
  notApplied: string[];
}

/** The inputs of the choice. */
export interface NetworkSources {
  /** From the cluster lookup (config overrides already applied). */
  live: ConnectorNetwork;
  /** What config sets explicitly: always applied. */
  configured: { bootstrapServers?: string; subnetIds?: string[]; securityGroupIds?: string[] };
  /** What the deployed connector runs with; undefined before the stack has one. */
  deployed?: ConnectorNetwork;
  /** `connector.followClusterChanges`: apply the cluster's changes (replacing the connector). */
  follow: boolean;
}

const members = (v: string | string[]) =>
  (Array.isArray(v) ? v : v.split(","))
    .map((x) => x.trim())
    .filter((x) => x !== "")
    .sort();
const same = (a: string | string[], b: string | string[]) => members(a).join() === members(b).join();
const shown = (v: string | string[]) => (Array.isArray(v) ? `[${v.join(", ")}]` : v);

const LABELS: Record<keyof ConnectorNetwork, string> = {
  bootstrapServers: "brokers",
  subnetIds: "client subnets",
  securityGroupIds: "security groups",
};

/** Chooses each setting: configured, else the live cluster's, else (not following) the deployed one. */
export function connectorNetwork(s: NetworkSources): NetworkChoice {
  const network = { ...s.live };
  const notApplied: string[] = [];
  for (const key of Object.keys(LABELS) as (keyof ConnectorNetwork)[]) {
    if (s.configured[key] !== undefined || !s.deployed) continue;
    const deployed = s.deployed[key];
    if (same(deployed, s.live[key])) {
      // Same members, maybe listed in another order: keep the deployed value so nothing differs.
      (network as Record<string, unknown>)[key] = deployed;
    } else if (!s.follow) {
      (network as Record<string, unknown>)[key] = deployed;
      notApplied.push(`${LABELS[key]} are now ${shown(s.live[key])} (the connector has ${shown(deployed)})`);
    }
  }
  return { network, notApplied };
}

/** The preview warning when the cluster has moved on: what differs and the one setting that applies it. */
export function clusterMovedWarning(
  cluster: string,
  connector: string,
  notApplied: string[],
  stack: string,
): string {
  return (
    `cluster ${cluster} has changed since connector ${connector} was created: ${notApplied.join("; ")}. ` +
    "The connector keeps what it runs with: applying the change replaces it (minutes without delivery, " +
    `offsets kept). To apply it: npm run pulumi -- config set --path connector.followClusterChanges true --stack ${stack}`
  );
}

/** The network a connector's `kafkaCluster` (as the provider reads it) describes. */
export function networkOf(kafkaCluster: {
  apacheKafkaCluster: { bootstrapServers: string; vpc: { subnets: string[]; securityGroups: string[] } };
}): ConnectorNetwork {
  const c = kafkaCluster.apacheKafkaCluster;
  return {
    bootstrapServers: c.bootstrapServers,
    subnetIds: c.vpc.subnets,
    securityGroupIds: c.vpc.securityGroups,
  };
}
