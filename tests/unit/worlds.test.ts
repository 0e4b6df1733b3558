import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { walkthroughProperties } from "../../lib/connector/properties";
import { presetProperties } from "../../lib/connector/delivery";
import { awsInvokes, CLUSTER_ARN, IAM_BROKERS, SECURITY_GROUPS, SUBNETS } from "../support/fixtures";
import { at, isWireSecret } from "../support/pulumiMocks";
import { one, ProgramRun, runProgram, waitsFor } from "../support/stack";
import { invokesFor, settingsOf } from "../support/stackChecks";
import { COMPANY, devConfig, WALKTHROUGH } from "../support/worlds";
import { WALKTHROUGH_CONNECTOR } from "../support/lifecycle";

const KEY = "msk-s3-sink:sshPrivateKey";

const sorted = (run: ProgramRun) => run.resources.map((r) => `${r.type} ${r.name}`).sort();

describe("the walkthrough's world (a dev stack as the walkthrough has it)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram("dev", devConfig(), awsInvokes(), [KEY]);
    if (run.error) throw run.error;
  });

  it("adopts bucket, cluster, role and worker configuration; creates only plugin object, plugin, connector and topics", () => {
    expect(sorted(run)).to.deep.equal([
      "aws:mskconnect/connector:Connector 5f4e3d2c1b0a-connector",
      "aws:mskconnect/customPlugin:CustomPlugin 5f4e3d2c1b0a-plugin",
      "aws:s3/bucketObjectv2:BucketObjectv2 5f4e3d2c1b0a-plugin-object",
      "command:remote:Command 5f4e3d2c1b0a-topics-ensure",
      "msk-s3-sink:index:CustomPlugin 5f4e3d2c1b0a-plugin",
      "msk-s3-sink:index:ExecutionRole 5f4e3d2c1b0a-role",
      "msk-s3-sink:index:KafkaTopics 5f4e3d2c1b0a-topics",
      "msk-s3-sink:index:PluginObject 5f4e3d2c1b0a-plugin-object",
      "msk-s3-sink:index:S3SinkConnector 5f4e3d2c1b0a-connector",
      "msk-s3-sink:index:SinkBucket 5f4e3d2c1b0a-bucket",
    ]);
    // What it adopts, and the network its connector's subnets and security groups are checked against.
    expect([...new Set(run.invoked)].sort()).to.deep.equal([
      "aws:ec2/getPrefixList:getPrefixList",
      "aws:ec2/getRouteTable:getRouteTable",
      "aws:ec2/getRouteTables:getRouteTables",
      "aws:ec2/getSubnet:getSubnet",
      "aws:ec2/getVpcEndpoint:getVpcEndpoint",
      "aws:ec2/getVpcEndpointService:getVpcEndpointService",
      "aws:iam/getRole:getRole",
      "aws:msk/getCluster:getCluster",
      "aws:mskconnect/getConnector:getConnector",
      "aws:mskconnect/getWorkerConfiguration:getWorkerConfiguration",
      "aws:s3/getBucket:getBucket",
      "aws:vpc/getSecurityGroupRule:getSecurityGroupRule",
      "aws:vpc/getSecurityGroupRules:getSecurityGroupRules",
    ]);
  });

  it("the connector matches the walkthrough item by item", () => {
    const c = one(run.resources, "aws:mskconnect/connector:Connector");
    // The walkthrough's properties, its topics named exactly and its bucket.
    expect(c.inputs.connectorConfiguration).to.deep.equal({
      ...WALKTHROUGH_CONNECTOR,
      "topics.regex": "(5f4e3d2c1b0a\\.pin|5f4e3d2c1b0a\\.geo|5f4e3d2c1b0a\\.user)",
      "s3.bucket.name": "user-5f4e3d2c1b0a-bucket",
    });
    expect(c.inputs).to.deep.include({
      name: "5f4e3d2c1b0a-connector",
      capacity: { provisionedCapacity: { mcuCount: 1, workerCount: 1 } },
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: IAM_BROKERS,
          vpc: { subnets: SUBNETS, securityGroups: SECURITY_GROUPS },
        },
      },
      kafkaClusterClientAuthentication: { authenticationType: "IAM" },
      kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
      serviceExecutionRoleArn: "arn:aws:iam::123456789012:role/5f4e3d2c1b0a-ec2-access-role",
      workerConfiguration: {
        arn: "arn:aws:kafkaconnect:us-east-1:123456789012:worker-configuration/confluent-worker/abc",
        revision: 2,
      },
      plugins: [
        {
          customPlugin: {
            arn: "arn:aws:kafkaconnect:us-east-1:123456789012:custom-plugin/5f4e3d2c1b0a-plugin/1",
            revision: 1,
          },
        },
      ],
    });
    expect(c.inputs).to.not.have.property("logDelivery");
  });

  it("the plugin: the walkthrough's zip at kafka-connect-s3/ in the bucket, named <id>-plugin", () => {
    const object = one(run.resources, "aws:s3/bucketObjectv2:BucketObjectv2");
    expect(object.inputs).to.deep.include({
      bucket: "user-5f4e3d2c1b0a-bucket",
      key: "kafka-connect-s3/confluentinc-kafka-connect-s3-10.0.3.zip",
    });
    expect(at(object.wire, "source", "uri")).to.equal(
      "https://d1i4a15mxbxib1.cloudfront.net/api/plugins/confluentinc/kafka-connect-s3/versions/10.0.3/confluentinc-kafka-connect-s3-10.0.3.zip",
    );
    expect(one(run.resources, "aws:mskconnect/customPlugin:CustomPlugin").inputs.name).to.equal(
      "5f4e3d2c1b0a-plugin",
    );
  });

  it("the topics: the walkthrough's three, with its bin directory, client.properties and IAM brokers", () => {
    const create = at<string>(one(run.resources, "command:remote:Command").inputs, "create");
    expect(create).to.include("cd '/home/ec2-user/kafka_2.12-2.8.1/bin'\n");
    expect(create).to.include('kt() { tool kafka-topics.sh "$@"; }');
    expect(create).to.include(
      `"./$_tool" --bootstrap-server '${IAM_BROKERS}' --command-config 'client.properties'`,
    );
    expect(create).to.include("topics='5f4e3d2c1b0a.pin 5f4e3d2c1b0a.geo 5f4e3d2c1b0a.user'\n");
  });

  it("the connector waits for the plugin and the topics; topics wait for nothing the program makes", () => {
    const urn = (type: string) => one(run.resources, type).urn;
    const connectorWaits = waitsFor(run.resources, one(run.resources, "aws:mskconnect/connector:Connector"));
    expect(connectorWaits).to.include(urn("aws:mskconnect/customPlugin:CustomPlugin"));
    expect(connectorWaits).to.include(urn("command:remote:Command"));
    expect(waitsFor(run.resources, one(run.resources, "command:remote:Command")).size).to.equal(0);
    expect(
      waitsFor(run.resources, one(run.resources, "aws:mskconnect/customPlugin:CustomPlugin")),
    ).to.include(urn("aws:s3/bucketObjectv2:BucketObjectv2"));
  });

  it("exports what a user needs, and no secret", () => {
    expect(Object.keys(run.outputs ?? {}).sort()).to.deep.equal([
      "bucketName",
      "connectorArn",
      "consoleUrls",
      "pluginArn",
      "s3ListCommands",
      "topicNames",
      "topicPrefixes",
      "unmanagedTopicConfigs",
      "verifyTarget",
    ]);
    expect(run.outputs).to.deep.include({
      bucketName: "user-5f4e3d2c1b0a-bucket",
      topicPrefixes: {
        "5f4e3d2c1b0a.pin": "s3://user-5f4e3d2c1b0a-bucket/topics/5f4e3d2c1b0a.pin/",
        "5f4e3d2c1b0a.geo": "s3://user-5f4e3d2c1b0a-bucket/topics/5f4e3d2c1b0a.geo/",
        "5f4e3d2c1b0a.user": "s3://user-5f4e3d2c1b0a-bucket/topics/5f4e3d2c1b0a.user/",
      },
      connectorArn: "arn:aws:kafkaconnect:us-east-1:123456789012:connector/5f4e3d2c1b0a-connector/1",
      pluginArn: "arn:aws:kafkaconnect:us-east-1:123456789012:custom-plugin/5f4e3d2c1b0a-plugin/1",
      topicNames: ["5f4e3d2c1b0a.pin", "5f4e3d2c1b0a.geo", "5f4e3d2c1b0a.user"],
    });
  });

  it("the SSH key is a secret wherever it flows and plain nowhere", () => {
    const cmd = one(run.resources, "command:remote:Command");
    expect(isWireSecret(cmd.wire.connection)).to.equal(true);
    for (const r of run.resources) {
      const plain = JSON.stringify({ ...r.wire, connection: undefined });
      expect(plain, `${r.type} ${r.name}`).to.not.include("PRIVATE KEY");
    }
    expect(JSON.stringify(run.outputs)).to.not.include("PRIVATE KEY");
  });
});

