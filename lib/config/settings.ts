import { z } from "zod";
import { configSchema, DEFAULT_CLUSTER_NAME, ParsedConfig } from "./schema";
import { bucketNameProblem, resourceNameProblem, topicNameCollisions, topicNameProblem } from "./names";
import { PresetName } from "../connector/delivery";
import { crossSettingFindings } from "./rules";
import { ConfigError, describeProblem } from "./errors";
import { ClusterKind, PluginSourceKind, ResourceMode, TopicManagement } from "./enums";
import { suggestKey } from "./suggest";

/** The config error type, exported here too: callers of parseStackConfig catch it. */
export { ConfigError } from "./errors";

/** Where the program runs: the stack name and the AWS region (`aws:region`). */
export interface StackContext {
  stack: string;
  region: string;
}

/** Adopt an existing thing by name, or create it (with its own settings). */
export type Choice<C> =
  { mode: ResourceMode.Adopt; name: string } | ({ mode: ResourceMode.Create; name: string } & C);

/** Where alarm notifications go: an adopted SNS topic (by ARN) or a created one (by name). */
export type AlarmTopicChoice =
  { mode: ResourceMode.Adopt; arn: string } | { mode: ResourceMode.Create; name: string };

/** The validated, defaulted settings the components are built from. */
export interface Settings {
  /** The Pulumi stack these settings are for. */
  stack: string;
  userId: string;
  environment: string;
  isDev: boolean;
  region: string;
  deliveryPreset: PresetName;
  topicManagement: TopicManagement;
  hasSshPrivateKey: boolean;
  bucket: Choice<{ forceDestroy: boolean; kmsKeyArn?: string; noncurrentVersionDays: number }>;
  /** With `kind` serverless, `name` is the one in `arn`. */
  cluster: ParsedConfig["cluster"];
  network: ParsedConfig["network"];
  plugin: {
    source: string;
    sourceKind: PluginSourceKind;
    sha256?: string;
    fileName: string;
    objectKey: string;
    name: string;
    /** ARN of an existing custom plugin to adopt unchanged. */
    importArn?: string;
  };
  connector: {
    name: string;
    /** ARN of an existing connector to adopt unchanged. */
    importArn?: string;
    followClusterChanges: boolean;
    kafkaConnectVersion: string;
    capacity:
      | { provisioned: { mcuCount: number; workerCount: number } }
      | { autoscaling: NonNullable<ParsedConfig["connector"]["autoscaling"]> };
    properties: Record<string, string>;
  };
  executionRole: Choice<object>;
  workerConfiguration: Choice<{ properties?: Record<string, string> }>;
  logs: ParsedConfig["logs"];
  topics: Omit<ParsedConfig["topics"], "names"> & { names: string[] };
  client: ParsedConfig["client"];
  alarms: { enabled: boolean; topic: AlarmTopicChoice; email?: string; timeLagSeconds?: number };
  dashboard: { enabled: boolean };
}

function issueProblems(raw: unknown, issue: z.core.$ZodIssue, stack: string): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) =>
      describeProblem(
        raw,
        [...issue.path, k],
        `is not a known setting${suggestKey(issue.path, k, stack)} (see README, Configuration reference)`,
      ),
    );
  }
  if (issue.code === "invalid_key")
    return [describeProblem(raw, issue.path, issue.issues[0]?.message ?? issue.message, false)];
  return [describeProblem(raw, issue.path, issue.message)];
}

