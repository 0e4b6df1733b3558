/**
 * The pipeline's health alarms (lib/ops/alarms.ts): outside dev a stack must alarm on its connector's
 * errored tasks and on its consumer time lag for every topic, and each alarm must reach a person: through
 * its own actions or a composite alarm over it, on an SNS topic the stack subscribes someone to (or an
 * adopted topic, whose subscribers are managed where it is). In dev the same check is advisory.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { known } from "./documents";
import { ENVIRONMENT_SCHEMA, onlyInItsEnvironment } from "./env";
import { declaredTopics } from "./connectorStack";
import {
  ConnectMetric,
  CONNECTOR_NAME_DIMENSION,
  CONSUMER_GROUP_DIMENSION,
  KAFKA_CONNECT_NAMESPACE,
  KAFKA_NAMESPACE,
  LagMetric,
  sinkConsumerGroup,
  TOPIC_DIMENSION,
} from "../lib/ops/metrics";

/** The names a composite rule fires on: `ALARM("name")` or `ALARM(name)`, not under NOT. */
export function ruleAlarmNames(rule: string): string[] {
  return [...rule.matchAll(/(?<!NOT\s+)ALARM\(\s*"?([^")]+?)"?\s*\)/g)].map((m) => m[1]);
}

/** Whether a resource's alarm actions reach a person (see the module comment). */
function notifies(r: PolicyResource, subscribed: Set<PolicyResource>): boolean {
  const topics = (r.propertyDependencies["alarmActions"] ?? []).filter((d) => d.isType(aws.sns.Topic));
  if (topics.length > 0) return topics.some((t) => subscribed.has(t));
  // Not a topic of this stack: an adopted topic's ARN, or a value not known yet (an SNS ARN to be).
  let actions: unknown;
  try {
    actions = r.props["alarmActions"];
  } catch (e) {
    if (e instanceof UnknownValueError) return true;
    throw e;
  }
  return Array.isArray(actions) && actions.length > 0;
}

/** What the stack's alarms miss, one line per connector metric, with the setting that fixes it. */
export function missingAlarms(resources: PolicyResource[]): string[] {
  const subscribed = new Set(
    resources
      .filter((r) => r.isType(aws.sns.TopicSubscription))
      .flatMap((s) => s.propertyDependencies["topic"] ?? []),
  );
  const composites = resources.filter((r) => r.isType(aws.cloudwatch.CompositeAlarm));
  const alarms = resources
    .filter((r) => r.isType(aws.cloudwatch.MetricAlarm))
    .map((a) => {
      const p = a.props as Record<string, unknown>;
      const name = known<unknown>(() => p["name"]);
      const over = composites.filter((c) => {
        const rule = known<unknown>(() => c.props["alarmRule"]);
        return typeof rule === "string" && typeof name === "string" && ruleAlarmNames(rule).includes(name);
      });
      return {
        namespace: p["namespace"],
        metricName: p["metricName"],
        dimensions: (p["dimensions"] ?? {}) as Record<string, string>,
        reaches: notifies(a, subscribed) || over.some((c) => notifies(c, subscribed)),
      };
    });
  const topics = declaredTopics(resources);
  const missing: string[] = [];
  for (const c of resources.filter((r) => r.isType(aws.mskconnect.Connector))) {
    const name = known(() => c.props["name"] as string);
    if (typeof name !== "string") continue;
    const config = (known<unknown>(() => c.props["connectorConfiguration"]) ?? {}) as Record<string, string>;
    const need = (what: string, namespace: string, names: string[], dims: Record<string, string>) => {
      const found = alarms.filter(
        (a) =>
          a.namespace === namespace &&
          names.includes(String(a.metricName)) &&
          Object.entries(dims).every(([k, v]) => a.dimensions[k] === v),
      );
      const metric = `${namespace} ${names.join(" or ")}, ${Object.entries(dims)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`;
      if (found.length === 0)
        missing.push(
          `connector ${name}: no alarm on ${what} (${metric}) (set msk-s3-sink:alarms.enabled: true)`,
        );
      else if (!found.some((a) => a.reaches))
        missing.push(
          `connector ${name}: the alarm on ${what} (${metric}) reaches no one: neither it nor a composite alarm over it notifies an SNS topic with a subscription (set msk-s3-sink:alarms.email)`,
        );
    };
    need("errored tasks", KAFKA_CONNECT_NAMESPACE, [ConnectMetric.ErroredTaskCount], {
      [CONNECTOR_NAME_DIMENSION]: name,
    });
    for (const topic of topics)
      need(
        `consumer time lag of ${topic}`,
        KAFKA_NAMESPACE,
        [LagMetric.EstimatedMaxTimeLag, LagMetric.MaxEstimatedTimeLag],
        { [CONSUMER_GROUP_DIMENSION]: sinkConsumerGroup(name, config), [TOPIC_DIMENSION]: topic },
      );
  }
  return missing;
}

/** Runs the check, or declares it not applicable to this environment or to a stack without a connector. */
function validate(devOnly: boolean): StackValidationPolicy["validateStack"] {
  return (args, report) => {
    const first = args.resources[0];
    if (!first || !args.resources.some((r) => r.isType(aws.mskconnect.Connector)))
      args.notApplicable("the stack has no connector");
    onlyInItsEnvironment("pipeline-alarms", devOnly, args, first.urn);
    for (const line of missingAlarms(args.resources)) report(line);
  };
}

/** A pipeline nobody is told about loses data quietly: outside dev, its health alarms must reach someone. */
export const pipelineAlarms: StackValidationPolicy = {
  name: "pipeline-alarms",
  description:
    "Alarms on the connector's errored tasks and on consumer time lag per topic, each reaching an SNS topic with a subscription (not dev).",
  enforcementLevel: "mandatory",
  configSchema: ENVIRONMENT_SCHEMA,
  validateStack: validate(false),
};

/** The walkthrough's dev world may run without alarms, but should hear about it. */
export const pipelineAlarmsDev: StackValidationPolicy = {
  name: "pipeline-alarms-dev",
  description: "The pipeline's health alarms (dev: advisory).",
  enforcementLevel: "advisory",
  configSchema: ENVIRONMENT_SCHEMA,
  validateStack: validate(true),
};
