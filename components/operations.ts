/**
 * Composition helper for index.ts: the operations side of the stack (alarms, dashboard) and the
 * outputs a person clicks or pastes, plus `verifyTarget` for `npm run verify`. All rules are in lib/ops/.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../lib/config/settings";
import { topicPrefixes } from "../lib/connector/properties";
import { workerLogGroupName } from "../lib/connector/worker";
import { alarmSpecs } from "../lib/ops/alarms";
import {
  connectorConsoleUrl,
  dashboardConsoleUrl,
  keyPrefixesOf,
  logGroupConsoleUrl,
  s3ListCommand,
  s3PrefixConsoleUrl,
} from "../lib/ops/console";
import { dashboardBody, dashboardName } from "../lib/ops/dashboard";
import { pipelineHealth } from "../lib/ops/pipeline";
import { verifyTarget } from "../lib/ops/verifyTarget";
import { ResourceMode } from "../lib/config/enums";
import { PipelineAlarms } from "./pipelineAlarms";
import { PipelineDashboard } from "./pipelineDashboard";
import type { S3SinkConnector } from "./s3SinkConnector";

/** What the operations side needs from the pipeline the stack registered. */
export interface OperationsInputs {
  settings: Settings;
  /** The connector's effective configuration. */
  properties: Record<string, string>;
  /** The connector: its ARN for links and the dashboard; alarms are created once it runs. */
  connector: S3SinkConnector;
  bootstrapServers: pulumi.Input<string>;
  /** The EC2 client's address, when the stack names one. */
  clientHost?: string;
}

/** Registers alarms and dashboard as configured; returns the operations outputs. */
export function operatePipeline(i: OperationsInputs) {
  const s = i.settings;
  const region = s.region;
  const health = pipelineHealth(s, i.properties);
  const prefixes = topicPrefixes(s.bucket.name, i.properties, s.topics.names);
  const keyPrefixes = keyPrefixesOf(prefixes);
  const logGroupName = s.logs.enabled ? workerLogGroupName(s.connector.name) : undefined;
  const id = s.userId;

  const alarms = s.alarms.enabled
    ? new PipelineAlarms(
        `${id}-alarms`,
        {
          alarms: alarmSpecs(health),
          notifications:
            s.alarms.topic.mode === ResourceMode.Adopt
              ? { mode: ResourceMode.Adopt, topicArn: s.alarms.topic.arn }
              : { mode: ResourceMode.Create, topicName: s.alarms.topic.name, email: s.alarms.email },
        },
        // A connector still being created publishes nothing, and missing data breaches.
        { dependsOn: [i.connector] },
      )
    : undefined;
  const name = dashboardName(s.connector.name);
  const dashboard = s.dashboard.enabled
    ? new PipelineDashboard(`${id}-dashboard`, {
        dashboardName: name,
        body: i.connector.arn.apply((connectorArn) =>
          dashboardBody({ region, connectorArn, bucket: s.bucket.name, keyPrefixes, logGroupName, health }),
        ),
      })
    : undefined;

  return {
    topicPrefixes: prefixes,
    consoleUrls: {
      connector: i.connector.arn.apply((arn) => connectorConsoleUrl(region, arn)),
      ...(dashboard ? { dashboard: dashboardConsoleUrl(region, name) } : {}),
      ...(logGroupName ? { workerLogs: logGroupConsoleUrl(region, logGroupName) } : {}),
      topicPrefixes: Object.fromEntries(
        Object.entries(keyPrefixes).map(([t, p]) => [t, s3PrefixConsoleUrl(region, s.bucket.name, p)]),
      ),
    },
    s3ListCommands: Object.fromEntries(
      Object.entries(prefixes).map(([t, uri]) => [t, s3ListCommand(region, uri)]),
    ),
    ...(alarms ? { alarmTopicArn: alarms.topicArn } : {}),
    verifyTarget: pulumi
      .all([i.bootstrapServers, i.connector.arn])
      .apply(([b, arn]) => verifyTarget(s, i.properties, b, i.clientHost, arn)),
  };
}
