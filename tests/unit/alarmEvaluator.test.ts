/**
 * The test evaluator against CloudWatch's own examples: the two tables of "How alarm state is evaluated
 * when data is missing" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html),
 * evaluation range 5, most recent point on the right, 0 not breaching, X breaching, - missing. "Retain" is
 * checked from both an OK and an ALARM state.
 */
import { expect } from "chai";
import { AlarmSpec, ComparisonOperator, MissingData } from "../../lib/ops/alarms";
import { Statistic } from "../../lib/ops/metrics";
import { evaluate, runAlarm, runComposite, State } from "../support/alarmEvaluator";

const alarm = (m: number, missingData: MissingData) => ({
  comparison: ComparisonOperator.GreaterThanThreshold,
  threshold: 0,
  evaluationPeriods: 3,
  datapointsToAlarm: m,
  missingData,
});
const points = (row: string) => row.split(" ").map((p) => (p === "-" ? undefined : p === "X" ? 1 : 0));
type Row = [string, State | "retain", State | "retain", State, State];
const COLUMNS = [MissingData.Missing, MissingData.Ignore, MissingData.Breaching, MissingData.NotBreaching];

function check(m: number, rows: Row[]) {
  for (const [data, ...expected] of rows)
    COLUMNS.forEach((treatment, i) => {
      for (const current of ["OK", "ALARM"] as State[]) {
        const want = expected[i] === "retain" ? current : expected[i];
        expect(
          evaluate(alarm(m, treatment), points(data), current),
          `${data} ${treatment} from ${current}`,
        ).to.equal(want);
      }
    });
}

describe("alarm evaluator: CloudWatch's missing-data tables", () => {
  it("3 of 3 datapoints to alarm", () =>
    check(3, [
      ["0 - X - X", "OK", "OK", "OK", "OK"],
      ["0 - - - -", "OK", "OK", "OK", "OK"],
      ["- - - - -", "INSUFFICIENT_DATA", "retain", "ALARM", "OK"],
      ["0 X X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["- - X - -", "ALARM", "retain", "ALARM", "OK"],
    ]));

  it("2 of 3 datapoints to alarm", () =>
    check(2, [
      ["0 - X - X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["0 0 X 0 X", "ALARM", "ALARM", "ALARM", "ALARM"],
      ["0 - X - -", "OK", "OK", "ALARM", "OK"],
      ["- - - - 0", "OK", "OK", "ALARM", "OK"],
      ["- - - X -", "ALARM", "retain", "ALARM", "OK"],
    ]));
});

describe("alarm evaluator: over time", () => {
  const spec: AlarmSpec = {
    key: "k",
    alarmName: "a",
    description: "",
    metric: {
      namespace: "n",
      metricName: "m",
      dimensions: {},
      statistic: Statistic.Maximum,
      periodSeconds: 60,
    },
    ...alarm(3, MissingData.Missing),
  };

  it("evaluates every minute from creation; points published before creation count", () => {
    // The documented figure: threshold breached in periods 3 to 5, not in 6, once in 9.
    const series = [0, 0, 1, 1, 1, 0, 0, 0, 1, 0];
    expect(runAlarm(spec, series, 5).join(" ")).to.equal("OK OK OK OK ALARM OK OK OK OK OK");
    expect(runAlarm(spec, series, 5, 4)).to.deep.equal(["ALARM", "OK", "OK", "OK", "OK", "OK"]);
  });

  it("a composite is ALARM while any named alarm is, and notifies on each change, from its first state", () => {
    const run = runComposite('ALARM("a") OR ALARM("b")', {
      a: ["OK", "ALARM", "ALARM", "OK", "OK"],
      b: ["INSUFFICIENT_DATA", "OK", "ALARM", "ALARM", "OK"],
    });
    expect(run.states).to.deep.equal(["OK", "ALARM", "ALARM", "ALARM", "OK"]);
    expect(run.notifications).to.deep.equal([
      { minute: 0, state: "OK" },
      { minute: 1, state: "ALARM" },
      { minute: 4, state: "OK" },
    ]);
  });
});
