/**
 * The metric series one topic partition of the pipeline emits, minute by minute, from what the sources say
 * emits what and when:
 * - The S3 sink (kafka-connect-s3 10.0.3, TopicPartitionWriter) closes a file when `flush.size` records
 *   are in it (rotateOnSize), or, with record-time rotation, when a record arrives whose timestamp is
 *   `rotate.interval.ms` past the file's first (rotateOnTime); commitFiles then sets the offset to commit,
 *   and S3SinkTask.preCommit hands Kafka Connect only that offset.
 * - Kafka Connect commits a sink task's offsets every `offset.flush.interval.ms` (WorkerSinkTask), and a
 *   task that restarts resumes from the committed offset, so uncommitted records are read again.
 * - MSK publishes consumer lag only for a group with a committed offset, while the group is STABLE or
 *   EMPTY (https://docs.aws.amazon.com/msk/latest/developerguide/consumer-lag.html): nothing before the
 *   first commit or in the minute tasks (re)join the group, and still a value while the connector is
 *   gone (EMPTY). EstimatedMaxTimeLag is "a time estimate to drain MaxOffsetLag"; AWS gives no formula,
 *   and under steady traffic draining the lag at the rate records arrive takes as long as the oldest
 *   uncommitted record has waited: the model reports that age.
 * - MSK Connect's page gives no schedule for ErroredTaskCount: the model publishes it every minute while
 *   the connector runs (1 once a task has failed) and nothing while it is created, replaced or gone.
 */
import type { Series } from "./alarmEvaluator";

/** Minutes [from, to). */
export type Span = [number, number];

export interface Timeline {
  minutes: number;
  /** When producers write to the topic, and how many records a second (1 when unset). */
  producing: (Span | [number, number, number])[];
  /** When the connector exists and its tasks consume (outside: being created, replaced or gone). */
  running: Span[];
  /** When its task has failed: it stays failed until the connector is replaced. */
  failed?: Span[];
  /** Records per second the task can read and write (unbounded when unset). */
  capacity?: number;
}

export interface Sink {
  /** Record-time rotation interval in seconds (rotate.interval.ms); undefined for flush.size=1. */
  rotateSeconds?: number;
  /** Offset commit interval in seconds (offset.flush.interval.ms). */
  flushSeconds: number;
}

const within = (spans: (Span | [number, number, number])[] | undefined, minute: number) =>
  (spans ?? []).some(([from, to]) => minute >= from && minute < to);
const rateAt = (t: Timeline, minute: number) =>
  t.producing.find(([from, to]) => minute >= from && minute < to)?.[2] ??
  (within(t.producing, minute) ? 1 : 0);

/** The topic's EstimatedMaxTimeLag and the connector's ErroredTaskCount, per minute. */
export function sinkSeries(t: Timeline, sink: Sink): { timeLag: Series; erroredTasks: Series } {
  const produced: number[] = []; // record timestamps (s); the offset is the index
  let read = 0; // next offset the task reads
  let fileStart = -1; // first offset of the open file, -1 when none
  let closedUpTo = 0; // offsets below are in committed files
  let committed = -1; // offset committed to Kafka, -1 before the first commit
  let nextCommit = 0;
  let consuming = false;
  let rejoined = -1; // minute the task last (re)joined the group
  const timeLag: Series = [];
  const erroredTasks: Series = [];
  for (let minute = 0; minute < t.minutes; minute++) {
    const rate = rateAt(t, minute);
    const exists = within(t.running, minute);
    const runs = exists && !within(t.failed, minute);
    if (runs && !consuming) {
      // A (re)started task reads from the committed offset; files it had not committed are written again.
      read = closedUpTo = Math.max(committed, 0);
      fileStart = -1;
      nextCommit = minute * 60 + sink.flushSeconds;
      rejoined = minute;
    }
    consuming = runs;
    for (let s = minute * 60; s < minute * 60 + 60; s++) {
      for (let r = rate; r > 0; r--) produced.push(s);
      if (!runs) continue;
      const until = Math.min(produced.length, read + (t.capacity ?? Infinity));
      for (; read < until; read++) {
        if (sink.rotateSeconds === undefined) {
          closedUpTo = read + 1; // flush.size=1: every record is a file of its own
        } else if (fileStart < 0) {
          fileStart = read;
        } else if (produced[read] - produced[fileStart] >= sink.rotateSeconds) {
          closedUpTo = fileStart = read;
        }
      }
      if (s >= nextCommit) {
        if (closedUpTo > Math.max(committed, 0)) committed = closedUpTo;
        nextCommit += sink.flushSeconds;
      }
    }
    const end = minute * 60 + 59;
    const oldest = committed < produced.length ? produced[Math.max(committed, 0)] : end;
    timeLag.push(committed >= 0 && minute !== rejoined ? end - oldest : undefined);
    erroredTasks.push(exists ? (runs ? 0 : 1) : undefined);
  }
  return { timeLag, erroredTasks };
}
