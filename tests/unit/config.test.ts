import { expect } from "chai";
import { parseStackConfig } from "../../lib/stackSettings";
import { rawStackConfig } from "../../lib/config/stackConfig";
import { userStackFile } from "../support/stack";
import { SSH_KEY } from "../support/fixtures";
import { problemsOf } from "../support/problems";

const base = { userId: "abc123", sshPrivateKey: SSH_KEY, client: { host: "203.0.113.10" } };
const dev = { stack: "dev", region: "us-east-1" };
const NS = "msk-s3-sink";

const problems = (patch: Record<string, unknown>, ctx = dev): string[] =>
  problemsOf(() => parseStackConfig({ ...base, ...patch }, ctx), JSON.stringify(patch));

const retention =
  "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";
const effective = "(effective value, preset walkthrough)";

/** [what, config patch, the one problem line it must produce] */
const cases: [string, Record<string, unknown>, string][] = [
  // identity and scalars
  [
    "userId missing",
    { userId: undefined },
    `${NS}:userId: is required: the id that names topics, bucket, plugin and connector`,
  ],
  ["userId of wrong type", { userId: 42 }, `${NS}:userId = 42: must be a string`],
  [
    "userId uppercase",
    { userId: "ABC" },
    `${NS}:userId = "ABC": must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
  ],
  [
    "userId ends with dash",
    { userId: "abc-" },
    `${NS}:userId = "abc-": must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
  ],
  [
    "userId too long",
    { userId: "a".repeat(41) },
    `${NS}:userId = "${"a".repeat(41)}": must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
  ],
  [
    "environment uppercase",
    { environment: "Prod" },
    `${NS}:environment = "Prod": must be a lowercase name such as dev or prod`,
  ],
  [
    "unknown top-level key",
    { bukket: {} },
    `${NS}:bukket = {}: is not a known setting; did you mean bucket? (see docs/configuration.md)`,
  ],
  [
    "unknown preset",
    { deliveryPreset: "fast" },
    `${NS}:deliveryPreset = "fast": must be one of walkthrough, balanced, bulk`,
  ],
  [
    "unknown topic management",
    { topicManagement: "ssh" },
    `${NS}:topicManagement = "ssh": must be "remote" or "msk-api"`,
  ],
  [
    "ssh key that is not a key",
    { sshPrivateKey: "hunter2" },
    `${NS}:sshPrivateKey = [secret]: must be an OpenSSH or PEM private key`,
  ],
  [
    "missing ssh key with remote topics",
    { sshPrivateKey: undefined },
    `${NS}:sshPrivateKey: is required when topicManagement is "remote": npm run pulumi -- config set --secret sshPrivateKey --stack dev < key.pem`,
  ],
  // bucket
  [
    "bucket adopt and create",
    { bucket: { adopt: "b-1", create: true } },
    `${NS}:bucket = {"adopt":"b-1","create":true}: set either adopt or create, not both`,
  ],
  [
    "bucket unknown key",
    { bucket: { name: "x" } },
    `${NS}:bucket.name = "x": is not a known setting; did you mean bucket.create.name? (see docs/configuration.md)`,
  ],
  [
    "bucket create false",
    { bucket: { create: false } },
    `${NS}:bucket.create = false: must be true or a map of settings`,
  ],
  [
    "bucket name with uppercase",
    { bucket: { create: { name: "My-Bucket" } } },
    `${NS}:bucket.create.name: "My-Bucket" breaks S3 naming: a bucket name uses only a-z, 0-9, '.' and '-', and starts and ends with a letter or digit`,
  ],
  [
    "bucket name too short",
    { bucket: { adopt: "ab" } },
    `${NS}:bucket.adopt: "ab" breaks S3 naming: a bucket name has 3 to 63 characters`,
  ],
  [
    "bucket name like an IP",
    { bucket: { adopt: "192.168.5.4" } },
    `${NS}:bucket.adopt: "192.168.5.4" breaks S3 naming: a bucket name may not look like an IP address`,
  ],
  [
    "bucket name with two periods",
    { bucket: { adopt: "my..bucket" } },
    `${NS}:bucket.adopt: "my..bucket" breaks S3 naming: a bucket name may not contain two adjacent periods`,
  ],
  [
    "bucket name with reserved prefix",
    { bucket: { adopt: "xn--bucket" } },
    `${NS}:bucket.adopt: "xn--bucket" breaks S3 naming: a bucket name may not start with "xn--"`,
  ],
  [
    "bucket name with reserved suffix",
    { bucket: { adopt: "data-s3alias" } },
    `${NS}:bucket.adopt: "data-s3alias" breaks S3 naming: a bucket name may not end with "-s3alias"`,
  ],
  [
    "bucket name too long",
    { bucket: { create: { name: "b".repeat(64) } } },
    `${NS}:bucket.create.name: "${"b".repeat(64)}" breaks S3 naming: a bucket name has 3 to 63 characters`,
  ],
  [
    "forceDestroy outside dev",
    { environment: "prod", bucket: { create: { forceDestroy: true } } },
    `${NS}:bucket.create.forceDestroy = true: may be true only when environment is dev (it is "prod"): it would delete sink data`,
  ],
  [
    "forceDestroy not a boolean",
    { bucket: { create: { forceDestroy: "yes" } } },
    `${NS}:bucket.create.forceDestroy = "yes": must be true or false`,
  ],
  [
    "kms key that is not an ARN",
    { bucket: { create: { kmsKeyArn: "alias/sink" } } },
    `${NS}:bucket.create.kmsKeyArn = "alias/sink": must be a KMS key or alias ARN`,
  ],
  [
    "a connector ARN as plugin.import",
    { plugin: { import: "arn:aws:kafkaconnect:us-east-1:123456789012:connector/u1-connector/0a1b" } },
    `${NS}:plugin.import = "arn:aws:kafkaconnect:us-east-1:123456789012:connector/u1-connector/0a1b": must be a custom plugin ARN (arn:aws:kafkaconnect:<region>:<account>:custom-plugin/<name>/<uuid>)`,
  ],
  [
    "a custom plugin ARN as connector.import",
    { connector: { import: "arn:aws:kafkaconnect:us-east-1:123456789012:custom-plugin/u1-plugin/0a1b" } },
    `${NS}:connector.import = "arn:aws:kafkaconnect:us-east-1:123456789012:custom-plugin/u1-plugin/0a1b": must be a connector ARN (arn:aws:kafkaconnect:<region>:<account>:connector/<name>/<uuid>)`,
  ],
  [
    "noncurrent version days zero",
    { bucket: { create: { noncurrentVersionDays: 0 } } },
    `${NS}:bucket.create.noncurrentVersionDays = 0: must be a whole number from 1 to 3650`,
  ],
  // cluster
  [
    "cluster kind unknown",
    { cluster: { kind: "express" } },
    `${NS}:cluster.kind = "express": must be "provisioned" or "serverless"`,
  ],
  [
    "broker port 9092 with IAM",
    { cluster: { bootstrapServers: "b-1.x:9092,b-2.x:9098" } },
    `${NS}:cluster.bootstrapServers = "b-1.x:9092,b-2.x:9098": every broker must be host:9098 with iam authentication over TLS (not b-1.x:9092)`,
  ],
  [
    "broker port 9098 without IAM",
    { cluster: { authentication: "none", bootstrapServers: "b-1.x:9098" } },
    `${NS}:cluster.bootstrapServers = "b-1.x:9098": every broker must be host:9094 with none authentication over TLS (not b-1.x:9098)`,
  ],
  [
    "authentication unknown",
    { cluster: { authentication: "scram" } },
    `${NS}:cluster.authentication = "scram": must be "iam" or "none"`,
  ],
  [
    "subnet id malformed",
    { cluster: { subnetIds: ["10.0.1.0/24"] } },
    `${NS}:cluster.subnetIds[0] = "10.0.1.0/24": must be a subnet id (subnet-…)`,
  ],
  [
    "security groups not a list",
    { cluster: { securityGroupIds: "sg-1" } },
    `${NS}:cluster.securityGroupIds = "sg-1": must be a list of security group ids`,
  ],
  [
    "kafka version malformed",
    { cluster: { kafkaVersion: "three" } },
    `${NS}:cluster.kafkaVersion = "three": must be a Kafka version such as "3.6.0"`,
  ],
  // plugin
  [
    "plugin URL over http",
    { plugin: { source: "http://example.com/s3.zip" } },
    `${NS}:plugin.source = "http://example.com/s3.zip": a URL must use https:// (or give a local file path)`,
  ],
  [
    "plugin URL over ftp",
    { plugin: { source: "ftp://example.com/s3.zip" } },
    `${NS}:plugin.source = "ftp://example.com/s3.zip": a URL must use https:// (or give a local file path)`,
  ],
  [
    "plugin sha256 short",
    { plugin: { sha256: "abc" } },
    `${NS}:plugin.sha256 = "abc": must be 64 lowercase hex digits`,
  ],
  [
    "plugin sha256 uppercase",
    { plugin: { sha256: "A".repeat(64) } },
    `${NS}:plugin.sha256 = "${"A".repeat(64)}": must be 64 lowercase hex digits`,
  ],
  [
    "plugin source not a zip",
    { plugin: { source: "https://example.com/download" } },
    `${NS}:plugin.fileName: "download" (from plugin.source) must end in .zip or .jar; set plugin.fileName`,
  ],
  [
    "plugin file name with a path",
    { plugin: { fileName: "../s3.zip" } },
    `${NS}:plugin.fileName = "../s3.zip": must be a file name ending in .zip or .jar`,
  ],
  [
    "plugin name with spaces",
    { plugin: { name: "my plugin" } },
    `${NS}:plugin.name: "my plugin": a name has 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit`,
  ],
  // connector
  [
    "mcu count 3",
    { connector: { provisioned: { mcuCount: 3 } } },
    `${NS}:connector.provisioned.mcuCount = 3: must be 1, 2, 4 or 8`,
  ],
  [
    "worker count 0",
    { connector: { provisioned: { workerCount: 0 } } },
    `${NS}:connector.provisioned.workerCount = 0: must be a whole number from 1 to 10`,
  ],
  [
    "worker count 11",
    { connector: { provisioned: { workerCount: 11 } } },
    `${NS}:connector.provisioned.workerCount = 11: must be a whole number from 1 to 10`,
  ],
  [
    "worker count as string",
    { connector: { provisioned: { workerCount: "2" } } },
    `${NS}:connector.provisioned.workerCount = "2": must be a whole number from 1 to 10`,
  ],
  [
    "provisioned and autoscaling",
    { connector: { provisioned: {}, autoscaling: {} } },
    `${NS}:connector = {"provisioned":{},"autoscaling":{}}: set either provisioned or autoscaling capacity, not both`,
  ],
  [
    "autoscaling min above max",
    { connector: { autoscaling: { minWorkerCount: 4, maxWorkerCount: 2 } } },
    `${NS}:connector.autoscaling.minWorkerCount = 4: must not exceed maxWorkerCount (2)`,
  ],
  [
    "autoscaling scale-in above scale-out",
    { connector: { autoscaling: { scaleInCpuPercent: 90 } } },
    `${NS}:connector.autoscaling.scaleInCpuPercent = 90: must be below scaleOutCpuPercent (80)`,
  ],
  [
    "connect version unknown",
    { connector: { kafkaConnectVersion: "3.9" } },
    `${NS}:connector.kafkaConnectVersion = "3.9": must be "2.7.1" or "3.7.x"`,
  ],
  [
    "connector name with slash",
    { connector: { name: "a/b" } },
    `${NS}:connector.name: "a/b": a name has 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit`,
  ],
  [
    "property value not a string",
    { connector: { properties: { "flush.size": 100 } } },
    `${NS}:connector.properties.flush.size = 100: must be a string (quote numbers and booleans in YAML)`,
  ],
  [
    "flush.size zero",
    { connector: { properties: { "flush.size": "0" } } },
    `${NS}:connector.properties: flush.size="0": required; a whole number of records per S3 object from 1 to 2147483647 ${effective}`,
  ],
  [
    "tasks.max zero",
    { connector: { properties: { "tasks.max": "0" } } },
    `${NS}:connector.properties: tasks.max="0": a whole number of tasks, at least 1 ${effective}`,
  ],
  [
    "region override",
    { connector: { properties: { "s3.region": "us-west-2" } } },
    `${NS}:connector.properties: s3.region="us-west-2": must equal the stack's region "us-east-1" (the connector otherwise writes to another region) ${effective}`,
  ],
  [
    "bucket override",
    { connector: { properties: { "s3.bucket.name": "other" } } },
    `${NS}:connector.properties: s3.bucket.name="other": must equal the sink bucket "user-abc123-bucket" ${effective}`,
  ],
  [
    "topics list instead of regex",
    { connector: { properties: { topics: "abc123.pin" } } },
    `${NS}:connector.properties: topics="abc123.pin": is not allowed: list topics under topics.names (Kafka Connect rejects topics together with topics.regex) ${effective}`,
  ],
  [
    "the walkthrough's loose regex",
    { connector: { properties: { "topics.regex": "abc123.*" } } },
    `${NS}:connector.properties: topics.regex="abc123.*": must match only the declared topics; also matches abc123.pinx, abc123.pin.dlq, abc123_pin, abc123.geox, abc123.geo.dlq, abc123_geo, abc123.userx, abc123.user.dlq, abc123_user ${effective}`,
  ],
  [
    "a regex that misses a topic",
    { connector: { properties: { "topics.regex": "abc123\\.(pin|geo)" } } },
    `${NS}:connector.properties: topics.regex="abc123\\\\.(pin|geo)": must match every declared topic; misses abc123.user ${effective}`,
  ],
  [
    "a regex that reads MSK Connect's topics",
    { connector: { properties: { "topics.regex": "abc123\\.(pin|geo|user)|__.*" } } },
    `${NS}:connector.properties: topics.regex="abc123\\\\.(pin|geo|user)|__.*": must match only the declared topics; also matches __amazon_msk_connect_offsets_probe, __amazon_msk_connect_configs_probe, __amazon_msk_connect_status_probe, __consumer_offsets, __transaction_state ${effective}`,
  ],
  [
    "an invalid regex",
    { connector: { properties: { "topics.regex": "(abc" } } },
    `${NS}:connector.properties: topics.regex="(abc": must be a valid regular expression ${effective}`,
  ],
  // role, worker configuration, logs
  [
    "role adopt and create",
    { executionRole: { adopt: "r", create: true } },
    `${NS}:executionRole = {"adopt":"r","create":true}: set either adopt or create, not both`,
  ],
  [
    "role name with spaces",
    { executionRole: { create: { name: "my role" } } },
    `${NS}:executionRole.create.name: "my role": a name has 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit`,
  ],
  [
    "worker configuration adopt and create",
    { workerConfiguration: { adopt: "w", create: {} } },
    `${NS}:workerConfiguration = {"adopt":"w","create":{}}: set either adopt or create, not both`,
  ],
  [
    "worker property not a string",
    { workerConfiguration: { create: { properties: { "offset.flush.interval.ms": 1000 } } } },
    `${NS}:workerConfiguration.create.properties.offset.flush.interval.ms = 1000: must be a string (quote numbers and booleans in YAML)`,
  ],
  [
    "log retention 10 days",
    { logs: { retentionDays: 10 } },
    `${NS}:logs.retentionDays = 10: must be one of ${retention}`,
  ],
  [
    "logs enabled as string",
    { logs: { enabled: "true" } },
    `${NS}:logs.enabled = "true": must be true or false`,
  ],
  // topics
  [
    "partitions 0",
    { topics: { partitions: 0 } },
    `${NS}:topics.partitions = 0: must be a whole number from 1 to 10000`,
  ],
  [
    "partitions -1",
    { topics: { partitions: -1 } },
    `${NS}:topics.partitions = -1: must be a whole number from 1 to 10000`,
  ],
  [
    "partitions 1.5",
    { topics: { partitions: 1.5 } },
    `${NS}:topics.partitions = 1.5: must be a whole number from 1 to 10000`,
  ],
  [
    "replication factor 0",
    { topics: { replicationFactor: 0 } },
    `${NS}:topics.replicationFactor = 0: must be a whole number from 1 to 32`,
  ],
  ["empty topic list", { topics: { names: [] } }, `${NS}:topics.names = []: must name at least one topic`],
  [
    "duplicate topics",
    { topics: { names: ["a.pin", "a.pin"] } },
    `${NS}:topics.names = ["a.pin","a.pin"]: lists a topic more than once`,
  ],
  [
    "topic names Kafka treats as the same ('.' versus '_')",
    { topics: { names: ["a.b", "a_b"] } },
    `${NS}:topics.names[1] = "a_b": collides with topics.names[0] "a.b": Kafka treats '.' and '_' in topic names as the same (their metric names clash) and refuses the second; rename one`,
  ],
  [
    "a later topic name colliding with the first of three",
    { topics: { names: ["x.y_z", "q", "x_y.z"] } },
    `${NS}:topics.names[2] = "x_y.z": collides with topics.names[0] "x.y_z": Kafka treats '.' and '_' in topic names as the same (their metric names clash) and refuses the second; rename one`,
  ],
  [
    "serverless without its ARN (the lookup by name finds provisioned clusters only)",
    { cluster: { kind: "serverless", subnetIds: ["subnet-0a"], securityGroupIds: ["sg-0a"] } },
    `${NS}:cluster.arn: is required when cluster.kind is "serverless": a serverless cluster cannot be looked up by name`,
  ],
  [
    "network checks of unknown severity",
    { network: { checks: "fatal" } },
    `${NS}:network.checks = "fatal": must be "error", "warn" or "off"`,
  ],
  [
    "topic named '.'",
    { topics: { names: ["."] } },
    `${NS}:topics.names[0] = ".": a topic may not be named "." or ".."`,
  ],
  [
    "topic named '..'",
    { topics: { names: ["ok", ".."] } },
    `${NS}:topics.names[1] = "..": a topic may not be named "." or ".."`,
  ],
  [
    "topic with a semicolon",
    { topics: { names: ["a;rm -rf ~"] } },
    `${NS}:topics.names[0] = "a;rm -rf ~": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "topic with command substitution",
    { topics: { names: ["$(id)"] } },
    `${NS}:topics.names[0] = "$(id)": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "topic with a quote",
    { topics: { names: ["it's"] } },
    `${NS}:topics.names[0] = "it's": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "topic with a space",
    { topics: { names: ["a b"] } },
    `${NS}:topics.names[0] = "a b": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "topic with a newline",
    { topics: { names: ["a\nb"] } },
    `${NS}:topics.names[0] = "a\\nb": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "topic of 250 characters",
    { topics: { names: ["t".repeat(250)] } },
    `${NS}:topics.names[0] = "${"t".repeat(250)}": a topic name has 1 to 249 characters`,
  ],
  [
    "internal topic",
    { topics: { names: ["__consumer_offsets"] } },
    `${NS}:topics.names[0] = "__consumer_offsets": names starting with '__' are Kafka's and MSK Connect's internal topics`,
  ],
  [
    "topic config value with a space",
    { topics: { configs: { "retention.ms": "1 000" } } },
    `${NS}:topics.configs.retention.ms = "1 000": topic config values use A-Z, a-z, 0-9, '.', '_', ',', ':' and '-'`,
  ],
  [
    "topic config name with a shell character",
    { topics: { configs: { "retention;ms": "1" } } },
    `${NS}:topics.configs.retention;ms: topic config names use a-z, 0-9 and '.'`,
  ],
  [
    "deleteOnDestroy not a boolean",
    { topics: { deleteOnDestroy: "no" } },
    `${NS}:topics.deleteOnDestroy = "no": must be true or false`,
  ],
  [
    "msk-api on serverless",
    {
      topicManagement: "msk-api",
      cluster: {
        kind: "serverless",
        arn: "arn:aws:kafka:us-east-1:123456789012:cluster/sls/5c3f4e8a-1b2c-4d5e-9f00-112233445566-s1",
        subnetIds: ["subnet-0a"],
        securityGroupIds: ["sg-0a"],
      },
      topics: { partitions: 3, replicationFactor: 3 },
    },
    `${NS}:topicManagement = "msk-api": needs a provisioned cluster (cluster.kind is "serverless"); use "remote"`,
  ],
  [
    "msk-api on Kafka 3.5.1",
    {
      topicManagement: "msk-api",
      cluster: { kafkaVersion: "3.5.1" },
      topics: { partitions: 3, replicationFactor: 3 },
    },
    `${NS}:topicManagement = "msk-api": needs MSK Kafka 3.6 or later (the cluster runs 3.5.1); use "remote"`,
  ],
  [
    "msk-api on Kafka 2.8.1",
    {
      topicManagement: "msk-api",
      cluster: { kafkaVersion: "2.8.1" },
      topics: { partitions: 3, replicationFactor: 3 },
    },
    `${NS}:topicManagement = "msk-api": needs MSK Kafka 3.6 or later (the cluster runs 2.8.1); use "remote"`,
  ],
  [
    "msk-api without partitions",
    { topicManagement: "msk-api", topics: { replicationFactor: 3 } },
    `${NS}:topics.partitions: is required when topicManagement is "msk-api" (the MSK API has no broker default)`,
  ],
  // a stack file whose userId alone was changed
  [
    "adopted bucket left on another user id",
    { bucket: { adopt: "user-0a1b2c3d4e5f-bucket" } },
    `${NS}:bucket.adopt: "user-0a1b2c3d4e5f-bucket" carries user id 0a1b2c3d4e5f, not userId abc123: remove bucket.adopt to adopt user-abc123-bucket`,
  ],
  [
    "adopted role left on another user id",
    { executionRole: { adopt: "0a1b2c3d4e5f-ec2-access-role" } },
    `${NS}:executionRole.adopt: "0a1b2c3d4e5f-ec2-access-role" carries user id 0a1b2c3d4e5f, not userId abc123: remove executionRole.adopt to adopt abc123-ec2-access-role`,
  ],
  // client
  [
    "no client host",
    { client: {} },
    `${NS}:client = {}: set exactly one of client.host, client.instanceId or client.instanceName (found none)`,
  ],
  [
    "two client hosts",
    { client: { host: "h.example.com", instanceId: "i-0123456789abcdef0" } },
    `${NS}:client = {"host":"h.example.com","instanceId":"i-0123456789abcdef0"}: set exactly one of client.host, client.instanceId or client.instanceName (found host, instanceId)`,
  ],
  [
    "client host with shell characters",
    { client: { host: "h;reboot" } },
    `${NS}:client.host = "h;reboot": must be a host name or IP address`,
  ],
  [
    "instance id malformed",
    { client: { instanceId: "web-1" } },
    `${NS}:client.instanceId = "web-1": must be an EC2 instance id (i-…)`,
  ],
  [
    "ssh port 0",
    { client: { host: "h", port: 0 } },
    `${NS}:client.port = 0: must be a whole number from 1 to 65535`,
  ],
  [
    "relative kafka bin dir",
    { client: { host: "h", kafkaBinDir: "kafka/bin" } },
    `${NS}:client.kafkaBinDir = "kafka/bin": must be an absolute path of A-Z, a-z, 0-9, '.', '_', '-' and '/'`,
  ],
  [
    "bin dir with command substitution",
    { client: { host: "h", kafkaBinDir: "/home/$(id)" } },
    `${NS}:client.kafkaBinDir = "/home/$(id)": must be an absolute path of A-Z, a-z, 0-9, '.', '_', '-' and '/'`,
  ],
  [
    "client user with spaces",
    { client: { host: "h", user: "ec2 user" } },
    `${NS}:client.user = "ec2 user": must be a Linux user name`,
  ],
  [
    "tool timeout too short",
    { client: { host: "h", toolTimeoutSeconds: 1 } },
    `${NS}:client.toolTimeoutSeconds = 1: must be a whole number from 5 to 3600`,
  ],
  [
    "command timeout unbounded",
    { client: { host: "h", commandTimeoutMinutes: 0 } },
    `${NS}:client.commandTimeoutMinutes = 0: must be a whole number from 1 to 120`,
  ],
  [
    "nested typo, transposed letters",
    { client: { hots: "h" } },
    `${NS}:client.hots = "h": is not a known setting; did you mean client.host? (see docs/configuration.md)`,
  ],
  [
    "a nested key set without --path",
    { "topics.partitions": "3" },
    `${NS}:topics.partitions = "3": is not a known setting; it is a nested setting: npm run pulumi -- config rm 'topics.partitions' --stack dev, then npm run pulumi -- config set --path 'topics.partitions' <value> --stack dev (see docs/configuration.md)`,
  ],
  [
    "unknown client key",
    { client: { host: "h", password: "x" } },
    `${NS}:client.password = "x": is not a known setting (see docs/configuration.md)`,
  ],
];

describe("config validation", () => {
  for (const [what, patch, expected] of cases) {
    it(`refuses ${what}`, () => {
      expect(problems(patch)).to.deep.equal([expected]);
    });
  }

  it("has at least 50 distinct bad-input cases", () => {
    expect(new Set(cases.map((c) => c[2])).size).to.be.at.least(50);
  });

  it("reports every problem at once, in one error", () => {
    const found = problems({ userId: "ABC", topics: { partitions: 0 }, deliveryPreset: "x" });
    expect(found).to.have.length(3);
    let message = "";
    try {
      parseStackConfig({ ...base, userId: "ABC", deliveryPreset: "x" }, dev);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:userId = "ABC": must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'\n` +
        `  - ${NS}:deliveryPreset = "x": must be one of walkthrough, balanced, bulk`,
    );
  });

  it("lists problems across settings in one order: topics, cluster, connector, alarms, bucket key, imports", () => {
    const keys = (patch: Record<string, unknown>) =>
      problems(patch).map((p) => /^\S+?(?= = |: )/.exec(p)?.[0].slice(NS.length + 1));
    const eu = "arn:aws:kafkaconnect:eu-west-1:123456789012";
    const bucket = { adopt: "b-x", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" };
    const imports = {
      plugin: { import: `${eu}:custom-plugin/other/u` },
      connector: { autoscaling: {}, properties: { "tasks.max": "4" }, import: `${eu}:connector/other/u` },
    };
    const kms = ["bucket.kmsKeyArn", "bucket.kmsKeyArn"];
    const imported = ["plugin.import", "plugin.import", "connector.import", "connector.import"];
    const serverless = { kind: "serverless", arn: "arn:aws:kafka:eu-west-1:123456789012:cluster/c/u" };
    expect(
      keys({
        topicManagement: "msk-api",
        cluster: serverless,
        ...imports,
        connector: { ...imports.connector, properties: { "tasks.max": "4", "s3.region": "x" } },
        bucket,
      }),
    ).to.deep.equal([
      "topicManagement",
      "topics.partitions",
      "topics.replicationFactor",
      "cluster.arn",
      "cluster.subnetIds",
      "cluster.securityGroupIds",
      "connector.properties",
      "connector.properties",
      ...kms,
      ...imported,
    ]);
    // Without property problems, the alarms' rule comes between the connector's and the bucket key's.
    const topics = { names: Array.from({ length: 120 }, (_, i) => `t${i}`) };
    expect(keys({ ...imports, alarms: { enabled: true }, topics, bucket })).to.deep.equal([
      "connector.properties",
      "topics.names",
      ...kms,
      ...imported,
    ]);
  });

  it("never prints the SSH key, even when it is the bad value", () => {
    const key = "-----BEGIN RSA KEY-----secretmaterial";
    const found = problems({ sshPrivateKey: key });
    expect(found.join("\n")).to.not.include("secretmaterial");
  });
});

