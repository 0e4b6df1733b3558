/**
 * The pipeline's health alarms (lib/ops/alarms.ts): outside dev a stack must alarm on its connector's
 * errored tasks, running tasks and task start-ups, and on its consumer time lag for every topic, each
 * alarm notifying somewhere; in dev the same check is advisory.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known } from "./documents";
import { ENVIRONMENT_SCHEMA, isDev } from "./env";
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

/** One metric an alarm reads: directly, or as one of its metric-math queries. */
interface WatchedMetric {
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
}

/** The metrics an alarm watches and whether it notifies anyone (unknown actions count: they are an SNS ARN to be). */
function alarmView(a: PolicyResource): { metrics: WatchedMetric[]; notifies: boolean } {
  const p = a.props as Record<string, unknown>;
  const queries = (known(() => p["metricQueries"]) ?? []) as { metric?: Record<string, unknown> }[];
  const metrics: WatchedMetric[] = [
    { namespace: p["namespace"], metricName: p["metricName"], dimensions: p["dimensions"] } as WatchedMetric,
    ...queries.filter((q) => q.metric).map((q) => q.metric as WatchedMetric),
  ];
  const actions = known(() => p["alarmActions"]);
  return { metrics, notifies: !Array.isArray(actions) || actions.length > 0 };
}

const watches = (m: WatchedMetric, namespace: string, names: string[], dims: Record<string, string>) =>
  m.namespace === namespace &&
  names.includes(m.metricName ?? "") &&
  Object.entries(dims).every(([k, v]) => m.dimensions?.[k] === v);

/** What the stack's alarms miss, one line per missing alarm, for every connector it registers. */
export function missingAlarms(resources: PolicyResource[]): string[] {
  const alarms = resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm)).map(alarmView);
  const topics = declaredTopics(resources);
  const missing: string[] = [];
  for (const c of resources.filter((r) => r.isType(aws.mskconnect.Connector))) {
    const name = known(() => c.props["name"] as string);
    if (typeof name !== "string") continue;
    const config = (known<unknown>(() => c.props["connectorConfiguration"]) ?? {}) as Record<string, string>;
    const group = sinkConsumerGroup(name, config);
    const need = (what: string, namespace: string, names: string[], dims: Record<string, string>) => {
      const found = alarms.filter((a) => a.metrics.some((m) => watches(m, namespace, names, dims)));
      if (!found.some((a) => a.notifies))
        missing.push(
          `connector ${name}: no alarm with an action on ${what} (${namespace} ${names.join(" or ")}, ${Object.entries(
            dims,
          )
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")})`,
        );
    };
    const byConnector = { [CONNECTOR_NAME_DIMENSION]: name };
    need("errored tasks", KAFKA_CONNECT_NAMESPACE, [ConnectMetric.ErroredTaskCount], byConnector);
    need("running tasks", KAFKA_CONNECT_NAMESPACE, [ConnectMetric.RunningTaskCount], byConnector);
    need(
      "task start-ups",
      KAFKA_CONNECT_NAMESPACE,
      [ConnectMetric.TaskStartupSuccessPercentage, ConnectMetric.TaskStartupAttemptsTotal],
      byConnector,
    );
    for (const topic of topics)
      need(
        `consumer time lag of ${topic}`,
        KAFKA_NAMESPACE,
        [LagMetric.EstimatedMaxTimeLag, LagMetric.MaxEstimatedTimeLag],
        {
          [CONSUMER_GROUP_DIMENSION]: group,
          [TOPIC_DIMENSION]: topic,
        },
      );
  }
  return missing;
}

const HINT = " (set msk-s3-sink:alarms.enabled: true)";

/** Runs the check, or declares it not applicable to this environment or to a stack without a connector. */
function validate(devOnly: boolean): StackValidationPolicy["validateStack"] {
  return (args, report) => {
    const first = args.resources[0];
    if (!first || !args.resources.some((r) => r.isType(aws.mskconnect.Connector)))
      args.notApplicable("the stack has no connector");
    const dev = isDev(args.getConfig(), first.urn);
    if (dev !== devOnly)
      args.notApplicable(
        devOnly ? "not dev: pipeline-alarms applies" : "dev: see pipeline-alarms-dev (advisory)",
      );
    for (const line of missingAlarms(args.resources)) report(line + HINT);
  };
}

/** A pipeline nobody is told about loses data quietly: outside dev, its health alarms are mandatory. */
export const pipelineAlarms: StackValidationPolicy = {
  name: "pipeline-alarms",
  description:
    "Alarms with actions on the connector's errored tasks, running tasks and task start-ups, and on consumer time lag per topic (not dev).",
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
