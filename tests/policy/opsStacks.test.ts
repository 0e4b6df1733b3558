/**
 * The tests' own two worlds under the whole pack, including the alarm rules (COMPANY as prod, alarms
 * on; the walkthrough as dev, alarms off), so a user's edit of a committed stack file cannot break them.
 */
import { expect } from "chai";
import { connectorProperties, sinkTargetOf } from "../../lib/connector/properties";
import { sinkConsumerGroup } from "../../lib/ops/metrics";
import { SSH_KEY } from "../support/fixtures";
import { invokesFor, settingsOf } from "../support/stackChecks";
import { COMPANY, WALKTHROUGH } from "../support/worlds";
import { evaluate, Evaluation, lines } from "./evaluate";
import { policyView, runRecorded } from "./fromProgram";

const KEY = "msk-s3-sink:sshPrivateKey";
const WORLDS = { dev: WALKTHROUGH, prod: COMPANY };

async function underPack(stack: "dev" | "prod", packConfig: Record<string, object> = {}) {
  const config: Record<string, string> = { ...WORLDS[stack], [KEY]: SSH_KEY };
  const s = settingsOf(stack, { config, secretKeys: [KEY] });
  const { run, extras } = await runRecorded(stack, config, invokesFor(s), [KEY]);
  if (run.error) throw run.error;
  const result: Evaluation = await evaluate(policyView(run, extras, stack, s.region), packConfig);
  return { s, result };
}

const of = (r: Evaluation, level: string, policy: string) =>
  lines(r.findings.filter((f) => f.level === level && f.policy === policy));

describe("policy pack with pipeline-alarms on the tests' own worlds", () => {
  it("prod: pipeline-alarms applies and finds every alarm; no mandatory finding at all", async () => {
    const { s, result } = await underPack("prod");
    expect(s.isDev).to.equal(false);
    expect(result.applied.has("pipeline-alarms")).to.equal(true);
    expect(result.skipped.get("pipeline-alarms-dev")).to.equal("not dev: pipeline-alarms applies");
    expect(lines(result.findings.filter((f) => f.level === "mandatory"))).to.deep.equal([]);
    expect(of(result, "advisory", "pipeline-alarms-dev")).to.deep.equal([]);
  });

  it("dev: no mandatory finding; pipeline-alarms-dev advises each alarm the walkthrough's stack goes without", async () => {
    const { s, result } = await underPack("dev");
    const props = connectorProperties(sinkTargetOf(s));
    const c = s.connector.name;
    const prefix = `advisory pipeline-alarms-dev: connector ${c}: no alarm on`;
    const hint = " (set msk-s3-sink:alarms.enabled: true)";
    expect(lines(result.findings.filter((f) => f.level === "mandatory"))).to.deep.equal([]);
    expect(result.skipped.get("pipeline-alarms")).to.equal("dev: see pipeline-alarms-dev (advisory)");
    expect(of(result, "advisory", "pipeline-alarms-dev")).to.deep.equal([
      `${prefix} errored tasks (AWS/KafkaConnect ErroredTaskCount, ConnectorName=${c})${hint}`,
      ...s.topics.names.map(
        (t) =>
          `${prefix} consumer time lag of ${t} (AWS/Kafka EstimatedMaxTimeLag or MaxEstimatedTimeLag, Consumer Group=${sinkConsumerGroup(c, props)}, Topic=${t})${hint}`,
      ),
    ]);
  });

  it("prod judged as dev (pack config) gets no alarm advisory either: its alarms are there and reach its subscriber", async () => {
    const { result } = await underPack("prod", { "pipeline-alarms-dev": { environment: "dev" } });
    expect(result.applied.has("pipeline-alarms-dev")).to.equal(true);
    expect(of(result, "advisory", "pipeline-alarms-dev")).to.deep.equal([]);
  });
});
