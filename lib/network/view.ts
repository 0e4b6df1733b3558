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

/**
 * An S3 interface endpoint (AWS PrivateLink) in a workers' VPC (`aws.ec2.getVpcEndpoint`). With private
 * DNS, the VPC's resolver answers S3's regional name (`s3.<region>.amazonaws.com`, `*.s3.<region>…`) with
 * the endpoint's addresses, so S3 traffic goes to its network interfaces over the VPC's local route,
 * whatever the route tables say; its security groups must admit HTTPS from the clients (AWS S3 User
 * Guide, "AWS PrivateLink for Amazon S3", Private DNS; AWS PrivateLink Guide, "Access an AWS service
 * using an interface VPC endpoint", security groups). "Private DNS only for inbound endpoints" leaves
 * traffic from inside the VPC to the gateway endpoint (EC2 API Reference, DnsOptionsSpecification).
 */
export interface S3InterfaceEndpointView {
  id: string;
  vpcId: string;
  /** Private DNS on, and not only for inbound Resolver endpoints: the endpoint answers the workers. */
  answersVpc: boolean;
  securityGroupIds: string[];
}

/** The S3 gateway endpoint this stack created (found by its owner tags). */
export interface StackEndpointView {
  id: string;
  routeTableIds: string[];
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
  /** S3 interface endpoints in the workers' VPCs. */
  s3InterfaceEndpoints: S3InterfaceEndpointView[];
  /**
   * The S3 gateway endpoint this stack created on an earlier update, null before it has one; undefined
   * when it could not be read, and then no table is judged a conflict.
   */
  stackEndpoint?: StackEndpointView | null;
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

/** The workers' subnets as looked up, in the configured order. */
export function workerSubnets(subnetIds: readonly string[], view: NetworkView): SubnetView[] {
  return subnetIds.flatMap((id) => view.subnets.filter((s) => s.id === id));
}
