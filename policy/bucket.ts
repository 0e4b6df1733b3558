/** The created sink bucket's hardening, one companion resource at a time (adopted buckets are not touched). */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const PUBLIC_ACCESS_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

/** Sink records are business data: every object the connector writes must be encrypted at rest by default. */
export const bucketEncryption: ResourceValidationPolicy = {
  name: "sink-bucket-encryption",
  description: "The bucket's default encryption is SSE-S3 or SSE-KMS.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(
    aws.s3.BucketServerSideEncryptionConfiguration,
    (sse, _args, report) => {
      const rules = sse.rules ?? [];
      if (rules.length === 0)
        report("no encryption rule: set applyServerSideEncryptionByDefault (AES256 or aws:kms)");
      for (const rule of rules) {
        const algorithm = rule.applyServerSideEncryptionByDefault?.sseAlgorithm;
        if (!algorithm || !SSE_ALGORITHMS.includes(algorithm))
          report(
            `sseAlgorithm ${JSON.stringify(algorithm ?? null)}: must be one of ${SSE_ALGORITHMS.join(", ")}`,
          );
      }
    },
  ),
};

/**
 * Versioning keeps overwritten or deleted sink objects recoverable, and the custom plugin pins the
 * zip by its version id, which an unversioned bucket does not have.
 */
export const bucketVersioning: ResourceValidationPolicy = {
  name: "sink-bucket-versioning",
  description: "Bucket versioning is Enabled.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.s3.BucketVersioning, (v, _args, report) => {
    const status = v.versioningConfiguration?.status;
    if (status !== "Enabled")
      report(
        `versioningConfiguration.status is ${JSON.stringify(status ?? null)}: must be "Enabled" (recoverable objects, pinned plugin versions)`,
      );
  }),
};

/** A sink bucket is never public: all four public-access blocks stop a stray ACL or policy from exposing it. */
export const bucketPublicAccess: ResourceValidationPolicy = {
  name: "sink-bucket-public-access-block",
  description: "All four S3 public access blocks are true.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.s3.BucketPublicAccessBlock, (block, _args, report) => {
    const off = PUBLIC_ACCESS_FLAGS.filter((flag) => block[flag] !== true);
    if (off.length > 0) report(`${off.join(", ")} must be true: the sink bucket must never become public`);
  }),
};

/** With ACLs disabled (BucketOwnerEnforced) the bucket owner owns every object and only policies grant access. */
export const bucketAclsDisabled: ResourceValidationPolicy = {
  name: "sink-bucket-acls-disabled",
  description: "Object ownership is BucketOwnerEnforced and the bucket sets no ACL or grants.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(aws.s3.BucketOwnershipControls, (controls, _args, report) => {
      const ownership = controls.rule?.objectOwnership;
      if (ownership !== "BucketOwnerEnforced")
        report(
          `rule.objectOwnership is ${JSON.stringify(ownership ?? null)}: must be "BucketOwnerEnforced" (ACLs disabled)`,
        );
    }),
    validateResourceOfType(aws.s3.Bucket, (bucket, _args, report) => {
      if (bucket.acl !== undefined && bucket.acl !== "private")
        report(`acl is "${bucket.acl}": ACLs are disabled on the sink bucket; grant access by policy`);
      if ((bucket.grants ?? []).length > 0)
        report("grants are set: ACLs are disabled on the sink bucket; grant access by policy");
    }),
  ],
};
