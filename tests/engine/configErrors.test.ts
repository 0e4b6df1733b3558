/**
 * Bad settings as a user meets them under the real CLI: set with the README's `npm run pulumi --
 * config set …` on a stack file written from the tests' own worlds (so the cases hold whatever the
 * committed stack files say), then `npm run preview`. Each must end in one clean message naming the
 * key, the value and what is allowed — no stack trace, nothing in state.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { COMPANY, WALKTHROUGH } from "../support/worlds";
import {
  CLI,
  errorLines,
  freshCopy,
  readmeInline,
  Result,
  sh,
  stackResources,
  Workspace,
  workspace,
} from "./cli";

const NS = "msk-s3-sink";
const PASSPHRASE = "export PULUMI_CONFIG_PASSPHRASE='engine tier'";
const config = (args: string) => `npm run pulumi -- config set ${args}`;
const WORLDS = { company: COMPANY, walkthrough: WALKTHROUGH };
const companyBucket = JSON.parse(COMPANY[`${NS}:bucket`]) as object;

/** A stack file as a user writes it: structured settings as YAML maps, not JSON strings. */
function writeStackFile(dir: string, stack: string, world: Record<string, string>): void {
  const config = Object.fromEntries(
    Object.entries(world).map(([k, v]) => [k, /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v]),
  );
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
}

