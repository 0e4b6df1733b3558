import { z } from "zod";
import { configSchema, ParsedConfig } from "./schema";
import { resourceNameProblem, walkthroughNames, walkthroughUserId } from "./names";
import { ConfigError, describeProblem, Finding } from "./errors";
import { ResourceMode } from "./enums";
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
import type { Settings, StackContext } from "./settings";
import { suggestKey } from "./suggest";

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

/**
 * Validates raw stack config, derives every name and default, then applies the rules across settings
 * (`crossSettingRules`, from the layers that know the connector and the alarms: lib/stackSettings.ts).
 * Throws one ConfigError listing all problems, in that order.
 */
export function parseSettings(
  raw: unknown,
  ctx: StackContext,
  crossSettingRules: (s: Settings) => Finding[],
): Settings {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.flatMap((i) => issueProblems(raw, i, ctx.stack)));
  const problems: string[] = [];
  const report: Report = (path, message, showValue) =>
    problems.push(describeProblem(raw, path, message, showValue));
  const settings = deriveSettings(parsed.data, ctx, report);
  for (const [path, message, showValue] of crossSettingRules(settings)) report(path, message, showValue);
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
  return settings;
}
