/**
 * scripts/pulumi.sh hands the CLI exactly what the README says: the Policy pack section's
 * `npm run up -- dev --policy-pack-config policy-config.json`, run as written with a stub CLI given
 * through PULUMI_CLI that records each call's arguments (the built CLI cannot run policy packs).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readmeInline } from "../engine/readme";

const REPO = join(__dirname, "..", "..");

describe("scripts/pulumi.sh forwards the README's policy pack command to the CLI", () => {
  it("npm run up -- dev --policy-pack-config policy-config.json: creates dev, then up with the pack and its config", () => {
    const command = readmeInline("## Policy pack", /--policy-pack-config/);
    expect(command).to.equal("npm run up -- dev --policy-pack-config policy-config.json");
    const dir = mkdtempSync(join(tmpdir(), "msk-s3-sink-pulumi-sh-"));
    const calls = join(dir, "calls");
    const stub = join(dir, "pulumi");
    writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\x1f' "$@" >>"${calls}"\necho >>"${calls}"\n`);
    chmodSync(stub, 0o755);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PULUMI_CLI: stub,
      PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "unit",
    };
    const r = spawnSync("bash", ["-c", command], { cwd: REPO, env, encoding: "utf8", timeout: 10000 });
    expect(r.status, `${r.stdout}${r.stderr}`).to.equal(0);
    const argv = readFileSync(calls, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => line.split("\x1f").slice(0, -1));
    expect(argv).to.deep.equal([
      ["stack", "select", "--create", "dev", "--non-interactive"],
      ["up", "--stack", "dev", "--policy-pack", "policy", "--policy-pack-config", "policy-config.json"],
    ]);
  });
});
