import { endpointFindings } from "./endpoints";
import { admitted, coversTcpPort } from "./ingress";
import {
  NetworkView,
  RouteTableView,
  RouteView,
  routeTableOf,
  S3InterfaceEndpointView,
  workerSubnets,
} from "./view";

/** What the connector's workers need from their network. */
export interface NetworkNeeds {
  subnetIds: string[];
  workerSecurityGroupIds: string[];
  brokerSecurityGroupIds: string[];
  /** 9098 with IAM, 9094 with TLS only. */
  brokerPort: number;
  /** The connector's `s3.proxy.url`: S3 traffic goes to that proxy, so routes to S3 are not checked. */
  s3Proxy?: string;
  /** The connector's `store.url`: the S3 endpoint the sink calls instead of its region's default. */
  s3Url?: string;
  /** The stack creates an S3 gateway endpoint on the workers' route tables. */
  s3GatewayEndpoint: boolean;
}

/** A missing prerequisite: where to fix it and how. */
export interface NetworkFinding {
  path: PropertyKey[];
  message: string;
  /** The connector cannot work (an error unless network.checks is "warn"); otherwise the checks cannot see far enough. */
  certain: boolean;
}

const S3_FIX =
  "set msk-s3-sink:network.s3GatewayEndpoint to true (the stack then adds an S3 gateway endpoint to that route table), route 0.0.0.0/0 to a NAT gateway, or list other subnets in msk-s3-sink:cluster.subnetIds";

/** Every missing prerequisite, in a stable order: the endpoint setting, S3 routes, the S3 interface endpoint's ingress, broker-port ingress, the workers' egress. */
export function networkFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  return [
    ...(needs.s3GatewayEndpoint ? endpointFindings(needs.subnetIds, view) : []),
    ...s3RouteFindings(needs, view),
    ...interfaceEndpointFindings(needs, view),
    ...brokerIngressFindings(needs, view),
    ...egressFindings(needs, view),
  ];
}

function hop(r: RouteView): string {
  if (r.transitGatewayId) return `transit gateway ${r.transitGatewayId}`;
  if (r.vpcPeeringConnectionId) return `VPC peering connection ${r.vpcPeeringConnectionId}`;
  if (r.networkInterfaceId) return `network interface ${r.networkInterfaceId}`;
  if (r.instanceId) return `instance ${r.instanceId}`;
  if (r.coreNetworkArn) return `core network ${r.coreNetworkArn}`;
  return `gateway ${r.gatewayId ?? "(unknown)"}`;
}

/** The S3 interface endpoint whose private DNS answers the workers in a VPC, if any. */
function answering(view: NetworkView, vpcId: string): S3InterfaceEndpointView | undefined {
  return view.s3InterfaceEndpoints.find((e) => e.answersVpc && e.vpcId === vpcId);
}

/**
 * S3 by route: a gateway endpoint route on the table, or 0.0.0.0/0 through a NAT gateway. The stack's own
 * endpoint does not count: with the setting off, this update deletes it.
 */
const routesS3 = (view: NetworkView, table: RouteTableView) =>
  (view.s3EndpointRouteTableIds.includes(table.id) &&
    !view.stackEndpoint?.routeTableIds.includes(table.id)) ||
  table.routes.some((r) => r.cidrBlock === "0.0.0.0/0" && r.natGatewayId !== undefined);

/**
 * S3 from each route table of the workers: a gateway endpoint route, 0.0.0.0/0 through a NAT gateway, or
 * an S3 interface endpoint in the VPC whose private DNS answers the workers (reached over the local route).
 */
function s3RouteFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  if (needs.s3Proxy !== undefined || needs.s3GatewayEndpoint) return [];
  const byTable = new Map<string, { table: RouteTableView; subnets: string[] }>();
  for (const subnet of workerSubnets(needs.subnetIds, view)) {
    const table = routeTableOf(view, subnet);
    if (table)
      byTable.set(table.id, { table, subnets: [...(byTable.get(table.id)?.subnets ?? []), subnet.id] });
  }
  const findings: NetworkFinding[] = [];
  for (const { table, subnets } of byTable.values()) {
    if (routesS3(view, table) || answering(view, table.vpcId)) continue;
    const route = table.routes.find((r) => r.cidrBlock === "0.0.0.0/0");
    const subject = `${subnets.length > 1 ? "subnets" : "subnet"} ${subnets.join(", ")} (route table ${table.id})`;
    const finding = (message: string, certain: boolean) =>
      findings.push({ path: ["cluster", "subnetIds"], message, certain });
    if (!route)
      finding(`${subject} cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; ${S3_FIX}`, true);
    else if (route.gatewayId?.startsWith("igw-"))
      finding(
        `${subject} cannot reach S3: 0.0.0.0/0 goes to internet gateway ${route.gatewayId}, which MSK Connect workers cannot use (they have no public IP); ${S3_FIX}`,
        true,
      );
    else
      finding(
        `${subject} sends 0.0.0.0/0 to ${hop(route)}, which these checks cannot follow to S3; if S3 is not reachable that way, ${S3_FIX}`,
        false,
      );
  }
  return findings;
}

