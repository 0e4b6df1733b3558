/**
 * Inputs a provider replaces a resource for (ForceNew / RequiresReplace in terraform-provider-aws, which
 * @pulumi/aws 7.x bridges; `replaceOnChanges` in @pulumi/command), by Pulumi type token, as top-level
 * Pulumi (camelCase) input names. Each entry names the file it was read from; check them again when a
 * provider is upgraded. tests/unit/replaceForcing.test.ts fails when the program registers a type not here.
 * Inputs a component marks with `replaceOnChanges` (e.g. the connector's configuration) are not listed:
 * the registration carries them.
 */

/**
 * Every regional AWS resource also takes a top-level `region`; a change of it replaces the resource
 * (forceNewIfRegionChanges in internal/provider/sdkv2/region.go, resourceForceNewIfRegionChanges in
 * internal/provider/framework/region.go). IAM is global: its resources have no `region`.
 */
const regional = (...inputs: string[]): readonly string[] => ["region", ...inputs];

export const REPLACE_FORCING: Record<string, readonly string[]> = {
  // internal/service/kafkaconnect/connector.go: every argument but `capacity` (UpdateConnector) and tags;
  // `connector_configuration` lost ForceNew in terraform-provider-aws PR #41706.
  "aws:mskconnect/connector:Connector": regional(
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
  ),
  // internal/service/kafkaconnect/custom_plugin.go: no update API ("for updating tags only").
  "aws:mskconnect/customPlugin:CustomPlugin": regional("name", "contentType", "description", "location"),
  // internal/service/kafkaconnect/worker_configuration.go: no update API either.
  "aws:mskconnect/workerConfiguration:WorkerConfiguration": regional(
    "name",
    "description",
    "propertiesFileContent",
  ),
  // internal/service/s3/object.go: a new source is re-uploaded in place (a new version id).
  "aws:s3/bucketObjectv2:BucketObjectv2": regional("bucket", "key"),
  // internal/service/s3/bucket.go
  "aws:s3/bucket:Bucket": regional("bucket", "bucketPrefix", "objectLockEnabled"),
  // internal/service/s3/bucket_versioning.go
  "aws:s3/bucketVersioning:BucketVersioning": regional("bucket", "expectedBucketOwner"),
  // internal/service/s3/bucket_server_side_encryption_configuration.go
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": regional(
    "bucket",
    "expectedBucketOwner",
  ),
  // internal/service/s3/bucket_public_access_block.go
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": regional("bucket"),
  // internal/service/s3/bucket_ownership_controls.go
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": regional("bucket"),
  // internal/service/s3/bucket_policy.go
  "aws:s3/bucketPolicy:BucketPolicy": regional("bucket"),
  // internal/service/s3/bucket_lifecycle_configuration.go
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": regional(
    "bucket",
    "expectedBucketOwner",
  ),
  // internal/service/kafka/topic.go: partition_count and configs go through UpdateTopic.
  "aws:msk/topic:Topic": regional("name", "clusterArn", "replicationFactor"),
  // internal/service/iam/role.go: the trust policy and everything else update in place.
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  // internal/service/iam/role_policy.go
  "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
  // internal/service/ec2/vpc_endpoint.go: route tables, policy and DNS options are modified in place.
  "aws:ec2/vpcEndpoint:VpcEndpoint": regional("vpcId", "serviceName", "vpcEndpointType"),
  // internal/service/logs/group.go: retention and the KMS key update in place.
  "aws:cloudwatch/logGroup:LogGroup": regional("name", "namePrefix", "logGroupClass"),
  // internal/service/cloudwatch/metric_alarm.go: `alarm_name`; PutMetricAlarm updates the rest.
  "aws:cloudwatch/metricAlarm:MetricAlarm": regional("name"),
  // internal/service/cloudwatch/composite_alarm.go: `alarm_name` and `actions_enabled`; PutCompositeAlarm updates the rest.
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": regional("alarmName", "actionsEnabled"),
  // internal/service/logs/metric_filter.go: `name` and `log_group_name`; PutMetricFilter updates the rest.
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": regional("name", "logGroupName"),
  // internal/service/cloudwatch/dashboard.go: PutDashboard updates the body.
  "aws:cloudwatch/dashboard:Dashboard": regional("dashboardName"),
  // internal/service/sns/topic.go: attributes update in place.
  "aws:sns/topic:Topic": regional("name", "namePrefix", "fifoTopic"),
  // internal/service/sns/topic_policy.go: `arn`; SetTopicAttributes updates the policy.
  "aws:sns/topicPolicy:TopicPolicy": regional("arn"),
  // internal/service/sns/topic_subscription.go: `topic_arn`, `protocol` and `endpoint`.
  "aws:sns/topicSubscription:TopicSubscription": regional("topic", "protocol", "endpoint"),
  // pulumi-command v1.2.1 provider/pkg/provider/common/inputs.go: `triggers` is replaceOnChanges; any other
  // change without an `update` script runs `create` again.
  "command:remote:Command": ["triggers"],
  "command:local:Command": ["triggers"],
};
