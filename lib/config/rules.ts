/**
 * Rules across settings that the settings alone decide; each returns the problems it finds. The rules that
 * need the connector's properties or the alarms are beside them (lib/stackSettings.ts lists them all).
 */
import { arnParts, kafkaConnectArn, parseKmsArn } from "./arns";
import { ClusterKind, KafkaAuthentication, ResourceMode, TopicManagement } from "./enums";
import type { Finding } from "./errors";
import type { Settings } from "./settings";

/** Port the brokers listen on for the chosen client authentication (TLS in transit always). */
export const BROKER_PORT: Record<KafkaAuthentication, number> = { iam: 9098, none: 9094 };

/** True when the stack names an EC2 client (needed for remote topics, optional with the MSK API). */
export function hasClient(s: Pick<Settings, "client" | "topicManagement">): boolean {
  const c = s.client;
  return (
    s.topicManagement === TopicManagement.Remote ||
    c.host !== undefined ||
    c.instanceId !== undefined ||
    c.instanceName !== undefined
  );
}

/** Lowest MSK Kafka version whose topics the MSK API (aws.msk.Topic) can manage. */
export const MSK_API_MIN_KAFKA = [3, 6] as const;

function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split(".").map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  return true;
}

/** Why the MSK API cannot manage this cluster's topics, or undefined when it can. */
export function mskApiProblem(kind: ClusterKind, kafkaVersion: string | undefined): string | undefined {
  if (kind !== ClusterKind.Provisioned)
    return `needs a provisioned cluster (cluster.kind is "${kind}"); use "remote"`;
  if (kafkaVersion !== undefined && !versionAtLeast(kafkaVersion, MSK_API_MIN_KAFKA))
    return `needs MSK Kafka ${MSK_API_MIN_KAFKA.join(".")} or later (the cluster runs ${kafkaVersion}); use "remote"`;
  return undefined;
}

function clientHostRule(s: Settings): Finding[] {
  const hosts = (["host", "instanceId", "instanceName"] as const).filter((k) => s.client[k] !== undefined);
  return hosts.length !== 1
    ? [
        [
          ["client"],
          `set exactly one of client.host, client.instanceId or client.instanceName (found ${hosts.length === 0 ? "none" : hosts.join(", ")})`,
        ],
      ]
    : [];
}

/** What each way of managing topics needs: a cluster the MSK API serves, or an SSH key and one EC2 client. */
export function topicRules(s: Settings): Finding[] {
  if (s.topicManagement === TopicManagement.MskApi) {
    const problem = mskApiProblem(s.cluster.kind, s.cluster.kafkaVersion);
    const findings: Finding[] = problem ? [[["topicManagement"], problem]] : [];
    // An EC2 client is optional here (npm run verify produces through it); if named, name it once.
    if (hasClient(s)) findings.push(...clientHostRule(s));
    for (const key of ["partitions", "replicationFactor"] as const)
      if (s.topics[key] === undefined)
        findings.push([
          ["topics", key],
          'is required when topicManagement is "msk-api" (the MSK API has no broker default)',
        ]);
    return findings;
  }
  const findings: Finding[] = [];
  if (!s.hasSshPrivateKey)
    findings.push([
      ["sshPrivateKey"],
      `is required when topicManagement is "remote": npm run pulumi -- config set --secret sshPrivateKey --stack ${s.stack} < key.pem`,
    ]);
  return [...findings, ...clientHostRule(s)];
}

/** Brokers on the port of the chosen authentication; a serverless cluster named by ARN, with its network. */
export function clusterRules(s: Settings): Finding[] {
  const port = BROKER_PORT[s.cluster.authentication];
  const wrong = (s.cluster.bootstrapServers ?? "")
    .split(",")
    .filter((b) => b !== "" && !new RegExp(`^[A-Za-z0-9.-]+:${port}$`).test(b));
  const findings = serverlessRules(s);
  if (wrong.length > 0)
    findings.push([
      ["cluster", "bootstrapServers"],
      `every broker must be host:${port} with ${s.cluster.authentication} authentication over TLS (not ${wrong.join(", ")})`,
    ]);
  return findings;
}

