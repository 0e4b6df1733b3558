/**
 * What must hold for ANY valid stack file a user commits: every expectation is derived from the
 * file's own settings (its id, names, choices), never from the values this repository ships with.
 */
import { expect } from "chai";
import { ResourceMode, TopicManagement } from "../../lib/config/enums";
import { parseStackConfig } from "../../lib/stackSettings";
import { Settings } from "../../lib/config/settings";
import { rawStackConfig } from "../../lib/config/stackConfig";
import { awsInvokes, CLUSTER_ARN, IAM_BROKERS, SECURITY_GROUPS, SUBNETS, TLS_BROKERS } from "./fixtures";
import { at, Invokes, isWireSecret } from "./pulumiMocks";
import { one, ProgramRun, runProgram, StackFile } from "./stack";

/** The file's settings, as the program derives them. */
export function settingsOf(stack: string, file: StackFile): Settings {
  const { raw, region } = rawStackConfig(file.config, (k) => file.secretKeys.includes(k), stack);
  return parseStackConfig(raw, { stack, region });
}

/**
 * AWS as an account that has what the stack adopts would answer (a cluster new enough for its topics);
 * `cluster` overrides fields of the cluster lookup, for a test of a cluster that does not fit.
 */
export function invokesFor(s: Settings, cluster: Record<string, unknown> = {}): Invokes {
  const kafkaVersion =
    s.cluster.kafkaVersion ?? (s.topicManagement === TopicManagement.MskApi ? "3.6.0" : "2.8.1");
  return awsInvokes({
    "aws:msk/getCluster:getCluster": {
      arn: CLUSTER_ARN,
      clusterName: s.cluster.name,
      kafkaVersion,
      bootstrapBrokersSaslIam: IAM_BROKERS,
      bootstrapBrokersTls: TLS_BROKERS,
      brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
      ...cluster,
    },
  });
}

/** Runs the stack file on the mock runtime. */
export async function runStackFile(
  stack: string,
  file: StackFile,
): Promise<{ s: Settings; run: ProgramRun }> {
  const s = settingsOf(stack, file);
  const run = await runProgram(stack, file.config, invokesFor(s), file.secretKeys);
  return { s, run };
}

/** Asserts the wiring every stack must have, judged against the stack's own settings. */
export function checkStack(s: Settings, run: ProgramRun): void {
  if (run.error) throw run.error;
  const id = s.userId;
  const components = run.resources.filter((r) => r.type.startsWith("msk-s3-sink:index:")).map((r) => r.name);
  for (const part of ["bucket", "plugin-object", "plugin", "topics", "role", "connector"])
    expect(components, part).to.include(`${id}-${part}`);

  const buckets = run.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
  if (s.bucket.mode === ResourceMode.Adopt) {
    expect(buckets).to.deep.equal([]);
    expect(run.invoked).to.include("aws:s3/getBucket:getBucket");
  } else {
    expect(buckets.map((b) => [b.inputs.bucket, b.protect, b.retainOnDelete])).to.deep.equal([
      [s.bucket.name, !s.isDev, !s.isDev],
    ]);
  }
  const roles = run.resources.filter((r) => r.type === "aws:iam/role:Role").map((r) => r.inputs.name);
  expect(roles).to.deep.equal(s.executionRole.mode === ResourceMode.Create ? [s.executionRole.name] : []);

  const connector = one(run.resources, "aws:mskconnect/connector:Connector");
  const properties = at<Record<string, string>>(connector.inputs, "connectorConfiguration");
  expect([connector.inputs.name, properties["s3.bucket.name"], properties["s3.region"]]).to.deep.equal([
    s.connector.name,
    s.bucket.name,
    s.region,
  ]);
  const selects = new RegExp(`^(?:${properties["topics.regex"]})$`);
  for (const topic of s.topics.names) {
    expect(selects.test(topic), topic).to.equal(true);
    expect(selects.test(`${topic}x`), `${topic}x`).to.equal(false);
  }
  expect(connector.inputs.kafkaClusterEncryptionInTransit).to.deep.equal({ encryptionType: "TLS" });
  expect(connector.deleteBeforeReplace).to.equal(true);
  expect(at(one(run.resources, "aws:mskconnect/customPlugin:CustomPlugin").inputs, "name")).to.equal(
    s.plugin.name,
  );

  if (s.topicManagement === TopicManagement.Remote) {
    const cmd = one(run.resources, "command:remote:Command");
    expect(at<string>(cmd.inputs, "create")).to.include(`topics='${s.topics.names.join(" ")}'\n`);
    expect(isWireSecret(cmd.wire.connection)).to.equal(true);
  } else {
    const topics = run.resources.filter((r) => r.type === "aws:msk/topic:Topic");
    expect(
      topics.map((t) => [t.inputs.name, t.inputs.partitionCount, t.inputs.replicationFactor]),
    ).to.deep.equal(s.topics.names.map((n) => [n, s.topics.partitions, s.topics.replicationFactor]));
  }

  expect(run.outputs).to.deep.include({ bucketName: s.bucket.name, topicNames: s.topics.names });
  expect(Object.keys(at<object>(run.outputs, "topicPrefixes"))).to.deep.equal(s.topics.names);
  for (const r of run.resources) {
    const plain = JSON.stringify({ ...r.wire, connection: undefined });
    expect(plain, `${r.type} ${r.name}`).to.not.include("PRIVATE KEY");
  }
  expect(JSON.stringify(run.outputs)).to.not.include("PRIVATE KEY");
}
