/** The EC2 lookups of the network checks, answered from a small description of a VPC. */
import { at, Inputs, invokeError, Invokes, Registered } from "./pulumiMocks";

export const VPC = "vpc-0a1b2c3d";
export const S3_PREFIX_LIST = "pl-63a5400a";
export const NAT = "nat-0a1b2c3d4e5f60718";

/** A route as the provider reports it: unset fields are empty strings. */
export type Route = Partial<Record<"cidrBlock" | "natGatewayId" | "gatewayId" | "transitGatewayId", string>>;

export interface RuleSpec {
  securityGroupId: string;
  isEgress?: boolean;
  ipProtocol?: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  referencedSecurityGroupId?: string;
  prefixListId?: string;
}

/** A VPC endpoint for S3 in the account (the region's `com.amazonaws.<region>.s3`). */
export interface EndpointSpec {
  type: "Gateway" | "Interface";
  vpcId?: string;
  /** Gateway: the route tables it routes S3 for. */
  routeTableIds?: string[];
  tags?: Record<string, string>;
  /** Interface: private DNS, and whether only for inbound Resolver endpoints. */
  privateDns?: boolean;
  inboundOnly?: boolean;
  securityGroupIds?: string[];
}

export interface NetworkSpec {
  region?: string;
  /** Subnet id → CIDR (and VPC, default VPC). */
  subnets: Record<string, { cidrBlock: string; vpcId?: string }>;
  /** Route table id → explicitly associated subnets and routes; `main` marks the VPC's main table. */
  routeTables: Record<string, { main?: boolean; vpcId?: string; subnetIds?: string[]; routes: Route[] }>;
  /** Tables with an S3 gateway endpoint route (besides those of `endpoints`). */
  s3EndpointRouteTables?: string[];
  /** VPC endpoints for S3, by id. */
  endpoints?: Record<string, EndpointSpec>;
  /** Rule id → rule. */
  rules: Record<string, RuleSpec>;
}

const ROUTE_FIELDS = [
  "cidrBlock",
  "natGatewayId",
  "gatewayId",
  "instanceId",
  "networkInterfaceId",
  "transitGatewayId",
  "vpcPeeringConnectionId",
  "coreNetworkArn",
] as const;

function filter(args: Inputs, name: string): string[] | undefined {
  return at<{ name: string; values: string[] }[] | undefined>(args, "filters")?.find((f) => f.name === name)
    ?.values;
}

/** A private network that works: one NAT-routed table for the subnets, groups admitting themselves on 9098 and 9094. */
export function healthyNetwork(subnets: readonly string[], groups: readonly string[]): NetworkSpec {
  const rules: Record<string, RuleSpec> = {};
  for (const g of groups) {
    rules[`sgr-in-${g}`] = { securityGroupId: g, fromPort: 9094, toPort: 9098, referencedSecurityGroupId: g };
    rules[`sgr-out-${g}`] = { securityGroupId: g, isEgress: true, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" };
  }
  return {
    subnets: Object.fromEntries(subnets.map((id, i) => [id, { cidrBlock: `10.0.${i + 1}.0/24` }])),
    routeTables: {
      "rtb-0private": { subnetIds: [...subnets], routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: NAT }] },
      "rtb-0main": { main: true, routes: [] },
    },
    rules,
  };
}