describe("a company's world (a prod stack, created and hardened)", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runProgram(
      "prod",
      COMPANY,
      invokesFor(settingsOf("prod", { config: COMPANY, secretKeys: [] })),
    );
    if (run.error) throw run.error;
  });

  it("creates the bucket (protected), role (with its propagation wait), worker configuration, log group, MSK API topics, alarms and dashboard; no SSH", () => {
    expect(sorted(run).filter((t) => !t.startsWith("msk-s3-sink:index:"))).to.deep.equal([
      "aws:cloudwatch/compositeAlarm:CompositeAlarm orders-alarms-pipeline",
      "aws:cloudwatch/dashboard:Dashboard orders-dashboard",
      "aws:cloudwatch/logGroup:LogGroup orders-connector-logs",
      "aws:cloudwatch/logMetricFilter:LogMetricFilter orders-dashboard-worker-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm orders-alarms-errored-tasks",
      "aws:cloudwatch/metricAlarm:MetricAlarm orders-alarms-time-lag-orders.geo",
      "aws:cloudwatch/metricAlarm:MetricAlarm orders-alarms-time-lag-orders.pin",
      "aws:cloudwatch/metricAlarm:MetricAlarm orders-alarms-time-lag-orders.user",
      "aws:iam/role:Role orders-role",
      "aws:iam/rolePolicy:RolePolicy orders-role-policy",
      "aws:msk/topic:Topic orders-topics-orders.geo",
      "aws:msk/topic:Topic orders-topics-orders.pin",
      "aws:msk/topic:Topic orders-topics-orders.user",
      "aws:mskconnect/connector:Connector orders-connector",
      "aws:mskconnect/customPlugin:CustomPlugin orders-plugin",
      "aws:mskconnect/workerConfiguration:WorkerConfiguration orders-connector-worker",
      "aws:s3/bucket:Bucket orders-bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration orders-bucket-lifecycle",
      "aws:s3/bucketObjectv2:BucketObjectv2 orders-plugin-object",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls orders-bucket-ownership",
      "aws:s3/bucketPolicy:BucketPolicy orders-bucket-tls-only",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock orders-bucket-public-access",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration orders-bucket-encryption",
      "aws:s3/bucketVersioning:BucketVersioning orders-bucket-versioning",
      "aws:sns/topic:Topic orders-alarms-topic",
      "aws:sns/topicPolicy:TopicPolicy orders-alarms-topic-policy",
      "aws:sns/topicSubscription:TopicSubscription orders-alarms-email",
      "command:local:Command orders-role-propagation",
    ]);
    const bucket = one(run.resources, "aws:s3/bucket:Bucket");
    expect([
      bucket.inputs.bucket,
      bucket.protect,
      bucket.retainOnDelete,
      bucket.inputs.forceDestroy,
    ]).to.deep.equal(["orders-kafka-sink-eu-west-1", true, true, false]);
  });

  it("the connector uses the bulk preset over the walkthrough's base, in eu-west-1, with logs and autoscaling", () => {
    const c = one(run.resources, "aws:mskconnect/connector:Connector");
    const base = walkthroughProperties({
      region: "eu-west-1",
      bucket: "orders-kafka-sink-eu-west-1",
      topics: ["orders.pin", "orders.geo", "orders.user"],
    });
    expect(c.inputs.connectorConfiguration).to.deep.equal({ ...base, ...presetProperties("bulk") });
    expect(at(c.inputs, "capacity", "autoscaling")).to.deep.include({
      mcuCount: 1,
      minWorkerCount: 1,
      maxWorkerCount: 4,
    });
    expect(at(c.inputs, "logDelivery", "workerLogDelivery", "cloudwatchLogs")).to.deep.equal({
      enabled: true,
      logGroup: "/aws/mskconnect/orders-connector",
    });
    expect(c.inputs.serviceExecutionRoleArn).to.equal(
      "arn:aws:iam::123456789012:role/orders-msk-connect-role",
    );
  });

  it("the connector waits for plugin, topics and the role's policy; topics and role run beside the plugin chain", () => {
    const c = waitsFor(run.resources, one(run.resources, "aws:mskconnect/connector:Connector"));
    for (const type of [
      "aws:mskconnect/customPlugin:CustomPlugin",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:mskconnect/workerConfiguration:WorkerConfiguration",
      "aws:cloudwatch/logGroup:LogGroup",
    ])
      expect(c, type).to.include(one(run.resources, type).urn);
    for (const t of run.resources.filter((r) => r.type === "aws:msk/topic:Topic")) {
      expect(c).to.include(t.urn);
      expect(waitsFor(run.resources, t).size).to.equal(0);
      expect(t.inputs).to.deep.include({ clusterArn: CLUSTER_ARN, partitionCount: 3, replicationFactor: 3 });
      expect(t.retainOnDelete).to.equal(true);
    }
    const bucketUrn = one(run.resources, "aws:s3/bucket:Bucket").urn;
    expect(waitsFor(run.resources, one(run.resources, "aws:iam/role:Role"))).to.not.include(bucketUrn);
  });
});

