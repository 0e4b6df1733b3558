/**
 * Inputs the AWS provider treats as replace-forcing, keyed by Pulumi type token. @pulumi/aws bridges
 * terraform-provider-aws: an attribute with `ForceNew` (SDK v2) or a `RequiresReplace` plan modifier
 * (plugin framework) replaces the resource when it changes. Names are Pulumi's camelCase. Re-check
 * each entry against its cited source file when the provider version in package-lock.json moves.
 */
export const REPLACE_FORCING: Record<string, readonly string[]> = {
  /** terraform-provider-aws internal/service/kafka/topic.go: `RequiresReplace` on cluster_arn, name, replication_factor. */
  "aws:msk/topic:Topic": ["clusterArn", "name", "replicationFactor"],
};
