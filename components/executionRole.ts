import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { connectorTrustPolicy, executionRolePolicy } from "../lib/connector/iam";

export interface ExecutionRoleArgs {
  /** Role name (the walkthrough's `<id>-ec2-access-role`). */
  roleName: string;
  /** Adopt: look the role up by name. Create: a least-privilege role MSK Connect may assume. */
  mode: ResourceMode;
  /** MSK cluster ARN; topic and group ARNs are derived from it. */
  clusterArn: pulumi.Input<string>;
  /** Topics the connector reads. */
  topicNames: string[];
  /** Sink bucket ARN. */
  bucketArn: pulumi.Input<string>;
  /** SSE-KMS key of a created bucket. */
  kmsKeyArn?: string;
}

/** The IAM role MSK Connect assumes to read Kafka and write S3. */
export class ExecutionRole extends pulumi.ComponentResource {
  /** Role ARN. */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: ExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:ExecutionRole", name, {}, opts);
    if (args.mode === ResourceMode.Adopt) {
      this.arn = aws.iam.getRoleOutput({ name: args.roleName }, { parent: this }).arn;
    } else {
      const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
      const role = new aws.iam.Role(
        name,
        {
          name: args.roleName,
          assumeRolePolicy: account.apply((id) => JSON.stringify(connectorTrustPolicy(id))),
        },
        { parent: this },
      );
      new aws.iam.RolePolicy(
        `${name}-policy`,
        {
          role: role.id,
          policy: pulumi.all([args.clusterArn, args.bucketArn]).apply(([clusterArn, bucketArn]) =>
            JSON.stringify(
              executionRolePolicy({
                clusterArn,
                bucketArn,
                topics: args.topicNames,
                kmsKeyArn: args.kmsKeyArn,
              }),
            ),
          ),
        },
        { parent: this },
      );
      this.arn = role.arn;
    }
    this.registerOutputs({ arn: this.arn });
  }
}
