/** scripts/pulumi-cli.sh: which Pulumi CLI scripts/pulumi.sh, it/engine.sh and `npm run verify` run. */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPO = join(__dirname, "..", "..");
const SCRIPT = join(REPO, "scripts", "pulumi-cli.sh");
const which = (tool: string) =>
  spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
const BASH = which("bash");

/** A directory holding an executable `pulumi`. */
function cliDir(root: string, sub: string): string {
  const dir = join(root, sub);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "pulumi"), "#!/bin/sh\n");
  chmodSync(join(dir, "pulumi"), 0o755);
  return dir;
}

function pick(env: Record<string, string>, ...args: string[]): [number | null, string] {
  const r = spawnSync(BASH, [SCRIPT, ...args], { env: { HOME: tmpdir(), ...env }, encoding: "utf8" });
  return [r.status, r.stdout];
}

describe("scripts/pulumi-cli.sh", () => {
  const root = mkdtempSync(join(tmpdir(), "pulumi-cli-"));
  const npmBin = cliDir(root, "project/node_modules/.bin");
  const user = cliDir(root, "usr/bin");
  // The one tool the script runs, alone on PATH, so a CLI installed on this machine cannot interfere.
  const system = join(root, "sys");
  mkdirSync(system);
  symlinkSync(
    spawnSync("bash", ["-c", "command -v dirname"], { encoding: "utf8" }).stdout.trim(),
    join(system, "dirname"),
  );

  it("the user's CLI on PATH wins over node_modules/.bin, which npm run puts first", () => {
    expect(pick({ PATH: `${npmBin}:${user}:${system}` })).to.deep.equal([0, `${user}/pulumi\n`]);
  });

  it("$PULUMI_CLI wins over PATH", () => {
    expect(pick({ PATH: `${user}:${system}`, PULUMI_CLI: "/opt/pulumi/bin/pulumi" })).to.deep.equal([
      0,
      "/opt/pulumi/bin/pulumi\n",
    ]);
  });

  it("no user CLI: the project's npm package, or with --user-only exit 2 and nothing printed", () => {
    expect(pick({ PATH: `${npmBin}:${system}` })).to.deep.equal([0, `${REPO}/node_modules/.bin/pulumi\n`]);
    expect(pick({ PATH: `${npmBin}:${system}` }, "--user-only")).to.deep.equal([2, ""]);
  });
});