/** Validates raw stack config and derives every name and default; throws one ConfigError listing all problems. */
export function parseStackConfig(raw: unknown, ctx: StackContext): Settings {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.flatMap((i) => issueProblems(raw, i, ctx.stack)));
  const problems: string[] = [];
  const settings = deriveSettings(parsed.data, ctx, (path, message, showValue) =>
    problems.push(describeProblem(raw, path, message, showValue)),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

type Report = (path: PropertyKey[], message: string, showValue?: boolean) => void;

function choose<C extends object>(
  key: string,
  c: { adopt?: string; create?: C & { name?: string } },
  defaultAdopt: string,
  defaultCreate: string,
  report: Report,
): Choice<C> {
  if (c.adopt !== undefined && c.create !== undefined) report([key], "set either adopt or create, not both");
  if (c.create !== undefined) {
    const { name, ...rest } = c.create;
    return { mode: ResourceMode.Create, name: name ?? defaultCreate, ...(rest as C) };
  }
  return { mode: ResourceMode.Adopt, name: c.adopt ?? defaultAdopt };
}

/** Where an adopted or created thing's name is set. */
function namePath(key: string, mode: ResourceMode): PropertyKey[] {
  return mode === ResourceMode.Adopt ? [key, "adopt"] : [key, "create", "name"];
}

function fileNameOf(source: string): string {
  const last = source.split(/[/\\]/).pop() ?? "";
  return last.split("?")[0];
}

/** The alarms block: topic choice and the settings that only make sense with alarms on. */
function alarmSettings(c: ParsedConfig, id: string, report: Report): Settings["alarms"] {
  const a = c.alarms;
  const { adopt, create } = a.snsTopic;
  if (adopt !== undefined && create !== undefined)
    report(["alarms", "snsTopic"], "set either adopt or create, not both");
  if (a.email !== undefined && adopt !== undefined)
    report(
      ["alarms", "email"],
      "subscribes only to a created topic (alarms.snsTopic.create); subscribe to an adopted topic where it is managed",
    );
  const set = [
    ...(adopt !== undefined ? ["snsTopic.adopt"] : []),
    ...(create !== undefined ? ["snsTopic.create"] : []),
    ...(a.email !== undefined ? ["email"] : []),
    ...(a.timeLagSeconds !== undefined ? ["timeLagSeconds"] : []),
  ];
  if (!a.enabled && set.length > 0)
    report(
      ["alarms", "enabled"],
      `is not true, so alarms.${set.join(", alarms.")} would do nothing: set alarms.enabled: true or remove them`,
    );
  const connector = c.connector.name ?? `${id}-connector`;
  const topic: AlarmTopicChoice =
    adopt !== undefined
      ? { mode: ResourceMode.Adopt, arn: adopt }
      : {
          mode: ResourceMode.Create,
          name: create?.name ?? `${connector.replace(/[^A-Za-z0-9_-]/g, "-")}-alarms`,
        };
  return { enabled: a.enabled, topic, email: a.email, timeLagSeconds: a.timeLagSeconds };
}

/** A serverless cluster is named by its ARN; an explicit `cluster.name` must agree with it. */
function clusterSettings(c: ParsedConfig["cluster"], report: Report): ParsedConfig["cluster"] {
  if (c.kind !== ClusterKind.Serverless || c.arn === undefined) return c;
  const name = c.arn.split("/")[1];
  if (c.name !== DEFAULT_CLUSTER_NAME && c.name !== name)
    report(["cluster", "name"], `does not match cluster.arn, whose cluster is "${name}"; leave it unset`);
  return { ...c, name };
}

function deriveSettings(c: ParsedConfig, ctx: StackContext, report: Report): Settings {
  const id = c.userId;
  const environment = c.environment ?? ctx.stack;
  const isDev = environment === "dev";
  const bucket = choose("bucket", c.bucket, `user-${id}-bucket`, `user-${id}-bucket`, report);
  const bucketProblem = bucketNameProblem(bucket.name);
  if (bucketProblem)
    report(namePath("bucket", bucket.mode), `"${bucket.name}" breaks S3 naming: ${bucketProblem}`, false);
  if (bucket.mode === ResourceMode.Create && bucket.forceDestroy && !isDev)
    report(
      ["bucket", "create", "forceDestroy"],
      `may be true only when environment is dev (it is "${environment}"): it would delete sink data`,
    );

  const names = c.topics.names ?? [`${id}.pin`, `${id}.geo`, `${id}.user`];
  names.forEach((n, i) => {
    const problem = topicNameProblem(n);
    if (problem) report(["topics", "names", i], problem);
  });
  if (new Set(names).size !== names.length) report(["topics", "names"], "lists a topic more than once");
  for (const [i, j] of topicNameCollisions(names))
    report(
      ["topics", "names", j],
      `collides with topics.names[${i}] "${names[i]}": Kafka treats '.' and '_' in topic names as the same (their metric names clash) and refuses the second; rename one`,
    );

  const sourceKind = /^https:\/\//.test(c.plugin.source) ? PluginSourceKind.Url : PluginSourceKind.File;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(c.plugin.source) && sourceKind !== PluginSourceKind.Url)
    report(["plugin", "source"], "a URL must use https:// (or give a local file path)");
  const fileName = c.plugin.fileName ?? fileNameOf(c.plugin.source);
  if (!/^[A-Za-z0-9._-]+\.(zip|jar)$/.test(fileName))
    report(
      ["plugin", "fileName"],
      `"${fileName}" (from plugin.source) must end in .zip or .jar; set plugin.fileName`,
    );

  if (c.connector.provisioned && c.connector.autoscaling)
    report(["connector"], "set either provisioned or autoscaling capacity, not both");
  const scaling = c.connector.autoscaling;
  if (scaling && scaling.minWorkerCount > scaling.maxWorkerCount)
    report(
      ["connector", "autoscaling", "minWorkerCount"],
      `must not exceed maxWorkerCount (${scaling.maxWorkerCount})`,
    );
  if (scaling && scaling.scaleInCpuPercent >= scaling.scaleOutCpuPercent)
    report(
      ["connector", "autoscaling", "scaleInCpuPercent"],
      `must be below scaleOutCpuPercent (${scaling.scaleOutCpuPercent})`,
    );

  const alarms = alarmSettings(c, id, report);

  const settings: Settings = {
    stack: ctx.stack,
    userId: id,
    environment,
    isDev,
    region: ctx.region,
    deliveryPreset: c.deliveryPreset,
    topicManagement: c.topicManagement,
    hasSshPrivateKey: c.sshPrivateKey !== undefined,
    bucket,
    cluster: clusterSettings(c.cluster, report),
    network: c.network,
    plugin: {
      source: c.plugin.source,
      sourceKind,
      sha256: c.plugin.sha256,
      fileName,
      objectKey: `kafka-connect-s3/${fileName}`,
      name: c.plugin.name ?? `${id}-plugin`,
      importArn: c.plugin.import,
    },
    connector: {
      name: c.connector.name ?? `${id}-connector`,
      importArn: c.connector.import,
      followClusterChanges: c.connector.followClusterChanges,
      kafkaConnectVersion: c.connector.kafkaConnectVersion,
      capacity: scaling
        ? { autoscaling: scaling }
        : { provisioned: c.connector.provisioned ?? { mcuCount: 1, workerCount: 1 } },
      properties: c.connector.properties,
    },
    executionRole: choose(
      "executionRole",
      c.executionRole,
      `${id}-ec2-access-role`,
      `${id}-msk-connect-role`,
      report,
    ),
    workerConfiguration: choose(
      "workerConfiguration",
      c.workerConfiguration,
      "confluent-worker",
      `${id}-worker`,
      report,
    ),
    logs: c.logs,
    topics: { ...c.topics, names },
    client: c.client,
    alarms,
    dashboard: { enabled: c.dashboard.enabled ?? !isDev },
  };
  const named: [PropertyKey[], string][] = [
    [["plugin", "name"], settings.plugin.name],
    [["connector", "name"], settings.connector.name],
    [namePath("executionRole", settings.executionRole.mode), settings.executionRole.name],
    [namePath("workerConfiguration", settings.workerConfiguration.mode), settings.workerConfiguration.name],
  ];
  for (const [path, name] of named) {
    const problem = resourceNameProblem(name);
    if (problem) report(path, `"${name}": ${problem}`, false);
  }
  for (const [path, message, showValue] of crossSettingFindings(settings)) report(path, message, showValue);
  return settings;
}
