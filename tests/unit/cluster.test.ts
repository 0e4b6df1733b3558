import { expect } from "chai";
import { clientAddress, clusterFacts, FoundCluster } from "../../lib/kafka/cluster";
import { parseStackConfig } from "../../lib/stackSettings";
import {
  CLUSTER_ARN,
  IAM_BROKERS,
  SECURITY_GROUPS,
  SSH_KEY,
  SUBNETS,
  TLS_BROKERS,
} from "../support/fixtures";
import { problemsOf } from "../support/problems";

const found: FoundCluster = {
  arn: CLUSTER_ARN,
  kafkaVersion: "3.6.0",
  bootstrapBrokersSaslIam: IAM_BROKERS,
  bootstrapBrokersTls: TLS_BROKERS,
  brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
};
const settings = (over: Record<string, unknown> = {}) =>
  parseStackConfig(
    { userId: "u1", sshPrivateKey: SSH_KEY, client: { host: "h" }, ...over },
    { stack: "dev", region: "us-east-1" },
  );

const problems = (f: () => unknown): string[] => problemsOf(f);

describe("cluster facts", () => {
  it("IAM brokers, client subnets and security groups of the cluster by default", () => {
    expect(clusterFacts(settings(), found)).to.deep.equal({
      arn: CLUSTER_ARN,
      bootstrapServers: IAM_BROKERS,
      subnetIds: SUBNETS,
      securityGroupIds: SECURITY_GROUPS,
      brokerSecurityGroupIds: SECURITY_GROUPS,
    });
  });

  it("TLS brokers without IAM; configured brokers and network win", () => {
    expect(clusterFacts(settings({ cluster: { authentication: "none" } }), found).bootstrapServers).to.equal(
      TLS_BROKERS,
    );
    const own = settings({
      cluster: { bootstrapServers: "b-9.x:9098", subnetIds: ["subnet-0f"], securityGroupIds: ["sg-0f"] },
    });
    expect(clusterFacts(own, found)).to.deep.equal({
      arn: CLUSTER_ARN,
      bootstrapServers: "b-9.x:9098",
      subnetIds: ["subnet-0f"],
      securityGroupIds: ["sg-0f"],
      brokerSecurityGroupIds: SECURITY_GROUPS,
    });
  });

  it("names what the cluster lacks", () => {
    expect(
      problems(() =>
        clusterFacts(settings(), { ...found, bootstrapBrokersSaslIam: "", brokerNodeGroupInfos: [] }),
      ),
    ).to.deep.equal([
      'msk-s3-sink:cluster.authentication = "iam": cluster pinterest-msk-cluster has no brokers on port 9098 for it; enable that authentication on the cluster',
      "msk-s3-sink:cluster.subnetIds: cluster pinterest-msk-cluster reports no client subnets; set the connector's subnets",
      "msk-s3-sink:cluster.securityGroupIds: cluster pinterest-msk-cluster reports no security groups; set the connector's security groups",
    ]);
  });

  it("refuses msk-api on a cluster older than 3.6 even when config did not say its version", () => {
    const s = settings({ topicManagement: "msk-api", topics: { partitions: 1, replicationFactor: 3 } });
    expect(problems(() => clusterFacts(s, { ...found, kafkaVersion: "3.5.1" }))).to.deep.equal([
      'msk-s3-sink:topicManagement = "msk-api": needs MSK Kafka 3.6 or later (the cluster runs 3.5.1); use "remote"',
    ]);
    expect(clusterFacts(s, { ...found, kafkaVersion: "3.6.0" }).arn).to.equal(CLUSTER_ARN);
    expect(clusterFacts(s, { ...found, kafkaVersion: "4.0.x.kraft" }).arn).to.equal(CLUSTER_ARN);
  });
});

describe("client address", () => {
  const instance = { id: "i-0abc", publicIp: "198.51.100.7", privateIp: "10.0.1.5" };
  it("public by default, private on request", () => {
    expect(clientAddress(settings().client, instance)).to.equal("198.51.100.7");
    expect(clientAddress({ ...settings().client, address: "private" }, instance)).to.equal("10.0.1.5");
  });
  it("names client.address when the instance has no such IP", () => {
    expect(problems(() => clientAddress(settings().client, { ...instance, publicIp: "" }))).to.deep.equal([
      'msk-s3-sink:client.address = "public": instance i-0abc has no public IP; use the other address or client.host',
    ]);
  });
});
