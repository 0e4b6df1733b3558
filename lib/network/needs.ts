import { BROKER_PORT } from "../config/rules";
import type { Settings } from "../config/settings";
import type { ClusterFacts } from "../kafka/cluster";
import type { NetworkNeeds } from "./prerequisites";

/** The network the connector will run with: the cluster's (or configured) subnets and groups, the broker port, a proxy. */
export function networkNeeds(
  s: Settings,
  cluster: ClusterFacts,
  properties: Readonly<Record<string, string>>,
): NetworkNeeds {
  return {
    subnetIds: cluster.subnetIds,
    workerSecurityGroupIds: cluster.securityGroupIds,
    brokerSecurityGroupIds: cluster.brokerSecurityGroupIds,
    brokerPort: BROKER_PORT[s.cluster.authentication],
    s3Proxy: properties["s3.proxy.url"],
    s3GatewayEndpoint: s.network.s3GatewayEndpoint,
  };
}
