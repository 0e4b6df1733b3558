/**
 * The README's Quick start, "Add an environment", "Pin the connector zip" and "Running pulumi
 * directly", run as written under the real CLI in a fresh copy, for dev, prod and a new stack: each
 * ends exactly at the AWS provider boundary, and nothing is left in the stack's state.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  afterQuickStart,
  atBoundary,
  CLI,
  errorLines,
  QuickStart,
  readmeBlocks,
  sh,
  stackResources,
  Workspace,
} from "./cli";

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

  it("the setup block: npm ci, the passphrase, the SSH key from stdin with --secret, then a preview of dev", () => {
    expect(qs.setup[0][0]).to.equal("npm ci");
    qs.setup.slice(0, -1).forEach(([line, r]) => expect(r.code, `${line}\n${r.output}`).to.equal(0));
    const file = readFileSync(join(ws.dir, "Pulumi.dev.yaml"), "utf8");
    const config = (parse(file) as { config: Record<string, unknown> }).config;
    expect(config["msk-s3-sink:sshPrivateKey"]).to.have.property("secure").that.matches(/^v1:/);
    expect(parse(file)).to.have.property("encryptionsalt");
    expect(file).to.not.include(qs.key.split("\n")[1]);
    atBoundary(qs.setup[qs.setup.length - 1][1]);
  });

  it("Deploy: npm run up -- dev shows the preview, stops at the boundary, and the stack holds no resources", () => {
    const up = readmeCommand(quick, /^npm run up -- dev$/);
    atBoundary(sh(ws, up, { tty: true }));
    expect(stackResources(ws, "dev")).to.deep.equal([]);
  });

  it("prod, the same way and without a key: preview and up stop at the boundary, nothing in state", () => {
    atBoundary(sh(ws, "npm run preview -- prod"));
    atBoundary(sh(ws, "npm run up -- prod", { tty: true }));
    expect(stackResources(ws, "prod")).to.deep.equal([]);
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
    const pin = quick.find((b) => b.some((l) => l.includes("plugin.sha256")));
    if (!pin) throw new Error("README: no block sets plugin.sha256");
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

  it("Running pulumi directly: the exported backend and transpile-only, then select and preview", () => {
    const direct = readmeBlocks("### Running pulumi directly")[0];
    const results = direct.map((line) => sh(ws, line));
    results.slice(0, -1).forEach((r, i) => expect(r.code, `${direct[i]}\n${r.output}`).to.equal(0));
    atBoundary(results[results.length - 1]);
  });
});
