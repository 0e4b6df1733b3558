import { expect } from "chai";
import { spawn } from "node:child_process";
import { join } from "node:path";

// Starts a process, so it runs with the integration suite rather than the unit suite.
const POLICY_DIR = join(__dirname, "..", "..", "policy");

describe("policy pack as the CLI runs it", () => {
  it("type-checks under @pulumi/pulumi's policy runner and serves (prints its gRPC port)", async function () {
    this.timeout(60000);
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: POLICY_DIR });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /^(\d+)\s*$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`policy pack exited ${code}: ${err}`)));
      });
      expect(Number(port)).to.be.greaterThan(0);
    } finally {
      child.kill();
    }
  });
});