/** The brokers' groups must admit the workers on the broker port. */
function brokerIngressFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  // A cluster that reports no groups was already refused (cluster.securityGroupIds), unless they are configured.
  if (needs.brokerSecurityGroupIds.length === 0) return [];
  const port = needs.brokerPort;
  const ingress = admitted(needs, view, needs.brokerSecurityGroupIds, port);
  if (ingress.yes) return [];
  const brokers = needs.brokerSecurityGroupIds.join(", ");
  const workers = needs.workerSecurityGroupIds.join(", ");
  const self = brokers === workers;
  const fix = `${
    self
      ? `add an inbound rule to ${brokers} for TCP ${port} whose source is the security group itself`
      : `add an inbound rule to ${brokers} for TCP ${port} from ${workers}`
  }, or set msk-s3-sink:cluster.securityGroupIds to groups the brokers admit`;
  const path = ["cluster", "securityGroupIds"];
  return [
    ingress.prefixList !== undefined
      ? {
          path,
          message: `the brokers' security groups ${brokers} admit TCP ${port} from prefix list ${ingress.prefixList}, which these checks cannot read; if it leaves out the workers' subnets, ${fix}`,
          certain: false,
        }
      : {
          path,
          message: `the brokers' security groups ${brokers} admit no TCP ${port} from the workers (${ingress.from}): ${fix}`,
          certain: true,
        },
  ];
}

/**
 * An S3 interface endpoint whose private DNS answers the workers takes their S3 traffic: its groups must
 * admit HTTPS from them. In us-east-1 the sink's client (AWS SDK for Java v1, region set without
 * `store.url`: kafka-connect-storage-cloud S3Storage.newS3Client) calls the legacy global name
 * s3.amazonaws.com unless AWS_S3_US_EAST_1_REGIONAL_ENDPOINT says regional (aws-sdk-java
 * RegionalEndpointsOptionResolver, AmazonS3Client.setRegion), a name outside the endpoint's private
 * zone for s3.us-east-1.amazonaws.com: without another path to S3 that is a warning.
 */
function interfaceEndpointFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  if (needs.s3Proxy !== undefined) return [];
  const subnets = workerSubnets(needs.subnetIds, view);
  const findings: NetworkFinding[] = [];
  for (const vpcId of new Set(subnets.map((s) => s.vpcId))) {
    const endpoint = answering(view, vpcId);
    if (!endpoint) continue;
    const groups = endpoint.securityGroupIds.join(", ");
    const ingress = admitted(needs, view, endpoint.securityGroupIds, 443);
    const subject = `S3 interface endpoint ${endpoint.id} answers S3's name in ${vpcId} (private DNS), so the workers' S3 traffic goes to it`;
    const fix = `add an inbound rule to ${groups} for TCP 443 from ${needs.workerSecurityGroupIds.join(", ")}`;
    const path = ["cluster", "securityGroupIds"];
    if (!ingress.yes)
      findings.push(
        ingress.prefixList !== undefined
          ? {
              path,
              message: `${subject}; its security groups ${groups} admit TCP 443 from prefix list ${ingress.prefixList}, which these checks cannot read; if it leaves out the workers' subnets, ${fix}`,
              certain: false,
            }
          : {
              path,
              message: `${subject}, but its security groups ${groups} admit no TCP 443 from the workers (${ingress.from}): ${fix}`,
              certain: true,
            },
      );
    const tables = subnets.filter((s) => s.vpcId === vpcId).map((s) => routeTableOf(view, s));
    const otherPath = needs.s3GatewayEndpoint || tables.every((t) => t !== undefined && routesS3(view, t));
    if (view.s3ServiceName === "com.amazonaws.us-east-1.s3" && needs.s3Url === undefined && !otherPath)
      findings.push({
        path: ["connector", "properties"],
        message: `S3 interface endpoint ${endpoint.id} answers s3.us-east-1.amazonaws.com in ${vpcId}, but in us-east-1 the S3 sink calls the global name s3.amazonaws.com, which its private DNS does not answer and the workers' route tables do not route: set store.url to https://s3.us-east-1.amazonaws.com in msk-s3-sink:connector.properties`,
        certain: false,
      });
  }
  return findings;
}

/** The workers' groups must let them out to the brokers and, without a proxy, to S3 over HTTPS. */
function egressFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  const workers = needs.workerSecurityGroupIds;
  const wanted: [number, string][] = [[needs.brokerPort, "the brokers"]];
  if (needs.s3Proxy === undefined) wanted.push([443, "S3 over HTTPS"]);
  return wanted
    .filter(
      ([port]) =>
        !view.rules.some((r) => r.isEgress && workers.includes(r.securityGroupId) && coversTcpPort(r, port)),
    )
    .map(([port, what]) => ({
      path: ["cluster", "securityGroupIds"],
      message: `the workers' security groups ${workers.join(", ")} allow no outbound TCP ${port} (${what}): add an outbound rule for it`,
      certain: true,
    }));
}
