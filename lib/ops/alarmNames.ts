/** CloudWatch alarm names and the composite rule, within CloudWatch's limits. */
import { createHash } from "node:crypto";

/**
 * PutMetricAlarm and PutCompositeAlarm take names of 1 to 255 characters, descriptions of up to 1024 and
 * a composite rule of up to 10240 (terraform-provider-aws internal/service/cloudwatch/metric_alarm.go and
 * composite_alarm.go validate the same); a composite watches at most 100 alarms:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html
 */
export const CLOUDWATCH_LIMITS = { name: 255, rule: 10240, ruleAlarms: 100 } as const;

/**
 * The name as it is, or shortened to the limit with 8 hex digits of its SHA-256: a topic name may have
 * 249 characters, so `<connector>-time-lag-<topic>` can exceed 255. Deterministic, so the alarm keeps its
 * name from one update to the next, and two long names that share their first 246 characters differ.
 */
export function alarmName(full: string): string {
  if (full.length <= CLOUDWATCH_LIMITS.name) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, CLOUDWATCH_LIMITS.name - hash.length - 1)}-${hash}`;
}

export const erroredTasksName = (connector: string) => alarmName(`${connector}-errored-tasks`);
export const timeLagName = (connector: string, topic: string) => alarmName(`${connector}-time-lag-${topic}`);

/** The metric alarms' names, in the order of `alarmSpecs`. */
export function metricAlarmNames(connector: string, topics: readonly string[]): string[] {
  return [erroredTasksName(connector), ...topics.map((t) => timeLagName(connector, t))];
}

/** The composite rule: ALARM while any of the named alarms is in ALARM (names quoted, as the docs show). */
export function compositeRule(names: readonly string[]): string {
  return names.map((n) => `ALARM("${n}")`).join(" OR ");
}

/** Why CloudWatch would refuse the composite over these alarms, or undefined. */
export function compositeRuleProblem(names: readonly string[]): string | undefined {
  const { rule, ruleAlarms } = CLOUDWATCH_LIMITS;
  if (names.length > ruleAlarms)
    return `the composite alarm would watch ${names.length} alarms (at most ${ruleAlarms})`;
  const length = compositeRule(names).length;
  return length > rule
    ? `the composite alarm rule would have ${length} characters (at most ${rule})`
    : undefined;
}
