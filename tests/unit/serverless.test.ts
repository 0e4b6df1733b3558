import { expect } from "chai";
import { ConfigError } from "../../lib/config/errors";
import { parseStackConfig } from "../../lib/stackSettings";
import { serverlessClusterFacts } from "../../lib/kafka/cluster";
import { awsInvokes, SSH_KEY } from "../support/fixtures";
import { healthyNetwork, networkInvokes } from "../support/network";
import { problemsOf } from "../support/problems";
import { at, Inputs, Invokes } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";

const ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/orders-sls/7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09-s2";
const BROKERS = "boot-7d3c2b1a.c2.kafka-serverless.us-east-1.amazonaws.com:9098";
const SUBNETS = ["subnet-0c1d2e3f", "subnet-1c1d2e3f"];
const GROUPS = ["sg-0fedcba987654321"];
const NS = "msk-s3-sink";
const serverless = { kind: "serverless", arn: ARN, subnetIds: SUBNETS, securityGroupIds: GROUPS };
const base = { userId: "u1", sshPrivateKey: SSH_KEY, client: { host: "203.0.113.10" } };

const problems = (raw: Record<string, unknown>, region = "us-east-1"): string[] =>
  problemsOf(() => parseStackConfig({ ...base, ...raw }, { stack: "dev", region }), JSON.stringify(raw));

describe("serverless clusters: config", () => {
  it("needs the ARN, subnets and security groups, each named", () => {
    expect(problems({ cluster: { kind: "serverless" } })).to.deep.equal([
      `${NS}:cluster.arn: is required when cluster.kind is "serverless": a serverless cluster cannot be looked up by name`,
      `${NS}:cluster.subnetIds: is required when cluster.kind is "serverless": the subnets of the cluster's VPC configuration`,
      `${NS}:cluster.securityGroupIds: is required when cluster.kind is "serverless": security groups of the cluster's VPC configuration (they must admit themselves on 9098)`,
    ]);
  });

  it("refuses authentication none, msk-api topics, an ARN of another region and a name the ARN contradicts", () => {
    expect(problems({ cluster: { ...serverless, authentication: "none" } })).to.deep.equal([
      `${NS}:cluster.authentication = "none": must be "iam" when cluster.kind is "serverless": MSK Serverless accepts IAM clients only`,
    ]);
    expect(
      problems({
        cluster: serverless,
        topicManagement: "msk-api",
        topics: { partitions: 3, replicationFactor: 3 },
      }),
    ).to.deep.equal([
      `${NS}:topicManagement = "msk-api": needs a provisioned cluster (cluster.kind is "serverless"); use "remote"`,
    ]);
    expect(problems({ cluster: serverless }, "eu-west-1")).to.deep.equal([
      `${NS}:cluster.arn = "${ARN}": is in region us-east-1, not the stack's eu-west-1 (aws:region): MSK Connect reaches clusters in its own region`,
    ]);
    expect(problems({ cluster: { ...serverless, name: "orders" } })).to.deep.equal([
      `${NS}:cluster.name = "orders": does not match cluster.arn, whose cluster is "orders-sls"; leave it unset`,
    ]);
  });

  it("refuses an ARN with a provisioned cluster, and one that is not an MSK cluster ARN", () => {
    expect(problems({ cluster: { arn: ARN } })).to.deep.equal([
      `${NS}:cluster.arn = "${ARN}": is read only when cluster.kind is "serverless"; a provisioned cluster is looked up by cluster.name`,
    ]);
    const wrong = "arn:aws:kafka:us-east-1:123456789012:topic/orders-sls/7d3c/t";
    expect(problems({ cluster: { ...serverless, arn: wrong } })).to.deep.equal([
      `${NS}:cluster.arn = "${wrong}": must be an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)`,
    ]);
  });

  it("takes the cluster's name from the ARN", () => {
    const s = parseStackConfig({ ...base, cluster: serverless }, { stack: "dev", region: "us-east-1" });
    expect([s.cluster.name, s.cluster.arn]).to.deep.equal(["orders-sls", ARN]);
  });

  it("facts: IAM brokers from the bootstrap lookup (or config), network from config; none reported is an error naming the ARN key", () => {
    const s = parseStackConfig({ ...base, cluster: serverless }, { stack: "dev", region: "us-east-1" });
    expect(serverlessClusterFacts(s, { bootstrapBrokersSaslIam: BROKERS })).to.deep.equal({
      arn: ARN,
      bootstrapServers: BROKERS,
      subnetIds: SUBNETS,
      securityGroupIds: GROUPS,
      brokerSecurityGroupIds: GROUPS,
    });
    expect(() => serverlessClusterFacts(s, { bootstrapBrokersSaslIam: "" })).to.throw(
      ConfigError,
      `${NS}:cluster.arn = "${ARN}": cluster orders-sls reports no IAM brokers (port 9098)`,
    );
    const own = parseStackConfig(
      { ...base, cluster: { ...serverless, bootstrapServers: "b-1.x:9098" } },
      { stack: "dev", region: "us-east-1" },
    );
    expect(serverlessClusterFacts(own, { bootstrapBrokersSaslIam: BROKERS }).bootstrapServers).to.equal(
      "b-1.x:9098",
    );
  });
});