/** [case, world the stack file starts from, commands that make it bad, the one problem line expected] */
const CASES: [string, keyof typeof WORLDS, string[], string][] = [
  [
    "unknown key",
    "company",
    [config("--path bukket.create.name x")],
    `${NS}:bukket = {"create":{"name":"x"}}: is not a known setting; did you mean bucket? (see docs/configuration.md)`,
  ],
  [
    "nested typo",
    "company",
    [config("--path topics.partitons 6")],
    `${NS}:topics.partitons = 6: is not a known setting; did you mean topics.partitions? (see docs/configuration.md)`,
  ],
  [
    "nested key set without --path",
    "company",
    [config("topics.partitions 6")],
    `${NS}:topics.partitions = "6": is not a known setting; it is a nested setting: npm run pulumi -- config rm 'topics.partitions' --stack STACK, then npm run pulumi -- config set --path 'topics.partitions' <value> --stack STACK (see docs/configuration.md)`,
  ],
  [
    "wrong type",
    "company",
    [config("--path topics.partitions three")],
    `${NS}:topics.partitions = "three": must be a whole number from 1 to 10000`,
  ],
  [
    "bad topic name",
    "company",
    [config("--path 'topics.names[0]' 'orders pins'")],
    `${NS}:topics.names[0] = "orders pins": a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'`,
  ],
  [
    "bad bucket name",
    "company",
    [config("--path bucket.create.name Orders_Sink")],
    `${NS}:bucket.create.name: "Orders_Sink" breaks S3 naming: a bucket name uses only a-z, 0-9, '.' and '-', and starts and ends with a letter or digit`,
  ],
  [
    "wrong broker port",
    "company",
    [config("--path cluster.bootstrapServers b-1.orders.example.com:9092")],
    `${NS}:cluster.bootstrapServers = "b-1.orders.example.com:9092": every broker must be host:9098 with iam authentication over TLS (not b-1.orders.example.com:9092)`,
  ],
  [
    "unknown preset",
    "company",
    [config("deliveryPreset fast")],
    `${NS}:deliveryPreset = "fast": must be one of walkthrough, balanced, bulk`,
  ],
  [
    "adopt and create together",
    "company",
    [config("--path bucket.adopt orders-existing-bucket")],
    `${NS}:bucket = ${JSON.stringify({ adopt: "orders-existing-bucket", ...companyBucket })}: set either adopt or create, not both`,
  ],
  [
    "http plugin URL",
    "company",
    [config("--path plugin.source http://example.com/confluentinc-kafka-connect-s3-10.0.3.zip")],
    `${NS}:plugin.source = "http://example.com/confluentinc-kafka-connect-s3-10.0.3.zip": a URL must use https:// (or give a local file path)`,
  ],
  [
    "bad userId",
    "company",
    [config("userId Orders_1")],
    `${NS}:userId = "Orders_1": must be 1 to 40 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
  ],
  [
    "mistyped region",
    "company",
    [config("aws:region us-east1")],
    // The README's own example of a refusal, word for word.
    readmeInline("## Settings you must set", /^aws:region = "us-east1"/),
  ],
  [
    "alarms nobody receives",
    "company",
    ["npm run pulumi -- config rm --path alarms.email"],
    `${NS}:alarms.email: is required outside dev: the created SNS topic would have no subscriber; set alarms.email, or adopt a topic that has subscribers with alarms.snsTopic.adopt`,
  ],
  [
    "SSH key without --secret",
    "walkthrough",
    [`${config("sshPrivateKey")} < key.pem`],
    `${NS}:sshPrivateKey: is stored in clear text in Pulumi.STACK.yaml; remove it and set it encrypted: npm run pulumi -- config rm sshPrivateKey --stack STACK && npm run pulumi -- config set --secret sshPrivateKey --stack STACK < key.pem (if the clear text was ever committed or pushed, replace the key pair)`,
  ],
];

/** What a bad-config preview printed and how long it took (for the table the suite prints). */
const seen: [string, string, number][] = [];

function refused(r: Result, expected: string): void {
  expect(r.code, r.output).to.not.equal(0);
  expect(errorLines(r.output), r.output).to.deep.equal([`error: Invalid ${NS} configuration:`]);
  const problems = r.output.split("\n").filter((l) => l.trim().startsWith("- "));
  expect(problems.map((l) => l.trim().slice(2))).to.deep.equal([expected]);
  expect(r.output).to.not.match(/unhandled exception|ConfigError|^\s+at .+:\d+:\d+\)?$|problems: \[/m);
}

describe("config errors under the real Pulumi CLI", function () {
  let ws: Workspace;

  before(function () {
    if (!CLI) this.skip();
    ws = workspace(freshCopy());
    expect(sh(ws, "npm ci", { timeoutSeconds: 600 }).code).to.equal(0);
    sh(ws, PASSPHRASE);
    sh(ws, "ssh-keygen -q -t ed25519 -N '' -f key.pem");
  });

  after(() => {
    if (seen.length === 0) return;
    console.log("\n    bad setting → message (preview seconds):");
    for (const [what, line, s] of seen)
      console.log(`      ${what.padEnd(30)} ${s.toFixed(1).padStart(5)} s  ${line}`);
  });

  CASES.forEach(([what, from, commands, expected], i) => {
    it(`${what}: one message naming the key, the value and what is allowed`, () => {
      const stack = `bad-${i + 1}`;
      writeStackFile(ws.dir, stack, WORLDS[from]);
      for (const c of commands) expect(sh(ws, `${c} --stack ${stack}`).code, c).to.equal(0);
      const r = sh(ws, `npm run preview -- ${stack}`);
      const line = expected.replace(/STACK/g, stack);
      refused(r, line);
      seen.push([what, line, r.seconds]);
    });
  });

  it("up with a bad setting stops before anything exists: the stack holds no resources", () => {
    const r = sh(ws, "npm run up -- bad-1", { tty: true });
    refused(r, CASES[0][3]);
    expect(stackResources(ws, "bad-1")).to.deep.equal([]);
  });

  it("the CLI itself refuses a stack without a key Pulumi.yaml declares without a default (userId)", () => {
    writeStackFile(ws.dir, "no-id", COMPANY);
    expect(sh(ws, "npm run pulumi -- config rm userId --stack no-id").code).to.equal(0);
    const r = sh(ws, "npm run preview -- no-id");
    expect(r.code).to.not.equal(0);
    expect(r.output).to.include("Stack 'no-id' is missing configuration value 'userId'");
    expect(readFileSync(join(ws.dir, "Pulumi.no-id.yaml"), "utf8")).to.not.include("userId");
  });
});
