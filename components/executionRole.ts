import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Choice } from "../lib/config/settings";
import { connectorTrustPolicy, executionRolePolicy } from "../lib/connector/iam";

export interface ExecutionRoleArgs {
  /** Adopt an existing role by name (the walkthrough's `<id>-ec2-access-role`), or create a least-privilege one. */
  role: Choice<object>;
  /** MSK cluster ARN; topic and group ARNs are derived from it. */
  clusterArn: pulumi.Input<string>;
  /** Topics the connector reads. */
  topics: readonly string[];
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
    if (args.role.mode === "adopt") {
      this.arn = aws.iam.getRoleOutput({ name: args.role.name }, { parent: this }).arn;
    } else {
      const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
      const role = new aws.iam.Role(
        name,
        {
          name: args.role.name,
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
                topics: args.topics,
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
