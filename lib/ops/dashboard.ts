/**
 * The pipeline's CloudWatch dashboard body, as JSON text in the documented structure:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 * Metric arrays are [namespace, metric name, dimension name, value, …, options].
 */
import { alphanumericDashName } from "../config/names";
import type { PipelineHealth } from "./alarms";
import { connectorConsoleUrl, logGroupConsoleUrl, s3PrefixConsoleUrl } from "./console";
import {
  CLUSTER_NAME_DIMENSION,
  ConnectMetric,
  CONNECTOR_NAME_DIMENSION,
  CONSUMER_GROUP_DIMENSION,
  KAFKA_CONNECT_NAMESPACE,
  KAFKA_NAMESPACE,
  LagMetric,
  Statistic,
  timeLagMetric,
  TOPIC_DIMENSION,
} from "./metrics";
import { workerErrorsQuery, workerLogErrors } from "./workerLogs";

/** What the dashboard shows and links to. */
export interface DashboardSpec {
  region: string;
  connectorArn: string;
  bucket: string;
  /** Topic → key prefix in the bucket (`topics/<topic>/`). */
  keyPrefixes: Record<string, string>;
  /** Worker log group, when worker logs are delivered to CloudWatch. */
  logGroupName?: string;
  /** ARNs of the alarms (composite first), when alarms are on. */
  alarmArns?: string[];
  health: PipelineHealth;
}

/**
 * PutDashboard names take A-Z, a-z, 0-9, "-" and "_" (up to 255):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
 * A connector name may hold ".", so it becomes "-".
 */
export function dashboardName(connectorName: string): string {
  return alphanumericDashName(connectorName).slice(0, 255);
}

type MetricLine = (string | Record<string, string>)[];

function links(d: DashboardSpec): string {
  const { region, bucket } = d;
  const prefixes = Object.entries(d.keyPrefixes)
    .map(([topic, prefix]) => `[${topic}](${s3PrefixConsoleUrl(region, bucket, prefix)})`)
    .join(" · ");
  const logs = d.logGroupName
    ? `[worker logs](${logGroupConsoleUrl(region, d.logGroupName)})`
    : "worker logs are off (set logs.enabled)";
  return [
    `## ${d.health.connectorName} → s3://${bucket}`,
    `[connector](${connectorConsoleUrl(region, d.connectorArn)}) · ${logs} · S3 prefixes: ${prefixes}`,
  ].join("\n");
}

function metricWidget(
  d: DashboardSpec,
  title: string,
  stat: Statistic,
  metrics: MetricLine[],
  line?: { label: string; value: number },
): Record<string, unknown> {
  return {
    type: "metric",
    properties: {
      title,
      region: d.region,
      view: "timeSeries",
      stacked: false,
      period: 60,
      stat,
      metrics,
      ...(line ? { annotations: { horizontal: [line] } } : {}),
    },
  };
}

function connectorLine(d: DashboardSpec, metric: ConnectMetric, label: string): MetricLine {
  return [KAFKA_CONNECT_NAMESPACE, metric, CONNECTOR_NAME_DIMENSION, d.health.connectorName, { label }];
}

function lagLines(d: DashboardSpec, metric: LagMetric): MetricLine[] {
  const h = d.health;
  return h.topics.map((topic) => [
    KAFKA_NAMESPACE,
    metric,
    CLUSTER_NAME_DIMENSION,
    h.clusterName,
    CONSUMER_GROUP_DIMENSION,
    h.consumerGroup,
    TOPIC_DIMENSION,
    topic,
    { label: topic },
  ]);
}

/** CPU and memory of the workers, each averaged over the connector's workers (what autoscaling reads). */
function workerWidget(d: DashboardSpec): Record<string, unknown> {
  return metricWidget(d, "Worker CPU and memory (%)", Statistic.Average, [
    connectorLine(d, ConnectMetric.CpuUtilization, "CPU"),
    connectorLine(d, ConnectMetric.MemoryUtilization, "memory (the JVM heap settles near 80-90 %)"),
  ]);
}

/** The worker log's ERROR lines per minute, from the metric filter (lib/ops/workerLogs.ts). */
function logErrorsWidget(d: DashboardSpec): Record<string, unknown> {
  const e = workerLogErrors(d.health.connectorName);
  return metricWidget(d, "Worker log: ERROR lines per minute", Statistic.Sum, [
    [e.namespace, e.metricName, { label: "ERROR lines" }],
  ]);
}

/**
 * The alarms and their states; the alarm widget takes alarm ARNs:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
function alarmWidget(arns: string[]): Record<string, unknown> {
  return { type: "alarm", properties: { title: "Alarms", alarms: arns, sortBy: "stateUpdatedTimestamp" } };
}

/**
 * The dashboard: links, alarm states, records read and sent, task counts, lag per topic, worker CPU and
 * memory, and with worker logs the ERROR count and the latest error lines.
 */
export function dashboardBody(d: DashboardSpec): string {
  const h = d.health;
  const rows: Record<string, unknown>[][] = [
    [{ type: "text", properties: { markdown: links(d) } }],
    ...(d.alarmArns ? [[alarmWidget(d.alarmArns)]] : []),
    [
      metricWidget(d, "Records read and sent per second", Statistic.Average, [
        connectorLine(d, ConnectMetric.SinkRecordReadRate, "read from Kafka"),
        connectorLine(d, ConnectMetric.SinkRecordSendRate, "sent to S3"),
      ]),
      metricWidget(
        d,
        "Tasks and workers",
        Statistic.Maximum,
        [
          connectorLine(d, ConnectMetric.RunningTaskCount, "running tasks"),
          connectorLine(d, ConnectMetric.ErroredTaskCount, "errored tasks"),
          connectorLine(d, ConnectMetric.WorkerCount, "workers"),
        ],
        { label: "tasks the capacity should run", value: h.expectedRunningTasks },
      ),
    ],
    [
      metricWidget(
        d,
        "Consumer time lag per topic (s)",
        Statistic.Maximum,
        lagLines(d, timeLagMetric(h.clusterKind)),
        h.timeLagThresholdSeconds === undefined
          ? undefined
          : { label: "alarm threshold", value: h.timeLagThresholdSeconds },
      ),
      metricWidget(
        d,
        "Consumer offset lag per topic (records)",
        Statistic.Maximum,
        lagLines(d, LagMetric.MaxOffsetLag),
      ),
    ],
    d.logGroupName ? [workerWidget(d), logErrorsWidget(d)] : [workerWidget(d)],
  ];
  if (d.logGroupName)
    rows.push([
      {
        type: "log",
        properties: {
          title: "Worker log: latest errors",
          region: d.region,
          view: "table",
          query: workerErrorsQuery(d.logGroupName),
        },
      },
    ]);
  // Lay rows out on the 24-column grid: a row's widgets share its width; text and alarm rows are short.
  const heights: Record<string, number> = { text: 2, alarm: 3 };
  let y = 0;
  const widgets = rows.flatMap((row) => {
    const width = 24 / row.length;
    const height = heights[String(row[0].type)] ?? 6;
    const placed = row.map((w, i) => ({ ...w, x: i * width, y, width, height }));
    y += height;
    return placed;
  });
  return JSON.stringify({ widgets });
}
