import { healthyNetwork, networkInvokes } from "./network";
import { at, Inputs, invokeError, Invokes } from "./pulumiMocks";

export const CLUSTER_ARN =
  "arn:aws:kafka:us-east-1:123456789012:cluster/pinterest-msk-cluster/5c3f4e8a-1b2c-4d5e-9f00-112233445566-2";
export const IAM_BROKERS =
  "b-1.pinterest.abc123.c2.kafka.us-east-1.amazonaws.com:9098,b-2.pinterest.abc123.c2.kafka.us-east-1.amazonaws.com:9098";
export const TLS_BROKERS = IAM_BROKERS.replace(/9098/g, "9094");
export const SUBNETS = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"];
export const SECURITY_GROUPS = ["sg-0123456789abcdef0"];
/** A throwaway key: the tests only check that it never shows in plain form. */
export const SSH_KEY =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtestonly\n-----END OPENSSH PRIVATE KEY-----\n";

/** AWS lookups the program makes, answering as an account with the walkthrough's resources would. */
export function awsInvokes(overrides: Partial<Record<string, Record<string, unknown>>> = {}): Invokes {
  const answers: Record<string, Inputs> = {
    "aws:msk/getCluster:getCluster": {
      arn: CLUSTER_ARN,
      clusterName: "pinterest-msk-cluster",
      kafkaVersion: "2.8.1",
      bootstrapBrokersSaslIam: IAM_BROKERS,
      bootstrapBrokersTls: TLS_BROKERS,
      bootstrapBrokers: "",
      brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
    },
    "aws:s3/getBucket:getBucket": {},
    "aws:iam/getRole:getRole": {},
    "aws:mskconnect/getWorkerConfiguration:getWorkerConfiguration": {},
    "aws:index/getCallerIdentity:getCallerIdentity": {
      accountId: "123456789012",
      arn: "arn:aws:iam::123456789012:user/ci",
      userId: "AIDA",
    },
    "aws:index/getPartition:getPartition": { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" },
    "aws:ec2/getInstance:getInstance": {
      id: "i-0123456789abcdef0",
      publicIp: "198.51.100.7",
      privateIp: "10.0.1.5",
    },
    ...overrides,
  };
  const derived: Record<string, (a: Inputs) => Inputs> = {
    "aws:s3/getBucket:getBucket": (a) => ({
      bucket: a.bucket,
      arn: `arn:aws:s3:::${at<string>(a, "bucket")}`,
      id: a.bucket,
    }),
    "aws:iam/getRole:getRole": (a) => ({
      name: a.name,
      arn: `arn:aws:iam::123456789012:role/${at<string>(a, "name")}`,
      id: a.name,
    }),
    "aws:mskconnect/getWorkerConfiguration:getWorkerConfiguration": (a) => ({
      name: a.name,
      arn: `arn:aws:kafkaconnect:us-east-1:123456789012:worker-configuration/${at<string>(a, "name")}/abc`,
      latestRevision: 2,
      id: a.name,
    }),
  };
  return {
    // The cluster's network, reachable (lookups of the network checks).
    ...networkInvokes(healthyNetwork(SUBNETS, SECURITY_GROUPS)),
    // No topic exists yet unless a test says so: the provider's NotFound, as getTopic reports it.
    [GET_TOPIC]: (a: Inputs) => {
      const found = overrides[GET_TOPIC];
      if (found) return { clusterArn: a.clusterArn, name: a.name, ...found };
      throw invokeError(
        `invoking aws:msk/getTopic:getTopic: 1 error occurred:\n\t* reading MSK Topic (${at<string>(a, "clusterArn")}/${at<string>(a, "name")}): couldn't find resource`,
      );
    },
    // No connector of the stack's name exists yet unless a test says so (lifecycle.ts accountInvokes).
    [GET_CONNECTOR]: () => {
      throw noConnector();
    },
    ...Object.fromEntries(
      Object.entries(answers)
        .filter(([token]) => token !== GET_TOPIC)
        .map(([token, answer]) => [token, (a: Inputs) => ({ ...(derived[token]?.(a) ?? {}), ...answer })]),
    ),
  };
}

export const GET_TOPIC = "aws:msk/getTopic:getTopic";
export const GET_CONNECTOR = "aws:mskconnect/getConnector:getConnector";

/**
 * getConnector's answer for a name no connector has: the provider's empty result
 * (terraform-provider-aws tfresource.SingularDataSourceFindError), as the bridge wraps it.
 */
export function noConnector(): Error {
  return invokeError(
    `invoking ${GET_CONNECTOR}: 1 error occurred:\n\t* no matching MSK Connect Connector found\n\n`,
  );
}

/** Stack config as the CLI hands it over: `msk-s3-sink:` keys, maps and lists as JSON. */
export function asStackConfig(region: string, values: Record<string, unknown>): Record<string, string> {
  return {
    "aws:region": region,
    ...Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        `msk-s3-sink:${k}`,
        typeof v === "string" ? v : JSON.stringify(v),
      ]),
    ),
  };
}

/** A stack that creates bucket, role and worker configuration, with topics through the MSK API. */
export const CREATED_STACK = {
  userId: "u1",
  topicManagement: "msk-api",
  cluster: { name: "pinterest-msk-cluster", kafkaVersion: "3.6.0" },
  bucket: { create: { name: "u1-sink" } },
  executionRole: { create: true },
  workerConfiguration: { create: true },
  topics: { partitions: 3, replicationFactor: 3 },
};

/** The lookups of an account whose cluster runs Kafka 3.6 (the MSK API manages its topics). */
export function mskApiInvokes(overrides: Partial<Record<string, Record<string, unknown>>> = {}): Invokes {
  return awsInvokes({
    "aws:msk/getCluster:getCluster": {
      arn: CLUSTER_ARN,
      clusterName: "pinterest-msk-cluster",
      kafkaVersion: "3.6.0",
      bootstrapBrokersSaslIam: IAM_BROKERS,
      bootstrapBrokersTls: TLS_BROKERS,
      bootstrapBrokers: "",
      brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
    },
    ...overrides,
  });
}