/** Invokes for getVpcEndpointService, getSubnet, getRouteTables, getRouteTable, getPrefixList and the rule lookups. */
export function networkInvokes(spec: NetworkSpec): Invokes {
  const region = spec.region ?? "us-east-1";
  const table = (id: string) => {
    const t = spec.routeTables[id];
    if (!t) throw new Error(`no route table ${id}`);
    const associations = [
      ...(t.subnetIds ?? []).map((subnetId) => ({ subnetId, main: false, routeTableId: id, gatewayId: "" })),
      ...(t.main ? [{ subnetId: "", main: true, routeTableId: id, gatewayId: "" }] : []),
    ];
    const routes = t.routes.map((r) =>
      Object.fromEntries(ROUTE_FIELDS.map((f) => [f, r[f as keyof Route] ?? ""])),
    );
    return { id, routeTableId: id, vpcId: t.vpcId ?? VPC, associations, routes };
  };
  return {
    "aws:ec2/getVpcEndpointService:getVpcEndpointService": () => ({
      serviceName: `com.amazonaws.${region}.s3`,
      serviceType: "Gateway",
    }),
    "aws:ec2/getSubnet:getSubnet": (a) => {
      const id = at<string>(a, "id");
      const subnet = spec.subnets[id];
      if (!subnet)
        throw invokeError(
          `invoking aws:ec2/getSubnet:getSubnet: 1 error occurred:\n\t* no matching EC2 Subnet found`,
        );
      return { id, vpcId: subnet.vpcId ?? VPC, cidrBlock: subnet.cidrBlock };
    },
    "aws:ec2/getRouteTables:getRouteTables": (a) => {
      const vpc = at<string>(a, "vpcId");
      const inVpc = Object.entries(spec.routeTables).filter(([, t]) => (t.vpcId ?? VPC) === vpc);
      const subnets = filter(a, "association.subnet-id");
      if (subnets)
        return {
          ids: inVpc.filter(([, t]) => t.subnetIds?.some((s) => subnets.includes(s))).map(([id]) => id),
        };
      if (filter(a, "route.destination-prefix-list-id")?.[0] === S3_PREFIX_LIST) {
        const gateways = Object.values(spec.endpoints ?? {}).flatMap((e) => e.routeTableIds ?? []);
        const served = new Set([...(spec.s3EndpointRouteTables ?? []), ...gateways]);
        return { ids: [...served].filter((id) => inVpc.some(([t]) => t === id)) };
      }
      throw new Error(`unexpected getRouteTables filters ${JSON.stringify(a)}`);
    },
    "aws:ec2/getRouteTable:getRouteTable": (a) => {
      if (filter(a, "association.main")?.[0] === "true") {
        const vpc = at<string>(a, "vpcId");
        const main = Object.entries(spec.routeTables).find(([, t]) => t.main && (t.vpcId ?? VPC) === vpc);
        if (!main) throw new Error(`no main route table in ${vpc}`);
        return table(main[0]);
      }
      return table(at<string>(a, "routeTableId"));
    },
    "aws:ec2/getPrefixList:getPrefixList": (a) => {
      if (at<string>(a, "name") !== `com.amazonaws.${region}.s3`)
        throw new Error(`no prefix list ${JSON.stringify(a)}`);
      return { id: S3_PREFIX_LIST, name: a.name, cidrBlocks: ["3.5.0.0/19"] };
    },
    // Arguments act as filters that must match exactly one endpoint (terraform-provider-aws
    // internal/service/ec2/vpc_endpoint_data_source.go; the errors of tfresource.SingularDataSourceFindError).
    "aws:ec2/getVpcEndpoint:getVpcEndpoint": (a) => {
      const tags = at<Record<string, string> | undefined>(a, "tags") ?? {};
      const found = Object.entries(spec.endpoints ?? {}).filter(
        ([id, e]) =>
          (a.id === undefined || a.id === id) &&
          (a.vpcId === undefined || a.vpcId === (e.vpcId ?? VPC)) &&
          (a.serviceName === undefined || a.serviceName === `com.amazonaws.${region}.s3`) &&
          (a.vpcEndpointType === undefined || a.vpcEndpointType === e.type) &&
          (a.state === undefined || a.state === "available") &&
          Object.entries(tags).every(([k, v]) => e.tags?.[k] === v),
      );
      const failed = (why: string) =>
        invokeError(`invoking aws:ec2/getVpcEndpoint:getVpcEndpoint: 1 error occurred:\n\t* ${why}\n\n`);
      if (found.length === 0) throw failed("no matching EC2 VPC Endpoint found");
      if (found.length > 1)
        throw failed(
          "multiple EC2 VPC Endpoints matched; use additional constraints to reduce matches to a single EC2 VPC Endpoint",
        );
      const [id, e] = found[0];
      return {
        id,
        vpcId: e.vpcId ?? VPC,
        serviceName: `com.amazonaws.${region}.s3`,
        vpcEndpointType: e.type,
        state: "available",
        routeTableIds: e.routeTableIds ?? [],
        subnetIds: [],
        securityGroupIds: e.securityGroupIds ?? [],
        privateDnsEnabled: e.privateDns ?? false,
        dnsOptions: [
          { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: e.inboundOnly ?? false },
        ],
        tags: e.tags ?? {},
      };
    },
    "aws:vpc/getSecurityGroupRules:getSecurityGroupRules": (a) => {
      const groups = filter(a, "group-id") ?? [];
      return {
        ids: Object.entries(spec.rules)
          .filter(([, r]) => groups.includes(r.securityGroupId))
          .map(([id]) => id),
      };
    },
    "aws:vpc/getSecurityGroupRule:getSecurityGroupRule": (a) => {
      const id = at<string>(a, "securityGroupRuleId");
      const r = spec.rules[id];
      return {
        id,
        securityGroupRuleId: id,
        securityGroupId: r.securityGroupId,
        isEgress: r.isEgress ?? false,
        ipProtocol: r.ipProtocol ?? "tcp",
        fromPort: r.fromPort ?? -1,
        toPort: r.toPort ?? -1,
        cidrIpv4: r.cidrIpv4 ?? "",
        cidrIpv6: "",
        referencedSecurityGroupId: r.referencedSecurityGroupId ?? "",
        prefixListId: r.prefixListId ?? "",
      };
    },
  };
}

/** Lookup tokens of the network checks, for asserting which lookups a run made. */
export const NETWORK_TOKENS = Object.keys(networkInvokes({ subnets: {}, routeTables: {}, rules: {} }));

/** The account after an update that created VPC endpoints: they exist as created (type, VPC, tables, tags). */
export function withCreatedEndpoints(spec: NetworkSpec, resources: Registered[]): NetworkSpec {
  const created = resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
  return {
    ...spec,
    endpoints: {
      ...spec.endpoints,
      ...Object.fromEntries(
        created.map((r) => [
          r.id,
          {
            type: at<"Gateway" | "Interface">(r.inputs, "vpcEndpointType"),
            vpcId: at<string>(r.inputs, "vpcId"),
            routeTableIds: at<string[]>(r.inputs, "routeTableIds"),
            tags: at<Record<string, string>>(r.inputs, "tags"),
          },
        ]),
      ),
    },
  };
}
