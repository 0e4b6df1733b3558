/** What the dashboard reads from the worker log group: ERROR lines counted by a metric filter, and the latest ones. */

/** The metric filter that counts the worker log's ERROR lines: its pattern and the metric it writes. */
export interface WorkerLogErrors {
  pattern: string;
  namespace: string;
  metricName: string;
}

/**
 * Worker-log lines holding the term ERROR, a log4j level: Kafka's config/connect-log4j.properties writes
 * `[%d] %p …`; MSK Connect does not document its own layout, and a term matches wherever the word stands
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). One metric per
 * connector in the project's own namespace: a filter on unstructured lines cannot add dimensions.
 */
export function workerLogErrors(connectorName: string): WorkerLogErrors {
  return { pattern: "ERROR", namespace: "msk-s3-sink", metricName: `${connectorName}-worker-log-errors` };
}

/** Worker log lines that say something failed, newest first (CloudWatch Logs Insights). */
export function workerErrorsQuery(logGroupName: string): string {
  return `SOURCE '${logGroupName}' | fields @timestamp, @message | filter @message like /ERROR|Exception/ | sort @timestamp desc | limit 50`;
}