describe("serverless clusters: the stack on the mock runtime", () => {
  const config = {
    "aws:region": "us-east-1",
    [`${NS}:userId`]: "u1",
    [`${NS}:sshPrivateKey`]: SSH_KEY,
    [`${NS}:cluster`]: JSON.stringify(serverless),
    [`${NS}:client`]: JSON.stringify({ host: "203.0.113.10" }),
    [`${NS}:executionRole`]: JSON.stringify({ create: true }),
  };
  /** The account's lookups, minus getCluster (it finds provisioned clusters only): calling it fails the run. */
  function invokes(brokerLookups: Inputs[]): Invokes {
    const all: Invokes = { ...awsInvokes(), ...networkInvokes(healthyNetwork(SUBNETS, GROUPS)) };
    delete all["aws:msk/getCluster:getCluster"];
    all["aws:msk/getBootstrapBrokers:getBootstrapBrokers"] = (a) => {
      brokerLookups.push(a);
      return { clusterArn: a.clusterArn, bootstrapBrokersSaslIam: BROKERS, bootstrapBrokersTls: "" };
    };
    return all;
  }

  it("looks the brokers up by ARN, never getCluster; the connector gets them with the configured network and IAM", async () => {
    const lookups: Inputs[] = [];
    const run = await runProgram("dev", config, invokes(lookups), [`${NS}:sshPrivateKey`]);
    if (run.error) throw run.error;
    expect(lookups).to.deep.equal([{ clusterArn: ARN }]);
    expect(run.invoked).to.not.include("aws:msk/getCluster:getCluster");
    const c = one(run.resources, "aws:mskconnect/connector:Connector");
    expect(c.inputs.kafkaCluster).to.deep.equal({
      apacheKafkaCluster: { bootstrapServers: BROKERS, vpc: { subnets: SUBNETS, securityGroups: GROUPS } },
    });
    expect(c.inputs.kafkaClusterClientAuthentication).to.deep.equal({ authenticationType: "IAM" });
    const create = at<string>(one(run.resources, "command:remote:Command").inputs, "create");
    expect(create).to.include(`--bootstrap-server '${BROKERS}' --command-config 'client.properties'`);
  });

  it("the created role's Kafka rights name the serverless cluster's ARN, topics and groups", async () => {
    const run = await runProgram("dev", config, invokes([]), [`${NS}:sshPrivateKey`]);
    if (run.error) throw run.error;
    const policy = JSON.parse(
      at<string>(one(run.resources, "aws:iam/rolePolicy:RolePolicy").inputs, "policy"),
    ) as { Statement: { Sid: string; Resource: string | string[] }[] };
    const resources = (sid: string) => policy.Statement.find((st) => st.Sid === sid)?.Resource;
    const topic = ARN.replace(":cluster/", ":topic/");
    expect(resources("ClusterConnect")).to.equal(ARN);
    expect(resources("ReadSinkTopics")).to.deep.equal([
      `${topic}/u1.pin`,
      `${topic}/u1.geo`,
      `${topic}/u1.user`,
    ]);
  });

  it("a serverless config without ARN registers nothing and makes no lookup", async () => {
    const bad = { ...config, [`${NS}:cluster`]: JSON.stringify({ ...serverless, arn: undefined }) };
    const run = await runProgram("dev", bad, invokes([]), [`${NS}:sshPrivateKey`]);
    expect(run.error?.message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:cluster.arn: is required when cluster.kind is "serverless": a serverless cluster cannot be looked up by name`,
    );
    expect(run.resources).to.deep.equal([]);
    expect(run.invoked).to.deep.equal([]);
  });
});
