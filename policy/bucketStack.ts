/** Stack-level: a created bucket is hardened only if each companion resource exists and points at it. */
import * as aws from "@pulumi/aws";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Resource } from "@pulumi/pulumi";
import { known } from "./documents";

type Companion =
  | typeof aws.s3.BucketServerSideEncryptionConfiguration
  | typeof aws.s3.BucketVersioning
  | typeof aws.s3.BucketPublicAccessBlock
  | typeof aws.s3.BucketOwnershipControls
  | typeof aws.s3.BucketPolicy;

/** The separate resources that harden a bucket, as the program creates them. */
export const COMPANIONS: [Companion, string][] = [
  [
    aws.s3.BucketServerSideEncryptionConfiguration,
    "default encryption (BucketServerSideEncryptionConfiguration)",
  ],
  [aws.s3.BucketVersioning, "versioning (BucketVersioning)"],
  [aws.s3.BucketPublicAccessBlock, "public access block (BucketPublicAccessBlock)"],
  [aws.s3.BucketOwnershipControls, "ownership controls (BucketOwnershipControls)"],
  [aws.s3.BucketPolicy, "TLS-only bucket policy (BucketPolicy)"],
];

/**
 * True when `r` configures `bucket`: its `bucket` input depends on the bucket resource (the usual
 * `bucket: bucket.id`, unknown during preview), or names it once values are known.
 */
export function configures(r: PolicyResource, bucket: PolicyResource): boolean {
  const deps = r.propertyDependencies?.["bucket"] ?? r.dependencies;
  if (deps.includes(bucket)) return true;
  const target = known<unknown>(() => r.props["bucket"]);
  return (
    target !== undefined &&
    (target === known<unknown>(() => bucket.props["bucket"]) ||
      target === known<unknown>(() => bucket.props["id"]))
  );
}

/** Each hardening rule checks one companion resource; this one checks that none is missing or aimed elsewhere. */
export const bucketCompanions: StackValidationPolicy = {
  name: "sink-bucket-companions",
  description:
    "Each created S3 bucket has encryption, versioning, public access block, ownership controls and a bucket policy referencing it.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const buckets = args.resources.filter((r) => r.isType(aws.s3.Bucket));
    if (buckets.length === 0)
      args.notApplicable("the stack creates no S3 bucket (an adopted bucket is looked up, never changed)");
    for (const bucket of buckets) {
      const missing = COMPANIONS.filter(
        ([cls]) => !args.resources.some((r) => r.isType<Resource>(cls) && configures(r, bucket)),
      );
      if (missing.length > 0)
        report(`bucket ${bucket.name} lacks ${missing.map(([, what]) => what).join(", ")}`, bucket.urn);
    }
  },
};
