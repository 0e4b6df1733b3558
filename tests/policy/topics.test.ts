import { expect } from "chai";
import { commandNoLogging, commandNoPlainKey, commandTimeouts, keyMaterialPaths } from "../../policy/topics";
import { command, commandProps, KEY, TWENTY_MINUTES } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };

describe("policy: topics command", () => {
  it("topics-command-no-plain-key: a key only in the secret connection passes; a key in scripts, environment or stdin is reported", async () => {
    expect(await checkResource(commandNoPlainKey, command())).to.deep.equal(ok);
    const leaky = command({
      props: commandProps({ create: `cat > k <<EOF\n${KEY}EOF`, environment: { KEY }, stdin: KEY }),
    });
    expect((await checkResource(commandNoPlainKey, leaky)).violations).to.deep.equal([
      "create holds private key material: pass the key only as connection.privateKey, from secret config",
      "environment.KEY holds private key material: pass the key only as connection.privateKey, from secret config",
      "stdin holds private key material: pass the key only as connection.privateKey, from secret config",
    ]);
  });

  it("topics-command-no-plain-key: a connection that is not a secret output is reported", async () => {
    const unsecret = command({ opts: { customTimeouts: TWENTY_MINUTES, additionalSecretOutputs: [] } });
    expect((await checkResource(commandNoPlainKey, unsecret)).violations).to.deep.equal([
      "connection is not in additionalSecretOutputs: its privateKey would be stored in plain text (use the @pulumi/command SDK, which marks it secret)",
    ]);
    expect(keyMaterialPaths({ a: [{ b: KEY }], c: 1 })).to.deep.equal(["a.0.b"]);
  });

  it('topics-command-no-logging: "none" with secret stdout and stderr passes; unset or stdout logging is reported', async () => {
    expect(await checkResource(commandNoLogging, command())).to.deep.equal(ok);
    expect(
      (await checkResource(commandNoLogging, command({ props: commandProps({ logging: undefined }) })))
        .violations,
    ).to.deep.equal([
      'logging is "stdoutAndStderr (unset)": set "none" so remote output stays out of the update\'s log',
    ]);
    expect(
      (await checkResource(commandNoLogging, command({ props: commandProps({ logging: "stdout" }) })))
        .violations,
    ).to.deep.equal(['logging is "stdout": set "none" so remote output stays out of the update\'s log']);
  });

  it("topics-command-no-logging: stdout or stderr stored in plain text is reported, with logging none too", async () => {
    const opts = (additionalSecretOutputs: string[]) => ({
      customTimeouts: TWENTY_MINUTES,
      additionalSecretOutputs,
    });
    expect(
      (await checkResource(commandNoLogging, command({ opts: opts(["connection"]) }))).violations,
    ).to.deep.equal([
      'stdout and stderr not in additionalSecretOutputs: the provider stores the remote output in state in plain text even with logging "none"; add ["stdout","stderr"]',
    ]);
    expect(
      (await checkResource(commandNoLogging, command({ opts: opts(["connection", "stdout"]) }))).violations,
    ).to.deep.equal([
      'stderr not in additionalSecretOutputs: the provider stores the remote output in state in plain text even with logging "none"; add ["stderr"]',
    ]);
  });

  it("topics-command-timeouts: bounded create/update (and delete when scripted) pass; missing or excessive ones are reported", async () => {
    expect(await checkResource(commandTimeouts, command())).to.deep.equal(ok);
    const noDeleteScript = { createSeconds: 600, updateSeconds: 600, deleteSeconds: 0 };
    expect(
      await checkResource(commandTimeouts, command({ opts: { customTimeouts: noDeleteScript } })),
    ).to.deep.equal(ok);
    const withDelete = command({
      props: commandProps({ delete: "kafka-topics.sh --delete" }),
      opts: { customTimeouts: noDeleteScript },
    });
    expect((await checkResource(commandTimeouts, withDelete)).violations).to.deep.equal([
      "customTimeouts.delete is not set: a hung SSH session or Kafka tool would hold the deployment; set customTimeouts",
    ]);
    const long = command({
      opts: { customTimeouts: { createSeconds: 0, updateSeconds: 3 * 3600, deleteSeconds: 0 } },
    });
    expect((await checkResource(commandTimeouts, long)).violations).to.deep.equal([
      "customTimeouts.create is not set: a hung SSH session or Kafka tool would hold the deployment; set customTimeouts",
      "customTimeouts.update is 180 minutes: above the 120-minute bound",
    ]);
    expect(await checkResource(commandTimeouts, { ...long, config: { maxMinutes: 240 } })).to.deep.equal({
      violations: [
        "customTimeouts.create is not set: a hung SSH session or Kafka tool would hold the deployment; set customTimeouts",
      ],
    });
  });
});
