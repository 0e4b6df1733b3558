/**
 * Inputs the AWS provider replaces a resource for (ForceNew / RequiresReplace in terraform-provider-aws,
 * which @pulumi/aws 7.x bridges), by Pulumi type token, as top-level Pulumi (camelCase) input names.
 * Each entry names the file it was read from; check them again when @pulumi/aws is upgraded.
 * Inputs a component marks with `replaceOnChanges` (e.g. the connector's configuration) are not listed:
 * the registration carries them.
 */
export const REPLACE_FORCING: Record<string, readonly string[]> = {
  // internal/service/kafkaconnect/connector.go: every argument but `capacity` (UpdateConnector) and tags;
  // `connector_configuration` lost ForceNew in terraform-provider-aws PR #41706.
  "aws:mskconnect/connector:Connector": [
    "name",
    "description",
    "kafkaconnectVersion",
    "kafkaCluster",
    "kafkaClusterClientAuthentication",
    "kafkaClusterEncryptionInTransit",
    "logDelivery",
    "plugins",
    "serviceExecutionRoleArn",
    "workerConfiguration",
  ],
  // internal/service/kafkaconnect/custom_plugin.go: no update API ("for updating tags only").
  "aws:mskconnect/customPlugin:CustomPlugin": ["name", "contentType", "description", "location"],
  // internal/service/kafkaconnect/worker_configuration.go: no update API either.
  "aws:mskconnect/workerConfiguration:WorkerConfiguration": ["name", "description", "propertiesFileContent"],
  // internal/service/s3/object.go: a new source is re-uploaded in place (a new version id).
  "aws:s3/bucketObjectv2:BucketObjectv2": ["bucket", "key"],
  // internal/service/kafka/topic.go: partition_count and configs go through UpdateTopic.
  "aws:msk/topic:Topic": ["name", "clusterArn", "replicationFactor"],
  // internal/service/iam/role.go: the trust policy and everything else update in place.
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  // internal/service/iam/role_policy.go
  "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
};
