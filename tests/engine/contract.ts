/**
 * The docs' contract, the last step of `npm test`: every command README.md and docs/*.md give
 * (readme.ts docCommands) ran as written in this run, handed out by readme.ts to a test of the unit,
 * integration or engine tier (.it/docs-ran/<tier>), or is one CI itself runs as written: a line of .ci/run
 * or a step of `npm test`. Those that only run against stand-ins are listed in standIns.ts, with the reason.
 *
 *   npx ts-node -T tests/engine/contract.ts          # after the tiers, as `npm test` runs it
 *   npx ts-node -T tests/engine/contract.ts --list   # also every command and what ran it
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { docCommands, RAN_DIR } from "./readme";
import { STAND_INS } from "./standIns";

const ROOT = join(__dirname, "..", "..");
const read = (...path: string[]) => readFileSync(join(ROOT, ...path), "utf8");
const script = (JSON.parse(read("package.json")) as { scripts: { test: string } }).scripts.test;
const ci = [
  ...read(".ci", "run").split("\n"),
  ...script.split("&&").map((s) => s.replace(/^ *(\w+=\S* )*/, "")),
];

const ran = new Map<string, Set<string>>();
const tiers = existsSync(RAN_DIR) ? readdirSync(RAN_DIR) : [];
for (const tier of tiers.filter((t) => !t.endsWith(".skipped")))
  for (const line of read(".it", "docs-ran", tier).split("\n").filter(Boolean)) {
    const command = JSON.parse(line) as string;
    ran.set(command, (ran.get(command) ?? new Set()).add(tier));
  }
for (const line of ci) ran.set(line.trim(), (ran.get(line.trim()) ?? new Set()).add("ci"));

const docs = docCommands();
const standIn = (c: (typeof docs)[number]) =>
  STAND_INS.find((s) => s.heading === c.heading || s.command?.test(c.command));
const missing = docs.filter((c) => !ran.has(c.command));
const stale = STAND_INS.filter((s) => !docs.some((c) => standIn(c) === s));
const distinct = new Set(docs.map((c) => c.command));
const by = (tier: string) => [...distinct].filter((c) => ran.get(c)?.has(tier)).length;
const standIns = new Set(docs.filter(standIn).map((c) => c.command));

if (process.argv.includes("--list"))
  for (const c of docs)
    console.log(
      `${c.file}: ${c.heading}: ${c.command}  [${[...(ran.get(c.command) ?? ["NOT RUN"])].join(", ")}]`,
    );
console.log(
  `docs contract: ${distinct.size} commands in README.md and docs/*.md; ran by unit ${by("unit")}, integration ` +
    `${by("integration")}, engine ${by("engine")}, ci ${by("ci")}; ${standIns.size} against stand-ins (standIns.ts)`,
);
for (const c of missing)
  console.error(`not run as written by any test: ${c.file}: ${c.heading}: ${c.command}`);
for (const s of stale)
  console.error(`standIns.ts: ${s.heading ?? String(s.command)} matches no command in the docs`);
const skipped = tiers
  .filter((t) => t.endsWith(".skipped"))
  .map((t) => `${t}: ${read(".it", "docs-ran", t).trim()}`);
if (missing.length > 0 && skipped.length > 0)
  console.error(`docs contract NOT PROVEN in this run: a tier was skipped (${skipped.join("; ")})`);
if (stale.length > 0 || (missing.length > 0 && skipped.length === 0)) process.exit(1);
