import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ownerTags } from "../lib/network/endpoints";

export interface NetworkPrerequisitesArgs {
  /** The VPC of the connector's worker subnets. */
  vpcId: string;
  /** The S3 gateway endpoint service (`com.amazonaws.<region>.s3`, from `aws.ec2.getVpcEndpointService`). */
  s3ServiceName: string;
  /** Route tables of the worker subnets: the endpoint adds the S3 prefix-list route to each. */
  routeTableIds: string[];
}

/** What the connector's workers need from their VPC and the stack creates on request: an S3 gateway endpoint. */
export class NetworkPrerequisites extends pulumi.ComponentResource {
  /** The S3 gateway endpoint's id. */
  readonly s3GatewayEndpointId: pulumi.Output<string>;

  constructor(name: string, args: NetworkPrerequisitesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:NetworkPrerequisites", name, {}, opts);
    const endpoint = new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: args.vpcId,
        serviceName: args.s3ServiceName,
        vpcEndpointType: "Gateway",
        routeTableIds: args.routeTableIds,
        // No endpoint policy (full access): a gateway endpoint carries all S3 traffic of these route
        // tables, so narrowing it to the sink bucket would cut off anything else in the subnets.
        // The owner tags let the next preview know it as this stack's, stack outputs or not.
        tags: { Name: `${name}-s3`, ...ownerTags(pulumi.getProject(), pulumi.getStack()) },
      },
      { parent: this },
    );
    this.s3GatewayEndpointId = endpoint.id;
    this.registerOutputs({ s3GatewayEndpointId: this.s3GatewayEndpointId });
  }
}
