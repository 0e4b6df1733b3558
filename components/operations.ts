/**
 * Composition helper for index.ts: the operations side of the stack (alarms, dashboard) and the
 * outputs a person clicks or pastes, plus `verifyTarget` for `npm run verify`. All rules are in lib/ops/.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../lib/config/settings";
import { topicKeyPrefixes, topicPrefixes } from "../lib/connector/properties";
import { workerLogGroupName } from "../lib/connector/worker";
import { alarmSpecs, compositeSpec, PipelineHealth } from "../lib/ops/alarms";
import {
  connectorConsoleUrl,
  dashboardConsoleUrl,
  logGroupConsoleUrl,
  s3ListCommand,
  s3PrefixConsoleUrl,
} from "../lib/ops/console";
import { dashboardBody, dashboardName } from "../lib/ops/dashboard";
import { workerLogErrors } from "../lib/ops/workerLogs";
import { emailSubscriptionStatus } from "../lib/ops/notifications";
import { pipelineHealth } from "../lib/ops/pipeline";
import { verifyTarget } from "../lib/ops/verifyTarget";
import { ResourceMode } from "../lib/config/enums";
import { PipelineAlarms } from "./pipelineAlarms";
import { PipelineDashboard } from "./pipelineDashboard";
import type { S3SinkConnector } from "./s3SinkConnector";

/** What the operations side needs from the pipeline the stack registered. */
export interface OperationsInputs {
  /** The stack's checked settings. */
  settings: Settings;
  /** The connector's effective configuration. */
  properties: Record<string, string>;
  /** The connector: its ARN for links and the dashboard; alarms are created once it runs. */
  connector: S3SinkConnector;
  /** The cluster's brokers, for `npm run verify`. */
  bootstrapServers: pulumi.Input<string>;
  /** The EC2 client's address, when the stack names one. */
  clientHost?: string;
}

/** Registers alarms and dashboard as configured; returns the operations outputs. */
export async function operatePipeline(i: OperationsInputs) {
  const s = i.settings;
  const region = s.region;
  const health = pipelineHealth(s, i.properties);
  const prefixes = topicPrefixes(s.bucket.name, i.properties, s.topics.names);
  const keyPrefixes = topicKeyPrefixes(i.properties, s.topics.names);
  const logGroupName = s.logs.enabled ? workerLogGroupName(s.connector.name) : undefined;
  const id = s.userId;

  const alarms = s.alarms.enabled ? await pipelineAlarms(s, health, i.connector) : undefined;
  const name = dashboardName(s.connector.name);
  const dashboard = s.dashboard.enabled
    ? new PipelineDashboard(`${id}-dashboard`, {
        dashboardName: name,
        body: pulumi.all([i.connector.arn, alarms?.alarmArns]).apply(([connectorArn, alarmArns]) =>
          dashboardBody({
            region,
            connectorArn,
            bucket: s.bucket.name,
            keyPrefixes,
            logGroupName,
            alarmArns,
            health,
          }),
        ),
        workerLogs: i.connector.logGroupName && {
          logGroupName: i.connector.logGroupName,
          errors: workerLogErrors(s.connector.name),
        },
      })
    : undefined;
  const email = s.alarms.email;
  const pending = alarms?.emailPendingConfirmation;

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
    ...(email && pending
      ? { alarmEmail: pending.apply((p) => emailSubscriptionStatus(email, p, s.stack)) }
      : {}),
    verifyTarget: pulumi
      .all([i.bootstrapServers, i.connector.arn])
      .apply(([b, arn]) => verifyTarget(s, i.properties, b, i.clientHost, arn)),
  };
}

/** The alarms, their composite and where it notifies; they are created once the connector runs. */
async function pipelineAlarms(s: Settings, health: PipelineHealth, connector: S3SinkConnector) {
  const alarms = alarmSpecs(health);
  const topic = s.alarms.topic;
  return new PipelineAlarms(
    `${s.userId}-alarms`,
    {
      alarms,
      composite: compositeSpec(health, alarms),
      notifications:
        topic.mode === ResourceMode.Adopt
          ? { mode: ResourceMode.Adopt, topicArn: topic.arn }
          : {
              mode: ResourceMode.Create,
              topicName: topic.name,
              kmsKeyArn: topic.kmsKeyArn,
              email: s.alarms.email,
            },
      accountId: (await aws.getCallerIdentity()).accountId,
    },
    { dependsOn: [connector] },
  );
}
