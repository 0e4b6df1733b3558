/**
 * The stack's alarms (as lib/ops/alarms.ts specifies them for a walkthrough and a bulk stack) run through
 * CloudWatch's documented evaluation (tests/support/alarmEvaluator.ts) over the series the pipeline emits
 * in each situation (tests/support/sinkSignals.ts says which source says what is emitted when). Every
 * scenario holds for evaluation ranges of N+1 to N+5 points, since AWS does not give the range.
 * Notifications are the composite's: the only alarm with actions.
 */
import { expect } from "chai";
import { parseStackConfig } from "../../lib/stackSettings";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import { alarmSpecs, compositeSpec } from "../../lib/ops/alarms";
import { pipelineHealth } from "../../lib/ops/pipeline";
import { runAlarm, runComposite, State } from "../support/alarmEvaluator";
import { Sink, sinkSeries, Span, Timeline } from "../support/sinkSignals";

type Preset = "walkthrough" | "bulk";
const TOPICS = ["orders.pin", "orders.geo", "orders.user"];

function stackAlarms(preset: Preset) {
  const raw = {
    userId: "orders",
    deliveryPreset: preset,
    topicManagement: "msk-api",
    topics: { names: TOPICS, partitions: 1, replicationFactor: 3 },
    alarms: { enabled: true, email: "oncall@example.com" },
  };
  const s = parseStackConfig(raw, { stack: "prod", region: "eu-west-1" });
  const props = connectorProperties(sinkTargetOf(s));
  const health = pipelineHealth(s, props);
  const alarms = alarmSpecs(health);
  // flush.size=1 closes a file with every record; otherwise files close on record time. Kafka's
  // offset.flush.interval.ms defaults to 60000 (https://kafka.apache.org/documentation/#connectconfigs).
  const sink: Sink = {
    rotateSeconds: props["flush.size"] === "1" ? undefined : Number(props["rotate.interval.ms"]) / 1000,
    flushSeconds: 60,
  };
  return { alarms, composite: compositeSpec(health, alarms), sink };
}

interface Scenario extends Omit<Timeline, "producing"> {
  /** Producing spans per topic index; a topic not listed stays quiet. */
  producing: Record<number, Timeline["producing"]>;
}

/** Every alarm's states and the composite's notifications, for each evaluation range. */
function play(preset: Preset, sc: Scenario) {
  const { alarms, composite, sink } = stackAlarms(preset);
  const series = TOPICS.map((_, i) => sinkSeries({ ...sc, producing: sc.producing[i] ?? [] }, sink));
  return [1, 2, 3, 4, 5].map((extra) => {
    const states: Record<string, State[]> = {};
    for (const a of alarms) {
      const topic = TOPICS.indexOf(a.metric.dimensions["Topic"]);
      const s = topic < 0 ? series[0].erroredTasks : series[topic].timeLag;
      states[a.alarmName] = runAlarm(a, s, a.evaluationPeriods + extra);
    }
    const { notifications } = runComposite(composite.rule, states);
    const inAlarm = (name: string) => states[name].some((s) => s === "ALARM");
    return { range: `N+${extra}`, alarms, states, notifications, inAlarm };
  });
}

const all: Span[] = [[0, 240]];
const base = { minutes: 240, running: all };
/** The connector deleted at minute 60 and running again at 75, as a replacement does. */
const REPLACED: Span[] = [
  [0, 60],
  [75, 240],
];
/** The composite's messages, in order. */
const messages = (r: { notifications: { state: State }[] }) => r.notifications.map((n) => n.state).join(" ");

for (const preset of ["walkthrough", "bulk"] as Preset[])
  describe(`alarm scenarios, ${preset} preset`, () => {
    it("fresh deploy, quiet topics: no alarm ever in ALARM; the composite's only message is its first OK", () => {
      for (const r of play(preset, { ...base, producing: {} })) {
        for (const a of r.alarms) expect(r.inAlarm(a.alarmName), `${r.range} ${a.key}`).to.equal(false);
        expect(r.notifications, r.range).to.deep.equal([{ minute: 0, state: "OK" }]);
      }
    });

    it("fresh deploy, then steady traffic on one topic: no alarm in ALARM, quiet topics included", () => {
      for (const r of play(preset, { ...base, producing: { 0: [[10, 240]] } })) {
        for (const a of r.alarms) expect(r.inAlarm(a.alarmName), `${r.range} ${a.key}`).to.equal(false);
        expect(r.notifications, r.range).to.deep.equal([{ minute: 0, state: "OK" }]);
      }
    });

    it("replacement under traffic (15 minutes without a connector): one ALARM, one OK, no errored-tasks alarm", () => {
      const sc = {
        ...base,
        running: REPLACED,
        producing: { 0: all, 1: all },
      };
      for (const r of play(preset, sc)) {
        expect(r.inAlarm(r.alarms[0].alarmName), r.range).to.equal(false);
        expect(messages(r), r.range).to.equal("OK ALARM OK");
        const [, page, back] = r.notifications;
        expect(page.minute, r.range).to.be.within(60, 75);
        expect(back.minute, r.range).to.be.within(75, 90);
      }
    });

    it("task failure under traffic, fixed by a replacement: one ALARM within 5 minutes, one OK after", () => {
      const sc = {
        ...base,
        running: [
          [0, 120],
          [130, 240],
        ] as Span[],
        failed: [[60, 120]] as Span[],
        producing: { 0: all },
      };
      for (const r of play(preset, sc)) {
        expect(messages(r), r.range).to.equal("OK ALARM OK");
        expect(r.notifications[1].minute, r.range).to.be.within(60, 64);
        expect(r.notifications[2].minute, r.range).to.be.within(130, 145);
      }
    });

    it("a backlog (20 records/s for 20 minutes, the task writes 5/s): one ALARM while it drains, one OK", () => {
      const producing: Timeline["producing"] = [
        [0, 60],
        [60, 80, 20],
        [80, 240],
      ];
      for (const r of play(preset, { ...base, capacity: 5, producing: { 2: producing } })) {
        expect(r.inAlarm(r.alarms[0].alarmName), r.range).to.equal(false);
        expect(messages(r), r.range).to.equal("OK ALARM OK");
      }
    });
  });

describe("alarm scenarios: what the presets differ in", () => {
  it("walkthrough: a replacement while producers pause pages no one", () => {
    const sc = {
      ...base,
      running: REPLACED,
      producing: {
        0: [
          [0, 55],
          [80, 240],
        ] as Span[],
      },
    };
    for (const r of play("walkthrough", sc))
      expect(r.notifications, r.range).to.deep.equal([{ minute: 0, state: "OK" }]);
  });

  it("bulk: a topic that goes quiet keeps its last file open, so its records wait and the lag alarm says so until the next record", () => {
    const sc = {
      ...base,
      producing: {
        0: [
          [10, 60],
          [200, 240],
        ] as Span[],
      },
    };
    for (const r of play("bulk", sc)) {
      expect(messages(r), r.range).to.equal("OK ALARM OK");
      expect(r.notifications[2].minute, r.range).to.be.within(200, 210);
    }
  });
});
