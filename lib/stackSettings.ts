/**
 * The stack's settings, checked whole: lib/config parses them, then every rule across settings runs, in
 * the order its problems are listed, including those that need the connector's properties or the alarms.
 */
import { parseSettings } from "./config/parse";
import { bucketRules, clusterRules, importRules, tasksMaxRule, topicRules } from "./config/rules";
import type { Settings, StackContext } from "./config/settings";
import { connectorProperties, propertyRules, sinkTargetOf } from "./connector/properties";
import { alarmRules } from "./ops/pipeline";

/** Validates raw stack config and derives every name and default; throws one ConfigError listing all problems. */
export function parseStackConfig(raw: unknown, ctx: StackContext): Settings {
  return parseSettings(raw, ctx, (s) => {
    const properties = connectorProperties(sinkTargetOf(s));
    const propertyProblems = propertyRules(s, properties);
    return [
      ...topicRules(s),
      ...clusterRules(s),
      ...tasksMaxRule(s),
      ...propertyProblems,
      // Properties with problems are reported once, above; no threshold is derived from them.
      ...(propertyProblems.length > 0 ? [] : alarmRules(s, properties)),
      ...bucketRules(s),
      ...importRules(s, "plugin"),
      ...importRules(s, "connector"),
    ];
  });
}
