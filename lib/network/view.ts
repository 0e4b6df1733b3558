/** What the EC2 lookups report about the workers' network: the input of the prerequisite rules. */

/** A subnet (`aws.ec2.getSubnet`). */
export interface SubnetView {
  id: string;
  vpcId: string;
  cidrBlock: string;
}

/** One route of a route table (`aws.ec2.getRouteTable`, which leaves out gateway endpoint routes). */
export interface RouteView {
  cidrBlock?: string;
  natGatewayId?: string;
  /** Internet gateway (`igw-`) or virtual private gateway (`vgw-`). */
  gatewayId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  transitGatewayId?: string;
  vpcPeeringConnectionId?: string;
  coreNetworkArn?: string;
}

/** A route table with the subnets explicitly associated with it. */
export interface RouteTableView {
  id: string;
  vpcId: string;
  /** The VPC's main table, used by every subnet without an explicit association. */
  main: boolean;
  subnetIds: string[];
  routes: RouteView[];
}

/** A security group rule (`aws.vpc.getSecurityGroupRule`); protocol "-1" means all traffic. */
export interface SecurityGroupRuleView {
  securityGroupId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  referencedSecurityGroupId?: string;
  prefixListId?: string;
}

/** Everything the checks read. */
export interface NetworkView {
  /** The region's S3 gateway endpoint service (`com.amazonaws.<region>.s3`), also its prefix list's name. */
  s3ServiceName: string;
  subnets: SubnetView[];
  /** The tables explicitly associated with the subnets, and each VPC's main table. */
  routeTables: RouteTableView[];
  /** Tables that route the region's S3 prefix list to a gateway endpoint (`route.destination-prefix-list-id`). */
  s3EndpointRouteTableIds: string[];
  /**
   * Tables of the S3 gateway endpoint this stack created on an earlier update (none before it has);
   * undefined when that endpoint could not be read, and then no table is judged a conflict.
   */
  stackEndpointRouteTableIds?: string[];
  /** Rules of the workers' and the brokers' security groups. */
  rules: SecurityGroupRuleView[];
}

/** The route table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOf(view: NetworkView, subnet: SubnetView): RouteTableView | undefined {
  return (
    view.routeTables.find((t) => t.subnetIds.includes(subnet.id)) ??
    view.routeTables.find((t) => t.main && t.vpcId === subnet.vpcId)
  );
}
