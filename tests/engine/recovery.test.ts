/**
 * The commands the README gives inline in prose — the Quick start's other commands, What happens on
 * failure, Troubleshooting and the Configuration reference's nested-key form — taken from the README's
 * text with `<stack>` filled in, run under the real CLI after the Quick start. Nothing is deployed,
 * so each either succeeds on the empty stack (answering its prompt as a user would) or runs the
 * program to the AWS provider boundary.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { one, userStackFile } from "../support/stack";
import { runStackFile } from "../support/stackChecks";
import {
  afterQuickStart,
  Answer,
  atBoundary,
  AWS_BOUNDARY,
  CLI,
  errorLines,
  QuickStart,
  readmeBlocks,
  readmeInline,
  readmeSection,
  Result,
  sh,
  stackResources,
} from "./cli";

const NS = "msk-s3-sink";
const PLUGIN = "aws:mskconnect/customPlugin:CustomPlugin";
const CONNECTOR = "aws:mskconnect/connector:Connector";
const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
const COMPONENT: Record<string, [string, string]> = {
  [PLUGIN]: ["CustomPlugin", "plugin"],
  [CONNECTOR]: ["S3SinkConnector", "connector"],
  [OBJECT]: ["PluginObject", "plugin-object"],
};
/** A user answers `yes` to the CLI's select prompt (type to filter, then Enter). */
const yes = (action: string): Answer => ({
  prompt: `Do you want to perform this ${action}?`,
  keys: ["yes", "\r"],
});
/**
 * `state unprotect` asks "Confirm? (y/N)" with a prompt that first asks the terminal for its size and
 * the cursor's place (ESC[6n, twice); `script` has no terminal to answer, so the test answers as one
 * would (24×80, row 10), then types y and Enter.
 */
const CONFIRM: Answer = { prompt: "Confirm? (y/N)", keys: ["\x1b[24;80R", "\x1b[10;1R", "y", "\r"] };

/** The command succeeded, without an error line, and said each of `lines`. */
function succeeded(r: Result, lines: string[]): void {
  expect(r.code, r.output).to.equal(0);
  expect(errorLines(r.output), r.output).to.deep.equal([]);
  for (const line of lines) expect(r.output, r.output).to.include(line);
}

const deleted = (stack: string) => [
  `Previewing destroy (${stack}):`,
  `Destroying (${stack}):`,
  "The resources in the stack have been deleted, but the history and configuration associated with the stack are still maintained.",
  `If you want to remove the stack completely, run \`pulumi stack rm ${stack}\`.`,
];
const refreshed = (stack: string) => [
  `Previewing refresh (${stack}):`,
  "No resources will be modified as part of this refresh; just your stack's state will be.",
  `Refreshing (${stack}):`,
];

