import { createHash } from "node:crypto";

/** The worker properties MSK Connect's docs and the walkthrough's `confluent-worker` use: string keys and values. */
export const DEFAULT_WORKER_PROPERTIES: Readonly<Record<string, string>> = {
  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
  "value.converter": "org.apache.kafka.connect.storage.StringConverter",
};

/** A Java properties file, one `key=value` a line, in the given order. */
export function propertiesFile(props: Readonly<Record<string, string>>): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}\n`)
    .join("");
}

/**
 * Worker configurations are immutable and their names unique, so a created one carries a short hash
 * of its content: a change makes a new one beside the old, which goes once the connector moved.
 */
export function workerConfigurationName(base: string, content: string): string {
  return `${base}-${createHash("sha256").update(content).digest("hex").slice(0, 8)}`;
}

/** CloudWatch log group for a connector's worker logs. */
export function workerLogGroupName(connectorName: string): string {
  return `/aws/mskconnect/${connectorName}`;
}
