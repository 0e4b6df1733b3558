import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import {
  connectorTrustPolicy,
  executionRolePolicy,
  IAM_PROPAGATION_WAIT,
  s3ViaService,
} from "../lib/connector/iam";
import { SinkObjects } from "../lib/connector/properties";

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
  /** Where the sink writes in the bucket, and whether it tags objects. */
  objects: SinkObjects;
  /** SSE-KMS key ARN of the sink bucket (a key, never an alias: an alias in `Resource` grants nothing). */
  kmsKeyArn?: string;
  /** Region of the connector; the trust policy names it. */
  region: string;
  /** Name of the connector that may assume the role (`aws:SourceArn`). */
  connectorName: string;
}

/** The IAM role MSK Connect assumes to read Kafka and write S3. */
export class ExecutionRole extends pulumi.ComponentResource {
  /**
   * Role ARN, resolved once a created role's policy is put. Depend on the component to wait for the role
   * and its policy to propagate as well.
   */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: ExecutionRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:ExecutionRole", name, {}, opts);
    if (args.mode === ResourceMode.Adopt) {
      this.arn = aws.iam.getRoleOutput({ name: args.roleName }, { parent: this }).arn;
    } else {
      const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
      const { partition, dnsSuffix } = aws.getPartitionOutput({}, { parent: this });
      const role = new aws.iam.Role(
        name,
        {
          name: args.roleName,
          assumeRolePolicy: pulumi.all([account, partition]).apply(([accountId, p]) =>
            JSON.stringify(
              connectorTrustPolicy({
                partition: p,
                region: args.region,
                accountId,
                connectorName: args.connectorName,
              }),
            ),
          ),
        },
        { parent: this },
      );
      const policy = new aws.iam.RolePolicy(
        `${name}-policy`,
        {
          role: role.id,
          policy: pulumi
            .all([args.clusterArn, args.bucketArn, dnsSuffix])
            .apply(([clusterArn, bucketArn, suffix]) =>
              JSON.stringify(
                executionRolePolicy({
                  clusterArn,
                  bucketArn,
                  topics: args.topicNames,
                  objects: args.objects,
                  kms: args.kmsKeyArn
                    ? { keyArn: args.kmsKeyArn, viaService: s3ViaService(args.region, suffix) }
                    : undefined,
                }),
              ),
            ),
        },
        { parent: this },
      );
      // A sleep after the role and its policy are put, again whenever the trust or permissions change
      // (triggers replace it), never in a preview (pulumi-command local/commandController.go).
      new command.local.Command(
        `${name}-propagation`,
        {
          create: IAM_PROPAGATION_WAIT,
          triggers: [role.arn, role.assumeRolePolicy, policy.policy],
        },
        { parent: this, dependsOn: [role, policy] },
      );
      // Whoever takes the ARN waits for the policy; whoever depends on this component, for the sleep too.
      // (The sleep's id stays out of the ARN: a replaced sleep has none at preview, and an unknown
      // serviceExecutionRoleArn would show the connector as replaced.)
      this.arn = pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
    }
    this.registerOutputs({ arn: this.arn });
  }
}
