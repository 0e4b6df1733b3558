import {
  NetworkView,
  RouteTableView,
  RouteView,
  routeTableOf,
  SecurityGroupRuleView,
  SubnetView,
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

/** Every missing prerequisite, in a stable order: S3 routes, broker-port ingress, the workers' egress. */
export function networkFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  return [
    ...endpointFindings(needs, view),
    ...s3RouteFindings(needs, view),
    ...brokerIngressFindings(needs, view),
    ...egressFindings(needs, view),
  ];
}

/** The workers' subnets as looked up, in the configured order. */
function workerSubnets(needs: NetworkNeeds, view: NetworkView): SubnetView[] {
  return needs.subnetIds.flatMap((id) => view.subnets.filter((s) => s.id === id));
}

/** Where an opt-in S3 gateway endpoint goes. */
export interface S3EndpointPlacement {
  /** The workers' VPC. */
  vpcId: string;
  /** The S3 gateway endpoint service name. */
  serviceName: string;
  /** The route tables of the workers' subnets, each listed once. */
  routeTableIds: string[];
}

/** The VPC and route tables of the workers' subnets. */
export function s3EndpointPlacement(needs: NetworkNeeds, view: NetworkView): S3EndpointPlacement {
  const subnets = workerSubnets(needs, view);
  const tables = subnets.map((s) => routeTableOf(view, s)?.id).filter((id) => id !== undefined);
  return {
    vpcId: subnets[0]?.vpcId ?? "",
    serviceName: view.s3ServiceName,
    routeTableIds: [...new Set(tables)],
  };
}

/** One VPC for the opt-in endpoint, and no table that already routes S3 through an endpoint the stack did not make. */
function endpointFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  if (!needs.s3GatewayEndpoint) return [];
  const path = ["network", "s3GatewayEndpoint"];
  const vpcs = [...new Set(workerSubnets(needs, view).map((s) => s.vpcId))];
  if (vpcs.length > 1)
    return [
      {
        path,
        message: `the workers' subnets are in VPCs ${vpcs.join(", ")}; a gateway endpoint serves one VPC: list subnets of one VPC in msk-s3-sink:cluster.subnetIds`,
        certain: true,
      },
    ];
  const own = view.stackEndpointRouteTableIds;
  if (own === undefined) return [];
  const taken = s3EndpointPlacement(needs, view).routeTableIds.filter(
    (id) => view.s3EndpointRouteTableIds.includes(id) && !own.includes(id),
  );
  if (taken.length === 0) return [];
  const tables = `route table${taken.length > 1 ? "s" : ""} ${taken.join(", ")}`;
  return [
    {
      path,
      message: `${tables} already route${taken.length > 1 ? "" : "s"} S3 through a gateway endpoint this stack did not create, and a route table takes one per service, so creating another would fail: the workers reach S3 through that one; set msk-s3-sink:network.s3GatewayEndpoint to false`,
      certain: true,
    },
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

/** S3 from each route table of the workers: a gateway endpoint route, or 0.0.0.0/0 through a NAT gateway. */
function s3RouteFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  if (needs.s3Proxy !== undefined || needs.s3GatewayEndpoint) return [];
  const byTable = new Map<string, { table: RouteTableView; subnets: string[] }>();
  for (const subnet of workerSubnets(needs, view)) {
    const table = routeTableOf(view, subnet);
    if (table)
      byTable.set(table.id, { table, subnets: [...(byTable.get(table.id)?.subnets ?? []), subnet.id] });
  }
  const findings: NetworkFinding[] = [];
  for (const { table, subnets } of byTable.values()) {
    if (view.s3EndpointRouteTableIds.includes(table.id)) continue;
    const route = table.routes.find((r) => r.cidrBlock === "0.0.0.0/0");
    if (route?.natGatewayId) continue;
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

/** True when the rule lets TCP traffic on `port` through. */
export function coversTcpPort(rule: SecurityGroupRuleView, port: number): boolean {
  if (rule.ipProtocol === "-1") return true;
  return (
    (rule.ipProtocol === "tcp" || rule.ipProtocol === "6") && rule.fromPort <= port && port <= rule.toPort
  );
}

function ipv4(address: string): number {
  return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** True when IPv4 CIDR `outer` contains all of `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [outerIp, outerBits] = outer.split("/");
  const [innerIp, innerBits] = inner.split("/");
  if (Number(outerBits) > Number(innerBits)) return false;
  const size = 2 ** (32 - Number(outerBits));
  return Math.floor(ipv4(outerIp) / size) === Math.floor(ipv4(innerIp) / size);
}

/** The brokers' groups must admit the workers (their groups, or CIDRs covering their subnets) on the broker port. */
function brokerIngressFindings(needs: NetworkNeeds, view: NetworkView): NetworkFinding[] {
  // A cluster that reports no groups was already refused (cluster.securityGroupIds), unless they are configured.
  if (needs.brokerSecurityGroupIds.length === 0) return [];
  const port = needs.brokerPort;
  const cidrs = workerSubnets(needs, view).map((s) => s.cidrBlock);
  const ingress = view.rules.filter(
    (r) => !r.isEgress && needs.brokerSecurityGroupIds.includes(r.securityGroupId) && coversTcpPort(r, port),
  );
  const admits = (r: SecurityGroupRuleView) =>
    (r.referencedSecurityGroupId !== undefined &&
      needs.workerSecurityGroupIds.includes(r.referencedSecurityGroupId)) ||
    (r.cidrIpv4 !== undefined && cidrs.length > 0 && cidrs.every((c) => cidrContains(r.cidrIpv4!, c)));
  if (ingress.some(admits)) return [];
  const brokers = needs.brokerSecurityGroupIds.join(", ");
  const workers = needs.workerSecurityGroupIds.join(", ");
  const self = brokers === workers;
  const fix = `${
    self
      ? `add an inbound rule to ${brokers} for TCP ${port} whose source is the security group itself`
      : `add an inbound rule to ${brokers} for TCP ${port} from ${workers}`
  }, or set msk-s3-sink:cluster.securityGroupIds to groups the brokers admit`;
  const prefixList = ingress.find((r) => r.prefixListId !== undefined)?.prefixListId;
  return [
    prefixList !== undefined
      ? {
          path: ["cluster", "securityGroupIds"],
          message: `the brokers' security groups ${brokers} admit TCP ${port} from prefix list ${prefixList}, which these checks cannot read; if it leaves out the workers' subnets, ${fix}`,
          certain: false,
        }
      : {
          path: ["cluster", "securityGroupIds"],
          message: `the brokers' security groups ${brokers} admit no TCP ${port} from the workers (security groups ${workers}; subnets ${cidrs.join(", ")}): ${fix}`,
          certain: true,
        },
  ];
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
