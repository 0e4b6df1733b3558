/**
 * The README's Quick start, "Add an environment", "Pin the connector zip" and "Running pulumi
 * directly", run as written under the real CLI in a fresh copy, for dev, prod and a new stack: each
 * ends exactly at the AWS provider boundary, and nothing is left in the stack's state.
 */
import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  afterQuickStart,
  atBoundary,
  AWS_BOUNDARY,
  CLI,
  errorLines,
  QuickStart,
  readmeBlocks,
  readmeInline,
  readmeSection,
  sh,
  stackResources,
  Workspace,
} from "./cli";

const NS = "msk-s3-sink";
const stackFile = (ws: Workspace, stack: string) =>
  parse(readFileSync(join(ws.dir, `Pulumi.${stack}.yaml`), "utf8")) as Record<string, unknown> & {
    config: Record<string, unknown>;
  };

/**
 * A README output block as a pattern: each line literal, `…` within a line standing for any text, a
 * line of `…` alone for any lines.
 */
function outputPattern(block: string): RegExp {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = block
    .trimEnd()
    .split("\n")
    .map((l) => (l === "…" ? "(?:.*\n)*?" : `${l.split("…").map(escape).join(".*")}\n`));
  return new RegExp(lines.join(""));
}

/** A command is one of the README's own, never a variant written here. */
function readmeCommand(blocks: string[][], pattern: RegExp): string {
  const found = blocks.flat().filter((c) => pattern.test(c));
  if (found.length !== 1)
    throw new Error(`README: expected one command matching ${pattern}, found ${found.length}`);
  return found[0];
}

