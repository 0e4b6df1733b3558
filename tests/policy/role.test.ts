import { expect } from "chai";
import { roleKafkaScoped, roleNoWildcards, roleTrust } from "../../policy/role";
import { CLUSTER, rolePolicyDocument, T, trustPolicy } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };
const role = (assumeRolePolicy: unknown, inlinePolicies?: object[]) => ({
  type: T.role,
  props: { name: "orders-msk-connect-role", assumeRolePolicy, inlinePolicies },
});
const rolePolicy = (policy: unknown) => ({ type: T.rolePolicy, props: { role: "orders-role-id", policy } });
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const topic = (name: string) => `${CLUSTER.replace(":cluster/", ":topic/")}/${name}`;

describe("policy: execution role", () => {
  it("role-trust-kafkaconnect: the program's trust policy passes; other principals, no SourceAccount or no one-connector SourceArn are reported", async () => {
    expect(await checkResource(roleTrust, role(trustPolicy()))).to.deep.equal(ok);
    const ec2 = doc({
      Sid: "Ec2",
      Effect: "Allow",
      Principal: { Service: ["kafkaconnect.amazonaws.com", "ec2.amazonaws.com"] },
      Action: "sts:AssumeRole",
    });
    expect((await checkResource(roleTrust, role(ec2))).violations).to.deep.equal([
      'statement "Ec2" trusts {"Service":["kafkaconnect.amazonaws.com","ec2.amazonaws.com"]}: only the service kafkaconnect.amazonaws.com may assume the execution role',
      'statement "Ec2" has no aws:SourceAccount condition: another account\'s connector could use the role (confused deputy)',
      'statement "Ec2" has no aws:SourceArn condition: any connector in the account could use the role; limit it to arn:<partition>:kafkaconnect:<region>:<account>:connector/<name>/*',
    ]);
    const anyone = doc({
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "1" } },
    });
    expect((await checkResource(roleTrust, role(anyone))).violations).to.deep.equal([
      'statement #1 trusts {"AWS":"*"}: only the service kafkaconnect.amazonaws.com may assume the execution role',
      "statement #1 has no aws:SourceArn condition: any connector in the account could use the role; limit it to arn:<partition>:kafkaconnect:<region>:<account>:connector/<name>/*",
    ]);
    const anyConnector = doc({
      Sid: "AnyConnector",
      Effect: "Allow",
      Principal: { Service: "kafkaconnect.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/*" },
      },
    });
    expect((await checkResource(roleTrust, role(anyConnector))).violations).to.deep.equal([
      'statement "AnyConnector" has aws:SourceArn "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/*", which is not one connector\'s ARNs (arn:<partition>:kafkaconnect:<region>:<account>:connector/<name>/*)',
    ]);
    const nobody = doc({
      Sid: "Null",
      Effect: "Allow",
      Principal: null,
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": "1" },
        ArnLike: { "aws:SourceArn": "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/c/*" },
      },
    });
    expect((await checkResource(roleTrust, role(nobody))).violations).to.deep.equal([
      'statement "Null" trusts null: only the service kafkaconnect.amazonaws.com may assume the execution role',
    ]);
    expect((await checkResource(roleTrust, role("not json"))).violations).to.deep.equal([
      "assumeRolePolicy is not a JSON policy document with a Statement",
    ]);
  });

  it("role-no-wildcards: the program's documents pass; * actions, service:* actions, * resources and Not… are reported", async () => {
    expect(await checkResource(roleNoWildcards, role(trustPolicy()))).to.deep.equal(ok);
    expect(await checkResource(roleNoWildcards, rolePolicy(rolePolicyDocument()))).to.deep.equal(ok);
    const broad = doc(
      { Sid: "All", Effect: "Allow", Action: "*", Resource: "*" },
      { Sid: "S3", Effect: "Allow", Action: ["s3:*", "s3:GetObject"], NotResource: "arn:aws:s3:::x" },
      { Sid: "Deny", Effect: "Deny", Action: "*", Resource: "*" },
    );
    expect((await checkResource(roleNoWildcards, rolePolicy(broad))).violations).to.deep.equal([
      'policy statement "All" allows Action "*": list the actions the connector needs',
      'policy statement "All" allows Resource "*": name the cluster, topic, group, bucket and key ARNs',
      'policy statement "S3" uses NotResource: it allows every other resource',
      'policy statement "S3" allows Action "s3:*": list the actions the connector needs',
    ]);
    const inline = role(trustPolicy(), [
      { name: "extra", policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) },
    ]);
    expect((await checkResource(roleNoWildcards, inline)).violations).to.deep.equal([
      'inlinePolicies "extra" statement #1 uses NotAction: it allows every other action',
      'inlinePolicies "extra" statement #1 allows Resource "*": name the cluster, topic, group, bucket and key ARNs',
    ]);
  });

  it("role-kafka-scoped: the program's policy passes; all-topics, wildcard clusters, non-kafka ARNs and two clusters are reported", async () => {
    expect(await checkResource(roleKafkaScoped, rolePolicy(rolePolicyDocument()))).to.deep.equal(ok);
    const other = "arn:aws:kafka:eu-west-1:123456789012:cluster/other/0000-1";
    const loose = doc(
      {
        Sid: "AllTopics",
        Effect: "Allow",
        Action: "kafka-cluster:ReadData",
        Resource: [topic("*"), topic("orders.pin")],
      },
      {
        Sid: "AnyCluster",
        Effect: "Allow",
        Action: ["kafka-cluster:Connect"],
        Resource: "arn:aws:kafka:eu-west-1:123456789012:cluster/*/*",
      },
      { Sid: "Bucket", Effect: "Allow", Action: ["kafka-cluster:DescribeGroup"], Resource: "arn:aws:s3:::b" },
      { Sid: "Other", Effect: "Allow", Action: ["kafka-cluster:Connect"], Resource: other },
    );
    expect((await checkResource(roleKafkaScoped, rolePolicy(loose))).violations).to.deep.equal([
      `policy statement "AllTopics": kafka-cluster actions on "${topic("*")}" grants every topic of the cluster: name them (or a prefix such as connect-* or __amazon_msk_connect_*)`,
      'policy statement "AnyCluster": kafka-cluster actions on "arn:aws:kafka:eu-west-1:123456789012:cluster/*/*" does not name one cluster: no wildcards in region, account, cluster name or uuid',
      'policy statement "Bucket": kafka-cluster actions on "arn:aws:s3:::b" is not an MSK cluster, topic or group ARN (…:topic/<cluster>/<uuid>/<topic>)',
      "policy grants kafka-cluster actions on 2 clusters (eu-west-1:123456789012:orders-msk/5c3f4e8a-1b2c-4d5e-9f00-112233445566-2, eu-west-1:123456789012:other/0000-1): scope it to the connector's cluster",
    ]);
  });

  it("role rules do not apply to other types (an adopted role registers none)", async () => {
    for (const policy of [roleTrust, roleNoWildcards, roleKafkaScoped]) {
      expect((await checkResource(policy, { type: T.connector, props: {} })).notApplicable).to.be.a("string");
    }
  });
});
