import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkChecks } from "../lib/config/enums";
import { ConfigError, describeProblem, oneLine } from "../lib/config/errors";
import type { Settings } from "../lib/config/settings";
import { mainRouteTableWarnings, S3EndpointPlacement, s3EndpointPlacement } from "../lib/network/endpoints";
import { NetworkNeeds, networkFindings } from "../lib/network/prerequisites";
import { NetworkView } from "../lib/network/view";
import {
  lookupStackEndpoint,
  s3EndpointRouteTableIds,
  s3InterfaceEndpoints,
  securityGroupRules,
  vpcRouteTables,
} from "./vpcLookups";

/**
 * Reads the workers' subnets and route tables and the stack's own S3 gateway endpoint, and (when checking)
 * S3 gateway endpoint routes, S3 interface endpoints and the rules of the workers', brokers' and those
 * endpoints' security groups.
 */
async function lookupNetwork(needs: NetworkNeeds, checking: boolean): Promise<NetworkView> {
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
  const [routeTables, s3Tables, stackEndpoint, interfaces] = await Promise.all([
    Promise.all(vpcIds.map((vpcId) => vpcRouteTables(vpcId, inVpc(vpcId)))),
    checking ? s3EndpointRouteTableIds(s3.serviceName, vpcIds) : [],
    lookupStackEndpoint(s3.serviceName),
    checking ? s3InterfaceEndpoints(s3.serviceName, vpcIds) : [],
  ]);
  const groups = [
    ...needs.workerSecurityGroupIds,
    ...needs.brokerSecurityGroupIds,
    ...interfaces.flatMap((e) => e.securityGroupIds),
  ];
  return {
    s3ServiceName: s3.serviceName,
    subnets,
    routeTables: routeTables.flat(),
    s3EndpointRouteTableIds: s3Tables,
    s3InterfaceEndpoints: interfaces,
    stackEndpoint,
    rules: checking ? await securityGroupRules([...new Set(groups)]) : [],
  };
}

/**
 * Checks the network prerequisites at preview, before any resource is registered: a certain miss
 * fails (network.checks "error") or warns ("warn"); what the checks cannot see through warns. When
 * the stack creates the S3 gateway endpoint, returns where it goes; adding it to or removing it from a
 * VPC's main route table is a warning.
 */
export async function checkNetwork(
  s: Settings,
  needs: NetworkNeeds,
): Promise<S3EndpointPlacement | undefined> {
  const checking = s.network.checks !== NetworkChecks.Off;
  if (!checking && !s.network.s3GatewayEndpoint) return undefined;
  let view: NetworkView;
  try {
    view = await lookupNetwork(needs, checking);
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
      `network prerequisites not checked: ${why}. The deployer needs ec2:DescribeVpcEndpointServices, ec2:DescribeSubnets, ec2:DescribeRouteTables, ec2:DescribePrefixLists, ec2:DescribeVpcEndpoints and ec2:DescribeSecurityGroupRules, or set msk-s3-sink:network.checks to off`,
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
  const placement = s.network.s3GatewayEndpoint ? s3EndpointPlacement(needs.subnetIds, view) : undefined;
  for (const warning of mainRouteTableWarnings(view, placement)) void pulumi.log.warn(warning);
  return placement;
}