describe("Pulumi.dev.yaml: one change of userId is enough", () => {
  it("every name follows the new id (bucket, role, plugin, connector, topics), none keeps the committed one", () => {
    const file = userStackFile("dev");
    const committed = file.config[`${NS}:userId`];
    const config = { ...file.config, [`${NS}:userId`]: "f00dcafe1234" };
    const { raw, region } = rawStackConfig(config, (k) => file.secretKeys.includes(k), "dev");
    const s = parseStackConfig(raw, { stack: "dev", region });
    expect([
      s.bucket.name,
      s.executionRole.name,
      s.plugin.name,
      s.connector.name,
      ...s.topics.names,
    ]).to.deep.equal([
      "user-f00dcafe1234-bucket", // the walkthrough's bucket name, user-USER_ID-bucket
      "f00dcafe1234-ec2-access-role", // its role, USER_ID-ec2-access-role
      "f00dcafe1234-plugin",
      "f00dcafe1234-connector",
      "f00dcafe1234.pin",
      "f00dcafe1234.geo",
      "f00dcafe1234.user",
    ]);
    expect(JSON.stringify(s)).to.not.include(committed);
  });
});

describe("aws:region: a region the AWS provider knows (@pulumi/aws Region)", () => {
  const regionProblems = (region: string, extra: Record<string, string> = {}) =>
    problemsOf(() => rawStackConfig({ "aws:region": region, ...extra }, () => false, "dev"), region);
  const accepts = (region: string, extra: Record<string, string> = {}) =>
    expect(rawStackConfig({ "aws:region": region, ...extra }, () => false, "dev").region).to.equal(region);

  it("refuses a mistyped region with the nearest one", () => {
    expect(regionProblems("us-east1")).to.deep.equal([
      'aws:region = "us-east1": is not an AWS region; did you mean us-east-1? (for a region @pulumi/aws does not list yet, set aws:skipRegionValidation true)',
    ]);
    expect(regionProblems("eu-wset-1")[0]).to.include("did you mean eu-west-1?");
  });

  it("refuses a name far from every region without a guess", () => {
    expect(regionProblems("mars-north-1")).to.deep.equal([
      'aws:region = "mars-north-1": is not an AWS region; e.g. us-east-1 or eu-west-1 (for a region @pulumi/aws does not list yet, set aws:skipRegionValidation true)',
    ]);
  });

  it("accepts the walkthrough's region, partitions beyond aws, and any name with aws:skipRegionValidation", () => {
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-7", "cn-north-1", "us-gov-west-1"])
      accepts(region);
    accepts("mars-north-1", { "aws:skipRegionValidation": "true" });
  });
});
