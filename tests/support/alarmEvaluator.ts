/**
 * CloudWatch's alarm evaluation as AWS documents it, to run alarm specs over metric series without AWS:
 * - Evaluating an alarm: a metric alarm with a period of a minute or more is evaluated every minute over
 *   its last Evaluation Periods (N) data points; it goes to ALARM when Datapoints to Alarm (M) of them
 *   breach. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
 * - Missing data: CloudWatch retrieves more points than N (the evaluation range). With ≥ N real points it
 *   judges the N most recent real ones; with fewer it fills the gap with the treatment, as few times as
 *   possible; "missing" with no real point is INSUFFICIENT_DATA, "ignore" keeps the state; and a breaching
 *   point at least M periods old followed only by missing ones is ALARM under "missing" (premature-state
 *   rule). https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
 *   AWS does not say how large the range is beyond "a higher number ... than Evaluation Periods" (5 for
 *   N = 3 in its tables), so it is a parameter here.
 * - Composite alarms: ALARM("name") is TRUE while that alarm is in ALARM; actions run on state changes
 *   only; OK actions on a change to OK from any state.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html
 *   A new one is INSUFFICIENT_DATA, is then evaluated, and runs the actions of the state it takes (so a
 *   healthy pipeline's first message is an OK): PutCompositeAlarm in the CloudWatch API Reference.
 */
import { AlarmSpec, ComparisonOperator, MissingData } from "../../lib/ops/alarms";

export type State = "OK" | "ALARM" | "INSUFFICIENT_DATA";
/** A value per minute as the metric is published; undefined where nothing is published. */
export type Series = (number | undefined)[];
type Alarm = Pick<
  AlarmSpec,
  "comparison" | "threshold" | "evaluationPeriods" | "datapointsToAlarm" | "missingData"
>;

/** The specs compare with GreaterThanThreshold only (lib/ops/alarms.ts ComparisonOperator). */
const breaches = (a: Alarm, v: number) =>
  a.comparison === ComparisonOperator.GreaterThanThreshold && v > a.threshold;

/** One evaluation over the evaluation range's points, oldest first (undefined = missing). */
export function evaluate(a: Alarm, points: Series, current: State): State {
  const n = a.evaluationPeriods;
  const m = a.datapointsToAlarm;
  const real = points.filter((p): p is number => p !== undefined);
  const verdict = (breaching: number): State => (breaching >= m ? "ALARM" : "OK");
  if (real.length >= n) return verdict(real.slice(-n).filter((v) => breaches(a, v)).length);
  const breaching = real.filter((v) => breaches(a, v)).length;
  switch (a.missingData) {
    case MissingData.Breaching:
      return verdict(breaching + n - real.length);
    case MissingData.NotBreaching:
      return verdict(breaching);
  }
  if (real.length === 0) return a.missingData === MissingData.Missing ? "INSUFFICIENT_DATA" : current;
  if (real.length >= m) return verdict(breaching);
  // Premature-state rule: within the last N points, the oldest breaching one is at least M periods old
  // and every newer one breaches or is missing.
  const lastN = points.slice(-n);
  const oldest = lastN.findIndex((p) => p !== undefined && breaches(a, p));
  const premature =
    oldest >= 0 && n - oldest >= m && lastN.slice(oldest + 1).every((p) => p === undefined || breaches(a, p));
  if (premature) return a.missingData === MissingData.Missing ? "ALARM" : current;
  // Too few breaching points for ALARM yet ("- - - - X" with M = 3): AWS says only that the alarm does not
  // go to ALARM at once, not which state it takes; the current one is kept here.
  return breaching === 0 ? "OK" : current;
}

/**
 * The alarm's state at every minute from its creation (`from`) to the end of the series, each evaluation
 * over the `range` most recent points (points before creation count, as CloudWatch reads them too). The
 * stack's alarms take one-minute periods of metrics published once a minute: a period's point is that
 * minute's value, whatever the statistic.
 */
export function runAlarm(spec: AlarmSpec, series: Series, range: number, from = 0): State[] {
  if (spec.metric.periodSeconds !== 60) throw new Error(`${spec.key}: only one-minute periods are modelled`);
  let state: State = "INSUFFICIENT_DATA";
  const states: State[] = [];
  for (let t = from; t < series.length; t++) {
    state = evaluate(
      spec,
      Array.from({ length: range }, (_, k) => series[t - range + 1 + k]),
      state,
    );
    states.push(state);
  }
  return states;
}

/** A composite rule of the form ALARM("a") OR ALARM("b") …, evaluated over the named alarms' states. */
export function ruleHolds(rule: string, states: Readonly<Record<string, State>>): boolean {
  const terms = rule.split(" OR ").map((t) => /^ALARM\("([^"]+)"\)$/.exec(t)?.[1]);
  return terms.some((name) => {
    if (name === undefined || !(name in states)) throw new Error(`unsupported rule term in ${rule}`);
    return states[name] === "ALARM";
  });
}

/** A composite alarm over per-minute states of its alarms (all from its creation): states and messages. */
export function runComposite(rule: string, alarms: Readonly<Record<string, State[]>>) {
  const minutes = Math.min(...Object.values(alarms).map((s) => s.length));
  let state: State = "INSUFFICIENT_DATA";
  const states: State[] = [];
  const notifications: { minute: number; state: State }[] = [];
  for (let t = 0; t < minutes; t++) {
    const next: State = ruleHolds(rule, Object.fromEntries(Object.entries(alarms).map(([k, s]) => [k, s[t]])))
      ? "ALARM"
      : "OK";
    if (next !== state) notifications.push({ minute: t, state: next });
    state = next;
    states.push(state);
  }
  return { states, notifications };
}