/**
 * MSK Serverless: `aws.msk.getCluster` finds provisioned clusters only (terraform-provider-aws#35909),
 * so the cluster is named by ARN and its network comes from config; it accepts IAM clients only.
 */
function serverlessRules(s: Settings): Finding[] {
  const c = s.cluster;
  if (c.kind !== ClusterKind.Serverless)
    return c.arn === undefined
      ? []
      : [
          [
            ["cluster", "arn"],
            'is read only when cluster.kind is "serverless"; a provisioned cluster is looked up by cluster.name',
          ],
        ];
  const when = 'is required when cluster.kind is "serverless"';
  const findings: Finding[] = [];
  if (c.arn === undefined)
    findings.push([["cluster", "arn"], `${when}: a serverless cluster cannot be looked up by name`]);
  else if (arnParts(c.arn).region !== s.region)
    findings.push([
      ["cluster", "arn"],
      `is in region ${arnParts(c.arn).region}, not the stack's ${s.region} (aws:region): MSK Connect reaches clusters in its own region`,
    ]);
  if (c.subnetIds === undefined)
    findings.push([["cluster", "subnetIds"], `${when}: the subnets of the cluster's VPC configuration`]);
  if (c.securityGroupIds === undefined)
    findings.push([
      ["cluster", "securityGroupIds"],
      `${when}: security groups of the cluster's VPC configuration (they must admit themselves on 9098)`,
    ]);
  if (c.authentication !== KafkaAuthentication.Iam)
    findings.push([
      ["cluster", "authentication"],
      'must be "iam" when cluster.kind is "serverless": MSK Serverless accepts IAM clients only',
    ]);
  return findings;
}

/** With autoscaling, MSK Connect sets tasks.max itself. */
export function tasksMaxRule(s: Settings): Finding[] {
  const tasksMax = s.connector.properties["tasks.max"];
  return "autoscaling" in s.connector.capacity && tasksMax !== undefined
    ? [
        [
          ["connector", "properties"],
          `tasks.max=${JSON.stringify(tasksMax)} has no effect with autoscaling: MSK Connect sets it to workers × MCUs per worker × 2; remove it, or use connector.provisioned`,
          false,
        ],
      ]
    : [];
}

/** Where the bucket's key is set: bucket.kmsKeyArn (an adopted bucket's) or bucket.create.kmsKeyArn. */
export function kmsKeyPath(mode: ResourceMode): string[] {
  return mode === ResourceMode.Adopt ? ["bucket", "kmsKeyArn"] : ["bucket", "create", "kmsKeyArn"];
}

/** A bucket's KMS key: granted by a created role only, and in the stack's region. */
export function bucketRules(s: Settings): Finding[] {
  const key = s.bucket.kmsKeyArn;
  if (!key) return [];
  const path = kmsKeyPath(s.bucket.mode);
  const findings: Finding[] = [];
  if (s.bucket.mode === ResourceMode.Adopt && s.executionRole.mode === ResourceMode.Adopt)
    findings.push([
      path,
      "is granted only to a created execution role; an adopted role's policy is its owner's: give that role kms:GenerateDataKey and kms:Decrypt on the key",
    ]);
  const region = parseKmsArn(key)?.region;
  if (region && region !== s.region)
    findings.push([
      path,
      `is in ${region}, but the stack deploys to ${s.region} (aws:region): S3 encrypts with a KMS key of the bucket's region`,
    ]);
  return findings;
}

/** An import ARN must name the resource the stack manages, in the stack's region. */
export function importRules(s: Settings, key: "plugin" | "connector"): Finding[] {
  const { importArn, name } = s[key];
  const parsed = importArn === undefined ? undefined : kafkaConnectArn(importArn);
  if (!parsed) return [];
  const findings: Finding[] = [];
  if (parsed.name !== name)
    findings.push([
      [key, "import"],
      `names ${key === "plugin" ? "custom plugin" : "connector"} "${parsed.name}", but ${key}.name is "${name}": set ${key}.name to "${parsed.name}" to adopt it`,
    ]);
  if (parsed.region !== s.region)
    findings.push([
      [key, "import"],
      `is in ${parsed.region}, but the stack deploys to ${s.region} (aws:region)`,
    ]);
  return findings;
}
