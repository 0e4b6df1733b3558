import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { checkStack, runStackFile, settingsOf } from "../support/stackChecks";
import { committedStacks, readStackFile, userStackFile } from "../support/stack";

const REPO = join(__dirname, "..", "..");
const NS = "msk-s3-sink";

describe("every committed stack file (Pulumi.<stack>.yaml), judged by its own settings", () => {
  for (const stack of committedStacks()) {
    it(`${stack}: validates, registers the pipeline its settings ask for, and keeps secrets secret`, async () => {
      const { s, run } = await runStackFile(stack, userStackFile(stack));
      checkStack(s, run);
    });
  }

  it("no stack file holds a secret setting in clear text (config set without --secret)", () => {
    for (const stack of committedStacks()) {
      const file = readStackFile(stack);
      const key = `${NS}:sshPrivateKey`;
      if (key in file.config) expect(file.secretKeys, stack).to.include(key);
    }
  });
});

/**
 * Pulumi.dev.yaml as a user commits it after the Quick start: placeholders replaced, the SSH key set
 * with --secret (an encrypted value and the stack's encryptionsalt).
 */
function committedByUser(): string {
  const doc = parseDocument(readFileSync(join(REPO, "Pulumi.dev.yaml"), "utf8"));
  const id = "f00dcafe1234";
  doc.set("encryptionsalt", "v1:c2FsdA==:v1:aXZpdml2aXZp:dGFndGFndGFndGFn");
  doc.setIn(["config", `${NS}:userId`], id);
  doc.setIn(["config", `${NS}:client`, "host"], "ec2-3-80-1-2.compute-1.amazonaws.com");
  doc.setIn(["config", `${NS}:sshPrivateKey`], doc.createNode({ secure: "v1:bm9uY2U=:Y2lwaGVydGV4dA==" }));
  const dir = mkdtempSync(join(tmpdir(), "user-stack-"));
  writeFileSync(join(dir, "Pulumi.dev.yaml"), doc.toString());
  return dir;
}

describe("Pulumi.dev.yaml as a user commits it (own id and client, encrypted key)", () => {
  it("passes the same checks, with every name derived from the user's id", async () => {
    const original = settingsOf("dev", userStackFile("dev")).userId;
    const file = readStackFile("dev", committedByUser());
    expect(file.secretKeys).to.deep.equal([`${NS}:sshPrivateKey`]);
    expect(settingsOf("dev", file).userId).to.equal("f00dcafe1234");
    const { s, run } = await runStackFile("dev", file);
    checkStack(s, run);
    expect(run.resources.filter((r) => r.name.includes(original))).to.deep.equal([]);
  });
});
