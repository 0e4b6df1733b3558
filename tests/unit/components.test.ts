import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { CustomPlugin } from "../../components/customPlugin";
import { ExecutionRole } from "../../components/executionRole";
import { KafkaTopics } from "../../components/kafkaTopics";
import { PluginObject } from "../../components/pluginObject";
import { S3SinkConnector, S3SinkConnectorArgs } from "../../components/s3SinkConnector";
import { SinkBucket } from "../../components/sinkBucket";
import { parseStackConfig } from "../../lib/stackSettings";
import { KafkaAuthentication, PluginSourceKind, ResourceMode } from "../../lib/config/enums";
import { topicCommands, topicsSpec } from "../../lib/kafka/topicCommands";
import { awsInvokes, CLUSTER_ARN, IAM_BROKERS, SSH_KEY } from "../support/fixtures";
import { at, installMocks, isWireSecret, Registered, settle } from "../support/pulumiMocks";
import { one } from "../support/stack";

let resources: Registered[];
let invoked: string[];
beforeEach(() => ({ resources, invoked } = installMocks(awsInvokes())));

/** Registrations as "type name", sorted: registration order follows Output resolution, not code order. */
const types = () => resources.map((r) => `${r.type} ${r.name}`).sort();

describe("SinkBucket", () => {
  it("adopt: looks the bucket up and registers nothing under it", async () => {
    const b = new SinkBucket("u1-bucket", {
      bucketName: "user-u1-bucket",
      mode: ResourceMode.Adopt,
    });
    await settle();
    expect(types()).to.deep.equal(["msk-s3-sink:index:SinkBucket u1-bucket"]);
    expect(invoked).to.deep.equal(["aws:s3/getBucket:getBucket"]);
    expect(await new Promise((r) => b.bucketArn.apply(r))).to.equal("arn:aws:s3:::user-u1-bucket");
  });

  it("create: versioned, encrypted, private, ACLs off, TLS only, multipart cleanup, protected", async () => {
    new SinkBucket("u1-bucket", {
      bucketName: "user-u1-bucket",
      mode: ResourceMode.Create,
      protect: true,
    });
    await settle();
    expect(types()).to.deep.equal([
      "aws:s3/bucket:Bucket u1-bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration u1-bucket-lifecycle",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls u1-bucket-ownership",
      "aws:s3/bucketPolicy:BucketPolicy u1-bucket-tls-only",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock u1-bucket-public-access",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration u1-bucket-encryption",
      "aws:s3/bucketVersioning:BucketVersioning u1-bucket-versioning",
      "msk-s3-sink:index:SinkBucket u1-bucket",
    ]);
    const bucket = one(resources, "aws:s3/bucket:Bucket");
    expect(bucket.inputs).to.deep.include({ bucket: "user-u1-bucket", forceDestroy: false });
    expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([true, true]);
    // The hardening stays with the kept bucket: every companion is protected and retained too.
    const companions = resources.filter(
      (r) => r.custom && r.type.startsWith("aws:s3/bucket") && r !== bucket,
    );
    expect(companions.map((r) => [r.name, r.protect, r.retainOnDelete])).to.have.deep.members(
      companions.map((r) => [r.name, true, true]),
    );
    expect(companions).to.have.length(6);
    expect(
      one(resources, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration,
    ).to.deep.equal({ status: "Enabled" });
    expect(
      one(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .inputs.rules,
    ).to.deep.equal([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false },
    ]);
    expect(one(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.deep.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(
      one(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule,
    ).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
    const policy = one(resources, "aws:s3/bucketPolicy:BucketPolicy");
    expect(at(JSON.parse(at<string>(policy.inputs, "policy")), "Statement", 0)).to.deep.include({
      Effect: "Deny",
      Resource: ["arn:aws:s3:::user-u1-bucket", "arn:aws:s3:::user-u1-bucket/*"],
    });
    expect(policy.dependencies).to.include(
      one(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn,
    );
    const rules = at<Record<string, unknown>[]>(
      one(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs,
      "rules",
    );
    expect(rules.map((r) => r.id)).to.deep.equal([
      "abort-incomplete-multipart-uploads",
      "expire-noncurrent-versions",
    ]);
    expect(rules.some((r) => "expiration" in r)).to.equal(false);
    // Every object, with a filter that stays valid: an empty one draws the provider's deprecation warning.
    expect(rules.map((r) => r.filter)).to.deep.equal([{ prefix: "" }, { prefix: "" }]);
    expect(rules[1].noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 30 });
  });

  it("create with a KMS key: SSE-KMS with a bucket key; dev: unprotected", async () => {
    new SinkBucket("d", {
      bucketName: "d-bucket",
      mode: ResourceMode.Create,
      forceDestroy: true,
      kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k",
      noncurrentVersionDays: 7,
    });
    await settle();
    expect(
      one(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        .inputs.rules,
    ).to.deep.equal([
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: "aws:kms",
          kmsMasterKeyId: "arn:aws:kms:us-east-1:1:key/k",
        },
        bucketKeyEnabled: true,
      },
    ]);
    const bucket = one(resources, "aws:s3/bucket:Bucket");
    expect([bucket.protect, bucket.retainOnDelete, bucket.inputs.forceDestroy]).to.deep.equal([
      false,
      false,
      true,
    ]);
    expect(resources.filter((r) => r.custom && (r.protect || r.retainOnDelete))).to.deep.equal([]);
  });
});

describe("PluginObject and CustomPlugin", () => {
  it("upload the zip under kafka-connect-s3/, pin the plugin to its version, name its content", async () => {
    const zip = new PluginObject("u1-plugin-object", {
      bucketName: "user-u1-bucket",
      key: "kafka-connect-s3/s3.zip",
      source: "https://example.com/s3.zip",
      sourceKind: PluginSourceKind.Url,
      versionedBucket: true,
    });
    new CustomPlugin("u1-plugin", {
      pluginName: "u1-plugin",
      bucketArn: "arn:aws:s3:::user-u1-bucket",
      fileKey: zip.key,
      objectVersion: zip.versionId,
      contentId: zip.contentId,
    });
    await settle();
    const object = one(resources, "aws:s3/bucketObjectv2:BucketObjectv2", "u1-plugin-object");
    expect(object.inputs).to.deep.include({
      bucket: "user-u1-bucket",
      key: "kafka-connect-s3/s3.zip",
      contentType: "application/zip",
    });
    expect(object.wire.source).to.deep.include({ uri: "https://example.com/s3.zip" });
    const plugin = one(resources, "aws:mskconnect/customPlugin:CustomPlugin", "u1-plugin");
    expect(plugin.inputs).to.deep.equal({
      name: "u1-plugin",
      // A URL the provider fetches: the program has no bytes, the uploaded object's ETag names them.
      description: `kafka-connect-s3/s3.zip etag:${at<string>(object.outputs, "etag")}`,
      contentType: "ZIP",
      location: {
        s3: {
          bucketArn: "arn:aws:s3:::user-u1-bucket",
          fileKey: "kafka-connect-s3/s3.zip",
          objectVersion: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY",
        },
      },
    });
    expect(plugin.deleteBeforeReplace).to.equal(true);
    expect(plugin.dependencies).to.include(object.urn);
  });
});

describe("ExecutionRole", () => {
  it("adopt: a lookup by name, nothing created", async () => {
    new ExecutionRole("u1-role", {
      roleName: "u1-ec2-access-role",
      mode: ResourceMode.Adopt,
      clusterArn: CLUSTER_ARN,
      topicNames: ["a"],
      bucketArn: "arn:aws:s3:::b",
      objects: { prefix: "topics/", tagging: false },
      region: "us-east-1",
      connectorName: "u1-connector",
    });
    await settle();
    expect(types()).to.deep.equal(["msk-s3-sink:index:ExecutionRole u1-role"]);
    expect(invoked).to.deep.equal(["aws:iam/getRole:getRole"]);
  });

  it("create: trust for MSK Connect in this account for this connector, least-privilege inline policy", async () => {
    new ExecutionRole("u1-role", {
      roleName: "u1-msk-connect-role",
      mode: ResourceMode.Create,
      clusterArn: CLUSTER_ARN,
      topicNames: ["u1.pin"],
      bucketArn: "arn:aws:s3:::b",
      objects: { prefix: "topics/", tagging: false },
      region: "eu-west-1",
      connectorName: "u1-connector",
    });
    await settle();
    const role = one(resources, "aws:iam/role:Role", "u1-role");
    expect(role.inputs.name).to.equal("u1-msk-connect-role");
    expect(
      at(JSON.parse(at<string>(role.inputs, "assumeRolePolicy")), "Statement", 0, "Condition"),
    ).to.deep.equal({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/u1-connector/*" },
    });
    const policy: unknown = JSON.parse(
      at<string>(one(resources, "aws:iam/rolePolicy:RolePolicy", "u1-role-policy").inputs, "policy"),
    );
    expect(at(policy, "Statement", 1, "Resource")).to.deep.equal([
      `${CLUSTER_ARN.replace(":cluster/", ":topic/")}/u1.pin`,
    ]);
  });
});

describe("KafkaTopics", () => {
  const settings = (over: Record<string, unknown>) =>
    parseStackConfig(
      { userId: "u1", sshPrivateKey: SSH_KEY, client: { host: "h" }, ...over },
      { stack: "dev", region: "us-east-1" },
    );
  const connection = { host: "203.0.113.10", user: "ec2-user", port: 22, privateKey: pulumi.secret(SSH_KEY) };

  it("remote: one command whose create/update are the ensure script; key secret; logging off; bounded", async () => {
    const s = settings({});
    new KafkaTopics("u1-topics", {
      ...topicsSpec(s),
      bootstrapServers: IAM_BROKERS,
      clusterArn: CLUSTER_ARN,
      connection,
    });
    await settle();
    expect(types()).to.deep.equal([
      "command:remote:Command u1-topics-ensure",
      "msk-s3-sink:index:KafkaTopics u1-topics",
    ]);
    const cmd = one(resources, "command:remote:Command");
    const scripts = topicCommands(topicsSpec(s), IAM_BROKERS, CLUSTER_ARN);
    expect(cmd.inputs.create).to.equal(scripts.create);
    expect(cmd.inputs.update).to.equal(scripts.update);
    expect(cmd.inputs).to.not.have.property("delete");
    expect(cmd.inputs.logging).to.equal("none");
    // logging "none" only stops streaming: the provider still stores stdout and stderr, so they are secret.
    expect(cmd.additionalSecretOutputs).to.have.members(["connection", "stdout", "stderr"]);
    // The whole connection travels as a secret, so the key never shows in plan or state.
    expect(isWireSecret(cmd.wire.connection)).to.equal(true);
    expect(at(cmd.wire, "connection", "value")).to.deep.equal({
      host: "203.0.113.10",
      user: "ec2-user",
      port: 22,
      privateKey: SSH_KEY,
      dialErrorLimit: 5,
      perDialTimeout: 15,
    });
    expect(JSON.stringify([cmd.inputs.create, cmd.inputs.update])).to.not.include("PRIVATE KEY");
    expect(cmd.customTimeouts).to.deep.equal({ create: "20m", update: "20m", delete: "20m" });
  });

  it("remote with opt-in: the delete script is set", async () => {
    const s = settings({ topics: { deleteOnDestroy: true } });
    new KafkaTopics("u1-topics", {
      ...topicsSpec(s),
      bootstrapServers: IAM_BROKERS,
      clusterArn: CLUSTER_ARN,
      connection,
    });
    await settle();
    expect(one(resources, "command:remote:Command").inputs.delete).to.equal(
      topicCommands(topicsSpec(s), IAM_BROKERS, CLUSTER_ARN).delete,
    );
  });

  it("remote: the configs the script left alone reach the user as a summary that is not secret, unlike its stdout", async () => {
    // stdout of the ensure script on the integration suite's broker (Kafka 2.8.1 tools), after
    // retention.ms and cleanup.policy were set by hand on the first topic; the provider trims the last newline.
    const stdout =
      "Completed updating config for topic itb7345a-1.geo.\ntopic itb7345a-1.geo: unmanaged configs cleanup.policy,retention.ms (not set by the stack, left as they are)\ntopic itb7345a-1.geo exists\nCompleted updating config for topic itb7345a-1.pin.\ntopic itb7345a-1.pin exists";
    ({ resources } = installMocks(awsInvokes(), "test", false, {
      echo: (type) => (type === "command:remote:Command" ? { stdout: pulumi.secret(stdout) } : {}),
    }));
    const t = new KafkaTopics("u1-topics", {
      ...topicsSpec(settings({})),
      bootstrapServers: IAM_BROKERS,
      clusterArn: CLUSTER_ARN,
      connection,
    });
    expect(await new Promise((r) => t.unmanagedConfigs!.apply(r))).to.deep.equal({
      "itb7345a-1.geo": ["cleanup.policy", "retention.ms"],
    });
    expect(await pulumi.isSecret(t.unmanagedConfigs!)).to.equal(false);
  });

  it("msk-api: one aws.msk.Topic per topic, kept on destroy unless opted in", async () => {
    const s = settings({
      topicManagement: "msk-api",
      topics: { partitions: 3, replicationFactor: 3, configs: { "retention.ms": "1000" } },
    });
    new KafkaTopics("u1-topics", {
      ...topicsSpec(s),
      bootstrapServers: IAM_BROKERS,
      clusterArn: CLUSTER_ARN,
    });
    await settle();
    const topics = resources.filter((r) => r.type === "aws:msk/topic:Topic");
    expect(topics.map((t) => t.name)).to.deep.equal([
      "u1-topics-u1.pin",
      "u1-topics-u1.geo",
      "u1-topics-u1.user",
    ]);
    expect(topics[0].inputs).to.deep.equal({
      name: "u1.pin",
      clusterArn: CLUSTER_ARN,
      partitionCount: 3,
      replicationFactor: 3,
      configs: '{"retention.ms":"1000"}',
    });
    expect(topics.every((t) => t.retainOnDelete)).to.equal(true);
    expect(topics.map((t) => t.ignoreChanges)).to.deep.equal(topics.map(() => ["replicationFactor"]));
    expect(resources.some((r) => r.type === "command:remote:Command")).to.equal(false);
  });

  it("remote without a connection is a programming error, named", () => {
    expect(
      () => new KafkaTopics("x", { ...topicsSpec(settings({})), bootstrapServers: "b", clusterArn: "c" }),
    ).to.throw('x: topicManagement "remote" needs an SSH connection and tools');
  });
});

describe("S3SinkConnector", () => {
  const args = (over: Partial<S3SinkConnectorArgs>): S3SinkConnectorArgs => ({
    connectorName: "u1-connector",
    kafkaConnectVersion: "2.7.1",
    provisioned: { mcuCount: 1, workerCount: 1 },
    properties: { "connector.class": "io.confluent.connect.s3.S3SinkConnector" },
    bootstrapServers: IAM_BROKERS,
    subnetIds: ["subnet-1"],
    securityGroupIds: ["sg-1"],
    authentication: KafkaAuthentication.Iam,
    pluginArn: "arn:plugin",
    pluginRevision: 1,
    executionRoleArn: "arn:role",
    workerConfiguration: { mode: ResourceMode.Adopt, name: "confluent-worker" },
    ...over,
  });

  it("the walkthrough's connector: IAM, TLS, 1 MCU × 1 worker, adopted worker configuration, no logs", async () => {
    new S3SinkConnector("u1-connector", args({}));
    await settle();
    expect(types()).to.deep.equal([
      "aws:mskconnect/connector:Connector u1-connector",
      "msk-s3-sink:index:S3SinkConnector u1-connector",
    ]);
    const c = one(resources, "aws:mskconnect/connector:Connector");
    expect(c.inputs).to.deep.equal({
      name: "u1-connector",
      kafkaconnectVersion: "2.7.1",
      capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
      connectorConfiguration: { "connector.class": "io.confluent.connect.s3.S3SinkConnector" },
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: IAM_BROKERS,
          vpc: { subnets: ["subnet-1"], securityGroups: ["sg-1"] },
        },
      },
      kafkaClusterClientAuthentication: { authenticationType: "IAM" },
      kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
      plugins: [{ customPlugin: { arn: "arn:plugin", revision: 1 } }],
      serviceExecutionRoleArn: "arn:role",
      workerConfiguration: {
        arn: "arn:aws:kafkaconnect:us-east-1:123456789012:worker-configuration/confluent-worker/abc",
        revision: 2,
      },
    });
    expect(c.deleteBeforeReplace).to.equal(true);
    expect(c.replaceOnChanges).to.deep.equal(["connectorConfiguration"]);
    expect(c.customTimeouts).to.deep.equal({ create: "30m", update: "30m", delete: "30m" });
  });

  it("created worker configuration, log group and autoscaling", async () => {
    new S3SinkConnector(
      "u1-connector",
      args({
        workerConfiguration: { mode: ResourceMode.Create, name: "u1-worker" },
        logRetentionDays: 30,
        provisioned: undefined,
        autoscaling: {
          mcuCount: 2,
          minWorkerCount: 1,
          maxWorkerCount: 4,
          scaleInCpuPercent: 20,
          scaleOutCpuPercent: 80,
        },
      }),
    );
    await settle();
    const wc = one(
      resources,
      "aws:mskconnect/workerConfiguration:WorkerConfiguration",
      "u1-connector-worker",
    );
    expect(wc.inputs.propertiesFileContent).to.equal(
      "key.converter=org.apache.kafka.connect.storage.StringConverter\nvalue.converter=org.apache.kafka.connect.storage.StringConverter\n",
    );
    expect(wc.inputs.name).to.match(/^u1-worker-[0-9a-f]{8}$/);
    expect(one(resources, "aws:cloudwatch/logGroup:LogGroup", "u1-connector-logs").inputs).to.deep.equal({
      name: "/aws/mskconnect/u1-connector",
      retentionInDays: 30,
    });
    const c = one(resources, "aws:mskconnect/connector:Connector");
    expect(c.inputs.capacity).to.deep.equal({
      autoscaling: {
        mcuCount: 2,
        minWorkerCount: 1,
        maxWorkerCount: 4,
        scaleInPolicy: { cpuUtilizationPercentage: 20 },
        scaleOutPolicy: { cpuUtilizationPercentage: 80 },
      },
    });
    expect(c.inputs.logDelivery).to.deep.equal({
      workerLogDelivery: { cloudwatchLogs: { enabled: true, logGroup: "/aws/mskconnect/u1-connector" } },
    });
    expect(c.inputs.workerConfiguration).to.deep.equal({
      arn: `arn:aws:kafkaconnect:us-east-1:123456789012:worker-configuration/${at<string>(wc.inputs, "name")}/1`,
      revision: 1,
    });
  });
});
