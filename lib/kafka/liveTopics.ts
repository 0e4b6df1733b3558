import type { Finding } from "../config/errors";
import { REPLACE_FORCING } from "../provider/replaceForcing";

/** The Pulumi type of a topic managed through the MSK API. */
export const MSK_TOPIC_TYPE = "aws:msk/topic:Topic";

/** Inputs that name the topic: a change is a different topic (new resource), never an in-place replacement. */
const TOPIC_IDENTITY = ["name", "clusterArn", "region"];

/**
 * Replace-forcing inputs of aws.msk.Topic other than its identity. A replacement creates the new
 * topic before deleting the old one, and Kafka refuses a second topic of the same name, so the
 * component ignores changes to these and the stack compares them with the live topic at preview.
 */
export const MSK_TOPIC_IGNORED_INPUTS: readonly string[] = REPLACE_FORCING[MSK_TOPIC_TYPE].filter(
  (input) => !TOPIC_IDENTITY.includes(input),
);

/** A topic as `aws.msk.getTopic` reports it. */
export interface LiveTopic {
  partitionCount: number;
  replicationFactor: number;
}

/** The sizes the stack wants for every topic. */
export interface WantedTopicSizes {
  partitions: number;
  replicationFactor: number;
}

/**
 * Changes the MSK API cannot make to existing topics, found before any change: a partition
 * decrease (UpdateTopic would fail mid-apply) and a different replication factor (no API changes
 * it). Topics not on the cluster yet are created as configured.
 */
export function liveTopicFindings(wanted: WantedTopicSizes, live: ReadonlyMap<string, LiveTopic>): Finding[] {
  const findings: Finding[] = [];
  for (const [name, topic] of live) {
    if (topic.replicationFactor !== wanted.replicationFactor)
      findings.push([
        ["topics", "replicationFactor"],
        `topic ${name} has replication factor ${topic.replicationFactor} on the cluster, and the MSK API cannot change it ` +
          `(aws.msk.Topic would be replaced, and Kafka refuses a new topic while the old one of that name exists). ` +
          `Keep ${topic.replicationFactor}, or reassign the replicas by hand with kafka-reassign-partitions.sh and then set ${wanted.replicationFactor}`,
      ]);
    if (topic.partitionCount > wanted.partitions)
      findings.push([
        ["topics", "partitions"],
        `topic ${name} has ${topic.partitionCount} partitions on the cluster; Kafka cannot decrease them, so keep ${topic.partitionCount} or more`,
      ]);
  }
  return findings;
}