describe("the walkthrough's world with the EC2 client found by its Name tag", () => {
  it("connects to the running instance's public IP", async () => {
    const config = {
      ...devConfig(),
      "msk-s3-sink:client": JSON.stringify({ instanceName: "5f4e3d2c1b0a-client" }),
    };
    const run = await runProgram("dev", config, awsInvokes(), [KEY]);
    if (run.error) throw run.error;
    expect(run.invoked).to.include("aws:ec2/getInstance:getInstance");
    expect(at(one(run.resources, "command:remote:Command").wire, "connection", "value", "host")).to.equal(
      "198.51.100.7",
    );
  });
});

describe("a stack that fails", () => {
  it("on bad config registers no resource and makes no AWS call", async () => {
    const run = await runProgram(
      "dev",
      { ...devConfig(), "msk-s3-sink:topics": '{"partitions":0}' },
      awsInvokes(),
      [KEY],
    );
    expect(run.error?.message).to.equal(
      "Invalid msk-s3-sink configuration:\n  - msk-s3-sink:topics.partitions = 0: must be a whole number from 1 to 10000",
    );
    // A RunError ends the CLI's run with the message alone; no stack to render.
    expect(run.error).to.be.instanceOf(pulumi.RunError);
    expect(run.error?.stack).to.equal("");
    expect(run.resources).to.deep.equal([]);
    expect(run.invoked).to.deep.equal([]);
  });

  it("on a missing SSH key registers nothing", async () => {
    const run = await runProgram("dev", WALKTHROUGH, awsInvokes());
    expect(run.error?.message).to.include("msk-s3-sink:sshPrivateKey: is required");
    expect(run.resources).to.deep.equal([]);
  });

  it("on a cluster too old for msk-api registers nothing", async () => {
    const run = await runProgram(
      "prod",
      COMPANY,
      invokesFor(settingsOf("prod", { config: COMPANY, secretKeys: [] }), { kafkaVersion: "2.8.1" }),
    );
    expect(run.error?.message).to.include(
      'msk-s3-sink:topicManagement = "msk-api": needs MSK Kafka 3.6 or later (the cluster runs 2.8.1); use "remote"',
    );
    expect(run.resources).to.deep.equal([]);
  });

  it("on a cluster without IAM brokers registers nothing", async () => {
    const run = await runProgram(
      "dev",
      devConfig(),
      invokesFor(settingsOf("dev", { config: devConfig(), secretKeys: [KEY] }), {
        bootstrapBrokersSaslIam: "",
      }),
      [KEY],
    );
    expect(run.error?.message).to.include("cluster pinterest-msk-cluster has no brokers on port 9098");
    expect(run.resources).to.deep.equal([]);
  });
});
