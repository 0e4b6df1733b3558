/**
 * Watch mode (`--watch`, and every stack without an EC2 client): produces nothing; reports per topic the
 * newest object's age and the consumer group's time lag, and the connector's state.
 */
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeConnectorCommand, KafkaConnectClient } from "@aws-sdk/client-kafkaconnect";
import { S3Client, _Object } from "@aws-sdk/client-s3";
import { arnParts } from "../../lib/config/arns";
import { partitionFilePrefix, recentPrefixes, startOffsetOf } from "../../lib/ops/objectKeys";
import {
  CLUSTER_NAME_DIMENSION,
  CONSUMER_GROUP_DIMENSION,
  KAFKA_NAMESPACE,
  timeLagMetric,
  TOPIC_DIMENSION,
} from "../../lib/ops/metrics";
import { VerifyError } from "../../lib/ops/stackOutputs";
import type { VerifyTarget } from "../../lib/ops/verifyTarget";
import { listPage } from "./s3";

const newer = (a: _Object | undefined, b: _Object | undefined) =>
  !a || (b && b.LastModified! > a.LastModified!) ? b : a;

/**
 * The newest connector object of a topic, in a bounded number of requests. Time-based partitioners: the
 * current and previous bucket's directories only. DefaultPartitioner: per `partition=<n>` directory (one
 * listing with a delimiter, as many entries as partitions), a binary search over the start offset with
 * StartAfter and MaxKeys=1 (about log2(10^10) ≈ 34 requests), since the highest start offset is the newest.
 */
export async function newestObject(s3: S3Client, t: VerifyTarget, topic: string, now: number) {
  const list = (input: Parameters<typeof listPage>[3]) => listPage(s3, t.bucket, t.region, input);
  const recent = recentPrefixes(t, topic, now);
  let best: _Object | undefined;
  if (recent) {
    for (const Prefix of recent) {
      let token: string | undefined;
      do {
        const page = await list({ Prefix, ContinuationToken: token });
        for (const o of page.Contents ?? []) best = newer(best, o);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
    return { object: best, scope: "in the current or previous time bucket" };
  }
  const dirs = await list({ Prefix: t.keyPrefixes[topic], Delimiter: "/" });
  for (const d of dirs.CommonPrefixes ?? []) {
    const { prefix, padWidth } = partitionFilePrefix(t, topic, d.Prefix!);
    const at = async (offset?: number) =>
      (
        await list({
          Prefix: prefix,
          MaxKeys: 1,
          StartAfter: offset === undefined ? undefined : prefix + String(offset).padStart(padWidth, "0"),
        })
      ).Contents?.[0];
    let found = await at();
    if (!found) continue;
    let [lo, hi] = [startOffsetOf(found.Key!, prefix) ?? 0, 10 ** padWidth];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const o = await at(mid);
      if (o) [found, lo] = [o, startOffsetOf(o.Key!, prefix) ?? mid];
      else hi = mid;
    }
    best = newer(best, found);
  }
  return { object: best, scope: "under the topic's prefix" };
}

/**
 * The latest time lag of the sink's consumer group per topic (MSK `EstimatedMaxTimeLag`, serverless
 * `MaxEstimatedTimeLag`, dimensions Cluster Name, Consumer Group, Topic; DEFAULT monitoring level:
 * https://docs.aws.amazon.com/msk/latest/developerguide/consumer-lag.html), over the last 15 minutes.
 */
export async function timeLags(cw: CloudWatchClient, t: VerifyTarget, now: number) {
  const r = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 15 * 60_000),
      EndTime: new Date(now),
      ScanBy: "TimestampDescending",
      MetricDataQueries: t.topics.map((topic, i) => ({
        Id: `lag${i}`,
        MetricStat: {
          Metric: {
            Namespace: KAFKA_NAMESPACE,
            MetricName: timeLagMetric(t.clusterKind),
            Dimensions: [
              { Name: CLUSTER_NAME_DIMENSION, Value: t.clusterName },
              { Name: CONSUMER_GROUP_DIMENSION, Value: t.consumerGroup },
              { Name: TOPIC_DIMENSION, Value: topic },
            ],
          },
          Period: 60,
          Stat: "Maximum",
        },
      })),
    }),
  );
  return t.topics.map((_, i) => r.MetricDataResults?.find((m) => m.Id === `lag${i}`)?.Values?.[0]);
}

/** The connector's state (DescribeConnector `connectorState`: CREATING, RUNNING, UPDATING, DELETING, FAILED). */
export async function connectorState(kc: KafkaConnectClient, t: VerifyTarget): Promise<string> {
  const r = await kc.send(new DescribeConnectorCommand({ connectorArn: t.connectorArn }));
  return r.connectorState ?? "UNKNOWN";
}

/** Prints the report; returns 0 when the connector is RUNNING, else throws its state as the reason. */
export async function watch(
  stack: string,
  t: VerifyTarget,
  clients: { s3: S3Client; cw: CloudWatchClient; kc: KafkaConnectClient },
  out: (line: string) => void,
  now = Date.now(),
): Promise<number> {
  const aws = async <T>(what: string, f: () => Promise<T>) =>
    f().catch((e: Error) => {
      throw new VerifyError(`${what} failed: ${e.name}: ${e.message.split("\n")[0]}`);
    });
  const state = await aws(`DescribeConnector ${t.connectorArn}`, () => connectorState(clients.kc, t));
  const lags = await aws("CloudWatch GetMetricData", () => timeLags(clients.cw, t, now));
  out(
    `watch ${stack}: connector ${arnParts(t.connectorArn).resource[1] ?? t.connectorArn} is ${state}; consumer group ${t.consumerGroup}`,
  );
  for (const [i, topic] of t.topics.entries()) {
    const { object, scope } = await newestObject(clients.s3, t, topic, now);
    const age = object
      ? `newest object ${Math.round((now - object.LastModified!.getTime()) / 1000)} s old (${object.Key})`
      : `no object ${scope}`;
    const lag =
      lags[i] === undefined
        ? "no lag data (MSK publishes it once the group has committed offsets)"
        : `time lag ${lags[i]} s`;
    out(`${topic}: ${age}; ${lag}`);
  }
  if (state !== "RUNNING")
    throw new VerifyError(
      `connector is ${state}: read its worker logs, then replace it (docs/operating.md, "What happens on failure")`,
    );
  return 0;
}
