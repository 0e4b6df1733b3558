import { BROKER_PORT } from "../config/rules";
import type { Settings } from "../config/settings";
import type { ConnectorNetwork } from "../connector/network";
import type { ClusterFacts } from "../kafka/cluster";
import type { NetworkNeeds } from "./prerequisites";

/** What the workers need where the connector runs (`network`: pinned, configured or the cluster's), from the cluster's brokers. */
export function networkNeeds(
  s: Settings,
  cluster: ClusterFacts,
  network: ConnectorNetwork,
  properties: Readonly<Record<string, string>>,
): NetworkNeeds {
  return {
    subnetIds: network.subnetIds,
    workerSecurityGroupIds: network.securityGroupIds,
    brokerSecurityGroupIds: cluster.brokerSecurityGroupIds,
    brokerPort: BROKER_PORT[s.cluster.authentication],
    s3Proxy: properties["s3.proxy.url"],
    s3Url: properties["store.url"],
    s3GatewayEndpoint: s.network.s3GatewayEndpoint,
  };
}
