import { expect } from "chai";
import { AUTOSCALED_TASKS_MAX, autoscaledTasksMax } from "../../lib/connector/capacity";
import { parseStackConfig } from "../../lib/stackSettings";
import { asStackConfig, CREATED_STACK, mskApiInvokes } from "../support/fixtures";
import { runTwice } from "../support/lifecycle";
import { at, Inputs } from "../support/pulumiMocks";
import { one } from "../support/stack";

const CONNECTOR = "aws:mskconnect/connector:Connector";
const autoscaling = { mcuCount: 2, minWorkerCount: 1, maxWorkerCount: 3 };

/** AWS reporting the tasks.max an autoscaled connector runs with, instead of the one it was given. */
function echoTasksMax(type: string, inputs: Inputs): Inputs {
  const scaling = at<{ mcuCount: number; maxWorkerCount: number } | undefined>(
    inputs,
    "capacity",
    "autoscaling",
  );
  if (type !== CONNECTOR || !scaling) return {};
  const tasks = String(autoscaledTasksMax(scaling.mcuCount, scaling.maxWorkerCount));
  return { connectorConfiguration: { ...(inputs.connectorConfiguration as Inputs), "tasks.max": tasks } };
}

describe("autoscaling overrides tasks.max (workers × MCUs × 2)", () => {
  const spec = (connector: object) => ({
    config: asStackConfig("us-east-1", { ...CREATED_STACK, connector }),
    invokes: mskApiInvokes(),
  });

  it("a tasks.max reported back by AWS does not replace an autoscaled connector on the next up", async () => {
    const { first, diff } = await runTwice("staging", spec({ autoscaling }), spec({ autoscaling }), {
      echo: echoTasksMax,
    });
    expect(at(one(first.resources, CONNECTOR).outputs, "connectorConfiguration", "tasks.max")).to.equal("12");
    expect(one(first.resources, CONNECTOR).ignoreChanges).to.deep.equal([AUTOSCALED_TASKS_MAX]);
    expect(AUTOSCALED_TASKS_MAX).to.equal('connectorConfiguration["tasks.max"]');
    expect(diff).to.deep.equal({ replaceForcing: {}, inPlace: {}, created: [], deleted: [] });
  });

  it("with provisioned capacity tasks.max is the configured one, and changing it replaces the connector", async () => {
    const provisioned = { mcuCount: 1, workerCount: 2 };
    const { first, diff } = await runTwice(
      "staging",
      spec({ provisioned }),
      spec({ provisioned, properties: { "tasks.max": "6" } }),
    );
    expect(one(first.resources, CONNECTOR).ignoreChanges).to.deep.equal([]);
    expect(diff.replaceForcing).to.deep.equal({ [`${CONNECTOR} u1-connector`]: ["connectorConfiguration"] });
  });

  it("an explicit tasks.max with autoscaling is refused, naming the setting", () => {
    const raw = { ...CREATED_STACK, connector: { autoscaling, properties: { "tasks.max": "8" } } };
    expect(() => parseStackConfig(raw, { stack: "staging", region: "us-east-1" })).to.throw(
      'msk-s3-sink:connector.properties: tasks.max="8" has no effect with autoscaling: MSK Connect sets it to workers × MCUs per worker × 2; remove it, or use connector.provisioned',
    );
  });
});
