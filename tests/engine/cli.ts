/**
 * Runs commands as a user would, under the real Pulumi CLI (it/engine.sh finds or builds it), in a
 * fresh copy of the repository: the tracked and new files of this checkout, no node_modules, no
 * state, a HOME and PULUMI_HOME of its own, and no provider plugins (their download is disabled),
 * so a valid stack ends at the AWS provider boundary.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { WALKTHROUGH } from "../support/worlds";
import { readmeBlocks } from "./readme";

export { readmeBlocks, readmeInline, readmeSection } from "./readme";

export const REPO = join(__dirname, "..", "..");
export const CLI = process.env.MSK_S3_SINK_ENGINE_CLI ?? "";

const AWS_VERSION = (
  JSON.parse(readFileSync(join(REPO, "node_modules", "@pulumi", "aws", "package.json"), "utf8")) as {
    version: string;
  }
).version;

/** Where the program stops without the AWS provider plugin: its first AWS lookup. */
export const AWS_BOUNDARY = `error: no resource plugin 'pulumi-resource-aws' found in the workspace at version v${AWS_VERSION} or on your $PATH`;

export interface Workspace {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** `export …` lines run so far: later commands run after them, as in one terminal. */
  exports: string[];
}

export interface Result {
  code: number;
  output: string;
  seconds: number;
}

/** The files a fresh clone of this checkout would have (tracked, plus new files not ignored). */
export function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "msk-s3-sink-engine-"));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO,
    encoding: "utf8",
  });
  for (const file of listed.stdout.split("\0").filter((f) => f !== "")) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      copyFileSync(join(REPO, file), join(dir, file));
    } catch {
      // Deleted in the work tree but not yet in the index: a clone of the change would not have it.
    }
  }
  return dir;
}

/** A user's shell in `dir`: the CLI on PATH, nothing inherited that points at another backend or plugins. */
export function workspace(dir: string, cli = CLI): Workspace {
  const home = mkdtempSync(join(tmpdir(), "msk-s3-sink-home-"));
  const env: NodeJS.ProcessEnv = {
    PATH: `${dirname(cli)}:${process.env.PATH ?? ""}`,
    HOME: home,
    SHELL: "/bin/bash",
    TERM: "xterm",
    LANG: "C.UTF-8",
    PULUMI_HOME: join(home, ".pulumi"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // This language host cannot start policy packs ("could not read plugin [policy]: not supported");
    // the pack is tested under its own runner in tests/integration/.
    MSK_S3_SINK_POLICY_PACK: "",
    npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? home, ".npm"),
    // The machine's certificate settings, as a user's shell has them: npm ci fetches what the cache lacks.
    ...Object.fromEntries(
      ["NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR"].flatMap((k) =>
        process.env[k] ? [[k, process.env[k]]] : [],
      ),
    ),
  };
  return { dir, home, env, exports: [] };
}

const [ESC, BEL] = [String.fromCharCode(27), String.fromCharCode(7)];
/** Terminal control sequences (colours, cursor moves, titles) that a terminal run interleaves with text. */
const ANSI = new RegExp(
  `${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[=>]`,
  "g",
);

/**
 * A prompt the command shows in a terminal and what the user types at it: each key (a string sent
 * as is) half a second after the one before, starting once `prompt` is on the screen.
 */
export interface Answer {
  prompt: string;
  keys: string[];
}

/** In a terminal (`script`), typing `ENGINE_KEYS` (split at \x1f) once `ENGINE_PROMPT` is on screen. */
const ANSWERING = [
  "d=$(mktemp -d)",
  '( until grep -qF -- "$ENGINE_PROMPT" "$d/log" 2>/dev/null; do [ -e "$d/done" ] && exit 0; sleep 0.2; done',
  "  IFS=$'\\x1f' read -ra keys <<<\"$ENGINE_KEYS\"",
  '  for k in "${keys[@]}"; do sleep 0.5; printf %s "$k"; done',
  ') | { script -qfec "$ENGINE_SCRIPT" "$d/log"; rc=$?; touch "$d/done"; exit $rc; }',
  'rc=$?; rm -rf "$d"; exit $rc',
].join("\n");

