/** The opt-in S3 gateway endpoint: where it goes, what it would clash with, and what adding or removing it changes. */
import { NetworkView, routeTableOf, workerSubnets } from "./view";

/** Where an opt-in S3 gateway endpoint goes. */
export interface S3EndpointPlacement {
  /** The workers' VPC. */
  vpcId: string;
  /** The S3 gateway endpoint service name. */
  serviceName: string;
  /** The route tables of the workers' subnets, each listed once. */
  routeTableIds: string[];
}

/** A gateway endpoint problem, on the setting that asks for it. */
export interface EndpointFinding {
  path: PropertyKey[];
  message: string;
  certain: boolean;
}

const SETTING = "msk-s3-sink:network.s3GatewayEndpoint";
const PATH = ["network", "s3GatewayEndpoint"];

/**
 * Tags that mark the endpoint as this stack's. A new stack whose first update fails records no stack
 * outputs (pulumi/pulumi#16289: the Node SDK registers the stack's outputs only once every export resolves,
 * sdk/nodejs/runtime/stack.ts, and a failed update keeps only outputs it had before,
 * pkg/resource/deploy/step_executor.go), so the endpoint is recognised by what AWS keeps on it.
 */
export function ownerTags(project: string, stack: string): Record<string, string> {
  return { "pulumi:project": project, "pulumi:stack": stack };
}

/** The VPC and route tables of the workers' subnets. */
export function s3EndpointPlacement(subnetIds: readonly string[], view: NetworkView): S3EndpointPlacement {
  const subnets = workerSubnets(subnetIds, view);
  const tables = subnets.map((s) => routeTableOf(view, s)?.id).filter((id) => id !== undefined);
  return {
    vpcId: subnets[0]?.vpcId ?? "",
    serviceName: view.s3ServiceName,
    routeTableIds: [...new Set(tables)],
  };
}

const listed = (ids: string[]) => `route table${ids.length > 1 ? "s" : ""} ${ids.join(", ")}`;

/** One VPC for the endpoint, and no table that already routes S3 through an endpoint the stack did not make. */
export function endpointFindings(subnetIds: readonly string[], view: NetworkView): EndpointFinding[] {
  const vpcs = [...new Set(workerSubnets(subnetIds, view).map((s) => s.vpcId))];
  if (vpcs.length > 1)
    return [
      {
        path: PATH,
        message: `the workers' subnets are in VPCs ${vpcs.join(", ")}; a gateway endpoint serves one VPC: list subnets of one VPC in msk-s3-sink:cluster.subnetIds`,
        certain: true,
      },
    ];
  const own = view.stackEndpoint;
  if (own === undefined) return [];
  const taken = s3EndpointPlacement(subnetIds, view).routeTableIds.filter(
    (id) => view.s3EndpointRouteTableIds.includes(id) && !own?.routeTableIds.includes(id),
  );
  if (taken.length === 0) return [];
  const clash = `${listed(taken)} already route${taken.length > 1 ? "" : "s"} S3 through a gateway endpoint this stack did not create, and a route table takes one per service, so creating another would fail`;
  // Turning the setting off deletes the stack's own endpoint too: only advise it when there is none.
  const fix = own
    ? `; turning ${SETTING} off would also delete this stack's endpoint ${own.id} from ${listed(own.routeTableIds)}: remove the other endpoint from ${listed(taken)}, or list subnets on other route tables in msk-s3-sink:cluster.subnetIds`
    : `: the workers reach S3 through that one; set ${SETTING} to false (or, if it is this stack's own endpoint made before the stack tagged it, tag it pulumi:project=<project> and pulumi:stack=<stack>: see docs/network.md)`;
  return [{ path: PATH, message: clash + fix, certain: true }];
}

/**
 * The VPC's main route table carries every subnet that has no explicit association, so putting the
 * endpoint on it, or taking it off, changes S3 routing for all of those subnets (Amazon VPC User Guide,
 * "Configure route tables": main route table; "Gateway endpoints": routes to the service's prefix list).
 * One warning per main table the update adds the endpoint to or removes it from.
 */
export function mainRouteTableWarnings(view: NetworkView, placement?: S3EndpointPlacement): string[] {
  const own = view.stackEndpoint;
  if (own === undefined) return [];
  const before = own?.routeTableIds ?? [];
  const after = placement?.routeTableIds ?? [];
  const main = (id: string) => view.routeTables.find((t) => t.id === id && t.main);
  const warnings: string[] = [];
  for (const id of after.filter((t) => !before.includes(t))) {
    const table = main(id);
    if (table)
      warnings.push(
        `${SETTING}: the S3 gateway endpoint goes on route table ${id}, the main route table of ${table.vpcId}: every subnet of ${table.vpcId} without its own route table association sends its S3 traffic through it from now on, and turning the setting off or destroying the stack takes that route from all of them`,
      );
  }
  for (const id of before.filter((t) => !after.includes(t))) {
    const table = main(id);
    if (table)
      warnings.push(
        `${SETTING}: this update removes S3 gateway endpoint ${own?.id} from route table ${id}, the main route table of ${table.vpcId}: every subnet of ${table.vpcId} without its own route table association loses that S3 route (its S3 traffic then takes 0.0.0.0/0, or fails without it)`,
      );
  }
  return warnings;
}
