/**
 * Stand-ins for the command-line tools the CI scripts call (aws, gh, curl, pulumi): an in-process
 * recorder for unit tests, and executables on PATH for tests that spawn the scripts. Both record every
 * call's argv and answer from a list of replies matched against the joined arguments.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ran, Runner } from "../../scripts/ci/run";

/** One recorded call. */
export interface Call {
  cmd: string;
  args: string[];
}

/** An answer for calls whose `cmd args…` matches `match` (first match wins; default: exit 0, no output). */
export interface Reply {
  match: RegExp;
  status?: number;
  stdout?: string;
  stderr?: string;
}

const answer = (replies: Reply[], line: string): Ran => {
  const r = replies.find((x) => x.match.test(line));
  return { status: r?.status ?? 0, stdout: r?.stdout ?? "", stderr: r?.stderr ?? "" };
};

/** A Runner that records calls instead of running them. */
export function recorder(replies: Reply[] = []): { run: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const run: Runner = (cmd, args) => {
    calls.push({ cmd, args });
    return answer(replies, [cmd, ...args].join(" "));
  };
  return { run, calls };
}

/** A fresh temp directory. */
export const tempDir = (prefix = "msk-s3-sink-ci-") => mkdtempSync(join(tmpdir(), prefix));

/** Executables named `tools` in a temp bin dir that log `{cmd, args}` lines and answer from `replies`. */
export function pathStubs(
  tools: string[],
  replies: { match: string; status?: number; stdout?: string; stderr?: string }[],
) {
  const dir = tempDir();
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const log = join(dir, "calls.jsonl");
  writeFileSync(join(dir, "replies.json"), JSON.stringify(replies));
  const body = [
    "#!/usr/bin/env node",
    'const fs = require("fs"), path = require("path");',
    "const cmd = path.basename(process.argv[1]), args = process.argv.slice(2);",
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ cmd, args }) + "\\n");`,
    `const replies = JSON.parse(fs.readFileSync(${JSON.stringify(join(dir, "replies.json"))}, "utf8"));`,
    'const r = replies.find((x) => new RegExp(x.match).test([cmd, ...args].join(" "))) || {};',
    'process.stdout.write(r.stdout || ""); process.stderr.write(r.stderr || ""); process.exit(r.status || 0);',
  ].join("\n");
  for (const t of tools) {
    writeFileSync(join(bin, t), body);
    chmodSync(join(bin, t), 0o755);
  }
  const calls = (): Call[] => {
    try {
      return readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Call);
    } catch {
      return [];
    }
  };
  return { dir, bin, calls };
}

/** Collects what the scripts print with console.log during each test of the calling suite (and keeps the test output clean). */
export function capturePrinted(): string[] {
  const printed: string[] = [];
  const original = console.log;
  beforeEach(() => {
    printed.length = 0;
    console.log = (...parts: unknown[]) => void printed.push(parts.map(String).join(" "));
  });
  afterEach(() => {
    console.log = original;
  });
  return printed;
}