/**
 * Runs one command line in the workspace (or its folder `cwd`), after its `export` lines; bounded by
 * `timeout` (the CLI is never cut mid-output: all of it is kept). `tty` gives it a terminal, as
 * `pulumi up` asks for one; `answer` also types at its prompt, as a user would.
 */
export function sh(
  ws: Workspace,
  command: string,
  opts: { tty?: boolean; answer?: Answer; timeoutSeconds?: number; cwd?: string } = {},
): Result {
  if (/^export /.test(command)) ws.exports.push(command);
  const script = [...ws.exports, command].join("\n");
  const bound = ["timeout", "--kill-after=10", String(opts.timeoutSeconds ?? 180)];
  const argv = opts.answer
    ? [...bound, "bash", "-c", ANSWERING]
    : opts.tty
      ? [...bound, "script", "-qec", script, "/dev/null"]
      : [...bound, "bash", "-c", script];
  const env = opts.answer
    ? {
        ...ws.env,
        ENGINE_SCRIPT: script,
        ENGINE_PROMPT: opts.answer.prompt,
        ENGINE_KEYS: opts.answer.keys.join("\x1f"),
      }
    : ws.env;
  const start = process.hrtime.bigint();
  const run = spawnSync(argv[0], argv.slice(1), {
    cwd: join(ws.dir, opts.cwd ?? ""),
    env,
    input: "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = `${run.stdout}${run.stderr}`.replace(ANSI, "").replace(/\r\n?/g, "\n");
  return { code: run.status ?? -1, output, seconds };
}

/** Resource types the stack's state holds. */
export function stackResources(ws: Workspace, stack: string): string[] {
  const r = sh(ws, `npm run --silent pulumi -- stack export --stack ${stack}`);
  if (r.code !== 0) throw new Error(`stack export failed:\n${r.output}`);
  const json = r.output.slice(r.output.indexOf("{"));
  const state = JSON.parse(json) as { deployment: { resources?: { type: string }[] } };
  return (state.deployment.resources ?? []).map((x) => x.type);
}
export function errorLines(output: string): string[] {
  return output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("error:"));
}

/** The `error:` lines of a CLI run. */

/** The run stopped at the AWS provider boundary and nowhere else, without a stack trace. */
export function atBoundary(r: Result): void {
  expect(r.code, r.output).to.not.equal(0);
  expect(r.output).to.include(AWS_BOUNDARY);
  expect(new Set(errorLines(r.output)), r.output).to.deep.equal(new Set([AWS_BOUNDARY]));
  expect(r.output).to.not.match(/unhandled exception|^\s+at .+:\d+:\d+\)?$/m);
}

export interface QuickStart {
  ws: Workspace;
  /** The user id the Quick start set (the tests' walkthrough world's), which the docs' `<id>` stands for. */
  id: string;
  /** The EC2 client address it set. */
  host: string;
  /** The key it set. */
  key: string;
  /** The setup block's lines and what each did. */
  setup: [string, Result][];
}

let quickStart: QuickStart | undefined;

/**
 * A fresh copy after the README's Quick start setup block, run as written (npm ci, the passphrase, the
 * user id, client and key from the shell variables the README asks for, a preview of dev), the
 * variables set to the tests' own walkthrough world: once per run, shared by the engine tests.
 */
export function afterQuickStart(): QuickStart {
  if (quickStart) return quickStart;
  const ws = workspace(freshCopy());
  const id = WALKTHROUGH["msk-s3-sink:userId"];
  const host = "198.51.100.7";
  mkdirSync(join(ws.home, ".ssh"), { recursive: true });
  const keyFile = join(ws.home, ".ssh", `${id}-key-pair.pem`);
  spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", keyFile], { stdio: "ignore" });
  Object.assign(ws.env, { USER_ID: id, CLIENT_HOST: host, SSH_KEY_FILE: keyFile });
  const setup = readmeBlocks("## Quick start")[0].map((line): [string, Result] => [
    line,
    sh(ws, line, { timeoutSeconds: line === "npm ci" ? 600 : 180 }),
  ]);
  quickStart = { ws, id, host, key: readFileSync(keyFile, "utf8"), setup };
  return quickStart;
}