describe("Commands the README gives inline (recovery, data safety, troubleshooting) under the real Pulumi CLI", function () {
  let qs: QuickStart;
  const devFile = () => join(qs.ws.dir, "Pulumi.dev.yaml");
  const devConfig = () =>
    (parse(readFileSync(devFile(), "utf8")) as { config: Record<string, unknown> }).config;

  before(function () {
    if (!CLI) this.skip();
    qs = afterQuickStart();
  });

  it("Next steps: npm run refresh -- dev, answered yes, succeeds on the empty stack", () => {
    const refresh = readmeInline("## Next steps", /^npm run refresh -- dev$/);
    succeeded(sh(qs.ws, refresh, { answer: yes("refresh") }), refreshed("dev"));
    expect(stackResources(qs.ws, "dev")).to.deep.equal([]);
  });

  it("Partial up: npm run up -- <stack> again, for dev, shows the preview and stops at the boundary", () => {
    const again = readmeInline("## What happens on failure", /^npm run up -- <stack>$/, { stack: "dev" });
    atBoundary(sh(qs.ws, again, { tty: true }));
    expect(stackResources(qs.ws, "dev")).to.deep.equal([]);
  });

  it("State out of date and the URNs: refresh, then stack --show-urns lists none before a deployment", () => {
    const fill = { stack: "dev" };
    const refresh = readmeInline("## What happens on failure", /^npm run refresh -- <stack>$/, fill);
    succeeded(sh(qs.ws, refresh, { answer: yes("refresh") }), refreshed("dev"));
    const urns = readmeInline("## What happens on failure", /--show-urns/, fill);
    expect(urns).to.equal("npm run pulumi -- stack --show-urns --stack dev");
    succeeded(sh(qs.ws, urns), [
      "Current stack is dev:",
      "Current stack resources (0):\n    No resources currently in this stack\n",
    ]);
  });

  /** The URN the program gives a resource of `type` in dev, as the CLI's errors and `--show-urns` name it. */
  async function urnOf(type: string): Promise<string> {
    const { run } = await runStackFile("dev", userStackFile("dev", qs.ws.dir));
    if (run.error) throw run.error;
    const urn = one(run.resources, type).urn;
    const [component, name] = COMPONENT[type];
    expect(urn).to.equal(`urn:pulumi:dev::${NS}::${NS}:index:${component}$${type}::${qs.id}-${name}`);
    return urn;
  }

  /** up --replace with a URN the docs give, as the program names it, on the empty stack: refused before the program runs. */
  async function replaceRefused(
    type: string,
    placeholder: string,
    heading = "## What happens on failure",
  ): Promise<void> {
    const urn = await urnOf(type);
    const replace = readmeInline(heading, new RegExp(`--replace '<${placeholder}>'$`), {
      stack: "dev",
      [placeholder]: urn,
    });
    const r = sh(qs.ws, replace, { tty: true });
    // Nothing deployed, so the resource is not in state: the CLI checks --replace targets first.
    const notFound = `error: Target '${urn}' could not be found in the stack.`;
    expect(r.code, r.output).to.equal(1);
    expect(errorLines(r.output), r.output).to.deep.equal([notFound]);
    expect(r.output).to.include(`pulumi:pulumi:Stack msk-s3-sink-dev  ${notFound}\n`);
    expect(r.output).to.include("Previewing update (dev):").and.not.include(AWS_BOUNDARY);
    expect(stackResources(qs.ws, "dev")).to.deep.equal([]);
  }

  it("Plugin CREATE_FAILED: up --replace with the plugin's URN, as the program names it, is refused before the program runs: no such target in the stack", () =>
    replaceRefused(PLUGIN, "plugin URN"));

  it("Connector FAILED: up --replace with the connector's URN, as the program names it, is refused before the program runs: no such target in the stack", () =>
    replaceRefused(CONNECTOR, "connector URN"));

  it("Plugin pinning (How the program behaves): up --replace with the zip object's URN is refused the same way", () =>
    replaceRefused(OBJECT, "object URN", "## How the program behaves, and why"));

  it("Re-reading a topic: destroy --target with the connector's URN, on the empty stack, names the missing target", async () => {
    const urn = await urnOf(CONNECTOR);
    const destroy = readmeInline("## What happens on failure", /--target '<connector URN>'$/, {
      stack: "dev",
      "connector URN": urn,
    });
    const r = sh(qs.ws, destroy, { tty: true });
    // Nothing deployed: the CLI checks --target before it asks to confirm.
    expect([r.code, errorLines(r.output)], r.output).to.deep.equal([
      1,
      [`error: no resource named '${urn}' found`],
    ]);
    expect(stackResources(qs.ws, "dev")).to.deep.equal([]);
  });

  it("Data safety on prod: destroy, destroy --exclude-protected and state unprotect --all, each confirmed, succeed with nothing in state", () => {
    const fill = { stack: "prod" };
    const destroy = readmeInline("## What happens on failure", /^npm run destroy -- <stack>$/, fill);
    succeeded(sh(qs.ws, destroy, { answer: yes("destroy") }), deleted("prod"));
    const keep = readmeInline("## What happens on failure", /--exclude-protected$/, fill);
    succeeded(sh(qs.ws, keep, { answer: yes("destroy") }), [
      "There were no unprotected resources to destroy. There are still 0 protected resources associated with this stack.",
      ...deleted("prod"),
    ]);
    const unprotect = readmeInline("## What happens on failure", /state unprotect --all/, fill);
    expect(unprotect).to.equal("npm run pulumi -- state unprotect --all --stack prod");
    succeeded(sh(qs.ws, unprotect, { answer: CONFIRM }), [
      "warning: This command will edit your stack's state directly. Confirm? (y/N)",
      "All resources unprotected\n",
    ]);
    expect(stackResources(qs.ws, "prod")).to.deep.equal([]);
  });

  describe("config set as the README gives it, then a preview of dev", () => {
    let saved: string;
    beforeEach(() => (saved = readFileSync(devFile(), "utf8")));
    afterEach(() => writeFileSync(devFile(), saved));

    it("Troubleshooting: connector.followClusterChanges true (the command Day 2's warning gives) is set, and the preview stops at the boundary", () => {
      const follow = readmeInline(
        "## Troubleshooting",
        /^npm run pulumi -- config set --path connector\.followClusterChanges true/,
        {
          stack: "dev",
        },
      );
      const unfilled = readmeInline("## Troubleshooting", /connector\.followClusterChanges true/, {
        stack: "<stack>",
      });
      expect(readmeSection("## Day 2: changing a running stack")).to.include(`To apply it: ${unfilled}\``);
      succeeded(sh(qs.ws, follow), []);
      expect(devConfig()[`${NS}:connector`]).to.deep.include({ followClusterChanges: true });
      atBoundary(sh(qs.ws, "npm run preview -- dev"));
    });

    it("Configuration reference: the scalar form <key> <value>, deliveryPreset balanced, is set, and the preview stops at the boundary", () => {
      const scalar = readmeInline("## Configuration reference", /config set <key> <value>/, {
        key: "deliveryPreset",
        value: "balanced",
        stack: "dev",
      });
      expect(scalar).to.equal("npm run pulumi -- config set deliveryPreset balanced --stack dev");
      succeeded(sh(qs.ws, scalar), []);
      expect(devConfig()[`${NS}:deliveryPreset`]).to.equal("balanced");
      atBoundary(sh(qs.ws, "npm run preview -- dev"));
    });

    it("Configuration reference: the nested-key form --path 'topics.partitions' 3 sets a number, and the preview stops at the boundary", () => {
      const nested = readmeInline(
        "## Configuration reference",
        /^npm run pulumi -- config set --path 'topics\.partitions'/,
        {
          stack: "dev",
        },
      );
      expect(nested).to.equal("npm run pulumi -- config set --path 'topics.partitions' 3 --stack dev");
      succeeded(sh(qs.ws, nested), []);
      expect(devConfig()[`${NS}:topics`]).to.deep.include({ partitions: 3 });
      atBoundary(sh(qs.ws, "npm run preview -- dev"));
    });

    it("Configuration reference: a value starting with '-' after --, retention.ms -1, is set as a string, and the preview stops at the boundary", () => {
      const negative = readmeInline("## Configuration reference", /-- -1$/, { stack: "dev" });
      expect(negative).to.equal(
        `npm run pulumi -- config set --path 'topics.configs["retention.ms"]' --type string --stack dev -- -1`,
      );
      const without = sh(qs.ws, negative.replace(" -- -1", " -1"));
      expect(errorLines(without.output)).to.deep.equal(["error: unknown shorthand flag: '1' in -1"]);
      succeeded(sh(qs.ws, negative), []);
      expect(devConfig()[`${NS}:topics`]).to.deep.equal({ configs: { "retention.ms": "-1" } });
      atBoundary(sh(qs.ws, "npm run preview -- dev"));
    });
  });
});

