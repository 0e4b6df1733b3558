/**
 * scripts/pulumi.sh hands the CLI exactly what the docs say, run as written with a stub CLI given
 * through PULUMI_CLI that records each call's arguments (the built CLI cannot run policy packs), and
 * says in one line what is wrong when it cannot run one.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { committedStacks } from "../support/stack";
import { readmeInline } from "../engine/readme";

const REPO = join(__dirname, "..", "..");

/** A stub CLI that records its calls, and the environment that makes scripts/pulumi.sh use it. */
function stubCli(): { env: NodeJS.ProcessEnv; calls: () => string[][] } {
  const dir = mkdtempSync(join(tmpdir(), "msk-s3-sink-pulumi-sh-"));
  const file = join(dir, "calls");
  const stub = join(dir, "pulumi");
  writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\x1f' "$@" >>"${file}"\necho >>"${file}"\n`);
  chmodSync(stub, 0o755);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PULUMI_CLI: stub,
    PULUMI_BACKEND_URL: `file://${join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "unit",
  };
  const calls = () =>
    readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => line.split("\x1f").slice(0, -1));
  return { env, calls };
}

/** Stdin is /dev/null: on a socket (Node's default pipe), `bash -c` reads ~/.bashrc, as under sshd. */
const run = (command: string, env: NodeJS.ProcessEnv) =>
  spawnSync("bash", ["-c", command], {
    cwd: REPO,
    env,
    encoding: "utf8",
    timeout: 10000,
    stdio: ["ignore", "pipe", "pipe"],
  });

describe("scripts/pulumi.sh forwards the docs' commands to the CLI", () => {
  it("npm run up -- dev --policy-pack-config policy-config.json: creates dev, then up with the pack and its config", () => {
    const command = readmeInline("## Policy pack", /--policy-pack-config/);
    expect(command).to.equal("npm run up -- dev --policy-pack-config policy-config.json");
    const { env, calls } = stubCli();
    const r = run(command, env);
    expect(r.status, `${r.stdout}${r.stderr}`).to.equal(0);
    expect(calls()).to.deep.equal([
      ["stack", "select", "--create", "dev", "--non-interactive"],
      ["up", "--stack", "dev", "--policy-pack", "policy", "--policy-pack-config", "policy-config.json"],
    ]);
  });

  it("the stack named as pulumi takes it (--stack dev, -s dev, --stack=dev), anywhere among the arguments", () => {
    const command = readmeInline("## Running pulumi directly", /^npm run preview -- --stack/, {
      stack: "dev",
    });
    expect(command).to.equal("npm run preview -- --stack dev");
    for (const c of [command, "npm run preview -- --diff -s dev", "npm run preview -- --stack=dev --diff"]) {
      const { env, calls } = stubCli();
      const r = run(c, env);
      expect(r.status, `${c}\n${r.stdout}${r.stderr}`).to.equal(0);
      const extra = c.includes(" --diff") ? ["--diff"] : [];
      expect(calls(), c).to.deep.equal([
        ["stack", "select", "--create", "dev", "--non-interactive"],
        ["preview", "--stack", "dev", "--policy-pack", "policy", "--diff", ...extra],
      ]);
    }
  });

  it("no stack, or --stack without a name: one line naming the stacks, no shell noise, exit 2, the CLI never run", () => {
    const stacks = committedStacks().join(" ");
    const cases: [string, string][] = [
      ["bash scripts/pulumi.sh preview", "npm run preview -- <stack> (or --stack <stack>)"],
      ["npm run --silent up -- --stack", "npm run up -- <stack> (or --stack <stack>)"],
      ["npm run --silent pulumi -- config get userId --stack", "npm run pulumi -- <command> --stack <stack>"],
    ];
    for (const [c, hint] of cases) {
      const { env, calls } = stubCli();
      const r = run(c, env);
      expect(r.status, c).to.equal(2);
      expect(r.stderr, c).to.equal(`scripts/pulumi.sh: which stack? ${hint}; stacks: ${stacks}\n`);
      expect(calls, c).to.throw(/ENOENT/);
    }
  });
});

describe("scripts/pulumi.sh without a Pulumi CLI and without network", () => {
  /**
   * The `pulumi` npm package (node_modules/.bin/pulumi) downloads the CLI on first use. Node 24 sends
   * fetch through HTTPS_PROXY when NODE_USE_ENV_PROXY=1, so a proxy on a closed port is "no network":
   * the package's own code then fails as it does offline (lib/download.js fetch, run.js prints
   * `pulumi: <message>`).
   */
  const offline = { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "" };

  it("names the fix (the official installer) after the npm package's `pulumi: fetch failed`", function () {
    const probe = spawnSync(
      process.execPath,
      ["-e", 'fetch("https://get.pulumi.com").catch(e => console.log(e.message))'],
      {
        env: { ...offline, PATH: process.env.PATH },
        encoding: "utf8",
        timeout: 10000,
      },
    );
    if (probe.stdout.trim() !== "fetch failed") this.skip(); // this Node does not honour NODE_USE_ENV_PROXY
    const project = mkdtempSync(join(tmpdir(), "msk-s3-sink-no-cli-"));
    for (const f of ["scripts/pulumi.sh", "scripts/pulumi-cli.sh", "Pulumi.dev.yaml"]) {
      mkdirSync(dirname(join(project, f)), { recursive: true });
      copyFileSync(join(REPO, f), join(project, f));
    }
    // node_modules as npm lays it out: the package, and its bin linked into .bin.
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    symlinkSync(join(REPO, "node_modules", "pulumi"), join(project, "node_modules", "pulumi"));
    symlinkSync("../pulumi/run.js", join(project, "node_modules", ".bin", "pulumi"));
    // PATH holds node and the tools the scripts use, and no pulumi.
    const bin = join(project, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    for (const tool of ["bash", "dirname", "mkdir"])
      symlinkSync(
        spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim(),
        join(bin, tool),
      );
    const home = mkdtempSync(join(tmpdir(), "msk-s3-sink-home-"));
    const env = {
      ...offline,
      PATH: bin,
      HOME: home,
      PULUMI_HOME: join(home, ".pulumi"),
      PULUMI_CONFIG_PASSPHRASE: "x",
    };
    const r = spawnSync("/bin/bash", ["scripts/pulumi.sh", "preview", "dev"], {
      cwd: project,
      env,
      encoding: "utf8",
      timeout: 20000,
    });
    const version = (
      JSON.parse(readFileSync(join(REPO, "node_modules", "pulumi", "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr.split("\n")).to.deep.equal([
      `Downloading pulumi v${version}...`,
      "pulumi: fetch failed",
      `scripts/pulumi.sh: the pulumi npm package could not download the Pulumi CLI v${version}; install the CLI (https://www.pulumi.com/docs/iac/download-install/), then run this again`,
      "",
    ]);
  });
});
