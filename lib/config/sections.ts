import { arnParts } from "./arns";
import { ParsedConfig } from "./schema";
import { DEFAULT_CLUSTER_NAME } from "./schemaKafka";
import {
  alphanumericDashName,
  bucketNameProblem,
  topicNameCollisions,
  topicNameProblem,
  walkthroughNames,
} from "./names";
import { ClusterKind, PluginSourceKind, ResourceMode } from "./enums";
import type { AlarmTopicChoice, Choice, Settings } from "./settings";

/** Records one problem at a config path; `showValue: false` keeps the value out of the message. */
export type Report = (path: PropertyKey[], message: string, showValue?: boolean) => void;

/** Adopt by name (the walkthrough's default) or create with the block's own settings. */
export function choose<C extends object>(
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
export function namePath(key: string, mode: ResourceMode): PropertyKey[] {
  return mode === ResourceMode.Adopt ? [key, "adopt"] : [key, "create", "name"];
}

/** The bucket choice; a created bucket may be force-destroyed only in dev (it holds sink data). */
export function bucketSettings(c: ParsedConfig, environment: string, report: Report): Settings["bucket"] {
  const id = c.userId;
  const { kmsKeyArn, ...choice } = c.bucket;
  const bucket = choose("bucket", choice, walkthroughNames(id).bucket, walkthroughNames(id).bucket, report);
  if (kmsKeyArn !== undefined && bucket.mode === ResourceMode.Create)
    report(
      ["bucket", "kmsKeyArn"],
      "is the key of an adopted bucket; a created bucket takes bucket.create.kmsKeyArn",
    );
  const problem = bucketNameProblem(bucket.name);
  if (problem)
    report(namePath("bucket", bucket.mode), `"${bucket.name}" breaks S3 naming: ${problem}`, false);
  if (bucket.mode === ResourceMode.Create && bucket.forceDestroy && environment !== "dev")
    report(
      ["bucket", "create", "forceDestroy"],
      `may be true only when environment is dev (it is "${environment}"): it would delete sink data`,
    );
  return bucket.mode === ResourceMode.Adopt ? { ...bucket, kmsKeyArn } : bucket;
}

/** The topic names (the walkthrough's three by default), each legal and none clashing in Kafka. */
export function topicNames(c: ParsedConfig, report: Report): string[] {
  const id = c.userId;
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
  return names;
}

function fileNameOf(source: string): string {
  const last = source.split(/[/\\]/).pop() ?? "";
  return last.split("?")[0];
}

/** Where the connector zip comes from and what it is called in S3 and MSK Connect. */
export function pluginSettings(c: ParsedConfig, report: Report): Settings["plugin"] {
  const p = c.plugin;
  const sourceKind = /^https:\/\//.test(p.source) ? PluginSourceKind.Url : PluginSourceKind.File;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p.source) && sourceKind !== PluginSourceKind.Url)
    report(["plugin", "source"], "a URL must use https:// (or give a local file path)");
  const fileName = p.fileName ?? fileNameOf(p.source);
  if (!/^[A-Za-z0-9._-]+\.(zip|jar)$/.test(fileName))
    report(
      ["plugin", "fileName"],
      `"${fileName}" (from plugin.source) must end in .zip or .jar; set plugin.fileName`,
    );
  return {
    source: p.source,
    sourceKind,
    sha256: p.sha256,
    fileName,
    objectKey: `kafka-connect-s3/${fileName}`,
    name: p.name ?? `${c.userId}-plugin`,
    importArn: p.import,
  };
}

/** Provisioned (1 MCU × 1 worker, as the walkthrough) or autoscaling capacity, never both. */
export function connectorCapacity(c: ParsedConfig, report: Report): Settings["connector"]["capacity"] {
  const { provisioned, autoscaling } = c.connector;
  if (provisioned && autoscaling)
    report(["connector"], "set either provisioned or autoscaling capacity, not both");
  if (!autoscaling) return { provisioned: provisioned ?? { mcuCount: 1, workerCount: 1 } };
  if (autoscaling.minWorkerCount > autoscaling.maxWorkerCount)
    report(
      ["connector", "autoscaling", "minWorkerCount"],
      `must not exceed maxWorkerCount (${autoscaling.maxWorkerCount})`,
    );
  if (autoscaling.scaleInCpuPercent >= autoscaling.scaleOutCpuPercent)
    report(
      ["connector", "autoscaling", "scaleInCpuPercent"],
      `must be below scaleOutCpuPercent (${autoscaling.scaleOutCpuPercent})`,
    );
  return { autoscaling };
}

/** The alarms block: topic choice and the settings that only make sense with alarms on. */
export function alarmSettings(
  c: ParsedConfig,
  connectorName: string,
  isDev: boolean,
  report: Report,
): Settings["alarms"] {
  const a = c.alarms;
  const { adopt, create } = a.snsTopic;
  if (adopt !== undefined && create !== undefined)
    report(["alarms", "snsTopic"], "set either adopt or create, not both");
  if (a.email !== undefined && adopt !== undefined)
    report(
      ["alarms", "email"],
      "subscribes only to a created topic (alarms.snsTopic.create); subscribe to an adopted topic where it is managed",
    );
  // Outside dev an alarm nobody receives is no alarm: a created topic starts without subscribers.
  if (a.enabled && !isDev && adopt === undefined && a.email === undefined)
    report(
      ["alarms", "email"],
      "is required outside dev: the created SNS topic would have no subscriber; set alarms.email, or adopt a topic that has subscribers with alarms.snsTopic.adopt",
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
  const topic: AlarmTopicChoice =
    adopt !== undefined
      ? { mode: ResourceMode.Adopt, arn: adopt }
      : {
          mode: ResourceMode.Create,
          name: create?.name ?? `${alphanumericDashName(connectorName)}-alarms`,
          kmsKeyArn: create?.kmsKeyArn,
        };
  return { enabled: a.enabled, topic, email: a.email, timeLagSeconds: a.timeLagSeconds };
}

/** A serverless cluster is named by its ARN; an explicit `cluster.name` must agree with it. */
export function clusterSettings(c: ParsedConfig["cluster"], report: Report): ParsedConfig["cluster"] {
  if (c.kind !== ClusterKind.Serverless || c.arn === undefined) return c;
  const name = arnParts(c.arn).resource[1];
  if (c.name !== DEFAULT_CLUSTER_NAME && c.name !== name)
    report(["cluster", "name"], `does not match cluster.arn, whose cluster is "${name}"; leave it unset`);
  return { ...c, name };
}
