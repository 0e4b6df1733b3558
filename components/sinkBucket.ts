import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { denyInsecureTransportPolicy } from "../lib/s3/bucketPolicy";

export interface SinkBucketArgs {
  /** Bucket name (the walkthrough's `user-<id>-bucket`). */
  bucketName: string;
  /** Adopt: look the bucket up and never change it. Create: a hardened bucket. */
  mode: ResourceMode;
  /** Created bucket: empty it on destroy (meant for dev). Default false. */
  forceDestroy?: boolean;
  /** Created bucket: SSE-KMS key ARN; SSE-S3 when unset. */
  kmsKeyArn?: string;
  /** Created bucket: days before superseded object versions expire. Default 30. */
  noncurrentVersionDays?: number;
  /** Created bucket: protect it from `pulumi destroy` and keep it if removed from the program. Default false. */
  protect?: boolean;
}

/** The S3 bucket the connector writes to and the plugin zip lives in. */
export class SinkBucket extends pulumi.ComponentResource {
  /** Bucket name. */
  readonly bucketName: pulumi.Output<string>;
  /** Bucket ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** Created bucket: its versioning. Objects written before it is in place get no version id. */
  readonly versioning?: aws.s3.BucketVersioning;

  constructor(name: string, args: SinkBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:SinkBucket", name, {}, opts);
    const b = args;
    if (b.mode === ResourceMode.Adopt) {
      const found = aws.s3.getBucketOutput({ bucket: b.bucketName }, { parent: this });
      this.bucketName = found.bucket;
      this.bucketArn = found.arn;
    } else {
      // A protected bucket keeps its hardening too: `destroy --exclude-protected` must not strip the
      // public-access block, TLS-only policy or encryption from the data it leaves behind.
      const keep = b.protect ?? false;
      const child = { parent: this, protect: keep, retainOnDelete: keep };
      const bucket = new aws.s3.Bucket(
        name,
        { bucket: b.bucketName, forceDestroy: b.forceDestroy ?? false },
        child,
      );
      // Built from the configured name (known at preview, unlike bucket.arn), so policies that read
      // the bucket and role policies can judge a first preview; it still depends on the bucket.
      const partition = aws.getPartitionOutput({}, { parent: this }).partition;
      const arn = pulumi.interpolate`arn:${partition}:s3:::${bucket.bucket}`;
      this.versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        child,
      );
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
          bucket: bucket.id,
          rules: [
            {
              applyServerSideEncryptionByDefault: b.kmsKeyArn
                ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: b.kmsKeyArn }
                : { sseAlgorithm: "AES256" },
              bucketKeyEnabled: b.kmsKeyArn !== undefined,
            },
          ],
        },
        child,
      );
      const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        {
          bucket: bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        child,
      );
      new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        child,
      );
      new aws.s3.BucketPolicy(
        `${name}-tls-only`,
        {
          bucket: bucket.id,
          policy: arn.apply((a) => JSON.stringify(denyInsecureTransportPolicy(a))),
        },
        { ...child, dependsOn: [publicAccess] },
      );
      // Current objects never expire: only failed uploads and superseded versions are cleaned up.
      // `prefix: ""` selects every object; an empty filter draws the provider's "will be an error in a
      // future version" warning (terraform-provider-aws #42089).
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
          bucket: bucket.id,
          rules: [
            {
              id: "abort-incomplete-multipart-uploads",
              status: "Enabled",
              filter: { prefix: "" },
              abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
            {
              id: "expire-noncurrent-versions",
              status: "Enabled",
              filter: { prefix: "" },
              noncurrentVersionExpiration: { noncurrentDays: b.noncurrentVersionDays ?? 30 },
            },
          ],
        },
        child,
      );
      this.bucketName = bucket.bucket;
      this.bucketArn = arn;
    }
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
