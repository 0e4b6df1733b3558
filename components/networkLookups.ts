import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkChecks } from "../lib/config/enums";
import { ConfigError, describeProblem, oneLine } from "../lib/config/errors";
import type { Settings } from "../lib/config/settings";
import {
  NetworkNeeds,
  networkFindings,
  S3EndpointPlacement,
  s3EndpointPlacement,
} from "../lib/network/prerequisites";
import { NetworkView, RouteTableView, RouteView, SecurityGroupRuleView } from "../lib/network/view";
import { OwnOutputs } from "./ownOutputs";

/** The lookups' empty strings mean "not set". */
const set = (value: string): string | undefined => (value === "" ? undefined : value);

async function vpcRouteTables(vpcId: string, subnetIds: string[]): Promise<RouteTableView[]> {
  const explicit = await aws.ec2.getRouteTables({
    vpcId,
    filters: [{ name: "association.subnet-id", values: subnetIds }],
  });
  const tables = await Promise.all([
    ...explicit.ids.map((routeTableId) => aws.ec2.getRouteTable({ routeTableId })),
    aws.ec2.getRouteTable({ vpcId, filters: [{ name: "association.main", values: ["true"] }] }),
  ]);
  return tables.map((t) => ({
    id: t.routeTableId,
    vpcId,
    main: t.associations.some((a) => a.main),
    subnetIds: t.associations.map((a) => a.subnetId).filter((id) => id !== ""),
    routes: t.routes.map((r): RouteView => ({
      cidrBlock: set(r.cidrBlock),
      natGatewayId: set(r.natGatewayId),
      gatewayId: set(r.gatewayId),
      instanceId: set(r.instanceId),
      networkInterfaceId: set(r.networkInterfaceId),
      transitGatewayId: set(r.transitGatewayId),
      vpcPeeringConnectionId: set(r.vpcPeeringConnectionId),
      coreNetworkArn: set(r.coreNetworkArn),
    })),
  }));
}

/** Route tables with a gateway endpoint route for S3 (getRouteTable leaves those routes out). */
async function s3EndpointRouteTableIds(serviceName: string, vpcIds: string[]): Promise<string[]> {
  const s3 = await aws.ec2.getPrefixList({ name: serviceName });
  const found = await Promise.all(
    vpcIds.map((vpcId) =>
      aws.ec2.getRouteTables({
        vpcId,
        filters: [{ name: "route.destination-prefix-list-id", values: [s3.id] }],
      }),
    ),
  );
  return found.flatMap((f) => f.ids);
}

/**
 * Tables of the S3 gateway endpoint an earlier update of this stack created (its `s3GatewayEndpointId`
 * output); undefined when that endpoint cannot be read.
 */
async function stackEndpointRouteTableIds(own: OwnOutputs): Promise<string[] | undefined> {
  const id = await own("s3GatewayEndpointId");
  if (typeof id !== "string") return [];
  try {
    return (await aws.ec2.getVpcEndpoint({ id })).routeTableIds;
  } catch (error) {
    void pulumi.log.warn(
      `the S3 gateway endpoint this stack created (${id}) could not be read (${oneLine(error)}), so the workers' route tables were not checked for another S3 endpoint; the deployer needs ec2:DescribeVpcEndpoints`,
    );
    return undefined;
  }
}

async function securityGroupRules(groupIds: string[]): Promise<SecurityGroupRuleView[]> {
  const { ids } = await aws.vpc.getSecurityGroupRules({ filters: [{ name: "group-id", values: groupIds }] });
  const rules = await Promise.all(
    ids.map((securityGroupRuleId) => aws.vpc.getSecurityGroupRule({ securityGroupRuleId })),
  );
  return rules.map((r) => ({
    securityGroupId: r.securityGroupId,
    isEgress: r.isEgress,
    ipProtocol: r.ipProtocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrIpv4: set(r.cidrIpv4),
    referencedSecurityGroupId: set(r.referencedSecurityGroupId),
    prefixListId: set(r.prefixListId),
  }));
}

/** Reads the workers' subnets and route tables, and (when checking) S3 endpoint routes, the stack's own endpoint and security group rules. */
async function lookupNetwork(needs: NetworkNeeds, checking: boolean, own: OwnOutputs): Promise<NetworkView> {
  const [s3, subnets] = await Promise.all([
    aws.ec2.getVpcEndpointService({ service: "s3", serviceType: "Gateway" }),
    Promise.all(
      needs.subnetIds.map(async (id) => {
        const subnet = await aws.ec2.getSubnet({ id });
        return { id, vpcId: subnet.vpcId, cidrBlock: subnet.cidrBlock };
      }),
    ),
  ]);
  const vpcIds = [...new Set(subnets.map((s) => s.vpcId))];
  const inVpc = (vpcId: string) => subnets.filter((s) => s.vpcId === vpcId).map((s) => s.id);
  const [routeTables, s3Tables, ownTables, rules] = await Promise.all([
    Promise.all(vpcIds.map((vpcId) => vpcRouteTables(vpcId, inVpc(vpcId)))),
    checking ? s3EndpointRouteTableIds(s3.serviceName, vpcIds) : [],
    checking && needs.s3GatewayEndpoint ? stackEndpointRouteTableIds(own) : [],
    checking
      ? securityGroupRules([...new Set([...needs.workerSecurityGroupIds, ...needs.brokerSecurityGroupIds])])
      : [],
  ]);
  return {
    s3ServiceName: s3.serviceName,
    subnets,
    routeTables: routeTables.flat(),
    s3EndpointRouteTableIds: s3Tables,
    stackEndpointRouteTableIds: ownTables,
    rules,
  };
}

/**
 * Checks the network prerequisites at preview, before any resource is registered: a certain miss
 * fails (network.checks "error") or warns ("warn"); what the checks cannot see through warns. When
 * the stack creates the S3 gateway endpoint, returns where it goes.
 */
export async function checkNetwork(
  s: Settings,
  needs: NetworkNeeds,
  own: OwnOutputs,
): Promise<S3EndpointPlacement | undefined> {
  const checking = s.network.checks !== NetworkChecks.Off;
  if (!checking && !s.network.s3GatewayEndpoint) return undefined;
  let view: NetworkView;
  try {
    view = await lookupNetwork(needs, checking, own);
  } catch (error) {
    const why = oneLine(error);
    if (s.network.s3GatewayEndpoint)
      throw new ConfigError([
        describeProblem(
          s,
          ["network", "s3GatewayEndpoint"],
          `the workers' route tables could not be read (${why})`,
        ),
      ]);
    void pulumi.log.warn(
      `network prerequisites not checked: ${why}. The deployer needs ec2:DescribeVpcEndpointServices, ec2:DescribeSubnets, ec2:DescribeRouteTables, ec2:DescribePrefixLists and ec2:DescribeSecurityGroupRules, or set msk-s3-sink:network.checks to off`,
    );
    return undefined;
  }
  if (checking) {
    const findings = networkFindings(needs, view);
    const blocking = findings.filter((f) => f.certain && s.network.checks === NetworkChecks.Error);
    for (const f of findings.filter((f) => !blocking.includes(f)))
      void pulumi.log.warn(describeProblem(s, f.path, f.message, false));
    if (blocking.length > 0)
      throw new ConfigError(blocking.map((f) => describeProblem(s, f.path, f.message, false)));
  }
  return s.network.s3GatewayEndpoint ? s3EndpointPlacement(needs, view) : undefined;
}