// Last: it removes the dev stack from the backend.
describe("Clean up under the real Pulumi CLI, as the README gives it", function () {
  let qs: QuickStart;

  before(function () {
    if (!CLI) this.skip();
    qs = afterQuickStart();
  });

  it("destroy answered yes succeeds on the empty stack; stack rm --preserve-config removes the stack and keeps Pulumi.dev.yaml", () => {
    const [destroy, remove] = readmeBlocks("## Clean up")[0];
    expect([destroy, remove]).to.deep.equal([
      "npm run destroy -- dev",
      "npm run pulumi -- stack rm dev --preserve-config",
    ]);
    const file = readFileSync(join(qs.ws.dir, "Pulumi.dev.yaml"), "utf8");
    succeeded(sh(qs.ws, destroy, { answer: yes("destroy") }), deleted("dev"));
    // At start the CLI probes the terminal (ESC]11;? then ESC[6n) and reads the answer for up to 5 s
    // (termenv's OSCTimeout); typed once that probe has given up, the name reaches the prompt.
    const typed: Answer = {
      prompt: "Please confirm that this is what you'd like to do by typing",
      keys: [...Array<string>(12).fill(""), "dev", "\r"],
    };
    succeeded(sh(qs.ws, remove, { answer: typed }), ["Stack 'dev' has been removed!"]);
    expect(sh(qs.ws, "npm run --silent pulumi -- stack ls").output).to.not.match(/^dev\b/m);
    expect(readFileSync(join(qs.ws.dir, "Pulumi.dev.yaml"), "utf8")).to.equal(file);
  });
});
