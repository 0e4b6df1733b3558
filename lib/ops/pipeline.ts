/** The stack's settings, seen from operations: its health targets. */
import type { Settings } from "../config/settings";
import { arnParts } from "../config/arns";
import { ResourceMode } from "../config/enums";
import type { Finding } from "../config/errors";
import { compositeRuleProblem, metricAlarmNames } from "./alarmNames";
import type { PipelineHealth } from "./alarms";
import {
  deliveryLatencyBoundSeconds,
  expectedRunningTasks,
  offsetFlushIntervalMs,
  timeLagThresholdSeconds,
} from "./health";
import { sinkConsumerGroup } from "./metrics";
import { workerLogGroupName } from "../connector/worker";
import { connectorUrn, dashboardConsoleUrl } from "./console";
import { dashboardName } from "./dashboard";

/** The worker properties the connector runs with, when the stack creates them (adopted ones are unknown). */
function workerProperties(s: Settings): Record<string, string> | undefined {
  const w = s.workerConfiguration;
  return w.mode === ResourceMode.Create ? w.properties : undefined;
}

/**
 * The configured time-lag threshold, else the one derived from the delivery bound of these properties
 * (throws, naming the reason, when the cost model cannot estimate them).
 */
export function timeLagThreshold(s: Settings, properties: Readonly<Record<string, string>>): number {
  if (s.alarms.timeLagSeconds !== undefined) return s.alarms.timeLagSeconds;
  const bound = deliveryLatencyBoundSeconds(properties, s.topics.names.length, s.topics.partitions ?? 1);
  return timeLagThresholdSeconds(bound, offsetFlushIntervalMs(workerProperties(s)));
}

/**
 * CloudWatch takes an alarm action only in the alarm's own region: PutMetricAlarm with another region's topic
 * fails with "ValidationError: Invalid region <topic's> specified. Only <alarm's> is supported" (the API's own
 * answer, quoted in cds-snc/notification-terraform#128); no AWS page documents a cross-region alarm action.
 */
function adoptedTopicRegionRule(s: Settings): Finding[] {
  const t = s.alarms.topic;
  const region = t.mode === ResourceMode.Adopt ? arnParts(t.arn).region : s.region;
  if (region === s.region) return [];
  const what = `is in region ${region}, not the stack's ${s.region} (aws:region): CloudWatch alarms notify SNS topics of their own region only`;
  return [
    [
      ["alarms", "snsTopic", "adopt"],
      `${what}; adopt a topic in ${s.region}, or let the stack create one (alarms.snsTopic.create)`,
    ],
  ];
}

/**
 * MSK publishes no consumer lag for a group whose name contains ':', and CloudWatch dimension values are ASCII
 * only (https://docs.aws.amazon.com/msk/latest/developerguide/consumer-lag.html). The default group,
 * connect-<connector.name>, always qualifies: connector names take A-Z, a-z, 0-9, '.', '_' and '-'.
 */
function consumerGroupRule(properties: Readonly<Record<string, string>>): Finding[] {
  const group = properties["consumer.override.group.id"];
  if (group === undefined || /^[\x20-\x39\x3b-\x7e]+$/.test(group)) return [];
  return [
    [
      ["connector", "properties", "consumer.override.group.id"],
      `with alarms on, the sink's consumer group ${group} must be printable ASCII without ':' (MSK publishes no consumer lag for it otherwise, so the time-lag alarms would never fire): choose another group id`,
    ],
  ];
}

/**
 * With alarms on, the composite must fit CloudWatch's limits, the adopted topic must be in the stack's region,
 * the consumer group must get lag metrics, and the time-lag threshold must be derivable from the delivery
 * settings, or set.
 */
export function alarmRules(s: Settings, properties: Readonly<Record<string, string>>): Finding[] {
  if (!s.alarms.enabled) return [];
  const tooMany = compositeRuleProblem(metricAlarmNames(s.connector.name, s.topics.names));
  if (tooMany)
    return [[["topics", "names"], `with alarms on, ${tooMany}: list fewer topics or shorter names`, false]];
  return [...adoptedTopicRegionRule(s), ...consumerGroupRule(properties), ...thresholdRule(s, properties)];
}

function thresholdRule(s: Settings, properties: Readonly<Record<string, string>>): Finding[] {
  if (s.alarms.timeLagSeconds !== undefined) return [];
  try {
    timeLagThreshold(s, properties);
    return [];
  } catch (e) {
    return [
      [["alarms", "timeLagSeconds"], `is required with these connector properties: ${(e as Error).message}`],
    ];
  }
}

/** The threshold, or undefined when it cannot be derived (then only a dashboard without alarms exists). */
function derivableTimeLagThreshold(
  s: Settings,
  properties: Readonly<Record<string, string>>,
): number | undefined {
  try {
    return timeLagThreshold(s, properties);
  } catch {
    return undefined;
  }
}

/** Everything the alarms and the dashboard need to know about this stack's pipeline. */
export function pipelineHealth(s: Settings, properties: Readonly<Record<string, string>>): PipelineHealth {
  return {
    connectorName: s.connector.name,
    clusterName: s.cluster.name,
    clusterKind: s.cluster.kind,
    consumerGroup: sinkConsumerGroup(s.connector.name, properties),
    topics: s.topics.names,
    expectedRunningTasks: expectedRunningTasks(s.connector.capacity, properties),
    timeLagThresholdSeconds: derivableTimeLagThreshold(s, properties),
    checks: {
      stack: s.stack,
      // index.ts names the connector component `<userId>-connector`.
      connectorUrn: connectorUrn(s.stack, `${s.userId}-connector`),
      bucket: s.bucket.name,
      logGroupName: s.logs.enabled ? workerLogGroupName(s.connector.name) : undefined,
      dashboardUrl: s.dashboard.enabled
        ? dashboardConsoleUrl(s.region, dashboardName(s.connector.name))
        : undefined,
    },
  };
}