describe("Quick start under the real Pulumi CLI, as the README gives it", function () {
  let ws: Workspace;
  let qs: QuickStart;
  const quick = readmeBlocks("## Quick start");

  before(function () {
    if (!CLI) this.skip();
    qs = afterQuickStart();
    ws = qs.ws;
  });

  it("the setup block: npm ci, the passphrase, the user id, client and SSH key from the shell, then a preview of dev", () => {
    expect(qs.setup[0][0]).to.equal("npm ci");
    qs.setup.slice(0, -1).forEach(([line, r]) => expect(r.code, `${line}\n${r.output}`).to.equal(0));
    const file = stackFile(ws, "dev");
    expect(file.config[`${NS}:userId`]).to.equal(qs.id);
    expect(file.config[`${NS}:client`]).to.deep.include({ host: qs.host });
    expect(file.config[`${NS}:sshPrivateKey`]).to.have.property("secure").that.matches(/^v1:/);
    expect(file).to.have.property("encryptionsalt");
    expect(readFileSync(join(ws.dir, "Pulumi.dev.yaml"), "utf8")).to.not.include(qs.key.split("\n")[1]);
    atBoundary(qs.setup[qs.setup.length - 1][1]);
  });

  it("the setup block pasted before its shell variables are set: each such line stops, naming the variable, and changes nothing", () => {
    const lines = quick[0].filter((l) => l.includes(":?"));
    expect(lines.map((l) => /\$\{(\w+):\?/.exec(l)?.[1])).to.deep.equal([
      "USER_ID",
      "CLIENT_HOST",
      "SSH_KEY_FILE",
    ]);
    const before = readFileSync(join(ws.dir, "Pulumi.dev.yaml"), "utf8");
    const unset = {
      ...ws,
      env: { ...ws.env, USER_ID: undefined, CLIENT_HOST: undefined, SSH_KEY_FILE: undefined },
    };
    for (const line of lines) {
      const r = sh(unset, line);
      const variable = /\$\{(\w+):\?([^}]*)\}/.exec(line) ?? [];
      expect(r.code, line).to.not.equal(0);
      expect(r.output.trim(), line).to.match(new RegExp(`^bash: line \\d+: ${variable[1]}: ${variable[2]}$`));
    }
    expect(readFileSync(join(ws.dir, "Pulumi.dev.yaml"), "utf8")).to.equal(before);
  });

  it("A preview without AWS: offline with plugin downloads on, dev ends as the README shows, nothing in state", () => {
    const section = readmeSection("### A preview without AWS");
    const shown = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    // No network: every request goes to a proxy on a closed port; the plugin downloads are on (the default).
    const offline = {
      ...ws,
      env: {
        ...ws.env,
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
        HTTPS_PROXY: "http://127.0.0.1:9",
        NO_PROXY: "",
      },
    };
    // One stream, as a terminal shows it: the CLI writes the warnings to stderr, the rest to stdout. The README
    // leaves out what a CLI that runs the policy pack prints after the count: every local pack goes into the
    // summary event (pulumi pkg/engine/deployment.go) and --diff lists them (pkg/backend/display/diff.go,
    // renderPolicyPacks); this tier runs without the pack (cli.ts).
    const r = sh(offline, "npm run preview -- dev 2>&1");
    expect(r.code, r.output).to.not.equal(0);
    expect(r.output).to.match(outputPattern(shown));
    expect(readmeInline("### A preview without AWS", /^error: no resource plugin/)).to.equal(AWS_BOUNDARY);
    expect(stackResources(ws, "dev")).to.deep.equal([]);
  });

  it("Deploy: npm run up -- dev shows the preview, stops at the boundary, and the stack holds no resources", () => {
    const up = readmeCommand(quick, /^npm run up -- dev$/);
    atBoundary(sh(ws, up, { tty: true }));
    expect(stackResources(ws, "dev")).to.deep.equal([]);
  });

  it("prod, the same way and without a key: preview and up stop at the boundary, nothing in state; its first command adds encryptionsalt only", () => {
    const committed = stackFile(ws, "prod");
    expect(committed).to.not.have.property("encryptionsalt");
    atBoundary(sh(ws, readmeInline("## Stacks and environments", /^npm run preview -- prod$/)));
    const { encryptionsalt, ...rest } = stackFile(ws, "prod");
    expect(encryptionsalt).to.match(/^v1:/);
    expect(rest).to.deep.equal(committed);
    atBoundary(sh(ws, "npm run up -- prod", { tty: true }));
    expect(stackResources(ws, "prod")).to.deep.equal([]);
  });

  it("another passphrase than the salt's fails as Configuration says", () => {
    const said = readmeInline("## Stacks and environments", /incorrect passphrase$/);
    const r = sh(ws, "PULUMI_CONFIG_PASSPHRASE='another one' npm run preview -- prod");
    expect(r.code).to.not.equal(0);
    expect(errorLines(r.output), r.output).to.deep.equal([said]);
  });

  it("Add an environment: the recipe makes staging, whose preview stops at the boundary", () => {
    const recipe = readmeBlocks("## Stacks and environments")[0];
    const results = recipe.map((line) => sh(ws, line));
    results.slice(0, -1).forEach((r, i) => expect(r.code, `${recipe[i]}\n${r.output}`).to.equal(0));
    atBoundary(results[results.length - 1]);
    const staging = (
      parse(readFileSync(join(ws.dir, "Pulumi.staging.yaml"), "utf8")) as {
        config: Record<string, unknown>;
      }
    ).config;
    expect(staging).to.not.have.property("msk-s3-sink:environment");
    for (const line of recipe.filter((l) => l.includes("config set"))) {
      const [, path, value] = /config set (?:--path )?(\S+) (\S+) --stack staging/.exec(line) ?? [];
      const [top, ...nested] = path.split(".");
      const key = top.includes(":") ? top : `msk-s3-sink:${top}`;
      const actual = nested.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], staging[key]);
      expect(actual, line).to.equal(value);
    }
  });

  it("Pin the connector zip: digest and local source set as written; a matching file reaches the boundary, a changed one is refused", () => {
    const [pin] = readmeBlocks("## Pin the connector zip");
    const zip = join(ws.dir, "confluentinc-kafka-connect-s3-10.0.3.zip");
    writeFileSync(zip, "a vetted connector zip");
    for (const line of pin) expect(sh(ws, line).code, line).to.equal(0);
    atBoundary(sh(ws, "npm run preview -- prod"));
    writeFileSync(zip, "a different zip");
    const refused = sh(ws, "npm run preview -- prod");
    expect(refused.code).to.not.equal(0);
    expect(errorLines(refused.output)).to.deep.equal(["error: Invalid msk-s3-sink configuration:"]);
    expect(refused.output).to.match(
      /- msk-s3-sink:plugin\.sha256 = "[0-9a-f]{64}": does not match confluentinc-kafka-connect-s3-10\.0\.3\.zip, whose SHA-256 is [0-9a-f]{64}/,
    );
  });

  it("Running pulumi directly, from a subfolder: the scripts' backend and transpile-only, then select and preview", () => {
    const direct = readmeBlocks("## Running pulumi directly")[0];
    const results = direct.map((line) => sh(ws, line, { cwd: "components" }));
    results.slice(0, -1).forEach((r, i) => expect(r.code, `${direct[i]}\n${r.output}`).to.equal(0));
    atBoundary(results[results.length - 1]);
    expect(existsSync(join(ws.dir, "components", ".pulumi-state"))).to.equal(false);
  });

  it("Running pulumi directly: the scripts take the stack as pulumi does, --stack dev as well as dev", () => {
    for (const form of [/^npm run preview -- --stack <stack>$/, /^npm run preview -- <stack>$/])
      atBoundary(sh(ws, readmeInline("## Running pulumi directly", form, { stack: "dev" })));
  });
});
