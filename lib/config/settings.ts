import { z } from "zod";
import { configSchema, ParsedConfig } from "./schema";
import { resourceNameProblem, walkthroughNames, walkthroughUserId } from "./names";
import { PresetName } from "../connector/delivery";
import { crossSettingFindings } from "./rules";
import { ConfigError, describeProblem } from "./errors";
import { PluginSourceKind, ResourceMode, TopicManagement } from "./enums";
import {
  alarmSettings,
  bucketSettings,
  choose,
  clusterSettings,
  connectorCapacity,
  namePath,
  pluginSettings,
  Report,
  topicNames,
} from "./sections";
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
  { mode: ResourceMode.Adopt; arn: string } | { mode: ResourceMode.Create; name: string; kmsKeyArn?: string };

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
  /** `kmsKeyArn`: the SSE-KMS key a created bucket is encrypted with, or an adopted bucket's. */
  bucket: Choice<{ forceDestroy: boolean; noncurrentVersionDays: number }> & { kmsKeyArn?: string };
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
        `is not a known setting${suggestKey(issue.path, k, stack)} (see docs/configuration.md)`,
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

function deriveSettings(c: ParsedConfig, ctx: StackContext, report: Report): Settings {
  const id = c.userId;
  const environment = c.environment ?? ctx.stack;
  const isDev = environment === "dev";
  // Each section reports its own problems; this order is the order they are listed in.
  const bucket = bucketSettings(c, environment, report);
  const names = topicNames(c, report);
  const plugin = pluginSettings(c, report);
  const capacity = connectorCapacity(c, report);
  const connectorName = c.connector.name ?? `${id}-connector`;
  const alarms = alarmSettings(c, connectorName, isDev, report);
  const cluster = clusterSettings(c.cluster, report);
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
    cluster,
    network: c.network,
    plugin,
    connector: {
      name: connectorName,
      importArn: c.connector.import,
      followClusterChanges: c.connector.followClusterChanges,
      kafkaConnectVersion: c.connector.kafkaConnectVersion,
      capacity,
      properties: c.connector.properties,
    },
    executionRole: choose(
      "executionRole",
      c.executionRole,
      walkthroughNames(id).executionRole,
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
  // A walkthrough name left on another user id (a stack file whose userId alone was changed).
  for (const key of ["bucket", "executionRole"] as const) {
    const { mode, name } = settings[key];
    const other = mode === ResourceMode.Adopt ? walkthroughUserId(name) : undefined;
    if (other !== undefined && other !== id)
      report(
        [key, "adopt"],
        `"${name}" carries user id ${other}, not userId ${id}: remove ${key}.adopt to adopt ${walkthroughNames(id)[key]}`,
        false,
      );
  }
  for (const [path, message, showValue] of crossSettingFindings(settings)) report(path, message, showValue);
  return settings;
}
