/** The EC2 lookups of the network checks, each answered as the views of lib/network/view.ts. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { oneLine } from "../lib/config/errors";
import { ownerTags } from "../lib/network/endpoints";
import {
  RouteTableView,
  RouteView,
  S3InterfaceEndpointView,
  SecurityGroupRuleView,
  StackEndpointView,
} from "../lib/network/view";
import { isNotFound } from "../lib/provider/notFound";

/** The lookups' empty strings mean "not set". */
const set = (value: string): string | undefined => (value === "" ? undefined : value);

/** The route tables of the subnets in one VPC (explicitly associated) and that VPC's main route table. */
export async function vpcRouteTables(vpcId: string, subnetIds: string[]): Promise<RouteTableView[]> {
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
export async function s3EndpointRouteTableIds(serviceName: string, vpcIds: string[]): Promise<string[]> {
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

/** The one S3 endpoint matching `args`; undefined when there is none (the provider's no-match). */
async function findEndpoint(
  args: aws.ec2.GetVpcEndpointArgs,
): Promise<aws.ec2.GetVpcEndpointResult | undefined> {
  try {
    return await aws.ec2.getVpcEndpoint(args);
  } catch (error) {
    if (isNotFound("vpcEndpoint", error)) return undefined;
    throw error;
  }
}

/**
 * The S3 gateway endpoint this stack created, found by its owner tags (see ownerTags). Null when there is
 * none; undefined, with a warning, when it cannot be read.
 */
export async function lookupStackEndpoint(
  serviceName: string,
): Promise<StackEndpointView | null | undefined> {
  const tags = ownerTags(pulumi.getProject(), pulumi.getStack());
  try {
    const found = await findEndpoint({ serviceName, vpcEndpointType: "Gateway", state: "available", tags });
    return found ? { id: found.id, routeTableIds: found.routeTableIds } : null;
  } catch (error) {
    void pulumi.log.warn(
      `the S3 gateway endpoint this stack created could not be looked up (${oneLine(error)}), so the workers' route tables were not checked for another S3 endpoint; the deployer needs ec2:DescribeVpcEndpoints`,
    );
    return undefined;
  }
}

/** The S3 interface endpoint of each VPC, if any (more than one in a VPC fails the lookup: the checks then warn). */
export async function s3InterfaceEndpoints(
  serviceName: string,
  vpcIds: string[],
): Promise<S3InterfaceEndpointView[]> {
  const found = await Promise.all(
    vpcIds.map((vpcId) =>
      findEndpoint({ vpcId, serviceName, vpcEndpointType: "Interface", state: "available" }),
    ),
  );
  return found
    .filter((e) => e !== undefined)
    .map((e) => ({
      id: e.id,
      vpcId: e.vpcId,
      answersVpc:
        e.privateDnsEnabled && !e.dnsOptions.some((o) => o.privateDnsOnlyForInboundResolverEndpoint),
      securityGroupIds: e.securityGroupIds,
    }));
}

/** Every rule of these security groups, ingress and egress. */
export async function securityGroupRules(groupIds: string[]): Promise<SecurityGroupRuleView[]> {
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
