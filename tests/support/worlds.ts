/** Two complete stack configurations the tests own, independent of the committed stack files. */
import { SSH_KEY } from "./fixtures";

const NS = "msk-s3-sink";
const KEY = `${NS}:sshPrivateKey`;

/** The walkthrough's world as a stack file states it (the tests' own copy, independent of Pulumi.dev.yaml). */
export const WALKTHROUGH: Record<string, string> = {
  "aws:region": "us-east-1",
  [`${NS}:userId`]: "5f4e3d2c1b0a",
  [`${NS}:deliveryPreset`]: "walkthrough",
  [`${NS}:topicManagement`]: "remote",
  [`${NS}:cluster`]: JSON.stringify({ name: "pinterest-msk-cluster" }),
  [`${NS}:bucket`]: JSON.stringify({ adopt: "user-5f4e3d2c1b0a-bucket" }),
  [`${NS}:executionRole`]: JSON.stringify({ adopt: "5f4e3d2c1b0a-ec2-access-role" }),
  [`${NS}:workerConfiguration`]: JSON.stringify({ adopt: "confluent-worker" }),
  [`${NS}:client`]: JSON.stringify({
    host: "203.0.113.10",
    user: "ec2-user",
    kafkaBinDir: "/home/ec2-user/kafka_2.12-2.8.1/bin",
    commandConfig: "client.properties",
  }),
};
/** The walkthrough's world with the key a user sets. */
export const devConfig = (): Record<string, string> => ({ ...WALKTHROUGH, [KEY]: SSH_KEY });

/** A company's world: everything but the cluster created and hardened (independent of Pulumi.prod.yaml). */
export const COMPANY: Record<string, string> = {
  "aws:region": "eu-west-1",
  [`${NS}:userId`]: "orders",
  [`${NS}:environment`]: "prod",
  [`${NS}:deliveryPreset`]: "bulk",
  [`${NS}:topicManagement`]: "msk-api",
  [`${NS}:cluster`]: JSON.stringify({ name: "orders-msk", kafkaVersion: "3.6.0" }),
  [`${NS}:bucket`]: JSON.stringify({
    create: { name: "orders-kafka-sink-eu-west-1", noncurrentVersionDays: 30 },
  }),
  [`${NS}:executionRole`]: JSON.stringify({ create: true }),
  [`${NS}:workerConfiguration`]: JSON.stringify({ create: true }),
  [`${NS}:logs`]: JSON.stringify({ enabled: true, retentionDays: 30 }),
  [`${NS}:connector`]: JSON.stringify({ autoscaling: { mcuCount: 1, minWorkerCount: 1, maxWorkerCount: 4 } }),
  [`${NS}:alarms`]: JSON.stringify({ enabled: true, email: "oncall@orders.example" }),
  [`${NS}:topics`]: JSON.stringify({
    partitions: 3,
    replicationFactor: 3,
    configs: { "retention.ms": "604800000", "min.insync.replicas": "2" },
  }),
};
