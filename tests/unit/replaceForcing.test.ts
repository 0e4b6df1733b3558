/**
 * lib/provider/replaceForcing.ts must know every resource type the program registers: the Day 2 checks
 * (tests/support/lifecycle.ts) treat a type it does not list as one no input of which forces a replacement.
 */
import { expect } from "chai";
import { REPLACE_FORCING } from "../../lib/provider/replaceForcing";
import { awsInvokes, mskApiInvokes } from "../support/fixtures";
import { ProgramRun, runProgram } from "../support/stack";
import { COMPANY, devConfig } from "../support/worlds";

const NS = "msk-s3-sink";
const KEY = `${NS}:sshPrivateKey`;

async function run(
  stack: string,
  config: Record<string, string>,
  invokes = awsInvokes(),
): Promise<ProgramRun> {
  const r = await runProgram(stack, config, invokes, stack === "dev" ? [KEY] : []);
  if (r.error) throw r.error;
  return r;
}

describe("the replace-forcing list knows every resource type the program registers", () => {
  let types: Set<string>;
  before(async () => {
    const runs = [
      // The walkthrough's world, with the optional S3 gateway endpoint.
      await run("dev", {
        ...devConfig(),
        [`${NS}:network`]: JSON.stringify({ s3GatewayEndpoint: true }),
      }),
      // A company's world: created bucket, role, worker configuration, logs, MSK API topics, alarms and
      // dashboard; with an e-mail subscription to the alarm topic.
      await run(
        "prod",
        { ...COMPANY, [`${NS}:alarms`]: JSON.stringify({ enabled: true, email: "oncall@example.com" }) },
        mskApiInvokes(),
      ),
    ];
    types = new Set(runs.flatMap((r) => r.resources.filter((x) => x.custom).map((x) => x.type)));
  });

  it("has an entry, read from its provider, for each type registered in either world", () => {
    expect([...types].filter((t) => !(t in REPLACE_FORCING))).to.deep.equal([]);
  });

  it("lists no type the program does not register", () => {
    expect(Object.keys(REPLACE_FORCING).filter((t) => !types.has(t))).to.deep.equal([]);
  });
});
