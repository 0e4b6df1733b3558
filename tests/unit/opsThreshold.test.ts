/**
 * A connector whose delivery the cost model cannot estimate (a FieldPartitioner) has no derivable
 * time-lag threshold: with alarms off the stack still deploys, and its dashboard draws no threshold.
 */
import { expect } from "chai";
import { mskApiInvokes } from "../support/fixtures";
import { at } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";
import { COMPANY } from "../support/worlds";

const NS = "msk-s3-sink";
const byField = {
  ...COMPANY,
  // The walkthrough preset: no rotation settings a FieldPartitioner would ignore.
  [`${NS}:deliveryPreset`]: "walkthrough",
  [`${NS}:alarms`]: JSON.stringify({ enabled: false }),
  [`${NS}:dashboard`]: JSON.stringify({ enabled: true }),
  [`${NS}:connector`]: JSON.stringify({
    properties: {
      "partitioner.class": "io.confluent.connect.storage.partitioner.FieldPartitioner",
      "partition.field.name": "country",
    },
  }),
};

type Widget = { properties: { title?: string; annotations?: unknown } };

describe("operations without a derivable time-lag threshold", () => {
  it("alarms off, dashboard on: no alarm, and the lag widget has no threshold line", async () => {
    const run = await runProgram("prod", byField, mskApiInvokes());
    if (run.error) throw run.error;
    expect(run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")).to.deep.equal(
      [],
    );
    const body: unknown = JSON.parse(
      at<string>(one(run.resources, "aws:cloudwatch/dashboard:Dashboard").inputs, "dashboardBody"),
    );
    const widgets = (body as { widgets: Widget[] }).widgets;
    const lag = widgets.find((w) => w.properties.title === "Consumer time lag per topic (s)");
    expect(lag?.properties).to.not.have.property("annotations");
    const tasks = widgets.find((w) => w.properties.title === "Tasks and workers");
    expect(tasks?.properties.annotations).to.deep.equal({
      horizontal: [{ label: "tasks the capacity should run", value: 3 }],
    });
  });

  it("alarms on: refused in config, naming alarms.timeLagSeconds, before any resource", async () => {
    const run = await runProgram(
      "prod",
      { ...byField, [`${NS}:alarms`]: JSON.stringify({ enabled: true, email: "oncall@orders.example" }) },
      mskApiInvokes(),
    );
    expect(run.error?.message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:alarms.timeLagSeconds: is required with these connector properties: cannot estimate delivery for partitioner.class=io.confluent.connect.storage.partitioner.FieldPartitioner: its output partitions depend on the data`,
    );
    expect(run.resources).to.deep.equal([]);
  });
});
