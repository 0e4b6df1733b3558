/**
 * Stand-ins for the tools CI and the docs call (aws, gh, npm, pulumi, curl, npx): each records its argv, the
 * environment variables a test asks for, the `file://` documents and the `--input -` body it got, and answers
 * from the first reply whose pattern matches `tool args…`. A reply's `json` is the service's response; with
 * `--jq FILTER` in the call it goes through the real jq, as `gh api --jq` does. Workflow steps run as GitHub
 * runs them (`bash -e`).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

export const ROOT = join(__dirname, "..", "..", "..");
export const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
/** GitHub's documented REST responses (fixtures/github.json). */
export const GITHUB = JSON.parse(fixture("github.json")) as Record<string, Record<string, unknown>>;

export type Reply = { match: RegExp; stdout?: string; json?: unknown; status?: number };
export type Call = {
  tool: string;
  args: string[];
  env: Record<string, string>;
  files: string[];
  stdin?: string;
};

const STUB = `const fs = require("fs"), dir = process.env.STUB_DIR, args = process.argv.slice(2);
const tool = require("path").basename(process.argv[1]), at = (f) => args[args.indexOf(f) + 1];
const stdin = args.includes("--input") && at("--input") === "-" ? fs.readFileSync(0, "utf8") : undefined;
const files = args.filter((a) => a.startsWith("file://")).map((a) => fs.readFileSync(a.slice(7), "utf8"));
const env = Object.fromEntries(process.env.STUB_ENV.split(",").filter(Boolean).map((k) => [k, process.env[k] || ""]));
fs.appendFileSync(dir + "/calls.jsonl", JSON.stringify({ tool, args, env, files, stdin }) + "\\n");
const r = JSON.parse(fs.readFileSync(dir + "/replies.json", "utf8")).find((x) => new RegExp(x.match).test([tool, ...args].join(" "))) || {};
const json = JSON.stringify(r.json), jq = () => require("child_process").execFileSync("jq", ["-r", at("--jq")], { input: json, encoding: "utf8" });
process.stdout.write(r.json === undefined ? r.stdout || "" : args.includes("--jq") ? jq() : json);
process.exit(r.status || 0);`;

/** A temp dir with the stand-ins in `bin/`; `env(...)` puts them first on PATH. */
export function stubs(tools: string[], replies: Reply[] = [], envKeys: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "msk-s3-sink-ci-"));
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "calls.jsonl"), "");
  writeFileSync(
    join(dir, "replies.json"),
    JSON.stringify(replies.map((r) => ({ ...r, match: r.match.source }))),
  );
  for (const tool of tools) {
    writeFileSync(join(dir, "bin", tool), `#!${process.execPath}\n${STUB}`);
    chmodSync(join(dir, "bin", tool), 0o755);
  }
  const calls = () =>
    readFileSync(join(dir, "calls.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Call);
  const env = (extra: Record<string, string> = {}) => ({
    ...{ PATH: `${join(dir, "bin")}:${process.env.PATH}`, HOME: process.env.HOME },
    ...{ STUB_DIR: dir, STUB_ENV: envKeys.join(","), ...extra },
  });
  return { dir, env, calls, log: () => calls().map((c) => [c.tool, ...c.args].join(" ")) };
}

/** Runs `script` as a workflow's `run:` (`bash -e`). Stdin is /dev/null: on a socket, bash reads ~/.bashrc. */
export function bash(script: string, env: NodeJS.ProcessEnv, cwd = ROOT) {
  const r = spawnSync("bash", ["-e", "-c", script], {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

export type Step = {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
};
export type Job = Record<string, unknown> & {
  steps: Step[];
  strategy?: { matrix: { stack: string | string[] } };
};

/** Steps with `uses` as `owner/action`: what the tests read stays the same when Dependabot bumps an action's ref. */
const unversioned = (steps: Step[] = []) =>
  steps.map((s) => (s.uses ? { ...s, uses: s.uses.replace(/@.*/, "") } : s));
const load = (root: string, ...path: string[]): unknown =>
  parse(readFileSync(join(root, ".github", ...path), "utf8"));

/** A committed workflow's jobs. */
export function jobs(file: string, root = ROOT): Record<string, Job> {
  const all = (load(root, "workflows", file) as { jobs: Record<string, Job> }).jobs;
  return Object.fromEntries(
    Object.entries(all).map(([id, j]) => [id, { ...j, steps: unversioned(j.steps) }]),
  );
}

/** The steps of .github/actions/setup. */
export const setupSteps = (root = ROOT) =>
  unversioned((load(root, "actions", "setup", "action.yml") as { runs: Job }).runs.steps);

/** The `run:` text of a named step. */
export const run = (file: string, job: string, step: string) =>
  jobs(file)[job].steps.find((s) => s.name === step)!.run!;
